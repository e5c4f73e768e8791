//! The metrics table and the findings, driven like a user would: values computed here appear
//! in the table, headers sort it, the buttons copy and export, the as-of field sends its date,
//! and a finding focuses the chart. Runs without a GPU or a display.

#![allow(clippy::unwrap_used)]

use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::analytics::{Analysis, FindingKind, MetricsOptions, analyse};
use rotation_lens::metrics_rows::{Direction, ExportValue};
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::ui::command::Command;
use rotation_lens::ui::findings_panel;
use rotation_lens::ui::metrics_table::{self, MetricsTableState};
use rotation_lens::workspace::{Focus, SpreadDefinition, Workspace};

struct App {
    analysis: Analysis,
    workspace: Workspace,
    state: MetricsTableState,
    commands: Vec<Command>,
}

fn daily(name: &str, kind: SeriesKind, closes: &[f64]) -> Series {
    let start = Date::from_ymd(2024, 1, 1).unwrap();
    let dates = (0..closes.len())
        .map(|i| start.plus_days(i as i32).unwrap())
        .collect();
    Series::new(name, kind, Source::default(), dates, closes.to_vec()).unwrap()
}

fn app() -> App {
    let mut workspace = Workspace::empty();
    workspace.add_series(daily(
        "Steady",
        SeriesKind::Price,
        &[100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 108.15],
    ));
    workspace.add_series(daily(
        "Falling",
        SeriesKind::Price,
        &[80.0, 79.0, 78.0, 77.0, 76.0, 75.0, 72.0],
    ));
    workspace.add_series(daily(
        "PE",
        SeriesKind::Valuation,
        &[20.0, 21.0, 22.0, 21.0, 20.0, 19.0, 18.0],
    ));
    workspace.add_series(daily(
        "Yield",
        SeriesKind::Rate,
        &[4.0, 4.0, 4.5, 4.5, 5.0, 5.0, 5.5],
    ));
    workspace.spreads.push(SpreadDefinition {
        name: "Valuation gap".into(),
        a: "PE".into(),
        b: "Yield".into(),
    });
    let series: Vec<&Series> = workspace.series.iter().map(|s| s.series.as_ref()).collect();
    let pe = &workspace.series[2].series;
    let rate = &workspace.series[3].series;
    let analysis = analyse(&series, &[(pe, rate)], &MetricsOptions::default());
    App {
        analysis,
        workspace,
        state: MetricsTableState::default(),
        commands: Vec::new(),
    }
}

fn table_harness(app: App) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 600.0])
        .build_ui_state(
            |ui, app: &mut App| {
                metrics_table::show(
                    ui,
                    &app.analysis,
                    1,
                    &app.workspace,
                    &mut app.state,
                    &mut app.commands,
                );
            },
            app,
        );
    harness.run();
    harness
}

#[test]
fn shows_values_computed_independently() {
    let harness = table_harness(app());
    // 1D of Steady: 108.15 / 105 − 1 = +3.00 %; of Falling: 72 / 75 − 1 = −4.00 %.
    let steady = 108.15_f64 / 105.0 - 1.0;
    assert!((steady - 0.03).abs() < 1e-12);
    harness.get_by_label("+3.00%");
    // Falling's 1D is also the year's worst day.
    assert_eq!(harness.query_all_by_label("-4.00%").count(), 2);
    // The last close and the as-of date.
    harness.get_by_label("108.15");
    assert!(harness.query_all_by_label("2024-01-07").count() >= 2);
    // The spread section, named as the workspace names it: PE − Yield = 18 − 5.5.
    harness.get_by_label("Valuation gap");
    harness.get_by_label("12.50");
    // A 5-session move header, with its definition on hover.
    harness.get_by_label("5-session move");
}

#[test]
fn clicking_a_header_sorts_the_rows() {
    let mut harness = table_harness(app());
    let top = |harness: &Harness<'_, App>, name: &str| harness.get_by_label(name).rect().top();
    // In the workspace's order first.
    assert!(top(&harness, "Steady") < top(&harness, "Falling"));
    harness.get_by_label("1D").click();
    harness.run();
    let sorted = harness.state().state.series_sort.unwrap();
    assert_eq!(sorted.1, Direction::Descending);
    // Largest 1D first: Steady (+3 %), PE (−5.26 %)… Falling (−4 %) comes before PE.
    assert!(top(&harness, "Steady") < top(&harness, "Falling"));
    assert!(top(&harness, "Falling") < top(&harness, "PE"));
    harness.get_by_label("1D").click();
    harness.run();
    assert_eq!(
        harness.state().state.series_sort.unwrap().1,
        Direction::Ascending
    );
    assert!(top(&harness, "PE") < top(&harness, "Falling"));
    assert!(top(&harness, "Falling") < top(&harness, "Steady"));
    // By name, ascending: Falling, PE, Steady, Yield.
    harness.get_by_label("Series").click();
    harness.run();
    assert!(top(&harness, "Falling") < top(&harness, "PE"));
    assert!(top(&harness, "Steady") < top(&harness, "Yield"));
}

#[test]
fn buttons_copy_export_and_set_the_as_of_date() {
    let mut harness = table_harness(app());
    harness.get_by_label("Copy as TSV").click();
    // The frame that handles the click is the one whose output carries the copy.
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            eframe::egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("text was copied");
    let lines: Vec<&str> = copied.lines().collect();
    // The columns as the table shows them: the default order puts the figures read most first.
    assert!(lines[0].starts_with("Series\tLast\t1D\t5D\tYTD\t1Y\t1M\t"));
    assert!(lines[1].starts_with("Steady\t108.15\t+3.00%\t"));
    assert!(copied.contains("Valuation gap\t2024-01-07\t12.50\t"));

    harness.get_by_label("Export CSV…").click();
    harness.run();
    assert_eq!(harness.state().commands, [Command::ExportMetricsCsvDialog]);
    // What the export writes: both tables, percentages in percent.
    let app = harness.state();
    let tables = app.state.export_tables(&app.analysis, &app.workspace);
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0].0[2], "1D (%)");
    let steady_1d = match &tables[0].1[0][2] {
        ExportValue::Number(value) => *value,
        other => panic!("not a number: {other:?}"),
    };
    assert!((steady_1d - 3.0).abs() < 1e-9);
    assert_eq!(tables[1].1[0][0], ExportValue::Text("Valuation gap".into()));
    harness.state_mut().commands.clear();

    let field = harness.get_by_role(Role::TextInput);
    assert_eq!(field.value().as_deref(), Some("2024-01-07"));
    field.set_text_value_accesskit("2024-01-05");
    harness.run();
    harness.get_by_role(Role::TextInput).focus();
    harness.run();
    harness.key_press(eframe::egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().commands,
        [Command::SetAsOf(Date::from_ymd(2024, 1, 5))]
    );
}

#[test]
fn clicking_a_finding_focuses_the_chart_on_it() {
    let app = app();
    let findings = app.analysis.findings.clone();
    let first = findings
        .iter()
        .find(|f| f.kind != FindingKind::Rounding)
        .unwrap()
        .clone();
    let mut harness = Harness::builder().with_size([900.0, 400.0]).build_ui_state(
        |ui, commands: &mut Vec<Command>| {
            findings_panel::show(ui, &findings, commands);
        },
        Vec::new(),
    );
    harness.run();
    harness.get_by_label(&format!("• {}", first.text)).click();
    harness.run();
    assert_eq!(
        harness.state().as_slice(),
        [Command::Focus(Focus::of(&first))]
    );
    assert!(
        first.series.contains(&"Steady".to_string())
            || first.series.contains(&"Falling".to_string())
    );
    harness.get_by_label(rotation_lens::analytics::ROUNDING_NOTE);
}
