//! How wide a decimation column is when many lines share a plot.
//!
//! M4 keeps at most four points per pixel column of each line, so the plot receives about
//! `4 × width` points per long line: with hundreds of lines that is millions of points a frame,
//! far more than the eye can tell apart where the lines overlap. When the points all shown lines
//! would hand the plot exceed [`DEFAULT_POINT_BUDGET`], each decimation column spans 2, 4, 8, …
//! pixels instead of one — the smallest power of two that fits the budget, at most
//! [`MAX_PIXELS_PER_COLUMN`]. It is still M4: every wider column keeps its first, last, lowest
//! and highest point, so no peak or drop is lost, only the detail between them within the
//! column. A line that must stay exact (the one the pointer is on) is decimated per pixel.

/// The most points all lines of a frame hand the plot before the decimation columns widen.
pub const DEFAULT_POINT_BUDGET: usize = 100_000;

/// The widest a decimation column gets, in pixels.
pub const MAX_PIXELS_PER_COLUMN: usize = 64;

/// How many points M4 keeps of a line with `visible` points in `columns` columns: every point
/// when there are no more than four per column, otherwise at most four per column.
#[must_use]
pub fn points_kept(visible: usize, columns: usize) -> usize {
    visible.min(4 * columns.max(1))
}

/// The pixels each decimation column spans for a plot `width_px` wide whose shown lines have
/// `visible` points each in the visible range: the smallest power of two (1 included) for which
/// the points kept by all lines fit `budget`, at most [`MAX_PIXELS_PER_COLUMN`].
#[must_use]
pub fn pixels_per_column(visible: &[usize], width_px: usize, budget: usize) -> usize {
    let width = width_px.max(1);
    let mut pixels = 1;
    while pixels < MAX_PIXELS_PER_COLUMN {
        let columns = width.div_ceil(pixels);
        let total: usize = visible.iter().map(|&n| points_kept(n, columns)).sum();
        if total <= budget {
            break;
        }
        pixels *= 2;
    }
    pixels
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::decimate::{LineColumns, m4};
    use crate::chart::pyramid::{MinMaxPyramid, m4_pyramid_into};

    #[test]
    fn few_points_keep_one_column_per_pixel() {
        // 10 lines × 1 M points at 1 600 px: 10 × 6 400 = 64 000 points, within the budget.
        assert_eq!(
            pixels_per_column(&[1_000_000; 10], 1600, DEFAULT_POINT_BUDGET),
            1
        );
        // Short lines keep every point while all of them fit the budget: 500 × 150 = 75 000.
        assert_eq!(
            pixels_per_column(&[150; 500], 1000, DEFAULT_POINT_BUDGET),
            1
        );
        // 500 × 300 = 150 000 do not: up to 8 px columns every point is still kept, 16 px
        // columns keep 252 a line (126 000), 32 px columns 128 (64 000).
        assert_eq!(
            pixels_per_column(&[300; 500], 1000, DEFAULT_POINT_BUDGET),
            32
        );
        assert_eq!(pixels_per_column(&[], 1000, DEFAULT_POINT_BUDGET), 1);
    }

    #[test]
    fn many_long_lines_widen_the_columns_to_fit_the_budget() {
        // 500 lines × 7 600 points at 1 000 px: 4 000 points a line per pixel (2 M), 2 000 per
        // 2 px (1 M), 1 000 per 4 px, 500 per 8 px, 252 per 16 px (126 000), 128 per 32 px
        // (64 000 ≤ 100 000).
        assert_eq!(
            pixels_per_column(&[7_600; 500], 1000, DEFAULT_POINT_BUDGET),
            32
        );
        let columns = 1000_usize.div_ceil(32);
        assert_eq!(500 * points_kept(7_600, columns), 64_000);
        // At 16 px it would not fit.
        assert_eq!(500 * points_kept(7_600, 63), 126_000);
        // A budget below what the widest columns keep stops at the widest.
        assert_eq!(
            pixels_per_column(&[1_000_000; 500], 1000, 10),
            MAX_PIXELS_PER_COLUMN
        );
        assert_eq!(points_kept(3, 10), 3);
        assert_eq!(points_kept(100, 10), 40);
    }

    #[test]
    fn wider_columns_keep_every_columns_lowest_and_highest_point() {
        let xs: Vec<f64> = (0..7_600).map(f64::from).collect();
        let ys: Vec<f64> = (0..7_600_u32)
            .map(|i| (f64::from(i) * 0.37).sin() * 50.0 + f64::from(i % 97) - f64::from(i % 13))
            .collect();
        let width_px = 1000;
        let pixels = pixels_per_column(&[7_600; 500], width_px, DEFAULT_POINT_BUDGET);
        assert_eq!(pixels, 32);
        let columns = width_px.div_ceil(pixels);
        let (x_min, x_max) = (0.0, 7_599.0);
        let kept = m4(&xs, &ys, x_min, x_max, columns);
        assert!(kept.len() <= 4 * columns + 2, "{}", kept.len());
        // The pyramid's decimation is the same.
        let mut fast = Vec::new();
        let pyramid = MinMaxPyramid::of(&ys);
        m4_pyramid_into(
            LineColumns::plain(&xs, &ys),
            &pyramid,
            x_min,
            x_max,
            columns,
            &mut fast,
        );
        assert!(fast == kept);
        // Each wider column's lowest and highest point is among those kept.
        let width = (x_max - x_min) / columns as f64;
        for column in 0..columns {
            let inside: Vec<[f64; 2]> = xs
                .iter()
                .zip(&ys)
                .filter(|(x, _)| ((*x - x_min) / width).floor() as usize == column)
                .map(|(x, y)| [*x, *y])
                .collect();
            let low = inside.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
            let high = inside
                .iter()
                .map(|p| p[1])
                .fold(f64::NEG_INFINITY, f64::max);
            assert!(
                kept.iter()
                    .any(|p| p[1] == low && inside.iter().any(|q| q == p)),
                "column {column} lost its low {low}"
            );
            assert!(
                kept.iter()
                    .any(|p| p[1] == high && inside.iter().any(|q| q == p)),
                "column {column} lost its high {high}"
            );
        }
        // The line's overall extremes are kept.
        let lowest = ys.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(kept.iter().any(|p| p[1] == lowest));
        assert!(kept.iter().any(|p| p[1] == highest));
    }
}
