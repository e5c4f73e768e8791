//! The chart's data as CSV: one row per date, one column per line drawn, blank where a line
//! has no value that day.

use crate::model::Date;

use super::csv_safe::{Cell, SafeCsvWriter};
use super::error::ExportError;

/// One line as the chart draws it: its name and points.
#[derive(Clone, Copy, Debug)]
pub struct ChartLine<'a> {
    /// The legend name.
    pub name: &'a str,
    /// The dates of the points.
    pub dates: &'a [Date],
    /// The values, one per date.
    pub values: &'a [f64],
}

/// A named column of a [`ChartTable`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChartColumn {
    /// The header.
    pub name: String,
    /// One value per date of the table; `None` where the line has no point.
    pub values: Vec<Option<f64>>,
}

/// Dates × named columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartTable {
    /// The row dates, increasing.
    pub dates: Vec<Date>,
    /// The columns, each with one entry per date.
    pub columns: Vec<ChartColumn>,
}

impl ChartTable {
    /// Lines the table up on every date any line has. A line's points beyond the shorter of
    /// its two slices are ignored; a date given twice keeps its last value.
    #[must_use]
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = ChartLine<'a>>) -> ChartTable {
        let lines: Vec<ChartLine<'a>> = lines.into_iter().collect();
        let mut dates: Vec<Date> = lines
            .iter()
            .flat_map(|line| line.dates.iter().take(line.values.len()).copied())
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let columns = lines
            .iter()
            .map(|line| {
                let mut values = vec![None; dates.len()];
                for (date, value) in line.dates.iter().zip(line.values) {
                    if let Ok(row) = dates.binary_search(date) {
                        values[row] = Some(*value);
                    }
                }
                ChartColumn {
                    name: line.name.to_string(),
                    values,
                }
            })
            .collect();
        ChartTable { dates, columns }
    }
}

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
