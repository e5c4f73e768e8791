//! The workspace: the user's document — series with their data, sources and import settings,
//! colours, chart settings, spread definitions, derived-series definitions and return bases, the
//! as-of date and the last computed metrics — with its file format, atomic saving with a backup (on a worker thread), opening with progress,
//! recovery from unreadable files, one writer per workspace (a lock), undo and redo, re-import
//! merging, autosave timing, the colour palette and the bundled demo.
//!
//! Pure: nothing here knows about the user interface.

mod autosave;
mod bulk;
mod chart;
mod codec;
mod demo;
mod derived;
mod document;
mod error;
mod file;
mod focus;
mod format;
mod groups;
mod handoff;
mod history;
mod layout;
mod load_progress;
mod lock;
mod opening;
mod palette;
mod reimport;
mod rotation_settings;
mod saver;
mod session;
mod startup;
mod table_columns;

pub use autosave::AutosaveTimer;
pub use bulk::{AddedSeries, SHOW_ALL_UP_TO, SHOWN_OF_MANY};
pub use chart::{
    ChartRange, ChartSettings, ChartTab, PerformanceMode, RangePreset, SeriesPair, SpreadMode,
};
pub use codec::ColumnError;
pub use demo::{
    CAPE_YIELD, DEMO_NAME, DemoError, EARNINGS_YIELD, demo_series_names, demo_workspace,
};
pub use derived::DETACHED_FORMAT;
pub use document::{SpreadDefinition, UNTITLED, Workspace, WorkspaceSeries};
pub use error::{SeriesProblem, WorkspaceError};
pub use file::{
    BackupState, Recovery, backup_path, check_backup, default_workspace_path, load_workspace,
    move_aside, recover_unreadable, remove_stale_temporary_files, save_workspace,
    workspace_from_bytes,
};
pub use focus::Focus;
pub use format::FORMAT_VERSION;
pub use groups::{
    DERIVED_GROUP, GroupKey, OTHER_GROUP, PanelRow, SeriesGroup, SeriesList, name_matches,
};
pub use handoff::{HANDOFF_WAIT, HandedOff, Inbox, hand_off};
pub use history::History;
pub use layout::{DEFAULT_CHART_SHARE, MAX_CHART_SHARE, MIN_CHART_SHARE, Split, WindowLayout};
pub use load_progress::{LoadProgress, LoadStatus, load_workspace_with_progress};
pub use lock::{LockError, LockHolder, WorkspaceLock, held_by_other, lock_path};
pub use opening::{
    OPEN_IN_BACKGROUND_FROM, StartupOpen, StartupOpening, begin_open, begin_startup_open,
};
pub use palette::{PALETTE, Rgb, from_hex, next_color, to_hex};
pub use reimport::{FileReimport, ReimportReport, merge_reimport};
pub use rotation_settings::RotationSettings;
pub use saver::{FinishedSave, SaveId, Saver, WriteFn};
pub use session::{Access, AccessKind, DocumentSession, SaveEvent, SavePurpose, SaveRefused};
pub use startup::{OpenPurpose, Startup, StartupKind, open_at_startup, open_with_progress};
pub use table_columns::{ColumnChoice, ColumnWidth, MetricsTableLayout, SeriesColumn};
