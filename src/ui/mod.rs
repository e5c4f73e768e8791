//! The desktop app. Renders state from the core modules and turns user actions into calls on
//! them; it holds no import or analytics logic of its own.

mod accessible;
mod app;
pub mod chart_area;
pub mod command;
pub mod data_panel;
pub mod file_dialog;
pub mod findings_panel;
mod icon;
pub mod import_wizard;
pub mod menu;
pub mod metrics_rows;
pub mod metrics_table;
pub mod notifications;

use std::path::PathBuf;

pub use app::{AppEnvironment, RotationLensApp};

use crate::paths::APP_ID;

/// Opens the main window and runs until it is closed; with `export_chart`, saves the chart as
/// a PNG there once it is drawn and closes.
pub fn run(paths: Vec<PathBuf>, export_chart: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Rotation Lens")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_app_id(APP_ID)
            .with_icon(icon::window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "Rotation Lens",
        options,
        Box::new(move |cc| {
            let mut environment = AppEnvironment::native(paths);
            environment.export_png_and_quit = export_chart;
            Ok(Box::new(RotationLensApp::with_environment(cc, environment)))
        }),
    )
}
