//! Everything the user can ask for, as data. Widgets push commands while they draw; the app
//! applies them once per frame, after drawing, so no widget changes state under another's feet
//! and every change to the workspace goes through one place (undo, autosave, the title).

use std::path::PathBuf;

use crate::derive::{DerivedDefinition, ReturnBasis};
use crate::model::{Date, SeriesKind};
use crate::settings::ThemeChoice;
use crate::workspace::{
    ChartSettings, Focus, MetricsTableLayout, Rgb, SpreadDefinition, WindowLayout,
};

use super::file_dialog::DialogPurpose;

/// A request from the user interface.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Start an empty workspace (the current one is saved first).
    NewWorkspace,
    /// Ask for a workspace file to open.
    OpenWorkspaceDialog,
    /// Open this workspace file.
    OpenWorkspace(PathBuf),
    /// Save the workspace now.
    Save,
    /// Ask where to save the workspace.
    SaveAsDialog,
    /// Ask which price files to import.
    ImportDialog,
    /// Import these files (through the preview unless the user chose otherwise).
    ImportFiles(Vec<PathBuf>),
    /// Ask how and where to export the chart as a picture (PNG or SVG).
    ExportChartPngDialog,
    /// Ask how and where to export the chart for publication.
    ExportReportDialog,
    /// Write the chart picture as asked.
    ExportChart(super::export_dialog::ChartExportRequest),
    /// Write the HTML report to this file, with this title.
    ExportReport(PathBuf, Option<String>),
    /// Export the chart's visible data.
    ExportChartCsvDialog,
    /// Export the metrics table.
    ExportMetricsCsvDialog,
    /// Use the files chosen in the app's own file browser for a pending file dialog.
    UseChosenPaths(DialogPurpose, Vec<PathBuf>),
    /// Open the file dialog for the Export chart or report dialog's path, from this path.
    BrowseForExport(DialogPurpose, PathBuf),
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Change the colour theme.
    SetTheme(ThemeChoice),
    /// Close the app.
    Quit,
    /// Show or hide a series.
    SetVisible(String, bool),
    /// Change a series' colour.
    SetColor(String, Rgb),
    /// Rename a series.
    Rename(String, String),
    /// Change what a series measures.
    SetKind(String, SeriesKind),
    /// Remove a series (undoable).
    Remove(String),
    /// Re-read a series' source file, merging new and changed values.
    Reimport(String),
    /// Change the chart settings.
    SetChart(ChartSettings),
    /// Change how the window is shared (the chart/table split, which side panels are open);
    /// saved with the workspace, not an undo step.
    SetLayout(WindowLayout),
    /// Change the metrics table's columns or whether it lists every series; saved with the
    /// workspace, not an undo step.
    SetMetricsTable(MetricsTableLayout),
    /// Change the as-of date (`None` = the latest date in the data).
    SetAsOf(Option<Date>),
    /// Change whether clean files import without the preview (a preference of the app, kept
    /// for every workspace).
    SetImportWithoutPreview(bool),
    /// Add a spread definition.
    AddSpread(SpreadDefinition),
    /// Remove the spread definition at this index.
    RemoveSpread(usize),
    /// Show what a finding speaks of: its tab, its series, over its dates (undoable).
    Focus(Focus),
    /// Recover from an unreadable workspace: move it aside and open its backup.
    OpenBackup,
    /// Close the message about an unreadable workspace (it stays unsaved-over).
    DismissProblem,
    /// Open the dialog that makes a derived series.
    NewDerivedDialog,
    /// Compute and add a derived series (undoable).
    AddDerived(DerivedDefinition),
    /// Set whether a series is a price or a total return (undoable).
    SetReturnBasis(String, ReturnBasis),
    /// Remove these series and every derived series built on them (one undoable step).
    RemoveWithDependents(Vec<String>),
    /// Remove these series and keep the derived series built on them as plain series with their
    /// current values (one undoable step).
    RemoveKeepingDependents(Vec<String>),
    /// Show or hide several series (one undoable step).
    SetVisibleMany(Vec<String>, bool),
    /// Remove several series in one undoable step; when derived series are built on them, ask
    /// first what to do with those.
    RemoveMany(Vec<String>),
    /// Fold or unfold a group of the Data panel (by its id); saved with the workspace, not an
    /// undo step.
    SetGroupFolded(String, bool),
    /// Open the derived-series dialog for an equal-weight index of these series.
    EqualWeightDialog(Vec<String>),
}
