//! Native file dialogs behind a small trait. The real one runs `rfd` on a worker thread and
//! answers through a channel, so the window never blocks — not even on a Linux desktop without a
//! file-chooser portal, where the dialog may never appear (the app then offers a typed path).
//! Tests use a scripted implementation and never open a dialog.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::Sender;

/// What a dialog is for; decides its title, filters and how the answer is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DialogPurpose {
    /// Pick price files to import (several allowed).
    ImportFiles,
    /// Pick a workspace to open.
    OpenWorkspace,
    /// Choose where to save the workspace.
    SaveWorkspaceAs,
    /// Choose where to save the chart picture.
    ExportChartPng,
    /// Choose where to save the chart's data.
    ExportChartCsv,
    /// Choose where to save the metrics table.
    ExportMetricsCsv,
}

impl DialogPurpose {
    /// The dialog's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            DialogPurpose::ImportFiles => "Import price files",
            DialogPurpose::OpenWorkspace => "Open workspace",
            DialogPurpose::SaveWorkspaceAs => "Save workspace as",
            DialogPurpose::ExportChartPng => "Export chart as PNG",
            DialogPurpose::ExportChartCsv => "Export chart data as CSV",
            DialogPurpose::ExportMetricsCsv => "Export metrics as CSV",
        }
    }

    /// Whether the dialog asks for a new file name (rather than existing files).
    #[must_use]
    pub fn saves(self) -> bool {
        matches!(
            self,
            DialogPurpose::SaveWorkspaceAs
                | DialogPurpose::ExportChartPng
                | DialogPurpose::ExportChartCsv
                | DialogPurpose::ExportMetricsCsv
        )
    }

    /// The file filters offered: (name, extensions).
    #[must_use]
    pub fn filters(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            DialogPurpose::ImportFiles => &[
                ("Price files", &["csv", "txt", "tsv"]),
                ("All files", &["*"]),
            ],
            DialogPurpose::OpenWorkspace => &[
                ("Rotation Lens workspace", &["rlens", "json"]),
                ("All files", &["*"]),
            ],
            DialogPurpose::SaveWorkspaceAs => &[("Rotation Lens workspace", &["rlens"])],
            DialogPurpose::ExportChartPng => &[("PNG image", &["png"])],
            DialogPurpose::ExportChartCsv | DialogPurpose::ExportMetricsCsv => &[("CSV", &["csv"])],
        }
    }
}

/// The answer to a dialog: the chosen paths, empty when the user cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogReply {
    /// What the dialog was for.
    pub purpose: DialogPurpose,
    /// The chosen paths.
    pub paths: Vec<PathBuf>,
}

/// Opens file dialogs without blocking: the reply arrives on `replies`, then `wake` is called.
pub trait FileDialogs {
    /// Opens a dialog for `purpose`, suggesting `file_name` for save dialogs.
    fn open(
        &self,
        purpose: DialogPurpose,
        file_name: &str,
        replies: Sender<DialogReply>,
        wake: Box<dyn Fn() + Send>,
    );
}

/// The platform's dialogs through `rfd`, each on its own thread.
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn open(
        &self,
        purpose: DialogPurpose,
        file_name: &str,
        replies: Sender<DialogReply>,
        wake: Box<dyn Fn() + Send>,
    ) {
        let file_name = file_name.to_string();
        // If the thread cannot start there is no dialog; the typed-path field still works.
        let _ = std::thread::Builder::new()
            .name("file-dialog".to_string())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
                for (name, extensions) in purpose.filters() {
                    dialog = dialog.add_filter(*name, extensions);
                }
                let paths = match purpose {
                    DialogPurpose::ImportFiles => dialog.pick_files().unwrap_or_default(),
                    DialogPurpose::OpenWorkspace => dialog.pick_file().into_iter().collect(),
                    _ => dialog
                        .set_file_name(&file_name)
                        .save_file()
                        .into_iter()
                        .collect(),
                };
                let _ = replies.send(DialogReply { purpose, paths });
                wake();
            });
    }
}

/// Dialogs that answer from a script, for tests: each `open` takes the next answer.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    answers: Mutex<VecDeque<Vec<PathBuf>>>,
    opened: Mutex<Vec<DialogPurpose>>,
}

impl ScriptedDialogs {
    /// Dialogs that will answer with `answers`, in order (then with "cancelled").
    #[must_use]
    pub fn new(answers: Vec<Vec<PathBuf>>) -> ScriptedDialogs {
        ScriptedDialogs {
            answers: Mutex::new(answers.into()),
            opened: Mutex::new(Vec::new()),
        }
    }

    /// The purposes of the dialogs opened so far.
    #[must_use]
    pub fn opened(&self) -> Vec<DialogPurpose> {
        self.opened.lock().map(|o| o.clone()).unwrap_or_default()
    }
}

impl FileDialogs for ScriptedDialogs {
    fn open(
        &self,
        purpose: DialogPurpose,
        _file_name: &str,
        replies: Sender<DialogReply>,
        wake: Box<dyn Fn() + Send>,
    ) {
        if let Ok(mut opened) = self.opened.lock() {
            opened.push(purpose);
        }
        let paths = self
            .answers
            .lock()
            .ok()
            .and_then(|mut a| a.pop_front())
            .unwrap_or_default();
        let _ = replies.send(DialogReply { purpose, paths });
        wake();
    }
}
