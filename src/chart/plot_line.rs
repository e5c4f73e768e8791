//! A transformed line ready to plot: x as day numbers, y in the chart's unit, and the block
//! extremes that make decimating it cheap. Built once per change of its inputs, then only read.

use crate::analytics::Line;
use crate::model::Date;

use super::extremes::BlockExtremes;

/// One line's points, column-wise, with x strictly increasing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlotLine {
    xs: Vec<f64>,
    ys: Vec<f64>,
    blocks: BlockExtremes,
}

impl PlotLine {
    /// A line from an analytics [`Line`], each value mapped by `scale` into the chart's unit;
    /// points whose scaled value is not finite are left out.
    #[must_use]
    pub fn from_line(line: Line, scale: impl Fn(f64) -> f64) -> PlotLine {
        let mut xs = Vec::with_capacity(line.len());
        let mut ys = line.values;
        let mut kept = 0;
        for (index, date) in line.dates.iter().enumerate() {
            let y = scale(ys[index]);
            if y.is_finite() {
                xs.push(f64::from(date.day_number()));
                ys[kept] = y;
                kept += 1;
            }
        }
        ys.truncate(kept);
        PlotLine::from_columns(xs, ys)
    }

    /// A line from x and y columns (x strictly increasing; the longer column is cut).
    #[must_use]
    pub fn from_columns(mut xs: Vec<f64>, mut ys: Vec<f64>) -> PlotLine {
        let n = xs.len().min(ys.len());
        xs.truncate(n);
        ys.truncate(n);
        let blocks = BlockExtremes::of(&xs, &ys);
        PlotLine { xs, ys, blocks }
    }

    /// The x coordinates (day numbers).
    #[must_use]
    pub fn xs(&self) -> &[f64] {
        &self.xs
    }

    /// The y values.
    #[must_use]
    pub fn ys(&self) -> &[f64] {
        &self.ys
    }

    /// The block extremes of the y values.
    #[must_use]
    pub fn blocks(&self) -> &BlockExtremes {
        &self.blocks
    }

    /// Number of points.
    #[must_use]
    pub fn len(&self) -> usize {
        self.xs.len()
    }

    /// Whether the line has no point.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    /// The last point on or before `x` (the value a read-out shows for a hovered date).
    #[must_use]
    pub fn point_at(&self, x: f64) -> Option<[f64; 2]> {
        let index = self.xs.partition_point(|&px| px <= x).checked_sub(1)?;
        Some([self.xs[index], self.ys[index]])
    }

    /// The indexes of the points with `from ≤ x ≤ to`.
    #[must_use]
    pub fn index_range(&self, from: f64, to: f64) -> std::ops::Range<usize> {
        let start = self.xs.partition_point(|&x| x < from);
        let end = self.xs.partition_point(|&x| x <= to).max(start);
        start..end
    }

    /// The date of the point at `index`.
    #[must_use]
    pub fn date(&self, index: usize) -> Option<Date> {
        date_of_x(*self.xs.get(index)?)
    }
}

/// The date at a chart x coordinate (a day number), if it is a whole day in range.
#[must_use]
pub fn date_of_x(x: f64) -> Option<Date> {
    if !x.is_finite() || x.fract() != 0.0 || x.abs() > f64::from(i32::MAX) {
        return None;
    }
    Date::from_day_number(x as i32)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn x(text: &str) -> f64 {
        f64::from(d(text).day_number())
    }

    #[test]
    fn converts_dates_and_drops_values_that_do_not_scale() {
        let line = Line {
            dates: vec![d("2024-01-02"), d("2024-01-03"), d("2024-01-05")],
            values: vec![1.0, 0.0, 100.0],
        };
        let plot = PlotLine::from_line(line, f64::ln);
        assert_eq!(plot.xs(), [x("2024-01-02"), x("2024-01-05")]);
        assert_eq!(plot.ys(), [0.0, 100.0_f64.ln()]);
        assert_eq!(plot.date(1), Some(d("2024-01-05")));
        assert_eq!(plot.len(), 2);
    }

    #[test]
    fn reads_the_last_point_on_or_before_a_date() {
        let plot = PlotLine::from_columns(
            vec![x("2024-01-02"), x("2024-01-04"), x("2024-01-08")],
            vec![1.0, 2.0, 3.0],
        );
        assert_eq!(plot.point_at(x("2024-01-01")), None);
        assert_eq!(plot.point_at(x("2024-01-04")), Some([x("2024-01-04"), 2.0]));
        assert_eq!(
            plot.point_at(x("2024-01-07") + 0.4),
            Some([x("2024-01-04"), 2.0])
        );
        assert_eq!(plot.point_at(x("2030-01-01")), Some([x("2024-01-08"), 3.0]));
        assert_eq!(plot.index_range(x("2024-01-03"), x("2024-01-08")), 1..3);
        assert_eq!(plot.index_range(x("2025-01-01"), x("2024-01-01")), 3..3);
    }

    #[test]
    fn dates_only_for_whole_day_numbers() {
        assert_eq!(date_of_x(x("2024-02-29")), Some(d("2024-02-29")));
        assert_eq!(date_of_x(0.5), None);
        assert_eq!(date_of_x(f64::NAN), None);
    }
}
