//! Native file dialogs behind a small trait. The real one runs `rfd` on a worker thread and
//! answers through a channel, so the window never blocks — not even on a Linux desktop without a
//! file-chooser portal, where the dialog may never appear (the app's own file browser is shown
//! alongside, see `file_browser`). Tests use a scripted implementation and never open a dialog.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::Sender;

use crate::file_listing::FileKind;

/// What a dialog is for; decides its title, filters and how the answer is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DialogPurpose {
    /// Pick price files to import (several allowed).
    ImportFiles,
    /// Pick a workspace to open.
    OpenWorkspace,
    /// Choose where to save the workspace.
    SaveWorkspaceAs,
    /// Choose where the Export chart dialog saves the picture.
    ExportChartPicture,
    /// Choose where the Export report dialog saves the report.
    ExportReport,
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
            DialogPurpose::ExportChartPicture => "Save the chart picture as",
            DialogPurpose::ExportReport => "Save the report as",
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
                | DialogPurpose::ExportChartPicture
                | DialogPurpose::ExportReport
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
            DialogPurpose::ExportChartPicture => &[("PNG or SVG picture", &["png", "svg"])],
            DialogPurpose::ExportReport => &[("HTML report", &["html", "htm"])],
            DialogPurpose::ExportChartCsv | DialogPurpose::ExportMetricsCsv => &[("CSV", &["csv"])],
        }
    }
}

impl DialogPurpose {
    /// The kind of file it is about (each kind remembers its last folder).
    #[must_use]
    pub fn kind(self) -> FileKind {
        match self {
            DialogPurpose::ImportFiles => FileKind::PriceFiles,
            DialogPurpose::OpenWorkspace | DialogPurpose::SaveWorkspaceAs => FileKind::Workspace,
            DialogPurpose::ExportChartPicture => FileKind::Picture,
            DialogPurpose::ExportReport => FileKind::Report,
            DialogPurpose::ExportChartCsv | DialogPurpose::ExportMetricsCsv => FileKind::Csv,
        }
    }

    /// The extensions of the files listed (the first filter's; `*` lists every file).
    #[must_use]
    pub fn extensions(self) -> &'static [&'static str] {
        self.filters()
            .first()
            .map_or(&[], |(_, extensions)| *extensions)
    }

    /// The extension added to a name typed without one, when saving.
    #[must_use]
    pub fn default_extension(self) -> &'static str {
        self.extensions().first().copied().unwrap_or("")
    }

    /// Whether several files may be chosen at once.
    #[must_use]
    pub fn picks_several(self) -> bool {
        self == DialogPurpose::ImportFiles
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

    /// Whether these dialogs can be shown at all here (when not, only the app's own file
    /// browser is shown).
    fn available(&self) -> bool {
        true
    }
}

/// The platform's dialogs through `rfd`, each on its own thread.
#[derive(Debug, Default)]
pub struct NativeDialogs;

/// Whether a program is found on the `PATH`.
#[cfg(all(unix, not(target_os = "macos")))]
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

impl FileDialogs for NativeDialogs {
    /// On Linux and the BSDs the system's chooser needs a display and either the desktop's
    /// file-chooser portal (reached over the session bus) or `zenity`; elsewhere it always exists.
    fn available(&self) -> bool {
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            let display = std::env::var_os("DISPLAY").is_some()
                || std::env::var_os("WAYLAND_DISPLAY").is_some();
            let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
            display && (bus || on_path("zenity"))
        }
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        {
            true
        }
    }

    fn open(
        &self,
        purpose: DialogPurpose,
        file_name: &str,
        replies: Sender<DialogReply>,
        wake: Box<dyn Fn() + Send>,
    ) {
        let file_name = file_name.to_string();
        // If the thread cannot start there is no dialog; the app's own browser still works.
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
                    DialogPurpose::SaveWorkspaceAs
                    | DialogPurpose::ExportChartPicture
                    | DialogPurpose::ExportReport
                    | DialogPurpose::ExportChartCsv
                    | DialogPurpose::ExportMetricsCsv => dialog
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

/// No system dialog at all, as on a desktop without a file chooser: only the app's own file
/// browser is shown.
#[derive(Debug, Default)]
pub struct NoNativeDialogs;

impl FileDialogs for NoNativeDialogs {
    fn open(
        &self,
        _purpose: DialogPurpose,
        _file_name: &str,
        _replies: Sender<DialogReply>,
        _wake: Box<dyn Fn() + Send>,
    ) {
    }

    fn available(&self) -> bool {
        false
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
