//! The metrics table: one row per series and, below, one per spread, sortable by any column,
//! with every header's exact definition on hover, gains in green and losses in red, the as-of
//! date it is computed at, and "Copy as TSV" / "Export CSV…". Reads the analysis; changes go
//! out as commands.

use eframe::egui::containers::menu::{MenuButton, MenuConfig};
use eframe::egui::scroll_area::ScrollBarVisibility;
use eframe::egui::{
    self, Align, Color32, Layout, PopupCloseBehavior, Rect, RichText, Sense, UiBuilder,
};
use egui_extras::{Column as TableColumn, TableBuilder};

use crate::analytics::{Analysis, Metric};
use crate::metrics_tables::ShownTablesCache;
use crate::model::Date;
use crate::workspace::{ChartSettings, ColumnChoice, MetricsTableLayout, SeriesColumn, Workspace};

use super::command::Command;
use super::date_field::DateField;
use super::deferred_number::deferred_number;
use crate::metrics_rows::{Cell, Direction, ExportValue, Rows, Tone};

/// Height of a table row.
const ROW_HEIGHT: f32 = 20.0;

/// The frozen (name) column's narrowest width, in points.
const FROZEN_MIN_WIDTH: f32 = 90.0;

/// The frozen (name) column's widest width, in points: longer names are cut with an ellipsis.
const FROZEN_MAX_WIDTH: f32 = 170.0;

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
    /// The columns shown when the series sort was chosen (a change of columns clears it).
    columns_seen: Vec<SeriesColumn>,
    /// The tables as shown, built again only when the analysis or what they show changes.
    tables: ShownTablesCache,
    /// The width the whole toolbar took on one line when it was last laid out so; while the
    /// table is narrower, the less used controls go into the "More" menu.
    toolbar_width: Option<f32>,
}

/// A table as the CSV export writes it: the header (with units) and the rows.
pub type ExportTable = (Vec<String>, Vec<Vec<ExportValue>>);

impl MetricsTableState {
    /// The tables as "Export CSV…" writes them, as they are shown (the chosen columns in their
    /// order, the listed rows, the sort): the series table, then the spread table when it has
    /// rows.
    #[must_use]
    pub fn export_tables(&self, analysis: &Analysis, workspace: &Workspace) -> Vec<ExportTable> {
        let (series, spreads) = shown_tables(analysis, workspace);
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

/// Shows the table of `analysis` (computed at `generation`, see
/// [`ShownTablesCache::tables`]): the columns the workspace's layout shows, one row per shown
/// series (or every series), the Series column frozen at the left while the figures scroll
/// sideways.
pub fn show(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    generation: u64,
    workspace: &Workspace,
    state: &mut MetricsTableState,
    commands: &mut Vec<Command>,
) {
    let columns = workspace.metrics_table.shown_columns();
    if state.columns_seen != columns {
        // A sort by position would now point at another column.
        state.series_sort = None;
        state.columns_seen = columns;
    }
    let mut cache = std::mem::take(&mut state.tables);
    let tables = cache.tables(analysis, generation, workspace);
    let series_order = tables.series_order(state.series_sort).to_vec();
    let spread_order = tables.spreads_order(state.spread_sort).to_vec();
    let series = &tables.series;
    let spreads = &tables.spreads;

    toolbar(
        ui,
        analysis,
        workspace,
        state,
        (
            &tables.all_series_columns,
            [(series, &series_order), (spreads, &spread_order)],
        ),
        commands,
    );
    ui.add_space(4.0);

    if series.rows.is_empty() {
        if analysis.series.is_empty() {
            ui.label("No series yet: import a price file to see its metrics.");
        } else {
            ui.label(
                "Every series is hidden on the chart: show one, or choose \"Show all series\".",
            );
        }
        state.tables = cache;
        return;
    }
    let spread_height = if spreads.rows.is_empty() {
        0.0
    } else {
        (spreads.rows.len() as f32 + 1.0) * ROW_HEIGHT + 40.0
    };
    let series_height =
        (ui.available_height() - spread_height - ROW_HEIGHT - 4.0).max(3.0 * ROW_HEIGHT);
    let layout = &workspace.metrics_table;
    let keys: Vec<SeriesColumn> = layout
        .shown_columns()
        .into_iter()
        .filter(|c| {
            c.index()
                .is_some_and(|i| i < tables.all_series_columns.len())
        })
        .collect();
    let dragged = frozen_table(
        ui,
        "metrics-series",
        (series, &tables.series_widest),
        &series_order,
        &mut state.series_sort,
        series_height,
        Some(&SavedWidths {
            layout,
            keys: &keys,
        }),
    );
    if let Some(widths) = dragged {
        commands.push(Command::SetMetricsTable(layout.with_widths(&widths)));
    }
    if !spreads.rows.is_empty() {
        ui.add_space(8.0);
        ui.strong("Spreads");
        frozen_table(
            ui,
            "metrics-spreads",
            (spreads, &tables.spreads_widest),
            &spread_order,
            &mut state.spread_sort,
            spread_height,
            None,
        );
    }
    state.tables = cache;
}

/// The table's toolbar, on one line: the as-of date, the column chooser and, when the table is
/// wide enough, the move window, the spread lookback, which series are listed, and copying and
/// exporting; when it is not, those go into a "More" menu so the line never wraps and the table
/// keeps its rows.
fn toolbar(
    ui: &mut egui::Ui,
    analysis: &Analysis,
    workspace: &Workspace,
    state: &mut MetricsTableState,
    (columns, tables): (&[crate::metrics_rows::Column], [(&Rows, &[usize]); 2]),
    commands: &mut Vec<Command>,
) {
    let available = ui.available_width();
    let whole = state.toolbar_width.is_none_or(|width| width <= available);
    let row = ui.horizontal(|ui| {
        as_of_field(ui, analysis, workspace, state, commands);
        ui.separator();
        column_chooser(ui, columns, workspace, commands);
        if whole {
            ui.separator();
            less_used(ui, workspace, state, tables, commands);
        } else {
            let config = MenuConfig::new().close_behavior(PopupCloseBehavior::CloseOnClickOutside);
            MenuButton::new("More…")
                .config(config)
                .ui(ui, |ui| {
                    ui.vertical(|ui| less_used(ui, workspace, state, tables, commands));
                })
                .0
                .on_hover_text(
                    "The move window, the spread lookback, which series are listed, copy and \
                     export",
                );
        }
    });
    if whole {
        let width = row.response.rect.width();
        if state.toolbar_width != Some(width) {
            state.toolbar_width = Some(width);
            if width > available {
                // Wider than the table: the next frame moves the less used controls away.
                ui.ctx().request_repaint();
            }
        }
    }
}

/// The controls the toolbar moves into its "More" menu when the table is narrow.
fn less_used(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    state: &mut MetricsTableState,
    [(series, series_order), (spreads, spread_order)]: [(&Rows, &[usize]); 2],
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| windows_fields(ui, workspace, state, commands));
    ui.separator();
    ui.horizontal(|ui| series_switch(ui, workspace, commands));
    ui.separator();
    ui.horizontal(|ui| {
        if ui
            .button("Copy as TSV")
            .on_hover_text("Copy the tables as shown (columns, rows, sort) for a spreadsheet")
            .clicked()
        {
            let mut text = series.tsv(series_order);
            if !spreads.rows.is_empty() {
                text.push('\n');
                text.push_str(&spreads.tsv(spread_order));
            }
            ui.ctx().copy_text(text);
        }
        if ui.button("Export CSV…").clicked() {
            commands.push(Command::ExportMetricsCsvDialog);
        }
    });
}

/// The series and spread tables as shown: the layout's columns, the shown series (or all).
fn shown_tables(analysis: &Analysis, workspace: &Workspace) -> (Rows, Rows) {
    let shown: Vec<bool> = workspace.series.iter().map(|s| s.visible).collect();
    let layout = &workspace.metrics_table;
    (
        Rows::series_shown(analysis, layout, &shown),
        Rows::spreads_shown(analysis, workspace, layout.all_series),
    )
}

/// "Columns…": every column with a tick to show it and buttons to move it, and "Reset to
/// default". The Series column stays first and shown.
fn column_chooser(
    ui: &mut egui::Ui,
    labels: &[crate::metrics_rows::Column],
    workspace: &Workspace,
    commands: &mut Vec<Command>,
) {
    let layout = &workspace.metrics_table;
    let config = MenuConfig::new().close_behavior(PopupCloseBehavior::CloseOnClickOutside);
    let response = MenuButton::new("Columns…").config(config).ui(ui, |ui| {
        ui.add(
            egui::Label::new("Show, hide and order the table's columns.")
                .wrap_mode(egui::TextWrapMode::Extend),
        );
        ui.separator();
        let choices = layout.choices();
        let last = choices.len().saturating_sub(1);
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .show(ui, |ui| {
                for (position, choice) in choices.iter().enumerate() {
                    let Some(column) = choice.column.index().and_then(|i| labels.get(i)) else {
                        continue;
                    };
                    // Ids by column, so a click lands on its column whatever the order.
                    ui.push_id(choice.column, |ui| {
                        ui.horizontal(|ui| {
                            chooser_row(ui, layout, *choice, column, [position, last], commands);
                        });
                    });
                }
            });
        ui.separator();
        let reset = ui
            .add_enabled(
                !layout.columns_are_default(),
                egui::Button::new("Reset to default"),
            )
            .on_hover_text("Show every column, in the default order");
        if reset.clicked() {
            commands.push(Command::SetMetricsTable(layout.with_default_columns()));
        }
    });
    response
        .0
        .on_hover_text("Choose which columns the table shows, and in which order");
}

/// A line of the column chooser: Up, Down, and the column's tick (its definition on hover).
fn chooser_row(
    ui: &mut egui::Ui,
    layout: &MetricsTableLayout,
    choice: ColumnChoice,
    column: &crate::metrics_rows::Column,
    [position, last]: [usize; 2],
    commands: &mut Vec<Command>,
) {
    let movable = position > 0;
    let up = ui
        .add_enabled(movable && position > 1, egui::Button::new("Up").small())
        .on_hover_text(format!("Move {} one place left", column.label));
    let down = ui
        .add_enabled(
            movable && position < last,
            egui::Button::new("Down").small(),
        )
        .on_hover_text(format!("Move {} one place right", column.label));
    let mut shown = choice.shown;
    let tick = ui
        .add_enabled(movable, egui::Checkbox::new(&mut shown, &column.label))
        .on_hover_text(&column.definition);
    let changed = if up.clicked() {
        Some(layout.with_moved(choice.column, -1))
    } else if down.clicked() {
        Some(layout.with_moved(choice.column, 1))
    } else if tick.changed() {
        Some(layout.with_shown(choice.column, shown))
    } else {
        None
    };
    if let Some(changed) = changed {
        commands.push(Command::SetMetricsTable(changed));
    }
}

/// "Only shown" / "Show all series": whether the table lists the series hidden on the chart.
fn series_switch(ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
    let layout = &workspace.metrics_table;
    for (all, label, hint) in [
        (
            false,
            "Only shown",
            "List the series the chart shows, and the spreads of two shown series",
        ),
        (
            true,
            "Show all series",
            "List every series and spread, hidden on the chart or not",
        ),
    ] {
        if ui
            .selectable_label(layout.all_series == all, label)
            .on_hover_text(hint)
            .clicked()
            && layout.all_series != all
        {
            commands.push(Command::SetMetricsTable(MetricsTableLayout {
                all_series: all,
                ..layout.clone()
            }));
        }
    }
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

/// The widths the workspace keeps for the series table's columns.
struct SavedWidths<'a> {
    layout: &'a MetricsTableLayout,
    /// The column of each column index of the table's rows.
    keys: &'a [SeriesColumn],
}

impl SavedWidths<'_> {
    /// The width kept for the table's column `index`.
    fn of(&self, index: usize) -> Option<f32> {
        self.keys
            .get(index)
            .and_then(|column| self.layout.width_of(*column))
    }

    /// A number that changes with the kept widths: the table takes its columns' widths anew
    /// from the workspace when they change (another workspace opened, a width saved).
    fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        for width in &self.layout.widths {
            width.column.hash(&mut hasher);
            width.width.hash(&mut hasher);
        }
        hasher.finish()
    }
}

/// One sortable table whose first column stays put: the first column is a table of its own
/// at the left, the others a second table in a horizontal scroll area, both scrolled
/// vertically together (whichever the user scrolls leads). Clicking a header sorts by it,
/// again reverses, a third time restores the original order. With `saved`, the figures'
/// columns open at the widths kept there, and the widths the user has just dragged columns
/// to are returned, to be kept.
fn frozen_table(
    ui: &mut egui::Ui,
    id: &str,
    (rows, widest): (&Rows, &[usize]),
    order: &[usize],
    sort: &mut Option<Sort>,
    max_height: f32,
    saved: Option<&SavedWidths<'_>>,
) -> Option<Vec<(SeriesColumn, f32)>> {
    // The shared vertical offset, and each part's offset on the last frame: a part is only
    // moved when it is not already there, so its own scrolling runs undisturbed.
    let offset_id = ui.make_persistent_id((id, "vertical-offset"));
    let [shared, left_before, right_before] = ui
        .data(|d| d.get_temp::<[f32; 3]>(offset_id))
        .unwrap_or_default();
    let follow = |before: f32, shared: f32| ((before - shared).abs() > 0.01).then_some(shared);
    let frozen_width = frozen_width(rows, widest, ui.available_width());
    let full = Rect::from_min_size(
        ui.cursor().min,
        egui::vec2(ui.available_width(), max_height + ROW_HEIGHT + 4.0),
    );
    let (left, right) = full.split_left_right_at_x(full.left() + frozen_width + 8.0);
    let mut clicked = None;
    let mut dragged = None;
    let rest: Vec<usize> = (1..rows.columns.len()).collect();
    // The part most scrolled (the figures) first, so it leads without a frame's lag.
    let right_offset = ui
        .scope_builder(UiBuilder::new().max_rect(right), |ui| {
            ui.set_clip_rect(right.intersect(ui.clip_rect()));
            egui::ScrollArea::horizontal()
                .id_salt((id, "horizontal"))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    let part = Part {
                        id: (id, "figures"),
                        rows,
                        widest,
                        order,
                        columns: &rest,
                        frozen_width: None,
                        offset: follow(right_before, shared),
                        max_height,
                        saved,
                    };
                    let (offset, widths) = table_part(ui, &part, sort, &mut clicked);
                    dragged = widths;
                    offset
                })
                .inner
        })
        .inner;
    let shared = right_offset;
    let left_offset = ui
        .scope_builder(UiBuilder::new().max_rect(left), |ui| {
            let part = Part {
                id: (id, "frozen"),
                rows,
                widest,
                order,
                columns: &[0],
                frozen_width: Some(frozen_width),
                offset: follow(left_before, shared),
                max_height,
                saved: None,
            };
            table_part(ui, &part, sort, &mut clicked).0
        })
        .inner;
    let shared = if (left_offset - shared).abs() > 0.01 {
        // Scrolled over the names: the figures follow on the next frame.
        ui.ctx().request_repaint();
        left_offset
    } else {
        shared
    };
    ui.data_mut(|d| d.insert_temp(offset_id, [shared, left_offset, right_offset]));
    ui.allocate_rect(full, Sense::hover());
    if let Some(index) = clicked {
        *sort = next_sort(*sort, index);
    }
    dragged
}

/// One of the two tables of [`frozen_table`].
struct Part<'a> {
    id: (&'a str, &'a str),
    rows: &'a Rows,
    /// The longest cell text of each column of `rows`, in characters.
    widest: &'a [usize],
    order: &'a [usize],
    /// The columns of `rows` this part shows.
    columns: &'a [usize],
    /// The width of the frozen column (`None`: the figures, sized to their content).
    frozen_width: Option<f32>,
    /// The vertical scroll offset to move to (`None`: stay).
    offset: Option<f32>,
    max_height: f32,
    /// The widths the workspace keeps for the columns (`None`: widths are not kept).
    saved: Option<&'a SavedWidths<'a>>,
}

/// Draws one part and returns its vertical scroll offset after this frame's input and, when
/// its widths are kept and the user has just let go of a column's edge, every column's width
/// that differs from the kept (or fitted) one.
fn table_part(
    ui: &mut egui::Ui,
    part: &Part<'_>,
    sort: &Option<Sort>,
    clicked: &mut Option<usize>,
) -> (f32, Option<Vec<(SeriesColumn, f32)>>) {
    let positive = tone_color(ui, Tone::Positive);
    let negative = tone_color(ui, Tone::Negative);
    let expected = |index: usize| {
        part.saved
            .and_then(|saved| saved.of(index))
            .unwrap_or_else(|| initial_width(part.rows, part.widest, index))
    };
    let mut builder = TableBuilder::new(ui)
        .id_salt((part.id, part.saved.map(SavedWidths::fingerprint)))
        .striped(true)
        .resizable(part.frozen_width.is_none())
        .vscroll(true)
        .max_scroll_height(part.max_height)
        .min_scrolled_height(part.max_height.min(3.0 * ROW_HEIGHT))
        .auto_shrink([false, true])
        .cell_layout(Layout::left_to_right(Align::Center));
    if let Some(offset) = part.offset {
        builder = builder.vertical_scroll_offset(offset);
    }
    builder = match part.frozen_width {
        Some(width) => builder
            .scroll_bar_visibility(ScrollBarVisibility::AlwaysHidden)
            .column(TableColumn::exact(width).clip(true)),
        None => {
            for &index in part.columns {
                builder = builder.column(
                    TableColumn::initial(expected(index))
                        .at_least(40.0)
                        .clip(true)
                        .resizable(true),
                );
            }
            builder
        }
    };
    let mut widths = Vec::new();
    let output = builder
        .header(ROW_HEIGHT + 4.0, |mut header| {
            for &index in part.columns {
                let Some(column) = part.rows.columns.get(index) else {
                    continue;
                };
                header.col(|ui| {
                    widths.push((index, ui.max_rect().width()));
                    header_cell(ui, column, index, sort, clicked);
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, part.order.len(), |mut row| {
                let Some(cells) = part
                    .order
                    .get(row.index())
                    .and_then(|&i| part.rows.rows.get(i))
                else {
                    return;
                };
                for &index in part.columns {
                    let Some(cell) = cells.get(index) else {
                        continue;
                    };
                    row.col(|ui| body_cell(ui, cell, [positive, negative]));
                }
            });
        });
    let offset = output.state.unclamped_offset().y;
    let released = ui.input(|i| i.pointer.any_released());
    let dragged = part.saved.filter(|_| released).and_then(|saved| {
        let changed: Vec<(SeriesColumn, f32)> = widths
            .iter()
            .filter(|(index, width)| (width - expected(*index)).abs() > 1.0)
            .filter_map(|&(index, width)| saved.keys.get(index).map(|c| (*c, width)))
            .collect();
        (!changed.is_empty()).then_some(changed)
    });
    (offset, dragged)
}

/// A header: its label (a button that sorts), its definition on hover, the sort arrow.
fn header_cell(
    ui: &mut egui::Ui,
    column: &crate::metrics_rows::Column,
    index: usize,
    sort: &Option<Sort>,
    clicked: &mut Option<usize>,
) {
    let response = ui
        .add(egui::Button::new(RichText::new(&column.label).strong()).frame(false))
        .on_hover_text(&column.definition);
    if response.clicked() {
        *clicked = Some(index);
    }
    match sort {
        Some((c, direction)) if *c == index => sort_arrow(ui, *direction),
        _ => {}
    }
}

/// A cell: numbers right-aligned and coloured by sign, text cut with an ellipsis (the whole
/// text on hover), the cell's note on hover.
fn body_cell(ui: &mut egui::Ui, cell: &Cell, [positive, negative]: [Color32; 2]) {
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
}

/// The frozen column's width in a table `available` points wide: its longest name, bounded so
/// a long name never pushes the figures away (it is cut with an ellipsis, whole on hover).
fn frozen_width(rows: &Rows, widest: &[usize], available: f32) -> f32 {
    // At most 30 % of a narrow table, so the figures keep their room at the minimum window.
    let widest_frozen = (available * 0.3).clamp(FROZEN_MIN_WIDTH, FROZEN_MAX_WIDTH);
    initial_width(rows, widest, 0).clamp(FROZEN_MIN_WIDTH, widest_frozen)
}

/// A first width for column `index` that fits its header and its longest cell (the user may
/// resize it; the table remembers). `widest` holds each column's longest cell, in characters.
fn initial_width(rows: &Rows, widest: &[usize], index: usize) -> f32 {
    /// Roughly the width of a character of the body font, in points.
    const CHAR_WIDTH: f32 = 7.5;
    let longest = widest
        .get(index)
        .copied()
        .filter(|_| !rows.rows.is_empty())
        .into_iter()
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
