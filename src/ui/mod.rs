//! The desktop app. Renders state from the core modules and turns user actions into calls on
//! them; it holds no import or analytics logic of its own.

mod accessible;
mod app;
pub mod chart_area;
pub mod command;
pub mod data_panel;
mod date_field;
mod deferred_number;
pub mod derive_dialog;
pub mod export_dialog;
pub mod file_browser;
pub mod file_dialog;
pub mod findings_panel;
mod icon;
pub mod import_wizard;
pub mod layout;
pub mod menu;
pub mod metrics_table;
pub mod notifications;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use app::{AppEnvironment, ChartExport, RotationLensApp};

use crate::paths::APP_ID;

/// Opens the main window and runs until it is closed; with `export_chart`, saves the chart as
/// a PNG there once it is drawn and closes.
///
/// The window draws through OpenGL first: the app draws a few thousand triangles a frame, and
/// OpenGL does that with the least memory and start-up work (about 20 MB less than the Vulkan
/// path under a software renderer) and on the widest range of machines, virtual ones and remote
/// desktops included. When no OpenGL context can be made, it opens through wgpu (Vulkan, Metal
/// or DirectX) instead.
pub fn run(paths: Vec<PathBuf>, export_chart: Option<ChartExport>) -> Result<(), eframe::Error> {
    let started = Arc::new(AtomicBool::new(false));
    let first = open_window(
        eframe::Renderer::Glow,
        paths.clone(),
        export_chart.clone(),
        Arc::clone(&started),
    );
    match first {
        Err(error) if !started.load(Ordering::SeqCst) => {
            log::warn!("OpenGL could not open the window ({error}); trying wgpu");
            open_window(eframe::Renderer::Wgpu, paths, export_chart, started)
        }
        finished => finished,
    }
}

/// Runs the app in a window drawn by `renderer`; `started` is set once the app exists, so a
/// failure before it (no usable graphics) can be told from one after.
fn open_window(
    renderer: eframe::Renderer,
    paths: Vec<PathBuf>,
    export_chart: Option<ChartExport>,
    started: Arc<AtomicBool>,
) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("Rotation Lens")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0])
            .with_app_id(APP_ID)
            .with_icon(icon::window_icon()),
        renderer,
        ..Default::default()
    };
    eframe::run_native(
        "Rotation Lens",
        options,
        Box::new(move |cc| {
            started.store(true, Ordering::SeqCst);
            log::info!("drawing with {renderer}");
            let mut environment = AppEnvironment::native(paths);
            environment.export_png_and_quit = export_chart;
            Ok(Box::new(RotationLensApp::with_environment(cc, environment)))
        }),
    )
}
