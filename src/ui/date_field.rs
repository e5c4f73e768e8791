//! A date typed as `YYYY-MM-DD`, or left empty for "none chosen": the field follows the setting
//! while it is not being edited, sends the typed date once the edit ends (Enter or leaving the
//! field), and says what is wrong with text that is not a date.

use eframe::egui;

use crate::model::Date;

/// What a date field remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct DateField {
    text: String,
    /// The text was edited since it was last sent.
    edited: bool,
    /// The chosen date and the date shown when none is chosen, as last filled in.
    shown: Option<(Option<Date>, Option<Date>)>,
    error: Option<String>,
}

impl DateField {
    /// Shows `label` and the field for `chosen` (showing `fallback` when nothing is chosen;
    /// `hint` when neither is known). Returns the new choice once an edit ends with a value
    /// other than `chosen`: `Some(None)` for an emptied field.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        id_salt: &str,
        label: &str,
        hint: &str,
        chosen: Option<Date>,
        fallback: Option<Date>,
    ) -> (egui::Response, Option<Option<Date>>) {
        let id = ui.make_persistent_id(id_salt);
        let editing = ui.ctx().memory(|m| m.has_focus(id));
        if !editing && self.shown != Some((chosen, fallback)) {
            self.text = chosen
                .or(fallback)
                .map(|d| d.to_string())
                .unwrap_or_default();
            self.shown = Some((chosen, fallback));
            self.error = None;
        }
        let label = ui.label(label);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.text)
                    .id(id)
                    .hint_text(hint)
                    .desired_width(90.0),
            )
            .labelled_by(label.id);
        if response.changed() {
            self.edited = true;
        }
        let mut sent = None;
        // Enter or leaving the field ends the edit (a single-line field loses its focus on Enter).
        if response.lost_focus() && std::mem::take(&mut self.edited) {
            let text = self.text.trim();
            let typed = if text.is_empty() {
                Some(None)
            } else {
                Date::parse_iso(text).map(Some)
            };
            match typed {
                Some(date) => {
                    self.error = None;
                    sent = (date != chosen).then_some(date);
                }
                None => self.error = Some("Use a date like 2024-03-28".to_string()),
            }
        }
        (response, sent)
    }

    /// What is wrong with the typed text, in the error colour, when something is.
    pub fn show_error(&self, ui: &mut egui::Ui) {
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
    }
}
