//! The metrics and spread tables as rows of cells — the text each cell shows, its colour, how
//! it sorts and what it exports — so the same rows feed the on-screen table, "Copy as TSV" and
//! the CSV export. No drawing here.

use std::cmp::Ordering;

use crate::analytics::{
    Analysis, Frequency, Metric, MoveMeasure, Period, SeriesMetrics, Since, SpreadMetrics,
    basis_points,
};
use crate::model::Date;
use crate::number_format::{grouped, level, ordinal, percent, signed_percent};
use crate::workspace::{MetricsTableLayout, SeriesColumn, Workspace};

/// What is shown where a metric is absent.
pub const ABSENT: &str = "—";

/// Decimals of every percentage in the table.
const PERCENT_DECIMALS: usize = 2;

/// The colour a cell's value calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// A gain: green.
    Positive,
    /// A loss: red.
    Negative,
    /// No sign to show.
    Neutral,
}

/// What a cell exports to CSV (the shape of the CSV writer's cells).
#[derive(Clone, Debug, PartialEq)]
pub enum ExportValue {
    /// Text.
    Text(String),
    /// A number (percentages in percent, as the header says).
    Number(f64),
    /// A date.
    Date(Date),
    /// Nothing.
    Empty,
}

/// How a cell sorts: numbers and dates by value, text without regard to case; absent cells
/// always last.
#[derive(Clone, Debug, PartialEq)]
pub enum SortKey {
    /// A number.
    Number(f64),
    /// A date.
    Date(Date),
    /// Text.
    Text(String),
    /// No value.
    Absent,
}

impl SortKey {
    /// Compares two present keys (numbers before dates before text when kinds differ).
    fn compare(&self, other: &SortKey) -> Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (SortKey::Date(a), SortKey::Date(b)) => a.cmp(b),
            (SortKey::Text(a), SortKey::Text(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
            _ => self.rank().cmp(&other.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            SortKey::Number(_) => 0,
            SortKey::Date(_) => 1,
            SortKey::Text(_) => 2,
            SortKey::Absent => 3,
        }
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The text shown ([`ABSENT`] when absent).
    pub text: String,
    /// Its colour.
    pub tone: Tone,
    /// How it sorts.
    pub sort: SortKey,
    /// What it exports.
    pub export: ExportValue,
    /// Whether it is a number (shown right-aligned).
    pub numeric: bool,
    /// Why the cell reads as it does, shown on hover (an empty cell that is empty on purpose,
    /// a figure in another unit).
    pub hint: Option<String>,
}

impl Cell {
    fn absent() -> Cell {
        Cell {
            text: ABSENT.to_string(),
            tone: Tone::Neutral,
            sort: SortKey::Absent,
            export: ExportValue::Empty,
            numeric: true,
            hint: None,
        }
    }

    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            sort: SortKey::Text(text.clone()),
            export: ExportValue::Text(text.clone()),
            text,
            tone: Tone::Neutral,
            numeric: false,
            hint: None,
        }
    }

    fn date(date: Option<Date>) -> Cell {
        date.map_or_else(Cell::absent, |date| Cell {
            text: date.to_string(),
            tone: Tone::Neutral,
            sort: SortKey::Date(date),
            export: ExportValue::Date(date),
            numeric: true,
            hint: None,
        })
    }

    /// A fraction shown as a signed, coloured percentage.
    fn signed_percent(fraction: Option<f64>) -> Cell {
        Cell::number(
            fraction,
            |f| signed_percent(f, PERCENT_DECIMALS),
            100.0,
            true,
        )
    }

    /// A fraction shown as a percentage without colour.
    fn plain_percent(fraction: Option<f64>) -> Cell {
        Cell::number(fraction, |f| percent(f, PERCENT_DECIMALS), 100.0, false)
    }

    fn level(value: Option<f64>) -> Cell {
        Cell::number(value, level, 1.0, false)
    }

    /// A closing level as data sites print it: two decimals (four below 1), thousands grouped.
    fn close(value: Option<f64>) -> Cell {
        Cell::number(
            value,
            |v| grouped(v, if v.abs() >= 1.0 { 2 } else { 4 }),
            1.0,
            false,
        )
    }

    fn number(
        value: Option<f64>,
        format: impl Fn(f64) -> String,
        export_scale: f64,
        toned: bool,
    ) -> Cell {
        let Some(value) = value.filter(|v| v.is_finite()) else {
            return Cell::absent();
        };
        let tone = match (toned, value.partial_cmp(&0.0)) {
            (true, Some(Ordering::Greater)) => Tone::Positive,
            (true, Some(Ordering::Less)) => Tone::Negative,
            _ => Tone::Neutral,
        };
        Cell {
            text: format(value),
            tone,
            sort: SortKey::Number(value),
            export: ExportValue::Number(value * export_scale),
            numeric: true,
            hint: None,
        }
    }

    /// A change of a rate in basis points, `+102 bp`, coloured by its sign, exported as the
    /// number of percentage points it is (1.02), in keeping with the column's unit of percent.
    fn basis_points(bp: Option<f64>, hint: &str) -> Cell {
        let Some(bp) = bp.filter(|v| v.is_finite()) else {
            return Cell::absent();
        };
        let text = basis_points(bp / 100.0).replace('\u{2212}', "-");
        Cell {
            tone: match bp.round().partial_cmp(&0.0) {
                Some(Ordering::Greater) => Tone::Positive,
                Some(Ordering::Less) => Tone::Negative,
                _ => Tone::Neutral,
            },
            sort: SortKey::Number(bp),
            export: ExportValue::Number(bp / 100.0),
            numeric: true,
            text,
            hint: Some(hint.to_string()),
        }
    }

    /// An empty cell, with the reason on hover.
    fn empty_because(hint: String) -> Cell {
        Cell {
            hint: Some(hint),
            ..Cell::absent()
        }
    }

    /// The cell in copied text: empty when absent, tabs and line breaks made spaces.
    #[must_use]
    pub fn tsv_text(&self) -> String {
        if self.sort == SortKey::Absent {
            return String::new();
        }
        self.text.replace(['\t', '\n', '\r'], " ")
    }
}

/// A column: its header, its header in CSV (with the unit), and its definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The header shown.
    pub label: String,
    /// The header in exported CSV, naming the unit of percentages.
    pub export_label: String,
    /// The exact definition, for the header's tooltip.
    pub definition: String,
}

impl Column {
    fn new(label: impl Into<String>, unit: Option<&str>, definition: String) -> Column {
        let label = label.into();
        let export_label = match unit {
            Some(unit) => format!("{label} ({unit})"),
            None => label.clone(),
        };
        Column {
            label,
            export_label,
            definition,
        }
    }

    fn metric(metric: Metric, unit: Option<&str>) -> Column {
        Column::new(metric.label(), unit, metric.definition())
    }
}

/// Sort direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

/// A table: columns and rows of cells, one cell per column.
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// The trailing returns the table shows, in order.
const RETURN_PERIODS: [Period; 10] = Period::ALL;

impl Rows {
    /// One row per series of the analysis.
    #[must_use]
    pub fn series(analysis: &Analysis) -> Rows {
        let n = analysis.options.move_sessions;
        let mut columns = vec![
            Column::new(
                "Series",
                None,
                "The series' name, as listed with the data.".to_string(),
            ),
            Column::metric(Metric::AsOf, None),
            Column::metric(Metric::Last, None),
        ];
        columns.extend(
            RETURN_PERIODS
                .iter()
                .map(|p| Column::metric(Metric::Return(*p), Some("%"))),
        );
        columns.extend([
            Column::metric(Metric::Volatility, Some("%")),
            Column::metric(Metric::MaxDrawdown, Some("%")),
            Column::metric(Metric::RangeReturn, Some("%")),
            Column::metric(Metric::RangeDrawdown, Some("%")),
            Column::new(
                format!("{n}-session move"),
                Some("%"),
                Metric::Move.definition(),
            ),
            Column::metric(Metric::BiggestSince, None),
            Column::metric(Metric::WorstDayOfYear, Some("%")),
            Column::new("Worst day", None, Metric::WorstDayOfYear.definition()),
            Column::new(
                "Worst day: largest since",
                None,
                Metric::WorstDayOfYear.definition(),
            ),
        ]);
        let rows = analysis.series.iter().map(series_row).collect();
        Rows { columns, rows }
    }

    /// The cell of column `column` (an index into [`Rows::series`]'s columns, in the order of
    /// [`SeriesColumn::ALL`]) of the series row of `row`; `None` past the last column. The two
    /// range columns are made alone, without the rest of the row.
    #[must_use]
    pub fn series_cell(row: &SeriesMetrics, column: usize) -> Option<Cell> {
        match SeriesColumn::ALL.get(column)? {
            SeriesColumn::RangeReturn => Some(range_return_cell(row)),
            SeriesColumn::RangeDrawdown => Some(range_drawdown_cell(row)),
            _ => series_row(row).into_iter().nth(column),
        }
    }

    /// One row per spread of the analysis, named as the workspace names it.
    #[must_use]
    pub fn spreads(analysis: &Analysis, workspace: &Workspace) -> Rows {
        let columns = vec![
            Column::new(
                "Spread",
                None,
                "The spread's name, or A − B when it has none.".to_string(),
            ),
            Column::new(
                "As of",
                None,
                "The spread's date: the last date both series share (after alignment) on or \
                 before the as-of date."
                    .to_string(),
            ),
            Column::metric(Metric::SpreadDifference, None),
            Column::metric(Metric::Percentile, None),
            Column::metric(Metric::SpreadRatio, None),
            Column::metric(Metric::PercentileRatio, None),
            Column::metric(Metric::P10, None),
            Column::metric(Metric::P50, None),
            Column::metric(Metric::P90, None),
            Column::metric(Metric::Lookback, None),
        ];
        let rows = analysis
            .spreads
            .iter()
            .map(|spread| spread_row(spread, workspace))
            .collect();
        Rows { columns, rows }
    }

    /// The series table as the metrics table shows it: the columns `layout` shows, in its
    /// order (Series first), and one row per series the chart shows (`shown[i]` for the
    /// analysis' `i`-th series; a series without an entry counts as shown), or per series when
    /// the layout asks for all of them.
    #[must_use]
    pub fn series_shown(analysis: &Analysis, layout: &MetricsTableLayout, shown: &[bool]) -> Rows {
        let all = Rows::series(analysis);
        let kept: Vec<usize> = (0..all.rows.len())
            .filter(|&i| layout.all_series || shown.get(i).copied().unwrap_or(true))
            .collect();
        let columns: Vec<usize> = layout
            .shown_columns()
            .into_iter()
            .filter_map(SeriesColumn::index)
            .collect();
        all.select(&kept, &columns)
    }

    /// The spread table as the metrics table shows it: every spread when `all_series`,
    /// otherwise only the spreads whose two legs the chart shows (a spread of a hidden series
    /// is hidden with it).
    #[must_use]
    pub fn spreads_shown(analysis: &Analysis, workspace: &Workspace, all_series: bool) -> Rows {
        let all = Rows::spreads(analysis, workspace);
        let is_shown = |name: &str| workspace.series_named(name).is_none_or(|s| s.visible);
        let kept: Vec<usize> = analysis
            .spreads
            .iter()
            .enumerate()
            .filter(|(_, spread)| all_series || (is_shown(&spread.a) && is_shown(&spread.b)))
            .map(|(i, _)| i)
            .collect();
        let columns: Vec<usize> = (0..all.columns.len()).collect();
        all.select(&kept, &columns)
    }

    /// The table with only the rows `rows` and the columns `columns`, in those orders (indexes
    /// out of range are left out).
    #[must_use]
    pub fn select(&self, rows: &[usize], columns: &[usize]) -> Rows {
        let columns: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|&c| c < self.columns.len())
            .collect();
        Rows {
            columns: columns
                .iter()
                .filter_map(|&c| self.columns.get(c).cloned())
                .collect(),
            rows: rows
                .iter()
                .filter_map(|&r| self.rows.get(r))
                .map(|row| {
                    columns
                        .iter()
                        .filter_map(|&c| row.get(c).cloned())
                        .collect()
                })
                .collect(),
        }
    }

    /// The row indexes in display order: sorted by `column` (stable, absent cells last),
    /// or as given when `column` is `None` or out of range.
    #[must_use]
    pub fn order(&self, sort: Option<(usize, Direction)>) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        let Some((column, direction)) = sort.filter(|(c, _)| *c < self.columns.len()) else {
            return order;
        };
        order.sort_by(|&a, &b| {
            let (ka, kb) = (&self.rows[a][column].sort, &self.rows[b][column].sort);
            match (ka == &SortKey::Absent, kb == &SortKey::Absent) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => match direction {
                    Direction::Ascending => ka.compare(kb),
                    Direction::Descending => kb.compare(ka),
                },
            }
        });
        order
    }

    /// The table as tab-separated text with a header line, rows in `order`.
    #[must_use]
    pub fn tsv(&self, order: &[usize]) -> String {
        let mut text = self
            .columns
            .iter()
            .map(|c| c.label.replace(['\t', '\n', '\r'], " "))
            .collect::<Vec<_>>()
            .join("\t");
        text.push('\n');
        for &index in order {
            let Some(row) = self.rows.get(index) else {
                continue;
            };
            let cells: Vec<String> = row.iter().map(Cell::tsv_text).collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        text
    }

    /// The CSV header: column labels with the unit of percentages.
    #[must_use]
    pub fn export_header(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| c.export_label.clone())
            .collect()
    }

    /// The CSV rows, in `order`.
    #[must_use]
    pub fn export_rows(&self, order: &[usize]) -> Vec<Vec<ExportValue>> {
        order
            .iter()
            .filter_map(|&index| self.rows.get(index))
            .map(|row| row.iter().map(|cell| cell.export.clone()).collect())
            .collect()
    }
}

fn series_row(row: &SeriesMetrics) -> Vec<Cell> {
    let mut cells = vec![
        Cell::text(row.name.clone()),
        Cell::date(row.last),
        Cell::close(row.last_value),
    ];
    cells.extend(RETURN_PERIODS.iter().map(|p| return_cell(row, *p)));
    cells.push(Cell::plain_percent(row.volatility_1y));
    cells.push(Cell::signed_percent(row.max_drawdown.map(|d| d.value)));
    cells.push(range_return_cell(row));
    cells.push(range_drawdown_cell(row));
    cells.push(move_cell(
        row.last_move.map(|m| (m.measure, m.size)),
        Metric::Move,
    ));
    cells.push(since_cell(row.last_move.map(|m| m.biggest_since)));
    cells.push(move_cell(
        row.worst_day_of_year.map(|d| (d.measure, d.size)),
        Metric::WorstDayOfYear,
    ));
    cells.push(Cell::date(row.worst_day_of_year.map(|d| d.date)));
    cells.push(since_cell(row.worst_day_of_year.map(|d| d.largest_since)));
    cells
}

/// The return over the chart's range.
fn range_return_cell(row: &SeriesMetrics) -> Cell {
    Cell::signed_percent(row.range.and_then(|r| r.ret))
}

/// The largest drawdown within the chart's range.
fn range_drawdown_cell(row: &SeriesMetrics) -> Cell {
    Cell::signed_percent(row.range.and_then(|r| r.max_drawdown).map(|d| d.value))
}

/// A trailing return cell: the return, or for a rate series its change in basis points; empty
/// for 1D and 5D of a series not observed daily (one row is not a session there).
fn return_cell(row: &SeriesMetrics, period: Period) -> Cell {
    let daily = row.frequency.is_none_or(|f| f == Frequency::Daily);
    if matches!(period, Period::D1 | Period::D5) && !daily {
        let frequency = row.frequency.map_or("not daily", Frequency::label);
        return Cell::empty_because(format!(
            "{} is {frequency}: {} counts rows, which here are not sessions. See 1M and beyond \
             for its moves over the calendar.",
            row.name,
            period.label()
        ));
    }
    match &row.changes_bp {
        Some(changes) => Cell::basis_points(changes.get(period), &Metric::ChangeBp.definition()),
        None => Cell::signed_percent(row.returns.get(period)),
    }
}

/// A move in its measure: a return in percent, or a rate's change in basis points.
fn move_cell(moved: Option<(MoveMeasure, f64)>, metric: Metric) -> Cell {
    match moved {
        Some((MoveMeasure::ChangeBp, bp)) => Cell::basis_points(Some(bp), &metric.definition()),
        Some((MoveMeasure::Return, fraction)) => Cell::signed_percent(Some(fraction)),
        None => Cell::absent(),
    }
}

/// "Since when" a move is the largest: a date, or the whole data.
fn since_cell(since: Option<Since>) -> Cell {
    match since {
        Some(Since::Date(date)) => Cell::date(Some(date)),
        Some(Since::WholeData { first }) => {
            let text = format!("all data (since {first})");
            Cell {
                // The largest in the data ranks as the rarest: older than any dated match.
                sort: SortKey::Date(first),
                ..Cell::text(text)
            }
        }
        None => Cell::absent(),
    }
}

fn spread_row(spread: &SpreadMetrics, workspace: &Workspace) -> Vec<Cell> {
    let name = workspace
        .spreads
        .iter()
        .find(|s| s.a == spread.a && s.b == spread.b)
        .map_or_else(
            || format!("{} − {}", spread.a, spread.b),
            crate::workspace::SpreadDefinition::display_name,
        );
    let rank = |value: Option<f64>| match value {
        Some(rank) => Cell {
            text: ordinal(rank),
            tone: Tone::Neutral,
            sort: SortKey::Number(rank),
            export: ExportValue::Number(rank),
            numeric: true,
            hint: None,
        },
        None => Cell::absent(),
    };
    let bands = spread.bands;
    let lookback = {
        let mut text = format!("{} y", spread.lookback_years);
        if spread.observations > 0 {
            text.push_str(&format!(
                ", {} obs.",
                grouped(spread.observations as f64, 0)
            ));
        }
        if let (false, Some(start)) = (spread.covers_lookback, spread.window_start) {
            text.push_str(&format!(" since {start}"));
        }
        Cell {
            sort: SortKey::Number(f64::from(spread.lookback_years)),
            export: ExportValue::Number(f64::from(spread.lookback_years)),
            numeric: true,
            ..Cell::text(text)
        }
    };
    // Two prices speak of relative strength, their ratio: the difference of two index levels
    // (and the bands of it) is only drawn on request, on the Spread tab in Difference mode.
    let prices_hint = || {
        Cell::empty_because(
            "Two prices: their ratio (relative strength) is what compares them; the difference \
             of the two levels is drawn on the Spread tab in Difference mode."
                .to_string(),
        )
    };
    let difference_level = |value: Option<f64>| {
        if spread.of_prices() {
            prices_hint()
        } else if spread.of_rates() {
            Cell::basis_points(
                value.map(|v| v * 100.0),
                "Two rates: the difference in basis points, (A − B) × 100.",
            )
        } else {
            Cell::level(value)
        }
    };
    vec![
        Cell::text(name),
        Cell::date(spread.date),
        difference_level(spread.difference),
        if spread.of_prices() {
            prices_hint()
        } else {
            rank(spread.percentile_difference)
        },
        Cell::level(spread.ratio),
        rank(spread.percentile_ratio),
        difference_level(bands.map(|b| b.p10)),
        difference_level(bands.map(|b| b.p50)),
        difference_level(bands.map(|b| b.p90)),
        lookback,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{MetricsOptions, analyse};
    use crate::model::{Series, SeriesKind};
    use crate::workspace::SpreadDefinition;

    use crate::testing::d;

    fn daily(name: &str, kind: SeriesKind, start: &str, closes: &[f64]) -> Series {
        crate::testing::daily_series(name, kind, start, closes)
    }

    fn analysis() -> (Analysis, Workspace) {
        let up = daily(
            "Up",
            SeriesKind::Price,
            "2024-01-01",
            &[100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 110.0],
        );
        let down = daily(
            "down",
            SeriesKind::Price,
            "2024-01-01",
            &[100.0, 99.0, 98.0, 97.0, 96.0, 95.0, 90.0],
        );
        let short = daily("Short", SeriesKind::Price, "2024-01-07", &[50.0]);
        let pe = daily(
            "PE",
            SeriesKind::Valuation,
            "2024-01-01",
            &[20.0, 22.0, 21.0],
        );
        let rate = daily("Rate", SeriesKind::Rate, "2024-01-01", &[4.0, 4.0, 5.0]);
        let mut workspace = Workspace::empty();
        workspace.spreads.push(SpreadDefinition {
            name: "Valuation gap".into(),
            a: "PE".into(),
            b: "Rate".into(),
        });
        let options = MetricsOptions {
            move_sessions: 2,
            ..MetricsOptions::default()
        };
        let analysis = analyse(
            &[&up, &down, &short],
            &[(&pe, &rate), (&rate, &pe)],
            &options,
        );
        (analysis, workspace)
    }

    fn column(rows: &Rows, label: &str) -> usize {
        rows.columns.iter().position(|c| c.label == label).unwrap()
    }

    #[test]
    fn rates_read_in_basis_points_and_monthly_series_have_no_1d_or_5d() {
        let yield_10y = daily("10Y", SeriesKind::Rate, "2024-01-01", &[4.1, 3.5, 3.08]);
        let monthly = crate::model::Series::new(
            "Monthly",
            SeriesKind::Price,
            crate::model::Source::default(),
            [
                "2024-01-01",
                "2024-02-01",
                "2024-03-01",
                "2024-04-01",
                "2024-05-01",
                "2024-06-01",
                "2024-07-01",
            ]
            .iter()
            .map(|text| d(text))
            .collect(),
            vec![100.0, 101.0, 102.0, 103.0, 104.0, 105.0, 106.0],
        )
        .unwrap();
        let two_year = daily("2Y", SeriesKind::Rate, "2024-01-01", &[4.5, 4.4, 4.6]);
        let analysis = analyse(
            &[&yield_10y, &monthly],
            &[(&yield_10y, &two_year), (&monthly, &monthly)],
            &MetricsOptions::default(),
        );
        let rows = Rows::series(&analysis);
        let d1 = column(&rows, "1D");
        let d5 = column(&rows, "5D");
        let m1 = column(&rows, "1M");
        // (3.08 − 3.5) × 100 = −42 bp; no 1M base in three days of data.
        assert_eq!(rows.rows[0][d1].text, "-42 bp");
        assert_eq!(rows.rows[0][d1].tone, Tone::Negative);
        let ExportValue::Number(points) = rows.rows[0][d1].export else {
            panic!("a number");
        };
        assert!((points + 0.42).abs() < 1e-12, "{points}");
        assert!(
            rows.rows[0][d1]
                .hint
                .as_ref()
                .unwrap()
                .contains("basis points")
        );
        assert_eq!(rows.rows[0][m1].text, ABSENT);
        // Its moves too: the year's worst day 4.1 → 3.5 is −60 bp, not −14.63%.
        let worst = column(&rows, Metric::WorstDayOfYear.label());
        assert_eq!(rows.rows[0][worst].text, "-60 bp");
        assert!(
            rows.rows[0][worst]
                .hint
                .as_ref()
                .unwrap()
                .contains("changes in basis points")
        );
        // A monthly series: 1D and 5D empty, with the reason; 1M as usual.
        for column in [d1, d5] {
            let cell = &rows.rows[1][column];
            assert_eq!(cell.text, ABSENT);
            assert!(
                cell.hint
                    .as_ref()
                    .unwrap()
                    .starts_with("Monthly is monthly: ")
            );
        }
        assert_eq!(rows.rows[1][m1].text, "+0.95%");
        let spreads = Rows::spreads(&analysis, &Workspace::empty());
        let difference = column(&spreads, "Difference");
        let ratio = column(&spreads, "Ratio");
        // Two rates: (3.08 − 4.6) × 100 = −152 bp.
        assert_eq!(spreads.rows[0][difference].text, "-152 bp");
        // Two prices: the ratio only.
        assert_eq!(spreads.rows[1][difference].text, ABSENT);
        assert!(
            spreads.rows[1][difference]
                .hint
                .as_ref()
                .unwrap()
                .starts_with("Two prices")
        );
        assert_eq!(spreads.rows[1][ratio].text, "1.00");
    }

    #[test]
    fn series_cells_show_signed_coloured_percentages_and_dates() {
        let (analysis, _) = analysis();
        let rows = Rows::series(&analysis);
        let one_day = column(&rows, "1D");
        assert_eq!(rows.rows[0][one_day].text, "+4.76%");
        assert_eq!(rows.rows[0][one_day].tone, Tone::Positive);
        assert_eq!(rows.rows[1][one_day].text, "-5.26%");
        assert_eq!(rows.rows[1][one_day].tone, Tone::Negative);
        assert_eq!(rows.rows[2][one_day].text, ABSENT);
        assert_eq!(rows.rows[0][column(&rows, "Last")].text, "110.00");
        assert_eq!(rows.rows[0][column(&rows, "As of")].text, "2024-01-07");
        let moved = column(&rows, "2-session move");
        assert_eq!(
            rows.rows[0][moved].text,
            signed_percent(110.0 / 104.0 - 1.0, 2)
        );
        assert_eq!(
            rows.rows[0][column(&rows, "Biggest since")].text,
            "all data (since 2024-01-01)"
        );
        assert_eq!(rows.rows[1][column(&rows, "Worst day")].text, "2024-01-07");
        // −5.3 % on the 7th: no earlier day fell as far.
        assert_eq!(
            rows.rows[1][column(&rows, "Worst day: largest since")].text,
            "all data (since 2024-01-01)"
        );
        assert_eq!(
            rows.rows[1][column(&rows, "Max drawdown")].export,
            ExportValue::Number(100.0 * (90.0 / 100.0 - 1.0))
        );
        assert!(rows.columns.iter().all(|c| c.definition.len() > 20));
        assert_eq!(rows.columns[one_day].export_label, "1D (%)");
        assert!(rows.rows.iter().all(|r| r.len() == rows.columns.len()));
    }

    #[test]
    fn sorting_puts_absent_cells_last_either_way() {
        let (analysis, _) = analysis();
        let rows = Rows::series(&analysis);
        let one_day = column(&rows, "1D");
        assert_eq!(
            rows.order(Some((one_day, Direction::Descending))),
            [0, 1, 2]
        );
        assert_eq!(rows.order(Some((one_day, Direction::Ascending))), [1, 0, 2]);
        // Text ignores case: "down" < "Short" < "Up".
        assert_eq!(rows.order(Some((0, Direction::Ascending))), [1, 2, 0]);
        assert_eq!(rows.order(None), [0, 1, 2]);
        assert_eq!(rows.order(Some((999, Direction::Ascending))), [0, 1, 2]);
    }

    #[test]
    fn tsv_and_csv_come_from_the_same_rows() {
        let (analysis, _) = analysis();
        let rows = Rows::series(&analysis);
        let order = rows.order(Some((0, Direction::Descending)));
        let tsv = rows.tsv(&order);
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[0].starts_with("Series\tAs of\tLast\t1D\t5D\t1M"));
        assert!(lines[1].starts_with("Up\t2024-01-07\t110.00\t+4.76%\t"));
        // Descending by name: Up, Short, down. Absent cells are empty in copied text.
        assert!(lines[2].starts_with("Short\t2024-01-07\t50.00\t\t"));
        assert!(lines[3].starts_with("down\t"));
        let exported = rows.export_rows(&order);
        assert_eq!(exported[0][0], ExportValue::Text("Up".into()));
        assert_eq!(exported[0][1], ExportValue::Date(d("2024-01-07")));
        assert_eq!(exported[1][3], ExportValue::Empty);
        assert_eq!(rows.export_header()[3], "1D (%)");
    }

    #[test]
    fn the_shown_table_follows_the_chosen_columns_and_the_shown_series() {
        let (analysis, mut workspace) = analysis();
        let layout = MetricsTableLayout::default()
            .with_shown(SeriesColumn::D5, false)
            .with_moved(SeriesColumn::Y1, -4);
        // Series "down" is hidden on the chart.
        let shown = [true, false, true];
        let rows = Rows::series_shown(&analysis, &layout, &shown);
        let labels: Vec<&str> = rows.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels[..5], ["Series", "1Y", "Last", "1D", "YTD"]);
        assert_eq!(labels.len(), 21);
        assert_eq!(rows.rows.len(), 2);
        assert_eq!(rows.rows[0][0].text, "Up");
        assert_eq!(rows.rows[1][0].text, "Short");
        assert_eq!(rows.rows[0][2].text, "110.00");
        assert_eq!(rows.rows[0][3].text, "+4.76%");
        assert!(rows.rows.iter().all(|r| r.len() == 21));
        // "Show all series" lists the hidden one again.
        let all = MetricsTableLayout {
            all_series: true,
            ..layout
        };
        let rows = Rows::series_shown(&analysis, &all, &shown);
        assert_eq!(rows.rows.len(), 3);
        assert_eq!(rows.rows[1][0].text, "down");
        // Every column of the full table is named by its key, in the same order.
        let full = Rows::series(&analysis);
        assert_eq!(full.columns.len(), SeriesColumn::ALL.len());
        assert_eq!(
            full.columns[SeriesColumn::Ytd.index().unwrap()].label,
            "YTD"
        );
        assert_eq!(
            full.columns[SeriesColumn::AsOf.index().unwrap()].label,
            "As of"
        );
        assert_eq!(
            full.columns[SeriesColumn::WorstDaySince.index().unwrap()].label,
            "Worst day: largest since"
        );
        assert_eq!(
            full.columns[SeriesColumn::Move.index().unwrap()].label,
            "2-session move"
        );

        // A spread goes with either of its legs.
        workspace.add_series(daily("PE", SeriesKind::Valuation, "2024-01-01", &[20.0]));
        workspace.add_series(daily("Rate", SeriesKind::Rate, "2024-01-01", &[4.0]));
        assert_eq!(
            Rows::spreads_shown(&analysis, &workspace, false).rows.len(),
            2
        );
        workspace.series[1].visible = false;
        let spreads = Rows::spreads_shown(&analysis, &workspace, false);
        assert!(spreads.rows.is_empty());
        assert_eq!(spreads.columns.len(), 10);
        assert_eq!(
            Rows::spreads_shown(&analysis, &workspace, true).rows.len(),
            2
        );
    }

    #[test]
    fn spread_rows_use_the_workspace_names() {
        let (analysis, workspace) = analysis();
        let rows = Rows::spreads(&analysis, &workspace);
        assert_eq!(rows.rows[0][0].text, "Valuation gap");
        assert_eq!(rows.rows[1][0].text, "Rate − PE");
        // PE − Rate on 2024-01-03: 21 − 5 = 16; window 16, 18.
        assert_eq!(rows.rows[0][column(&rows, "Difference")].text, "16.00");
        assert_eq!(rows.rows[0][column(&rows, "Percentile")].text, "25th");
        assert_eq!(
            rows.rows[0][column(&rows, "Lookback")].text,
            "20 y, 2 obs. since 2024-01-01"
        );
        assert_eq!(rows.rows[0][column(&rows, "Ratio")].text, "4.20");
    }
}
