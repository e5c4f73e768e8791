//! Rotation Lens: compare stock indexes from your own downloaded price files.
//!
//! The crate is a pure core — [`model`], [`import`] — that never touches the user interface,
//! a command line ([`cli`]) and the desktop app ([`ui`]).

pub mod analytics;
pub mod chart;
pub mod cli;
pub mod export;
pub mod import;
pub mod logging;
pub mod model;
pub mod paths;
pub mod settings;
pub mod ui;
pub mod workspace;
