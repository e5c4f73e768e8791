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
    };
    let total = text.len() as u64;
    loop {
        // `read_byte_record` only fails on I/O errors, which a byte slice cannot have.
        let more = reader.read_byte_record(&mut record).unwrap_or(false);
        if !more {
            break;
        }
        let row = table.lines.len();
        let line = first_line + record.position().map_or(1, |p| p.line() as usize) - 1;
        if row.is_multiple_of(8192) {
            if control.cancel.load(Ordering::Relaxed) {
                return Err(ImportError::Cancelled);
            }
            let done = data_offset as u64 + record.position().map_or(0, |p| p.byte());
            control.bytes_read.store(done.min(total), Ordering::Relaxed);
        }
        if table.multiline.is_none() && record.as_slice().contains(&b'\n') {
            let column = record
                .iter()
                .position(|f| f.contains(&b'\n'))
                .map_or(1, |i| i + 1);
            table.multiline = Some((row, column));
        }
        table.lines.push(line);
        table.widths.push(record.len());
        for (slot, &column) in needed.iter().enumerate() {
            let cell = record.get(column).unwrap_or_default();
            let cell = std::str::from_utf8(cell).unwrap_or("");
            table.columns[slot].push(cell);
        }
    }
    control.bytes_read.store(total, Ordering::Relaxed);
    Ok(table)
}
