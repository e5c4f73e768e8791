//! CSV that is safe to open in a spreadsheet.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
//! return before one) as a formula, which a crafted series name or file name could abuse
//! ("CSV injection"). Text cells whose first non-blank character is one of those — or its
//! full-width form — are written with a leading apostrophe, as OWASP recommends, so the
//! spreadsheet shows them as text. Numbers are written as plain numbers, negative ones too,
//! and a text cell that is exactly a plain decimal number (`-1.5`) is left as it is: no
//! spreadsheet runs it.

use std::borrow::Cow;
use std::io::Write;

use crate::model::Date;

use super::error::ExportError;

/// One cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text, neutralised when it could run as a formula.
    Text(String),
    /// A number; written in the shortest form that reads back exactly, blank when not finite.
    Number(f64),
    /// A date, written `YYYY-MM-DD`.
    Date(Date),
    /// An empty cell.
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Self {
        Cell::Number(value)
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Self {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<Date> for Cell {
    fn from(date: Date) -> Self {
        Cell::Date(date)
    }
}

impl Cell {
    /// The text written to the file for this cell (before CSV quoting).
    #[must_use]
    pub fn to_field(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => neutralise_text(text),
            Cell::Number(value) => Cow::Owned(format_number(*value)),
            Cell::Date(date) => Cow::Owned(date.to_string()),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

/// `text`, prefixed with an apostrophe when a spreadsheet could run it as a formula.
#[must_use]
pub fn neutralise_text(text: &str) -> Cow<'_, str> {
    let starts_formula = text
        .trim_start_matches([' ', '\t', '\r', '\n'])
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    let leading_control = text.starts_with(['\t', '\r']);
    if (starts_formula || leading_control) && !is_plain_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A finite number in the shortest decimal form that reads back exactly (never in exponent
/// notation, which some spreadsheets read as text); empty when not finite.
#[must_use]
pub fn format_number(value: f64) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        String::new()
    }
}

/// Whether `text` is an optionally signed decimal number: `-1.5`, `+3`, `.25`, `2.`.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && digits(whole) && digits(fraction)
}

/// A CSV writer that writes every cell through [`Cell::to_field`].
pub struct SafeCsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> SafeCsvWriter<W> {
    /// Writes comma-separated CSV to `writer`, quoting fields as needed, lines ending in `\n`.
    pub fn new(writer: W) -> SafeCsvWriter<W> {
        SafeCsvWriter {
            inner: csv::WriterBuilder::new().flexible(true).from_writer(writer),
        }
    }

    /// Writes one row.
    pub fn write_row<'a>(
        &mut self,
        cells: impl IntoIterator<Item = &'a Cell>,
    ) -> Result<(), ExportError> {
        let fields: Vec<Cow<'_, str>> = cells.into_iter().map(Cell::to_field).collect();
        self.inner
            .write_record(fields.iter().map(|field| field.as_bytes()))?;
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> Result<W, ExportError> {
        self.inner
            .into_inner()
            .map_err(|error| ExportError::Csv(csv::Error::from(error.into_error())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_text_is_neutralised() {
        assert_eq!(neutralise_text("=1+1"), "'=1+1");
        assert_eq!(neutralise_text("+SUM(A1)"), "'+SUM(A1)");
        assert_eq!(neutralise_text("-2+3"), "'-2+3");
        assert_eq!(neutralise_text("@cmd"), "'@cmd");
        assert_eq!(
            neutralise_text("  =HYPERLINK(\"x\")"),
            "'  =HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_text("\tplain"), "'\tplain");
        assert_eq!(neutralise_text("\rplain"), "'\rplain");
        assert_eq!(neutralise_text("\r=1+1"), "'\r=1+1");
        assert_eq!(neutralise_text("\t-5"), "'\t-5");
        assert_eq!(neutralise_text("＝1"), "'＝1");
        assert_eq!(neutralise_text("-"), "'-");
        assert_eq!(neutralise_text("-inf"), "'-inf");
    }

    #[test]
    fn ordinary_text_and_plain_numbers_are_kept() {
        assert_eq!(neutralise_text("^RUT"), "^RUT");
        assert_eq!(
            neutralise_text("S&P 500 = large caps"),
            "S&P 500 = large caps"
        );
        assert_eq!(neutralise_text(""), "");
        assert_eq!(neutralise_text("-1.5"), "-1.5");
        assert_eq!(neutralise_text("+3"), "+3");
        assert_eq!(neutralise_text("-.25"), "-.25");
        assert!(matches!(neutralise_text("^RUT"), Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_stay_numbers() {
        assert_eq!(Cell::Number(-1.5).to_field(), "-1.5");
        assert_eq!(Cell::Number(4515.77).to_field(), "4515.77");
        assert_eq!(Cell::Number(0.1 + 0.2).to_field(), "0.30000000000000004");
        assert_eq!(Cell::Number(1e21).to_field(), "1000000000000000000000");
        assert_eq!(Cell::Number(f64::NAN).to_field(), "");
        assert_eq!(Cell::from(None::<f64>).to_field(), "");
        let date = Date::from_ymd(2024, 2, 29).unwrap();
        assert_eq!(Cell::from(date).to_field(), "2024-02-29");
    }

    #[test]
    fn the_writer_quotes_and_neutralises() {
        let mut writer = SafeCsvWriter::new(Vec::new());
        let row = [
            Cell::from("=cmd|' /C calc'!A0"),
            Cell::from("a,b"),
            Cell::Number(-2.0),
            Cell::Empty,
        ];
        writer.write_row(&row).unwrap();
        let bytes = writer.into_inner().unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "'=cmd|' /C calc'!A0,\"a,b\",-2,\n"
        );
    }
}
