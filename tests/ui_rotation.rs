//! The Rotation tab driven like a user would, on the real Yahoo files as of 2020-11-13: the
//! tails drawn against SPY, the benchmark, period and window controls, playback and the date
//! slider. Runs without a GPU or a display.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rotation_lens::analytics::RotationPeriod;
use rotation_lens::import::{ImportOptions, import_file};
use rotation_lens::model::Date;
use rotation_lens::ui::chart_area::{self, ChartOutput, ChartView};
use rotation_lens::ui::command::Command;
use rotation_lens::workspace::{ChartSettings, ChartTab, Workspace};

struct App {
    workspace: Workspace,
    view: ChartView,
    commands: Vec<Command>,
    output: Option<ChartOutput>,
}

impl App {
    fn apply(&mut self) {
        for command in self.commands.drain(..) {
            match command {
                Command::SetChart(settings) => self.workspace.chart = settings,
                other => panic!("unexpected command {other:?}"),
            }
        }
    }
}

fn five() -> Workspace {
    let mut workspace = Workspace::empty();
    for name in ["^RUT", "^NDX", "IWM", "QQQ", "SPY"] {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/real/yfinance")
            .join(format!("{name}.csv"));
        for series in import_file(&path, &ImportOptions::default())
            .unwrap()
            .series
        {
            workspace.add_series(series);
        }
    }
    workspace.chart.tab = ChartTab::Rotation;
    workspace
}

fn as_of() -> Option<Date> {
    Date::parse_iso("2020-11-13")
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
        .with_step_dt(0.05)
        .build_ui_state(
            |ui, app: &mut App| {
                let output = chart_area::show(
                    ui,
                    &app.workspace,
                    as_of(),
                    &mut app.view,
                    &mut app.commands,
                );
                app.output = Some(output);
            },
            app,
        );
    harness.run_steps(2);
    harness
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
fn the_tails_are_drawn_against_spy_with_names_and_quadrants() {
    let harness = harness(five());
    assert!(harness.state().output.as_ref().unwrap().plot_rect.is_some());
    harness.get_by_label("Rotation (RRG-style) against SPY, weekly, window 14, as of 2020-11-13");
    // The slider's date.
    harness.get_by_label("2020-11-13");
    // The range presets mean nothing here and are not offered.
    assert!(harness.query_by_label("1Y").is_none());
}

#[test]
fn period_and_benchmark_are_chosen_in_the_toolbar() {
    let mut harness = harness(five());
    harness.get_by_label("Daily").click();
    harness.run_steps(2);
    let sent = settings(&harness);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].rotation.period, RotationPeriod::Daily);
    assert_eq!(sent[0].tab, ChartTab::Rotation);
    harness.state_mut().apply();
    harness.run_steps(2);
    harness.get_by_label("Rotation (RRG-style) against SPY, daily, window 14, as of 2020-11-13");
    harness.get_by_label("Benchmark series").click();
    harness.run_steps(2);
    harness.get_by_label("QQQ").click();
    harness.run_steps(2);
    let sent = settings(&harness);
    assert_eq!(
        sent.last().unwrap().rotation.benchmark.as_deref(),
        Some("QQQ")
    );
    harness.state_mut().apply();
    harness.run_steps(2);
    harness.get_by_label("Rotation (RRG-style) against QQQ, daily, window 14, as of 2020-11-13");
}

#[test]
fn play_steps_the_date_from_the_start_and_pause_holds_it() {
    let mut harness = harness(five());
    harness.get_by_label("▶ Play").click();
    harness.run_steps(1);
    // At the latest date, playing starts over from the benchmark's first week.
    harness.get_by_label("2000-01-07");
    harness.run_steps(10);
    let later = harness.state().view_date().unwrap();
    assert!(later > Date::parse_iso("2000-01-21").unwrap(), "{later}");
    harness.get_by_label("⏸ Pause").click();
    harness.run_steps(1);
    let paused = harness.state().view_date().unwrap();
    harness.run_steps(10);
    assert_eq!(harness.state().view_date(), Some(paused));
    harness.get_by_label(&paused.to_string());
    // "Latest" goes back to the app's as-of date.
    harness.get_by_label("Latest").click();
    harness.run_steps(2);
    harness.get_by_label("2020-11-13");
    assert!(harness.state().commands.is_empty());
}

impl App {
    fn view_date(&self) -> Option<Date> {
        self.view.rotation_date()
    }
}

#[test]
fn export_chart_data_writes_the_points_drawn() {
    let harness = harness(five());
    let data = &harness.state().output.as_ref().unwrap().data;
    let csv = String::from_utf8(rotation_lens::export::visible_data_csv(data).unwrap()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Series,Date,RS-Ratio,RS-Momentum,Quadrant");
    // Four series against SPY, ten weekly points each, oldest first.
    assert_eq!(lines.len(), 1 + 4 * 10);
    assert_eq!(
        lines[1],
        "^RUT,2020-09-11,98.68814376834338,100.34287231753916,Improving"
    );
    assert_eq!(
        lines[10],
        "^RUT,2020-11-13,102.06100353539395,101.0067680519299,Leading"
    );
    assert_eq!(
        lines[20],
        "^NDX,2020-11-13,98.8555898039749,97.46338626418543,Lagging"
    );
    assert!(lines[40].starts_with("QQQ,2020-11-13,"), "{}", lines[40]);
}
