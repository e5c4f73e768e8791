//! The chart area, driven like a user would: tabs, range buttons, custom dates, the legend, the
//! pair prompt and the crosshair read-out, on a small generated workspace. Runs without a GPU
//! or a display.

#![allow(clippy::unwrap_used)]

use eframe::egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::number_format::grouped;
use rotation_lens::ui::chart_area::{self, ChartOutput, ChartView};
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::{
    ChartRange, ChartSettings, ChartTab, RangePreset, SeriesPair, Workspace,
};

/// What the test app holds: the document, the chart's runtime state, and what came out.
struct App {
    workspace: Workspace,
    view: ChartView,
    commands: Vec<Command>,
    output: Option<ChartOutput>,
}

impl App {
    /// Applies the commands as the app would, and forgets them.
    fn apply(&mut self) {
        for command in self.commands.drain(..) {
            match command {
                Command::SetChart(settings) => self.workspace.chart = settings,
                Command::SetVisible(name, visible) => {
                    if let Some(index) = self.workspace.position_of(&name) {
                        self.workspace.series[index].visible = visible;
                    }
                }
                other => panic!("unexpected command {other:?}"),
            }
        }
    }
}

/// Weekdays from 2021-01-04 (a Monday), `n` of them.
fn weekdays(n: usize) -> Vec<Date> {
    let mut dates = Vec::with_capacity(n);
    let mut day = Date::from_ymd(2021, 1, 4).unwrap();
    while dates.len() < n {
        // 1970-01-05 was a Monday.
        if (day.day_number() - 4).rem_euclid(7) < 5 {
            dates.push(day);
        }
        day = day.plus_days(1).unwrap();
    }
    dates
}

fn series(name: &str, kind: SeriesKind, closes: Vec<f64>) -> Series {
    Series::new(
        name,
        kind,
        Source::default(),
        weekdays(closes.len()),
        closes,
    )
    .unwrap()
}

/// Three price series over about two and a half years of sessions, and a valuation.
fn workspace() -> Workspace {
    let n = 650;
    let mut workspace = Workspace::empty();
    workspace.add_series(series(
        "Alpha",
        SeriesKind::Price,
        (0..n).map(|i| 100.0 + i as f64 * 0.5).collect(),
    ));
    workspace.add_series(series(
        "Beta",
        SeriesKind::Price,
        (0..n)
            .map(|i| 50.0 + (i as f64 * 0.05).sin() * 5.0)
            .collect(),
    ));
    workspace.add_series(series(
        "Gamma",
        SeriesKind::Price,
        (0..n).map(|i| 200.0 - i as f64 * 0.1).collect(),
    ));
    workspace.add_series(series(
        "PE",
        SeriesKind::Valuation,
        (0..n).map(|i| 15.0 + (i % 40) as f64 * 0.1).collect(),
    ));
    workspace
}

fn harness(workspace: Workspace) -> Harness<'static, App> {
    let app = App {
        workspace,
        view: ChartView::default(),
        commands: Vec::new(),
        output: None,
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(
            |ui, app: &mut App| {
                let output =
                    chart_area::show(ui, &app.workspace, None, &mut app.view, &mut app.commands);
                app.output = Some(output);
            },
            app,
        );
    harness.run();
    harness
}

/// The names of the lines the chart drew in the last frame, joined by commas.
fn line_names(harness: &Harness<'_, App>) -> String {
    harness
        .state()
        .output
        .as_ref()
        .unwrap()
        .data
        .names()
        .join(", ")
}

fn settings(harness: &Harness<'_, App>) -> Vec<ChartSettings> {
    harness
        .state()
        .commands
        .iter()
        .filter_map(|c| match c {
            Command::SetChart(settings) => Some(settings.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn tabs_switch_and_emit_set_chart() {
    let mut harness = harness(workspace());
    assert!(harness.state().output.as_ref().unwrap().plot_rect.is_some());
    harness.get_by_label("Drawdown").click();
    harness.run();
    let sent = settings(&harness);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].tab, ChartTab::Drawdown);
    harness.state_mut().apply();
    harness.run();
    let names = line_names(&harness);
    assert_eq!(
        names,
        "Alpha (drawdown %), Beta (drawdown %), Gamma (drawdown %), PE (drawdown %)"
    );
    // Switching to the relative chart picks the first two price series.
    harness.get_by_label("Relative").click();
    harness.run();
    let sent = settings(&harness);
    assert_eq!(sent[0].tab, ChartTab::Relative);
    assert_eq!(
        sent[0].relative_pair,
        Some(SeriesPair::new("Alpha", "Beta"))
    );
    harness.state_mut().apply();
    harness.run();
    let output = harness.state().output.as_ref().unwrap();
    assert_eq!(output.data.names(), ["Alpha / Beta", "Alpha% − Beta% (pp)"]);
}

#[test]
fn a_range_preset_click_emits_that_preset() {
    let mut harness = harness(workspace());
    harness.get_by_label("1Y").click();
    harness.run();
    let sent = settings(&harness);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].range, ChartRange::Preset(RangePreset::OneYear));
    assert_eq!(sent[0].tab, ChartTab::Performance);
    harness.state_mut().apply();
    harness.run();
    // One year back from the last session, rebased there: every line starts at 100.
    let table = harness.state().output.as_ref().unwrap().data.table();
    let last = *weekdays(650).last().unwrap();
    assert_eq!(table.dates.last(), Some(&last));
    let first = table.dates[0];
    assert_eq!(first, last.minus_years(1).unwrap());
    assert_eq!(table.columns[0].values[0], Some(100.0));
}

#[test]
fn custom_dates_are_applied_and_checked() {
    let mut harness = harness(workspace());
    let from_field = || harness.get_all_by_role(Role::TextInput).next().unwrap();
    assert_eq!(from_field().value().as_deref(), Some("2021-01-04"));
    from_field().set_text_value_accesskit("2021-01-04x");
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
    assert!(settings(&harness).is_empty());
    harness.get_by_label("From: use a date like 2024-03-28");
    let from_field = harness.get_all_by_role(Role::TextInput).next().unwrap();
    assert_eq!(from_field.value().as_deref(), Some("2021-01-04x"));
    from_field.set_text_value_accesskit("2022-02-01");
    harness.run();
    harness.get_by_label("Apply").click();
    harness.run();
    let sent = settings(&harness);
    assert_eq!(sent.len(), 1);
    let last = *weekdays(650).last().unwrap();
    assert_eq!(
        sent[0].range,
        ChartRange::Custom {
            from: Date::from_ymd(2022, 2, 1).unwrap(),
            to: last
        }
    );
}

#[test]
fn the_legend_hides_and_shows_series() {
    let mut harness = harness(workspace());
    harness
        .get_by_role_and_label(Role::CheckBox, "Beta")
        .click();
    harness.run();
    assert_eq!(
        harness.state().commands,
        [Command::SetVisible("Beta".into(), false)]
    );
    harness.state_mut().apply();
    harness.run();
    assert!(harness.state().commands.is_empty(), "the legend now agrees");
    let names = line_names(&harness);
    assert_eq!(
        names,
        "Alpha (rebased 100), Gamma (rebased 100), PE (rebased 100)"
    );
    // The hidden series keeps its legend entry, so it can come back.
    harness
        .get_by_role_and_label(Role::CheckBox, "Beta")
        .click();
    harness.run();
    assert_eq!(
        harness.state().commands,
        [Command::SetVisible("Beta".into(), true)]
    );
}

#[test]
fn the_crosshair_reads_every_visible_series_at_the_hovered_date() {
    let mut harness = harness(workspace());
    assert_eq!(
        harness.query_all_by_label("Alpha").count(),
        1,
        "the legend only"
    );
    let rect = harness.state().output.as_ref().unwrap().plot_rect.unwrap();
    harness.hover_at(rect.center());
    harness.run();
    // The read-out names each series next to the legend.
    assert_eq!(harness.query_all_by_label("Alpha").count(), 2);
    assert_eq!(harness.query_all_by_label("Gamma").count(), 2);
    // Its header is the hovered date; Alpha there is its rebased close, computed here.
    let dates = weekdays(650);
    let header = harness.get_by(|node| {
        node.role() == Role::Label && node.value().is_some_and(|v| Date::parse_iso(&v).is_some())
    });
    let hovered = Date::parse_iso(&header.value().unwrap()).unwrap();
    let index = dates.partition_point(|d| *d <= hovered) - 1;
    let alpha = 100.0 + index as f64 * 0.5;
    let expected = grouped(100.0 * alpha / 100.0, 2);
    harness.get_by_label(&expected);
}

#[test]
fn a_pair_tab_without_a_pair_prompts_with_the_suggestion() {
    let mut workspace = workspace();
    workspace.chart.tab = ChartTab::Spread;
    let mut harness = harness(workspace);
    harness.get_by_label("Pick two series");
    assert!(harness.state().output.as_ref().unwrap().plot_rect.is_none());
    // One valuation only: the suggestion falls back to the first two series.
    harness.get_by_label("Show Alpha and Beta").click();
    harness.run();
    let sent = settings(&harness);
    assert_eq!(sent[0].spread_pair, Some(SeriesPair::new("Alpha", "Beta")));
    harness.state_mut().apply();
    harness.run();
    let output = harness.state().output.as_ref().unwrap();
    assert!(output.plot_rect.is_some());
    let names = output.data.names();
    // Two prices open as their ratio (relative strength), with its band.
    assert_eq!(
        sent[0].spread_mode,
        rotation_lens::workspace::SpreadMode::Ratio
    );
    assert_eq!(names, ["Alpha / Beta", "P10", "P50", "P90"]);
}

#[test]
fn no_series_shows_a_friendly_message() {
    let mut harness = harness(Workspace::empty());
    harness.get_by_label("Nothing to chart yet");
    assert!(harness.state().output.as_ref().unwrap().plot_rect.is_none());
    harness.get_by_label("Import files…").click();
    harness.run();
    assert_eq!(harness.state().commands, [Command::ImportDialog]);
}

#[test]
fn the_legend_hides_a_ratio_line_and_it_stays_hidden() {
    let mut workspace = workspace();
    workspace.chart.tab = ChartTab::Relative;
    workspace.chart.relative_pair = Some(SeriesPair::new("Alpha", "Beta"));
    let mut harness = harness(workspace);
    let checked = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::CheckBox, "Alpha / Beta")
            .accesskit_node()
            .toggled()
    };
    assert_eq!(checked(&harness), Some(Toggled::True));
    harness
        .get_by_role_and_label(Role::CheckBox, "Alpha / Beta")
        .click();
    harness.run();
    harness.run();
    assert_eq!(checked(&harness), Some(Toggled::False));
    assert!(
        harness.state().commands.is_empty(),
        "a ratio is no series: nothing in the workspace changes"
    );
}

#[test]
fn a_base_date_rebases_every_series_there() {
    let mut harness = harness(workspace());
    let dates = weekdays(650);
    let base = dates[100];
    harness
        .get_by_role_and_label(Role::TextInput, "Base")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Base")
        .type_text(&base.to_string());
    harness.run();
    harness.key_press(eframe::egui::Key::Enter);
    harness.run();
    let sent = settings(&harness);
    assert_eq!(sent.last().and_then(|s| s.base_date), Some(base));
    harness.state_mut().apply();
    harness.run();

    // Alpha closes at 100 + 0.5 i: rebased at session 100 (150), the lines start there at 100
    // and session 200 (200) reads 100 × 200/150.
    let table = harness.state().output.as_ref().unwrap().data.table();
    let alpha = table
        .columns
        .iter()
        .find(|c| c.name == "Alpha (rebased 100)")
        .unwrap();
    assert_eq!(table.dates[0], base);
    assert_eq!(alpha.values[0], Some(100.0));
    assert_eq!(table.dates[100], dates[200]);
    assert_eq!(alpha.values[100], Some(100.0 * 200.0 / 150.0));

    // "Range start" goes back to the range's first date.
    harness.get_by_label("Range start").click();
    harness.run();
    assert_eq!(settings(&harness).last().map(|s| s.base_date), Some(None));
}

#[test]
fn each_tab_says_what_it_draws_on_hover() {
    let mut harness = harness(workspace());
    harness.get_by_label("Spread").hover();
    harness.run();
    harness.get_by_label_contains("Spread of two series A and B");
    harness.get_by_label("Performance").hover();
    harness.run();
    harness.get_by_label_contains("Rebased: 100 × C_s / C_b for the sessions s from b on");
}

/// `count` price series named `Series 000`, `Series 001`, …, each a different straight line.
fn many_series(count: usize) -> Workspace {
    let mut workspace = Workspace::empty();
    for s in 0..count {
        workspace.add_series(series(
            &format!("Series {s:03}"),
            SeriesKind::Price,
            (0..300)
                .map(|i| 100.0 + (i * (s + 1)) as f64 * 0.01)
                .collect(),
        ));
    }
    workspace
}

#[test]
fn the_legend_sits_beside_the_plot_not_on_it() {
    for workspace in [workspace(), many_series(500)] {
        let harness = harness(workspace);
        let output = harness.state().output.as_ref().unwrap();
        let (plot, legend) = (output.plot_rect.unwrap(), output.legend_rect.unwrap());
        assert!(!plot.intersects(legend), "{plot:?} and {legend:?}");
        assert!(legend.min.x >= plot.max.x, "the legend is on the right");
        assert!(plot.width() >= 900.0, "the plot keeps most of the width");
        assert!(legend.width() >= 150.0);
    }
    // Few lines: no search field, no names at the line ends.
    let harness = harness(workspace());
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Search")
            .is_none()
    );
}

#[test]
fn the_legend_search_filters_the_entries() {
    let mut harness = harness(many_series(30));
    // Scrolled: the first entries are listed, not all thirty.
    harness.get_by_role_and_label(Role::CheckBox, "Series 000");
    assert!(
        harness
            .query_by_role_and_label(Role::CheckBox, "Series 029")
            .is_none()
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text("series 02");
    harness.run();
    harness.run();
    let entries: Vec<String> = harness
        .query_all_by_role(Role::CheckBox)
        .filter_map(|node| node.accesskit_node().label())
        .filter(|label| label.starts_with("Series"))
        .collect();
    let expected: Vec<String> = (20..30).map(|s| format!("Series {s:03}")).collect();
    assert_eq!(entries, expected);
    // The lines the search finds are named at their ends.
    let labels = &harness.state().output.as_ref().unwrap().end_labels;
    assert_eq!(labels, &expected);
    // Ticking a found entry hides its series as the Data panel would.
    harness
        .get_by_role_and_label(Role::CheckBox, "Series 025")
        .click();
    harness.run();
    assert_eq!(
        harness.state().commands,
        [Command::SetVisible("Series 025".into(), false)]
    );
}

#[test]
fn a_hovered_legend_entry_names_its_line_at_the_end() {
    let mut harness = harness(many_series(25));
    assert!(
        harness
            .state()
            .output
            .as_ref()
            .unwrap()
            .end_labels
            .is_empty()
    );
    harness
        .get_by_role_and_label(Role::CheckBox, "Series 003")
        .hover();
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().output.as_ref().unwrap().end_labels,
        ["Series 003"]
    );
}

#[test]
fn the_crosshair_lists_what_fits_and_counts_the_other_lines() {
    let mut harness = harness(many_series(120));
    let rect = harness.state().output.as_ref().unwrap().plot_rect.unwrap();
    harness.hover_at(rect.center());
    harness.run();
    let more = harness.get_by(|node| {
        node.role() == Role::Label
            && node.value().is_some_and(|v| {
                v.starts_with("… and ")
                    && v.ends_with(" more lines: hover one, or search the legend")
            })
    });
    let text = more.value().unwrap();
    let left_out: usize = text["… and ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // The plot is under 720 points high: far fewer than 60 rows of about 20 points fit.
    assert!((60..120).contains(&left_out), "{text}");
    // The first series is listed (beside its legend entry), the last is not.
    assert_eq!(harness.query_all_by_label("Series 000").count(), 2);
    assert_eq!(harness.query_all_by_label("Series 119").count(), 0);
}

/// The texts drawn inside `rect` in the last frame, as the glyphs show them.
fn drawn_texts(harness: &Harness<'_, App>, rect: eframe::egui::Rect) -> Vec<String> {
    harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            eframe::egui::Shape::Text(text) if rect.contains(text.pos) => Some(
                text.galley
                    .rows
                    .iter()
                    .flat_map(|row| row.glyphs.iter().map(|glyph| glyph.chr))
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

#[test]
fn a_long_legend_name_is_cut_with_an_ellipsis_and_whole_on_hover() {
    let long = "Technology Select Sector Total Return Index in US dollars, dividends reinvested";
    let mut workspace = workspace();
    workspace.add_series(series(
        long,
        SeriesKind::Price,
        (0..650).map(|i| 90.0 + i as f64 * 0.2).collect(),
    ));
    let mut harness = harness(workspace);
    let legend = harness
        .state()
        .output
        .as_ref()
        .unwrap()
        .legend_rect
        .unwrap();
    let texts = drawn_texts(&harness, legend);
    let cut = texts
        .iter()
        .find(|text| text.starts_with("Technology"))
        .unwrap();
    assert!(cut.ends_with('…'), "{cut:?}");
    assert!(cut.chars().count() < long.chars().count(), "{cut:?}");
    // Short names are drawn whole.
    assert!(texts.iter().any(|text| text == "Alpha"), "{texts:?}");
    // The checkbox still carries the whole name; hovering it shows the whole name too.
    let entry = harness.get_by_role_and_label(Role::CheckBox, long);
    entry.hover();
    harness.run();
    harness.run();
    assert_eq!(harness.query_all_by_label(long).count(), 2);
    // A short name brings no tooltip.
    harness
        .get_by_role_and_label(Role::CheckBox, "Alpha")
        .hover();
    harness.run();
    harness.run();
    assert_eq!(harness.query_all_by_label("Alpha").count(), 1);
}
