//! A whole-number field, dragged or typed, whose value is sent once — when the drag or the
//! typing ends — rather than at every step, which would recompute what depends on it (a rolling
//! line, the whole analysis) frame after frame.

use std::ops::RangeInclusive;

use eframe::egui;

/// Shows `label` and a number field for `current`, with the value being edited kept in `edit`;
/// returns the new value once the edit ends, when it differs from `current`.
pub fn deferred_number(
    ui: &mut egui::Ui,
    label: &str,
    edit: &mut Option<u32>,
    current: u32,
    range: RangeInclusive<u32>,
    suffix: &str,
    hint: &str,
) -> Option<u32> {
    let label = ui.label(label);
    let mut value = edit.unwrap_or(current);
    let response = ui
        .add(egui::DragValue::new(&mut value).range(range).suffix(suffix))
        .labelled_by(label.id)
        .on_hover_text(hint);
    if response.changed() {
        *edit = Some(value);
    }
    if response.dragged() || response.has_focus() {
        return None;
    }
    edit.take().filter(|value| *value != current)
}
