//! Detection on the first lines of a file: the delimiter, where the header and the data start
//! (skipping preamble lines), which column holds dates and in which format, which columns hold
//! numbers or symbols, and what the other columns hint about the decimal separator.

use std::borrow::Cow;

use super::columns::{field_name, is_date_header, is_value_header};
use super::dates::{DateSeparator, is_time_of_day};
use super::error::ImportError;
use super::fields::split_fields;
use super::numbers::{
    NumberCell, SeparatorEvidence, is_missing_marker, parse_number, separator_evidence,
};
use crate::model::DateFormat;
use crate::model::{DecimalSeparator, Delimiter, HeaderRow, ImportOptions};

/// How many lines and bytes detection looks at.
const SAMPLE_LINES: usize = 400;
const SAMPLE_BYTES: usize = 256 * 1024;
/// How far above the first data row a header may sit (rows like Nasdaq.com's `16:00` between).
const HEADER_SEARCH: usize = 4;

/// What detection found on the sample.
#[derive(Debug)]
pub struct Sniffed {
    pub delimiter: Delimiter,
    pub header: HeaderRow,
    pub headers: Vec<String>,
    /// Byte offset where the data region (the line after the header) starts.
    pub data_offset: usize,
    pub preamble_lines: Vec<usize>,
    pub date_column: usize,
    pub date_format: DateFormat,
    /// The separator most of the sample's dates are written with, where the format has a
    /// choice (`19.07.2024` rather than `19/07/2024`).
    pub date_separator: Option<DateSeparator>,
    /// Columns whose sample cells are numbers (a few stray texts allowed).
    pub numeric_columns: Vec<usize>,
    /// Columns whose sample cells are text (symbols, names).
    pub text_columns: Vec<usize>,
    /// Columns whose sample cells are all missing-value markers: numeric columns whose values
    /// start after the sample, or that have none at all.
    pub blank_columns: Vec<usize>,
    /// What the sample's numbers say about the decimal separator of the file as a whole.
    pub file_decimal_hint: Option<DecimalSeparator>,
    /// Whether that hint comes from numbers that only read one way (`1,5`, `1,234.56`), rather
    /// than from the delimiter or the dates: only then does it settle a column of `1.000`s.
    pub file_decimal_from_numbers: bool,
    pub first_data_line: usize,
    /// The lines joined into the header of a two-level (ticker and field) table, such as the
    /// pandas MultiIndex `Symbol,AAA,AAA,…` / `,open,high,…` / `dt,,,…`; empty otherwise.
    pub joined_header_lines: Vec<usize>,
}

/// One line of the sample.
struct Line<'a> {
    number: usize,
    offset: usize,
    text: &'a str,
}

fn sample(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        if lines.len() >= SAMPLE_LINES || offset >= SAMPLE_BYTES {
            break;
        }
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        // A single huge line is only looked at in part.
        let content = if content.len() > SAMPLE_BYTES {
            let mut end = SAMPLE_BYTES;
            while !content.is_char_boundary(end) {
                end -= 1;
            }
            &content[..end]
        } else {
            content
        };
        lines.push(Line {
            number: index + 1,
            offset,
            text: content,
        });
        offset += raw.len();
    }
    lines
}

/// What a sample cell looks like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CellClass {
    /// Reads as a date in at least one format (bit set of `DateFormat::ALL` indexes).
    Date(u16),
    Number,
    Missing,
    TimeOfDay,
    Text,
}

/// No date or number is written with more characters than this.
const LONGEST_VALUE: usize = 64;

fn classify(cell: &str) -> CellClass {
    let cell = cell.trim();
    if is_missing_marker(cell) {
        return CellClass::Missing;
    }
    if cell.len() > LONGEST_VALUE {
        return CellClass::Text;
    }
    let mask = date_mask(cell);
    if mask != 0 {
        return CellClass::Date(mask);
    }
    if is_time_of_day(cell) {
        return CellClass::TimeOfDay;
    }
    let is_number = |d| matches!(parse_number(cell, d), NumberCell::Value(_));
    if is_number(DecimalSeparator::Point) || is_number(DecimalSeparator::Comma) {
        CellClass::Number
    } else {
        CellClass::Text
    }
}

fn date_mask(cell: &str) -> u16 {
    DateFormat::ALL
        .iter()
        .enumerate()
        .filter(|(_, f)| f.parse(cell).is_some())
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

fn strong_date_mask() -> u16 {
    DateFormat::ALL
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.could_be_a_number())
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

/// A row split with one delimiter, each cell classified.
struct Row<'a> {
    line: usize,
    offset: usize,
    cells: Vec<Cow<'a, str>>,
    classes: Vec<CellClass>,
}

impl Row<'_> {
    /// A date (in a strong format, or a weak one in the first column) beside a number or a gap.
    fn is_data_like(&self) -> bool {
        if self.cells.len() < 2 {
            return false;
        }
        let strong = strong_date_mask();
        let date_at = self.classes.iter().enumerate().position(|(i, c)| match c {
            CellClass::Date(mask) => mask & strong != 0 || i == 0,
            _ => false,
        });
        let Some(date_at) = date_at else {
            return false;
        };
        self.classes.iter().enumerate().any(|(i, c)| {
            i != date_at
                && matches!(
                    c,
                    CellClass::Number | CellClass::Missing | CellClass::Date(_)
                )
        }) && self
            .classes
            .iter()
            .enumerate()
            .any(|(i, c)| i != date_at && matches!(c, CellClass::Number | CellClass::Missing))
    }

    fn is_header_like(&self) -> bool {
        let non_empty: Vec<&CellClass> = self
            .classes
            .iter()
            .zip(&self.cells)
            .filter(|(_, cell)| !cell.trim().is_empty())
            .map(|(class, _)| class)
            .collect();
        self.cells.len() >= 2
            && !non_empty.is_empty()
            && !non_empty
                .iter()
                .any(|c| matches!(c, CellClass::Date(_) | CellClass::TimeOfDay))
            && non_empty.iter().filter(|c| ***c == CellClass::Text).count() * 2 >= non_empty.len()
    }
}

fn split_rows<'a>(lines: &'a [Line<'a>], delimiter: Delimiter) -> Vec<Row<'a>> {
    lines
        .iter()
        .map(|line| {
            let cells = split_fields(line.text, delimiter.byte());
            let classes = cells.iter().map(|c| classify(c)).collect();
            Row {
                line: line.number,
                offset: line.offset,
                cells,
                classes,
            }
        })
        .collect()
}

/// The first data-like row and how many data-like rows share its field count.
fn data_block(rows: &[Row<'_>]) -> Option<(usize, usize)> {
    let first = rows.iter().position(Row::is_data_like)?;
    let width = rows[first].cells.len();
    let count = rows[first..]
        .iter()
        .filter(|r| r.cells.len() == width && r.is_data_like())
        .count();
    Some((first, count))
}

/// Runs detection, honouring every setting the caller pinned: the delimiter and the data
/// block, the header above it, the date column and its format, then what each other column
/// holds.
pub fn sniff(text: &str, options: &ImportOptions) -> Result<Sniffed, ImportError> {
    let lines = sample(text);
    let (delimiter, rows, first) = choose_delimiter(&lines, options)?;
    let (header, header_index) = find_header(&rows, first, options)?;
    let data_index = header_index.map_or(first, |h| h + 1);
    if data_index >= rows.len() {
        return Err(ImportError::NoDataRows {
            line: header_index.map_or(1, |h| rows[h].line),
        });
    }
    let width = rows[first.max(data_index)].cells.len();
    let joined = header_index.and_then(|h| join_header_levels(&rows, h));
    let (headers, joined_header_lines) = match joined {
        Some(joined) => (joined.headers, joined.lines),
        None => (
            header_names(header_index.map(|h| &rows[h]), width),
            Vec::new(),
        ),
    };
    let preamble_lines = rows[..header_index.unwrap_or(data_index)]
        .iter()
        .filter(|r| !r.cells.iter().all(|c| c.trim().is_empty()))
        .map(|r| r.line)
        .filter(|line| !joined_header_lines.contains(line))
        .collect();
    let data_rows: Vec<&Row<'_>> = rows[data_index..]
        .iter()
        .filter(|r| r.cells.len() >= 2 && !r.cells.iter().all(|c| c.trim().is_empty()))
        .collect();
    let first_data_line = rows[data_index].line;
    let (date_column, date_format) =
        choose_date_settings(&data_rows, &headers, options, first_data_line)?;
    let date_separator = choose_date_separator(&data_rows, date_column, date_format);
    let classes = classify_columns(&data_rows, &headers, date_column);
    let file_decimal_hint =
        file_decimal_hint(&classes, delimiter, &data_rows, date_column, date_format);
    Ok(Sniffed {
        delimiter,
        header,
        headers,
        data_offset: rows[data_index].offset,
        preamble_lines,
        date_column,
        date_format,
        date_separator,
        numeric_columns: classes.numeric,
        text_columns: classes.text,
        blank_columns: classes.blank,
        file_decimal_hint,
        file_decimal_from_numbers: classes.comma != classes.point,
        first_data_line,
        joined_header_lines,
    })
}

/// A header made of two rows joined: each column named `ticker:field`.
struct JoinedHeader {
    headers: Vec<String>,
    lines: Vec<usize>,
}

/// A two-level header above the data: a row of tickers and a row of fields (`open`, `close`,
/// …, in either order), and below them, in pandas' MultiIndex layout, a row naming only the
/// index (`dt,,,`). `header` is the row found as the header.
fn join_header_levels(rows: &[Row<'_>], header: usize) -> Option<JoinedHeader> {
    let blank = |cell: &str| cell.trim().is_empty();
    let width = rows[header].cells.len();
    let index_only = rows[header].cells.iter().skip(1).all(|c| blank(c));
    let (upper, lower) = if index_only {
        (header.checked_sub(2)?, header - 1)
    } else {
        (header.checked_sub(1)?, header)
    };
    let (upper_row, lower_row) = (&rows[upper], &rows[lower]);
    if upper_row.cells.len() != width || lower_row.cells.len() != width {
        return None;
    }
    let fields_in = |row: &Row<'_>| {
        row.cells
            .iter()
            .skip(1)
            .filter(|c| field_name(c).is_some())
            .count()
    };
    let (tickers, fields) = if fields_in(lower_row) >= fields_in(upper_row) {
        (upper_row, lower_row)
    } else {
        (lower_row, upper_row)
    };
    let field_columns: Vec<usize> = (1..width)
        .filter(|&i| field_name(&fields.cells[i]).is_some())
        .collect();
    let named = (1..width).filter(|&i| !blank(&fields.cells[i])).count();
    let tickers_ok = field_columns.iter().all(|&i| {
        let ticker = &tickers.cells[i];
        !blank(ticker) && field_name(ticker).is_none()
    });
    let distinct: std::collections::HashSet<&str> = field_columns
        .iter()
        .map(|&i| tickers.cells[i].trim())
        .collect();
    if field_columns.len() < 2 || field_columns.len() * 2 < named || !tickers_ok {
        return None;
    }
    // Several fields per ticker, or several tickers: a two-level table, not a title row.
    if distinct.len() == field_columns.len() && distinct.len() < 2 {
        return None;
    }
    let first = [&rows[header], lower_row, upper_row]
        .iter()
        .map(|r| r.cells[0].trim())
        .find(|c| !c.is_empty())
        .map_or_else(|| "Column 1".to_string(), str::to_string);
    let headers = std::iter::once(first)
        .chain((1..width).map(|i| {
            let (ticker, field) = (tickers.cells[i].trim(), fields.cells[i].trim());
            match (ticker.is_empty(), field.is_empty()) {
                (false, false) => format!("{ticker}:{field}"),
                (false, true) => ticker.to_string(),
                (true, false) => field.to_string(),
                (true, true) => format!("Column {}", i + 1),
            }
        }))
        .collect();
    let lines = rows[upper..=header].iter().map(|r| r.line).collect();
    Some(JoinedHeader { headers, lines })
}

/// The delimiter that makes the most data-like rows (or the pinned one), the sample's rows
/// split with it, and the index of the first data row.
fn choose_delimiter<'a>(
    lines: &'a [Line<'a>],
    options: &ImportOptions,
) -> Result<(Delimiter, Vec<Row<'a>>, usize), ImportError> {
    let delimiters: Vec<Delimiter> = match options.delimiter {
        Some(d) => vec![d],
        None => Delimiter::ALL.to_vec(),
    };
    let mut best: Option<(Delimiter, Vec<Row<'_>>, usize, usize)> = None;
    for delimiter in delimiters {
        let rows = split_rows(lines, delimiter);
        let block = match options.header {
            // With the header pinned, the delimiter is still the one that makes data of the
            // rows below it.
            Some(header) => rows
                .iter()
                .position(|r| r.line == header.first_data_line())
                .map(|first| {
                    (
                        first,
                        rows[first..].iter().filter(|r| r.is_data_like()).count(),
                    )
                }),
            None => data_block(&rows),
        };
        if let Some((first, count)) = block
            && best
                .as_ref()
                .is_none_or(|(_, _, _, best_count)| count > *best_count)
        {
            best = Some((delimiter, rows, first, count));
        }
    }
    if let Some((delimiter, rows, first, _)) = best {
        return Ok((delimiter, rows, first));
    }
    if let Some(header) = options.header
        && !lines.iter().any(|l| l.number == header.first_data_line())
    {
        return Err(ImportError::InvalidOption {
            setting: "header row",
            reason: format!(
                "data cannot start on line {}: detection reads the first {} lines",
                header.first_data_line(),
                lines.len()
            ),
        });
    }
    Err(no_table_error(lines, options))
}

/// The header row (pinned, or a header-like row a few lines above the data) and its index.
fn find_header(
    rows: &[Row<'_>],
    first: usize,
    options: &ImportOptions,
) -> Result<(HeaderRow, Option<usize>), ImportError> {
    match options.header {
        Some(HeaderRow::Line(line)) => {
            let index =
                rows.iter()
                    .position(|r| r.line == line)
                    .ok_or(ImportError::InvalidOption {
                        setting: "header row",
                        reason: format!("line {line} is not among the first {} lines", rows.len()),
                    })?;
            Ok((HeaderRow::Line(line), Some(index)))
        }
        Some(absent @ HeaderRow::Absent { .. }) => Ok((absent, None)),
        None => {
            let width = rows[first].cells.len();
            let lowest = first.saturating_sub(HEADER_SEARCH);
            let found = (lowest..first)
                .rev()
                .find(|&i| rows[i].is_header_like() && rows[i].cells.len().abs_diff(width) <= 1);
            Ok(match found {
                Some(index) => (HeaderRow::Line(rows[index].line), Some(index)),
                None => (
                    HeaderRow::Absent {
                        first_data_line: rows[first].line,
                    },
                    None,
                ),
            })
        }
    }
}

/// The column names: the header row's cells (`Column N` where one is empty or missing), or
/// `Column N` throughout without a header.
fn header_names(header: Option<&Row<'_>>, width: usize) -> Vec<String> {
    match header {
        Some(row) => (0..width.max(row.cells.len()))
            .map(|i| {
                let name = row.cells.get(i).map_or("", |c| c.trim());
                if name.is_empty() {
                    format!("Column {}", i + 1)
                } else {
                    name.to_string()
                }
            })
            .collect(),
        None => (0..width).map(|i| format!("Column {}", i + 1)).collect(),
    }
}

/// The date column and its format, each pinned or detected.
fn choose_date_settings(
    data_rows: &[&Row<'_>],
    headers: &[String],
    options: &ImportOptions,
    first_data_line: usize,
) -> Result<(usize, DateFormat), ImportError> {
    let date_column = match options.date_column {
        Some(column) if column < headers.len() => column,
        Some(column) => {
            return Err(ImportError::InvalidOption {
                setting: "date column",
                reason: format!(
                    "column {} does not exist; the file has {} columns",
                    column + 1,
                    headers.len()
                ),
            });
        }
        None => choose_date_column(data_rows, headers).ok_or(ImportError::NoDateColumn {
            line: first_data_line,
        })?,
    };
    let date_format = match options.date_format {
        Some(format) => format,
        None => choose_date_format(data_rows, date_column).ok_or(ImportError::NoDateColumn {
            line: first_data_line,
        })?,
    };
    Ok((date_column, date_format))
}

/// What the sample's columns (other than the dates) hold, and how many of their numbers only
/// read with a decimal point or only with a decimal comma.
struct ColumnClasses {
    numeric: Vec<usize>,
    text: Vec<usize>,
    blank: Vec<usize>,
    point: usize,
    comma: usize,
}

fn classify_columns(
    data_rows: &[&Row<'_>],
    headers: &[String],
    date_column: usize,
) -> ColumnClasses {
    let mut classes = ColumnClasses {
        numeric: Vec::new(),
        text: Vec::new(),
        blank: Vec::new(),
        point: 0,
        comma: 0,
    };
    for column in (0..headers.len()).filter(|&c| c != date_column) {
        let (mut numbers, mut texts) = (0usize, 0usize);
        for row in data_rows {
            match row.classes.get(column) {
                Some(CellClass::Number) => {
                    numbers += 1;
                    match separator_evidence(&row.cells[column]) {
                        SeparatorEvidence::Point => classes.point += 1,
                        SeparatorEvidence::Comma => classes.comma += 1,
                        SeparatorEvidence::Ambiguous | SeparatorEvidence::None => {}
                    }
                }
                Some(CellClass::Text | CellClass::Date(_) | CellClass::TimeOfDay) => texts += 1,
                Some(CellClass::Missing) | None => {}
            }
        }
        // A few stray texts do not stop a column of numbers; under a header such as Close,
        // most cells being numbers is enough (a short file with one bad cell).
        let mostly_numbers =
            texts * 10 <= numbers + texts || (numbers > texts && is_value_header(&headers[column]));
        if numbers > 0 && mostly_numbers {
            classes.numeric.push(column);
        } else if texts > 0 && numbers * 10 <= numbers + texts {
            classes.text.push(column);
        } else if numbers == 0 && texts == 0 {
            classes.blank.push(column);
        }
    }
    classes
}

/// What the sample says about the decimal separator of the file as a whole: its numbers, else
/// a `;` delimiter or dotted day-first dates.
fn file_decimal_hint(
    classes: &ColumnClasses,
    delimiter: Delimiter,
    data_rows: &[&Row<'_>],
    date_column: usize,
    date_format: DateFormat,
) -> Option<DecimalSeparator> {
    // `20.03.2023` is written where the decimal separator is a comma, whichever order the
    // column later turns out to have (a short file may not settle it).
    let day_first_dates = date_format.has_numeric_day_and_month()
        && data_rows
            .iter()
            .filter_map(|r| r.cells.get(date_column))
            .any(|c| c.contains('.'));
    if classes.comma > classes.point {
        Some(DecimalSeparator::Comma)
    } else if classes.point > classes.comma {
        Some(DecimalSeparator::Point)
    } else if delimiter == Delimiter::Semicolon || day_first_dates {
        Some(DecimalSeparator::Comma)
    } else {
        None
    }
}

/// The most specific error for a file with no data-like row.
fn no_table_error(lines: &[Line<'_>], options: &ImportOptions) -> ImportError {
    let delimiter = options.delimiter.unwrap_or(Delimiter::Comma);
    for line in lines {
        for d in Delimiter::ALL {
            let d = if options.delimiter.is_some() {
                delimiter
            } else {
                d
            };
            let cells = split_fields(line.text, d.byte());
            if cells.len() >= 2 && cells.iter().any(|c| is_date_header(c)) {
                let rest_blank = lines
                    .iter()
                    .filter(|l| l.number > line.number)
                    .all(|l| l.text.trim().is_empty());
                if rest_blank {
                    return ImportError::NoDataRows { line: line.number };
                }
                // Dates may be there but with no number beside them.
                let dated_rows = lines
                    .iter()
                    .filter(|l| l.number > line.number)
                    .filter(|l| {
                        split_fields(l.text, d.byte())
                            .iter()
                            .any(|c| date_mask(c) & strong_date_mask() != 0)
                    })
                    .count();
                return if dated_rows > 0 {
                    ImportError::NoNumericColumn {
                        line: line.number + 1,
                    }
                } else {
                    ImportError::NoDateColumn {
                        line: line.number + 1,
                    }
                };
            }
        }
    }
    // Rows of numbers with no date anywhere: a table, but without its date column.
    let numbers_without_dates = lines.iter().find(|line| {
        Delimiter::ALL
            .iter()
            .filter(|d| options.delimiter.is_none_or(|pinned| pinned == **d))
            .any(|d| {
                let classes: Vec<CellClass> = split_fields(line.text, d.byte())
                    .iter()
                    .map(|c| classify(c))
                    .collect();
                classes.len() >= 2
                    && classes.contains(&CellClass::Number)
                    && !classes.iter().any(|c| matches!(c, CellClass::Date(_)))
            })
    });
    if let Some(line) = numbers_without_dates {
        return ImportError::NoDateColumn { line: line.number };
    }
    ImportError::NoTable { lines: lines.len() }
}

fn choose_date_column(rows: &[&Row<'_>], headers: &[String]) -> Option<usize> {
    let strong = strong_date_mask();
    let mut best: Option<(usize, usize)> = None;
    for (column, header) in headers.iter().enumerate() {
        let weak_allowed = column == 0 || is_date_header(header);
        let count = rows
            .iter()
            .filter(|r| match r.classes.get(column) {
                Some(CellClass::Date(mask)) => mask & strong != 0 || weak_allowed,
                _ => false,
            })
            .count();
        let better = match best {
            None => count > 0,
            Some((_, best_count)) => count > best_count,
        };
        if better {
            best = Some((column, count));
        }
    }
    let (column, count) = best?;
    (count * 2 >= rows.len().min(SAMPLE_LINES)).then_some(column)
}

/// The separator most dates of the sample are written with. Day-first and month-first dates
/// count alike: which of the two the column is gets decided later, from every row.
fn choose_date_separator(
    rows: &[&Row<'_>],
    column: usize,
    format: DateFormat,
) -> Option<DateSeparator> {
    let reads = |cell: &str| {
        format.parse(cell).is_some()
            || (format.has_numeric_day_and_month()
                && [DateFormat::DayMonthYear, DateFormat::MonthDayYear]
                    .iter()
                    .any(|f| f.parse(cell).is_some()))
    };
    let mut counts: Vec<(DateSeparator, usize)> = Vec::new();
    for cell in rows.iter().filter_map(|r| r.cells.get(column)) {
        if let Some(separator) = format.separator_in(cell).filter(|_| reads(cell)) {
            match counts.iter_mut().find(|(s, _)| *s == separator) {
                Some((_, count)) => *count += 1,
                None => counts.push((separator, 1)),
            }
        }
    }
    // The most frequent; on a tie, the first seen.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map(|(separator, _)| *separator)
}

fn choose_date_format(rows: &[&Row<'_>], column: usize) -> Option<DateFormat> {
    let masks: Vec<u16> = rows
        .iter()
        .filter_map(|r| match r.classes.get(column) {
            Some(CellClass::Date(mask)) => Some(*mask),
            _ => None,
        })
        .collect();
    let common = masks.iter().fold(u16::MAX, |acc, m| acc & m);
    let candidates = if common != 0 {
        common
    } else {
        // Mixed formats: the one most cells follow.
        let (index, _) = (0..DateFormat::ALL.len())
            .map(|i| (i, masks.iter().filter(|m| *m & (1 << i) != 0).count()))
            .max_by_key(|(i, count)| (*count, std::cmp::Reverse(*i)))?;
        1 << index
    };
    DateFormat::ALL
        .iter()
        .enumerate()
        .find(|(i, _)| candidates & (1 << i) != 0)
        .map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(text: &str) -> Result<Sniffed, ImportError> {
        sniff(text, &ImportOptions::default())
    }

    #[test]
    fn dotted_day_month_dates_hint_at_a_decimal_comma() {
        // Every day is 12 or less, so the order stays open; the dots still say "Europe".
        let found = sniffed("Data,Último\n10.03.2023,100.923\n09.03.2023,101.982\n").unwrap();
        assert_eq!(found.file_decimal_hint, Some(DecimalSeparator::Comma));
    }

    #[test]
    fn finds_the_separator_most_dates_are_written_with() {
        let separator = |text: &str| sniffed(text).unwrap().date_separator;
        assert_eq!(
            separator("Datum;Schluss\n20.03.2023;1\n21.03.2023;2\n"),
            Some(DateSeparator::Dot)
        );
        assert_eq!(
            separator("date,close\n2019/07/10,1\n2019/07/09,2\n"),
            Some(DateSeparator::Slash)
        );
        // Mostly dashes, one slash: the dash.
        assert_eq!(
            separator("Date,Close\n2024-01-02,1\n2024/01/03,2\n2024-01-04,3\n"),
            Some(DateSeparator::Dash)
        );
        // Ambiguous and day-first dates count alike.
        assert_eq!(
            separator("Date,Close\n01.02.2024,1\n13.02.2024,2\n"),
            Some(DateSeparator::Dot)
        );
        assert_eq!(separator("Date,Close\n20240102,1\n20240103,2\n"), None);
    }

    #[test]
    fn columns_of_missing_markers_are_kept_apart() {
        let found = sniffed("DATE,VALUE,NOTE\n2024-01-02,.,a\n2024-01-03,.,b\n").unwrap();
        assert!(found.numeric_columns.is_empty());
        assert_eq!(found.blank_columns, vec![1]);
        assert_eq!(found.text_columns, vec![2]);
    }

    #[test]
    fn numbers_without_dates_mean_no_date_column() {
        assert_eq!(
            sniffed("Name,Close\nabc,1\ndef,2\n").err(),
            Some(ImportError::NoDateColumn { line: 2 })
        );
        assert_eq!(
            sniffed("some words\nmore words\n").err(),
            Some(ImportError::NoTable { lines: 2 })
        );
    }

    #[test]
    fn a_pinned_header_beyond_the_file_is_an_invalid_option() {
        let options = ImportOptions {
            header: Some(HeaderRow::Line(40)),
            ..ImportOptions::default()
        };
        assert!(matches!(
            sniff("Date,Close\n2024-01-02,1\n", &options),
            Err(ImportError::InvalidOption {
                setting: "header row",
                ..
            })
        ));
    }
}
