//! The app: owns the workspace document (with its file, undo history and autosave), the
//! background imports, dialogs and notifications, draws the panels each frame and applies the
//! commands they emit once the frame is drawn. Persistent data lives in the workspace;
//! everything here that is not the workspace is runtime state.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use eframe::egui;

use crate::analytics::{
    Analysis, DateRange, MetricsOptions, analyse_shown, insert_rotation_findings, set_ranges,
};
use crate::chart::rotation::workspace_rotation_findings;
use crate::chart::tab_plan::series_span;
use crate::export::{
    Cell, ChartPictureError, ExportError, PixelRect, Screenshot, crop_to_png, render_chart,
    table_csv, visible_data_csv, write_export,
};
use crate::import::{
    FileImportError, FinishedImport, ImportError, ImportJobs, ImportOptions, JobId,
};
use crate::model::{Date, Series};
use crate::paths::{APP_NAME, AppPaths, WORKSPACE_EXTENSION, is_workspace_file};
use crate::report::workspace_report;
use crate::settings::{Settings, ThemeChoice};
use crate::typed_path::{documents_folder, pictures_folder};
use crate::workspace::{
    BackupState, DocumentSession, Inbox, Saver, StartupOpen, StartupOpening, UNTITLED, Workspace,
    begin_startup_open, recover_unreadable,
};

use super::chart_area::{self, ChartView};
use super::command::Command;
use super::data_panel::{self, DataPanelState};
use super::derive_dialog::{self, DeriveDialogState, RemoveQuestion};
use super::export_dialog::{ChartExportRequest, ExportDialog, ExportKind};
use super::file_dialog::{DialogReply, FileDialogs, NativeDialogs};
use super::findings_panel;
use super::import_wizard::{ImportWizard, WizardAction, human_bytes};
use super::layout::{self, Side, SplitState};
use super::menu::{self, MenuContext};
use super::metrics_table::{self, MetricsTableState};
use super::notifications::{Level, Notifications};
use crate::metrics_rows::ExportValue;

mod closing;
mod commands;
mod dialogs;
mod inbox;
mod opening;
mod saving;

use closing::Closing;
use dialogs::PendingDialog;
use inbox::InboxWatch;

/// How long after the last change the workspace is saved, and the longest a change waits.
const AUTOSAVE_DELAY: Duration = Duration::from_secs(2);
const AUTOSAVE_MAX_WAIT: Duration = Duration::from_secs(20);

/// What the app is started with: where its files live, how it opens file dialogs, and what
/// the command line asked for.
pub struct AppEnvironment {
    /// The per-user data folder; `None` when the system has no home folder.
    pub paths: Option<AppPaths>,
    /// How file dialogs are opened.
    pub dialogs: Box<dyn FileDialogs>,
    /// Workspace or price files named on the command line.
    pub startup_paths: Vec<PathBuf>,
    /// Export the chart as a PNG once the window is drawn, then quit.
    pub export_png_and_quit: Option<ChartExport>,
}

/// Where `--export-chart` writes the chart's picture, and whether it did.
#[derive(Clone, Debug)]
pub struct ChartExport {
    /// The PNG file.
    pub path: PathBuf,
    /// Set once the picture is written.
    pub written: Arc<AtomicBool>,
}

impl AppEnvironment {
    /// The real environment: the user's data folder and the platform's dialogs.
    #[must_use]
    pub fn native(startup_paths: Vec<PathBuf>) -> AppEnvironment {
        AppEnvironment {
            paths: AppPaths::for_current_user(),
            dialogs: Box::new(NativeDialogs),
            startup_paths,
            export_png_and_quit: None,
        }
    }
}

/// Why a background import runs.
#[derive(Clone, Debug, PartialEq)]
enum JobPurpose {
    /// New series for the workspace.
    Add,
    /// Fresh data for series already in the workspace.
    Reimport,
}

/// A workspace file that could not be opened, and what the user may do about it.
struct OpenProblem {
    path: PathBuf,
    message: String,
    /// The content is unreadable (not a newer format or a permission problem): it can be moved
    /// aside and its backup opened.
    recoverable: bool,
}

/// The chart picture being taken.
struct Capture {
    path: PathBuf,
    /// Frames drawn since the capture was asked for; the screenshot is requested on a frame
    /// drawn without hover effects.
    frames: u32,
    receiver: Option<Receiver<Arc<egui::ColorImage>>>,
    rect: Option<egui::Rect>,
    pixels_per_point: f32,
}

/// The metrics and findings of the workspace, kept until the data or the as-of date change.
struct AnalysisCache {
    key: AnalysisKey,
    /// Its rows' range metrics are for `analysis.options.range`.
    analysis: Analysis,
    /// Which computation of the analysis this is: a new one whenever it is computed anew, so
    /// what is built from it (the metrics table's rows) knows when to build again.
    generation: u64,
}

/// What an analysis depends on: the workspace's data (its revision), the as-of date, the move
/// window and the spread lookback. (A new chart range only recomputes the range columns.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AnalysisKey {
    revision: u64,
    as_of: Option<Date>,
    move_sessions: usize,
    lookback_years: u32,
    /// The rotation view's settings, hashed (its findings depend on them).
    rotation: u64,
    /// Which series are shown: the findings speak of those only.
    shown: u64,
}

/// The Rotation Lens app.
pub struct RotationLensApp {
    workspace: Workspace,
    /// The workspace's file, this window's right to save it, the undo history, autosave and
    /// the background saver.
    document: DocumentSession,
    /// The startup workspace while a worker reads it; the window shows its progress meanwhile.
    opening: Option<StartupOpening>,
    /// Bumped on every change to the workspace's data, so caches know when to recompute.
    revision: u64,
    analysis: Option<AnalysisCache>,
    /// How many times the analysis was computed: the generation of the latest.
    analyses: u64,
    paths: Option<AppPaths>,
    settings: Settings,
    dialogs: Box<dyn FileDialogs>,
    dialog_sender: Sender<DialogReply>,
    dialog_receiver: Receiver<DialogReply>,
    pending_dialog: Option<PendingDialog>,
    jobs: ImportJobs,
    job_purposes: HashMap<JobId, JobPurpose>,
    wizard: Option<ImportWizard>,
    wizard_queue: VecDeque<PathBuf>,
    /// The files opened together: how many previews were opened so far and how many in all.
    wizard_batch: (usize, usize),
    notifications: Notifications,
    problem: Option<OpenProblem>,
    data_panel: DataPanelState,
    derive_dialog: DeriveDialogState,
    remove_question: Option<RemoveQuestion>,
    chart_view: ChartView,
    metrics_table: MetricsTableState,
    chart_rect: Option<egui::Rect>,
    /// What a picture of the chart holds: the plot and its legend.
    capture_rect: Option<egui::Rect>,
    /// The central area (chart and table) on the last frame.
    central_rect: Option<egui::Rect>,
    split: SplitState,
    chart_data: Option<crate::chart::visible_data::VisibleData>,
    capture: Option<Capture>,
    /// The open Export chart… or Export report… dialog.
    export_dialog: Option<ExportDialog>,
    /// The `--export-chart` export this run makes before it quits.
    export_and_quit: Option<ChartExport>,
    closing: Closing,
    /// Where other processes hand this window files to import.
    inbox: Option<InboxWatch>,
    title: String,
    commands: Vec<Command>,
    ctx: egui::Context,
}

impl RotationLensApp {
    /// The app as the executable starts it.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, startup_paths: Vec<PathBuf>) -> Self {
        Self::with_environment(cc, AppEnvironment::native(startup_paths))
    }

    /// The app in a given environment (tests use a temporary data folder and scripted dialogs).
    #[must_use]
    pub fn with_environment(cc: &eframe::CreationContext<'_>, environment: AppEnvironment) -> Self {
        let ctx = cc.egui_ctx.clone();
        let AppEnvironment {
            paths,
            dialogs,
            startup_paths,
            export_png_and_quit,
        } = environment;
        let settings = paths
            .as_ref()
            .map(|p| Settings::load(&p.settings_file()))
            .unwrap_or_default();
        let (workspace_files, price_files): (Vec<PathBuf>, Vec<PathBuf>) = startup_paths
            .into_iter()
            .partition(|p| is_workspace_file(p));
        let default_path = paths.as_ref().map_or_else(
            || PathBuf::from("workspace.json"),
            AppPaths::default_workspace,
        );
        let (path, is_default) = match workspace_files.first() {
            Some(path) => (path.clone(), false),
            None => settings.startup_workspace(&default_path),
        };
        let open_ctx = ctx.clone();
        let open = begin_startup_open(&path, is_default, move || open_ctx.request_repaint());
        let wake_ctx = ctx.clone();
        let save_ctx = ctx.clone();
        let (dialog_sender, dialog_receiver) = channel();
        let mut app = RotationLensApp {
            // Nothing is saved until the startup workspace is open.
            document: DocumentSession::new(
                path,
                Saver::new(move || save_ctx.request_repaint()),
                AUTOSAVE_DELAY,
                AUTOSAVE_MAX_WAIT,
            ),
            workspace: Workspace::empty(),
            opening: None,
            revision: 0,
            analysis: None,
            analyses: 0,
            paths,
            settings,
            dialogs,
            dialog_sender,
            dialog_receiver,
            pending_dialog: None,
            jobs: ImportJobs::new(move || wake_ctx.request_repaint()),
            job_purposes: HashMap::new(),
            wizard: None,
            wizard_queue: VecDeque::new(),
            wizard_batch: (0, 0),
            notifications: Notifications::default(),
            problem: None,
            data_panel: DataPanelState::default(),
            derive_dialog: DeriveDialogState::default(),
            remove_question: None,
            chart_view: ChartView::default(),
            metrics_table: MetricsTableState::default(),
            chart_rect: None,
            capture_rect: None,
            central_rect: None,
            split: SplitState::default(),
            chart_data: None,
            capture: None,
            export_dialog: None,
            export_and_quit: None,
            closing: Closing::Idle,
            inbox: None,
            title: String::new(),
            commands: Vec::new(),
            ctx: ctx.clone(),
        };
        app.inbox = app
            .paths
            .as_ref()
            .map(|paths| InboxWatch::start(Inbox::in_data_dir(&paths.data_dir), ctx.clone()));
        match open {
            StartupOpen::Ready(startup) => app.startup_finished(*startup),
            StartupOpen::Opening(opening) => app.opening = Some(opening),
        }
        app.apply_theme();
        if !price_files.is_empty() {
            app.commands.push(Command::ImportFiles(price_files));
        }
        if let Some(export) = export_png_and_quit {
            app.start_capture(export.path.clone());
            app.export_and_quit = Some(export);
        }
        app
    }

    /// The workspace shown.
    #[must_use]
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The file the workspace is saved to.
    #[must_use]
    pub fn workspace_path(&self) -> &Path {
        self.document.path()
    }

    /// The notifications on screen, oldest first (their texts).
    #[must_use]
    pub fn notification_texts(&self) -> Vec<String> {
        self.notifications
            .items()
            .iter()
            .map(|n| n.text.clone())
            .collect()
    }

    /// Whether imports are still running in the background.
    #[must_use]
    pub fn is_importing(&self) -> bool {
        self.jobs.is_busy()
    }

    /// Whether a save is running or waiting in the background.
    #[must_use]
    pub fn is_saving(&self) -> bool {
        self.document.is_saving()
    }

    /// Whether the startup workspace is still being read in the background.
    #[must_use]
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Whether the workspace has changes not yet handed to a save.
    #[must_use]
    pub fn has_unsaved_changes(&self) -> bool {
        self.document.autosave.has_unsaved_changes()
    }

    /// Queues a command as if the user had asked for it (menus, tests, automation).
    pub fn queue(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The data the chart shows, as a table of dates × lines (what "Export chart data" writes).
    #[must_use]
    pub fn chart_table(&self) -> Option<crate::export::ChartTable> {
        self.chart_data
            .as_ref()
            .map(crate::chart::visible_data::VisibleData::table)
    }

    /// The chart's plot on the last frame (every stacked panel), in points; `None` when no
    /// chart was drawn.
    #[must_use]
    pub fn chart_rect(&self) -> Option<egui::Rect> {
        self.chart_rect
    }

    /// The central area (the chart above the metrics table) on the last frame, in points.
    #[must_use]
    pub fn central_rect(&self) -> Option<egui::Rect> {
        self.central_rect
    }

    /// Whether the import preview is open.
    #[must_use]
    pub fn is_previewing(&self) -> bool {
        self.wizard.is_some()
    }

    // ----------------------------------------------------------------------------------------
    // Drawing

    fn draw(&mut self, ui: &mut egui::Ui) {
        let mut commands = std::mem::take(&mut self.commands);
        let context = MenuContext {
            history: &self.document.history,
            recent: &self.settings.recent,
            theme: self.settings.theme,
            import_without_preview: self.settings.import_without_preview,
        };
        egui::Panel::top("menu-bar").show(ui, |ui| menu::menu_bar(ui, &context, &mut commands));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
        let window_layout = self.workspace.layout;
        layout::side_panel(
            ui,
            Side::Left,
            &window_layout,
            &mut commands,
            |ui, commands| {
                data_panel::show(ui, &self.workspace, &mut self.data_panel, commands);
            },
        );
        let cache = self.current_analysis();
        let analysis = &cache.analysis;
        let generation = cache.generation;
        layout::side_panel(
            ui,
            Side::Right,
            &window_layout,
            &mut commands,
            |ui, commands| {
                ui.heading("Findings");
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        findings_panel::show(ui, &analysis.findings, commands);
                    });
            },
        );
        self.chart_view.suppress_hover = self.capture.is_some();
        let mut chart_data = None;
        let mut plot_rect = None;
        egui::CentralPanel::default().show(ui, |ui| {
            let split = layout::central_split(
                ui,
                &window_layout,
                &mut self.split,
                &mut commands,
                |ui, commands| {
                    if let Some(note) = self.workspace.chart_basis_note() {
                        ui.label(
                            egui::RichText::new(format!("Note: {note}"))
                                .color(ui.visuals().warn_fg_color),
                        )
                        .on_hover_text(
                            "The chart compares price returns with series that include \
                             dividends; over long spans the dividend yield tilts the comparison. \
                             Set each series' return basis in the Data panel.",
                        );
                    }
                    let output = chart_area::show(
                        ui,
                        &self.workspace,
                        self.workspace.as_of,
                        &mut self.chart_view,
                        commands,
                    );
                    chart_data = Some(output.data);
                    // The picture of the chart holds its legend too.
                    plot_rect = match (output.plot_rect, output.legend_rect) {
                        (Some(plot), Some(legend)) => Some((plot, plot.union(legend))),
                        (plot, _) => plot.map(|plot| (plot, plot)),
                    };
                    output.plot_rect
                },
                |ui, commands| {
                    metrics_table::show(
                        ui,
                        analysis,
                        generation,
                        &self.workspace,
                        &mut self.metrics_table,
                        commands,
                    );
                },
            );
            self.central_rect = Some(split.central);
        });
        self.chart_data = chart_data;
        self.chart_rect = plot_rect.map(|(plot, _)| plot);
        self.capture_rect = plot_rect.map(|(_, picture)| picture);
        self.analysis = Some(cache);
        self.draw_windows(ui.ctx(), &mut commands);
        // The chart picture holds the chart alone: no toast over it.
        if self.capture.is_none() {
            let blocked = self.wizard.is_some() || self.dialog_pending() || self.problem.is_some();
            self.notifications.show(ui.ctx(), blocked);
        }
        self.commands = commands;
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for progress in self.jobs.progress() {
                let name = progress
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.label(format!("Importing {name}"));
                ui.add(
                    egui::ProgressBar::new(progress.fraction())
                        .desired_width(160.0)
                        .text(format!(
                            "{} of {}",
                            human_bytes(progress.bytes_read),
                            human_bytes(progress.bytes_total)
                        )),
                );
                if ui.small_button("Cancel").clicked() {
                    self.jobs.cancel(progress.id);
                }
                ui.separator();
            }
            if self.jobs.is_busy() {
                ui.ctx().request_repaint_after(Duration::from_millis(100));
            }
            let state = if let Some(holder) = self.document.access().holder() {
                format!(
                    "Read-only: open in another Rotation Lens window ({})",
                    holder.describe()
                )
            } else if !self.document.access().may_save() {
                "Not saved: the workspace file could not be opened".to_string()
            } else if self.document.is_saving() {
                "Saving...".to_string()
            } else if self.document.autosave.has_unsaved_changes() {
                "Unsaved changes".to_string()
            } else {
                "All changes saved".to_string()
            };
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(format!("{state} — {}", self.document.path().display()));
            });
        });
    }

    fn draw_windows(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        self.close_question(ctx, commands);
        derive_dialog::show(ctx, &self.workspace, &mut self.derive_dialog, commands);
        if let Some(question) = &self.remove_question
            && !derive_dialog::show_remove_question(ctx, question, commands)
        {
            self.remove_question = None;
        }
        if let Some(dialog) = &mut self.export_dialog
            && !dialog.show(ctx, &self.workspace, commands)
        {
            self.export_dialog = None;
        }
        if let Some(wizard) = &mut self.wizard {
            match wizard.show(ctx) {
                Some(WizardAction::Import(path, options)) => {
                    self.wizard = None;
                    self.start_import(&path, options, JobPurpose::Add);
                    self.open_next_wizard();
                }
                Some(WizardAction::Cancel) => {
                    self.wizard = None;
                    self.open_next_wizard();
                }
                Some(WizardAction::ImportAllClean(path, options)) => {
                    self.wizard = None;
                    self.start_import(&path, options, JobPurpose::Add);
                    self.import_clean_in_queue();
                    self.open_next_wizard();
                }
                None => {}
            }
        }
        self.show_pending_dialog(ctx, commands);
        if let Some(problem) = &self.problem {
            let mut choice = None;
            egui::Window::new("The workspace could not be opened")
                .id(egui::Id::unique("open-problem"))
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                .show(ctx, |ui| {
                    ui.label(format!("{}", problem.path.display()));
                    ui.colored_label(ui.visuals().error_fg_color, &problem.message);
                    ui.label("The file has not been changed, and nothing will be saved over it.");
                    ui.add_space(6.0);
                    if problem.recoverable
                        && ui.button("Move it aside and open its backup").clicked()
                    {
                        choice = Some(Command::OpenBackup);
                    }
                    if ui.button("Open another workspace…").clicked() {
                        choice = Some(Command::OpenWorkspaceDialog);
                    }
                    if ui.button("Save what is shown elsewhere…").clicked() {
                        choice = Some(Command::SaveAsDialog);
                    }
                    if ui.button("Close").clicked() {
                        choice = Some(Command::DismissProblem);
                    }
                });
            if let Some(choice) = choice {
                commands.push(choice);
            }
        }
    }

    // ----------------------------------------------------------------------------------------
    // Analysis

    fn analysis_key(&self) -> AnalysisKey {
        AnalysisKey {
            revision: self.revision,
            as_of: self.workspace.as_of,
            move_sessions: (self.workspace.chart.move_window as usize).max(1),
            lookback_years: self.workspace.chart.lookback_years.max(1),
            rotation: {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::hash::DefaultHasher::new();
                self.workspace.chart.rotation.hash(&mut hasher);
                hasher.finish()
            },
            shown: self.shown_fingerprint(),
        }
    }

    /// A fingerprint of which series are shown, so the findings follow them.
    fn shown_fingerprint(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for entry in &self.workspace.series {
            std::hash::Hash::hash(&entry.visible, &mut hasher);
        }
        std::hash::Hasher::finish(&hasher)
    }

    /// The chart's range, which the table's range columns follow.
    fn table_range(&self) -> Option<DateRange> {
        series_span(&self.workspace, self.workspace.as_of).map(|span| DateRange {
            from: span.from,
            to: span.to,
        })
    }

    /// The series in the order of the analysis' rows.
    fn analysed_series(&self) -> Vec<&Series> {
        self.workspace
            .series
            .iter()
            .map(|s| s.series.as_ref())
            .collect()
    }

    /// The analysis for the workspace as it is now, taken out of the cache (the caller puts it
    /// back): recomputed when the data or the settings changed, only its range columns when the
    /// chart's range did.
    fn current_analysis(&mut self) -> AnalysisCache {
        let key = self.analysis_key();
        let range = self.table_range();
        if let Some(mut cache) = self.analysis.take()
            && cache.key == key
        {
            let options = &mut cache.analysis.options;
            if options.range != range {
                options.range = range;
                let as_of = options.as_of;
                set_ranges(
                    &mut cache.analysis.series,
                    &self.analysed_series(),
                    range,
                    as_of,
                );
            }
            return cache;
        }
        let series = self.analysed_series();
        let pairs = self.workspace.spread_pairs();
        let options = MetricsOptions {
            as_of: key.as_of,
            move_sessions: key.move_sessions,
            lookback_years: key.lookback_years,
            range,
        };
        let shown: Vec<bool> = self.workspace.series.iter().map(|s| s.visible).collect();
        let mut analysis = analyse_shown(&series, &pairs, &shown, &options);
        insert_rotation_findings(
            &mut analysis.findings,
            workspace_rotation_findings(&self.workspace, analysis.as_of),
        );
        self.workspace.note_mixed_bases(&mut analysis.findings);
        self.analyses += 1;
        AnalysisCache {
            key,
            analysis,
            generation: self.analyses,
        }
    }

    // ----------------------------------------------------------------------------------------
    // Commands

    fn apply_commands(&mut self) {
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command);
        }
    }

    /// Removes the named series in one undoable step, or first asks what to do with the derived
    /// series built on them.
    fn remove_series(&mut self, names: Vec<String>) {
        let names: Vec<String> = names
            .into_iter()
            .filter(|n| self.workspace.position_of(n).is_some())
            .collect();
        if names.is_empty() {
            return;
        }
        let dependents = self.workspace.dependents_of_all(&names);
        if !dependents.is_empty() {
            // Asked first: remove the series built on them too, or keep their values.
            self.remove_question = Some(RemoveQuestion { names, dependents });
            return;
        }
        let label = names_label(&names);
        self.edit(format!("Remove {label}"), |ws| {
            ws.remove_all(&names);
        });
        self.notifications.push(
            Level::Info,
            format!("Removed {label} — Ctrl+Z brings it back"),
        );
    }

    /// Applies an undoable change to the workspace.
    fn edit(&mut self, label: String, change: impl FnOnce(&mut Workspace)) {
        self.document
            .history
            .edit(label, &mut self.workspace, change);
        self.changed();
    }

    /// The workspace's data changed: caches are stale and a save is due.
    fn changed(&mut self) {
        self.revision += 1;
        self.note_change();
    }

    fn note_change(&mut self) {
        self.document.autosave.note_change(Instant::now());
    }

    // ----------------------------------------------------------------------------------------
    // Files

    fn autosave_tick(&mut self) {
        let now = Instant::now();
        if self.document.autosave_due(now) {
            self.save_now(false);
        }
        if let Some(wait) = self.document.autosave.time_until_due(now) {
            self.ctx
                .request_repaint_after(wait.max(Duration::from_millis(50)));
        }
    }

    fn open_backup(&mut self) {
        let Some(problem) = self.problem.take() else {
            return;
        };
        match recover_unreadable(&problem.path) {
            Ok(recovery) => {
                self.save_if_needed();
                let moved = recovery.moved_to.display().to_string();
                let workspace = match recovery.backup {
                    BackupState::Loads { path, workspace } => {
                        self.notifications.push(
                            Level::Success,
                            format!(
                                "The unreadable file was moved to {moved}; opened its backup {}",
                                path.display()
                            ),
                        );
                        *workspace
                    }
                    BackupState::Missing | BackupState::Unreadable { .. } => {
                        self.notifications.push(
                            Level::Warning,
                            format!("The unreadable file was moved to {moved}; no usable backup, so the workspace starts empty"),
                        );
                        Workspace::empty()
                    }
                };
                self.show_workspace(workspace, problem.path, false, true);
                self.save_now(false);
            }
            Err(error) => {
                self.notifications.push(
                    Level::Error,
                    format!("Could not move the file aside: {error}"),
                );
                self.problem = Some(problem);
            }
        }
    }

    fn new_workspace(&mut self) {
        self.save_if_needed();
        let folder = self
            .paths
            .as_ref()
            .map_or_else(|| PathBuf::from("."), |p| p.data_dir.clone());
        let path = (1..)
            .map(|n| {
                let name = if n == 1 {
                    UNTITLED.to_string()
                } else {
                    format!("{UNTITLED} {n}")
                };
                folder.join(format!("{name}.{WORKSPACE_EXTENSION}"))
            })
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| folder.join(format!("{UNTITLED}.{WORKSPACE_EXTENSION}")));
        self.show_workspace(Workspace::empty(), path, false, true);
        self.save_now(false);
        // The next start opens this workspace, not the demo.
        self.settings.note_recent(self.document.path());
        self.save_settings();
        self.notifications.push(
            Level::Info,
            format!(
                "New empty workspace, saved as {}",
                self.document.path().display()
            ),
        );
    }

    fn save_settings(&mut self) {
        if let Some(paths) = &self.paths
            && let Err(error) = self.settings.save(&paths.settings_file())
        {
            log::warn!("cannot save settings: {error}");
        }
    }

    fn apply_theme(&self) {
        let preference = match self.settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
            ThemeChoice::Light => egui::ThemePreference::Light,
        };
        self.ctx.set_theme(preference);
    }

    // ----------------------------------------------------------------------------------------
    // Import

    fn import_files(&mut self, paths: Vec<PathBuf>) {
        if self.wizard.is_none() && self.wizard_queue.is_empty() {
            self.wizard_batch = (0, 0);
        }
        for path in paths {
            if is_workspace_file(&path) {
                self.open_workspace(&path);
            } else {
                self.wizard_queue.push_back(path);
                self.wizard_batch.1 += 1;
            }
        }
        if self.wizard.is_none() {
            self.open_next_wizard();
        }
    }

    fn open_next_wizard(&mut self) {
        while let Some(path) = self.wizard_queue.pop_front() {
            let remembered = self.workspace.import_options_for(&path).unwrap_or_default();
            self.wizard_batch.0 += 1;
            match ImportWizard::open(&path, remembered) {
                Ok(mut wizard) => {
                    let (position, count) = self.wizard_batch;
                    wizard.set_batch(position, count);
                    if self.settings.import_without_preview && wizard.is_clean() {
                        let options = wizard.options().clone();
                        self.start_import(&path, options, JobPurpose::Add);
                        continue;
                    }
                    self.wizard = Some(wizard);
                    return;
                }
                Err(error) => self.notifications.push(
                    Level::Error,
                    format!("Cannot read {}: {error}", path.display()),
                ),
            }
        }
    }

    /// Imports the queued files that are clean without their previews; the others stay queued.
    fn import_clean_in_queue(&mut self) {
        let queued: Vec<PathBuf> = self.wizard_queue.drain(..).collect();
        for path in queued {
            let remembered = self.workspace.import_options_for(&path).unwrap_or_default();
            match ImportWizard::open(&path, remembered) {
                Ok(wizard) if wizard.is_clean() => {
                    self.wizard_batch.0 += 1;
                    let options = wizard.options().clone();
                    self.start_import(&path, options, JobPurpose::Add);
                }
                _ => self.wizard_queue.push_back(path),
            }
        }
    }

    fn start_import(&mut self, path: &Path, options: ImportOptions, purpose: JobPurpose) {
        log::info!("importing {}", path.display());
        let id = self.jobs.start(path, options);
        self.job_purposes.insert(id, purpose);
    }

    fn reimport(&mut self, name: &str) {
        let Some(entry) = self.workspace.series_named(name) else {
            return;
        };
        let Some(path) = entry.series.source.path.clone() else {
            self.notifications.push(
                Level::Warning,
                format!("{name} has no source file to re-import"),
            );
            return;
        };
        let options = entry.series.source.options.clone();
        self.start_import(&path, options, JobPurpose::Reimport);
    }

    fn poll_imports(&mut self) {
        for finished in self.jobs.take_finished() {
            let purpose = self
                .job_purposes
                .remove(&finished.id)
                .unwrap_or(JobPurpose::Add);
            self.import_finished(finished, &purpose);
        }
    }

    fn import_finished(&mut self, finished: FinishedImport, purpose: &JobPurpose) {
        let file = finished
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let outcome = match finished.result {
            Ok(outcome) => outcome,
            Err(FileImportError::Import {
                source: ImportError::Cancelled,
                ..
            }) => {
                log::info!("import of {file} cancelled");
                self.notifications
                    .push(Level::Info, format!("Import of {file} cancelled"));
                return;
            }
            Err(error) => {
                log::warn!("import failed: {error}");
                self.notifications.push(Level::Error, error.to_string());
                return;
            }
        };
        let mut details: Vec<String> = outcome.warnings.iter().map(ToString::to_string).collect();
        let skipped = outcome.skipped.len();
        if skipped > 0 {
            details.push(format!(
                "{skipped} {} skipped:",
                if skipped == 1 { "line" } else { "lines" }
            ));
            details.extend(outcome.skipped.iter().map(ToString::to_string));
        }
        match purpose {
            JobPurpose::Add => {
                let series = outcome.series;
                let summary: Vec<String> = series
                    .iter()
                    .map(|s| match (s.first(), s.last()) {
                        (Some((first, _)), Some((last, _))) => {
                            format!("{} ({} obs, {first} … {last})", s.name, s.len())
                        }
                        _ => s.name.clone(),
                    })
                    .collect();
                let mut added = None;
                self.edit(format!("Import {file}"), |ws| {
                    added = Some(ws.add_file_series(series));
                    // A derived series whose input was missing is computed again.
                    ws.refresh_derived();
                });
                let level = if outcome.warnings.is_empty() {
                    Level::Success
                } else {
                    Level::Warning
                };
                let text = match (added.and_then(|a| a.hidden_note()), summary.len()) {
                    (Some(note), _) => {
                        // The names go to the details: a line each, not a wall of text.
                        details.splice(0..0, summary);
                        note
                    }
                    (None, 1) => format!("Imported {}", summary.join("")),
                    (None, count) => format!(
                        "Imported {count} series from {file}: {}",
                        summary.join(", ")
                    ),
                };
                self.notifications.push_with_details(level, text, details);
            }
            JobPurpose::Reimport => {
                // The state before is the undo step on success, and put back on failure, so
                // a failure leaves the workspace and the undo history as they were.
                let before = self.workspace.clone();
                match self
                    .workspace
                    .apply_reimport(&finished.path, &outcome.series)
                {
                    Ok(report) => {
                        // Derived series follow their re-imported inputs in the same undo step.
                        let derive_problems = self.workspace.refresh_derived();
                        self.document
                            .history
                            .record(format!("Re-import {file}"), before);
                        self.changed();
                        let mut lines = report.lines();
                        lines.extend(derive_problems.iter().map(ToString::to_string));
                        lines.extend(details);
                        let level = if report.needs_attention() || !outcome.warnings.is_empty() {
                            Level::Warning
                        } else {
                            Level::Success
                        };
                        self.notifications
                            .push_with_details(level, report.headline(&file), lines);
                    }
                    Err(error) => {
                        self.workspace = before;
                        self.notifications
                            .push(Level::Error, format!("Re-import of {file} failed: {error}"));
                    }
                }
            }
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::ImportFiles(dropped));
        }
    }

    // ----------------------------------------------------------------------------------------
    // Exports

    fn start_capture(&mut self, path: PathBuf) {
        self.capture = Some(Capture {
            path,
            frames: 0,
            receiver: None,
            rect: None,
            pixels_per_point: 1.0,
        });
        self.ctx.request_repaint();
    }

    /// Advances the chart picture: a frame is drawn without hover effects, then its screenshot
    /// is requested; when it arrives it is cropped to the chart and written.
    fn capture_tick(&mut self, ctx: &egui::Context) {
        let Some(capture) = &mut self.capture else {
            return;
        };
        capture.frames += 1;
        if capture.receiver.is_none() {
            // Wait for a frame drawn with hover effects off (and, at start-up, for the layout).
            if capture.frames < 3 {
                ctx.request_repaint();
                return;
            }
            if self.chart_rect.is_none() {
                self.capture = None;
                log::error!("chart export failed: the chart shows nothing");
                self.notifications.push(
                    Level::Warning,
                    "The chart shows nothing to export: import or show a series first",
                );
                if self.export_and_quit.is_some() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
                return;
            }
            let (sender, receiver) = channel();
            let wake = ctx.clone();
            ctx.request_screenshot(move |image| {
                let _ = sender.send(image);
                wake.request_repaint();
            });
            capture.receiver = Some(receiver);
            capture.rect = self.capture_rect;
            capture.pixels_per_point = ctx.pixels_per_point();
            return;
        }
        let Some(image) = capture.receiver.as_ref().and_then(|r| r.try_recv().ok()) else {
            ctx.request_repaint_after(Duration::from_millis(16));
            return;
        };
        let Some(capture) = self.capture.take() else {
            return;
        };
        let result = write_chart_png(&capture, &image, ctx.global_style().visuals.panel_fill);
        match result {
            Ok(()) => {
                if let Some(rect) = capture.rect {
                    // The window's geometry, so a picture can be checked against it.
                    log::info!(
                        "chart exported to {}: the chart's rectangle ({}, {})–({}, {}) points at {} pixels per point",
                        capture.path.display(),
                        rect.min.x,
                        rect.min.y,
                        rect.max.x,
                        rect.max.y,
                        capture.pixels_per_point
                    );
                }
                self.notifications.push_file(
                    Level::Success,
                    format!("Chart saved as {}", capture.path.display()),
                    capture.path.clone(),
                );
                if let Some(export) = &self.export_and_quit {
                    export.written.store(true, Ordering::SeqCst);
                }
            }
            Err(error) => {
                log::error!("chart export failed: {error}");
                self.notifications
                    .push(Level::Error, format!("Could not export the chart: {error}"));
            }
        }
        if self.export_and_quit.is_some() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn open_export_dialog(&mut self, kind: ExportKind) {
        let choices = &self.settings.export;
        let (folder, stem) = match kind {
            ExportKind::Chart => (
                pictures_folder(choices.chart_folder.as_deref()),
                format!("{} chart", file_safe(&self.workspace.name)),
            ),
            ExportKind::Report => (
                documents_folder(choices.report_folder.as_deref()),
                format!("{} report", file_safe(&self.workspace.name)),
            ),
        };
        self.export_dialog = Some(ExportDialog::new(
            kind,
            choices.format,
            choices.options(None),
            folder,
            &stem,
        ));
    }

    /// Writes the chart picture through the same code as the command line's `export-chart`.
    fn export_chart(&mut self, request: &ChartExportRequest) {
        let result = render_chart(
            &self.workspace,
            self.workspace.as_of,
            &request.options,
            request.format,
        )
        .and_then(|bytes| write_export(&request.path, &bytes).map_err(ChartPictureError::from));
        self.settings
            .export
            .remember(request.format, &request.options);
        self.settings.export.chart_folder = request.path.parent().map(Path::to_path_buf);
        self.save_settings();
        self.report_file_export(result, &request.path, "Chart");
    }

    /// Writes the HTML report through the same code as the command line's `report`.
    fn export_report(&mut self, path: &Path, title: Option<&str>) {
        let html = workspace_report(&self.workspace, self.workspace.as_of, title);
        let result = write_export(path, html.as_bytes());
        self.settings.export.report_folder = path.parent().map(Path::to_path_buf);
        self.save_settings();
        self.report_file_export(result, path, "Report");
    }

    /// Tells the user where an export was written (with Copy path and Open folder), or why not.
    fn report_file_export<E: std::fmt::Display>(
        &mut self,
        result: Result<(), E>,
        path: &Path,
        what: &str,
    ) {
        match result {
            Ok(()) => {
                log::info!("{what} exported to {}", path.display());
                self.notifications.push_file(
                    Level::Success,
                    format!("{what} saved as {}", path.display()),
                    path.to_path_buf(),
                );
            }
            Err(error) => {
                log::error!("{what} export failed: {error}");
                self.notifications.push(
                    Level::Error,
                    format!("Could not export the {}: {error}", what.to_lowercase()),
                );
            }
        }
    }

    fn export_chart_csv(&mut self, path: &Path) {
        let Some(data) = &self.chart_data else {
            self.notifications
                .push(Level::Warning, "The chart has no data to export");
            return;
        };
        let result = visible_data_csv(data).and_then(|bytes| write_export(path, &bytes));
        self.report_file_export(result, path, "Chart data");
    }

    fn export_metrics_csv(&mut self, path: &Path) {
        let cache = self.current_analysis();
        let analysis = &cache.analysis;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut tables = self
            .metrics_table
            .export_tables(analysis, &self.workspace)
            .into_iter();
        let (header, series) = tables.next().unwrap_or_default();
        rows.extend(series.into_iter().map(export_cells));
        for (spread_header, spreads) in tables {
            rows.push(Vec::new());
            rows.push(spread_header.into_iter().map(Cell::Text).collect());
            rows.extend(spreads.into_iter().map(export_cells));
        }
        self.analysis = Some(cache);
        let result = table_csv(&header, &rows).and_then(|bytes| write_export(path, &bytes));
        self.report_file_export(result, path, "Metrics");
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!("{APP_NAME} — {}", self.workspace.name);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// A metrics-table row as spreadsheet-safe CSV cells.
fn export_cells(values: Vec<ExportValue>) -> Vec<Cell> {
    values
        .into_iter()
        .map(|value| match value {
            ExportValue::Text(text) => Cell::Text(text),
            ExportValue::Number(number) => Cell::Number(number),
            ExportValue::Date(date) => Cell::Date(date),
            ExportValue::Empty => Cell::Empty,
        })
        .collect()
}

fn write_chart_png(
    capture: &Capture,
    image: &egui::ColorImage,
    background: egui::Color32,
) -> Result<(), ExportError> {
    let rect = capture.rect.ok_or(ExportError::ChartNotOnScreen)?;
    let [width, height] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(eframe::egui::Color32::to_array)
        .collect();
    let screenshot = Screenshot {
        width,
        height,
        rgba_premultiplied: &bytes,
        pixels_per_point: capture.pixels_per_point,
    };
    let crop = PixelRect::from_points(
        [rect.min.x, rect.min.y],
        [rect.max.x, rect.max.y],
        capture.pixels_per_point,
    );
    let png = crop_to_png(
        &screenshot,
        crop,
        [background.r(), background.g(), background.b()],
    )?;
    write_export(&capture.path, &png)
}

/// A name usable as a file name.
/// The series named in a message: the name of one, up to three names, or how many.
fn names_label(names: &[String]) -> String {
    match names.len() {
        1..=3 => names.join(", "),
        count => format!("{count} series"),
    }
}

fn file_safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.()&^".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() {
        "workspace".to_string()
    } else {
        cleaned
    }
}

impl eframe::App for RotationLensApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.opening.is_some() {
            self.poll_opening();
        }
        if let Some(opening) = &self.opening {
            opening::show(ui, opening);
            // Files dropped meanwhile are imported into the workspace once it is open.
            self.take_dropped_files(&ctx);
            return;
        }
        self.poll_saves();
        self.poll_dialogs();
        self.poll_imports();
        self.take_dropped_files(&ctx);
        self.take_handed_files();
        menu::shortcuts(&ctx, &mut self.commands);
        if ctx.input(|i| i.viewport().close_requested()) && !self.may_close() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        self.draw(ui);
        self.apply_commands();
        self.capture_tick(&ctx);
        self.autosave_tick();
        self.update_title(&ctx);
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // While the chart is captured the pointer is away: no hover highlight, tooltip or
        // crosshair can end up in the picture.
        if self.capture.is_some() {
            raw_input.events.push(egui::Event::PointerGone);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.finish_saving();
        self.save_settings();
    }
}
