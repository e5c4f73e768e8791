//! The crosshair read-out: while the pointer is over the chart, a vertical rule at the hovered
//! date on every panel and, beside the pointer, a compact box with that date and every drawn
//! line's value there (its last observation on or before the date).

use eframe::egui::{self, Align2, Color32, Order, Pos2, Sense, Stroke, Vec2};
use egui_plot::PlotTransform;

use crate::chart::frame::PreparedFrame;
use crate::chart::plot_line::date_of_x;

use super::plot::color;

/// How far the box sits from the pointer, in points.
const OFFSET: f32 = 16.0;

/// Shows the read-out for the hovered day number `day` at `pointer`; `panels` are the
/// transforms of every panel drawn.
pub fn show(
    ui: &egui::Ui,
    frame: &PreparedFrame,
    day: f64,
    pointer: Pos2,
    panels: &[PlotTransform],
) {
    let Some(date) = date_of_x(day) else {
        return;
    };
    let rule = Stroke::new(1.0, ui.visuals().weak_text_color().gamma_multiply(0.7));
    for transform in panels {
        let rect = *transform.frame();
        let x = transform.position_from_point_x(day);
        if x >= rect.left() && x <= rect.right() {
            ui.painter()
                .with_clip_rect(rect)
                .vline(x, rect.y_range(), rule);
        }
    }
    let values = frame.readout(day);
    if values.is_empty() {
        return;
    }
    let area_rect = panels
        .iter()
        .map(|t| *t.frame())
        .reduce(eframe::egui::Rect::union)
        .unwrap_or(egui::Rect::EVERYTHING);
    // Keep the box on the side of the pointer with more room.
    let (pivot, position) = if pointer.x > area_rect.center().x {
        (Align2::RIGHT_TOP, pointer + Vec2::new(-OFFSET, OFFSET))
    } else {
        (Align2::LEFT_TOP, pointer + Vec2::new(OFFSET, OFFSET))
    };
    egui::Area::new(ui.make_persistent_id("chart-crosshair"))
        .order(Order::Tooltip)
        .fixed_pos(position)
        .pivot(pivot)
        .interactable(false)
        .constrain_to(area_rect)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.strong(date.to_string());
                egui::Grid::new("chart-crosshair-values")
                    .num_columns(3)
                    .spacing([8.0, 2.0])
                    .show(ui, |ui| {
                        for value in &values {
                            swatch(ui, color(value.color));
                            ui.label(&value.label);
                            ui.horizontal(|ui| {
                                ui.monospace(&value.value);
                                if value.date != date {
                                    ui.weak(format!("({})", value.date));
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
        });
}

/// A small square of the line's colour.
fn swatch(ui: &mut egui::Ui, fill: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, fill);
}
