//! The main window: the series imported from the files given on the command line, listed with
//! what was detected and charted together.

use std::path::PathBuf;

use eframe::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints};

use crate::import::{ImportOptions, import_file};
use crate::model::Series;

/// The app's state.
pub struct RotationLensApp {
    series: Vec<Series>,
    messages: Vec<String>,
}

impl RotationLensApp {
    /// Creates the app, importing `paths`.
    #[must_use]
    pub fn new(_cc: &eframe::CreationContext<'_>, paths: Vec<PathBuf>) -> Self {
        let mut series = Vec::new();
        let mut messages = Vec::new();
        for path in paths {
            match import_file(&path, &ImportOptions::default()) {
                Ok(outcome) => {
                    messages.push(format!(
                        "{}: {} series ({}), {} rows",
                        path.display(),
                        outcome.series.len(),
                        outcome.detected.source,
                        outcome.rows_read
                    ));
                    series.extend(outcome.series);
                }
                Err(error) => messages.push(error.to_string()),
            }
        }
        Self { series, messages }
    }
}

impl eframe::App for RotationLensApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::left("series").resizable(true).show(ui, |ui| {
            ui.heading("Series");
            if self.series.is_empty() {
                ui.label("Start Rotation Lens with price files to compare them:\nrotation-lens FILE.csv…");
            }
            for series in &self.series {
                ui.label(format!("{} — {} observations", series.name, series.len()));
            }
            ui.separator();
            for message in &self.messages {
                ui.small(message);
            }
        });
        egui::CentralPanel::default().show(ui, |ui| {
            Plot::new("chart")
                .legend(Legend::default())
                .show(ui, |plot| {
                    for series in &self.series {
                        let points: PlotPoints<'_> = series
                            .dates()
                            .iter()
                            .zip(series.values())
                            .map(|(d, v)| [f64::from(d.day_number()), *v])
                            .collect();
                        plot.line(Line::new(series.name.clone(), points));
                    }
                });
        });
    }
}
