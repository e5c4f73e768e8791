//! The core of Rotation Lens: everything that can be computed and tested without a window.
//!
//! Layers, each using only those before it:
//! [`model`] (dates, series, how a file was read) → [`import`] (bytes to series) →
//! [`analytics`] (metrics, spreads, findings) → [`derive`](mod@derive) (series computed from others) →
//! [`workspace`] (the document and its files) →
//! [`chart`] (what a chart tab draws) → [`metrics_rows`] (the metrics table as text) →
//! [`export`] (files written for other programs) → [`report`] (the one-file HTML report).
//! [`atomic_write`] writes every file whole or not at all.
//! [`paths`] and [`settings`] say where the app keeps its files and the user's preferences;
//! [`typed_path`] and [`file_listing`] are what the app's own file dialog shows and decides.
//! No module here depends on a user-interface crate: the compiler keeps the UI out.

pub mod analytics;
pub mod atomic_write;
pub mod chart;
pub mod derive;
pub mod export;
pub mod file_listing;
pub mod import;
pub mod metrics_rows;
pub mod metrics_tables;
pub mod model;
pub mod number_format;
pub mod paths;
pub mod report;
pub mod settings;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod typed_path;
pub mod workspace;
