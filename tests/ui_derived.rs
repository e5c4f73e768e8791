//! Derived series in the real app: an equal-weight index made in the "New derived series"
//! dialog from chosen series or from a file's series, with its preview; derived series marked in
//! the Data panel; the return basis edited there and the note a chart carries when it mixes
//! bases; removing an input asks what to do with the series built on it; undo covers it all.

mod app_harness;

use std::path::{Path, PathBuf};

use app_harness::{app, import_through_preview, real_fixture};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::derive::{ReturnBasis, parse_definition};
use rotation_lens::ui::RotationLensApp;
use rotation_lens::ui::command::Command;

fn derived_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference/derived")
        .join(name)
}

/// A new workspace in `dir` with `files` imported at once (one series each, without warnings).
fn with_files(dir: &Path, files: Vec<PathBuf>) -> Harness<'static, RotationLensApp> {
    let count = files.len();
    app_harness::with_files(dir, "derived", files, count)
}

#[test]
fn an_equal_weight_index_is_made_in_the_dialog_with_a_live_preview() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = with_files(
        dir.path(),
        vec![
            real_fixture("yfinance/SPY.csv"),
            real_fixture("yfinance/IWM.csv"),
            real_fixture("yfinance/^RUT.csv"),
        ],
    );
    harness.get_by_label("New derived…").click();
    // A window and a popup are laid out unseen in their first frame.
    harness.run_steps(4);
    harness
        .get_by_label("Equal-weight index of these series")
        .click();
    harness.run_steps(4);
    // One series is not an index yet.
    harness.get_by_label("In the index: SPY").click();
    harness.run_steps(4);
    harness.get_by_label("Choose at least two series.");
    harness.get_by_label("In the index: IWM").click();
    harness.run_steps(4);
    // The preview starts when both have a value: IWM's first date.
    harness.get_by_label_contains("Preview: 5658 observations, 2000-05-26 … 2022-11-18");
    harness.get_by_label("Equal weight (SPY, IWM) = composite(0.5*SPY, 0.5*IWM)");
    harness.get_by_label("Create").click();
    harness.run_steps(3);
    let workspace = harness.state().workspace();
    let made = workspace
        .series_named("Equal weight (SPY, IWM)")
        .unwrap_or_else(|| panic!("no basket"));
    assert_eq!(made.series.len(), 5658);
    assert_eq!(made.series.values()[0], 100.0);
    assert_eq!(
        workspace.derived[0].to_string(),
        "Equal weight (SPY, IWM) = composite(0.5*SPY, 0.5*IWM)"
    );
    // Marked in the Data panel with its definition.
    harness.get_by_label(
        "Equal weight (SPY, IWM) is derived: Equal weight (SPY, IWM) = composite(0.5*SPY, 0.5*IWM)",
    );
    // Undo takes it away, definition and all.
    harness.state_mut().queue(Command::Undo);
    harness.run_steps(4);
    assert!(harness.state().workspace().derived.is_empty());
    assert_eq!(harness.state().workspace().series.len(), 3);
}

#[test]
fn a_files_series_make_an_equal_weight_index_at_one_click() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = app(
        dir.path(),
        vec![vec![real_fixture("shiller/data.csv")]],
        vec![dir.path().join("derived.rlens")],
    );
    harness.run_steps(3);
    import_through_preview(&mut harness);
    assert_eq!(harness.state().workspace().series.len(), 9);
    harness.state_mut().queue(Command::NewDerivedDialog);
    harness.run_steps(4);
    harness
        .get_by_label("Equal-weight index of these series")
        .click();
    harness.run_steps(4);
    harness.get_by_label("data.csv").click();
    harness.run_steps(4);
    harness.get_by_label_contains("Preview: ");
    harness.get_by_label("Create").click();
    harness.run_steps(3);
    let workspace = harness.state().workspace();
    assert_eq!(workspace.derived.len(), 1);
    assert_eq!(workspace.derived[0].derivation.inputs().len(), 9);
    assert_eq!(workspace.series.len(), 10);
}

#[test]
fn the_chart_notes_mixed_bases_and_the_basis_is_edited_in_the_data_panel() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = with_files(
        dir.path(),
        vec![
            real_fixture("yfinance/^RUT.csv"),
            real_fixture("yfinance/SPY.csv"),
        ],
    );
    harness.get_by_label("Note: ^RUT is a price return, SPY includes dividends");
    harness.get_by_label("Return basis of SPY").click();
    harness.run_steps(4);
    harness.get_by_label("price return").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().workspace().return_basis("SPY"),
        ReturnBasis::PriceReturn
    );
    assert!(
        harness
            .query_all_by_label_contains("Note: ")
            .next()
            .is_none()
    );
    harness.state_mut().queue(Command::Undo);
    harness.run_steps(3);
    assert_eq!(
        harness.state().workspace().return_basis("SPY"),
        ReturnBasis::Adjusted
    );
    harness.get_by_label("Note: ^RUT is a price return, SPY includes dividends");
}

/// Clicks Remove in SPY close's row (the files finish importing in either order).
fn remove_spy_close(harness: &mut Harness<'static, RotationLensApp>) {
    let row = harness
        .state()
        .workspace()
        .position_of("SPY close")
        .unwrap_or_else(|| panic!("no SPY close"));
    harness
        .get_all_by_label("Remove")
        .nth(row)
        .unwrap_or_else(|| panic!("no Remove"))
        .click();
}

#[test]
fn removing_an_input_asks_what_to_do_with_the_series_built_on_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut harness = with_files(
        dir.path(),
        vec![
            derived_fixture("SPY close.csv"),
            derived_fixture("SPY dividends.csv"),
        ],
    );
    let definition = parse_definition("SPY TR = total_return(SPY close, SPY dividends, cash)")
        .unwrap_or_else(|e| panic!("{e}"));
    harness
        .state_mut()
        .queue(Command::AddDerived(definition.clone()));
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().series.len(), 3);
    // The total return beside its price: the chart says which includes dividends.
    harness.get_by_label("Note: SPY close is a price return, SPY TR includes dividends");
    remove_spy_close(&mut harness);
    harness.run_steps(4);
    harness.get_by_label("1 derived series is built on SPY close: SPY TR.");
    assert_eq!(harness.state().workspace().series.len(), 3);
    harness.get_by_label("Remove them too").click();
    harness.run_steps(3);
    let names: Vec<String> = harness
        .state()
        .workspace()
        .series
        .iter()
        .map(|s| s.name().to_string())
        .collect();
    assert_eq!(names, ["SPY dividends"]);
    harness.state_mut().queue(Command::Undo);
    harness.run_steps(3);
    assert_eq!(harness.state().workspace().series.len(), 3);
    assert_eq!(harness.state().workspace().derived, vec![definition]);

    // This time the total return stays, with its values, as a plain series.
    let last = harness
        .state()
        .workspace()
        .series_named("SPY TR")
        .and_then(|s| s.series.last());
    remove_spy_close(&mut harness);
    harness.run_steps(4);
    harness
        .get_by_label("Keep them with their current values")
        .click();
    harness.run_steps(3);
    let workspace = harness.state().workspace();
    assert!(workspace.derived.is_empty());
    let kept = workspace
        .series_named("SPY TR")
        .unwrap_or_else(|| panic!("SPY TR removed"));
    assert_eq!(kept.series.last(), last);
    assert_eq!(
        workspace.return_basis("SPY TR"),
        ReturnBasis::TotalReturnGross
    );
}
