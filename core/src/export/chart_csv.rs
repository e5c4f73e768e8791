//! The chart's data as CSV: one row per date, one column per line drawn, blank where a line
//! has no value that day — on the Rotation tab, one row per point of the tails drawn.

pub use crate::chart::chart_table::{ChartColumn, ChartLine, ChartTable, RotationRow};
use crate::chart::visible_data::VisibleData;

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

/// Writes the Rotation tab's points as CSV: a `Series,Date,RS-Ratio,RS-Momentum,Quadrant`
/// header, then one row per point, series by series, each tail oldest first.
pub fn rotation_csv(rows: &[RotationRow]) -> Result<Vec<u8>, ExportError> {
    let mut writer = SafeCsvWriter::new(Vec::new());
    writer.write_row(&[
        Cell::from("Series"),
        Cell::from("Date"),
        Cell::from("RS-Ratio"),
        Cell::from("RS-Momentum"),
        Cell::from("Quadrant"),
    ])?;
    for row in rows {
        writer.write_row(&[
            Cell::from(row.series.as_str()),
            Cell::Date(row.date),
            Cell::Number(row.rs_ratio),
            Cell::Number(row.rs_momentum),
            Cell::from(row.quadrant.name()),
        ])?;
    }
    writer.into_inner()
}

/// Writes what the chart shows as CSV: the rotation points on the Rotation tab, the table of
/// dates × lines on the others.
pub fn visible_data_csv(data: &VisibleData) -> Result<Vec<u8>, ExportError> {
    if data.rotation_rows().is_empty() {
        chart_csv(&data.table())
    } else {
        rotation_csv(data.rotation_rows())
    }
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
    fn rotation_points_are_written_one_row_each_with_their_quadrant() {
        use crate::analytics::Quadrant;
        let rows = [
            RotationRow {
                series: "^RUT".into(),
                date: day(5),
                rs_ratio: 102.125,
                rs_momentum: 99.5,
                quadrant: Quadrant::Weakening,
            },
            RotationRow {
                series: "=IWM".into(),
                date: day(12),
                rs_ratio: 97.0,
                rs_momentum: 100.25,
                quadrant: Quadrant::Improving,
            },
        ];
        let expected = "Series,Date,RS-Ratio,RS-Momentum,Quadrant\n\
                        ^RUT,2024-01-05,102.125,99.5,Weakening\n\
                        '=IWM,2024-01-12,97,100.25,Improving\n";
        let text = String::from_utf8(rotation_csv(&rows).unwrap()).unwrap();
        assert_eq!(text, expected);
        // What the chart shows decides the shape: the Rotation tab's points here.
        let shown = VisibleData::rotation(rows.to_vec());
        let text = String::from_utf8(visible_data_csv(&shown).unwrap()).unwrap();
        assert_eq!(text, expected);
        let lines = String::from_utf8(visible_data_csv(&VisibleData::default()).unwrap()).unwrap();
        assert_eq!(lines, "Date\n");
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
