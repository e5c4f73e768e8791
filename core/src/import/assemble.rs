//! From raw cells to series: deciding the day/month order and decimal separators from whole
//! columns, reading every row, and turning each column (or symbol) into a checked [`Series`] —
//! oldest first, duplicates resolved, placeholder zeros and impossible prices left out, every
//! decision reported with its file line.

use std::collections::HashMap;

use crate::model::{Date, Series, SeriesError, SeriesKind, Source};

use super::columns::{
    asset_and_field, asset_columns, is_auxiliary_header, is_symbol_header, name_from_file_name,
    preferred_value_column, price_field_count,
};
use super::dates::{DatePattern, DateSeparator, is_time_of_day, time_of_day};
use super::error::ImportError;
use super::numbers::{
    NumberCell, SeparatorEvidence, parse_number, plain_decimal_with_evidence, separator_evidence,
};
use super::outcome::{DecisionKind, ImportDecision, ImportWarning, SkipReason, SkippedLine};
use super::parallel::Parallelism;
use super::sniff::Sniffed;
use super::table::{CellColumn, RawTable};
use crate::model::DateFormat;
use crate::model::{DecimalSeparator, ImportOptions, Layout};

/// The earliest year taken as a real observation date; earlier dates are placeholders such as
/// `0001-01-01`. (Stooq's S&P 500 history starts in 1789.)
pub const EARLIEST_PLAUSIBLE_YEAR: i32 = 1600;

/// The day number of 1 January of [`EARLIEST_PLAUSIBLE_YEAR`].
const EARLIEST_PLAUSIBLE_DAY: i32 = -135_140;

/// Chooses which columns become series, unless the caller chose.
pub fn choose_layout(sniffed: &Sniffed, options: &ImportOptions) -> Result<Layout, ImportError> {
    let headers = &sniffed.headers;
    if let Some(layout) = &options.layout {
        let mut columns = layout.value_columns();
        if let Layout::Long { symbol_column, .. } = layout {
            columns.push(*symbol_column);
        }
        if let Some(bad) = columns
            .iter()
            .find(|&&c| c >= headers.len() || c == sniffed.date_column)
        {
            return Err(ImportError::InvalidOption {
                setting: "value columns",
                reason: format!(
                    "column {} is {}",
                    bad + 1,
                    if *bad == sniffed.date_column {
                        "the date column"
                    } else {
                        "beyond the last column"
                    }
                ),
            });
        }
        if columns.is_empty() {
            return Err(ImportError::InvalidOption {
                setting: "value columns",
                reason: "no value column chosen".to_string(),
            });
        }
        return Ok(layout.clone());
    }
    // Columns with only missing markers in the sample are the value columns when nothing else
    // is: their values may start later, and if they never do the import says so by column.
    let numeric = if sniffed.numeric_columns.is_empty() {
        &sniffed.blank_columns
    } else {
        &sniffed.numeric_columns
    };
    // A table's columns may start after the sample (`Date,SPX,RUT` with RUT from 1987): the
    // columns empty in the sample are taken too, and dropped after the full read if they hold
    // no number at all.
    let mut table_columns: Vec<usize> = sniffed
        .numeric_columns
        .iter()
        .chain(&sniffed.blank_columns)
        .copied()
        .filter(|&c| !is_auxiliary_header(&headers[c]))
        .collect();
    table_columns.sort_unstable();
    if numeric.is_empty() {
        return Err(ImportError::NoNumericColumn {
            line: sniffed.first_data_line,
        });
    }
    let main_columns: Vec<usize> = numeric
        .iter()
        .copied()
        .filter(|&c| !is_auxiliary_header(&headers[c]))
        .collect();
    let preferred = preferred_value_column(headers, numeric);
    let first_main = main_columns.first().copied().unwrap_or(numeric[0]);
    // A symbol column comes first: `Date,Symbol,Open,High,Low,Close,Volume` has the fields of
    // a price file, but for many symbols, and one series mixing them would be nonsense. Its
    // value column is chosen as in a price file (Adj Close, else Close, …).
    if let Some(&symbol_column) = sniffed
        .text_columns
        .iter()
        .find(|&&c| is_symbol_header(&headers[c]))
    {
        return Ok(Layout::Long {
            symbol_column,
            value_column: preferred.unwrap_or(first_main),
        });
    }
    // `BTC:close,ETH:close` or a joined MultiIndex header: one series per asset.
    let mut candidates: Vec<usize> = numeric
        .iter()
        .chain(&sniffed.blank_columns)
        .copied()
        .collect();
    candidates.sort_unstable();
    let assets = asset_columns(headers, &candidates, None);
    if !assets.is_empty() {
        return Ok(Layout::Assets { columns: assets });
    }
    if price_field_count(headers) >= 2 {
        return Ok(Layout::Single {
            column: preferred.unwrap_or(first_main),
        });
    }
    match table_columns.as_slice() {
        [] => Ok(Layout::Single { column: first_main }),
        [column] => Ok(Layout::Single { column: *column }),
        _ => Ok(Layout::Wide {
            columns: table_columns,
        }),
    }
}

/// Drops from a wide layout the columns that were empty in the sample and hold no number
/// anywhere in the file either (an unused column, a trailing delimiter), with their cells. A
/// wide layout left with one column becomes a single series; one left with none keeps its
/// first column so that the error can name it.
pub fn drop_empty_columns(layout: Layout, tentative: &[usize], table: &mut RawTable<'_>) -> Layout {
    let Layout::Wide { columns } = layout else {
        return layout;
    };
    let holds_a_number = |cells: &CellColumn<'_>| {
        (0..table.len()).any(|row| {
            let cell = cells.get(row);
            [DecimalSeparator::Point, DecimalSeparator::Comma]
                .into_iter()
                .any(|d| matches!(parse_number(cell, d), NumberCell::Value(_)))
        })
    };
    // Slot 0 holds the dates; value column `i` of the layout is slot `i + 1`.
    let keep: Vec<bool> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| !tentative.contains(c) || holds_a_number(&table.columns[i + 1]))
        .collect();
    if keep.iter().all(|k| *k) {
        return Layout::Wide { columns };
    }
    let Some(first_kept) = keep.iter().position(|k| *k) else {
        table.columns.truncate(2);
        return Layout::Single { column: columns[0] };
    };
    let mut slot = 0;
    table.columns.retain(|_| {
        slot += 1;
        slot == 1 || keep[slot - 2]
    });
    let kept: Vec<usize> = columns
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(c, _)| *c)
        .collect();
    if kept.len() == 1 {
        Layout::Single {
            column: columns[first_kept],
        }
    } else {
        Layout::Wide { columns: kept }
    }
}

/// Decides day/month order from every date of the column, unless the format was pinned.
/// `separator` is the one the column is written with, for the pattern the user is shown.
pub fn resolve_date_order(
    format: DateFormat,
    separator: Option<DateSeparator>,
    pinned: bool,
    cells: &CellColumn<'_>,
    table: &RawTable<'_>,
    prefer_day_first: bool,
    column: usize,
) -> Result<(DateFormat, Option<ImportWarning>), ImportError> {
    if pinned || !format.has_numeric_day_and_month() {
        return Ok((format, None));
    }
    let mut day_first_rows = Vec::new();
    let mut month_first_rows = Vec::new();
    for row in 0..table.len() {
        if let Some((first, second)) = DateFormat::leading_pair(cells.get(row)) {
            if first > 12 && second <= 12 {
                day_first_rows.push(row);
            } else if second > 12 && first <= 12 {
                month_first_rows.push(row);
            }
        }
    }
    let contradiction = |majority: DateFormat, minority_row: usize| ImportError::MixedDateOrder {
        line: table.line(minority_row),
        column: column + 1,
        found: cells.get(minority_row).to_string(),
        expected: pattern(majority, separator).label(),
    };
    match (day_first_rows.first(), month_first_rows.first()) {
        (Some(_), None) => Ok((DateFormat::DayMonthYear, None)),
        (None, Some(_)) => Ok((DateFormat::MonthDayYear, None)),
        (Some(&day_row), Some(&month_row)) => {
            if day_first_rows.len() >= month_first_rows.len() {
                Err(contradiction(DateFormat::DayMonthYear, month_row))
            } else {
                Err(contradiction(DateFormat::MonthDayYear, day_row))
            }
        }
        (None, None) => {
            let assumed = if prefer_day_first {
                DateFormat::DayMonthYear
            } else {
                DateFormat::MonthDayYear
            };
            Ok((
                assumed,
                Some(ImportWarning::AmbiguousDateOrder {
                    assumed: pattern(assumed, separator),
                }),
            ))
        }
    }
}

/// `format` as written with `separator`, when the file showed one.
#[must_use]
pub fn pattern(format: DateFormat, separator: Option<DateSeparator>) -> DatePattern {
    separator.map_or_else(|| format.into(), |s| format.with_separator(s))
}

/// Reads one date cell.
pub fn read_date(format: DateFormat, cell: &str) -> Result<Date, SkipReason> {
    match format.parse(cell) {
        // Compared as day numbers: working out the year of every date is measurably slower.
        Some(date) if date.day_number() < EARLIEST_PLAUSIBLE_DAY => {
            Err(SkipReason::ImplausibleDate(date))
        }
        Some(date) => Ok(date),
        None if is_time_of_day(cell) => Err(SkipReason::TimeOfDay(cell.trim().to_string())),
        None => Err(SkipReason::BadDate(cell.trim().to_string())),
    }
}

/// A value column's decimal separator, decided from all of its cells.
pub struct DecimalDecision {
    /// The separator.
    pub decimal: DecimalSeparator,
    /// Whether some cells said otherwise.
    pub mixed: bool,
    /// When no cell of the column settles the separator but some read both ways (`1.000`,
    /// `3.500`), the first such row: the separator then came from the file or the default.
    pub ambiguous_row: Option<usize>,
}

/// Decides a value column's decimal separator from all of its cells, falling back on what the
/// rest of the file says when every cell reads either way (`100.923` beside `-1,04%`).
pub fn decide_decimal(
    cells: &CellColumn<'_>,
    rows: usize,
    file_hint: Option<DecimalSeparator>,
) -> DecimalDecision {
    DecimalTally::of(cells, 0..rows).decide(file_hint)
}

/// What the cells of some rows of a value column say about its decimal separator; the
/// tallies of consecutive row ranges add up to the tally of all of them.
#[derive(Clone, Copy)]
pub struct DecimalTally {
    point: usize,
    comma: usize,
    ambiguous_row: Option<usize>,
}

impl DecimalTally {
    /// The tally of rows `rows` of `cells`. The cells read as plain decimals while the table
    /// was split are judged from those reads, down the column, and only the others from their
    /// text.
    pub fn of(cells: &CellColumn<'_>, rows: std::ops::Range<usize>) -> DecimalTally {
        let mut tally = DecimalTally {
            point: 0,
            comma: 0,
            ambiguous_row: None,
        };
        match cells.plain_evidence(rows.clone()) {
            Some(reads) => {
                for (row, evidence) in reads {
                    tally.add(
                        row,
                        evidence.unwrap_or_else(|| separator_evidence(cells.get(row))),
                    );
                }
            }
            None => {
                for row in rows {
                    let cell = cells.get(row);
                    // Plain numbers (`1234.5678`, `42`) are the common case: judged at once.
                    let evidence = match plain_decimal_with_evidence(cell.as_bytes()) {
                        Some((_, evidence)) => evidence,
                        None => separator_evidence(cell),
                    };
                    tally.add(row, evidence);
                }
            }
        }
        tally
    }

    /// Counts what row `row` says.
    fn add(&mut self, row: usize, evidence: SeparatorEvidence) {
        match evidence {
            SeparatorEvidence::Point => self.point += 1,
            SeparatorEvidence::Comma => self.comma += 1,
            SeparatorEvidence::Ambiguous => {
                self.ambiguous_row.get_or_insert(row);
            }
            SeparatorEvidence::None => {}
        }
    }

    /// Adds the tally of the rows that follow.
    pub fn then(&mut self, next: DecimalTally) {
        self.point += next.point;
        self.comma += next.comma;
        self.ambiguous_row = self.ambiguous_row.or(next.ambiguous_row);
    }

    /// The decision the tally makes.
    pub fn decide(self, file_hint: Option<DecimalSeparator>) -> DecimalDecision {
        let (decimal, mixed) = match (self.point, self.comma) {
            (0, 0) => (file_hint.unwrap_or(DecimalSeparator::Point), false),
            (_, 0) => (DecimalSeparator::Point, false),
            (0, _) => (DecimalSeparator::Comma, false),
            (p, c) if p >= c => (DecimalSeparator::Point, true),
            _ => (DecimalSeparator::Comma, true),
        };
        let settled = self.point == 0 && self.comma == 0;
        DecimalDecision {
            decimal,
            mixed,
            ambiguous_row: self.ambiguous_row.filter(|_| settled),
        }
    }
}

/// One observation on its way into a series.
#[derive(Clone, Copy)]
pub struct Point {
    pub date: Date,
    line: u32,
    /// Seconds after midnight, for intraday rows (0 otherwise).
    time: u32,
    pub value: f64,
}

impl Point {
    pub(super) fn new(date: Date, value: f64, line: usize) -> Point {
        Point {
            date,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            time: 0,
            value,
        }
    }

    pub(super) fn at(mut self, time: u32) -> Point {
        self.time = time;
        self
    }

    /// The 1-based file line.
    pub fn line(&self) -> usize {
        self.line as usize
    }
}

/// Observations kept column-wise, as the series will hold them, with each one's file line:
/// the common case (a clean, ordered column) then needs no copy at all.
#[derive(Default)]
pub struct Observations {
    dates: Vec<Date>,
    values: Vec<f64>,
    lines: Vec<u32>,
    /// Whether the rows carry a time of day, kept in `times`.
    timed: bool,
    times: Vec<u32>,
}

impl Observations {
    fn with_capacity(capacity: usize) -> Observations {
        Observations {
            dates: Vec::with_capacity(capacity),
            values: Vec::with_capacity(capacity),
            lines: Vec::with_capacity(capacity),
            timed: false,
            times: Vec::new(),
        }
    }

    /// Every observation as (date, value, line, time of day), for comparisons in tests.
    #[cfg(test)]
    pub(super) fn listed(&self) -> Vec<(Date, f64, u32, u32)> {
        self.points()
            .iter()
            .map(|p| (p.date, p.value, p.line, p.time))
            .collect()
    }

    /// Adds the observations that follow.
    pub(super) fn append(&mut self, mut next: Observations) {
        self.dates.append(&mut next.dates);
        self.values.append(&mut next.values);
        self.lines.append(&mut next.lines);
        self.times.append(&mut next.times);
    }

    /// Observations whose rows carry a time of day when `timed`.
    pub(super) fn timed(capacity: usize, timed: bool) -> Observations {
        let mut observations = Observations::with_capacity(capacity);
        observations.timed = timed;
        observations
    }

    pub(super) fn push(&mut self, point: Point) {
        self.dates.push(point.date);
        self.values.push(point.value);
        self.lines.push(point.line);
        if self.timed {
            self.times.push(point.time);
        }
    }

    /// The order of observation `index`: its date, then its time of day.
    fn key(&self, index: usize) -> (Date, u32) {
        (
            self.dates[index],
            self.times.get(index).copied().unwrap_or(0),
        )
    }

    fn len(&self) -> usize {
        self.dates.len()
    }

    /// Whether there is no observation.
    pub(super) fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }

    fn line(&self, index: usize) -> usize {
        self.lines.get(index).map_or(0, |&line| line as usize)
    }

    fn points(&self) -> Vec<Point> {
        (0..self.len())
            .map(|i| Point {
                date: self.dates[i],
                line: self.lines[i],
                time: self.times.get(i).copied().unwrap_or(0),
                value: self.values[i],
            })
            .collect()
    }

    fn from_points(points: &[Point], timed: bool) -> Observations {
        let mut observations = Observations::timed(points.len(), timed);
        for point in points {
            observations.push(*point);
        }
        observations
    }

    fn reverse(&mut self) {
        self.dates.reverse();
        self.values.reverse();
        self.lines.reverse();
        self.times.reverse();
    }

    /// Keeps the observations `keep` says yes to (given the index), in order.
    fn retain(&mut self, mut keep: impl FnMut(&Observations, usize) -> bool) {
        let flags: Vec<bool> = (0..self.len()).map(|i| keep(self, i)).collect();
        let mut flag = flags.iter();
        self.dates.retain(|_| flag.next().copied().unwrap_or(false));
        let mut flag = flags.iter();
        self.values
            .retain(|_| flag.next().copied().unwrap_or(false));
        let mut flag = flags.iter();
        self.lines.retain(|_| flag.next().copied().unwrap_or(false));
        let mut flag = flags.iter();
        self.times.retain(|_| flag.next().copied().unwrap_or(false));
    }

    /// Keeps `range` only.
    fn keep_range(&mut self, range: std::ops::Range<usize>) {
        self.dates.truncate(range.end);
        self.values.truncate(range.end);
        self.lines.truncate(range.end);
        self.dates.drain(..range.start);
        self.values.drain(..range.start);
        self.lines.drain(..range.start);
        if self.timed {
            self.times.truncate(range.end);
            self.times.drain(..range.start);
        }
    }
}

/// The observations of one series-to-be, in file order.
pub struct Collected {
    pub name: String,
    pub header: String,
    pub observations: Observations,
}

/// What [`collect_rows`] reads: the table, how its dates and values are read, and which
/// series its columns become.
pub struct RowsToCollect<'r, 't> {
    /// The cells: the dates in slot 0, the value columns after, any symbol column last.
    pub table: &'r RawTable<'t>,
    /// The last row with a date (the rows after it are a footer).
    pub last_row: usize,
    /// How the dates are read.
    pub date_format: DateFormat,
    /// Which columns become which series.
    pub layout: &'r Layout,
    /// Each value column with its decimal separator, in slot order.
    pub value_slots: &'r [(usize, DecimalSeparator)],
    /// The slot of the symbol column of a long layout.
    pub symbol_slot: Option<usize>,
    /// The column headers.
    pub headers: &'r [String],
    /// The name of the series of a single-series layout.
    pub single_name: &'r str,
    /// Whether the date cells carry a time of day, kept to order intraday rows.
    pub timed: bool,
}

/// Reads every data row into per-series observation lists, reporting skipped rows. A table
/// of columns is read column by column on every core; a long table (a symbol per row) row by
/// row.
pub fn collect_rows(
    rows: &RowsToCollect<'_, '_>,
    parallelism: &Parallelism,
    skipped: &mut Vec<SkippedLine>,
) -> Vec<Collected> {
    let mut collected = series_to_collect(rows);
    if rows.symbol_slot.is_none() && !collected.is_empty() {
        super::collect::collect_by_column(rows, parallelism, &mut collected, skipped);
    } else {
        collect_row_by_row(rows, &mut collected, skipped);
    }
    collected
}

/// The series the columns of a table become, without observations yet (none for a long
/// table: its series come from the symbols read). No room is made: the columns' observations
/// are read apart and moved in.
fn series_to_collect(rows: &RowsToCollect<'_, '_>) -> Vec<Collected> {
    let RowsToCollect {
        layout,
        headers,
        single_name,
        timed,
        ..
    } = *rows;
    let header_of = |c: usize| {
        headers
            .get(c)
            .cloned()
            .unwrap_or_else(|| format!("Column {}", c + 1))
    };
    match layout {
        Layout::Single { column } => vec![Collected {
            name: single_name.to_string(),
            header: header_of(*column),
            observations: Observations::timed(0, timed),
        }],
        Layout::Wide { columns } => columns
            .iter()
            .map(|&c| Collected {
                name: header_of(c),
                header: header_of(c),
                observations: Observations::timed(0, timed),
            })
            .collect(),
        Layout::Assets { columns } => columns
            .iter()
            .map(|&c| Collected {
                name: asset_and_field(&header_of(c)).map_or_else(|| header_of(c), |(a, _)| a),
                header: header_of(c),
                observations: Observations::timed(0, timed),
            })
            .collect(),
        Layout::Long { .. } => Vec::new(),
    }
}

/// Reads the rows one by one into `collected`, adding the series of each new symbol.
pub(super) fn collect_row_by_row(
    rows: &RowsToCollect<'_, '_>,
    collected: &mut Vec<Collected>,
    skipped: &mut Vec<SkippedLine>,
) {
    let RowsToCollect {
        table,
        last_row,
        date_format,
        symbol_slot,
        timed,
        ..
    } = *rows;
    let mut symbols: HashMap<String, usize> = HashMap::new();
    for row in 0..=last_row.min(table.len().saturating_sub(1)) {
        let line = table.line(row);
        let date = match read_date(date_format, table.columns[0].get(row)) {
            Ok(date) => date,
            Err(reason) => {
                skipped.push(SkippedLine { line, reason });
                continue;
            }
        };
        let target = match symbol_slot {
            Some(slot) => {
                let symbol = table.columns[slot].get(row).trim();
                if symbol.is_empty() {
                    skipped.push(SkippedLine {
                        line,
                        reason: SkipReason::MissingValue(String::new()),
                    });
                    continue;
                }
                Some(*symbols.entry(symbol.to_string()).or_insert_with(|| {
                    collected.push(Collected {
                        name: symbol.to_string(),
                        header: symbol.to_string(),
                        observations: Observations::timed(0, timed),
                    });
                    collected.len() - 1
                }))
            }
            None => None,
        };
        let time = if timed {
            time_of_day(table.columns[0].get(row)).unwrap_or(0)
        } else {
            0
        };
        let (all_missing, row_problem) = read_values(rows, row, |index, value| {
            let series = target.unwrap_or(index);
            collected[series]
                .observations
                .push(Point::new(date, value, line).at(time));
        });
        if let Some(reason) = row_problem {
            skipped.push(SkippedLine { line, reason });
        } else if all_missing {
            skipped.push(SkippedLine {
                line,
                reason: all_missing_reason(rows, row),
            });
        }
    }
}

/// Reads the value cells of one row, handing each finite value to `keep` with its slot index;
/// returns whether every cell was missing, and the first problem with a cell.
fn read_values(
    rows: &RowsToCollect<'_, '_>,
    row: usize,
    mut keep: impl FnMut(usize, f64),
) -> (bool, Option<SkipReason>) {
    let mut all_missing = true;
    let mut row_problem: Option<SkipReason> = None;
    for index in 0..rows.value_slots.len() {
        match value_cell(rows, index, row) {
            NumberCell::Value(value) if value.is_finite() => {
                all_missing = false;
                keep(index, value);
            }
            NumberCell::Value(_) => {
                all_missing = false;
                row_problem
                    .get_or_insert_with(|| SkipReason::NotFinite(value_text(rows, index, row)));
            }
            NumberCell::Invalid => {
                all_missing = false;
                row_problem
                    .get_or_insert_with(|| SkipReason::BadNumber(value_text(rows, index, row)));
            }
            NumberCell::Missing => {}
        }
    }
    (all_missing, row_problem)
}

/// The number in value slot `index` of row `row`: read as the table was split where it is a
/// plain decimal and the column's decimal separator a point (the cell's text is then not
/// looked at), else read from the cell's text.
pub(super) fn value_cell(rows: &RowsToCollect<'_, '_>, index: usize, row: usize) -> NumberCell {
    let decimal = rows
        .value_slots
        .get(index)
        .map_or(DecimalSeparator::Point, |(_, d)| *d);
    let cells = &rows.table.columns[index + 1];
    match cells.plain_value(row) {
        Some(value) if decimal == DecimalSeparator::Point => NumberCell::Value(value),
        _ => parse_number(cells.get(row), decimal),
    }
}

/// The text of value slot `index` of row `row`, trimmed, as a skipped row shows it.
pub(super) fn value_text(rows: &RowsToCollect<'_, '_>, index: usize, row: usize) -> String {
    rows.table.columns[index + 1].get(row).trim().to_string()
}

/// Why a dated row with no value at all is skipped: too few fields to reach the value
/// columns, or the first value cell empty or a missing marker.
pub(super) fn all_missing_reason(rows: &RowsToCollect<'_, '_>, row: usize) -> SkipReason {
    let needed_width = rows
        .value_slots
        .iter()
        .map(|(c, _)| c + 1)
        .max()
        .unwrap_or(1);
    if rows.table.width(row) < needed_width {
        SkipReason::TooFewFields {
            found: rows.table.width(row),
            expected: rows.headers.len(),
        }
    } else {
        SkipReason::MissingValue(rows.table.columns[1].get(row).trim().to_string())
    }
}

/// Everything that shapes one series after its rows are read.
pub struct SeriesRules<'a> {
    pub kind: SeriesKind,
    /// The values are periodic returns, to be compounded into an index of 100 × Π(1 + r).
    pub returns: bool,
    /// Zeros are values (a yield curve's 0.00 one-month yield), never placeholders.
    pub zeros_are_values: bool,
    pub has_time_of_day: bool,
    pub today: Date,
    pub source: &'a Source,
}

/// Turns collected observations into a checked series, oldest first; `None` when no
/// observation is left. Observations that still break a series' rules are an error naming the
/// line, never a series silently left out.
pub fn build_series(
    collected: Collected,
    rules: &SeriesRules<'_>,
    warnings: &mut Vec<ImportWarning>,
    skipped: &mut Vec<SkippedLine>,
    decisions: &mut Vec<ImportDecision>,
) -> Result<Option<Series>, ImportError> {
    let Collected {
        name,
        mut observations,
        ..
    } = collected;
    if let Some(line) = orient(&mut observations, warnings)
        && observations.timed
    {
        decisions.push(ImportDecision {
            line,
            kind: DecisionKind::OrderedByTimestamp {
                series: name.clone(),
            },
        });
    }
    resolve_duplicates(&mut observations, &name, rules.has_time_of_day, warnings);
    drop_epoch_placeholder(&mut observations, skipped);
    if rules.returns {
        compound_returns(&mut observations);
    } else if !rules.zeros_are_values {
        drop_placeholder_zeros(&mut observations, &name, warnings);
    }
    if rules.kind == SeriesKind::Price && observations.values.iter().any(|v| *v <= 0.0) {
        observations.retain(|o, i| {
            if o.values[i] > 0.0 {
                return true;
            }
            warnings.push(ImportWarning::NonPositivePrice {
                series: name.clone(),
                line: o.line(i),
                value: o.values[i],
            });
            false
        });
    }
    // In date order, the first date after today stands for all that follow.
    if let Some(index) = observations.dates.iter().position(|d| *d > rules.today) {
        warnings.push(ImportWarning::FutureDate {
            line: observations.line(index),
            date: observations.dates[index],
        });
    }
    if observations.is_empty() {
        return Ok(None);
    }
    let Observations {
        dates,
        values,
        lines,
        ..
    } = observations;
    // The lines stay behind so that a failure can name the row at fault.
    let line_of = |index: usize| lines.get(index).map_or(0, |&line| line as usize);
    let first_line = line_of(0);
    match Series::new(
        name.clone(),
        rules.kind,
        rules.source.clone(),
        dates,
        values,
    ) {
        Ok(series) => Ok(Some(series)),
        Err(problem) => {
            let line = match &problem {
                SeriesError::NotIncreasing { index, .. } | SeriesError::NotFinite { index, .. } => {
                    line_of(*index)
                }
                SeriesError::LengthMismatch { .. } => first_line,
            };
            Err(ImportError::InvalidSeries {
                series: name,
                line,
                problem,
            })
        }
    }
}

/// Oldest first: newest-first files are reversed, unordered ones sorted (with a warning), by
/// date and, for intraday rows, time of day. Returns the first line out of place when sorted.
fn orient(observations: &mut Observations, warnings: &mut Vec<ImportWarning>) -> Option<usize> {
    let pairs = 1..observations.len();
    let key = |i: usize| observations.key(i);
    // Daily rows (the common case) compare their dates alone, a vectorisable scan.
    let dates = &observations.dates;
    let (rising_order, falling_order) = if observations.timed {
        (
            pairs.clone().all(|i| key(i - 1) <= key(i)),
            pairs.clone().all(|i| key(i - 1) >= key(i)),
        )
    } else {
        (
            dates.windows(2).all(|w| w[0] <= w[1]),
            dates.windows(2).all(|w| w[0] >= w[1]),
        )
    };
    if rising_order {
        return None;
    }
    if falling_order {
        observations.reverse();
        return None;
    }
    // Report the first row that breaks the file's main direction.
    let rising = pairs.clone().filter(|&i| key(i) > key(i - 1)).count();
    let falling = pairs.clone().filter(|&i| key(i) < key(i - 1)).count();
    let breaking = pairs
        .clone()
        .find(|&i| {
            if rising >= falling {
                key(i) < key(i - 1)
            } else {
                key(i) > key(i - 1)
            }
        })
        .map_or(0, |i| observations.line(i));
    warnings.push(ImportWarning::DatesOutOfOrder { line: breaking });
    let mut points = observations.points();
    points.sort_by_key(|p| (p.date, p.time, p.line()));
    *observations = Observations::from_points(&points, observations.timed);
    Some(breaking)
}

/// Periodic returns (`0.0071`, `-0.0043`) turned into an index that starts from 100:
/// each value becomes 100 × Π(1 + r) over the returns up to and including its date.
fn compound_returns(observations: &mut Observations) {
    let mut level = 100.0;
    for value in &mut observations.values {
        level *= 1.0 + *value;
        *value = level;
    }
}

/// Whether the observations look like periodic returns: every value above −1 and below 1,
/// and some negative.
#[must_use]
pub fn looks_like_returns(observations: &Observations) -> bool {
    let values = &observations.values;
    !values.is_empty()
        && values.iter().all(|v| *v > -1.0 && *v < 1.0)
        && values.iter().any(|v| *v < 0.0)
}

/// One observation per date. Plain duplicates keep the later file line; intraday rows (a time
/// of day in the date cells, several rows per day) fold into the day's last row.
fn resolve_duplicates(
    observations: &mut Observations,
    name: &str,
    intraday: bool,
    warnings: &mut Vec<ImportWarning>,
) {
    let duplicates = observations
        .dates
        .windows(2)
        .filter(|w| w[0] == w[1])
        .count();
    if duplicates == 0 {
        return;
    }
    let fold_intraday = intraday && duplicates * 3 >= observations.len();
    let mut kept: Vec<Point> = Vec::with_capacity(observations.len() - duplicates);
    for point in observations.points() {
        match kept.last_mut() {
            Some(last) if last.date == point.date => {
                if fold_intraday {
                    *last = point;
                } else {
                    let (dropped, winner) = if point.line() > last.line() {
                        (*last, point)
                    } else {
                        (point, *last)
                    };
                    warnings.push(ImportWarning::DuplicateDate {
                        series: name.to_string(),
                        date: point.date,
                        dropped_line: dropped.line(),
                        kept_line: winner.line(),
                    });
                    *last = winner;
                }
            }
            _ => kept.push(point),
        }
    }
    if fold_intraday {
        warnings.push(ImportWarning::IntradayRowsFolded {
            series: name.to_string(),
            rows: duplicates,
        });
    }
    *observations = Observations::from_points(&kept, observations.timed);
}

/// `1970-01-01` more than a year away from every other date is a zero timestamp.
fn drop_epoch_placeholder(observations: &mut Observations, skipped: &mut Vec<SkippedLine>) {
    let Some(epoch) = Date::from_ymd(1970, 1, 1) else {
        return;
    };
    let dates = &observations.dates;
    let Some(index) = dates.iter().position(|d| *d == epoch) else {
        return;
    };
    let far = |other: Option<&Date>| {
        other.is_none_or(|o| (o.day_number() - epoch.day_number()).abs() > 366)
    };
    let neighbours_far =
        far(index.checked_sub(1).and_then(|i| dates.get(i))) && far(dates.get(index + 1));
    if neighbours_far && dates.len() > 1 {
        skipped.push(SkippedLine {
            line: observations.line(index),
            reason: SkipReason::EpochPlaceholder,
        });
        observations.retain(|_, i| i != index);
    }
}

/// Runs of exact zeros at either end of a column whose other values are all non-zero mean
/// "not available yet" (Shiller's table); they are dropped with a warning.
fn drop_placeholder_zeros(
    observations: &mut Observations,
    name: &str,
    warnings: &mut Vec<ImportWarning>,
) {
    let values = &observations.values;
    let leading = values.iter().take_while(|v| **v == 0.0).count();
    if leading == values.len() {
        return;
    }
    let trailing = values.iter().rev().take_while(|v| **v == 0.0).count();
    let end = values.len() - trailing;
    if values[leading..end].contains(&0.0) {
        return;
    }
    for run in [0..leading, end..values.len()] {
        if run.is_empty() {
            continue;
        }
        let (a, b) = (observations.line(run.start), observations.line(run.end - 1));
        warnings.push(ImportWarning::PlaceholderZeros {
            series: name.to_string(),
            count: run.len(),
            first_line: a.min(b),
            last_line: a.max(b),
        });
    }
    observations.keep_range(leading..end);
}

/// The name of a single-series file: as chosen, else from the file name, else the header.
pub fn single_series_name(options: &ImportOptions, header: &str) -> String {
    if let Some(name) = options
        .series_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        return name.trim().to_string();
    }
    match options.file_name.as_deref() {
        Some(file) if !file.trim().is_empty() => name_from_file_name(file),
        _ => header.to_string(),
    }
}

/// Makes series names unique within one file (`Close`, `Close (2)`).
pub fn make_names_unique(collected: &mut [Collected]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in collected.iter_mut() {
        let count = seen.entry(item.name.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            item.name = format!("{} ({count})", item.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportControl;
    use crate::import::table::{Needed, read_table};
    use crate::model::Delimiter;

    fn table<'a>(text: &'a str, needed: &[usize]) -> RawTable<'a> {
        read_table(
            text,
            0,
            2,
            Delimiter::Comma,
            &Needed {
                columns: needed,
                numeric: 0..needed.len(),
            },
            needed.len(),
            &ImportControl::default(),
        )
        .unwrap()
    }

    #[test]
    fn the_earliest_plausible_day_is_the_first_of_its_year() {
        let first = Date::from_ymd(EARLIEST_PLAUSIBLE_YEAR, 1, 1).map(Date::day_number);
        assert_eq!(first, Some(EARLIEST_PLAUSIBLE_DAY));
        let day_before = Date::from_ymd(EARLIEST_PLAUSIBLE_YEAR - 1, 12, 31);
        assert!(matches!(
            day_before.map(|d| read_date(DateFormat::YearMonthDay, &d.to_string())),
            Some(Err(SkipReason::ImplausibleDate(_)))
        ));
    }

    #[test]
    fn keeps_columns_whose_values_start_late() {
        let mut cells = table("2024-01-02,1,,\n2024-01-03,2,5,\n", &[0, 1, 2, 3]);
        let layout = drop_empty_columns(
            Layout::Wide {
                columns: vec![1, 2, 3],
            },
            &[2, 3],
            &mut cells,
        );
        assert_eq!(
            layout,
            Layout::Wide {
                columns: vec![1, 2]
            }
        );
        assert_eq!(cells.columns.len(), 3);
        assert_eq!(cells.columns[2].get(1), "5");
    }

    #[test]
    fn a_wide_layout_left_with_one_column_is_a_single_series() {
        // `Date,Close,` — the trailing delimiter makes an empty third column.
        let mut cells = table("2024-01-02,1,\n2024-01-03,2,\n", &[0, 1, 2]);
        let layout = drop_empty_columns(
            Layout::Wide {
                columns: vec![1, 2],
            },
            &[2],
            &mut cells,
        );
        assert_eq!(layout, Layout::Single { column: 1 });
        assert_eq!(cells.columns.len(), 2);
        assert_eq!(cells.columns[1].get(1), "2");
    }

    #[test]
    fn observations_that_cannot_form_a_series_are_an_error_naming_the_line() {
        let source = Source {
            path: None,
            format: "CSV table".to_string(),
            column: "Close".to_string(),
            options: ImportOptions::default(),
        };
        let rules = SeriesRules {
            kind: SeriesKind::Price,
            returns: false,
            zeros_are_values: false,
            has_time_of_day: false,
            today: Date::from_ymd(2030, 1, 1).unwrap_or_else(|| panic!("date")),
            source: &source,
        };
        let collected = |values: [f64; 3]| {
            let mut observations = Observations::default();
            for (i, value) in values.into_iter().enumerate() {
                let date = Date::from_ymd(2024, 1, 2 + i as u32).unwrap_or_else(|| panic!("date"));
                observations.push(Point::new(date, value, 10 + i));
            }
            Collected {
                name: "SPX".to_string(),
                header: "Close".to_string(),
                observations,
            }
        };
        let (mut warnings, mut skipped) = (Vec::new(), Vec::new());
        // Rows reach this point with finite values only; should one not be, the file is
        // refused with the row's line rather than the series dropped without a word.
        let built = build_series(
            collected([1.0, f64::NAN, 3.0]),
            &rules,
            &mut warnings,
            &mut skipped,
            &mut Vec::new(),
        );
        let Err(error) = built else {
            panic!("a NaN value built a series");
        };
        assert_eq!(
            error,
            ImportError::InvalidSeries {
                series: "SPX".to_string(),
                line: 11,
                problem: SeriesError::NotFinite {
                    index: 1,
                    date: Date::from_ymd(2024, 1, 3).unwrap_or_else(|| panic!("date"))
                },
            }
        );
        assert!(
            error
                .to_string()
                .starts_with("line 11: the rows of SPX do not form a series")
        );
        let built = build_series(
            collected([1.0, 2.0, 3.0]),
            &rules,
            &mut warnings,
            &mut skipped,
            &mut Vec::new(),
        );
        assert_eq!(
            built.map(|s| s.map(|s| s.values().to_vec())),
            Ok(Some(vec![1.0, 2.0, 3.0]))
        );
        assert_eq!(warnings, Vec::new());
    }

    #[test]
    fn decides_decimal_separators_from_the_whole_column() {
        let cells = table("x,1.234\nx,\"1.234,56\"\nx,\"2.345,5\"\n", &[1]);
        let decided = |cells: &CellColumn<'_>, rows, hint| {
            let decision = decide_decimal(cells, rows, hint);
            (decision.decimal, decision.mixed)
        };
        assert_eq!(
            decided(&cells.columns[0], 3, None),
            (DecimalSeparator::Comma, false)
        );
        let ambiguous = table("x,1.234\nx,2.345\n", &[1]);
        assert_eq!(
            decided(&ambiguous.columns[0], 2, None),
            (DecimalSeparator::Point, false)
        );
        assert_eq!(
            decided(&ambiguous.columns[0], 2, Some(DecimalSeparator::Comma)),
            (DecimalSeparator::Comma, false)
        );
        assert_eq!(ambiguous.columns[0].plain_value(0), Some(1.234));
        assert_eq!(ambiguous.columns[0].plain_value(1), Some(2.345));
        // Which row showed that the column reads both ways; none once a cell settles it.
        let ambiguous_row = |text: &str| {
            let cells = table(text, &[1]);
            decide_decimal(&cells.columns[0], cells.len(), None).ambiguous_row
        };
        assert_eq!(ambiguous_row("x,7\nx,1.234\nx,2.345\n"), Some(1));
        assert_eq!(ambiguous_row("x,1.234\nx,2.5\n"), None);
        assert_eq!(ambiguous_row("x,7\nx,8\n"), None);
    }
}
