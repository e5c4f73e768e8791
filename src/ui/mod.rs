//! The desktop app. Renders state from the core modules and turns user actions into calls on
//! them; it holds no import or analytics logic of its own.

mod app;
pub mod chart_area;
pub mod command;
pub mod file_dialog;
pub mod findings_panel;
mod icon;
pub mod import_wizard;
pub mod metrics_rows;
pub mod metrics_table;
pub mod notifications;

use std::path::PathBuf;

pub use app::RotationLensApp;

use crate::paths::APP_ID;

/// Opens the main window and runs until it is closed.
pub fn run(paths: Vec<PathBuf>) -> Result<(), eframe::Error> {
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
        Box::new(move |cc| Ok(Box::new(RotationLensApp::new(cc, paths)))),
    )
}
