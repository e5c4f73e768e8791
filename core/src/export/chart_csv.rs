//! The chart's data as CSV: one row per date, one column per line drawn, blank where a line
//! has no value that day.

pub use crate::chart::chart_table::{ChartColumn, ChartLine, ChartTable};

use super::csv_safe::{Cell, SafeCsvWriter};
use super::error::ExportError;

/// Writes the table as CSV: a `Date,<names…>` header, then one row per date.
pub fn chart_csv(table: &ChartTable) -> Result<Vec<u8>, ExportError> {
    for column in &table.columns {
        if column.values.len() != table.dates.len() {
            return Err(ExportError::ColumnLength {
                name: column.name.clone(),
                expected: table.dates.len(),
                found: column.values.len(),
            });
        }
    }
    let mut writer = SafeCsvWriter::new(Vec::new());
    let header: Vec<Cell> = std::iter::once(Cell::from("Date"))
        .chain(table.columns.iter().map(|c| Cell::from(c.name.as_str())))
        .collect();
    writer.write_row(&header)?;
    let mut row: Vec<Cell> = Vec::with_capacity(table.columns.len() + 1);
    for (index, date) in table.dates.iter().enumerate() {
        row.clear();
        row.push(Cell::Date(*date));
        row.extend(table.columns.iter().map(|c| Cell::from(c.values[index])));
        writer.write_row(&row)?;
    }
    writer.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn day(d: u32) -> Date {
        Date::from_ymd(2024, 1, d).unwrap()
    }

    #[test]
    fn lines_up_lines_with_different_dates() {
        let (a_dates, a_values) = ([day(2), day(3), day(5)], [100.0, 101.5, 99.0]);
        let (b_dates, b_values) = ([day(3), day(4)], [-1.5, 2.0]);
        let table = ChartTable::from_lines([
            ChartLine {
                name: "^RUT",
                dates: &a_dates,
                values: &a_values,
            },
            ChartLine {
                name: "=spread",
                dates: &b_dates,
                values: &b_values,
            },
        ]);
        assert_eq!(table.dates, [day(2), day(3), day(4), day(5)]);
        assert_eq!(table.columns[1].values, [None, Some(-1.5), Some(2.0), None]);
        let text = String::from_utf8(chart_csv(&table).unwrap()).unwrap();
        assert_eq!(
            text,
            "Date,^RUT,'=spread\n\
             2024-01-02,100,\n\
             2024-01-03,101.5,-1.5\n\
             2024-01-04,,2\n\
             2024-01-05,99,\n"
        );
    }

    #[test]
    fn an_empty_table_is_just_the_header() {
        let text = String::from_utf8(chart_csv(&ChartTable::default()).unwrap()).unwrap();
        assert_eq!(text, "Date\n");
    }

    #[test]
    fn columns_must_have_one_value_per_date() {
        let table = ChartTable {
            dates: vec![day(2), day(3)],
            columns: vec![ChartColumn {
                name: "X".into(),
                values: vec![Some(1.0)],
            }],
        };
        assert!(matches!(
            chart_csv(&table),
            Err(ExportError::ColumnLength {
                expected: 2,
                found: 1,
                ..
            })
        ));
    }
}
