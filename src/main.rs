//! The `rotation-lens` executable: the command line, or the app when no command is given.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rotation_lens::cli::{
    Cli, Command, export_chart, export_report, run_inspect, run_metrics, run_rrg,
};
use rotation_lens::logging;
use rotation_lens::paths::{AppPaths, is_workspace_file};
use rotation_lens::settings::Settings;
use rotation_lens::ui::ChartExport;
use rotation_lens::workspace::{HANDOFF_WAIT, hand_off};

fn main() -> ExitCode {
    let cli = Cli::parse_with_locations();
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
        Some(Command::Rrg(args)) => {
            if run_rrg(&args) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some(Command::ExportChart(args)) => finish(export_chart(&args)),
        Some(Command::Report(args)) => finish(export_report(&args)),
        None => {
            start_log(&cli.paths);
            // Price files opened while another window has the workspace open go to that window.
            if cli.export_chart.is_none()
                && let Some(app_paths) = AppPaths::for_current_user()
            {
                let settings = Settings::load(&app_paths.settings_file());
                let unnamed = settings.startup_workspace(&app_paths.default_workspace()).0;
                if let Some(handed) = hand_off(&app_paths, &unnamed, &cli.paths, HANDOFF_WAIT) {
                    log::info!(
                        "{} files handed to the window that has {} open",
                        handed.files,
                        handed.workspace.display()
                    );
                    println!(
                        "rotation-lens: {} handed to the Rotation Lens window that has {} open ({})",
                        if handed.files == 1 {
                            "1 file".to_string()
                        } else {
                            format!("{} files", handed.files)
                        },
                        handed.workspace.display(),
                        handed.holder.describe()
                    );
                    return ExitCode::SUCCESS;
                }
            }
            let export = cli.export_chart.map(|path| ChartExport {
                path,
                written: Arc::new(AtomicBool::new(false)),
            });
            match rotation_lens::ui::run(cli.paths, export.clone()) {
                Ok(()) => {
                    log::info!("closed");
                    match export {
                        Some(export) if !export.written.load(Ordering::SeqCst) => {
                            eprintln!(
                                "rotation-lens: the chart was not exported to {} (the log says why)",
                                export.path.display()
                            );
                            ExitCode::FAILURE
                        }
                        _ => ExitCode::SUCCESS,
                    }
                }
                Err(error) => {
                    log::error!("the window could not be opened: {error}");
                    eprintln!("rotation-lens: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// Prints the outcome of a command that writes a file; failure when it could not.
fn finish(outcome: Result<String, String>) -> ExitCode {
    match outcome {
        Ok(message) => {
            println!("rotation-lens: {message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("rotation-lens: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Starts the log in the data directory, naming the workspace this run opens. The app runs the
/// same without a log, so a failure is only mentioned on standard error.
fn start_log(paths: &[PathBuf]) {
    let Some(app_paths) = AppPaths::for_current_user() else {
        return;
    };
    let workspace = paths
        .iter()
        .find(|path| is_workspace_file(path))
        .cloned()
        .unwrap_or_else(|| {
            Settings::load(&app_paths.settings_file())
                .startup_workspace(&app_paths.default_workspace())
                .0
        });
    if let Err(error) = logging::start(&app_paths.log_file(), &workspace) {
        eprintln!("rotation-lens: running without a log file: {error}");
    }
}
