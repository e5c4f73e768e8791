//! The chart's data as a table: the lines drawn, lined up on every date any of them has — or, on
//! the Rotation tab, the points of the tails drawn (series, date, RS-Ratio, RS-Momentum,
//! quadrant). What the chart-data CSV export writes, prepared with the chart.

use crate::analytics::Quadrant;
use crate::model::Date;

use super::rotation::RotationTail;

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

/// One point of a tail the Rotation tab draws, as the chart-data export writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct RotationRow {
    /// The series' name.
    pub series: String,
    /// The period's date (its last aligned date).
    pub date: Date,
    /// RS-Ratio at that date.
    pub rs_ratio: f64,
    /// RS-Momentum at that date.
    pub rs_momentum: f64,
    /// The quadrant the point lies in (Leading, Weakening, Lagging, Improving).
    pub quadrant: Quadrant,
}

impl RotationRow {
    /// Every point of the tails, series by series in the order drawn, each tail oldest first.
    #[must_use]
    pub fn of_tails(tails: &[RotationTail]) -> Vec<RotationRow> {
        tails
            .iter()
            .flat_map(|tail| {
                tail.points.iter().map(|point| RotationRow {
                    series: tail.name.clone(),
                    date: point.date,
                    rs_ratio: point.rs_ratio,
                    rs_momentum: point.rs_momentum,
                    quadrant: point.quadrant(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::RotationPoint;
    use crate::testing::d;

    #[test]
    fn rotation_rows_list_every_point_of_every_tail_with_its_quadrant() {
        let point = |date: &str, rs_ratio: f64, rs_momentum: f64| RotationPoint {
            date: d(date),
            rs_ratio,
            rs_momentum,
        };
        let tails = [
            RotationTail {
                name: "^RUT".into(),
                color: [1, 2, 3],
                quadrant: Quadrant::Leading,
                points: vec![
                    point("2020-11-06", 99.5, 100.5),
                    point("2020-11-13", 102.1, 101.0),
                ],
            },
            RotationTail {
                name: "^NDX".into(),
                color: [4, 5, 6],
                quadrant: Quadrant::Lagging,
                points: vec![point("2020-11-13", 98.0, 99.0)],
            },
        ];
        let rows = RotationRow::of_tails(&tails);
        assert_eq!(
            rows,
            [
                RotationRow {
                    series: "^RUT".into(),
                    date: d("2020-11-06"),
                    rs_ratio: 99.5,
                    rs_momentum: 100.5,
                    quadrant: Quadrant::Improving,
                },
                RotationRow {
                    series: "^RUT".into(),
                    date: d("2020-11-13"),
                    rs_ratio: 102.1,
                    rs_momentum: 101.0,
                    quadrant: Quadrant::Leading,
                },
                RotationRow {
                    series: "^NDX".into(),
                    date: d("2020-11-13"),
                    rs_ratio: 98.0,
                    rs_momentum: 99.0,
                    quadrant: Quadrant::Lagging,
                },
            ]
        );
        assert!(RotationRow::of_tails(&[]).is_empty());
    }
}
