//! File → Export chart… and File → Export report…: a small window with the choices (format,
//! size, scale, theme, title — for the chart, with a live preview of the very picture that will
//! be written) and the app's own path field (prefilled with the Pictures or Documents folder and
//! a file name, `~` expanded, overwrite confirmed), with Browse… for the app's file dialog. It
//! never depends on a native file chooser.
//! Exporting emits a [`Command`]; the app writes the file.

use std::path::PathBuf;

use eframe::egui;

use crate::export::{PictureFormat, PictureOptions, PictureTheme, chart_view, render_rgb};
use crate::typed_path::{expand_typed_path, home_folder, with_default_extension};
use crate::workspace::Workspace;

use super::command::Command;
use super::file_dialog::DialogPurpose;

/// The widest preview, in points.
const PREVIEW_WIDTH: f32 = 520.0;

/// What the dialog exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The chart picture.
    Chart,
    /// The HTML report.
    Report,
}

/// A chart export the user confirmed.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartExportRequest {
    /// The file to write.
    pub path: PathBuf,
    /// PNG or SVG.
    pub format: PictureFormat,
    /// Size, scale, theme, title.
    pub options: PictureOptions,
}

/// The open export dialog.
pub struct ExportDialog {
    kind: ExportKind,
    format: PictureFormat,
    options: PictureOptions,
    title: String,
    path: String,
    /// The folder relative paths are taken from.
    folder: PathBuf,
    /// The file that exists and is waiting for "Replace".
    confirm: Option<PathBuf>,
    /// The existing file the user already chose to replace in the file dialog.
    replace_agreed: Option<PathBuf>,
    problem: Option<String>,
    preview: Option<(String, egui::TextureHandle)>,
    preview_problem: Option<String>,
}

impl ExportDialog {
    /// The dialog for `kind`, starting from the remembered `format` and `options`, in
    /// `folder`, suggesting `file_stem` as the name.
    #[must_use]
    pub fn new(
        kind: ExportKind,
        format: PictureFormat,
        options: PictureOptions,
        folder: PathBuf,
        file_stem: &str,
    ) -> ExportDialog {
        let extension = match kind {
            ExportKind::Chart => format.extension(),
            ExportKind::Report => "html",
        };
        let path = folder.join(format!("{file_stem}.{extension}"));
        ExportDialog {
            kind,
            format,
            title: options.title.clone().unwrap_or_default(),
            options,
            path: path.display().to_string(),
            folder,
            confirm: None,
            replace_agreed: None,
            problem: None,
            preview: None,
            preview_problem: None,
        }
    }

    /// Puts the file chosen in the file dialog in the path field (a picture's format follows
    /// its extension); replacing it was agreed there.
    pub fn set_chosen_path(&mut self, path: PathBuf) {
        if self.kind == ExportKind::Chart
            && let Some(format) = PictureFormat::ALL.into_iter().find(|f| {
                path.extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(f.extension()))
            })
        {
            self.format = format;
        }
        self.path = path.display().to_string();
        self.confirm = None;
        self.problem = None;
        self.replace_agreed = Some(path);
    }

    /// The path the field stands for (`~` and relative paths resolved), if any.
    fn typed_path(&self) -> Option<PathBuf> {
        expand_typed_path(&self.path, home_folder().as_deref(), &self.folder)
    }

    /// What it exports.
    #[must_use]
    pub fn kind(&self) -> ExportKind {
        self.kind
    }

    /// Shows the dialog; returns `false` once it is closed (cancelled or exported).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        workspace: &Workspace,
        commands: &mut Vec<Command>,
    ) -> bool {
        let mut open = true;
        let mut done = false;
        let title = match self.kind {
            ExportKind::Chart => "Export chart",
            ExportKind::Report => "Export report",
        };
        egui::Window::new(title)
            .id(egui::Id::unique("export-dialog"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
            .show(ctx, |ui| {
                if self.kind == ExportKind::Chart {
                    self.chart_choices(ui);
                    self.show_preview(ui, workspace);
                } else {
                    ui.horizontal(|ui| {
                        let label = ui.label("Title");
                        ui.add(
                            egui::TextEdit::singleline(&mut self.title)
                                .hint_text("the workspace's name")
                                .desired_width(360.0),
                        )
                        .labelled_by(label.id);
                    });
                    ui.label("One HTML file: the chart, the metrics table, spreads, findings, definitions and data sources; it opens and prints offline.");
                }
                ui.separator();
                done = self.path_row(ui, commands);
            });
        open && !done
    }

    fn chart_choices(&mut self, ui: &mut egui::Ui) {
        egui::Grid::new("export-choices")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("Format");
                ui.horizontal(|ui| {
                    for format in PictureFormat::ALL {
                        if ui.radio(self.format == format, format.label()).clicked()
                            && self.format != format
                        {
                            self.format = format;
                            self.path = swap_extension(&self.path, format.extension());
                            self.confirm = None;
                        }
                    }
                });
                ui.end_row();
                ui.label("Size (pixels)");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::DragValue::new(&mut self.options.width_px)
                            .range(100..=crate::export::MAX_SIDE_PX),
                    );
                    ui.label("×");
                    ui.add(
                        egui::DragValue::new(&mut self.options.height_px)
                            .range(100..=crate::export::MAX_SIDE_PX),
                    );
                    for (w, h) in [(1600, 900), (1200, 675), (1080, 1080)] {
                        if ui.small_button(format!("{w}×{h}")).clicked() {
                            self.options.width_px = w;
                            self.options.height_px = h;
                        }
                    }
                });
                ui.end_row();
                ui.label("Scale");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::DragValue::new(&mut self.options.scale)
                            .range(crate::export::SCALE_RANGE.0..=crate::export::SCALE_RANGE.1)
                            .speed(0.05)
                            .max_decimals(2),
                    )
                    .on_hover_text(
                        "Pixels per point: 2 keeps text sharp on high-density screens and in print",
                    );
                });
                ui.end_row();
                ui.label("Theme");
                ui.horizontal(|ui| {
                    for theme in PictureTheme::ALL {
                        let label = match theme {
                            PictureTheme::Light => "Light",
                            PictureTheme::Dark => "Dark",
                        };
                        if ui.radio(self.options.theme == theme, label).clicked() {
                            self.options.theme = theme;
                        }
                    }
                });
                ui.end_row();
                ui.label("Title");
                ui.add(
                    egui::TextEdit::singleline(&mut self.title)
                        .hint_text("the series compared")
                        .desired_width(360.0),
                );
                ui.end_row();
            });
        let title = self.title.trim();
        self.options.title = (!title.is_empty()).then(|| title.to_string());
    }

    /// The picture as it will be written, scaled down to fit the dialog.
    fn show_preview(&mut self, ui: &mut egui::Ui, workspace: &Workspace) {
        let key = format!(
            "{:?}|{:?}|{:?}|{:p}",
            self.options,
            workspace.chart,
            workspace.as_of,
            workspace.series.as_ptr()
        ) + &workspace
            .series
            .iter()
            .map(|s| {
                format!(
                    "{:p}{}{:?}",
                    std::sync::Arc::as_ptr(&s.series),
                    s.visible,
                    s.color
                )
            })
            .collect::<String>();
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            match preview_image(workspace, &self.options) {
                Ok(image) => {
                    let texture = ui.ctx().load_texture(
                        "export-preview",
                        image,
                        egui::TextureOptions::LINEAR,
                    );
                    self.preview = Some((key, texture));
                    self.preview_problem = None;
                }
                Err(problem) => {
                    self.preview = None;
                    self.preview_problem = Some(problem);
                }
            }
        }
        if let Some(problem) = &self.preview_problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        } else if let Some((_, texture)) = &self.preview {
            let size = texture.size_vec2();
            let shown = size * (PREVIEW_WIDTH / size.x).min(1.0);
            let caption = ui.weak("Preview of the exported picture");
            ui.add(egui::Image::new((texture.id(), shown)))
                .labelled_by(caption.id);
        }
    }

    /// The path field, Export and Cancel; returns whether an export was asked for.
    fn path_row(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> bool {
        let mut export = false;
        ui.horizontal(|ui| {
            let label = ui.label("Save as");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.path).desired_width(420.0))
                .labelled_by(label.id);
            if field.changed() {
                self.confirm = None;
                self.replace_agreed = None;
                self.problem = None;
            }
            export = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .button("Browse…")
                .on_hover_text("Choose the folder and file name in a file dialog")
                .clicked()
            {
                let purpose = match self.kind {
                    ExportKind::Chart => DialogPurpose::ExportChartPicture,
                    ExportKind::Report => DialogPurpose::ExportReport,
                };
                let current = self.typed_path().unwrap_or_else(|| self.folder.clone());
                commands.push(Command::BrowseForExport(purpose, current));
            }
        });
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        let blocked = self.kind == ExportKind::Chart && self.preview_problem.is_some();
        if let Some(existing) = self.confirm.clone() {
            let mut replace = false;
            ui.label(format!(
                "{} already exists. Replace it?",
                existing.display()
            ));
            ui.horizontal(|ui| {
                replace = ui.button("Replace").clicked();
                if ui.button("Keep it").clicked() {
                    self.confirm = None;
                }
            });
            if replace {
                commands.push(self.command(existing));
                return true;
            }
            return false;
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!blocked, egui::Button::new("Export"))
                .clicked()
            {
                export = true;
            }
        });
        if !export || blocked {
            return false;
        }
        let extension = match self.kind {
            ExportKind::Chart => self.format.extension(),
            ExportKind::Report => "html",
        };
        let Some(path) = self.typed_path() else {
            self.problem = Some("Type where to save the file".to_string());
            return false;
        };
        let path = with_default_extension(path, extension);
        if path.is_dir() {
            self.problem = Some(format!("{} is a folder: add a file name", path.display()));
            return false;
        }
        if path.exists() && self.replace_agreed.as_ref() != Some(&path) {
            self.confirm = Some(path);
            return false;
        }
        commands.push(self.command(path));
        true
    }

    fn command(&self, path: PathBuf) -> Command {
        match self.kind {
            ExportKind::Chart => Command::ExportChart(ChartExportRequest {
                path,
                format: self.format,
                options: self.options.clone(),
            }),
            ExportKind::Report => Command::ExportReport(
                path,
                (!self.title.trim().is_empty()).then(|| self.title.trim().to_string()),
            ),
        }
    }
}

/// `path` with its extension replaced by `extension` (added when it has none).
fn swap_extension(path: &str, extension: &str) -> String {
    let buf = PathBuf::from(path.trim());
    if buf.as_os_str().is_empty() {
        return path.to_string();
    }
    buf.with_extension(extension).display().to_string()
}

/// The export's picture, rendered small: the same layout at a lower pixel density.
fn preview_image(
    workspace: &Workspace,
    options: &PictureOptions,
) -> Result<egui::ColorImage, String> {
    let view = chart_view(workspace, workspace.as_of, options).map_err(|e| e.to_string())?;
    let shrink = (PREVIEW_WIDTH * 1.5 / options.width_px as f32).min(1.0);
    let small = PictureOptions {
        width_px: ((options.width_px as f32 * shrink).round() as u32).max(1),
        height_px: ((options.height_px as f32 * shrink).round() as u32).max(1),
        scale: options.scale * shrink,
        ..options.clone()
    };
    let scene = view.scene(&small);
    let image = render_rgb(&scene).map_err(|e| e.to_string())?;
    Ok(egui::ColorImage::from_rgb(
        [image.width, image.height],
        &image.pixels,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_follows_the_format() {
        assert_eq!(
            swap_extension("/tmp/a chart.png", "svg"),
            "/tmp/a chart.svg"
        );
        assert_eq!(swap_extension("/tmp/chart", "png"), "/tmp/chart.png");
        assert_eq!(swap_extension("  ", "png"), "  ");
    }
}
