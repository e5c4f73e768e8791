//! The metrics table: one row per series and, below, one per spread, sortable by any column,
//! with every header's exact definition on hover, gains in green and losses in red, the as-of
//! date it is computed at, and "Copy as TSV" / "Export CSV…". Reads the analysis; changes go
//! out as commands.

use eframe::egui::{self, Align, Color32, Layout, RichText, Sense};
use egui_extras::{Column as TableColumn, TableBuilder};

use crate::analytics::{Analysis, Metric};
use crate::model::Date;
use crate::workspace::{ChartSettings, Workspace};

use super::command::Command;
use super::date_field::DateField;
use super::deferred_number::deferred_number;
use crate::metrics_rows::{Direction, ExportValue, Rows, Tone};

/// Height of a table row.
const ROW_HEIGHT: f32 = 20.0;

/// A sort order: a column index and a direction.
pub type Sort = (usize, Direction);

/// What the table remembers between frames.
#[derive(Clone, Debug, Default)]
pub struct MetricsTableState {
    /// How the series table is sorted (`None`: in the workspace's order).
    pub series_sort: Option<Sort>,
    /// How the spread table is sorted.
    pub spread_sort: Option<Sort>,
    /// The as-of date; while none is chosen it shows the data's latest date (and follows it
    /// after an import, a removal, File → New).
    as_of: DateField,
    /// A move window or spread lookback being dragged or typed, sent when the edit ends.
    move_edit: Option<u32>,
    lookback_edit: Option<u32>,
}

/// A table as the CSV export writes it: the header (with units) and the rows.
pub type ExportTable = (Vec<String>, Vec<Vec<ExportValue>>);

impl MetricsTableState {
    /// The tables as "Export CSV…" writes them, in the order they are shown: the series table,
    /// then the spread table when there are spreads.
    #[must_use]
    pub fn export_tables(&self, analysis: &Analysis, workspace: &Workspace) -> Vec<ExportTable> {
        let series = Rows::series(analysis);
        let spreads = Rows::spreads(analysis, workspace);
        let mut tables = vec![(
            series.export_header(),
            series.export_rows(&series.order(self.series_sort)),
        )];
        if !spreads.rows.is_empty() {
            tables.push((
                spreads.export_header(),
                spreads.export_rows(&spreads.order(self.spread_sort)),
            ));
        }
        tables
    }
}

/// Shows the table of `analysis`.
pub fn show(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    workspace: &Workspace,
    state: &mut MetricsTableState,
    commands: &mut Vec<Command>,
) {
    let series = Rows::series(analysis);
    let spreads = Rows::spreads(analysis, workspace);
    let series_order = series.order(state.series_sort);
    let spread_order = spreads.order(state.spread_sort);

    ui.horizontal_wrapped(|ui| {
        as_of_field(ui, analysis, workspace, state, commands);
        ui.separator();
        windows_fields(ui, workspace, state, commands);
        ui.separator();
        if ui
            .button("Copy as TSV")
            .on_hover_text("Copy the tables, as sorted, for pasting into a spreadsheet")
            .clicked()
        {
            let mut text = series.tsv(&series_order);
            if !spreads.rows.is_empty() {
                text.push('\n');
                text.push_str(&spreads.tsv(&spread_order));
            }
            ui.ctx().copy_text(text);
        }
        if ui.button("Export CSV…").clicked() {
            commands.push(Command::ExportMetricsCsvDialog);
        }
    });
    ui.add_space(4.0);

    if series.rows.is_empty() {
        ui.label("No series yet: import a price file to see its metrics.");
        return;
    }
    let spread_height = if spreads.rows.is_empty() {
        0.0
    } else {
        (spreads.rows.len() as f32 + 1.0) * ROW_HEIGHT + 40.0
    };
    let series_height = (ui.available_height() - spread_height).max(3.0 * ROW_HEIGHT);
    egui::ScrollArea::horizontal()
        .id_salt("metrics-horizontal")
        .show(ui, |ui| {
            table(
                ui,
                "metrics-series",
                &series,
                &series_order,
                &mut state.series_sort,
                series_height,
            );
            if !spreads.rows.is_empty() {
                ui.add_space(8.0);
                ui.strong("Spreads");
                table(
                    ui,
                    "metrics-spreads",
                    &spreads,
                    &spread_order,
                    &mut state.spread_sort,
                    spread_height,
                );
            }
        });
}

/// "As of: [YYYY-MM-DD] Latest": the date the metrics are computed at.
fn as_of_field(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    workspace: &Workspace,
    state: &mut MetricsTableState,
    commands: &mut Vec<Command>,
) {
    let (_, typed) = state.as_of.show(
        ui,
        "metrics-as-of",
        "As of:",
        "YYYY-MM-DD",
        workspace.as_of,
        analysis.as_of,
    );
    if let Some(as_of) = typed {
        commands.push(Command::SetAsOf(as_of));
    }
    if let Some(current) = workspace.as_of.or(analysis.as_of)
        && let Ok(mut picked) = jiff_civil::civil::Date::new(
            i16::try_from(current.year()).unwrap_or(i16::MAX),
            i8::try_from(current.month()).unwrap_or(1),
            i8::try_from(current.day()).unwrap_or(1),
        )
    {
        let response = ui
            .add(
                egui_extras::DatePickerButton::new(&mut picked)
                    .id_salt("metrics-as-of-calendar")
                    .format("")
                    .calendar_week(false),
            )
            .on_hover_text("Pick the as-of date on a calendar");
        if response.changed()
            && let Some(date) = Date::from_ymd(
                i32::from(picked.year()),
                u32::try_from(picked.month()).unwrap_or(1),
                u32::try_from(picked.day()).unwrap_or(1),
            )
            && workspace.as_of != Some(date)
        {
            commands.push(Command::SetAsOf(Some(date)));
        }
    }
    let latest = ui
        .add_enabled(workspace.as_of.is_some(), egui::Button::new("Latest"))
        .on_hover_text("Compute as of the latest date in the data");
    if latest.clicked() {
        commands.push(Command::SetAsOf(None));
    }
    if workspace.as_of.is_none() {
        ui.weak("(latest)");
    }
    state.as_of.show_error(ui);
}

/// The N of the N-session move and the spreads' lookback in years, each sent when its edit ends.
fn windows_fields(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    state: &mut MetricsTableState,
    commands: &mut Vec<Command>,
) {
    let chart = &workspace.chart;
    if let Some(move_window) = deferred_number(
        ui,
        "Move over",
        &mut state.move_edit,
        chart.move_window,
        1..=2_520,
        " sessions",
        &Metric::Move.definition(),
    ) {
        commands.push(Command::SetChart(ChartSettings {
            move_window,
            ..chart.clone()
        }));
    }
    if let Some(lookback_years) = deferred_number(
        ui,
        "Spread lookback",
        &mut state.lookback_edit,
        chart.lookback_years,
        1..=ChartSettings::MAX_LOOKBACK_YEARS,
        " years",
        &Metric::Lookback.definition(),
    ) {
        commands.push(Command::SetChart(ChartSettings {
            lookback_years,
            ..chart.clone()
        }));
    }
}

/// One sortable table; clicking a header sorts by it, again reverses, a third time restores
/// the original order.
fn table(
    ui: &mut egui::Ui,
    id: &str,
    rows: &Rows,
    order: &[usize],
    sort: &mut Option<Sort>,
    max_height: f32,
) {
    let mut clicked = None;
    let positive = tone_color(ui, Tone::Positive);
    let negative = tone_color(ui, Tone::Negative);
    let mut builder = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(true)
        .vscroll(true)
        .max_scroll_height(max_height)
        .auto_shrink([false, true])
        .cell_layout(Layout::left_to_right(Align::Center));
    for index in 0..rows.columns.len() {
        builder = builder.column(
            TableColumn::initial(initial_width(rows, index))
                .at_least(40.0)
                .clip(true)
                .resizable(true),
        );
    }
    builder
        .header(ROW_HEIGHT + 4.0, |mut header| {
            for (index, column) in rows.columns.iter().enumerate() {
                header.col(|ui| {
                    let response = ui
                        .add(egui::Button::new(RichText::new(&column.label).strong()).frame(false))
                        .on_hover_text(&column.definition);
                    if response.clicked() {
                        clicked = Some(index);
                    }
                    match sort {
                        Some((c, direction)) if *c == index => sort_arrow(ui, *direction),
                        _ => {}
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, order.len(), |mut row| {
                let Some(cells) = order.get(row.index()).and_then(|&i| rows.rows.get(i)) else {
                    return;
                };
                for cell in cells {
                    row.col(|ui| {
                        let color = match cell.tone {
                            Tone::Positive => Some(positive),
                            Tone::Negative => Some(negative),
                            Tone::Neutral => None,
                        };
                        let mut text = RichText::new(&cell.text);
                        if let Some(color) = color {
                            text = text.color(color);
                        }
                        let response = if cell.numeric {
                            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                                ui.add(egui::Label::new(text).sense(Sense::hover()))
                            })
                            .inner
                        } else {
                            ui.add(egui::Label::new(text).truncate())
                        };
                        if let Some(hint) = &cell.hint {
                            response.on_hover_text(hint);
                        }
                    });
                }
            });
        });
    if let Some(index) = clicked {
        *sort = next_sort(*sort, index);
    }
}

/// A first width for column `index` that fits its header and its longest cell (the user may
/// resize it; the table remembers).
fn initial_width(rows: &Rows, index: usize) -> f32 {
    /// Roughly the width of a character of the body font, in points.
    const CHAR_WIDTH: f32 = 7.5;
    let longest = rows
        .rows
        .iter()
        .filter_map(|row| row.get(index))
        .map(|cell| cell.text.chars().count())
        .chain(rows.columns.get(index).map(|c| c.label.chars().count() + 2))
        .max()
        .unwrap_or(8);
    (longest as f32 * CHAR_WIDTH + 16.0).clamp(56.0, 260.0)
}

/// A small triangle pointing up (ascending) or down (descending), drawn rather than typed so
/// it needs no font that has arrows.
fn sort_arrow(ui: &mut egui::Ui, direction: Direction) {
    let (rect, _) = ui.allocate_exact_size(egui::Vec2::new(9.0, 9.0), Sense::hover());
    let (top, bottom) = (rect.top() + 1.5, rect.bottom() - 1.5);
    let points = match direction {
        Direction::Ascending => vec![
            egui::pos2(rect.center().x, top),
            egui::pos2(rect.right(), bottom),
            egui::pos2(rect.left(), bottom),
        ],
        Direction::Descending => vec![
            egui::pos2(rect.left(), top),
            egui::pos2(rect.right(), top),
            egui::pos2(rect.center().x, bottom),
        ],
    };
    let color = ui.visuals().strong_text_color();
    ui.painter().add(egui::Shape::convex_polygon(
        points,
        color,
        egui::Stroke::NONE,
    ));
}

/// The sort after a click on column `index`: first by it (descending for numbers, as
/// analysts look for the largest first; ascending for the name column), then reversed, then
/// back to the original order.
fn next_sort(sort: Option<Sort>, index: usize) -> Option<Sort> {
    let first = if index == 0 {
        Direction::Ascending
    } else {
        Direction::Descending
    };
    match sort {
        Some((c, direction)) if c == index && direction == first => Some((
            index,
            match first {
                Direction::Ascending => Direction::Descending,
                Direction::Descending => Direction::Ascending,
            },
        )),
        Some((c, _)) if c == index => None,
        _ => Some((index, first)),
    }
}

/// Green and red that read on the current background.
fn tone_color(ui: &egui::Ui, tone: Tone) -> Color32 {
    let dark = ui.visuals().dark_mode;
    match (tone, dark) {
        (Tone::Positive, true) => Color32::from_rgb(0x6b, 0xcf, 0x7f),
        (Tone::Positive, false) => Color32::from_rgb(0x1a, 0x7f, 0x37),
        (Tone::Negative, true) => Color32::from_rgb(0xff, 0x7b, 0x72),
        (Tone::Negative, false) => Color32::from_rgb(0xc0, 0x1c, 0x28),
        (Tone::Neutral, _) => ui.visuals().text_color(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicking_a_header_cycles_its_order() {
        let first = next_sort(None, 3);
        assert_eq!(first, Some((3, Direction::Descending)));
        let second = next_sort(first, 3);
        assert_eq!(second, Some((3, Direction::Ascending)));
        assert_eq!(next_sort(second, 3), None);
        assert_eq!(next_sort(second, 4), Some((4, Direction::Descending)));
        assert_eq!(next_sort(None, 0), Some((0, Direction::Ascending)));
    }
}
