//! The Rotation tab (RRG-style): RS-Ratio across, RS-Momentum up, the four quadrants shaded and
//! labelled, each shown series as a tail fading toward the past with a marker and its name at
//! the last point; the benchmark, period, window and tail in the toolbar; a date slider and a
//! play button that steps the view's date through the benchmark's periods; a read-out of the
//! point under the pointer. The view is prepared by the core ([`prepare_rotation`]); this module
//! only draws it and keeps the playback's state.

use std::sync::Arc;

use eframe::egui::{self, Align2, Color32, RichText, Stroke};
use egui_plot::{
    Line, MarkerShape, Plot, PlotBounds, PlotPoint, PlotPoints, Points, Polygon, Text,
};

use crate::analytics::{Metric, Quadrant, RotationPeriod, RotationPoint};
use crate::chart::chart_table::RotationRow;
use crate::chart::rotation::{
    RotationChart, RotationProblem, default_benchmark, playback_dates, prepare_rotation,
    quadrant_color, quadrant_side, tail_opacity,
};
use crate::chart::visible_data::VisibleData;
use crate::model::Date;
use crate::workspace::{ChartSettings, RotationSettings, Workspace};

use super::super::accessible;
use super::super::command::Command;
use super::super::deferred_number::deferred_number;
use super::ChartOutput;
use super::plot::color;

/// Seconds between two steps of a playback.
const STEP_SECONDS: f64 = 0.12;

/// How close, in points, the pointer must be to a point for the read-out.
const HOVER_RADIUS: f32 = 14.0;

/// What identifies a prepared view: the settings, the date, and each series' data, colour and
/// visibility.
#[derive(Clone, Debug, PartialEq)]
struct ViewKey {
    settings: RotationSettings,
    at: Option<Date>,
    series: Vec<(usize, [u8; 3], bool)>,
}

/// What the tab keeps between frames: the playback, the unfinished edits of the toolbar and the
/// last prepared view.
#[derive(Default)]
pub struct RotationState {
    /// A playback is running.
    pub playing: bool,
    /// The date chosen on the slider or reached by the playback; `None` follows the app's
    /// as-of date.
    pub at: Option<Date>,
    last_step: f64,
    window_edit: Option<u32>,
    tail_edit: Option<u32>,
    view: Option<(ViewKey, Result<RotationChart, RotationProblem>)>,
    dates: Option<(ViewKey, Arc<Vec<Date>>)>,
    /// The axes' ranges held while a playback runs, so the chart does not jump.
    held: Option<((f64, f64), (f64, f64))>,
}

fn key(workspace: &Workspace, at: Option<Date>) -> ViewKey {
    ViewKey {
        settings: workspace.chart.rotation.clone(),
        at,
        series: workspace
            .series
            .iter()
            .map(|s| (Arc::as_ptr(&s.series) as usize, s.color, s.visible))
            .collect(),
    }
}

impl RotationState {
    /// The view as of `at`, prepared again only when something it depends on changed.
    fn view(
        &mut self,
        workspace: &Workspace,
        at: Option<Date>,
    ) -> Result<RotationChart, RotationProblem> {
        let key = key(workspace, at);
        if let Some((k, view)) = &self.view
            && *k == key
        {
            return view.clone();
        }
        let view = prepare_rotation(workspace, at);
        self.view = Some((key, view.clone()));
        view
    }

    /// The dates a playback steps through up to `as_of`.
    fn dates(&mut self, workspace: &Workspace, as_of: Option<Date>) -> Arc<Vec<Date>> {
        let key = key(workspace, as_of);
        if let Some((k, dates)) = &self.dates
            && *k == key
        {
            return Arc::clone(dates);
        }
        let dates = Arc::new(playback_dates(workspace, as_of));
        self.dates = Some((key, Arc::clone(&dates)));
        dates
    }
}

/// The toolbar's second row on the Rotation tab: "Benchmark [▾]  Weekly Daily  Window [n]
/// Tail [k]".
pub fn options(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    state: &mut RotationState,
    commands: &mut Vec<Command>,
) {
    let settings = &workspace.chart;
    let current = default_benchmark(workspace);
    ui.label("Benchmark");
    let combo = egui::ComboBox::from_id_salt("rotation-benchmark")
        .selected_text(current.clone().unwrap_or_else(|| "—".to_string()))
        .show_ui(ui, |ui| {
            for entry in &workspace.series {
                let name = entry.name();
                if ui
                    .selectable_label(current.as_deref() == Some(name), name)
                    .clicked()
                    && current.as_deref() != Some(name)
                {
                    commands.push(set(settings, |r| r.benchmark = Some(name.to_string())));
                }
            }
        });
    accessible::name(&combo.response, egui::Role::ComboBox, "Benchmark series");
    combo
        .response
        .on_hover_text("Every other series is measured against this one");
    ui.separator();
    for period in RotationPeriod::ALL {
        let selected = settings.rotation.period == period;
        if ui
            .selectable_label(selected, period.label())
            .on_hover_text(Metric::RotationAlignment.definition())
            .clicked()
            && !selected
        {
            state.at = None;
            commands.push(set(settings, |r| r.period = period));
        }
    }
    ui.separator();
    let unit = if settings.rotation.period == RotationPeriod::Weekly {
        " weeks"
    } else {
        " days"
    };
    if let Some(window) = deferred_number(
        ui,
        "Window",
        &mut state.window_edit,
        settings.rotation.window,
        2..=RotationSettings::MAX_WINDOW,
        unit,
        "n, the periods of the RS-Ratio and RS-Momentum z-scores",
    ) {
        commands.push(set(settings, |r| r.window = window));
    }
    if let Some(tail) = deferred_number(
        ui,
        "Tail",
        &mut state.tail_edit,
        settings.rotation.tail,
        1..=RotationSettings::MAX_TAIL,
        unit,
        "How many of each series' last points are drawn",
    ) {
        commands.push(set(settings, |r| r.tail = tail));
    }
}

fn set(settings: &ChartSettings, change: impl FnOnce(&mut RotationSettings)) -> Command {
    let mut new = settings.clone();
    change(&mut new.rotation);
    Command::SetChart(new)
}

/// Draws the tab as of `as_of` (the app's as-of date; the slider goes up to it).
pub fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    as_of: Option<Date>,
    state: &mut RotationState,
    suppress_hover: bool,
) -> ChartOutput {
    let dates = state.dates(workspace, as_of);
    if state
        .at
        .is_some_and(|at| as_of.is_some_and(|limit| at > limit))
    {
        state.at = None;
    }
    playback(ui, &dates, state);
    let at = state.at.or(as_of);
    let playing = state.playing;
    let held = state.held;
    let view = state.view(workspace, at);
    let chart = match view {
        Ok(chart) => chart,
        Err(problem) => {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading("No rotation view");
                ui.label(problem_text(&problem));
            });
            return ChartOutput::default();
        }
    };
    let (x_range, y_range) = if playing {
        let merged = held.map_or((chart.x_range, chart.y_range), |(x, y)| {
            (widen(x, chart.x_range), widen(y, chart.y_range))
        });
        state.held = Some(merged);
        merged
    } else {
        state.held = None;
        (chart.x_range, chart.y_range)
    };
    if !chart.too_short.is_empty() {
        ui.weak(format!(
            "Too little data before {} for a point (window {}): {}",
            chart
                .as_of
                .map_or_else(|| "this date".to_string(), |d| d.to_string()),
            chart.options.window,
            chart.too_short.join(", ")
        ));
    }
    if !chart.stopped.is_empty() {
        let names: Vec<String> = chart
            .stopped
            .iter()
            .map(|(name, last)| format!("{name} (to {last})"))
            .collect();
        ui.weak(format!(
            "Not drawn, their data stop before the view's date: {}",
            names.join(", ")
        ));
    }
    let rect = draw(ui, &chart, x_range, y_range, suppress_hover);
    ChartOutput {
        plot_rect: Some(rect),
        data: VisibleData::rotation(RotationRow::of_tails(&chart.tails)),
        ..ChartOutput::default()
    }
}

fn widen(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0.min(b.0), a.1.max(b.1))
}

fn problem_text(problem: &RotationProblem) -> String {
    match problem {
        RotationProblem::TooFewSeries => {
            "The rotation view measures series against a benchmark: import at least two."
                .to_string()
        }
        RotationProblem::Error(error) => format!("{}.", capitalise(&error.to_string())),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// "▶ Play / ⏸ Pause", the date slider and the date shown; steps the playback.
fn playback(ui: &mut egui::Ui, dates: &[Date], state: &mut RotationState) {
    let Some(&last) = dates.last() else {
        return;
    };
    let now = ui.input(|i| i.time);
    let mut index = state.at.map_or(dates.len() - 1, |at| {
        dates.partition_point(|d| *d <= at).saturating_sub(1)
    });
    ui.horizontal(|ui| {
        let label = if state.playing {
            "⏸ Pause"
        } else {
            "▶ Play"
        };
        if ui
            .button(label)
            .on_hover_text("Step the view's date through time, one period at a time")
            .clicked()
        {
            state.playing = !state.playing;
            if state.playing {
                if index + 1 >= dates.len() {
                    // From the start of the data shown by the slider's first half-step.
                    index = 0;
                }
                state.last_step = now;
            }
        }
        let mut position = index;
        ui.spacing_mut().slider_width = (ui.available_width() - 260.0).max(120.0);
        let slider = ui.add(
            egui::Slider::new(&mut position, 0..=dates.len() - 1)
                .show_value(false)
                .trailing_fill(true),
        );
        accessible::name(&slider, egui::Role::Slider, "Date of the rotation view");
        if slider.changed() {
            state.playing = false;
            index = position;
        }
        ui.strong(dates[index].to_string())
            .on_hover_text("The date the view is shown as of");
        if state.at.is_some() && ui.small_button("Latest").clicked() {
            state.playing = false;
            index = dates.len() - 1;
        }
    });
    if state.playing {
        if now - state.last_step >= STEP_SECONDS {
            state.last_step = now;
            if index + 1 < dates.len() {
                index += 1;
            } else {
                state.playing = false;
            }
        }
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(STEP_SECONDS / 2.0));
    }
    state.at = (dates[index] != last || state.playing).then_some(dates[index]);
}

/// Draws the plot; returns its rectangle.
fn draw(
    ui: &mut egui::Ui,
    chart: &RotationChart,
    x_range: (f64, f64),
    y_range: (f64, f64),
    suppress_hover: bool,
) -> egui::Rect {
    let dark = ui.visuals().dark_mode;
    let text = ui.visuals().strong_text_color();
    let title = format!(
        "Rotation (RRG-style) against {}, {}, window {}, as of {}",
        chart.benchmark,
        chart.options.period.name(),
        chart.options.window,
        chart
            .as_of
            .map_or_else(|| "—".to_string(), |d| d.to_string())
    );
    ui.label(RichText::new(title).strong());
    let response = Plot::new("rotation-plot")
        .x_axis_label("RS-Ratio")
        .y_axis_label("RS-Momentum")
        .show_x(false)
        .show_y(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [x_range.0, y_range.0],
                [x_range.1, y_range.1],
            ));
            draw_quadrants(plot_ui, x_range, y_range, dark);
            draw_tails(plot_ui, chart);
            hovered_point(plot_ui, chart)
        });
    let rect = response.response.rect;
    names(ui, chart, &response.transform, rect, text);
    if !suppress_hover && let Some((name, rgb, point)) = response.inner {
        response
            .response
            .on_hover_ui_at_pointer(|ui| readout(ui, &name, rgb, &point));
    }
    rect
}

/// Shades and names the four quadrants, and draws the 100 lines between them.
fn draw_quadrants(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    x_range: (f64, f64),
    y_range: (f64, f64),
    dark: bool,
) {
    for quadrant in Quadrant::ALL {
        let (right, top) = quadrant_side(quadrant);
        let (x0, x1) = if right {
            (100.0, x_range.1)
        } else {
            (x_range.0, 100.0)
        };
        let (y0, y1) = if top {
            (100.0, y_range.1)
        } else {
            (y_range.0, 100.0)
        };
        let fill = color(quadrant_color(quadrant)).gamma_multiply(if dark { 0.16 } else { 0.11 });
        plot_ui.polygon(
            Polygon::new(
                quadrant.name(),
                PlotPoints::from(vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]),
            )
            .fill_color(fill)
            .stroke(Stroke::NONE)
            .allow_hover(false),
        );
        let (anchor, x, y) = match (right, top) {
            (true, true) => (Align2::RIGHT_TOP, x1, y1),
            (true, false) => (Align2::RIGHT_BOTTOM, x1, y0),
            (false, false) => (Align2::LEFT_BOTTOM, x0, y0),
            (false, true) => (Align2::LEFT_TOP, x0, y1),
        };
        let label_color = color(quadrant_color(quadrant));
        plot_ui.text(
            Text::new(
                format!("{} label", quadrant.name()),
                PlotPoint::new(x, y),
                RichText::new(format!(" {} ", quadrant.name().to_uppercase()))
                    .strong()
                    .size(15.0),
            )
            .anchor(anchor)
            .color(label_color)
            .allow_hover(false),
        );
    }
    let axis = ui_weak(dark);
    plot_ui.hline(
        egui_plot::HLine::new("", 100.0)
            .color(axis)
            .width(1.0)
            .allow_hover(false),
    );
    plot_ui.vline(
        egui_plot::VLine::new("", 100.0)
            .color(axis)
            .width(1.0)
            .allow_hover(false),
    );
}

/// Draws each tail: segments and points fading toward the past, the last point larger.
fn draw_tails(plot_ui: &mut egui_plot::PlotUi<'_>, chart: &RotationChart) {
    for tail in &chart.tails {
        let base = color(tail.color);
        let n = tail.points.len();
        for (i, pair) in tail.points.windows(2).enumerate() {
            let alpha = tail_opacity(i + 1, n);
            plot_ui.line(
                Line::new(
                    tail.name.clone(),
                    PlotPoints::from(vec![
                        [pair[0].rs_ratio, pair[0].rs_momentum],
                        [pair[1].rs_ratio, pair[1].rs_momentum],
                    ]),
                )
                .color(base.gamma_multiply(alpha))
                .width(1.0 + 1.5 * alpha)
                .allow_hover(false),
            );
        }
        for (i, point) in tail.points.iter().enumerate() {
            let last = i + 1 == n;
            plot_ui.points(
                Points::new(tail.name.clone(), vec![[point.rs_ratio, point.rs_momentum]])
                    .color(base.gamma_multiply(tail_opacity(i, n)))
                    .radius(if last { 5.5 } else { 2.2 })
                    .shape(MarkerShape::Circle)
                    .filled(true)
                    .allow_hover(false),
            );
        }
    }
}

/// The point under the pointer (within the hover radius): its series' name and colour, and the
/// point.
fn hovered_point(
    plot_ui: &egui_plot::PlotUi<'_>,
    chart: &RotationChart,
) -> Option<(String, [u8; 3], RotationPoint)> {
    let pointer = plot_ui.pointer_coordinate();
    pointer.and_then(|p| {
        let at = plot_ui.screen_from_plot(p);
        chart
            .tails
            .iter()
            .flat_map(|t| t.points.iter().map(move |point| (t, point)))
            .map(|(t, point)| {
                let screen =
                    plot_ui.screen_from_plot(PlotPoint::new(point.rs_ratio, point.rs_momentum));
                (t, *point, screen.distance(at))
            })
            .filter(|(_, _, distance)| *distance <= HOVER_RADIUS)
            .min_by(|a, b| a.2.total_cmp(&b.2))
            .map(|(t, point, _)| (t.name.clone(), t.color, point))
    })
}

/// The hover read-out of one point: series, date, both values and the quadrant.
fn readout(ui: &mut egui::Ui, name: &str, rgb: [u8; 3], point: &RotationPoint) {
    ui.horizontal(|ui| {
        let (swatch, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().rect_filled(swatch, 2.0, color(rgb));
        ui.strong(name);
    });
    egui::Grid::new("rotation-readout")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Date");
            ui.monospace(point.date.to_string());
            ui.end_row();
            ui.label("RS-Ratio");
            ui.monospace(format!("{:.2}", point.rs_ratio));
            ui.end_row();
            ui.label("RS-Momentum");
            ui.monospace(format!("{:.2}", point.rs_momentum));
            ui.end_row();
            ui.label("Quadrant");
            ui.monospace(point.quadrant().name());
            ui.end_row();
        });
}

/// Writes each series' name beside its last point, moving a name up or down when it would
/// cover one already written (series that end close together stay readable).
fn names(
    ui: &egui::Ui,
    chart: &RotationChart,
    transform: &egui_plot::PlotTransform,
    rect: egui::Rect,
    text: Color32,
) {
    let painter = ui.painter().with_clip_rect(rect);
    let font = egui::FontId::proportional(13.0);
    let mut ends: Vec<(egui::Pos2, &str)> = chart
        .tails
        .iter()
        .filter_map(|tail| {
            let last = tail.points.last()?;
            let at =
                transform.position_from_point(&PlotPoint::new(last.rs_ratio, last.rs_momentum));
            Some((at, tail.name.as_str()))
        })
        .collect();
    ends.sort_by(|a, b| a.0.y.total_cmp(&b.0.y));
    let mut placed: Vec<egui::Rect> = Vec::new();
    for (at, name) in ends {
        let galley = painter.layout_no_wrap(name.to_string(), font.clone(), text);
        let size = galley.size();
        let step = size.y + 1.0;
        let candidate = |shift: f32| {
            egui::Rect::from_min_size(egui::pos2(at.x + 8.0, at.y - size.y / 2.0 + shift), size)
        };
        let mut chosen = candidate(0.0);
        for k in 0..12 {
            let shift = step
                * (f32::from(u8::try_from(k / 2 + 1).unwrap_or(1)))
                * if k % 2 == 0 { 1.0 } else { -1.0 };
            if !placed.iter().any(|r| r.intersects(chosen)) {
                break;
            }
            chosen = candidate(shift);
        }
        if (chosen.center().y - at.y).abs() > size.y {
            painter.line_segment(
                [at, egui::pos2(chosen.left() - 1.0, chosen.center().y)],
                Stroke::new(0.8, text.gamma_multiply(0.5)),
            );
        }
        painter.galley(chosen.min, galley, text);
        placed.push(chosen);
    }
}

fn ui_weak(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(140)
    } else {
        Color32::from_gray(110)
    }
}
