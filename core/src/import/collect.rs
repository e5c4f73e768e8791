//! Reading the data rows of a table of columns column by column, each column's chunks of rows
//! on every core: the same observations, in the same order, and the same skipped rows with the
//! same reasons as reading the rows one by one.

use std::ops::Range;

use super::assemble::{
    Collected, Observations, Point, RowsToCollect, all_missing_reason, read_date, value_cell,
    value_text,
};
use super::dates::time_of_day;
use super::numbers::NumberCell;
use super::outcome::{SkipReason, SkippedLine};
use super::parallel::Parallelism;
use crate::model::Date;

/// The dates of some rows.
struct DateChunk {
    /// Each row's date (`None` where the cell is no date).
    dates: Vec<Option<Date>>,
    /// Each row's time of day in seconds, for timed rows (empty otherwise).
    times: Vec<u32>,
    /// The rows whose date cell is no date, with why, in order.
    undated: Vec<(usize, SkipReason)>,
}

/// What one value column holds in some rows.
struct ColumnChunk {
    /// The finite values of the dated rows.
    observations: Observations,
    /// The rows whose cell is not a usable number, with why, in order.
    problems: Vec<(usize, SkipReason)>,
    /// Per row of the chunk: whether the cell holds anything but a missing marker.
    written: Vec<bool>,
}

/// Reads rows `0..=last_row` into `collected` (one entry per value slot), adding the rows
/// skipped in row order.
pub fn collect_by_column(
    rows: &RowsToCollect<'_, '_>,
    parallelism: &Parallelism,
    collected: &mut [Collected],
    skipped: &mut Vec<SkippedLine>,
) {
    let count = (rows.last_row + 1).min(rows.table.len());
    let chunks = rows.table.row_chunks(count);
    let dates = parallelism
        .map(chunks.len(), |chunk| {
            read_dates(rows, chunks[chunk].clone())
        })
        .into_iter()
        .reduce(|mut all, next| {
            all.dates.extend(next.dates);
            all.times.extend(next.times);
            all.undated.extend(next.undated);
            all
        });
    let Some(dates) = dates else {
        return;
    };
    let slots = collected.len();
    // Enough columns keep every core busy on whole columns, whose observations then need no
    // putting together; few columns are read in the chunks of rows the table was read in.
    let chunks = if slots >= 2 * parallelism.threads {
        std::iter::once(0..count).collect()
    } else {
        chunks
    };
    let parts = parallelism.map(slots * chunks.len(), |task| {
        let range = chunks[task % chunks.len()].clone();
        read_column(rows, task / chunks.len(), range, &dates)
    });
    // Few rows have a problem: they are listed, not given a place each.
    let mut problems: Vec<(usize, SkipReason)> = Vec::new();
    let mut written = vec![false; count];
    for (task, part) in parts.into_iter().enumerate() {
        let (slot, range) = (task / chunks.len(), &chunks[task % chunks.len()]);
        if let Some(series) = collected.get_mut(slot) {
            if series.observations.is_empty() {
                // The first part is the series' start: taken as it is, not copied.
                series.observations = part.observations;
            } else {
                series.observations.append(part.observations);
            }
        }
        problems.extend(part.problems);
        for (flag, &cell_written) in written[range.clone()].iter_mut().zip(&part.written) {
            *flag |= cell_written;
        }
    }
    // The first problem of a row is in its leftmost column: the columns come in order, and
    // the sort keeps that order within a row.
    problems.sort_by_key(|(row, _)| *row);
    problems.dedup_by_key(|(row, _)| *row);
    report_skipped(rows, dates.undated, problems, &written, skipped);
}

/// The dates (and times of day) of rows `range`.
fn read_dates(rows: &RowsToCollect<'_, '_>, range: Range<usize>) -> DateChunk {
    let cells = &rows.table.columns[0];
    let mut chunk = DateChunk {
        dates: Vec::with_capacity(range.len()),
        times: Vec::new(),
        undated: Vec::new(),
    };
    for row in range {
        let cell = cells.get(row);
        match read_date(rows.date_format, cell) {
            Ok(date) => chunk.dates.push(Some(date)),
            Err(reason) => {
                chunk.dates.push(None);
                chunk.undated.push((row, reason));
            }
        }
        if rows.timed {
            chunk.times.push(time_of_day(cell).unwrap_or(0));
        }
    }
    chunk
}

/// Value slot `slot` in rows `range`, given every row's date.
fn read_column(
    rows: &RowsToCollect<'_, '_>,
    slot: usize,
    range: Range<usize>,
    dates: &DateChunk,
) -> ColumnChunk {
    let mut chunk = ColumnChunk {
        observations: Observations::timed(range.len(), rows.timed),
        problems: Vec::new(),
        written: Vec::with_capacity(range.len()),
    };
    for row in range {
        let Some(Some(date)) = dates.dates.get(row) else {
            chunk.written.push(false);
            continue;
        };
        let problem = match value_cell(rows, slot, row) {
            NumberCell::Value(value) if value.is_finite() => {
                let time = dates.times.get(row).copied().unwrap_or(0);
                chunk
                    .observations
                    .push(Point::new(*date, value, rows.table.line(row)).at(time));
                None
            }
            NumberCell::Value(_) => Some(SkipReason::NotFinite(value_text(rows, slot, row))),
            NumberCell::Invalid => Some(SkipReason::BadNumber(value_text(rows, slot, row))),
            NumberCell::Missing => {
                chunk.written.push(false);
                continue;
            }
        };
        chunk.written.push(true);
        if let Some(reason) = problem {
            chunk.problems.push((row, reason));
        }
    }
    chunk
}

/// Adds the skipped rows in row order: an undated row, else a row's first problem, else a row
/// with no value at all.
fn report_skipped(
    rows: &RowsToCollect<'_, '_>,
    undated: Vec<(usize, SkipReason)>,
    problems: Vec<(usize, SkipReason)>,
    written: &[bool],
    skipped: &mut Vec<SkippedLine>,
) {
    let mut undated = undated.into_iter().peekable();
    let mut problems = problems.into_iter().peekable();
    for (row, &row_written) in written.iter().enumerate() {
        let line = rows.table.line(row);
        if let Some((_, reason)) = undated.next_if(|(r, _)| *r == row) {
            skipped.push(SkippedLine { line, reason });
        } else if let Some((_, reason)) = problems.next_if(|(r, _)| *r == row) {
            skipped.push(SkippedLine { line, reason });
        } else if !row_written {
            skipped.push(SkippedLine {
                line,
                reason: all_missing_reason(rows, row),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportControl;
    use crate::import::assemble::{DecimalTally, collect_row_by_row};
    use crate::import::table::{CellColumn, Needed, RawTable, read_table};
    use crate::model::{DateFormat, DecimalSeparator, Delimiter, Layout};
    use crate::testing::TestRng;

    /// A table of `columns` value columns whose cells are numbers, blanks, missing markers,
    /// words, infinities, or missing, under dates that are sometimes words or times of day.
    fn messy_text(rng: &mut TestRng, columns: usize, rows: usize) -> String {
        let cells = [
            "1.5",
            "",
            "x",
            "inf",
            "null",
            "-",
            "2",
            "1,5",
            "n/a",
            "NaN",
            "1.234",
            "-0.25",
            "007",
            " 3",
            "1e3",
            "1,234.5",
            "\"4\"",
            "12345678901234567",
            ".5",
            "5.",
            "-",
        ];
        let mut text = String::new();
        for row in 0..rows {
            match rng.below(12) {
                0 => text.push_str("Total"),
                1 => text.push_str("2024-01-05 09:30"),
                _ => text.push_str(&format!("2024-01-{:02}", 1 + row % 28)),
            }
            let fields = if rng.below(10) == 0 {
                rng.index_below(columns + 1)
            } else {
                columns
            };
            for _ in 0..fields {
                text.push(',');
                text.push_str(cells[rng.index_below(cells.len())]);
            }
            text.push('\n');
        }
        text
    }

    /// The table of `text` keeping the `needed` columns, those at `numeric` read as numbers.
    fn read<'a>(text: &'a str, needed: &[usize], numeric: Range<usize>) -> RawTable<'a> {
        read_table(
            text,
            0,
            2,
            Delimiter::Comma,
            &Needed {
                columns: needed,
                numeric,
            },
            needed.len(),
            &ImportControl::default(),
        )
        .unwrap()
    }

    #[test]
    fn column_by_column_reads_what_row_by_row_reads() {
        let mut rng = TestRng::new(99);
        let mut skipped_in_all = 0;
        for round in 0..200 {
            let columns = 1 + round % 5;
            let count = 1 + rng.index_below(40);
            let text = messy_text(&mut rng, columns, count);
            let needed: Vec<usize> = (0..=columns).collect();
            let table = read(&text, &needed, 1..needed.len());
            // The same cells without the plain reads made while splitting: every value is
            // then read from its text.
            let text_only = read(&text, &needed, 0..0);
            assert!(table.columns[1].has_plain_reads());
            assert!(!text_only.columns[1].has_plain_reads());
            let slots: Vec<(usize, DecimalSeparator)> = (1..=columns)
                .map(|c| (c, [DecimalSeparator::Point, DecimalSeparator::Comma][c % 2]))
                .collect();
            let headers: Vec<String> = (0..=columns).map(|c| format!("H{c}")).collect();
            let layout = Layout::Wide {
                columns: (1..=columns).collect(),
            };
            let timed = round % 3 == 0;
            let rows = RowsToCollect {
                table: &table,
                last_row: table.len() - 1 - rng.index_below(2).min(table.len() - 1),
                date_format: DateFormat::YearMonthDay,
                layout: &layout,
                value_slots: &slots,
                symbol_slot: None,
                headers: &headers,
                single_name: "",
                timed,
            };
            let fresh = || -> Vec<Collected> {
                (0..columns)
                    .map(|c| Collected {
                        name: headers[c + 1].clone(),
                        header: headers[c + 1].clone(),
                        observations: Observations::timed(0, timed),
                    })
                    .collect()
            };
            // Row by row from the text alone: the reference.
            let from_text = RowsToCollect {
                table: &text_only,
                ..rows
            };
            let (mut by_row, mut by_row_skipped) = (fresh(), Vec::new());
            collect_row_by_row(&from_text, &mut by_row, &mut by_row_skipped);
            let parallelism = Parallelism {
                threads: 2,
                min_bytes: 0,
                chunk_bytes: 1,
            };
            let (mut by_column, mut by_column_skipped) = (fresh(), Vec::new());
            collect_by_column(&rows, &parallelism, &mut by_column, &mut by_column_skipped);
            assert_eq!(by_column_skipped, by_row_skipped, "{text}");
            // The decimal separators decided from the plain reads are those decided from the
            // text, over any rows.
            for slot in 1..=columns {
                let from = rng.index_below(table.len());
                let to = from + rng.index_below(table.len() - from + 1);
                let decide = |cells: &CellColumn<'_>| {
                    let decision = DecimalTally::of(cells, from..to).decide(None);
                    (decision.decimal, decision.mixed, decision.ambiguous_row)
                };
                assert_eq!(
                    decide(&table.columns[slot]),
                    decide(&text_only.columns[slot]),
                    "{text}"
                );
            }
            skipped_in_all += by_row_skipped.len();
            for (a, b) in by_column.iter().zip(&by_row) {
                let (a, b) = (a.observations.listed(), b.observations.listed());
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}");
            }
        }
        assert!(
            skipped_in_all > 1000,
            "{skipped_in_all} rows skipped in all"
        );
    }
}
