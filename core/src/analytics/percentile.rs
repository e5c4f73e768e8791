//! Where a value stands within a window of past values: its percentile rank, and the window's
//! percentile levels for chart bands.

/// The percentile rank of `v` within `window`: `100 × (#{x < v} + 0.5 × #{x = v}) / n`, in
/// [0, 100]; `None` for an empty window.
#[must_use]
pub fn percentile_rank(window: &[f64], v: f64) -> Option<f64> {
    if window.is_empty() {
        return None;
    }
    let (below, equal) = window.iter().fold((0usize, 0usize), |(below, equal), &x| {
        if x < v {
            (below + 1, equal)
        } else if x == v {
            (below, equal + 1)
        } else {
            (below, equal)
        }
    });
    Some(100.0 * (below as f64 + 0.5 * equal as f64) / window.len() as f64)
}

/// The `q`-quantile (0 ≤ q ≤ 1) of ascending `sorted` values, interpolating linearly between
/// order statistics at position `q × (n − 1)` (numpy's default method); `None` when empty.
#[must_use]
pub fn quantile_of_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let (below, fraction) = position(q, last);
    Some(interpolate(
        sorted[below],
        sorted[(below + 1).min(last)],
        fraction,
    ))
}

/// As [`quantile_of_sorted`] for values in any order, which it reorders: it selects the two
/// order statistics it needs (linear time) instead of sorting.
#[must_use]
pub fn quantile_of_unsorted(values: &mut [f64], q: f64) -> Option<f64> {
    let last = values.len().checked_sub(1)?;
    let (below, fraction) = position(q, last);
    let (_, low, above) = values.select_nth_unstable_by(below, f64::total_cmp);
    let low = *low;
    let high = above.iter().copied().min_by(f64::total_cmp).unwrap_or(low);
    Some(interpolate(low, high, fraction))
}

/// The order statistic below `q × last` and the fraction of the way to the next.
fn position(q: f64, last: usize) -> (usize, f64) {
    let position = q.clamp(0.0, 1.0) * last as f64;
    let below = (position.floor() as usize).min(last);
    (below, position - below as f64)
}

/// Interpolates from the nearer end, as numpy does, so both ends are reproduced exactly.
fn interpolate(low: f64, high: f64, fraction: f64) -> f64 {
    let step = high - low;
    if fraction >= 0.5 {
        high - step * (1.0 - fraction)
    } else {
        low + step * fraction
    }
}

/// The 10th, 50th and 90th percentile levels of a window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bands {
    /// The 10th percentile level.
    pub p10: f64,
    /// The median.
    pub p50: f64,
    /// The 90th percentile level.
    pub p90: f64,
}

impl Bands {
    /// The bands of `window` (any order); `None` when empty.
    #[must_use]
    pub fn of(window: &[f64]) -> Option<Bands> {
        let mut values = window.to_vec();
        Some(Bands {
            p10: quantile_of_unsorted(&mut values, 0.1)?,
            p50: quantile_of_unsorted(&mut values, 0.5)?,
            p90: quantile_of_unsorted(&mut values, 0.9)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_counts_below_and_half_of_ties() {
        let window = [1.0, 2.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile_rank(&window, 2.0), Some(40.0));
        assert_eq!(percentile_rank(&window, 0.5), Some(0.0));
        assert_eq!(percentile_rank(&window, 9.0), Some(100.0));
        assert_eq!(percentile_rank(&window, 3.5), Some(80.0));
        assert_eq!(percentile_rank(&[], 1.0), None);
        assert_eq!(
            percentile_rank(&[-5.2, 0.0, -1.0], 0.0),
            Some(100.0 * 2.5 / 3.0)
        );
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let sorted = [1.0, 2.0, 4.0, 8.0, 16.0];
        // Positions 0.4, 2.0, 3.6 (q × 4).
        assert!((quantile_of_sorted(&sorted, 0.1).unwrap() - 1.4).abs() < 1e-15);
        assert_eq!(quantile_of_sorted(&sorted, 0.5), Some(4.0));
        assert!((quantile_of_sorted(&sorted, 0.9).unwrap() - 12.8).abs() < 1e-12);
        assert_eq!(quantile_of_sorted(&[7.0], 0.9), Some(7.0));
        assert_eq!(quantile_of_sorted(&[], 0.5), None);
        let bands = Bands::of(&[16.0, 1.0, 8.0, 2.0, 4.0]).unwrap();
        assert_eq!(bands.p10, quantile_of_sorted(&sorted, 0.1).unwrap());
        assert_eq!(bands.p50, 4.0);
        assert_eq!(bands.p90, quantile_of_sorted(&sorted, 0.9).unwrap());
        let mut ties = [3.0, 1.0, 3.0, 3.0, 2.0, 3.0];
        assert_eq!(quantile_of_unsorted(&mut ties, 0.1), Some(1.5));
        assert_eq!(quantile_of_unsorted(&mut ties, 0.9), Some(3.0));
        assert_eq!(quantile_of_unsorted(&mut [], 0.5), None);
    }
}
