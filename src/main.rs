//! The `rotation-lens` executable: the command line, or the app when no command is given.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use rotation_lens::cli::{Cli, Command, run_inspect, run_metrics};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Inspect { files }) => {
            if run_inspect(&files) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some(Command::Metrics(args)) => {
            if run_metrics(&args) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        None => match rotation_lens::ui::run(cli.paths) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("rotation-lens: {error}");
                ExitCode::FAILURE
            }
        },
    }
}
