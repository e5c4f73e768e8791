//! The import engine: reads price, index, rate and valuation files as people download them
//! (Yahoo Finance, Stooq, FRED, Investing.com, Nasdaq.com, MarketWatch/WSJ, spreadsheets,
//! Shiller's table) into series, detecting every setting and letting the caller pin any of them.
//!
//! Detection runs on a sample of the first lines (delimiter, header, columns); the formats of
//! the date and value columns are then decided from the whole columns, so one late `13/01/2024`
//! or `1.234,56` is never misread. Nothing half-imported reaches the caller: the result is either
//! a complete [`ImportOutcome`] or an [`ImportError`] naming the line.

mod assemble;
mod background;
mod collect;
mod columns;
mod dates;
mod decode;
mod error;
mod fields;
mod numbers;
mod outcome;
mod parallel;
mod prefix;
mod shape;
mod sniff;
mod table;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

pub use crate::model::{
    DateFormat, DecimalSeparator, Delimiter, HeaderRow, ImportOptions, Layout, TextEncoding,
};
pub use assemble::EARLIEST_PLAUSIBLE_YEAR;
pub use background::{FinishedImport, ImportJobs, JobId, JobProgress, fraction_done};
pub use columns::name_from_file_name;
pub use dates::{DatePattern, DateSeparator};
pub use error::{FileImportError, ImportError};
pub use numbers::{NumberCell, parse_number};
pub use outcome::{
    DecisionKind, Detected, ImportDecision, ImportOutcome, ImportWarning, LISTED_LINES,
    LayoutChoice, LineEnding, PreviewRow, SkipReason, SkippedLine,
};
pub use parallel::{PARALLEL_FROM_BYTES, Parallelism};
pub use prefix::preview_prefix;

use crate::model::{Date, SeriesKind, Source};

use assemble::{
    Collected, RowsToCollect, SeriesRules, build_series, choose_layout, collect_rows,
    decide_decimal, drop_empty_columns, make_names_unique, pattern, read_date, single_series_name,
};

/// How many data rows the preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// Progress and cancellation shared with an import running on another thread.
#[derive(Debug, Default)]
pub struct ImportControl {
    /// Bytes of the decoded text read so far.
    pub bytes_read: AtomicU64,
    /// Bytes of decoded text in all (known once the file is decoded; 0 before).
    pub bytes_total: AtomicU64,
    /// Set to stop the import; it then returns [`ImportError::Cancelled`].
    pub cancel: AtomicBool,
    /// How the work is spread over the processor's cores (by default every core, for large
    /// files); the result is the same whatever it says.
    pub parallelism: Parallelism,
}

/// Imports a file's bytes with the given options (detecting whatever they leave open).
pub fn import(bytes: &[u8], options: &ImportOptions) -> Result<ImportOutcome, ImportError> {
    import_with_control(bytes, options, &ImportControl::default())
}

/// Reads and imports a file; the file name names single-series files and the path is recorded
/// as each series' source.
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<ImportOutcome, FileImportError> {
    import_file_with_control(path, options, &ImportControl::default())
}

/// [`import_file`] with progress and cancellation.
pub fn import_file_with_control(
    path: &Path,
    options: &ImportOptions,
    control: &ImportControl,
) -> Result<ImportOutcome, FileImportError> {
    let bytes = std::fs::read(path).map_err(|source| FileImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut options = options.clone();
    if options.file_name.is_none() {
        options.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    let mut outcome = import_with_control(&bytes, &options, control).map_err(|source| {
        FileImportError::Import {
            path: path.to_path_buf(),
            source,
        }
    })?;
    for series in &mut outcome.series {
        series.source.path = Some(path.to_path_buf());
    }
    Ok(outcome)
}

/// [`import`] with progress reporting and cancellation through `control`.
///
/// The steps, in order: decode the bytes, detect the settings on a sample, read the cells the
/// layout needs, decide the dates and the decimal separators from whole columns, collect the
/// rows, and build and check the series.
pub fn import_with_control(
    bytes: &[u8],
    options: &ImportOptions,
    control: &ImportControl,
) -> Result<ImportOutcome, ImportError> {
    let decoded = decode::decode(bytes, options.encoding)?;
    let text: &str = &decoded.text;
    control
        .bytes_total
        .store(text.len() as u64, Ordering::Relaxed);
    if control.cancel.load(Ordering::Relaxed) {
        return Err(ImportError::Cancelled);
    }
    let parallelism = control.parallelism.for_bytes(text.len());
    let sniffed = sniff::sniff(text, options)?;
    let (layout, table) = read_cells(text, &sniffed, options, control)?;
    let mut warnings = decode_warnings(&decoded);
    let dates = decide_dates(&sniffed, options, &table, &mut warnings)?;
    let values = decide_values(
        &sniffed,
        options,
        &layout,
        &table,
        dates.rows(),
        &parallelism,
        &mut warnings,
    );
    let mut rows = collect(
        &sniffed,
        options,
        &layout,
        &table,
        &dates,
        &values,
        &parallelism,
    );
    warnings.append(&mut rows.warnings);
    let detected = describe(
        &decoded, &sniffed, options, &layout, &table, &dates, &values,
    );
    let mut skipped = rows.skipped;
    let mut decisions = shape::layout_decisions(&sniffed, options, &layout);
    let series = build_all_series(
        rows.collected,
        &detected,
        &Notes {
            options,
            parallelism: &parallelism,
            table: &table,
            has_time_of_day: dates.has_time_of_day,
        },
        &mut Reported {
            warnings: &mut warnings,
            skipped: &mut skipped,
            decisions: &mut decisions,
        },
    )?;
    skipped.sort_by_key(|s| s.line);
    decisions.sort_by_key(|d| d.line);
    let preview = preview_rows(text, &table, dates.format, &values.slots);
    Ok(ImportOutcome {
        layout_choices: shape::layout_choices(&sniffed, &layout),
        detected,
        series,
        rows_read: dates.rows(),
        skipped,
        warnings,
        decisions,
        preview,
    })
}

/// What decoding has to tell the user.
fn decode_warnings(decoded: &decode::DecodedText<'_>) -> Vec<ImportWarning> {
    let mut warnings = Vec::new();
    if decoded.utf16_without_bom {
        warnings.push(ImportWarning::Utf16WithoutBom);
    }
    warnings.extend(ImportWarning::nul_lines(&decoded.nul_lines));
    warnings
}

/// Chooses the layout and reads the cells of the columns it needs (the dates first, then the
/// values, then any symbol), refusing a table with no rows or with a quote left open.
fn read_cells<'t>(
    text: &'t str,
    sniffed: &sniff::Sniffed,
    options: &ImportOptions,
    control: &ImportControl,
) -> Result<(Layout, table::RawTable<'t>), ImportError> {
    let layout = choose_layout(sniffed, options)?;
    let mut needed = vec![sniffed.date_column];
    needed.extend(layout.value_columns());
    let values = 1..needed.len();
    needed.extend(symbol_column(&layout));
    let mut table = table::read_table(
        text,
        sniffed.data_offset,
        sniffed.first_data_line,
        sniffed.delimiter,
        &table::Needed {
            columns: &needed,
            numeric: values,
        },
        sniffed.headers.len(),
        control,
    )?;
    let layout = if options.layout.is_none() {
        drop_empty_columns(layout, &sniffed.blank_columns, &mut table)
    } else {
        layout
    };
    if table.len() == 0 {
        let header_line = match sniffed.header {
            HeaderRow::Line(line) => line,
            HeaderRow::Absent { first_data_line } => first_data_line,
        };
        return Err(ImportError::NoDataRows { line: header_line });
    }
    // A quote left open is an error wherever it opens: the rows it swallowed would otherwise
    // vanish into a "footer" or a bad date, and the import would be silently cut short.
    if let Some((row, column)) = table.open_quote {
        return Err(ImportError::UnterminatedQuote {
            line: table.line(row),
            column,
        });
    }
    Ok((layout, table))
}

/// The symbol column of a long layout.
fn symbol_column(layout: &Layout) -> Option<usize> {
    match layout {
        Layout::Long { symbol_column, .. } => Some(*symbol_column),
        _ => None,
    }
}

/// How the date column is read, decided over the whole column.
struct DateDecision {
    /// The format every date is read with.
    format: DateFormat,
    /// The format with the separator the file writes, as the user is shown it.
    pattern: DatePattern,
    /// The last row with a date: the rows after it are a footer.
    last_row: usize,
    /// Whether the date cells carry a time of day (intraday rows).
    has_time_of_day: bool,
}

impl DateDecision {
    /// The rows of the data region (before any footer).
    fn rows(&self) -> usize {
        self.last_row + 1
    }
}

/// Decides the day/month order from every date and finds the last dated row; a quoted line
/// break among the data rows is an error.
fn decide_dates(
    sniffed: &sniff::Sniffed,
    options: &ImportOptions,
    table: &table::RawTable<'_>,
    warnings: &mut Vec<ImportWarning>,
) -> Result<DateDecision, ImportError> {
    let date_cells = &table.columns[0];
    let prefer_day_first = sniffed.file_decimal_hint == Some(DecimalSeparator::Comma)
        || sniffed.delimiter == Delimiter::Semicolon
        || (0..table.len().min(50)).any(|r| date_cells.get(r).contains('.'));
    let (format, order_warning) = assemble::resolve_date_order(
        sniffed.date_format,
        sniffed.date_separator,
        options.date_format.is_some(),
        date_cells,
        table,
        prefer_day_first,
        sniffed.date_column,
    )?;
    warnings.extend(order_warning);
    let pattern = pattern(format, sniffed.date_separator);
    // The dates are read here only at the end of the table; collecting the rows reads them all.
    let dated = |row: usize| read_date(format, date_cells.get(row)).is_ok();
    let Some(last_row) = (0..table.len()).rev().find(|&row| dated(row)) else {
        let line = table.line(0);
        let found = date_cells.get(0).trim().to_string();
        return Err(if options.date_format.is_some() {
            ImportError::DateFormatMismatch {
                line,
                column: sniffed.date_column + 1,
                found,
                expected: pattern.label(),
            }
        } else {
            ImportError::NoDateColumn { line }
        });
    };
    // A line break inside a quoted field of a data row splits a row in two.
    if let Some((row, column)) = table.multiline
        && row <= last_row
    {
        return Err(ImportError::UnterminatedQuote {
            line: table.line(row),
            column,
        });
    }
    let has_time_of_day = (0..(last_row + 1).min(20)).any(|r| {
        let cell = date_cells.get(r);
        cell.contains(':') || dates::time_of_day(cell).is_some()
    });
    Ok(DateDecision {
        format,
        pattern,
        last_row,
        has_time_of_day,
    })
}

/// How the value columns are read, decided over each whole column.
struct ValueDecision {
    /// Each value column with its decimal separator.
    slots: Vec<(usize, DecimalSeparator)>,
}

/// Decides each value column's decimal separator (unless pinned), warning where a column mixes
/// them or every value reads both ways. The columns' chunks of rows are tallied on every core.
fn decide_values(
    sniffed: &sniff::Sniffed,
    options: &ImportOptions,
    layout: &Layout,
    table: &table::RawTable<'_>,
    rows: usize,
    parallelism: &Parallelism,
    warnings: &mut Vec<ImportWarning>,
) -> ValueDecision {
    let columns = layout.value_columns();
    let chunks = table.row_chunks(rows);
    let mut decisions: Vec<Option<assemble::DecimalDecision>> = Vec::new();
    if options.decimal_separator.is_none() && !chunks.is_empty() {
        let tallies = parallelism.map(columns.len() * chunks.len(), |task| {
            let cells = &table.columns[task / chunks.len() + 1];
            assemble::DecimalTally::of(cells, chunks[task % chunks.len()].clone())
        });
        let mut tallies = tallies.into_iter();
        for _ in &columns {
            let mut column = tallies.by_ref().take(chunks.len());
            decisions.push(column.next().map(|mut tally| {
                column.for_each(|next| tally.then(next));
                tally.decide(sniffed.file_decimal_hint)
            }));
        }
    }
    let mut slots = Vec::new();
    for (slot, column) in columns.into_iter().enumerate() {
        let decimal = match (
            options.decimal_separator,
            decisions.get_mut(slot).and_then(Option::take),
        ) {
            (Some(decimal), _) => decimal,
            (None, decision) => {
                let cells = &table.columns[slot + 1];
                let decision = decision
                    .unwrap_or_else(|| decide_decimal(cells, rows, sniffed.file_decimal_hint));
                if decision.mixed {
                    warnings.push(ImportWarning::MixedDecimalSeparators {
                        column: column + 1,
                        used: decision.decimal,
                    });
                }
                // Every value reads both ways and no other number in the file says which:
                // the choice is a guess, and the user is told which one was made.
                if let Some(row) = decision.ambiguous_row
                    && !sniffed.file_decimal_from_numbers
                {
                    warnings.push(ImportWarning::AmbiguousDecimalSeparator {
                        column: column + 1,
                        used: decision.decimal,
                        example: cells.get(row).trim().to_string(),
                    });
                }
                decision.decimal
            }
        };
        slots.push((column, decimal));
    }
    ValueDecision { slots }
}

/// The rows read into per-series observations, with what was skipped or questioned.
struct CollectedRows {
    collected: Vec<Collected>,
    skipped: Vec<SkippedLine>,
    warnings: Vec<ImportWarning>,
}

/// Reads every data row, skipping the preamble and footer, and warns about rows dated with a
/// time of day and fields beyond the header.
fn collect(
    sniffed: &sniff::Sniffed,
    options: &ImportOptions,
    layout: &Layout,
    table: &table::RawTable<'_>,
    dates: &DateDecision,
    values: &ValueDecision,
    parallelism: &Parallelism,
) -> CollectedRows {
    let mut skipped: Vec<SkippedLine> = sniffed
        .preamble_lines
        .iter()
        .map(|&line| SkippedLine {
            line,
            reason: SkipReason::Preamble,
        })
        .collect();
    let single_name = match layout {
        Layout::Single { column } => single_series_name(options, &sniffed.headers[*column]),
        _ => String::new(),
    };
    let mut collected = collect_rows(
        &RowsToCollect {
            table,
            last_row: dates.last_row,
            date_format: dates.format,
            layout,
            value_slots: &values.slots,
            symbol_slot: symbol_column(layout).map(|_| table.columns.len() - 1),
            headers: &sniffed.headers,
            single_name: &single_name,
            timed: dates.has_time_of_day,
        },
        parallelism,
        &mut skipped,
    );
    let rows = dates.rows();
    skipped.extend((rows..table.len()).map(|row| SkippedLine {
        line: table.line(row),
        reason: SkipReason::Footer,
    }));
    let mut warnings = Vec::new();
    // A time of day in place of a date is an intraday row (old Nasdaq.com exports): its value
    // belongs to no day shown, so the user is warned rather than left to find it among the
    // skipped lines.
    let time_of_day_lines: Vec<usize> = skipped
        .iter()
        .filter(|s| matches!(s.reason, SkipReason::TimeOfDay(_)))
        .map(|s| s.line)
        .collect();
    warnings.extend(ImportWarning::time_of_day_rows(&time_of_day_lines));
    // Fields beyond the header are in no column: nothing reads them, so the user is told.
    let extra_lines: Vec<usize> = table
        .extra_field_rows
        .iter()
        .map(|&row| row as usize)
        .take_while(|&row| row < rows)
        .map(|row| table.line(row))
        .collect();
    warnings.extend(ImportWarning::extra_fields(
        &extra_lines,
        sniffed.headers.len(),
    ));
    make_names_unique(&mut collected);
    CollectedRows {
        collected,
        skipped,
        warnings,
    }
}

/// The settings the import used, each detected or as given.
fn describe(
    decoded: &decode::DecodedText<'_>,
    sniffed: &sniff::Sniffed,
    options: &ImportOptions,
    layout: &Layout,
    table: &table::RawTable<'_>,
    dates: &DateDecision,
    values: &ValueDecision,
) -> Detected {
    let comma_decimal = values
        .slots
        .iter()
        .any(|(_, d)| *d == DecimalSeparator::Comma);
    let source_name = columns::guess_source(
        &sniffed.headers,
        dates.format,
        sniffed.delimiter.byte(),
        comma_decimal,
    );
    let date_at = |row: usize| read_date(dates.format, table.columns[0].get(row)).ok();
    let first_date = (0..=dates.last_row).find_map(date_at);
    let last_date = date_at(dates.last_row);
    let series_name = match layout {
        Layout::Single { column } => Some(single_series_name(options, &sniffed.headers[*column])),
        _ => None,
    };
    Detected {
        source: source_name.to_string(),
        encoding: decoded.encoding,
        delimiter: sniffed.delimiter,
        line_ending: decoded.line_ending,
        header: sniffed.header,
        headers: sniffed.headers.clone(),
        date_column: sniffed.date_column,
        date_format: dates.pattern,
        decimal_separators: values.slots.clone(),
        layout: layout.clone(),
        newest_first: matches!((first_date, last_date), (Some(first), Some(last)) if first > last),
        series_name,
    }
}

/// What building the series needs besides the detected settings.
struct Notes<'n, 't> {
    options: &'n ImportOptions,
    /// How the series are shared out over the cores.
    parallelism: &'n Parallelism,
    table: &'n table::RawTable<'t>,
    has_time_of_day: bool,
}

/// Where building the series reports what it did.
struct Reported<'r> {
    warnings: &'r mut Vec<ImportWarning>,
    skipped: &'r mut Vec<SkippedLine>,
    decisions: &'r mut Vec<ImportDecision>,
}

/// Builds and checks every series; a file that yields none is an error naming its first value
/// column. A wide table of maturities (or named as yields) is read as rates, and a column of
/// returns is compounded into an index, each said in a decision.
fn build_all_series(
    collected: Vec<Collected>,
    detected: &Detected,
    notes: &Notes<'_, '_>,
    reported: &mut Reported<'_>,
) -> Result<Vec<crate::model::Series>, ImportError> {
    let Notes {
        options,
        table,
        has_time_of_day,
        ..
    } = *notes;
    let mut stored_options = detected.to_options(options.file_name.clone());
    stored_options.kind = options.kind;
    let file_stem = options
        .file_name
        .as_deref()
        .map(name_from_file_name)
        .unwrap_or_default();
    let header_line = detected.header.first_data_line().saturating_sub(1).max(1);
    let rates = options
        .kind
        .is_none()
        .then(|| shape::rates_because(detected, &file_stem))
        .flatten();
    if let Some(because) = rates {
        reported.decisions.push(ImportDecision {
            line: header_line,
            kind: DecisionKind::Rates { because },
        });
    }
    let context = SeriesContext {
        detected,
        options,
        stored_options: &stored_options,
        rates: rates.is_some(),
        file_stem: &file_stem,
        header_line,
        has_time_of_day,
        today: Date::today(),
    };
    let mut series = Vec::new();
    // Each series is built on its own; the reports are put together in the file's order.
    for built in notes
        .parallelism
        .map_each(collected, |item| build_one(item, &context))
    {
        let BuiltSeries {
            series: built,
            mut warnings,
            mut skipped,
            mut decisions,
        } = built;
        reported.warnings.append(&mut warnings);
        reported.skipped.append(&mut skipped);
        reported.decisions.append(&mut decisions);
        series.extend(built?);
    }
    if series.is_empty() {
        let column = detected
            .layout
            .value_columns()
            .first()
            .copied()
            .unwrap_or(0);
        return Err(ImportError::NoValues {
            column: column + 1,
            header: detected.header_of(column),
            line: table.line(0),
        });
    }
    Ok(series)
}

/// What building each series shares.
struct SeriesContext<'c> {
    detected: &'c Detected,
    options: &'c ImportOptions,
    stored_options: &'c ImportOptions,
    /// The file is a table of rates.
    rates: bool,
    file_stem: &'c str,
    header_line: usize,
    has_time_of_day: bool,
    today: Date,
}

/// One series built, with what building it reported.
struct BuiltSeries {
    series: Result<Option<crate::model::Series>, ImportError>,
    warnings: Vec<ImportWarning>,
    skipped: Vec<SkippedLine>,
    decisions: Vec<ImportDecision>,
}

/// Builds the series of one collected column or symbol: its kind, whether its values are
/// returns to compound, and the checks of [`build_series`].
fn build_one(item: Collected, context: &SeriesContext<'_>) -> BuiltSeries {
    let detected = context.detected;
    let kind = context.options.kind.unwrap_or_else(|| {
        if context.rates {
            SeriesKind::Rate
        } else {
            guess_kind(&detected.layout, context.file_stem, &item.header)
        }
    });
    let mut decisions = Vec::new();
    let returns = shape::returns_column(detected, kind, &item)
        .inspect(|&column| {
            decisions.push(ImportDecision {
                line: context.header_line,
                kind: DecisionKind::ReturnsCompounded {
                    column: column + 1,
                    header: detected.header_of(column),
                },
            });
        })
        .is_some();
    let source = Source {
        path: None,
        format: detected.source.clone(),
        column: item.header.clone(),
        options: context.stored_options.clone(),
    };
    let rules = SeriesRules {
        kind,
        returns,
        zeros_are_values: context.rates,
        has_time_of_day: context.has_time_of_day,
        today: context.today,
        source: &source,
    };
    let mut warnings = Vec::new();
    let mut skipped = Vec::new();
    let series = build_series(item, &rules, &mut warnings, &mut skipped, &mut decisions);
    BuiltSeries {
        series,
        warnings,
        skipped,
        decisions,
    }
}

/// The kind of a series from its column header and, for a one-series file, its file name.
fn guess_kind(layout: &Layout, file_stem: &str, header: &str) -> SeriesKind {
    match layout {
        Layout::Single { .. } => match SeriesKind::guess(file_stem) {
            SeriesKind::Price => SeriesKind::guess(header),
            other => other,
        },
        Layout::Wide { .. } | Layout::Long { .. } | Layout::Assets { .. } => {
            SeriesKind::guess(header)
        }
    }
}

fn preview_rows(
    text: &str,
    table: &table::RawTable<'_>,
    date_format: DateFormat,
    value_slots: &[(usize, DecimalSeparator)],
) -> Vec<PreviewRow> {
    let count = table.len().min(PREVIEW_ROWS);
    if count == 0 {
        return Vec::new();
    }
    let last_line = table.line(count - 1);
    let raw_lines: Vec<&str> = text.split('\n').take(last_line).collect();
    (0..count)
        .map(|row| {
            let line = table.line(row);
            let raw = raw_lines
                .get(line - 1)
                .map_or("", |l| l.trim_end_matches('\r'));
            let values = value_slots
                .iter()
                .enumerate()
                .map(|(slot, (_, decimal))| {
                    match parse_number(table.columns[slot + 1].get(row), *decimal) {
                        NumberCell::Value(v) if v.is_finite() => Some(v),
                        _ => None,
                    }
                })
                .collect();
            PreviewRow {
                line,
                raw: raw.chars().take(500).collect(),
                date: read_date(date_format, table.columns[0].get(row)).ok(),
                values,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_zero_bytes_are_skipped_with_a_warning_naming_them() {
        let bytes = b"Date,Close\n2024-01-02,1\n\0\0\0\0\n2024-01-03,2\n\0\0\0\0\0\0\0\0";
        let outcome = import(bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(outcome.series.len(), 1);
        assert_eq!(outcome.series[0].values(), &[1.0, 2.0]);
        assert_eq!(
            outcome.warnings,
            vec![ImportWarning::ZeroByteLines {
                rows: 2,
                lines: vec![3, 5]
            }]
        );
        assert_eq!(
            outcome.warnings[0].to_string(),
            "lines 3, 5: the lines are only zero bytes (left by a crash or an interrupted copy); skipped"
        );
        assert_eq!(outcome.skipped, Vec::new());
    }

    #[test]
    fn a_file_mostly_of_zero_bytes_is_still_refused() {
        let mut bytes = b"Date,Close\n2024-01-02,1\n".to_vec();
        bytes.extend(std::iter::repeat_n(0u8, 64));
        assert_eq!(
            import(&bytes, &ImportOptions::default()).err(),
            Some(ImportError::Binary {
                what: "binary data (mostly zero bytes)".to_string(),
                offset: 24
            })
        );
    }
}
