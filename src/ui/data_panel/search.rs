//! The Data panel's search box: it filters the series by name (any part, in any case), says how
//! many match ("12 of 500"), and Esc empties it.

use eframe::egui;

use super::super::accessible;

/// Shows the search field for `query` with `count` (what the list shows) beside it.
pub(super) fn show(ui: &mut egui::Ui, query: &mut String, count: &str) {
    ui.horizontal(|ui| {
        // Room is kept for the clear button and the count, so typing never widens the panel.
        let field = ui.add(
            egui::TextEdit::singleline(query)
                .hint_text("Search series")
                .desired_width((ui.available_width() - 125.0).max(80.0)),
        );
        accessible::name(&field, egui::Role::SearchInput, "Search series");
        // Esc takes the focus away from the field: empty it in the same frame.
        let escaped = (field.has_focus() || field.lost_focus())
            && ui.input(|i| i.key_pressed(egui::Key::Escape));
        if escaped {
            query.clear();
        }
        if !query.is_empty()
            && ui
                .small_button("×")
                .on_hover_text("Clear the search (Esc)")
                .clicked()
        {
            query.clear();
        }
        ui.weak(count);
    });
}
