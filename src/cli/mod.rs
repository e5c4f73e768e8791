//! The command line: `rotation-lens [FILE...]` opens the app, `rotation-lens inspect FILE...`
//! prints what the importer makes of files, `rotation-lens metrics FILE...` prints their metrics,
//! `rotation-lens rrg --benchmark NAME FILE...` their rotation view.
//! Parsing only; the work lives in the core modules.

mod export_chart;
mod inspect;
mod locations;
mod metrics;
mod price_files;
mod rrg;

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::paths::AppPaths;

pub use export_chart::{
    ExportChartArgs, ReportArgs, TabArg, ThemeArg, export_chart, export_report, load_inputs,
    parse_range,
};
pub use inspect::{describe_outcome, run_inspect};
pub use locations::locations_text;
pub use metrics::{MetricsArgs, render_tables, resolve_spread, run_metrics};
pub use rrg::{RrgArgs, render_rotation, rotation_json, run_rrg};

/// Compare stock indexes from your own downloaded price files.
#[derive(Debug, Parser)]
#[command(name = "rotation-lens", version, about, long_about = None)]
pub struct Cli {
    /// What to do; without a command the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A workspace to open (.rlens, or an older .json), or CSV/TSV/TXT price files to import.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Open the workspace, save its chart as a PNG picture at this path, and quit.
    #[arg(long, value_name = "PNG")]
    pub export_chart: Option<PathBuf>,
}

impl Cli {
    /// Parses the process arguments like [`Parser::parse`], with `--help` and `--version`
    /// also saying where this user's workspace and log live. Exits on `--help`, `--version`
    /// and invalid arguments, as clap does.
    #[must_use]
    pub fn parse_with_locations() -> Cli {
        let locations = locations_text(AppPaths::for_current_user().as_ref());
        let command = Cli::command()
            .long_version(format!("{}\n{locations}", env!("CARGO_PKG_VERSION")))
            .after_help(format!("Files:\n{}", indent(&locations)));
        let mut matches = command.get_matches();
        Cli::from_arg_matches_mut(&mut matches).unwrap_or_else(|error| error.exit())
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
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
    /// Print the rotation view (RRG-style) of the series in the files against a benchmark.
    Rrg(RrgArgs),
    /// Draw the chart as a PNG or SVG picture for publication, without a window.
    ExportChart(ExportChartArgs),
    /// Write a one-file HTML report: chart, metrics, spreads, findings, definitions, sources.
    Report(ReportArgs),
}
