//! The full read of a file's data region: the cells of the few columns the import needs are
//! kept per column — as positions in the text where a cell is a plain slice of it, copied where
//! quotes had to be removed — with each row's file line, so that formats can then be decided
//! from whole columns and no row is parsed twice.

use std::sync::atomic::Ordering;

use super::ImportControl;
use super::error::ImportError;
use super::numbers::{SeparatorEvidence, plain_decimal_with_evidence};
use crate::model::Delimiter;

/// The top bit of a span's length: the cell is in the column's own text, not in the source.
const COPIED: u32 = 1 << 31;

/// Where a plain decimal's evidence sits in its span's length (its length, at most 17
/// bytes, in the bits below).
const EVIDENCE_SHIFT: u32 = 24;

/// The bits of a plain decimal's span length that hold its length.
const PLAIN_LENGTH: u32 = (1 << EVIDENCE_SHIFT) - 1;

/// One cell: where its text is and, in a column read as numbers, the cell read as a plain
/// decimal while its row was split and its bytes were at hand. Kept together so that filling
/// a wide table writes one stream of entries per column (hundreds of streams still fit the
/// processor's nearest cache, where three per column did not).
#[derive(Clone, Copy)]
struct Entry {
    /// The cell as a plain decimal (`-1234.5678`, see [`plain_decimal_with_evidence`]); NaN
    /// where it is not one, or the column is not read as numbers.
    value: f64,
    /// Where the cell starts.
    start: u32,
    /// Its length, with [`COPIED`] set for copied cells; for a plain decimal, what it says
    /// about the decimal separator from [`EVIDENCE_SHIFT`] on (see [`evidence_code`]).
    length: u32,
}

impl Entry {
    /// The cell's length in bytes.
    fn len(self) -> usize {
        let length = self.length & !COPIED;
        (if self.value.is_nan() {
            length
        } else {
            length & PLAIN_LENGTH
        }) as usize
    }

    /// What a plain decimal says about the decimal separator; `None` for any other cell.
    fn evidence(self) -> Option<SeparatorEvidence> {
        if self.value.is_nan() {
            return None;
        }
        match (self.length & !COPIED) >> EVIDENCE_SHIFT {
            1 => Some(SeparatorEvidence::None),
            2 => Some(SeparatorEvidence::Point),
            _ => Some(SeparatorEvidence::Ambiguous),
        }
    }
}

/// The code of a plain decimal's evidence in its [`Entry::length`].
fn evidence_code(evidence: SeparatorEvidence) -> u32 {
    match evidence {
        SeparatorEvidence::None => 1,
        SeparatorEvidence::Point => 2,
        // A plain decimal never says comma.
        SeparatorEvidence::Ambiguous | SeparatorEvidence::Comma => 3,
    }
}

/// The text cells of one column, one per row; a value column's cells also read as plain
/// decimals as the table was split, so that deciding the decimal separator and collecting the
/// values walk the column's entries instead of each cell's text, a row's width apart in the
/// file.
pub struct CellColumn<'a> {
    /// The decoded file.
    source: &'a str,
    /// Cells that are not a slice of the source (quotes removed), back to back.
    copied: String,
    /// Per row, the cell.
    entries: Vec<Entry>,
    /// Whether the cells were read as plain decimals while split.
    numeric: bool,
}

impl CellColumn<'_> {
    /// Whether the cells were read as plain decimals while split.
    #[cfg(test)]
    pub fn has_plain_reads(&self) -> bool {
        self.numeric
    }

    /// The value of row `row` read as a plain decimal, if the cells were read while split
    /// and this one is a plain decimal: exactly [`plain_decimal_with_evidence`] of
    /// [`Self::get`].
    pub fn plain_value(&self, row: usize) -> Option<f64> {
        self.entries
            .get(row)
            .map(|entry| entry.value)
            .filter(|v| !v.is_nan())
    }

    /// What the cells of rows `rows` read while split say about the decimal separator, each
    /// as [`plain_decimal_with_evidence`] says (`None` for a cell that is not a plain
    /// decimal), in row order; `None` when the cells were not read while split.
    pub fn plain_evidence(
        &self,
        rows: std::ops::Range<usize>,
    ) -> Option<impl Iterator<Item = (usize, Option<SeparatorEvidence>)> + '_> {
        let start = rows.start;
        let entries = self.entries.get(rows).filter(|_| self.numeric)?;
        Some(
            entries
                .iter()
                .enumerate()
                .map(move |(i, entry)| (start + i, entry.evidence())),
        )
    }

    /// The cell of row `row` (empty past the last row).
    pub fn get(&self, row: usize) -> &str {
        let Some(&entry) = self.entries.get(row) else {
            return "";
        };
        let length = entry.len();
        // An empty cell needs no look at the text (which is far away when a column is walked
        // down).
        if length == 0 {
            return "";
        }
        let start = entry.start as usize;
        let text = if entry.length & COPIED == 0 {
            self.source
        } else {
            &self.copied
        };
        text.get(start..start + length).unwrap_or("")
    }
}

/// Where a cell's text is.
#[derive(Clone, Copy)]
enum Cell<'f> {
    /// Bytes `from..to` of the source text.
    Slice(usize, usize),
    /// Text with its quotes removed.
    Unquoted(&'f [u8]),
}

/// A [`CellColumn`] being filled: copied cells gather as raw bytes, checked as text once at
/// the end rather than cell by cell.
struct CellBuffer {
    copied: Vec<u8>,
    entries: Vec<Entry>,
    /// Whether the cells are read as numbers on the way.
    numeric: bool,
}

impl CellBuffer {
    fn push(&mut self, cell: Cell<'_>, source: &[u8]) {
        let bytes = match cell {
            Cell::Slice(from, to) => source.get(from..to).unwrap_or_default(),
            Cell::Unquoted(bytes) => bytes,
        };
        let (value, evidence) = match self.numeric.then(|| plain_decimal_with_evidence(bytes)) {
            Some(Some((value, evidence))) => (value, evidence_code(evidence) << EVIDENCE_SHIFT),
            _ => (f64::NAN, 0),
        };
        // Positions are kept in 32 bits; a cell beyond 4 GiB of text is copied instead.
        if let Cell::Slice(from, to) = cell
            && let (Ok(start), Ok(end)) = (u32::try_from(from), u32::try_from(to))
            && start <= end
            && end - start < COPIED
        {
            self.entries.push(Entry {
                value,
                start,
                length: (end - start) | evidence,
            });
            return;
        }
        let start = u32::try_from(self.copied.len()).unwrap_or(u32::MAX);
        let length = u32::try_from(bytes.len()).map_or(0, |l| l.min(COPIED - 1));
        self.copied.extend_from_slice(bytes);
        self.entries.push(Entry {
            value,
            start,
            length: length | evidence | COPIED,
        });
    }

    fn finish(self, source: &str) -> CellColumn<'_> {
        match String::from_utf8(self.copied) {
            Ok(copied) => CellColumn {
                source,
                copied,
                entries: self.entries,
                numeric: self.numeric,
            },
            // Cells cut from text at ASCII delimiters and quotes are text; should one not be,
            // it is read cell by cell with replacement characters.
            Err(error) => {
                let bytes = error.into_bytes();
                let mut copied = String::new();
                let mut entries = Vec::with_capacity(self.entries.len());
                for entry in self.entries {
                    if entry.length & COPIED == 0 {
                        entries.push(entry);
                        continue;
                    }
                    let from = entry.start as usize;
                    let cell = bytes.get(from..from + entry.len()).unwrap_or_default();
                    let start = u32::try_from(copied.len()).unwrap_or(u32::MAX);
                    copied.push_str(&String::from_utf8_lossy(cell));
                    let end = u32::try_from(copied.len()).unwrap_or(u32::MAX);
                    // A plain decimal is ASCII, which no replacement changes: its reading and
                    // evidence stand; a cell with bytes that are not text is no plain decimal.
                    let evidence = if entry.value.is_nan() {
                        0
                    } else {
                        entry.length & !COPIED & !PLAIN_LENGTH
                    };
                    entries.push(Entry {
                        value: entry.value,
                        start,
                        length: (end - start).min(COPIED - 1) | evidence | COPIED,
                    });
                }
                CellColumn {
                    source,
                    copied,
                    entries,
                    numeric: self.numeric,
                }
            }
        }
    }
}

/// The rows of the data region, reduced to the needed columns.
pub struct RawTable<'a> {
    /// 1-based file line of each row (see [`RawTable::line`]).
    lines: Vec<u32>,
    /// Number of fields of each row, up to `u16::MAX` (see [`RawTable::width`]).
    widths: Vec<u16>,
    /// The needed columns, in the order asked for.
    pub columns: Vec<CellColumn<'a>>,
    /// The first row whose field runs over a line end, as (row, 1-based column).
    pub multiline: Option<(usize, usize)>,
    /// A quote that opens and never closes, as (row, 1-based column): it swallowed everything
    /// after it into one field of the last row.
    pub open_quote: Option<(usize, usize)>,
    /// The rows with a non-empty field beyond the header's columns, in order. An empty one (a
    /// trailing delimiter) is not counted: it holds nothing that could be lost.
    pub extra_field_rows: Vec<u32>,
    /// The first row of each chunk the data was read in (0 first): the later steps share out
    /// the same rows over the cores.
    chunk_rows: Vec<usize>,
}

impl RawTable<'_> {
    /// The rows `0..rows` cut where the chunks of the read start, none of them empty.
    pub fn row_chunks(&self, rows: usize) -> Vec<std::ops::Range<usize>> {
        let mut starts: Vec<usize> = self
            .chunk_rows
            .iter()
            .copied()
            .filter(|&start| start < rows)
            .collect();
        starts.dedup();
        let ends = starts.iter().skip(1).copied().chain([rows]);
        starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| start..end)
            .filter(|range| !range.is_empty())
            .collect()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// The 1-based file line of row `row`.
    pub fn line(&self, row: usize) -> usize {
        self.lines.get(row).map_or(0, |&line| line as usize)
    }

    /// The number of fields of row `row`.
    pub fn width(&self, row: usize) -> usize {
        self.widths.get(row).map_or(0, |&width| usize::from(width))
    }
}

/// The columns a read keeps, in the order wanted, and which of them hold numbers.
pub struct Needed<'n> {
    /// The columns whose cells are kept (0-based), in the order of [`RawTable::columns`].
    pub columns: &'n [usize],
    /// The positions in `columns` of the value columns: their cells are also read as plain
    /// decimals on the way (see [`CellColumn`]).
    pub numeric: std::ops::Range<usize>,
}

/// Reads every record from `data_offset` on, keeping the cells of the `needed` columns and
/// noting the rows with something written beyond the header's `header_width` fields.
///
/// Lines without a quote character are split directly, the way the `csv` crate splits them;
/// from the first line with a quote on, the `csv` crate reads the rest (quoted fields may
/// hold delimiters and run over line ends). A large data region is cut into line-aligned
/// chunks read on every core (see [`Parallelism`](super::Parallelism)) and put back together
/// as one thread would have read it.
pub fn read_table<'a>(
    text: &'a str,
    data_offset: usize,
    first_line: usize,
    delimiter: Delimiter,
    needed: &Needed<'_>,
    header_width: usize,
    control: &ImportControl,
) -> Result<RawTable<'a>, ImportError> {
    let data = text.as_bytes().get(data_offset..).unwrap_or_default();
    let starts = control.parallelism.chunk_starts(data);
    if starts.len() <= 1 {
        let mut builder =
            TableBuilder::new(text, data_offset, text.len(), needed, header_width, control);
        read_chunk(&mut builder, first_line, delimiter.byte())?;
        return Ok(builder.finish(delimiter.byte()));
    }
    let chunks = control.parallelism.map(starts.len(), |chunk| {
        let from = starts[chunk];
        let to = starts.get(chunk + 1).copied().unwrap_or(data.len());
        let mut builder = TableBuilder::new(
            text,
            data_offset + from,
            data_offset + to,
            needed,
            header_width,
            control,
        );
        let line_ends = memchr::memchr_iter(b'\n', builder.data).count();
        read_chunk(&mut builder, 0, delimiter.byte()).map(|()| (builder, line_ends))
    });
    let mut table = TableBuilder::new(text, data_offset, text.len(), needed, header_width, control);
    let mut line = first_line;
    let last = starts.len() - 1;
    for (chunk, read) in chunks.into_iter().enumerate() {
        let (read, line_ends) = read?;
        let from = starts[chunk];
        let open_at_end = chunk < last && read.last_row_is_open(delimiter.byte());
        table.append(read, from, line);
        if open_at_end {
            // A quoted field runs over the chunk's end: from that row on, one thread reads
            // the rest, as it would have from the start.
            let (start, start_line) = table.pop_last_row();
            read_with_csv(data, start, start_line, delimiter.byte(), &mut table)?;
            break;
        }
        line += line_ends;
    }
    Ok(table.finish(delimiter.byte()))
}

/// Reads a whole chunk: plain lines, then from the first quote on with the `csv` crate.
fn read_chunk(
    builder: &mut TableBuilder<'_, '_>,
    first_line: usize,
    delimiter: u8,
) -> Result<(), ImportError> {
    let data = builder.data;
    if let Some((offset, line)) = read_plain_lines(data, first_line, delimiter, builder)? {
        read_with_csv(data, offset, line, delimiter, builder)?;
    }
    Ok(())
}

/// The table as it is filled, row by row; `'a` is the text's lifetime.
struct TableBuilder<'a, 'b> {
    text: &'a str,
    /// The data region: the text from `data_offset` on.
    data: &'a [u8],
    data_offset: usize,
    lines: Vec<u32>,
    widths: Vec<u16>,
    multiline: Option<(usize, usize)>,
    buffers: Vec<CellBuffer>,
    needed: &'b [usize],
    control: &'b ImportControl,
    /// Byte offset (in the data region) of the last row's start.
    last_start: usize,
    /// The header's number of fields.
    header_width: usize,
    extra_field_rows: Vec<u32>,
    /// The first row of each chunk appended.
    chunk_rows: Vec<usize>,
}

impl<'a, 'b> TableBuilder<'a, 'b> {
    /// A builder for the rows of bytes `data_offset..data_end` of the text.
    fn new(
        text: &'a str,
        data_offset: usize,
        data_end: usize,
        needed: &'b Needed<'b>,
        header_width: usize,
        control: &'b ImportControl,
    ) -> TableBuilder<'a, 'b> {
        let data = text
            .as_bytes()
            .get(data_offset..data_end)
            .unwrap_or_default();
        // Room for the rows the first 64 KiB suggest, so large files are not copied as they
        // grow.
        let sample = &data[..data.len().min(64 * 1024)];
        let sample_lines = memchr::memchr_iter(b'\n', sample).count().max(1);
        let estimated_rows =
            (data.len() / (sample.len() / sample_lines).max(1) + 16).min(data.len());
        TableBuilder {
            text,
            data,
            data_offset,
            lines: Vec::with_capacity(estimated_rows),
            widths: Vec::with_capacity(estimated_rows),
            multiline: None,
            buffers: (0..needed.columns.len())
                .map(|slot| CellBuffer {
                    copied: Vec::new(),
                    entries: Vec::with_capacity(estimated_rows),
                    numeric: needed.numeric.contains(&slot),
                })
                .collect(),
            needed: needed.columns,
            control,
            last_start: 0,
            header_width,
            extra_field_rows: Vec::new(),
            chunk_rows: vec![0],
        }
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    /// Reports progress and honours cancellation every few thousand rows.
    fn check_in(&self, start: usize) -> Result<(), ImportError> {
        if self.len().is_multiple_of(8192) {
            if self.control.cancel.load(Ordering::Relaxed) {
                return Err(ImportError::Cancelled);
            }
            let done = (self.data_offset + start).min(self.text.len()) as u64;
            // Chunks read at once report where the furthest one is.
            self.control.bytes_read.fetch_max(done, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Adds a row starting at byte `start` of the data on file line `line`, with `width`
    /// fields, of which `field(i)` is the `i`-th.
    fn push<'f>(
        &mut self,
        start: usize,
        line: usize,
        width: usize,
        field: impl Fn(usize) -> Option<Cell<'f>>,
    ) {
        self.last_start = start;
        let source = self.text.as_bytes();
        // Rare, and only then are the fields past the header looked at.
        if width > self.header_width {
            let written = |cell: Option<Cell<'_>>| {
                let bytes = match cell {
                    Some(Cell::Slice(from, to)) => source.get(from..to).unwrap_or_default(),
                    Some(Cell::Unquoted(bytes)) => bytes,
                    None => &[],
                };
                bytes.iter().any(|b| !b.is_ascii_whitespace())
            };
            if (self.header_width..width).any(|i| written(field(i))) {
                self.extra_field_rows
                    .push(u32::try_from(self.len()).unwrap_or(u32::MAX));
            }
        }
        // Compact: a file of four billion lines or a row of 65 535 fields is not a price file.
        self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        self.widths.push(u16::try_from(width).unwrap_or(u16::MAX));
        for (buffer, &column) in self.buffers.iter_mut().zip(self.needed) {
            buffer.push(field(column).unwrap_or(Cell::Unquoted(&[])), source);
        }
    }

    /// Whether the last row's quoted field is still open at the end of the data.
    fn last_row_is_open(&self, delimiter: u8) -> bool {
        self.len() > 0
            && unclosed_quote_column(
                self.data.get(self.last_start..).unwrap_or_default(),
                delimiter,
            )
            .is_some()
    }

    /// Adds the rows of `chunk`, which starts at byte `from` of this builder's data, on file
    /// line `first_line` (the chunk numbered its lines from 0).
    fn append(&mut self, chunk: TableBuilder<'_, '_>, from: usize, first_line: usize) {
        let rows = u32::try_from(self.len()).unwrap_or(u32::MAX);
        if self.len() > 0 {
            self.chunk_rows.push(self.len());
        }
        let base = u32::try_from(first_line).unwrap_or(u32::MAX);
        if self.multiline.is_none() {
            self.multiline = chunk
                .multiline
                .map(|(row, column)| (row + self.len(), column));
        }
        if chunk.len() > 0 {
            self.last_start = from + chunk.last_start;
        }
        self.lines
            .extend(chunk.lines.iter().map(|&line| line.saturating_add(base)));
        self.widths.extend_from_slice(&chunk.widths);
        self.extra_field_rows.extend(
            chunk
                .extra_field_rows
                .iter()
                .map(|&row| row.saturating_add(rows)),
        );
        for (buffer, part) in self.buffers.iter_mut().zip(chunk.buffers) {
            let copied = u32::try_from(buffer.copied.len()).unwrap_or(u32::MAX);
            buffer.entries.extend(part.entries.iter().map(|&entry| {
                if entry.length & COPIED == 0 {
                    entry
                } else {
                    Entry {
                        start: entry.start.saturating_add(copied),
                        ..entry
                    }
                }
            }));
            buffer.copied.extend_from_slice(&part.copied);
        }
    }

    /// Takes the last row off again; returns where it started (in the data) and its line.
    fn pop_last_row(&mut self) -> (usize, usize) {
        let start = self.last_start;
        let line = self.lines.pop().map_or(0, |line| line as usize);
        self.widths.pop();
        let row = self.len();
        if self
            .extra_field_rows
            .last()
            .is_some_and(|&r| r as usize == row)
        {
            self.extra_field_rows.pop();
        }
        if self.multiline.is_some_and(|(r, _)| r == row) {
            self.multiline = None;
        }
        for buffer in &mut self.buffers {
            if let Some(entry) = buffer.entries.pop()
                && entry.length & COPIED != 0
            {
                buffer.copied.truncate(entry.start as usize);
            }
        }
        (start, line)
    }

    fn finish(self, delimiter: u8) -> RawTable<'a> {
        let text = self.text;
        let mut table = RawTable {
            lines: self.lines,
            widths: self.widths,
            columns: self
                .buffers
                .into_iter()
                .map(|buffer| buffer.finish(text))
                .collect(),
            multiline: self.multiline,
            open_quote: None,
            extra_field_rows: self.extra_field_rows,
            chunk_rows: self.chunk_rows,
        };
        self.control
            .bytes_read
            .store(text.len() as u64, Ordering::Relaxed);
        // A quote that never closes runs to the end of the data, so it can only be in the last
        // row.
        if let Some(last_row) = table.len().checked_sub(1) {
            let rest = self.data.get(self.last_start..).unwrap_or_default();
            table.open_quote =
                unclosed_quote_column(rest, delimiter).map(|column| (last_row, column));
        }
        table
    }
}

/// Splits lines without quotes, as the `csv` crate would: fields end at the delimiter, a row
/// at `\n` or `\r\n` (lone `\r` were turned into `\n` on decoding), empty lines are no rows.
/// Returns where (byte offset and line) the first line holding a quote starts, if one does.
fn read_plain_lines(
    data: &[u8],
    first_line: usize,
    delimiter: u8,
    builder: &mut TableBuilder<'_, '_>,
) -> Result<Option<(usize, usize)>, ImportError> {
    let mut delimiters: Vec<usize> = Vec::new();
    let mut start = 0;
    let mut line = first_line;
    let mut marks = Marks::new(data, delimiter);
    loop {
        let end = loop {
            match marks.next() {
                Some((at, Mark::Delimiter)) => delimiters.push(at),
                Some((_, Mark::Quote)) => return Ok(Some((start, line))),
                Some((at, Mark::LineEnd)) => break at,
                None => break data.len(),
            }
        };
        let content_end = if end > start && data[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        if content_end > start {
            builder.check_in(start)?;
            let delimiters = &delimiters;
            let offset = builder.data_offset;
            let field = |i: usize| {
                let from = if i == 0 {
                    start
                } else {
                    *delimiters.get(i - 1)? + 1
                };
                let to = delimiters.get(i).copied().unwrap_or(content_end);
                Some(Cell::Slice(offset + from, offset + to))
            };
            builder.push(start, line, delimiters.len() + 1, field);
        }
        if end >= data.len() {
            return Ok(None);
        }
        delimiters.clear();
        start = end + 1;
        line += 1;
    }
}

/// What a [`Marks`] position holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    LineEnd,
    Delimiter,
    Quote,
}

/// The positions of every line end, delimiter and quote in `data`, in order, found eight bytes
/// at a time: the rows of a price file have a delimiter every few bytes, too often for a
/// search that starts over at each one.
struct Marks<'a> {
    data: &'a [u8],
    delimiter: u64,
    /// Offset of the current eight-byte word.
    base: usize,
    /// The marks of the current word not yet returned, as the high bit of their byte.
    pending: u64,
    /// Which of them are delimiters, and which quotes.
    delimiters: u64,
    quotes: u64,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

impl<'a> Marks<'a> {
    fn new(data: &'a [u8], delimiter: u8) -> Marks<'a> {
        let mut marks = Marks {
            data,
            delimiter: ONES * u64::from(delimiter),
            base: 0,
            pending: 0,
            delimiters: 0,
            quotes: 0,
        };
        marks.load(0);
        marks
    }

    /// Finds the marks of the word at `base`, padded with zeros (which are no mark) past the
    /// end of the data.
    fn load(&mut self, base: usize) {
        let word = match self
            .data
            .get(base..base + 8)
            .and_then(|chunk| <[u8; 8]>::try_from(chunk).ok())
        {
            // A fixed-size read: one load, where a copy of variable length would be a call.
            Some(bytes) => u64::from_le_bytes(bytes),
            None => {
                let mut bytes = [0u8; 8];
                let available = self.data.get(base..).unwrap_or_default();
                let take = available.len().min(8);
                bytes[..take].copy_from_slice(&available[..take]);
                u64::from_le_bytes(bytes)
            }
        };
        // Exact: the high bit of a byte of `!(((x & 0x7F..) + 0x7F..) | x)` is set if and only
        // if that byte of x is zero, with no carry between bytes.
        let zero_bytes = |x: u64| !(((x & !HIGH_BITS) + !HIGH_BITS) | x) & HIGH_BITS;
        self.delimiters = zero_bytes(word ^ self.delimiter);
        self.quotes = zero_bytes(word ^ (ONES * u64::from(b'"')));
        self.pending = zero_bytes(word ^ (ONES * u64::from(b'\n'))) | self.delimiters | self.quotes;
    }
}

impl Iterator for Marks<'_> {
    type Item = (usize, Mark);

    fn next(&mut self) -> Option<(usize, Mark)> {
        while self.pending == 0 {
            self.base += 8;
            if self.base >= self.data.len() {
                return None;
            }
            self.load(self.base);
        }
        let at = self.base + (self.pending.trailing_zeros() / 8) as usize;
        let bit = self.pending & self.pending.wrapping_neg();
        self.pending ^= bit;
        let mark = if self.delimiters & bit != 0 {
            Mark::Delimiter
        } else if self.quotes & bit != 0 {
            Mark::Quote
        } else {
            Mark::LineEnd
        };
        Some((at, mark))
    }
}

/// Reads the data from byte `offset` (on file line `first_line`) to the end with the `csv`
/// crate.
fn read_with_csv(
    data: &[u8],
    offset: usize,
    first_line: usize,
    delimiter: u8,
    builder: &mut TableBuilder<'_, '_>,
) -> Result<(), ImportError> {
    let rest = data.get(offset..).unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(rest);
    let mut record = csv::ByteRecord::new();
    // `read_byte_record` only fails on I/O errors, which a byte slice cannot have.
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        let (start, start_line) = record
            .position()
            .map_or((0, 1), |p| (p.byte() as usize, p.line() as usize));
        // The reader positions a record where it started looking, before any blank lines it
        // then skipped; the record's own line is after them.
        let (blank_lines, start) = match rest.get(start) {
            Some(b'\n' | b'\r') => {
                let blank = rest[start..]
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r');
                let bytes = blank.clone().count();
                (blank.filter(|&&b| b == b'\n').count(), start + bytes)
            }
            _ => (0, start),
        };
        let line = first_line + start_line - 1 + blank_lines;
        builder.check_in(offset + start)?;
        if builder.multiline.is_none() && record.as_slice().contains(&b'\n') {
            let column = record
                .iter()
                .position(|f| f.contains(&b'\n'))
                .map_or(1, |i| i + 1);
            builder.multiline = Some((builder.len(), column));
        }
        builder.push(offset + start, line, record.len(), |i| {
            record.get(i).map(Cell::Unquoted)
        });
    }
    Ok(())
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

    /// The table the `csv` crate alone reads from `text`.
    fn via_csv<'a>(
        text: &'a str,
        needed: &Needed<'_>,
        delimiter: u8,
        control: &ImportControl,
    ) -> RawTable<'a> {
        let mut builder = TableBuilder::new(text, 0, text.len(), needed, 3, control);
        read_with_csv(text.as_bytes(), 0, 2, delimiter, &mut builder).unwrap();
        builder.finish(delimiter)
    }

    /// Every cell's text, column by column; each value column's plain reads are checked
    /// against its text on the way.
    /// Reads `text` as comma-separated rows of a date and a value, numbered from line 2 (after
    /// a header two fields wide), with `control`.
    fn read_dated_values<'a>(
        text: &'a str,
        control: &ImportControl,
    ) -> Result<RawTable<'a>, ImportError> {
        let needed = Needed {
            columns: &[0, 1],
            numeric: 1..2,
        };
        read_table(text, 0, 2, Delimiter::Comma, &needed, 2, control)
    }

    fn cells<'a>(table: &'a RawTable<'_>) -> Vec<Vec<&'a str>> {
        for column in &table.columns[1..] {
            assert!(column.has_plain_reads() || table.len() == 0);
            let reads: Vec<(usize, Option<SeparatorEvidence>)> = column
                .plain_evidence(0..table.len())
                .into_iter()
                .flatten()
                .collect();
            assert_eq!(reads.len(), table.len());
            for (row, &(at, evidence)) in reads.iter().enumerate() {
                let expected = plain_decimal_with_evidence(column.get(row).as_bytes());
                let read = column.plain_value(row).map(|v| (v, evidence));
                assert_eq!(
                    read.map(|(v, e)| (v.to_bits(), e)),
                    expected.map(|(v, e)| (v.to_bits(), Some(e))),
                    "row {row}: {:?}",
                    column.get(row)
                );
                assert_eq!(at, row);
            }
        }
        table
            .columns
            .iter()
            .map(|column| (0..table.len()).map(|row| column.get(row)).collect())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn plain_lines_split_exactly_like_the_csv_crate(
            text in "([a12,;|. \t-]{0,5}(\r\n|\n)){0,8}[a12,;|. \t-]{0,5}",
            delimiter in proptest::sample::select(vec![b',', b';', b'\t', b'|']),
        ) {
            let needed = [0, 2, 1, 5];
            let control = ImportControl::default();
            let d = match delimiter {
                b',' => Delimiter::Comma,
                b';' => Delimiter::Semicolon,
                b'\t' => Delimiter::Tab,
                _ => Delimiter::Pipe,
            };
            let plain = read_table(&text, 0, 2, d, &Needed { columns: &needed, numeric: 1..needed.len() }, 3, &control)
                .unwrap();
            let csv = via_csv(
                &text,
                &Needed { columns: &needed, numeric: 1..needed.len() },
                delimiter,
                &control,
            );
            proptest::prop_assert_eq!(&plain.lines, &csv.lines);
            proptest::prop_assert_eq!(&plain.widths, &csv.widths);
            proptest::prop_assert_eq!(cells(&plain), cells(&csv));
            proptest::prop_assert_eq!(&plain.extra_field_rows, &csv.extra_field_rows);
            proptest::prop_assert_eq!(plain.multiline, None);
            proptest::prop_assert_eq!(plain.open_quote, None);
        }
    }

    proptest::proptest! {
        #[test]
        fn marks_are_every_line_end_delimiter_and_quote(
            data in proptest::collection::vec(proptest::sample::select(
                vec![b'a', b'\n', b';', b'"', b',', 0u8, 0x80, 0xFF, b'\r']), 0..40),
        ) {
            let expected: Vec<usize> = data
                .iter()
                .enumerate()
                .filter(|(_, b)| matches!(b, b'\n' | b';' | b'"'))
                .map(|(i, _)| i)
                .collect();
            let found: Vec<usize> = Marks::new(&data, b';').map(|(at, _)| at).collect();
            proptest::prop_assert_eq!(found, expected);
            for (at, mark) in Marks::new(&data, b';') {
                let expected = match data[at] {
                    b'\n' => Mark::LineEnd,
                    b';' => Mark::Delimiter,
                    _ => Mark::Quote,
                };
                proptest::prop_assert_eq!(mark, expected);
            }
        }
    }

    fn chunked(chunk_bytes: usize) -> ImportControl {
        ImportControl {
            parallelism: crate::import::Parallelism {
                threads: 3,
                min_bytes: 0,
                chunk_bytes,
            },
            ..ImportControl::default()
        }
    }

    proptest::proptest! {
        #[test]
        fn chunks_read_in_parallel_give_the_table_one_thread_reads(
            text in "([a12,;\". \t-]{0,6}(\r\n|\n)){0,12}[a12,;\". \t-]{0,6}",
            chunk_bytes in 1usize..12,
        ) {
            let needed = [0, 2, 1, 5];
            let sequential = ImportControl {
                parallelism: crate::import::Parallelism::sequential(),
                ..ImportControl::default()
            };
            let one = read_table(&text, 0, 2, Delimiter::Comma, &Needed { columns: &needed, numeric: 1..needed.len() }, 3, &sequential).unwrap();
            let many = read_table(&text, 0, 2, Delimiter::Comma, &Needed { columns: &needed, numeric: 1..needed.len() }, 3, &chunked(chunk_bytes))
                .unwrap();
            proptest::prop_assert_eq!(&one.lines, &many.lines);
            proptest::prop_assert_eq!(&one.widths, &many.widths);
            proptest::prop_assert_eq!(cells(&one), cells(&many));
            proptest::prop_assert_eq!(&one.extra_field_rows, &many.extra_field_rows);
            proptest::prop_assert_eq!(one.multiline, many.multiline);
            proptest::prop_assert_eq!(one.open_quote, many.open_quote);
        }
    }

    #[test]
    fn a_quote_open_over_a_chunk_end_is_read_on_as_one_thread_would() {
        let text = "2024-01-01,1\n2024-01-02,\"2\n\n2024-01-03\",3\n2024-01-04,4\n\n\"5\n";
        for chunk_bytes in 1..text.len() {
            let table = read_dated_values(text, &chunked(chunk_bytes)).unwrap();
            assert_eq!(table.lines, vec![2, 3, 6, 8]);
            assert_eq!(
                cells(&table),
                vec![
                    vec!["2024-01-01", "2024-01-02", "2024-01-04", "5\n"],
                    vec!["1", "2\n\n2024-01-03", "4", ""],
                ]
            );
            assert_eq!(table.multiline, Some((1, 2)));
            assert_eq!(table.open_quote, Some((3, 1)));
        }
    }

    #[test]
    fn hands_over_to_the_csv_crate_at_the_first_quote() {
        let control = ImportControl::default();
        let text = "2024-01-01,1\n\n2024-01-02,\"1,5\"\n2024-01-03,2\n";
        let table = read_dated_values(text, &control).unwrap();
        assert_eq!(table.lines, vec![2, 4, 5]);
        assert_eq!(
            cells(&table),
            vec![
                vec!["2024-01-01", "2024-01-02", "2024-01-03"],
                vec!["1", "1,5", "2"],
            ]
        );
    }

    #[test]
    fn notes_rows_with_something_beyond_the_header() {
        let control = ImportControl::default();
        // Line 3: a trailing delimiter (nothing lost); line 4: a value; line 5: spaces only;
        // line 6: a quoted value; line 7: an empty quoted field.
        let text = "2024-01-01,1\n2024-01-02,2,\n2024-01-03,3,x\n2024-01-04,4, ,\t\n\
                    2024-01-05,5,\"y\"\n2024-01-06,6,\"\"\n";
        let table = read_dated_values(text, &control).unwrap();
        assert_eq!(table.len(), 6);
        assert_eq!(table.extra_field_rows, vec![2, 4]);
        assert_eq!(table.line(4), 6);
    }

    #[test]
    fn numbers_lines_after_blank_lines() {
        let control = ImportControl::default();
        let text = "2024-01-01,1\n\n\n2024-01-02,2\r\n\r\nTotal,3\n";
        let table = read_table(
            text,
            0,
            2,
            Delimiter::Comma,
            &Needed {
                columns: &[0],
                numeric: 1..1,
            },
            2,
            &control,
        )
        .unwrap();
        assert_eq!(table.lines, vec![2, 5, 7]);
    }

    #[test]
    fn reports_an_open_quote_in_the_last_row() {
        let control = ImportControl::default();
        let text = "2024-01-01,1\n\"2024-01-02,2\n2024-01-03,3\n";
        let table = read_dated_values(text, &control).unwrap();
        assert_eq!(table.len(), 2);
        assert_eq!(table.open_quote, Some((1, 1)));
        assert_eq!(table.multiline, Some((1, 1)));
        assert_eq!(table.lines, vec![2u32, 3]);

        let closed = "\"2024-01-01\",\"1\"\n\"2024-01-02\",\"2\"";
        let table = read_dated_values(closed, &control).unwrap();
        assert_eq!(table.open_quote, None);
        assert_eq!(table.multiline, None);
    }
}
