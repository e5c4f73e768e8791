//! The drawdown chart's options: none to set; a note says what the curve measures.

use eframe::egui;

/// A short note on the curve.
pub fn options(ui: &mut egui::Ui) {
    ui.weak("Fall from each visible series' running high since its first observation.");
}
