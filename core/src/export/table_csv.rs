//! Any table — a header and rows of text, number, date or empty cells, such as the metrics
//! table — as spreadsheet-safe CSV.

use super::csv_safe::{Cell, SafeCsvWriter};
use super::error::ExportError;

/// Writes `header` and `rows` as CSV; every row must have one cell per header column.
pub fn table_csv<S: AsRef<str>>(header: &[S], rows: &[Vec<Cell>]) -> Result<Vec<u8>, ExportError> {
    let mut writer = SafeCsvWriter::new(Vec::new());
    let header: Vec<Cell> = header.iter().map(|h| Cell::from(h.as_ref())).collect();
    writer.write_row(&header)?;
    for (index, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            return Err(ExportError::RowLength {
                row: index + 1,
                expected: header.len(),
                found: row.len(),
            });
        }
        writer.write_row(row)?;
    }
    writer.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn writes_a_metrics_table() {
        let rows = vec![
            vec![
                Cell::from("^RUT"),
                Cell::Number(-12.25),
                Cell::Date(Date::from_ymd(2022, 11, 18).unwrap()),
            ],
            vec![Cell::from("@evil"), Cell::Empty, Cell::from("n/a")],
        ];
        let bytes = table_csv(&["Series", "1Y %", "As of"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "Series,1Y %,As of\n^RUT,-12.25,2022-11-18\n'@evil,,n/a\n"
        );
    }

    #[test]
    fn header_names_are_neutralised_too() {
        let bytes = table_csv(&["-x"], &[]).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "'-x\n");
    }

    #[test]
    fn rows_must_match_the_header() {
        let rows = vec![vec![Cell::from("a")], vec![Cell::from("b"), Cell::Empty]];
        assert!(matches!(
            table_csv(&["Only"], &rows),
            Err(ExportError::RowLength {
                row: 2,
                expected: 1,
                found: 2
            })
        ));
    }
}
