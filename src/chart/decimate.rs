//! M4 decimation: per pixel column of the visible x-range, keep the first, last, lowest and
//! highest point, so a line drawn from the result looks exactly like the line through every
//! point — peaks and drops are never lost — while the plot handles at most four points per pixel.

/// Appends to `out` the points of (`xs`, `ys`) that a `columns`-pixel-wide chart of the x-range
/// `[x_min, x_max]` needs: every point when there are few, otherwise the first, last, minimum and
/// maximum of each pixel column, in x order. One point on each side outside the range is kept so
/// the line runs to the chart's edges. `xs` must be sorted ascending.
pub fn m4_into(
    xs: &[f64],
    ys: &[f64],
    x_min: f64,
    x_max: f64,
    columns: usize,
    out: &mut Vec<[f64; 2]>,
) {
    let Some(DecimationSpan {
        start,
        end,
        columns,
    }) = span_to_decimate(xs, ys, x_min, x_max, columns, out)
    else {
        return;
    };
    let width = (x_max - x_min) / columns as f64;
    let bucket_of = |x: f64| -> i64 {
        if width <= 0.0 {
            return 0;
        }
        ((x - x_min) / width).floor() as i64
    };
    let mut i = start;
    while i < end {
        let bucket = bucket_of(xs[i]);
        let first = i;
        let (mut low, mut high) = (i, i);
        let mut j = i + 1;
        while j < end && bucket_of(xs[j]) == bucket {
            if ys[j] < ys[low] {
                low = j;
            }
            if ys[j] > ys[high] {
                high = j;
            }
            j += 1;
        }
        let last = j - 1;
        let mut picks = [first, low, high, last];
        picks.sort_unstable();
        let mut previous = usize::MAX;
        for index in picks {
            if index != previous {
                out.push([xs[index], ys[index]]);
                previous = index;
            }
        }
        i = j;
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

/// The part every M4 variant shares: the visible points of (`xs`, `ys`) within
/// `[x_min, x_max]` plus one on each side. When there are no more than four per column they are
/// appended to `out` as they are and `None` is returned (nothing to reduce), as it is when none
/// is visible or the range is not a range.
pub(crate) fn span_to_decimate(
    xs: &[f64],
    ys: &[f64],
    x_min: f64,
    x_max: f64,
    columns: usize,
    out: &mut Vec<[f64; 2]>,
) -> Option<DecimationSpan> {
    let n = xs.len().min(ys.len());
    if n == 0 || x_max.is_nan() || x_min.is_nan() || x_max < x_min {
        return None;
    }
    let start = xs[..n].partition_point(|&x| x < x_min).saturating_sub(1);
    let end = (xs[..n].partition_point(|&x| x <= x_max) + 1).min(n);
    if start >= end {
        return None;
    }
    let columns = columns.max(1);
    if end - start <= columns * 4 {
        out.extend((start..end).map(|i| [xs[i], ys[i]]));
        return None;
    }
    Some(DecimationSpan {
        start,
        end,
        columns,
    })
}

/// [`m4_into`] into a new vector.
#[must_use]
pub fn m4(xs: &[f64], ys: &[f64], x_min: f64, x_max: f64, columns: usize) -> Vec<[f64; 2]> {
    let mut out = Vec::new();
    m4_into(xs, ys, x_min, x_max, columns, &mut out);
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
