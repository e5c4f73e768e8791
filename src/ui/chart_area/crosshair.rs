//! The crosshair read-out: while the pointer is over the chart, a vertical rule at the hovered
//! date on every panel and, beside the pointer, a compact box with that date and every drawn
//! line's value there (its last observation on or before the date). With more lines than the
//! box can hold within the chart, it lists those that fit and says how many more there are,
//! so a frame never lays out hundreds of rows nobody can see.

use eframe::egui::{self, Align2, Color32, Order, Pos2, Sense, Stroke, Vec2};
use egui_plot::PlotTransform;

use crate::chart::frame::PreparedFrame;
use crate::chart::plot_line::date_of_x;

use super::plot::color;

/// How far the box sits from the pointer, in points.
const OFFSET: f32 = 16.0;

/// The vertical spacing between the box's rows, in points.
const ROW_SPACING: f32 = 2.0;

/// How many of `count` values a box fits in `height` points with rows `row_height` high
/// (under a date line and, when some are left out, a closing line saying how many).
#[must_use]
pub fn rows_that_fit(count: usize, height: f32, row_height: f32) -> usize {
    let step = (row_height + ROW_SPACING).max(1.0);
    // The date line, the frame's margins and the offset from the pointer.
    let room = (height - 2.0 * OFFSET - step - 16.0).max(0.0);
    let fit = (room / step).floor() as usize;
    if count <= fit {
        count
    } else {
        // One line less, for "… and N more".
        fit.saturating_sub(1).max(1).min(count)
    }
}

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
    let count = frame.readout_count(day);
    if count == 0 {
        return;
    }
    let area_rect = panels
        .iter()
        .map(|t| *t.frame())
        .reduce(eframe::egui::Rect::union)
        .unwrap_or(egui::Rect::EVERYTHING);
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body));
    let listed = rows_that_fit(count, area_rect.height(), row_height);
    // Only the values shown are formatted: with hundreds of lines most would not fit.
    let values = frame.readout(day, listed);
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
                    .spacing([8.0, ROW_SPACING])
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
                if listed < count {
                    ui.weak(format!(
                        "… and {} more lines: hover one, or search the legend",
                        count - listed
                    ));
                }
            });
        });
}

/// A small square of the line's colour.
fn swatch(ui: &mut egui::Ui, fill: Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
    ui.painter().rect_filled(rect, 2.0, fill);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_lists_every_value_that_fits_and_one_line_less_when_some_are_left_out() {
        // 400 points: room for (400 - 32 - 22 - 16) / 22 = 15 rows of 20 points.
        assert_eq!(rows_that_fit(3, 400.0, 20.0), 3);
        assert_eq!(rows_that_fit(15, 400.0, 20.0), 15);
        assert_eq!(rows_that_fit(16, 400.0, 20.0), 14);
        assert_eq!(rows_that_fit(500, 400.0, 20.0), 14);
        // However small the chart, one value is listed.
        assert_eq!(rows_that_fit(500, 10.0, 20.0), 1);
        assert_eq!(rows_that_fit(0, 10.0, 20.0), 0);
    }
}
