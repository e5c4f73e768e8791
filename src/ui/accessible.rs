//! Accessible names for widgets that show no label of their own (a combo box beside a label,
//! a colour button), so screen readers — and the UI tests — can tell them apart.

use eframe::egui;

/// Gives `response` the accessible name `name`.
pub fn name(response: &egui::Response, kind: egui::Role, name: &str) {
    let enabled = response.enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(kind, enabled, name));
}
