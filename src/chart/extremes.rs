//! Block extremes: for every block of consecutive points, where its lowest and highest values
//! are. Computed once per line, they let M4 decimation read a few entries per pixel column
//! instead of every point, with exactly the same result as [`super::decimate::m4_into`].

/// Points per block: small enough that a pixel column's partial blocks are cheap to scan,
/// large enough that the index is a small fraction of the data.
pub const BLOCK: usize = 64;

/// The index of the first lowest and the first highest value of each block of [`BLOCK`] points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockExtremes {
    low: Vec<u32>,
    high: Vec<u32>,
}

impl BlockExtremes {
    /// Indexes `ys` (at most `u32::MAX` points; later points are left to plain scanning).
    #[must_use]
    pub fn of(ys: &[f64]) -> BlockExtremes {
        let indexed = ys.len().min(u32::MAX as usize);
        let blocks = indexed / BLOCK;
        let mut low = Vec::with_capacity(blocks);
        let mut high = Vec::with_capacity(blocks);
        for block in 0..blocks {
            let start = block * BLOCK;
            let (l, h) = scan(ys, start, start + BLOCK);
            low.push(l as u32);
            high.push(h as u32);
        }
        BlockExtremes { low, high }
    }

    /// The first lowest and first highest index within `start..end` (non-empty).
    #[must_use]
    pub fn extremes(&self, ys: &[f64], start: usize, end: usize) -> (usize, usize) {
        let first_full = start.div_ceil(BLOCK);
        let last_full = (end / BLOCK).min(self.low.len());
        if first_full >= last_full {
            return scan(ys, start, end);
        }
        let (mut low, mut high) = scan(ys, start, (first_full * BLOCK).max(start + 1));
        for block in first_full..last_full {
            let (l, h) = (self.low[block] as usize, self.high[block] as usize);
            // Strict comparisons keep the earliest index on a tie, as a plain scan does.
            if ys[l] < ys[low] {
                low = l;
            }
            if ys[h] > ys[high] {
                high = h;
            }
        }
        let tail = last_full * BLOCK;
        if tail < end {
            let (l, h) = scan(ys, tail, end);
            if ys[l] < ys[low] {
                low = l;
            }
            if ys[h] > ys[high] {
                high = h;
            }
        }
        (low, high)
    }
}

/// The first lowest and first highest index of `ys[start..end]` (non-empty).
fn scan(ys: &[f64], start: usize, end: usize) -> (usize, usize) {
    let (mut low, mut high) = (start, start);
    for (offset, &y) in ys[start + 1..end].iter().enumerate() {
        if y < ys[low] {
            low = start + 1 + offset;
        }
        if y > ys[high] {
            high = start + 1 + offset;
        }
    }
    (low, high)
}

/// [`super::decimate::m4_into`] using the block extremes of `ys`: the same points, in the same
/// order, reading only the partial blocks at each pixel column's edges.
pub fn m4_blocks_into(
    xs: &[f64],
    ys: &[f64],
    blocks: &BlockExtremes,
    x_min: f64,
    x_max: f64,
    columns: usize,
    out: &mut Vec<[f64; 2]>,
) {
    let n = xs.len().min(ys.len());
    if n == 0 || x_max.is_nan() || x_min.is_nan() || x_max < x_min {
        return;
    }
    let start = xs[..n].partition_point(|&x| x < x_min).saturating_sub(1);
    let end = (xs[..n].partition_point(|&x| x <= x_max) + 1).min(n);
    if start >= end {
        return;
    }
    let columns = columns.max(1);
    if end - start <= columns * 4 {
        out.extend((start..end).map(|i| [xs[i], ys[i]]));
        return;
    }
    let width = (x_max - x_min) / columns as f64;
    // Rounded division is monotone in x, so each column is a contiguous run found by bisection.
    let bucket_of = |x: f64| -> i64 {
        if width <= 0.0 {
            return 0;
        }
        ((x - x_min) / width).floor() as i64
    };
    let mut i = start;
    while i < end {
        let bucket = bucket_of(xs[i]);
        let j = i + 1 + xs[i + 1..end].partition_point(|&x| bucket_of(x) <= bucket);
        let (low, high) = blocks.extremes(ys, i, j);
        let mut picks = [i, low, high, j - 1];
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::chart::decimate::m4;

    #[test]
    fn block_extremes_find_the_first_lowest_and_highest() {
        let mut ys = vec![5.0; 300];
        ys[70] = 1.0;
        ys[200] = 1.0;
        ys[130] = 9.0;
        ys[131] = 9.0;
        let blocks = BlockExtremes::of(&ys);
        assert_eq!(blocks.extremes(&ys, 0, 300), (70, 130));
        assert_eq!(blocks.extremes(&ys, 71, 300), (200, 130));
        assert_eq!(blocks.extremes(&ys, 3, 5), (3, 3));
        assert_eq!(blocks.extremes(&ys, 131, 299), (200, 131));
    }

    #[test]
    fn equals_plain_m4_on_a_long_line() {
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|i| f64::from(i) * 1.5).collect();
        let ys: Vec<f64> = (0..n)
            .map(|i| (f64::from(i) * 0.001).sin() * 100.0 + f64::from(i % 97))
            .collect();
        let blocks = BlockExtremes::of(&ys);
        for (from, to, columns) in [
            (0.0, 300_000.0, 1600),
            (1234.5, 99_999.0, 777),
            (5.0, 6.0, 3),
        ] {
            let mut out = Vec::new();
            m4_blocks_into(&xs, &ys, &blocks, from, to, columns, &mut out);
            let plain = m4(&xs, &ys, from, to, columns);
            assert_eq!(out.len(), plain.len());
            assert!(out == plain, "differs from plain M4 on {from}..{to}");
        }
    }

    proptest! {
        #[test]
        fn same_points_as_plain_m4(
            ys in prop::collection::vec(-50.0f64..50.0, 1..5000),
            columns in 1usize..300,
            from in -0.2f64..0.6,
            to in 0.4f64..1.2,
            round in any::<bool>(),
        ) {
            // Rounded values make ties, which must resolve to the same (earliest) index.
            let ys: Vec<f64> = if round { ys.iter().map(|y| y.round()).collect() } else { ys };
            let n = ys.len();
            let xs: Vec<f64> = (0..n).map(|i| i as f64 * 0.7).collect();
            let span = n as f64 * 0.7;
            let blocks = BlockExtremes::of(&ys);
            let mut out = Vec::new();
            m4_blocks_into(&xs, &ys, &blocks, from * span, to * span, columns, &mut out);
            prop_assert_eq!(out, m4(&xs, &ys, from * span, to * span, columns));
        }
    }
}
