//! The import preview: what was detected in a file, every setting editable with the preview
//! re-read live, the first rows' parsed dates and values (the lines as written on request), the
//! detected columns in a scrolled list however wide the file, the dates covered, warnings and
//! skipped lines — and, when several files were opened together, which one of how many this is,
//! with "Import all remaining clean files". It only edits [`ImportOptions`]; reading the file is
//! the importer's job.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use crate::import::{
    DateFormat, DecimalSeparator, Delimiter, HeaderRow, ImportError, ImportOptions, ImportOutcome,
    Layout, TextEncoding, import, preview_prefix,
};
use crate::model::SeriesKind;

use super::accessible;

/// How much of a file the preview reads.
pub const PREVIEW_BYTES: usize = 512 * 1024;

/// What the user decided in the preview.
#[derive(Clone, Debug, PartialEq)]
pub enum WizardAction {
    /// Import the whole file with these options.
    Import(PathBuf, ImportOptions),
    /// Close without importing.
    Cancel,
    /// Import this file with these options, and every remaining file of the batch that is
    /// clean (see [`ImportWizard::is_clean`]) without its preview.
    ImportAllClean(PathBuf, ImportOptions),
}

/// The preview shows at most this many value columns beside the dates; the list of detected
/// columns shows them all.
const SHOWN_VALUE_COLUMNS: usize = 12;

/// The preview of one file.
pub struct ImportWizard {
    path: PathBuf,
    head: Arc<Vec<u8>>,
    file_len: u64,
    /// The settings the user pinned (`None` = detected).
    options: ImportOptions,
    preview: Result<ImportOutcome, ImportError>,
    /// This file's place among the files opened together: (1-based position, count).
    batch: (usize, usize),
    /// Whether the lines as written are shown beside their parsed values.
    show_raw: bool,
}

impl ImportWizard {
    /// Reads the beginning of `path` and previews it with `options` (those remembered for the
    /// file, or the defaults).
    pub fn open(path: &Path, options: ImportOptions) -> std::io::Result<ImportWizard> {
        // Only the head is read here, on the window's thread: a large file is read in full by
        // the background import. One byte more than the preview tells the cut whether the file
        // goes on.
        let file = std::fs::File::open(path)?;
        let file_len = file.metadata()?.len();
        let mut bytes = Vec::with_capacity(PREVIEW_BYTES + 1);
        file.take(PREVIEW_BYTES as u64 + 1)
            .read_to_end(&mut bytes)?;
        let head = preview_prefix(&bytes, PREVIEW_BYTES).to_vec();
        let mut options = options;
        if options.file_name.is_none() {
            options.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        }
        let mut wizard = ImportWizard {
            path: path.to_path_buf(),
            head: Arc::new(head),
            file_len,
            options,
            preview: Err(ImportError::Empty),
            batch: (1, 1),
            show_raw: false,
        };
        wizard.refresh();
        Ok(wizard)
    }

    /// The file being previewed.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Says that this is file `position` (1-based) of `count` opened together.
    pub fn set_batch(&mut self, position: usize, count: usize) {
        self.batch = (position, count.max(position));
    }

    /// The settings as the user left them.
    #[must_use]
    pub fn options(&self) -> &ImportOptions {
        &self.options
    }

    /// The preview's result.
    pub fn preview(&self) -> &Result<ImportOutcome, ImportError> {
        &self.preview
    }

    /// Whether the file is clean: it reads, with no warning and no skipped line other than a
    /// line with a missing value (a holiday's empty row). A clean file needs no decision, so it
    /// may be imported without its preview (when the user chose so, or with "Import all
    /// remaining clean files").
    #[must_use]
    pub fn is_clean(&self) -> bool {
        matches!(&self.preview, Ok(outcome) if outcome.warnings.is_empty()
            && outcome.skipped.iter().all(|s| matches!(s.reason, crate::import::SkipReason::MissingValue(_))))
    }

    /// Changes the settings and re-reads the preview.
    pub fn set_options(&mut self, options: ImportOptions) {
        self.options = options;
        self.refresh();
    }

    fn refresh(&mut self) {
        self.preview = import(&self.head, &self.options);
    }

    /// Shows the preview window; returns what the user decided, if anything.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<WizardAction> {
        let mut action = None;
        let mut open = true;
        let title = format!(
            "Import {}",
            self.path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        egui::Window::new(title)
            .id(egui::Id::unique("import-wizard"))
            .open(&mut open)
            .default_size([980.0, 620.0])
            .resizable(true)
            .collapsible(false)
            .show(ctx, |ui| {
                let mut options = self.options.clone();
                // The buttons first, in a bottom panel, so they stay in view however tall the
                // preview grows.
                egui::Panel::bottom("import-wizard-buttons").show(ui, |ui| {
                    ui.add_space(4.0);
                    ui.horizontal(|ui| {
                        let (position, count) = self.batch;
                        if count > 1 {
                            ui.strong(format!("File {position} of {count}"));
                        }
                        let can_import = self.preview.is_ok();
                        if ui
                            .add_enabled(can_import, egui::Button::new("Import"))
                            .on_disabled_hover_text("The file cannot be read with these settings")
                            .clicked()
                        {
                            action = Some(WizardAction::Import(
                                self.path.clone(),
                                self.options.clone(),
                            ));
                        }
                        if position < count
                            && ui
                                .add_enabled(
                                    can_import,
                                    egui::Button::new("Import all remaining clean files"),
                                )
                                .on_hover_text(
                                    "Imports this file as set here, then every other file that \
                                     reads with no warning and no skipped line; the others still \
                                     open their preview",
                                )
                                .clicked()
                        {
                            action = Some(WizardAction::ImportAllClean(
                                self.path.clone(),
                                self.options.clone(),
                            ));
                        }
                        if ui.button("Cancel").clicked() {
                            action = Some(WizardAction::Cancel);
                        }
                        if ui.button("Reset to detected").clicked() {
                            options = ImportOptions {
                                file_name: options.file_name.clone(),
                                ..ImportOptions::default()
                            };
                        }
                    });
                });
                egui::CentralPanel::default().show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("import-wizard-body")
                        .show(ui, |ui| {
                            ui.horizontal_top(|ui| {
                                ui.vertical(|ui| {
                                    ui.set_width(330.0);
                                    settings_ui(ui, &mut options, &self.preview);
                                });
                                ui.separator();
                                ui.vertical(|ui| {
                                    preview_ui(
                                        ui,
                                        &self.preview,
                                        (self.head.len() as u64, self.file_len),
                                        &mut self.show_raw,
                                    );
                                });
                            });
                        });
                });
                if options != self.options {
                    self.set_options(options);
                }
            });
        if !open {
            action = Some(WizardAction::Cancel);
        }
        action
    }
}

/// A combo box whose first entry is "Auto (detected …)" and sets the option to `None`.
fn auto_combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    detected: Option<String>,
    choices: &[(T, String)],
) {
    let label_response = ui.label(label);
    let auto_text = match detected {
        Some(d) => format!("Auto ({d})"),
        None => "Auto".to_string(),
    };
    let selected = match value {
        None => auto_text.clone(),
        Some(v) => choices
            .iter()
            .find(|(c, _)| c == v)
            .map_or_else(|| "Custom".to_string(), |(_, name)| name.clone()),
    };
    egui::ComboBox::from_id_salt(label)
        .selected_text(selected)
        .width(200.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, auto_text);
            for (choice, name) in choices {
                ui.selectable_value(value, Some(choice.clone()), name);
            }
        })
        .response
        .labelled_by(label_response.id);
    ui.end_row();
}

fn settings_ui(
    ui: &mut egui::Ui,
    options: &mut ImportOptions,
    preview: &Result<ImportOutcome, ImportError>,
) {
    let detected = preview.as_ref().ok().map(|o| &o.detected);
    ui.heading("Settings");
    if let Some(d) = detected {
        ui.label(format!("Recognised as {}", d.source));
    }
    ui.add_space(4.0);
    let headers: Vec<String> = detected.map(|d| d.headers.clone()).unwrap_or_default();
    let column_choices: Vec<(usize, String)> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (i, format!("{}: {h}", i + 1)))
        .collect();
    egui::Grid::new("import-settings")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            auto_combo(
                ui,
                "Encoding",
                &mut options.encoding,
                detected.map(|d| d.encoding.label().to_string()),
                &TextEncoding::ALL.map(|e| (e, e.label().to_string())),
            );
            auto_combo(
                ui,
                "Delimiter",
                &mut options.delimiter,
                detected.map(|d| d.delimiter.label().to_string()),
                &Delimiter::ALL.map(|d| (d, d.label().to_string())),
            );
            header_row_ui(ui, options, detected.map(|d| d.header));
            auto_combo(
                ui,
                "Date column",
                &mut options.date_column,
                detected.map(|d| d.header_of(d.date_column)),
                &column_choices,
            );
            auto_combo(
                ui,
                "Date format",
                &mut options.date_format,
                detected.map(|d| d.date_format.label().clone()),
                &DateFormat::ALL.map(|f| (f, f.label().to_string())),
            );
            let detected_decimal = detected.and_then(|d| {
                d.decimal_separators
                    .first()
                    .map(|(_, s)| s.label().to_string())
            });
            auto_combo(
                ui,
                "Decimal separator",
                &mut options.decimal_separator,
                detected_decimal,
                &[DecimalSeparator::Point, DecimalSeparator::Comma]
                    .map(|s| (s, s.label().to_string())),
            );
            // The dates decide the order; the file's own order is shown, not chosen.
            ui.label("Order");
            ui.label(match detected {
                Some(d) if d.newest_first => "newest first in the file (imported oldest first)",
                Some(_) => "oldest first",
                None => "",
            });
            ui.end_row();
            layout_ui(ui, options, detected.map(|d| &d.layout), &column_choices);
            if let Ok(outcome) = preview {
                field_ui(ui, options, outcome);
            }
            ui.label("Series name");
            let mut name = options.series_name.clone().unwrap_or_default();
            let hint = detected
                .and_then(|d| d.series_name.clone())
                .unwrap_or_default();
            if ui
                .add(
                    egui::TextEdit::singleline(&mut name)
                        .hint_text(hint)
                        .desired_width(200.0),
                )
                .changed()
            {
                options.series_name = (!name.trim().is_empty()).then_some(name);
            }
            ui.end_row();
            let detected_kind = preview
                .as_ref()
                .ok()
                .and_then(|o| o.series.first())
                .map(|s| s.kind.label().to_string());
            auto_combo(
                ui,
                "Measures",
                &mut options.kind,
                detected_kind,
                &SeriesKind::ALL.map(|k| (k, k.label().to_string())),
            );
        });
}

fn header_row_ui(ui: &mut egui::Ui, options: &mut ImportOptions, detected: Option<HeaderRow>) {
    ui.label("Header row");
    ui.horizontal(|ui| {
        let detected_text = match detected {
            Some(HeaderRow::Line(line)) => format!("line {line}"),
            Some(HeaderRow::Absent { .. }) => "none".to_string(),
            None => "?".to_string(),
        };
        let mut auto = options.header.is_none();
        if ui
            .checkbox(&mut auto, format!("Auto ({detected_text})"))
            .changed()
        {
            options.header = if auto {
                None
            } else {
                detected.or(Some(HeaderRow::Line(1)))
            };
        }
        if let Some(header) = &mut options.header {
            let mut has_header = matches!(header, HeaderRow::Line(_));
            let mut line = match header {
                HeaderRow::Line(line) => *line,
                HeaderRow::Absent { first_data_line } => *first_data_line,
            };
            ui.checkbox(&mut has_header, "has header");
            ui.add(
                egui::DragValue::new(&mut line)
                    .range(1..=10_000)
                    .prefix("line "),
            );
            *header = if has_header {
                HeaderRow::Line(line)
            } else {
                HeaderRow::Absent {
                    first_data_line: line,
                }
            };
        }
    });
    ui.end_row();
}

fn layout_ui(
    ui: &mut egui::Ui,
    options: &mut ImportOptions,
    detected: Option<&Layout>,
    columns: &[(usize, String)],
) {
    ui.label("Series");
    ui.vertical(|ui| {
        let current = options.layout.clone().or_else(|| detected.cloned());
        let mut mode = match (&options.layout, &current) {
            (None, _) => 0,
            (Some(Layout::Single { .. }), _) => 1,
            (Some(Layout::Wide { .. }), _) => 2,
            (Some(Layout::Long { .. }), _) => 3,
            (Some(Layout::Assets { .. }), _) => 4,
        };
        let detected_text = detected.map_or("?", Layout::label);
        let combo = egui::ComboBox::from_id_salt("layout-mode")
            .width(200.0)
            .selected_text(match mode {
                0 => format!("Auto ({detected_text})"),
                1 => "One series from a column".to_string(),
                2 => "One series per column".to_string(),
                3 => "One series per symbol".to_string(),
                _ => "One series per asset".to_string(),
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut mode, 0, format!("Auto ({detected_text})"));
                ui.selectable_value(&mut mode, 1, "One series from a column");
                ui.selectable_value(&mut mode, 2, "One series per column");
                ui.selectable_value(&mut mode, 3, "One series per symbol");
                ui.selectable_value(&mut mode, 4, "One series per asset");
            });
        accessible::name(
            &combo.response,
            egui::Role::ComboBox,
            "Which columns become series",
        );
        let values = current
            .as_ref()
            .map(Layout::value_columns)
            .unwrap_or_default();
        let first_value = values.first().copied().unwrap_or(1);
        let new_layout = match mode {
            0 => None,
            1 => Some(match options.layout.clone() {
                Some(single @ Layout::Single { .. }) => single,
                _ => Layout::Single {
                    column: first_value,
                },
            }),
            2 => Some(match options.layout.clone() {
                Some(wide @ Layout::Wide { .. }) => wide,
                _ => Layout::Wide {
                    columns: values.clone(),
                },
            }),
            4 => Some(match options.layout.clone() {
                Some(assets @ Layout::Assets { .. }) => assets,
                _ => Layout::Assets {
                    columns: values.clone(),
                },
            }),
            _ => Some(match options.layout.clone() {
                Some(long @ Layout::Long { .. }) => long,
                _ => Layout::Long {
                    symbol_column: 1,
                    value_column: first_value,
                },
            }),
        };
        options.layout = new_layout;
        match &mut options.layout {
            Some(Layout::Single { column }) => column_combo(ui, "value column", column, columns),
            Some(Layout::Wide { columns: chosen } | Layout::Assets { columns: chosen }) => {
                for (index, name) in columns {
                    let mut on = chosen.contains(index);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            chosen.push(*index);
                            chosen.sort_unstable();
                        } else {
                            chosen.retain(|c| c != index);
                        }
                    }
                }
            }
            Some(Layout::Long {
                symbol_column,
                value_column,
            }) => {
                column_combo(ui, "symbol column", symbol_column, columns);
                column_combo(ui, "value column", value_column, columns);
            }
            None => {}
        }
    });
    ui.end_row();
}

/// For long and multi-asset tables: which field the series come from (close, adjusted close,
/// volume…), as the importer offers them.
fn field_ui(ui: &mut egui::Ui, options: &mut ImportOptions, outcome: &ImportOutcome) {
    if outcome.layout_choices.is_empty() {
        return;
    }
    let current = options
        .layout
        .clone()
        .unwrap_or_else(|| outcome.detected.layout.clone());
    let selected = outcome
        .layout_choices
        .iter()
        .find(|c| c.layout == current)
        .map_or_else(|| "as set above".to_string(), |c| c.label.clone());
    let label = ui.label("Series from");
    let mut chosen = current.clone();
    egui::ComboBox::from_id_salt("series-field")
        .width(200.0)
        .selected_text(selected)
        .show_ui(ui, |ui| {
            for choice in &outcome.layout_choices {
                ui.selectable_value(&mut chosen, choice.layout.clone(), &choice.label);
            }
        })
        .response
        .labelled_by(label.id);
    if chosen != current {
        options.layout = Some(chosen);
    }
    ui.end_row();
}

fn column_combo(ui: &mut egui::Ui, label: &str, column: &mut usize, columns: &[(usize, String)]) {
    let selected = columns
        .iter()
        .find(|(i, _)| i == column)
        .map_or_else(|| format!("column {}", *column + 1), |(_, n)| n.clone());
    let combo = egui::ComboBox::from_id_salt(label)
        .width(200.0)
        .selected_text(format!("{label}: {selected}"))
        .show_ui(ui, |ui| {
            for (index, name) in columns {
                ui.selectable_value(column, *index, name);
            }
        });
    accessible::name(&combo.response, egui::Role::ComboBox, label);
}

fn preview_ui(
    ui: &mut egui::Ui,
    preview: &Result<ImportOutcome, ImportError>,
    (previewed, total): (u64, u64),
    show_raw: &mut bool,
) {
    let outcome = match preview {
        Ok(outcome) => outcome,
        Err(error) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("Cannot read the file: {error}"),
            );
            return;
        }
    };
    let partial = previewed < total;
    if partial {
        ui.label(format!(
            "Preview of the first {} of {} — the whole file is read on import.",
            human_bytes(previewed),
            human_bytes(total)
        ));
    }
    ui.strong(date_range_text(outcome, partial));
    let series_summary: Vec<String> = outcome
        .series
        .iter()
        .take(SHOWN_VALUE_COLUMNS)
        .map(|s| format!("{} ({} obs, {})", s.name, s.len(), s.kind.label()))
        .collect();
    let more = outcome.series.len().saturating_sub(SHOWN_VALUE_COLUMNS);
    ui.label(format!(
        "{} series: {}{}",
        outcome.series.len(),
        series_summary.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    ));
    ui.add_space(4.0);
    ui.checkbox(show_raw, "Show the lines as written");
    rows_grid(ui, outcome, *show_raw);
    ui.add_space(6.0);
    egui::CollapsingHeader::new(format!(
        "Detected columns ({})",
        outcome.detected.headers.len()
    ))
    .id_salt("detected-columns")
    .show(ui, |ui| columns_list(ui, outcome));
    ui.add_space(6.0);
    notes_ui(ui, outcome);
}

/// "2019-12-31 to 2020-11-13 · 220 rows": the first and last dates of the series read.
fn date_range_text(outcome: &ImportOutcome, partial: bool) -> String {
    let first = outcome
        .series
        .iter()
        .filter_map(|s| s.first().map(|(d, _)| d))
        .min();
    let last = outcome
        .series
        .iter()
        .filter_map(|s| s.last().map(|(d, _)| d))
        .max();
    let scope = if partial {
        " in the part previewed"
    } else {
        ""
    };
    match (first, last) {
        (Some(first), Some(last)) => {
            format!("{first} to {last} · {} rows{scope}", outcome.rows_read)
        }
        _ => format!("No dated values{scope} · {} rows", outcome.rows_read),
    }
}

/// The first rows: line, date, the first value columns, and the line as written on request.
fn rows_grid(ui: &mut egui::Ui, outcome: &ImportOutcome, show_raw: bool) {
    let d = &outcome.detected;
    let value_columns = d.layout.value_columns();
    let value_headers: Vec<String> = value_columns
        .iter()
        .take(SHOWN_VALUE_COLUMNS)
        .map(|&c| d.header_of(c))
        .collect();
    if value_columns.len() > SHOWN_VALUE_COLUMNS {
        ui.weak(format!(
            "The first {SHOWN_VALUE_COLUMNS} of {} value columns; all are listed under Detected columns.",
            value_columns.len()
        ));
    }
    egui::ScrollArea::both()
        .id_salt("preview-rows")
        .max_height(300.0)
        .show(ui, |ui| {
            egui::Grid::new("preview-grid")
                .striped(true)
                .num_columns(2 + value_headers.len() + usize::from(show_raw))
                .show(ui, |ui| {
                    ui.strong("Line");
                    ui.strong("Date");
                    for header in &value_headers {
                        ui.strong(header);
                    }
                    if show_raw {
                        ui.strong("As written");
                    }
                    ui.end_row();
                    for row in &outcome.preview {
                        ui.monospace(row.line.to_string());
                        match row.date {
                            Some(date) => ui.monospace(date.to_string()),
                            None => ui.colored_label(ui.visuals().warn_fg_color, "—"),
                        };
                        for value in row.values.iter().take(SHOWN_VALUE_COLUMNS) {
                            match value {
                                Some(v) => ui.monospace(format!("{v}")),
                                None => ui.colored_label(ui.visuals().warn_fg_color, "—"),
                            };
                        }
                        if show_raw {
                            ui.monospace(truncate(&row.raw, 60));
                        }
                        ui.end_row();
                    }
                });
        });
}

/// Every column of the file and what it is read as, one row each (only the rows in view are
/// drawn, so a file of 500 columns costs no more than one of 5).
fn columns_list(ui: &mut egui::Ui, outcome: &ImportOutcome) {
    let d = &outcome.detected;
    let values = d.layout.value_columns();
    // One series per value column in these layouts (per symbol or asset in the others).
    let named = matches!(d.layout, Layout::Wide { .. } | Layout::Single { .. });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("detected-columns-list")
        .max_height(180.0)
        .show_rows(ui, row_height, d.headers.len(), |ui, rows| {
            for index in rows {
                let role = if index == d.date_column {
                    "date".to_string()
                } else if let Some(position) = values.iter().position(|&c| c == index) {
                    match outcome.series.get(position).filter(|_| named) {
                        Some(series) => format!("values of {}", series.name),
                        None => "values".to_string(),
                    }
                } else {
                    "not used".to_string()
                };
                ui.horizontal(|ui| {
                    ui.monospace(format!("{:>4}", index + 1));
                    ui.label(d.header_of(index));
                    ui.weak(role);
                });
            }
        });
}

/// How the file was read: decisions, warnings and skipped lines.
fn notes_ui(ui: &mut egui::Ui, outcome: &ImportOutcome) {
    egui::ScrollArea::vertical()
        .id_salt("preview-notes")
        .max_height(160.0)
        .show(ui, |ui| {
            for decision in &outcome.decisions {
                ui.label(format!("Read as: {decision}"));
            }
            for warning in &outcome.warnings {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Warning: {warning}"));
            }
            for skipped in &outcome.skipped {
                ui.label(format!(
                    "line {}: skipped — {}",
                    skipped.line, skipped.reason
                ));
            }
            if outcome.warnings.is_empty() && outcome.skipped.is_empty() {
                ui.label("No warnings, no skipped lines.");
            }
        });
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// A byte count for people: `512 KB`, `98.3 MB`.
#[must_use]
pub fn human_bytes(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.0} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / KB / KB)
    } else {
        format!("{:.2} GB", b / KB / KB / KB)
    }
}
