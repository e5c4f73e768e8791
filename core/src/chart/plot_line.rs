//! A line ready to plot: its x as dates, its y in the chart's unit, and the min/max pyramid that
//! makes decimating it cheap. A line that shows a series' own closes through an order-keeping map
//! (rebased, percent change, log) reads the series itself and shares its pyramid; any
//! other transform owns its computed points. Built once per change of its inputs, then only read.

use std::sync::Arc;

use crate::analytics::Line;
use crate::model::{Date, Series};

use super::column_picks::ColumnPicks;
use super::decimate::LineColumns;
use super::pyramid::{MinMaxPyramid, m4_pyramid_into};
use super::value_map::ValueMap;

#[derive(Clone, Debug, PartialEq)]
enum Points {
    /// Points computed by a transform.
    Owned { dates: Vec<Date>, values: Vec<f64> },
    /// The series' observations from index `first` on, each value shown through `map`.
    Mapped {
        series: Arc<Series>,
        first: usize,
        map: ValueMap,
    },
}

/// One line's points, with x strictly increasing.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotLine {
    points: Points,
    /// The min/max pyramid of the stored values (for a mapped line, of the whole series).
    blocks: Arc<MinMaxPyramid>,
}

impl Default for PlotLine {
    fn default() -> Self {
        PlotLine::from_columns(Vec::new(), Vec::new())
    }
}

impl PlotLine {
    /// A line from an analytics [`Line`], each value mapped by `scale` into the chart's unit;
    /// points whose scaled value is not finite are left out.
    #[must_use]
    pub fn from_line(line: Line, scale: impl Fn(f64) -> f64) -> PlotLine {
        let Line {
            mut dates,
            values: mut ys,
        } = line;
        let n = dates.len().min(ys.len());
        let mut kept = 0;
        for index in 0..n {
            let y = scale(ys[index]);
            if y.is_finite() {
                dates[kept] = dates[index];
                ys[kept] = y;
                kept += 1;
            }
        }
        dates.truncate(kept);
        ys.truncate(kept);
        PlotLine::from_columns(dates, ys)
    }

    /// A line owning its points (dates strictly increasing; the longer column is cut).
    #[must_use]
    pub fn from_columns(mut dates: Vec<Date>, mut values: Vec<f64>) -> PlotLine {
        let n = dates.len().min(values.len());
        dates.truncate(n);
        values.truncate(n);
        dates.shrink_to_fit();
        values.shrink_to_fit();
        let blocks = Arc::new(MinMaxPyramid::of(&values));
        PlotLine {
            points: Points::Owned { dates, values },
            blocks,
        }
    }

    /// A line showing `series`' observations from index `first` on through `map`, without
    /// copying them. `blocks` must be the min/max pyramid of the whole series' values, and every
    /// mapped value from `first` on must be finite.
    #[must_use]
    pub fn mapped(
        series: Arc<Series>,
        first: usize,
        map: ValueMap,
        blocks: Arc<MinMaxPyramid>,
    ) -> PlotLine {
        PlotLine {
            points: Points::Mapped { series, first, map },
            blocks,
        }
    }

    fn columns(&self) -> LineColumns<'_, Date> {
        match &self.points {
            Points::Owned { dates, values } => LineColumns::plain(dates, values),
            Points::Mapped { series, first, map } => LineColumns {
                xs: series.dates(),
                ys: series.values(),
                first: (*first).min(series.len()),
                map: *map,
            },
        }
    }

    /// Number of points.
    #[must_use]
    pub fn len(&self) -> usize {
        let columns = self.columns();
        columns.end() - columns.first
    }

    /// Whether the line has no point.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The point at `index` (0 for the line's first), as `[x, y]` in the chart's unit.
    #[must_use]
    pub fn point(&self, index: usize) -> Option<[f64; 2]> {
        let columns = self.columns();
        let at = columns.first.checked_add(index)?;
        (at < columns.end()).then(|| columns.point(at))
    }

    /// The points at `range` (line indexes, as [`PlotLine::index_range`] gives them).
    pub fn points(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = [f64; 2]> + '_ {
        let columns = self.columns();
        let end = range.end.min(self.len());
        (range.start.min(end)..end).map(move |index| columns.point(columns.first + index))
    }

    /// The y values, in order.
    #[cfg(test)]
    pub fn ys(&self) -> impl Iterator<Item = f64> + '_ {
        self.points(0..self.len()).map(|[_, y]| y)
    }

    /// The x coordinates (day numbers), in order.
    #[cfg(test)]
    pub fn xs(&self) -> impl Iterator<Item = f64> + '_ {
        self.points(0..self.len()).map(|[x, _]| x)
    }

    /// The last point on or before `x` (the value a read-out shows for a hovered date).
    #[must_use]
    pub fn point_at(&self, x: f64) -> Option<[f64; 2]> {
        let index = self.index_range(f64::NEG_INFINITY, x).end.checked_sub(1)?;
        self.point(index)
    }

    /// The indexes of the points with `from ≤ x ≤ to`.
    #[must_use]
    pub fn index_range(&self, from: f64, to: f64) -> std::ops::Range<usize> {
        let columns = self.columns();
        let range = columns.index_range(from, to);
        range.start - columns.first..range.end - columns.first
    }

    /// The date of the point at `index`.
    #[cfg(test)]
    #[must_use]
    pub fn date(&self, index: usize) -> Option<Date> {
        date_of_x(self.point(index)?[0])
    }

    /// Appends the M4 decimation of the line for a `columns`-pixel-wide chart of
    /// `[x_min, x_max]` to `out` (see [`super::decimate::m4_into`]: the same points, found through the
    /// min/max pyramid).
    pub fn decimate_into(&self, x_min: f64, x_max: f64, columns: usize, out: &mut Vec<[f64; 2]>) {
        m4_pyramid_into(self.columns(), &self.blocks, x_min, x_max, columns, out);
    }

    /// The min/max pyramid of the series a line reads through a map (shared by every line of
    /// that series); `None` for a line owning its points.
    #[must_use]
    pub fn shared_pyramid(&self) -> Option<&Arc<MinMaxPyramid>> {
        match self.points {
            Points::Mapped { .. } => Some(&self.blocks),
            Points::Owned { .. } => None,
        }
    }

    /// For a line that reads its series through a map, the picks of the series' own M4
    /// decimation (every observation, as stored) for a `columns`-wide chart of
    /// `[x_min, x_max]`, from which [`PlotLine::decimate_with_picks_into`] derives this line's
    /// and every other line's of the series; `None` for a line owning its points.
    #[must_use]
    pub fn series_picks(&self, x_min: f64, x_max: f64, columns: usize) -> Option<ColumnPicks> {
        self.shared_pyramid()?;
        let columns_read = self.columns();
        Some(ColumnPicks::of(
            columns_read,
            &self.blocks,
            x_min,
            x_max,
            columns,
        ))
    }

    /// For a line that reads its series through a map, the picks of the series' own M4
    /// decimation over all its dates at `columns` columns (an overview every line of the
    /// series derives its own from); `None` for a line owning its points.
    #[must_use]
    pub fn series_overview_picks(&self, columns: usize) -> Option<ColumnPicks> {
        self.shared_pyramid()?;
        let read = self.columns();
        let (first, last) = (read.xs.first()?, read.xs.last()?);
        let (first, last) = (f64::from(first.day_number()), f64::from(last.day_number()));
        self.series_picks(first, last, columns)
    }

    /// [`PlotLine::decimate_into`] derived from `picks`, the picks of this line's series (see
    /// [`super::column_picks`]): the same points, at the cost of the points drawn when the picks
    /// are for this range and column count. A line owning its points decimates as usual.
    pub fn decimate_with_picks_into(
        &self,
        picks: &ColumnPicks,
        x_min: f64,
        x_max: f64,
        columns: usize,
        out: &mut Vec<[f64; 2]>,
    ) {
        match self.points {
            Points::Mapped { .. } => {
                picks.decimate_into(self.columns(), &self.blocks, x_min, x_max, columns, out);
            }
            Points::Owned { .. } => self.decimate_into(x_min, x_max, columns, out),
        }
    }

    /// [`super::decimate::m4_into`] by reading every point: the reference [`PlotLine::decimate_into`] equals.
    #[cfg(test)]
    #[must_use]
    pub fn decimate_plainly(&self, x_min: f64, x_max: f64, columns: usize) -> Vec<[f64; 2]> {
        let mut out = Vec::new();
        super::decimate::m4_into(self.columns(), x_min, x_max, columns, &mut out);
        out
    }

    /// The memory the line holds on its own, in bytes: its points and pyramid when it owns
    /// them, nothing when it reads a series and shares its pyramid.
    #[must_use]
    pub fn owned_bytes(&self) -> usize {
        match &self.points {
            Points::Owned { dates, values } => {
                dates.capacity() * size_of::<Date>()
                    + values.capacity() * size_of::<f64>()
                    + self.blocks.heap_bytes()
            }
            Points::Mapped { .. } => 0,
        }
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
mod tests {
    use super::*;
    use crate::testing::daily_series;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn x(text: &str) -> f64 {
        f64::from(d(text).day_number())
    }

    fn series(closes: &[f64]) -> Arc<Series> {
        Arc::new(daily_series(
            "A",
            crate::model::SeriesKind::Price,
            "2024-01-01",
            closes,
        ))
    }

    #[test]
    fn converts_dates_and_drops_values_that_do_not_scale() {
        let line = Line {
            dates: vec![d("2024-01-02"), d("2024-01-03"), d("2024-01-05")],
            values: vec![1.0, 0.0, 100.0],
        };
        let plot = PlotLine::from_line(line, f64::ln);
        assert_eq!(
            plot.xs().collect::<Vec<_>>(),
            [x("2024-01-02"), x("2024-01-05")]
        );
        assert_eq!(plot.ys().collect::<Vec<_>>(), [0.0, 100.0_f64.ln()]);
        assert_eq!(plot.date(1), Some(d("2024-01-05")));
        assert_eq!(plot.len(), 2);
    }

    #[test]
    fn reads_the_last_point_on_or_before_a_date() {
        let plot = PlotLine::from_columns(
            vec![d("2024-01-02"), d("2024-01-04"), d("2024-01-08")],
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

    #[test]
    fn a_mapped_line_reads_the_series_from_its_first_point() {
        let closes = [10.0, 20.0, 40.0, 5.0, 80.0];
        let a = series(&closes);
        let blocks = Arc::new(MinMaxPyramid::of(a.values()));
        let line = PlotLine::mapped(Arc::clone(&a), 1, ValueMap::Rebased { base: 20.0 }, blocks);
        assert_eq!(line.len(), 4);
        assert_eq!(line.ys().collect::<Vec<_>>(), [100.0, 200.0, 25.0, 400.0]);
        assert_eq!(line.point(0), Some([x("2024-01-02"), 100.0]));
        assert_eq!(line.point(4), None);
        assert_eq!(line.date(3), Some(d("2024-01-05")));
        // Nothing before the first point: the read-out starts there.
        assert_eq!(line.point_at(x("2024-01-01")), None);
        assert_eq!(
            line.point_at(x("2024-01-04")),
            Some([x("2024-01-04"), 25.0])
        );
        assert_eq!(line.index_range(x("2023-01-01"), x("2024-01-03")), 0..2);
        assert_eq!(
            line.points(1..3).collect::<Vec<_>>(),
            [[x("2024-01-03"), 200.0], [x("2024-01-04"), 25.0]]
        );
        assert_eq!(line.owned_bytes(), 0);
        // It shows what a copy of the rebased values shows.
        let copy = PlotLine::from_columns(a.dates()[1..].to_vec(), vec![100.0, 200.0, 25.0, 400.0]);
        assert_eq!(
            line.decimate_plainly(0.0, 1e6, 1),
            copy.decimate_plainly(0.0, 1e6, 1)
        );
        assert!(copy.owned_bytes() >= 4 * 12);
    }

    #[test]
    fn a_long_mapped_line_decimates_like_its_copy() {
        let closes: Vec<f64> = (0..20_000)
            .map(|i| 100.0 + (f64::from(i) * 0.01).sin() * 30.0 + f64::from(i % 89) * 0.1)
            .collect();
        let a = series(&closes);
        let blocks = Arc::new(MinMaxPyramid::of(a.values()));
        let first = 3_000;
        let map = ValueMap::LogRebased {
            base: closes[first],
        };
        let line = PlotLine::mapped(Arc::clone(&a), first, map, blocks);
        let copy = PlotLine::from_columns(
            a.dates()[first..].to_vec(),
            closes[first..].iter().map(|&c| map.apply(c)).collect(),
        );
        let (from, to) = (x("2024-03-01"), x("2078-01-01"));
        let mut fast = Vec::new();
        line.decimate_into(from, to, 700, &mut fast);
        assert!(
            fast.len() < 4 * 700 + 8 && fast.len() > 700,
            "{}",
            fast.len()
        );
        assert!(fast == line.decimate_plainly(from, to, 700));
        assert!(fast == copy.decimate_plainly(from, to, 700));
        assert_eq!(fast[0][0], f64::from(a.dates()[first].day_number()));
    }
}
