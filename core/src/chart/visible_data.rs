//! The data behind what the chart shows, for "Export chart data": every drawn line at full
//! resolution over the visible dates, as a table of dates × named columns (`None` where a line
//! has no point that day) — the shape the chart CSV export writes. Kept as shared references to
//! the cached lines and turned into a table only when asked.

use std::sync::Arc;

use super::chart_table::{ChartColumn, ChartTable, RotationRow};

use super::plot_line::{PlotLine, date_of_x};
use super::value_axis::ValueAxis;

#[derive(Clone, Debug)]
enum Source {
    Line {
        name: String,
        line: Arc<PlotLine>,
        axis: ValueAxis,
    },
    Level {
        name: String,
        value: f64,
        from: f64,
        to: f64,
    },
}

/// The lines a chart draws and the x-range it shows (or, on the Rotation tab, the points of its
/// tails); cheap to make every frame.
#[derive(Clone, Debug, Default)]
pub struct VisibleData {
    sources: Vec<Source>,
    from: f64,
    to: f64,
    rotation: Vec<RotationRow>,
}

impl VisibleData {
    /// Data shown between the x coordinates `from` and `to` (day numbers, both included).
    #[must_use]
    pub fn new(from: f64, to: f64) -> VisibleData {
        VisibleData {
            sources: Vec::new(),
            from,
            to,
            rotation: Vec::new(),
        }
    }

    /// The data of the Rotation tab: the points of the tails drawn.
    #[must_use]
    pub fn rotation(rows: Vec<RotationRow>) -> VisibleData {
        VisibleData {
            rotation: rows,
            ..VisibleData::default()
        }
    }

    /// The points of the Rotation tab's tails; empty on the other tabs.
    #[must_use]
    pub fn rotation_rows(&self) -> &[RotationRow] {
        &self.rotation
    }

    /// Adds a drawn line; its values are exported as `axis` reads them (a log chart exports
    /// the values, not their logarithms).
    pub fn add_line(&mut self, name: impl Into<String>, line: Arc<PlotLine>, axis: ValueAxis) {
        self.sources.push(Source::Line {
            name: name.into(),
            line,
            axis,
        });
    }

    /// Adds a level drawn between two x coordinates (a percentile band edge): a column holding
    /// `value` on the table's dates within `[from, to]`.
    pub fn add_level(&mut self, name: impl Into<String>, value: f64, from: f64, to: f64) {
        self.sources.push(Source::Level {
            name: name.into(),
            value,
            from,
            to,
        });
    }

    /// Whether nothing is drawn.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.rotation.is_empty()
    }

    /// The column names, in order.
    #[must_use]
    pub fn names(&self) -> Vec<&str> {
        self.sources
            .iter()
            .map(|source| match source {
                Source::Line { name, .. } | Source::Level { name, .. } => name.as_str(),
            })
            .collect()
    }

    /// The table: every date any line has within the range, one column per source.
    #[must_use]
    pub fn table(&self) -> ChartTable {
        let mut xs: Vec<f64> = Vec::new();
        for source in &self.sources {
            if let Source::Line { line, .. } = source {
                let range = line.index_range(self.from, self.to);
                xs.extend(line.points(range).map(|[x, _]| x));
            }
        }
        xs.sort_unstable_by(f64::total_cmp);
        xs.dedup();
        let columns = self
            .sources
            .iter()
            .map(|source| match source {
                Source::Line { name, line, axis } => {
                    let range = line.index_range(self.from, self.to);
                    let mut values = vec![None; xs.len()];
                    let mut row = 0;
                    for [x, y] in line.points(range) {
                        // Both are sorted, so one forward walk finds every row.
                        while xs[row] < x {
                            row += 1;
                        }
                        values[row] = Some(axis.value(y));
                    }
                    ChartColumn {
                        name: name.clone(),
                        values,
                    }
                }
                Source::Level {
                    name,
                    value,
                    from,
                    to,
                } => ChartColumn {
                    name: name.clone(),
                    values: xs
                        .iter()
                        .map(|x| (*x >= *from && *x <= *to).then_some(*value))
                        .collect(),
                },
            })
            .collect();
        ChartTable {
            dates: xs.iter().filter_map(|x| date_of_x(*x)).collect(),
            columns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::d;

    fn x(text: &str) -> f64 {
        f64::from(d(text).day_number())
    }

    #[test]
    fn lines_up_the_drawn_lines_on_the_visible_dates() {
        let a = Arc::new(PlotLine::from_columns(
            vec![
                d("2024-01-01"),
                d("2024-01-02"),
                d("2024-01-03"),
                d("2024-01-05"),
            ],
            vec![100.0, 101.0, 102.0, 104.0],
        ));
        let b = Arc::new(PlotLine::from_columns(
            vec![d("2024-01-02"), d("2024-01-04"), d("2024-01-09")],
            vec![150f64.ln(), 200f64.ln(), 1.0],
        ));
        let mut data = VisibleData::new(x("2024-01-02"), x("2024-01-05") + 0.5);
        data.add_line("A (rebased 100)", a, ValueAxis::Rebased);
        data.add_line("B (rebased 100)", b, ValueAxis::LogRebased);
        data.add_level("P90", 7.0, x("2024-01-03"), x("2024-01-04"));
        assert_eq!(data.names(), ["A (rebased 100)", "B (rebased 100)", "P90"]);
        let table = data.table();
        let dates: Vec<String> = table.dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            dates,
            ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
        );
        assert_eq!(
            table.columns[0].values,
            [Some(101.0), Some(102.0), None, Some(104.0)]
        );
        let b_values: Vec<Option<f64>> = table.columns[1]
            .values
            .iter()
            .map(|v| v.map(|v| (v * 1e9).round() / 1e9))
            .collect();
        assert_eq!(b_values, [Some(150.0), None, Some(200.0), None]);
        assert_eq!(table.columns[2].values, [None, Some(7.0), Some(7.0), None]);
    }

    #[test]
    fn nothing_drawn_is_an_empty_table() {
        let data = VisibleData::new(0.0, 10.0);
        assert!(data.is_empty());
        assert_eq!(data.table(), ChartTable::default());
    }
}
