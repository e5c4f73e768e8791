//! The app's own file dialog: a window with a path field, the shown folder's entries (folders
//! first, then the files of the wanted kinds, with size and date), Up and Home, hidden files on
//! request, several files chosen at once for an import (Ctrl and Shift click), an overwrite
//! question when saving over a file, and the reason inline when a path cannot be used — the
//! typed text is always kept. What the listing holds and what a typed path means is decided in
//! the core's `file_listing`; this module draws and reports the user's choice.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::file_listing::{
    FolderEntry, Resolved, field_text, format_modified, format_size, list_folder, resolve_open,
    resolve_save,
};
use crate::typed_path::home_folder;

use super::file_dialog::DialogPurpose;

/// The height of a row of the listing, in points.
const ROW_HEIGHT: f32 = 20.0;

/// What the user did in the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrowserAction {
    /// These files were chosen (one, or several for an import); a save's is confirmed.
    Chosen(Vec<PathBuf>),
    /// The browser was closed without a choice.
    Cancel,
}

/// The open file browser.
pub struct FileBrowser {
    purpose: DialogPurpose,
    folder: PathBuf,
    /// The path field's text.
    text: String,
    /// The name a save suggests, kept when the user moves between folders.
    save_name: String,
    listing: Result<Vec<FolderEntry>, String>,
    /// The positions of the selected entries in the listing.
    selected: BTreeSet<usize>,
    anchor: Option<usize>,
    show_hidden: bool,
    problem: Option<String>,
    /// The existing file waiting for "Replace".
    confirm: Option<PathBuf>,
    /// A line about the system's file chooser, when one was opened too.
    note: Option<String>,
    home: Option<PathBuf>,
}

impl FileBrowser {
    /// The browser for `purpose`, showing `folder`; a save suggests `file_name`.
    #[must_use]
    pub fn new(purpose: DialogPurpose, folder: PathBuf, file_name: &str) -> FileBrowser {
        let mut browser = FileBrowser {
            purpose,
            folder: PathBuf::new(),
            text: String::new(),
            save_name: file_name.to_string(),
            listing: Ok(Vec::new()),
            selected: BTreeSet::new(),
            anchor: None,
            show_hidden: false,
            problem: None,
            confirm: None,
            note: None,
            home: home_folder(),
        };
        browser.enter(folder);
        browser
    }

    /// What it is for.
    #[must_use]
    pub fn purpose(&self) -> DialogPurpose {
        self.purpose
    }

    /// The folder shown.
    #[must_use]
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Sets the line said about the system's file chooser (`None` hides it).
    pub fn set_note(&mut self, note: Option<String>) {
        self.note = note;
    }

    /// Shows `folder`: lists it, clears the selection and puts it in the path field (with the
    /// suggested name for a save).
    fn enter(&mut self, folder: PathBuf) {
        // Links and `..` resolved for the folder shown (not on Windows, where the canonical
        // form is a `\\?\` path no one types).
        #[cfg(unix)]
        let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
        self.listing = list_folder(&folder, self.purpose.extensions(), self.show_hidden)
            .map_err(|e| e.to_string());
        self.text = if self.purpose.saves() {
            field_text(&folder, Some(&self.save_name))
        } else {
            field_text(&folder, None)
        };
        self.folder = folder;
        self.selected.clear();
        self.anchor = None;
        self.problem = None;
        self.confirm = None;
    }

    fn relist(&mut self) {
        self.listing = list_folder(&self.folder, self.purpose.extensions(), self.show_hidden)
            .map_err(|e| e.to_string());
        self.selected.clear();
        self.anchor = None;
    }

    /// The label of the button that chooses.
    fn action_label(&self) -> String {
        match self.purpose {
            DialogPurpose::ImportFiles if self.selected.len() > 1 => {
                format!("Import {} files", self.selected.len())
            }
            DialogPurpose::ImportFiles => "Import".to_string(),
            DialogPurpose::OpenWorkspace => "Open".to_string(),
            DialogPurpose::SaveWorkspaceAs => "Save".to_string(),
            DialogPurpose::ExportChartPicture | DialogPurpose::ExportReport => "Choose".to_string(),
            DialogPurpose::ExportChartCsv | DialogPurpose::ExportMetricsCsv => "Export".to_string(),
        }
    }

    /// Shows the window; returns what the user decided, if anything.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<BrowserAction> {
        let mut open = true;
        let mut action = None;
        egui::Window::new(self.purpose.title())
            .id(egui::Id::unique("file-browser"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(760.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 50.0])
            .show(ctx, |ui| {
                ui.set_width(760.0);
                if let Some(note) = &self.note {
                    ui.weak(note);
                }
                self.toolbar(ui);
                ui.separator();
                if let Some(path) = self.listing_table(ui) {
                    action = self.activate_entry(&path);
                }
                ui.separator();
                if action.is_none() {
                    action = self.path_row(ui);
                }
            });
        if !open {
            return Some(BrowserAction::Cancel);
        }
        action
    }

    fn toolbar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let parent = self.folder.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(parent.is_some(), egui::Button::new("⬆ Up"))
                .on_hover_text("The folder above")
                .clicked()
                && let Some(parent) = parent
            {
                self.enter(parent);
            }
            if let Some(home) = self.home.clone()
                && ui.button("Home").clicked()
            {
                self.enter(home);
            }
            if ui
                .checkbox(&mut self.show_hidden, "Show hidden files")
                .changed()
            {
                self.relist();
            }
        });
        ui.label(egui::RichText::new(self.folder.display().to_string()).strong());
    }

    /// The folder's entries; returns the one double-clicked.
    fn listing_table(&mut self, ui: &mut egui::Ui) -> Option<PathBuf> {
        let entries = match &self.listing {
            Ok(entries) => entries.clone(),
            Err(problem) => {
                ui.colored_label(ui.visuals().error_fg_color, problem);
                ui.add_space(260.0);
                return None;
            }
        };
        if entries.is_empty() {
            ui.weak("No folders or matching files here.");
        }
        let mut activated = None;
        let mut clicked = None;
        let several = self.purpose.picks_several();
        ui.push_id("file-browser-listing", |ui| {
            // The whole row answers clicks; its labels only show text.
            TableBuilder::new(ui)
                .striped(true)
                .sense(egui::Sense::click())
                .auto_shrink([false, false])
                .column(Column::remainder().at_least(300.0))
                .column(Column::exact(90.0))
                .column(Column::exact(130.0))
                .min_scrolled_height(280.0)
                .max_scroll_height(280.0)
                .header(ROW_HEIGHT, |mut header| {
                    header.col(|ui| {
                        ui.strong("Name");
                    });
                    header.col(|ui| {
                        ui.strong("Size");
                    });
                    header.col(|ui| {
                        ui.strong("Modified");
                    });
                })
                .body(|body| {
                    body.rows(ROW_HEIGHT, entries.len(), |mut row| {
                        let index = row.index();
                        let entry = &entries[index];
                        row.set_selected(self.selected.contains(&index));
                        row.col(|ui| {
                            let shown = if entry.is_dir {
                                format!("🗀 {}", entry.name)
                            } else {
                                entry.name.clone()
                            };
                            ui.add(egui::Label::new(shown).selectable(false).truncate());
                        });
                        row.col(|ui| {
                            if !entry.is_dir {
                                ui.add(egui::Label::new(format_size(entry.size)).selectable(false));
                            }
                        });
                        row.col(|ui| {
                            let modified = entry.modified.map(format_modified).unwrap_or_default();
                            ui.add(egui::Label::new(modified).selectable(false));
                        });
                        let response = row.response();
                        if response.double_clicked() {
                            activated = Some(entry.path.clone());
                        } else if response.clicked() {
                            clicked = Some((index, response.ctx.input(|i| i.modifiers)));
                        }
                    });
                });
        });
        if let Some((index, modifiers)) = clicked {
            self.click(&entries, index, modifiers, several);
        }
        activated
    }

    /// A click on an entry: selects it (Ctrl adds or removes, Shift selects a range, when
    /// several may be chosen) and puts it in the path field.
    fn click(
        &mut self,
        entries: &[FolderEntry],
        index: usize,
        modifiers: egui::Modifiers,
        several: bool,
    ) {
        if several && modifiers.command {
            if !self.selected.remove(&index) {
                self.selected.insert(index);
            }
            self.anchor = Some(index);
        } else if several && modifiers.shift {
            let anchor = self.anchor.unwrap_or(index);
            self.selected = (anchor.min(index)..=anchor.max(index)).collect();
        } else {
            self.selected = BTreeSet::from([index]);
            self.anchor = Some(index);
        }
        // Only files are chosen together; folders are entered one at a time.
        if self.selected.len() > 1 {
            self.selected
                .retain(|&i| entries.get(i).is_some_and(|e| !e.is_dir));
        }
        self.problem = None;
        self.confirm = None;
        if self.selected.len() == 1
            && let Some(entry) = self.selected.first().and_then(|&i| entries.get(i))
        {
            if entry.is_dir {
                self.text = field_text(&entry.path, None);
            } else {
                self.text = entry.path.display().to_string();
                if self.purpose.saves() {
                    self.save_name.clone_from(&entry.name);
                }
            }
        } else if self.selected.len() > 1 {
            self.text = field_text(&self.folder, None);
        }
    }

    /// A double-click: enters a folder, chooses a file.
    fn activate_entry(&mut self, path: &Path) -> Option<BrowserAction> {
        if path.is_dir() {
            self.enter(path.to_path_buf());
            return None;
        }
        self.text = path.display().to_string();
        self.choose_typed()
    }

    /// The selected files, when several are (an import of several files).
    fn selected_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = &self.listing else {
            return Vec::new();
        };
        self.selected
            .iter()
            .filter_map(|&i| entries.get(i))
            .filter(|e| !e.is_dir)
            .map(|e| e.path.clone())
            .collect()
    }

    /// The path field, the problem or the overwrite question, and the buttons.
    fn path_row(&mut self, ui: &mut egui::Ui) -> Option<BrowserAction> {
        let mut action = None;
        let mut submit = false;
        ui.horizontal(|ui| {
            let label = ui.label(if self.purpose.saves() {
                "File name or path"
            } else {
                "Path"
            });
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(600.0))
                .labelled_by(label.id);
            if field.changed() {
                self.selected.clear();
                self.problem = None;
                self.confirm = None;
            }
            submit = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        });
        ui.weak("~ is your home folder; a name alone is taken from the folder shown.");
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        if let Some(existing) = self.confirm.clone() {
            let name = existing
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            ui.label(format!(
                "Replace {name}? It already exists in {}.",
                existing
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    action = Some(BrowserAction::Chosen(vec![existing.clone()]));
                }
                if ui.button("Keep it").clicked() {
                    self.confirm = None;
                }
            });
            return action;
        }
        ui.horizontal(|ui| {
            if ui.button(self.action_label()).clicked() {
                submit = true;
            }
            if ui.button("Cancel").clicked() {
                action = Some(BrowserAction::Cancel);
            }
        });
        if submit && action.is_none() {
            let several = self.selected_files();
            action = if several.len() > 1 {
                Some(BrowserAction::Chosen(several))
            } else {
                self.choose_typed()
            };
        }
        action
    }

    /// Uses what the path field says: enters a folder, chooses a file, asks before replacing
    /// one, or says why it cannot (keeping the text).
    fn choose_typed(&mut self) -> Option<BrowserAction> {
        let home = self.home.as_deref();
        let resolved = if self.purpose.saves() {
            resolve_save(
                &self.text,
                home,
                &self.folder,
                self.purpose.default_extension(),
            )
        } else {
            resolve_open(&self.text, home, &self.folder)
        };
        match resolved {
            Ok(Resolved::Folder(folder)) => {
                self.enter(folder);
                None
            }
            Ok(Resolved::File(path)) => Some(BrowserAction::Chosen(vec![path])),
            Ok(Resolved::Replace(path)) => {
                self.confirm = Some(path);
                None
            }
            Err(problem) => {
                self.problem = Some(problem.to_string());
                None
            }
        }
    }
}
