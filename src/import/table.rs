//! The full read of a file's data region with the `csv` crate: the cells of the few columns the
//! import needs are copied into compact per-column buffers, with each row's file line, so that
//! formats can then be decided from whole columns and no row is parsed twice.

use std::sync::atomic::Ordering;

use super::ImportControl;
use super::error::ImportError;
use super::options::Delimiter;

/// The text cells of one column, one per row, stored back to back.
#[derive(Default)]
pub struct CellColumn {
    text: String,
    ends: Vec<u32>,
}

impl CellColumn {
    fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// The cell of row `row`.
    pub fn get(&self, row: usize) -> &str {
        let start = if row == 0 {
            0
        } else {
            self.ends[row - 1] as usize
        };
        let end = self.ends.get(row).map_or(start, |e| *e as usize);
        self.text.get(start..end).unwrap_or("")
    }
}

/// The rows of the data region, reduced to the needed columns.
pub struct RawTable {
    /// 1-based file line of each row.
    pub lines: Vec<usize>,
    /// Number of fields of each row.
    pub widths: Vec<usize>,
    /// The needed columns, in the order asked for.
    pub columns: Vec<CellColumn>,
    /// The first row whose field runs over a line end, as (row, 1-based column).
    pub multiline: Option<(usize, usize)>,
    /// A quote that opens and never closes, as (row, 1-based column): it swallowed everything
    /// after it into one field of the last row.
    pub open_quote: Option<(usize, usize)>,
}

impl RawTable {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.lines.len()
    }
}

/// Reads every record from `data_offset` on, keeping the cells of `needed` columns.
pub fn read_table(
    text: &str,
    data_offset: usize,
    first_line: usize,
    delimiter: Delimiter,
    needed: &[usize],
    control: &ImportControl,
) -> Result<RawTable, ImportError> {
    let data = text.as_bytes().get(data_offset..).unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(data);
    let mut record = csv::ByteRecord::new();
    let mut table = RawTable {
        lines: Vec::new(),
        widths: Vec::new(),
        columns: needed.iter().map(|_| CellColumn::default()).collect(),
        multiline: None,
        open_quote: None,
    };
    let total = text.len() as u64;
    let mut last_start = 0;
    loop {
        // `read_byte_record` only fails on I/O errors, which a byte slice cannot have.
        let more = reader.read_byte_record(&mut record).unwrap_or(false);
        if !more {
            break;
        }
        let row = table.lines.len();
        let (start, start_line) = record
            .position()
            .map_or((0, 1), |p| (p.byte() as usize, p.line() as usize));
        // The reader positions a record where it started looking, before any blank lines it
        // then skipped; the record's own line is after them.
        let blank_lines = match data.get(start) {
            Some(b'\n' | b'\r') => data[start..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .filter(|&&b| b == b'\n')
                .count(),
            _ => 0,
        };
        let line = first_line + start_line - 1 + blank_lines;
        if row.is_multiple_of(8192) {
            if control.cancel.load(Ordering::Relaxed) {
                return Err(ImportError::Cancelled);
            }
            let done = (data_offset + start) as u64;
            control.bytes_read.store(done.min(total), Ordering::Relaxed);
        }
        if table.multiline.is_none() && record.as_slice().contains(&b'\n') {
            let column = record
                .iter()
                .position(|f| f.contains(&b'\n'))
                .map_or(1, |i| i + 1);
            table.multiline = Some((row, column));
        }
        last_start = start;
        table.lines.push(line);
        table.widths.push(record.len());
        for (slot, &column) in needed.iter().enumerate() {
            let cell = record.get(column).unwrap_or_default();
            let cell = std::str::from_utf8(cell).unwrap_or("");
            table.columns[slot].push(cell);
        }
    }
    control.bytes_read.store(total, Ordering::Relaxed);
    // A quote that never closes runs to the end of the data, so it can only be in the last row.
    if let Some(last_row) = table.len().checked_sub(1) {
        let rest = data.get(last_start..).unwrap_or_default();
        table.open_quote =
            unclosed_quote_column(rest, delimiter.byte()).map(|column| (last_row, column));
    }
    Ok(table)
}

/// The 1-based column of a quoted field that is still open at the end of `record` (one raw
/// record and whatever follows it), following the `csv` crate's quoting rules: a quote only
/// opens a field at its start, `""` inside quotes is a literal quote.
fn unclosed_quote_column(record: &[u8], delimiter: u8) -> Option<usize> {
    let mut column = 1;
    let mut at_field_start = true;
    let mut in_quotes = false;
    let mut i = 0;
    while let Some(&byte) = record.get(i) {
        if in_quotes {
            if byte == b'"' {
                if record.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if byte == delimiter {
            column += 1;
            at_field_start = true;
            i += 1;
            continue;
        } else if byte == b'\n' || byte == b'\r' {
            return None;
        } else if byte == b'"' && at_field_start {
            in_quotes = true;
        }
        at_field_start = false;
        i += 1;
    }
    in_quotes.then_some(column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quotes_that_never_close() {
        assert_eq!(unclosed_quote_column(b"2024-01-02,1\n", b','), None);
        assert_eq!(
            unclosed_quote_column(b"\"2024-01-02\",\"1\"\n\n", b','),
            None
        );
        assert_eq!(unclosed_quote_column(b"\"a \"\"b\"\" c\",1", b','), None);
        assert_eq!(unclosed_quote_column(b"2024-01-02,\"1", b','), Some(2));
        assert_eq!(
            unclosed_quote_column(b"\"2024-01-02,1\n2024-01-03,2\n", b','),
            Some(1)
        );
        assert_eq!(unclosed_quote_column(b"a;b;\"c;d\nx", b';'), Some(3));
        // A quote inside an unquoted field is a literal character.
        assert_eq!(unclosed_quote_column(b"2024-01-02,5\"\n", b','), None);
    }

    #[test]
    fn numbers_lines_after_blank_lines() {
        let control = ImportControl::default();
        let text = "2024-01-01,1\n\n\n2024-01-02,2\r\n\r\nTotal,3\n";
        let table = read_table(text, 0, 2, Delimiter::Comma, &[0], &control)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.lines, vec![2, 5, 7]);
    }

    #[test]
    fn reports_an_open_quote_in_the_last_row() {
        let control = ImportControl::default();
        let text = "2024-01-01,1\n\"2024-01-02,2\n2024-01-03,3\n";
        let table = read_table(text, 0, 2, Delimiter::Comma, &[0, 1], &control)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.len(), 2);
        assert_eq!(table.open_quote, Some((1, 1)));
        assert_eq!(table.multiline, Some((1, 1)));
        assert_eq!(table.lines, vec![2, 3]);

        let closed = "\"2024-01-01\",\"1\"\n\"2024-01-02\",\"2\"";
        let table = read_table(closed, 0, 2, Delimiter::Comma, &[0, 1], &control)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.open_quote, None);
        assert_eq!(table.multiline, None);
    }
}
