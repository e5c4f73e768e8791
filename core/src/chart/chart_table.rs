//! The chart's data as a table: the lines drawn, lined up on every date any of them has. What the
//! chart-data CSV export writes, prepared with the chart.

use crate::model::Date;

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
