//! The Data panel's list of groups and series, virtualised: the rows (group headers and series)
//! have fixed heights, so only those inside the visible part of the scroll area are laid out,
//! whatever the number of series. Clicks on names go to the selection.

use eframe::egui;

use crate::workspace::{PanelRow, SeriesList, Workspace};

use super::super::command::Command;
use super::{DataPanelState, group_header, series_row};

/// The height of a group's header.
const HEADER_HEIGHT: f32 = 26.0;

/// The height of a series' two lines.
const SERIES_HEIGHT: f32 = 52.0;

fn row_height(row: &PanelRow) -> f32 {
    match row {
        PanelRow::Group { .. } => HEADER_HEIGHT,
        PanelRow::Series(_) => SERIES_HEIGHT,
    }
}

/// Shows the rows of `list` in a scroll area at most `max_height` high.
pub(super) fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    list: &SeriesList,
    state: &mut DataPanelState,
    commands: &mut Vec<Command>,
    max_height: f32,
) {
    let total: f32 = list.rows.iter().map(row_height).sum();
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("series-list")
        .auto_shrink([false, true])
        .max_height(max_height)
        .show_viewport(ui, |ui, viewport| {
            ui.set_height(total);
            let origin = ui.max_rect().min;
            let width = ui.available_width();
            let mut top = 0.0;
            for row in &list.rows {
                let height = row_height(row);
                let visible = top + height >= viewport.min.y && top <= viewport.max.y;
                if visible {
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(0.0, top),
                        egui::vec2(width, height),
                    );
                    let name = draw_row(ui, rect, workspace, list, row, state, commands);
                    if clicked.is_none() {
                        clicked = name;
                    }
                }
                top += height;
            }
        });
    if let Some((name, click)) = clicked {
        let order: Vec<String> = list
            .series_in_rows()
            .into_iter()
            .filter_map(|i| workspace.series.get(i))
            .map(|s| s.name().to_string())
            .collect();
        state.selection.click(&name, click.modifiers, &order);
    }
}

/// Draws one row inside `rect`; returns the name clicked, if any.
fn draw_row(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    workspace: &Workspace,
    list: &SeriesList,
    row: &PanelRow,
    state: &mut DataPanelState,
    commands: &mut Vec<Command>,
) -> Option<(String, series_row::NameClick)> {
    match *row {
        PanelRow::Group { group, folded, .. } => {
            let group = list.groups.get(group)?;
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .id_salt(("group", group.key.id()))
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            child.painter().rect_filled(
                rect.shrink2(egui::vec2(0.0, 1.0)),
                3.0,
                child.visuals().faint_bg_color,
            );
            group_header::show(
                &mut child,
                workspace,
                group,
                folded,
                &mut state.confirm_remove,
                commands,
            );
            None
        }
        PanelRow::Series(index) => {
            let entry = workspace.series.get(index)?;
            let name = entry.name().to_string();
            let mut child = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .id_salt(("series", &name))
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            if state.selection.contains(&name) {
                let fill = child.visuals().selection.bg_fill.gamma_multiply(0.35);
                child.painter().rect_filled(rect, 3.0, fill);
            }
            series_row::show(&mut child, workspace, entry, state, commands)
                .map(|click| (name, click))
        }
    }
}
