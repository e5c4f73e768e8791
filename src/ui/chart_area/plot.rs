//! Drawing a chart plan: one plot per panel, stacked and sharing the date axis, fed only the
//! points the visible range needs. The x-range is set from the chosen range when it changes
//! (or on reset); afterwards the user zooms (wheel, pinch, Ctrl + wheel) and pans (drag,
//! horizontal wheel) the dates, and the values axis follows the visible data.

use std::rc::Rc;
use std::sync::Arc;

use eframe::egui::{self, Align2, Color32, Id, Vec2};
use egui_plot::{
    HLine, ItemId, Line, Plot, PlotMemory, PlotPoint, PlotPoints, PlotResponse, PlotTransform,
    PlotUi, Text,
};

use crate::chart::decimation_cache::XView;
use crate::chart::end_labels::spread_apart;
use crate::chart::frame::{PreparedFrame, PreparedLine, PreparedPanel};
use crate::chart::range::DateSpan;
use crate::chart::tab_plan::ChartPlan;
use crate::workspace::{ChartTab, Rgb};

use super::super::command::Command;
use super::legend::{self, LegendState};
use super::line_mesh::{DrawnLine, HoverLine, LinesMesh, SharedLineMesh};
use super::{ChartOutput, ChartView, axes, crosshair, spread};

/// The width kept for the y-axis labels, so stacked panels line up.
const Y_AXIS_WIDTH: f32 = 64.0;

/// Share of the height the upper panel of a two-panel chart takes.
const UPPER_SHARE: f32 = 0.6;

/// The width of a series line, in points.
const LINE_WIDTH: f32 = 1.5;

/// The width of a hovered line, in points.
const HOVERED_WIDTH: f32 = 3.0;

/// The height kept for each name written at a line's end, in points.
const END_LABEL_GAP: f32 = 14.0;

/// How soon another frame is drawn while lines are refined on the worker (about a frame at
/// 60 Hz): it takes in the exact points that have arrived.
const REFINING_REPAINT: std::time::Duration = std::time::Duration::from_millis(15);

/// Points of wheel scrolling that zoom by a factor of e.
const WHEEL_ZOOM_POINTS: f32 = 300.0;

/// Draws the chart of `plan`.
pub fn show(
    ui: &mut egui::Ui,
    plan: &ChartPlan,
    view: &mut ChartView,
    commands: &mut Vec<Command>,
) -> ChartOutput {
    let ctx = ui.ctx().clone();
    let ids = panel_ids(ui, plan.panels.len());
    let Some(&last_id) = ids.last() else {
        return ChartOutput::default();
    };
    // The last panel is drawn last, so its memory holds where the user left the dates.
    let memory = PlotMemory::load(&ctx, last_id);
    let target = (plan.tab, plan.span);
    let apply = view.reset_requested || view.applied != Some(target) || memory.is_none();
    let span = span_x(plan.span);
    let legend_width = legend::strip_width(ui.available_width());
    let plot_width = (ui.available_width() - legend_width - ui.spacing().item_spacing.x).max(120.0);
    let width_guess = (plot_width - Y_AXIS_WIDTH).max(1.0);
    let (x_view, width) = visible_x(memory.as_ref(), apply, span, width_guess);
    let exact = exact_line(view, plan);
    let frame = view
        .preparer
        .prepare_with_exact(plan, x_view, exact.as_deref());
    view.applied = Some(target);
    view.reset_requested = false;

    let height = ui.available_height().max(160.0);
    let heights = panel_heights(frame.panels.len(), height);
    let link = ui.make_persistent_id("chart-link");
    let many = legend::line_count(&frame) > legend::SEARCH_FROM;
    let meshes = view.line_meshes(frame.panels.len());
    let labelled = |line: &PreparedLine, legend: &LegendState, hovered: Option<ItemId>| {
        let hovered_here = legend.hovered.as_deref() == Some(line.id.as_str())
            || hovered == Some(line_id(&line.id));
        hovered_here || (many && !legend.search.trim().is_empty() && legend.matches(&line.legend))
    };
    let row = ui.horizontal_top(|ui| {
        let drawn = ui.allocate_ui(Vec2::new(plot_width, height), |ui| {
            ui.vertical(|ui| {
                let last = frame.panels.len().saturating_sub(1);
                let mut end_labels = Vec::new();
                let responses = frame
                    .panels
                    .iter()
                    .enumerate()
                    .map(|(index, panel)| {
                        let settings = PanelSettings {
                            id: ids[index],
                            height: heights[index],
                            bottom: index == last,
                            link,
                            apply_x: apply.then_some(span),
                            band: frame.tab == ChartTab::Spread && index == 0,
                            mesh: &meshes[index],
                        };
                        let hovered = view.hovered_line;
                        let legend = &view.legend;
                        let named: Vec<&PreparedLine> = panel
                            .lines
                            .iter()
                            .filter(|line| line.shown && !legend.hides(&line.id))
                            .filter(|line| many && labelled(line, legend, hovered))
                            .take(legend::MAX_FOUND_LABELS + 1)
                            .collect();
                        end_labels.extend(named.iter().map(|line| line.label.clone()));
                        panel_plot(
                            ui,
                            panel,
                            &frame,
                            &settings,
                            &PanelLines {
                                legend,
                                hovered,
                                named: &named,
                            },
                        )
                    })
                    .collect::<Vec<_>>();
                (responses, end_labels)
            })
            .inner
        });
        let (responses, end_labels) = drawn.inner;
        let plot_rect = drawn.response.rect;
        let legend_rect = ui
            .allocate_ui(Vec2::new(legend_width, height), |ui| {
                ui.vertical(|ui| legend::show(ui, &frame, &mut view.legend, commands));
            })
            .response
            .rect;
        (responses, end_labels, plot_rect, legend_rect)
    });
    let (responses, end_labels, plot_rect, legend_rect) = row.inner;
    follow_pointer(&ctx, view, &responses);
    let transforms: Vec<_> = responses.iter().map(|r| r.transform).collect();
    if !view.suppress_hover {
        show_crosshair(ui, &frame, &responses, &transforms);
    }

    let (final_min, final_max) = redraw_if_moved(&ctx, x_view, width, &transforms);
    let output = ChartOutput {
        plot_rect: Some(plot_rect),
        legend_rect: Some(legend_rect),
        end_labels,
        data: frame.visible_data_in(final_min, final_max),
        ..ChartOutput::default()
    };
    keep_drawn(&ctx, view, frame, output)
}

/// The persistent ids of `count` stacked panels.
fn panel_ids(ui: &egui::Ui, count: usize) -> Vec<Id> {
    (0..count)
        .map(|index| ui.make_persistent_id(("chart-panel", index)))
        .collect()
}

/// Keeps the frame drawn, and while stand-in points are drawn for lines whose exact points are
/// computed on the worker, asks for another frame shortly to take them in.
fn keep_drawn(
    ctx: &egui::Context,
    view: &mut ChartView,
    frame: PreparedFrame,
    output: ChartOutput,
) -> ChartOutput {
    if frame.refining {
        ctx.request_repaint_after(REFINING_REPAINT);
    }
    let refining = frame.refining;
    view.prepared = Some(frame);
    ChartOutput { refining, ..output }
}

/// The dates in view and the plot's width in points: where the user left them (the plot's
/// memory), or the plan's span when it is applied anew.
fn visible_x(
    memory: Option<&PlotMemory>,
    apply: bool,
    span: (f64, f64),
    width_guess: f32,
) -> (XView, f32) {
    let (x_min, x_max, width) = match (memory, apply) {
        (Some(memory), false) => {
            let bounds = memory.bounds();
            (
                bounds.min()[0],
                bounds.max()[0],
                memory.transform().frame().width(),
            )
        }
        (memory, _) => (
            span.0,
            span.1,
            memory.map_or(width_guess, |m| m.transform().frame().width()),
        ),
    };
    let x_view = XView {
        min: x_min,
        max: x_max,
        width_px: width.round().max(1.0) as usize,
    };
    (x_view, width)
}

/// The line under the pointer (in the plot or the legend), which is decimated per pixel even
/// when the others share wider columns.
fn exact_line(view: &ChartView, plan: &ChartPlan) -> Option<String> {
    view.legend.hovered.clone().or_else(|| {
        let hovered = view.hovered_line?;
        plan.panels
            .iter()
            .flat_map(|panel| &panel.lines)
            .find(|line| line_id(&line.id) == hovered)
            .map(|line| line.id.clone())
    })
}

/// Remembers the line hovered in the plot, and asks for the view to be reset on a
/// double-click.
fn follow_pointer(ctx: &egui::Context, view: &mut ChartView, responses: &[PlotResponse<()>]) {
    let plot_hovered = responses.iter().find_map(|r| r.hovered_plot_item);
    if plot_hovered != view.hovered_line {
        view.hovered_line = plot_hovered;
        ctx.request_repaint();
    }
    if responses.iter().any(|r| r.response.double_clicked()) {
        view.reset_requested = true;
        ctx.request_repaint();
    }
}

/// The dates the plot ended up showing. The points were prepared for the range before this
/// frame's zoom or pan: when it moved, another frame draws them for the new range (a no-op for
/// the caches when the padding still covers it).
fn redraw_if_moved(
    ctx: &egui::Context,
    x_view: XView,
    width: f32,
    transforms: &[PlotTransform],
) -> (f64, f64) {
    let (final_min, final_max, final_width) = transforms
        .last()
        .map_or((x_view.min, x_view.max, width), |t| {
            (t.bounds().min()[0], t.bounds().max()[0], t.frame().width())
        });
    let moved = (final_min - x_view.min).abs() > 1e-9
        || (final_max - x_view.max).abs() > 1e-9
        || (final_width - width).abs() > 0.5;
    if moved {
        ctx.request_repaint();
    }
    (final_min, final_max)
}

/// The crosshair and its read-out at the pointer, when it is over a panel.
fn show_crosshair(
    ui: &egui::Ui,
    frame: &PreparedFrame,
    responses: &[PlotResponse<()>],
    transforms: &[PlotTransform],
) {
    let hovered = responses
        .iter()
        .find_map(|r| r.response.hover_pos().map(|p| (p, r.transform)));
    if let Some((pointer, transform)) = hovered {
        let day = transform.value_from_position(pointer).x.round();
        crosshair::show(ui, frame, day, pointer, transforms);
    }
}

/// How one panel is drawn.
struct PanelSettings<'a> {
    id: Id,
    height: f32,
    /// The bottom panel shows the date labels.
    bottom: bool,
    link: Id,
    /// The x-range to set (a new range or a reset).
    apply_x: Option<(f64, f64)>,
    /// Whether to draw the spread band.
    band: bool,
    /// The panel's lines as triangles, kept between frames.
    mesh: &'a SharedLineMesh,
}

/// Which lines of a panel the legend hides, which is hovered and which are named at their ends.
struct PanelLines<'a> {
    legend: &'a LegendState,
    hovered: Option<ItemId>,
    named: &'a [&'a PreparedLine],
}

fn panel_plot(
    ui: &mut egui::Ui,
    panel: &PreparedPanel,
    frame: &PreparedFrame,
    settings: &PanelSettings<'_>,
    lines: &PanelLines<'_>,
) -> PlotResponse<()> {
    let plot = Plot::new(settings.id)
        .id(settings.id)
        .height(settings.height)
        .allow_zoom([true, false])
        .allow_drag([true, false])
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .y_axis_label(panel.title.clone())
        .show_axes([settings.bottom, true])
        .link_axis(settings.link, [true, false]);
    let plot = axes::with_axes(plot, panel.axis);
    let y_bounds = panel.y_extent.map(padded);
    let reference = axes::reference_line(panel.axis);
    let reference_color = ui.visuals().weak_text_color().gamma_multiply(0.6);
    let band = if settings.band { frame.band } else { None };
    let apply_x = settings.apply_x;
    let mesh = Arc::clone(settings.mesh);
    plot.show(ui, |plot_ui| {
        if let Some((min, max)) = apply_x {
            plot_ui.set_plot_bounds_x(min..=max);
        }
        if let Some((low, high)) = y_bounds {
            plot_ui.set_plot_bounds_y(low..=high);
        }
        wheel_navigation(plot_ui);
        if let Some(y) = reference {
            plot_ui.hline(
                HLine::new("", y)
                    .color(reference_color)
                    .width(1.0)
                    .allow_hover(false),
            );
        }
        if let Some(band) = band {
            spread::draw_band(plot_ui, &band);
        }
        let mut drawn = Vec::new();
        for line in &panel.lines {
            if !line.shown || lines.legend.hides(&line.id) || line.points.is_empty() {
                continue;
            }
            let points: PlotPoints<'static> = line.points.iter().copied().collect();
            let hovered = lines.hovered == Some(line_id(&line.id))
                || lines.legend.hovered.as_deref() == Some(line.id.as_str());
            let width = if hovered { HOVERED_WIDTH } else { LINE_WIDTH };
            let plot_line = Rc::new(
                Line::new(line.legend.clone(), points)
                    .id(("line", line.id.as_str()))
                    .color(color(line.color))
                    .width(width),
            );
            plot_ui.add(HoverLine::new(Rc::clone(&plot_line)));
            drawn.push((
                plot_line,
                DrawnLine {
                    points: line.points.clone(),
                    color: color(line.color),
                    width,
                },
            ));
        }
        plot_ui.add(LinesMesh::new(drawn, mesh));
        end_labels(plot_ui, lines.named);
    })
}

/// Writes each line's name at its last visible point, the names moved apart vertically so none
/// covers another.
fn end_labels(plot_ui: &mut PlotUi<'_>, lines: &[&PreparedLine]) {
    let transform = *plot_ui.transform();
    let (x_min, x_max) = (transform.bounds().min()[0], transform.bounds().max()[0]);
    let ends: Vec<(&PreparedLine, PlotPoint)> = lines
        .iter()
        .filter_map(|line| {
            let last = line
                .points
                .iter()
                .rev()
                .find(|p| p[0] <= x_max && p[0] >= x_min)?;
            Some((*line, PlotPoint::new(last[0], last[1])))
        })
        .collect();
    let frame = transform.frame();
    let wanted: Vec<f32> = ends
        .iter()
        .map(|(_, point)| transform.position_from_point(point).y)
        .collect();
    let placed = spread_apart(
        &wanted,
        END_LABEL_GAP,
        frame.top() + END_LABEL_GAP / 2.0,
        frame.bottom() - END_LABEL_GAP / 2.0,
    );
    for ((line, point), y) in ends.iter().zip(placed) {
        let at = transform.position_from_point(point);
        let position = transform.value_from_position(egui::pos2(at.x - 4.0, y));
        plot_ui.text(
            Text::new("", position, egui::RichText::new(&line.label).strong())
                .color(color(line.color))
                .anchor(Align2::RIGHT_CENTER)
                .allow_hover(false),
        );
    }
}

/// Wheel zooms the dates around the pointer; a horizontal wheel pans them.
fn wheel_navigation(plot_ui: &mut PlotUi<'_>) {
    if !plot_ui.response().hovered() {
        return;
    }
    let scroll = plot_ui.ctx().input(|i| i.smooth_scroll_delta);
    if scroll.y != 0.0 {
        let factor = (scroll.y / WHEEL_ZOOM_POINTS).exp();
        plot_ui.zoom_bounds_around_hovered(Vec2::new(factor, 1.0));
    }
    if scroll.x != 0.0 {
        let days = -f64::from(scroll.x) * plot_ui.transform().dvalue_dpos()[0];
        plot_ui.translate_bounds(Vec2::new(days as f32, 0.0));
    }
}

/// The legend identity of a line (stable while its legend text changes).
fn line_id(id: &str) -> ItemId {
    ItemId::new(("line", id))
}

/// The x-range of a span, at least two days wide so the axis has a scale.
fn span_x(span: DateSpan) -> (f64, f64) {
    let (from, to) = span.x_range();
    if to - from < 2.0 {
        let middle = (from + to) / 2.0;
        (middle - 1.0, middle + 1.0)
    } else {
        (from, to)
    }
}

/// A value range with a margin above and below, never empty.
fn padded((low, high): (f64, f64)) -> (f64, f64) {
    let range = high - low;
    let margin = if range > 0.0 {
        range * 0.06
    } else {
        (high.abs() * 0.05).max(1e-6)
    };
    (low - margin, high + margin)
}

/// The heights of stacked panels sharing `total`.
fn panel_heights(count: usize, total: f32) -> Vec<f32> {
    match count {
        0 => Vec::new(),
        1 => vec![total],
        2 => {
            let upper = (total * UPPER_SHARE).round();
            vec![upper, total - upper]
        }
        n => vec![total / n as f32; n],
    }
}

/// A workspace colour for egui.
pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb[0], rgb[1], rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_heights() {
        assert_eq!(padded((0.0, 100.0)), (-6.0, 106.0));
        assert_eq!(padded((50.0, 50.0)), (47.5, 52.5));
        assert_eq!(panel_heights(2, 500.0), vec![300.0, 200.0]);
        assert_eq!(panel_heights(1, 500.0), vec![500.0]);
        let day = crate::model::Date::from_ymd(2024, 1, 2).unwrap();
        let x = f64::from(day.day_number());
        assert_eq!(span_x(DateSpan { from: day, to: day }), (x - 1.0, x + 1.0));
        assert_eq!(line_id("A"), ItemId::new(("line", "A")));
    }
}
