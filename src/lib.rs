//! Rotation Lens: compare stock indexes from your own downloaded price files.
//!
//! This crate is the desktop app ([`ui`]) and the command line ([`cli`]) built on the core crate,
//! `rotation_lens_core`, which imports, computes, keeps the workspace and prepares charts without
//! any user interface. The core's modules are re-exported here under their own names.

pub use rotation_lens_core::{
    analytics, atomic_write, chart, derive, export, file_listing, import, metrics_rows,
    metrics_tables, model, number_format, paths, report, settings, typed_path, workspace,
};

pub mod cli;
pub mod logging;
pub mod ui;
