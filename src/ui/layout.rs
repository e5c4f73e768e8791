//! The window's layout around the chart: the side panels (resizable, collapsible to a thin strip
//! with a button to reopen them) and the central area's draggable chart/table split. The sizes
//! come from the workspace's [`WindowLayout`]; the arithmetic is the core's, this module draws
//! it and pushes [`Command::SetLayout`] when the user changes it.

use eframe::egui::{self, CursorIcon, Rect, Sense, Stroke, UiBuilder};

use crate::workspace::{DEFAULT_CHART_SHARE, WindowLayout};

use super::command::Command;

/// The height of the drag handle between the chart and the table.
const HANDLE_HEIGHT: f32 = 8.0;

/// The narrowest a side panel may be dragged before it collapses.
const SIDE_PANEL_MIN: f32 = 200.0;

/// The widest share of the window a side panel may take.
const SIDE_PANEL_MAX_SHARE: f32 = 0.3;

/// The width of a collapsed side panel (its reopen button).
const COLLAPSED_WIDTH: f32 = 28.0;

/// What the split keeps between frames.
#[derive(Debug, Default)]
pub struct SplitState {
    /// While the handle is dragged: the chart part's height the pointer asks for.
    dragging: Option<f32>,
    /// How much of the chart part its toolbar took on the last frame (the plot has the rest).
    chart_overhead: f32,
}

/// Where the split put things on this frame.
#[derive(Clone, Copy, Debug)]
pub struct SplitOutput {
    /// The whole central area.
    pub central: Rect,
    /// The chart part (toolbar and plot).
    pub chart_part: Rect,
}

/// A side of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The data panel.
    Left,
    /// The findings panel.
    Right,
}

/// Shows a side panel, open or collapsed as `layout` says. Dragging its edge below its minimum
/// or clicking its hide button collapses it; the button on the collapsed strip (or dragging it
/// outward) reopens it.
pub fn side_panel(
    ui: &mut egui::Ui,
    side: Side,
    layout: &WindowLayout,
    commands: &mut Vec<Command>,
    add_contents: impl FnOnce(&mut egui::Ui, &mut Vec<Command>),
) {
    let (title, id, open) = match side {
        Side::Left => ("data panel", "data-panel", layout.data_panel_open),
        Side::Right => (
            "findings panel",
            "findings-panel",
            layout.findings_panel_open,
        ),
    };
    let width = ui.ctx().content_rect().width();
    let default = match side {
        Side::Left => (width * 0.24).clamp(SIDE_PANEL_MIN, 320.0),
        Side::Right => (width * 0.22).clamp(SIDE_PANEL_MIN, 300.0),
    };
    let (collapsed, expanded) = match side {
        Side::Left => (
            egui::Panel::left(format!("{id}-collapsed")),
            egui::Panel::left(id),
        ),
        Side::Right => (
            egui::Panel::right(format!("{id}-collapsed")),
            egui::Panel::right(id),
        ),
    };
    let collapsed = collapsed.resizable(true).exact_size(COLLAPSED_WIDTH);
    let expanded = expanded
        .resizable(true)
        .default_size(default)
        .min_size(SIDE_PANEL_MIN)
        .max_size((width * SIDE_PANEL_MAX_SHARE).max(SIDE_PANEL_MIN));
    let mut is_open = open;
    let mut clicked = false;
    egui::Panel::show_switched(ui, &mut is_open, collapsed, expanded, |ui, expanded| {
        if expanded {
            let (arrow, align) = match side {
                Side::Left => ("«", egui::Align::Max),
                Side::Right => ("»", egui::Align::Min),
            };
            ui.with_layout(egui::Layout::top_down(align), |ui| {
                clicked |= ui
                    .small_button(arrow)
                    .on_hover_text(format!("Hide the {title}"))
                    .clicked();
            });
            add_contents(ui, commands);
        } else {
            let arrow = match side {
                Side::Left => "»",
                Side::Right => "«",
            };
            clicked |= ui
                .small_button(arrow)
                .on_hover_text(format!("Show the {title}"))
                .clicked();
        }
    });
    if clicked {
        is_open = !open;
    }
    if is_open != open {
        let mut changed = *layout;
        match side {
            Side::Left => changed.data_panel_open = is_open,
            Side::Right => changed.findings_panel_open = is_open,
        }
        commands.push(Command::SetLayout(changed));
    }
}

/// Splits the central area into the chart part (`chart`, which returns the plot's rectangle
/// when it drew one) and the table part (`table`), with a handle between them. The plot keeps
/// at least the core's minimum share of the central height; the table scrolls in the rest.
/// Dragging the handle moves the boundary and, on release, saves the share in the workspace;
/// a double click goes back to the default share.
pub fn central_split(
    ui: &mut egui::Ui,
    layout: &WindowLayout,
    state: &mut SplitState,
    commands: &mut Vec<Command>,
    chart: impl FnOnce(&mut egui::Ui, &mut Vec<Command>) -> Option<Rect>,
    table: impl FnOnce(&mut egui::Ui, &mut Vec<Command>),
) -> SplitOutput {
    let central = ui.available_rect_before_wrap();
    let height = central.height();
    let shown = match state.dragging {
        Some(wanted) => WindowLayout {
            chart_share: WindowLayout::share_for(wanted, height, state.chart_overhead),
            ..*layout
        },
        None => *layout,
    };
    let split = shown.split(height, HANDLE_HEIGHT, state.chart_overhead);
    let chart_part = Rect::from_min_size(central.min, egui::vec2(central.width(), split.chart));
    let handle = Rect::from_min_size(
        egui::pos2(central.left(), chart_part.bottom()),
        egui::vec2(central.width(), HANDLE_HEIGHT),
    );
    let table_part = Rect::from_min_max(egui::pos2(central.left(), handle.bottom()), central.max);

    let plot = ui
        .scope_builder(UiBuilder::new().max_rect(chart_part), |ui| {
            ui.set_clip_rect(chart_part.intersect(ui.clip_rect()));
            chart(ui, commands)
        })
        .inner;
    if let Some(plot) = plot {
        state.chart_overhead = (chart_part.height() - plot.height()).max(0.0);
    }

    let response = ui
        .interact(
            handle,
            ui.scope_id().with("chart-table-split"),
            Sense::click_and_drag(),
        )
        .on_hover_cursor(CursorIcon::ResizeVertical);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Splitter, true, "Chart and table split")
    });
    let response = response.on_hover_text(
        "Drag to share the height between the chart and the table; double-click for the default",
    );
    let active = response.hovered() || response.dragged();
    let stroke = if active {
        ui.visuals().widgets.hovered.fg_stroke
    } else {
        Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
    };
    ui.painter()
        .hline(handle.x_range(), handle.center().y, stroke);
    if response.dragged()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        state.dragging = Some(pointer.y - central.top());
    }
    if response.drag_stopped() {
        if let Some(wanted) = state.dragging.take() {
            let share = WindowLayout::share_for(wanted, height, state.chart_overhead);
            commands.push(Command::SetLayout(WindowLayout {
                chart_share: share,
                ..*layout
            }));
        }
    } else if response.double_clicked() {
        state.dragging = None;
        commands.push(Command::SetLayout(WindowLayout {
            chart_share: DEFAULT_CHART_SHARE,
            ..*layout
        }));
    }

    ui.scope_builder(UiBuilder::new().max_rect(table_part), |ui| {
        ui.set_clip_rect(table_part.intersect(ui.clip_rect()));
        table(ui, commands);
    });
    SplitOutput {
        central,
        chart_part,
    }
}
