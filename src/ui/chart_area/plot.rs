//! Drawing a chart plan: one plot per panel, stacked and sharing the date axis, fed only the
//! points the visible range needs. The x-range is set from the chosen range when it changes
//! (or on reset); afterwards the user zooms (wheel, pinch, Ctrl + wheel) and pans (drag,
//! horizontal wheel) the dates, and the values axis follows the visible data.

use std::collections::HashSet;

use eframe::egui::{self, Color32, Id, Vec2};
use egui_plot::{
    Corner, HLine, ItemId, Legend, Line, Plot, PlotMemory, PlotPoints, PlotResponse, PlotUi,
};

use crate::chart::decimation_cache::XView;
use crate::chart::frame::{PreparedFrame, PreparedPanel};
use crate::chart::range::DateSpan;
use crate::chart::tab_plan::ChartPlan;
use crate::workspace::{ChartTab, Rgb};

use super::super::command::Command;
use super::{ChartOutput, ChartView, axes, crosshair, spread};

/// The width kept for the y-axis labels, so stacked panels line up.
const Y_AXIS_WIDTH: f32 = 64.0;

/// Share of the height the upper panel of a two-panel chart takes.
const UPPER_SHARE: f32 = 0.6;

/// The width of a series line, in points.
const LINE_WIDTH: f32 = 1.5;

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
    let ids: Vec<Id> = (0..plan.panels.len())
        .map(|index| ui.make_persistent_id(("chart-panel", index)))
        .collect();
    let Some(&last_id) = ids.last() else {
        return ChartOutput::default();
    };
    // The last panel is drawn last, so its memory holds where the user left the dates.
    let memory = PlotMemory::load(&ctx, last_id);
    let target = (plan.tab, plan.span);
    let apply = view.reset_requested || view.applied != Some(target) || memory.is_none();
    let span = span_x(plan.span);
    let width_guess = (ui.available_width() - Y_AXIS_WIDTH).max(1.0);
    let (x_min, x_max, width) = match (&memory, apply) {
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
            memory
                .as_ref()
                .map_or(width_guess, |m| m.transform().frame().width()),
        ),
    };
    let x_view = XView {
        min: x_min,
        max: x_max,
        width_px: width.round().max(1.0) as usize,
    };
    let frame = view.preparer.prepare(plan, x_view);
    view.applied = Some(target);
    view.reset_requested = false;

    let heights = panel_heights(frame.panels.len(), ui.available_height().max(160.0));
    let link = ui.make_persistent_id("chart-link");
    let drawn = ui.vertical(|ui| {
        let last = frame.panels.len().saturating_sub(1);
        frame
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
                };
                panel_plot(ui, panel, &frame, &settings)
            })
            .collect::<Vec<_>>()
    });
    let responses = drawn.inner;

    for (index, panel) in frame.panels.iter().enumerate() {
        legend_toggles(&ctx, ids[index], panel, commands);
    }
    if responses.iter().any(|r| r.response.double_clicked()) {
        view.reset_requested = true;
        ctx.request_repaint();
    }
    let transforms: Vec<_> = responses.iter().map(|r| r.transform).collect();
    let hovered = responses
        .iter()
        .find_map(|r| r.response.hover_pos().map(|p| (p, r.transform)));
    if let Some((pointer, transform)) = hovered.filter(|_| !view.suppress_hover) {
        let day = transform.value_from_position(pointer).x.round();
        crosshair::show(ui, &frame, day, pointer, &transforms);
    }

    // The points were prepared for the range before this frame's zoom or pan: draw again with
    // the new range (a no-op for the caches when the padding still covers it).
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
    ChartOutput {
        plot_rect: Some(drawn.response.rect),
        data: frame.visible_data_in(final_min, final_max),
    }
}

/// How one panel is drawn.
struct PanelSettings {
    id: Id,
    height: f32,
    /// The bottom panel shows the date labels.
    bottom: bool,
    link: Id,
    /// The x-range to set (a new range or a reset).
    apply_x: Option<(f64, f64)>,
    /// Whether to draw the spread band.
    band: bool,
}

fn panel_plot(
    ui: &mut egui::Ui,
    panel: &PreparedPanel,
    frame: &PreparedFrame,
    settings: &PanelSettings,
) -> PlotResponse<()> {
    let series_items: HashSet<ItemId> = panel
        .lines
        .iter()
        .filter(|l| l.toggles.is_some())
        .map(|l| line_id(&l.id))
        .collect();
    // A series' legend entry follows its visibility; other items (a ratio, a spread, its band)
    // keep the user's choice from the plot's memory.
    let remembered: Vec<ItemId> = PlotMemory::load(ui.ctx(), settings.id)
        .map(|memory| {
            memory
                .hidden_items
                .iter()
                .filter(|item| !series_items.contains(item))
                .copied()
                .collect()
        })
        .unwrap_or_default();
    let hidden: Vec<ItemId> = panel
        .lines
        .iter()
        .filter(|l| l.toggles.is_some() && !l.shown)
        .map(|l| line_id(&l.id))
        .chain(remembered)
        .collect();
    // The plot filters its items with the hidden set it remembers before it reads the legend's,
    // so a series shown from elsewhere (the data panel) is written there first.
    if let Some(mut memory) = PlotMemory::load(ui.ctx(), settings.id) {
        memory.hidden_items = hidden.iter().copied().collect();
        memory.store(ui.ctx(), settings.id);
    }
    let legend = Legend::default()
        .position(Corner::LeftTop)
        .follow_insertion_order(true)
        .background_alpha(0.85)
        .hidden_items(hidden);
    let plot = Plot::new(settings.id)
        .id(settings.id)
        .height(settings.height)
        .legend(legend)
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
        for line in &panel.lines {
            let points: PlotPoints<'_> = line.points.iter().copied().collect();
            // `add`, not `line`: a hidden or empty line still needs its legend entry.
            plot_ui.add(
                Line::new(line.legend.clone(), points)
                    .id(("line", line.id.as_str()))
                    .color(color(line.color))
                    .width(LINE_WIDTH),
            );
        }
    })
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

/// Sends [`Command::SetVisible`] for each series whose legend entry the user just toggled.
fn legend_toggles(ctx: &egui::Context, id: Id, panel: &PreparedPanel, commands: &mut Vec<Command>) {
    let Some(memory) = PlotMemory::load(ctx, id) else {
        return;
    };
    for line in &panel.lines {
        let Some(name) = &line.toggles else {
            continue;
        };
        let hidden = memory.hidden_items.contains(&line_id(&line.id));
        if hidden == line.shown {
            commands.push(Command::SetVisible(name.clone(), !hidden));
        }
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
