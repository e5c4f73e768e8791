//! M4 decimation: per pixel column of the visible x-range, keep the first, last, lowest and
//! highest point, so a line drawn from the result looks exactly like the line through every
//! point — peaks and drops are never lost — while the plot handles at most four points per pixel.

use crate::model::Date;

use super::value_map::ValueMap;

/// A stored x coordinate: a plain number, or a date standing for its day number.
pub trait ChartX: Copy {
    /// The x on the chart.
    fn chart_x(self) -> f64;
}

impl ChartX for f64 {
    fn chart_x(self) -> f64 {
        self
    }
}

impl ChartX for Date {
    fn chart_x(self) -> f64 {
        f64::from(self.day_number())
    }
}

/// A line's columns as decimation reads them: `xs` ascending with one `ys` each, of which the
/// points from index `first` on belong to the line, each y shown as `map` gives it. The map never
/// lowers a larger value, so the extremes of the stored values are those of the shown ones and
/// the columns can be a series' own, shared rather than copied.
#[derive(Clone, Copy, Debug)]
pub struct LineColumns<'a, X> {
    /// The x coordinates, ascending.
    pub xs: &'a [X],
    /// The stored values.
    pub ys: &'a [f64],
    /// The index of the line's first point.
    pub first: usize,
    /// How a stored value is shown.
    pub map: ValueMap,
}

impl<'a, X: ChartX> LineColumns<'a, X> {
    /// Every point of `xs` and `ys`, shown as stored.
    #[must_use]
    pub fn plain(xs: &'a [X], ys: &'a [f64]) -> LineColumns<'a, X> {
        LineColumns {
            xs,
            ys,
            first: 0,
            map: ValueMap::Identity,
        }
    }

    /// One past the last index of the line.
    #[must_use]
    pub fn end(&self) -> usize {
        self.xs.len().min(self.ys.len())
    }

    /// The x of the point at `index`.
    #[must_use]
    pub fn x(&self, index: usize) -> f64 {
        self.xs[index].chart_x()
    }

    /// The point at `index`, its y shown through the map.
    #[must_use]
    pub fn point(&self, index: usize) -> [f64; 2] {
        [self.x(index), self.map.apply(self.ys[index])]
    }

    /// The indexes of the line's points with `from ≤ x ≤ to`.
    #[must_use]
    pub fn index_range(&self, from: f64, to: f64) -> std::ops::Range<usize> {
        let xs = self.xs.get(self.first..self.end()).unwrap_or(&[]);
        let start = self.first + xs.partition_point(|x| x.chart_x() < from);
        let end = self.first + xs.partition_point(|x| x.chart_x() <= to);
        start..end.max(start)
    }
}

/// Appends to `out` the points of `line` that a `columns`-pixel-wide chart of the x-range
/// `[x_min, x_max]` needs: every point when there are few, otherwise the first, last, minimum and
/// maximum of each pixel column, in x order. One point on each side outside the range is kept so
/// the line runs to the chart's edges.
pub fn m4_into<X: ChartX>(
    line: LineColumns<'_, X>,
    x_min: f64,
    x_max: f64,
    columns: usize,
    out: &mut Vec<[f64; 2]>,
) {
    let Some(DecimationSpan {
        start,
        end,
        columns,
    }) = span_to_decimate(line, x_min, x_max, columns, out)
    else {
        return;
    };
    let ys = line.ys;
    let width = (x_max - x_min) / columns as f64;
    let bucket_of = |x: f64| -> i64 {
        if width <= 0.0 {
            return 0;
        }
        ((x - x_min) / width).floor() as i64
    };
    let mut i = start;
    while i < end {
        let bucket = bucket_of(line.x(i));
        let first = i;
        let (mut low, mut high) = (i, i);
        let mut j = i + 1;
        while j < end && bucket_of(line.x(j)) == bucket {
            if ys[j] < ys[low] {
                low = j;
            }
            if ys[j] > ys[high] {
                high = j;
            }
            j += 1;
        }
        push_in_order(line, [first, low, high, j - 1], out);
        i = j;
    }
}

/// Appends the points at `picks` (first, lowest, highest, last of a column), each once, in x
/// order.
pub(crate) fn push_in_order<X: ChartX>(
    line: LineColumns<'_, X>,
    mut picks: [usize; 4],
    out: &mut Vec<[f64; 2]>,
) {
    picks.sort_unstable();
    let mut previous = usize::MAX;
    for index in picks {
        if index != previous {
            out.push(line.point(index));
            previous = index;
        }
    }
}

/// The points an M4 pass has to reduce: indices `start..end` into both columns, drawn in
/// `columns` pixel columns (at least one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DecimationSpan {
    pub start: usize,
    pub end: usize,
    pub columns: usize,
}

/// The part every M4 variant shares: the line's points within `[x_min, x_max]` plus one on each
/// side. When there are no more than four per column they are appended to `out` as they are and
/// `None` is returned (nothing to reduce), as it is when none is visible or the range is not a
/// range.
pub(crate) fn span_to_decimate<X: ChartX>(
    line: LineColumns<'_, X>,
    x_min: f64,
    x_max: f64,
    columns: usize,
    out: &mut Vec<[f64; 2]>,
) -> Option<DecimationSpan> {
    let n = line.end();
    if line.first >= n || x_max.is_nan() || x_min.is_nan() || x_max < x_min {
        return None;
    }
    let inside = line.index_range(x_min, x_max);
    let start = inside.start.saturating_sub(1).max(line.first);
    let end = (inside.end + 1).min(n);
    if start >= end {
        return None;
    }
    let columns = columns.max(1);
    if end - start <= columns * 4 {
        out.extend((start..end).map(|i| line.point(i)));
        return None;
    }
    Some(DecimationSpan {
        start,
        end,
        columns,
    })
}

/// [`m4_into`] of plain columns into a new vector.
#[must_use]
pub fn m4(xs: &[f64], ys: &[f64], x_min: f64, x_max: f64, columns: usize) -> Vec<[f64; 2]> {
    let mut out = Vec::new();
    m4_into(LineColumns::plain(xs, ys), x_min, x_max, columns, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn few_points_pass_through() {
        let xs = [0.0, 1.0, 2.0];
        let ys = [5.0, 6.0, 7.0];
        assert_eq!(
            m4(&xs, &ys, 0.0, 2.0, 100),
            vec![[0.0, 5.0], [1.0, 6.0], [2.0, 7.0]]
        );
    }

    #[test]
    fn keeps_one_point_beyond_each_edge() {
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let ys = xs.clone();
        assert_eq!(
            m4(&xs, &ys, 3.5, 5.5, 100),
            vec![[3.0, 3.0], [4.0, 4.0], [5.0, 5.0], [6.0, 6.0]]
        );
    }

    #[test]
    fn a_spike_survives_decimation() {
        let xs: Vec<f64> = (0..100_000).map(f64::from).collect();
        let mut ys = vec![1.0; 100_000];
        ys[54_321] = 99.0;
        ys[12_345] = -50.0;
        let out = m4(&xs, &ys, 0.0, 99_999.0, 100);
        assert!(out.len() <= 400);
        assert!(out.contains(&[54_321.0, 99.0]));
        assert!(out.contains(&[12_345.0, -50.0]));
        assert_eq!(out.first(), Some(&[0.0, 1.0]));
        assert_eq!(out.last(), Some(&[99_999.0, 1.0]));
    }

    proptest! {
        #[test]
        fn keeps_every_column_extreme_and_the_range_ends(
            ys in prop::collection::vec(-1000.0f64..1000.0, 1..3000),
            columns in 1usize..200,
            from in 0.0f64..0.5,
            to in 0.5f64..1.0,
        ) {
            let n = ys.len();
            let xs: Vec<f64> = (0..n).map(|i| i as f64).collect();
            let (x_min, x_max) = (from * n as f64, to * n as f64);
            let out = m4(&xs, &ys, x_min, x_max, columns);
            // Brute force: the points inside the range, grouped by pixel column.
            let inside: Vec<usize> = (0..n).filter(|&i| xs[i] >= x_min && xs[i] <= x_max).collect();
            if inside.len() + 2 > columns * 4 {
                prop_assert!(out.len() <= columns * 4 + 8);
            }
            let width = (x_max - x_min) / columns as f64;
            let mut by_column: std::collections::BTreeMap<i64, Vec<usize>> = Default::default();
            for &i in &inside {
                by_column.entry(((xs[i] - x_min) / width).floor() as i64).or_default().push(i);
            }
            for members in by_column.values() {
                let low = members.iter().map(|&i| ys[i]).fold(f64::INFINITY, f64::min);
                let high = members.iter().map(|&i| ys[i]).fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(out.iter().any(|p| p[1] == low && members.iter().any(|&i| xs[i] == p[0])));
                prop_assert!(out.iter().any(|p| p[1] == high && members.iter().any(|&i| xs[i] == p[0])));
            }
            if let (Some(&first), Some(&last)) = (inside.first(), inside.last()) {
                prop_assert!(out.contains(&[xs[first], ys[first]]));
                prop_assert!(out.contains(&[xs[last], ys[last]]));
            }
            prop_assert!(out.windows(2).all(|w| w[0][0] < w[1][0]));
        }
    }
}
