//! The command line: `rotation-lens [FILE...]` opens the app, `rotation-lens inspect FILE...`
//! prints what the importer makes of files, `rotation-lens metrics FILE...` prints their metrics.
//! Parsing only; the work lives in the core modules.

mod inspect;
mod metrics;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use inspect::{describe_outcome, run_inspect};
pub use metrics::{MetricsArgs, render_tables, resolve_spread, run_metrics};

/// Compare stock indexes from your own downloaded price files.
#[derive(Debug, Parser)]
#[command(name = "rotation-lens", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without a command the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A workspace file to open, or CSV files to import into the workspace.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The commands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print what was detected in each file and a summary of each series found.
    Inspect {
        /// The files to read.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print every metric, spread and finding of the series in the files.
    Metrics(MetricsArgs),
}
