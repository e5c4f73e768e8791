//! The field under the Data panel's buttons where a file path can be typed and imported: `~`
//! expanded, a relative path taken from the home folder, and the reason shown (the text kept)
//! when the path names no file.

use std::path::PathBuf;

use eframe::egui;

use crate::file_listing::{Resolved, resolve_open};
use crate::typed_path::home_folder;

use super::super::accessible;
use super::super::command::Command;

/// The typed path and why it could not be imported.
#[derive(Debug, Default)]
pub struct TypedImport {
    /// The path typed so far.
    text: String,
    /// Why the typed path could not be imported (the text is kept).
    problem: Option<String>,
}

/// Shows the field, its Import path button and the problem, if any.
pub fn show(ui: &mut egui::Ui, state: &mut TypedImport, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.text)
                .hint_text("or type a file path")
                .desired_width(ui.available_width() - 96.0),
        );
        accessible::name(&field, egui::Role::TextInput, "File path to import");
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if field.changed() {
            state.problem = None;
        }
        let typed = !state.text.trim().is_empty();
        if (ui
            .add_enabled(typed, egui::Button::new("Import path"))
            .clicked()
            || entered)
            && typed
        {
            import_typed_path(state, commands);
        }
    });
    if let Some(problem) = &state.problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
}

/// Imports the typed path when it names a file; otherwise says why and keeps the text.
fn import_typed_path(state: &mut TypedImport, commands: &mut Vec<Command>) {
    let home = home_folder();
    let base = home.clone().unwrap_or_else(|| PathBuf::from("."));
    match resolve_open(&state.text, home.as_deref(), &base) {
        Ok(Resolved::File(path)) => {
            commands.push(Command::ImportFiles(vec![path]));
            state.text.clear();
            state.problem = None;
        }
        Ok(Resolved::Folder(folder) | Resolved::Replace(folder)) => {
            state.problem = Some(format!(
                "{} is a folder: type a file in it, or use Import files…",
                folder.display()
            ));
        }
        Err(problem) => state.problem = Some(problem.to_string()),
    }
}
