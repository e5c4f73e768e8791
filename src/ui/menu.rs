//! The menu bar and the keyboard shortcuts, both turned into commands.

use std::path::PathBuf;

use eframe::egui;

use crate::settings::ThemeChoice;
use crate::workspace::History;

use super::command::Command;

/// What the menus need to show.
pub struct MenuContext<'a> {
    /// Undo/redo labels.
    pub history: &'a History,
    /// Recently opened workspaces.
    pub recent: &'a [PathBuf],
    /// The current theme.
    pub theme: ThemeChoice,
    /// Whether clean files import without the preview.
    pub import_without_preview: bool,
}

/// Shows the menu bar.
pub fn menu_bar(ui: &mut egui::Ui, context: &MenuContext<'_>, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, context, commands));
        ui.menu_button("Edit", |ui| edit_menu(ui, context, commands));
        ui.menu_button("Data", |ui| data_menu(ui, commands));
        ui.menu_button("View", |ui| view_menu(ui, context, commands));
    });
}

/// File: workspaces, import, exports, quit.
fn file_menu(ui: &mut egui::Ui, context: &MenuContext<'_>, commands: &mut Vec<Command>) {
    let item = |ui: &mut egui::Ui, label: &str, shortcut: &str, command: Command| {
        let clicked = ui
            .add(egui::Button::new(label).shortcut_text(shortcut))
            .clicked();
        if clicked {
            ui.close();
        }
        clicked.then_some(command)
    };
    let mut chosen = Vec::new();
    chosen.extend(item(ui, "New workspace", "", Command::NewWorkspace));
    chosen.extend(item(ui, "Open…", "", Command::OpenWorkspaceDialog));
    ui.menu_button("Open recent", |ui| {
        if context.recent.is_empty() {
            ui.label("No recent workspaces");
        }
        for path in context.recent {
            if ui.button(path.display().to_string()).clicked() {
                chosen.push(Command::OpenWorkspace(path.clone()));
                ui.close();
            }
        }
    });
    chosen.extend(item(ui, "Save", "Ctrl+S", Command::Save));
    chosen.extend(item(ui, "Save as…", "", Command::SaveAsDialog));
    ui.separator();
    chosen.extend(item(ui, "Import…", "Ctrl+O", Command::ImportDialog));
    ui.separator();
    chosen.extend(item(
        ui,
        "Export chart…",
        "Ctrl+E",
        Command::ExportChartPngDialog,
    ));
    chosen.extend(item(ui, "Export report…", "", Command::ExportReportDialog));
    chosen.extend(item(
        ui,
        "Export chart data as CSV…",
        "",
        Command::ExportChartCsvDialog,
    ));
    chosen.extend(item(
        ui,
        "Export metrics as CSV…",
        "",
        Command::ExportMetricsCsvDialog,
    ));
    ui.separator();
    chosen.extend(item(ui, "Quit", "Ctrl+Q", Command::Quit));
    commands.extend(chosen);
}

/// Edit: undo, redo and the import preference.
fn edit_menu(ui: &mut egui::Ui, context: &MenuContext<'_>, commands: &mut Vec<Command>) {
    let undo = context
        .history
        .undo_label()
        .map_or_else(|| "Undo".to_string(), |label| format!("Undo {label}"));
    if ui
        .add_enabled(
            context.history.can_undo(),
            egui::Button::new(undo).shortcut_text("Ctrl+Z"),
        )
        .clicked()
    {
        commands.push(Command::Undo);
        ui.close();
    }
    let redo = context
        .history
        .redo_label()
        .map_or_else(|| "Redo".to_string(), |label| format!("Redo {label}"));
    if ui
        .add_enabled(
            context.history.can_redo(),
            egui::Button::new(redo).shortcut_text("Ctrl+Shift+Z"),
        )
        .clicked()
    {
        commands.push(Command::Redo);
        ui.close();
    }
    ui.separator();
    let mut without_preview = context.import_without_preview;
    if ui
        .checkbox(&mut without_preview, "Import clean files without preview")
        .on_hover_text("Files read with no warning and no skipped line are imported at once")
        .changed()
    {
        commands.push(Command::SetImportWithoutPreview(without_preview));
    }
}

/// Data: new derived series.
fn data_menu(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    if ui
        .button("New derived series…")
        .on_hover_text(
            "A total return from dividends, a series in another currency, a composite \
             or an equal-weight index",
        )
        .clicked()
    {
        commands.push(Command::NewDerivedDialog);
        ui.close();
    }
}

/// View: the theme.
fn view_menu(ui: &mut egui::Ui, context: &MenuContext<'_>, commands: &mut Vec<Command>) {
    ui.label("Theme");
    for choice in ThemeChoice::ALL {
        if ui.radio(context.theme == choice, choice.label()).clicked() {
            commands.push(Command::SetTheme(choice));
            ui.close();
        }
    }
}

/// Turns this frame's keyboard shortcuts into commands. Shortcuts are left to a focused text
/// field (its own undo, copy and paste) while one has the keyboard.
pub fn shortcuts(ctx: &egui::Context, commands: &mut Vec<Command>) {
    if ctx.memory(|memory| memory.focused().is_some()) {
        return;
    }
    let command = egui::Modifiers::COMMAND;
    let shift_command = egui::Modifiers::COMMAND | egui::Modifiers::SHIFT;
    let bindings = [
        (shift_command, egui::Key::Z, Command::Redo),
        (command, egui::Key::Z, Command::Undo),
        (command, egui::Key::Y, Command::Redo),
        (command, egui::Key::O, Command::ImportDialog),
        (command, egui::Key::S, Command::Save),
        (command, egui::Key::E, Command::ExportChartPngDialog),
        (command, egui::Key::Q, Command::Quit),
    ];
    ctx.input_mut(|input| {
        for (modifiers, key, action) in bindings {
            if input.consume_shortcut(&egui::KeyboardShortcut::new(modifiers, key)) {
                commands.push(action);
            }
        }
    });
}
