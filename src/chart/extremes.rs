//! Block extremes: for every block of consecutive points, its first x and where its lowest and
//! highest values are. Computed once per line, they let M4 decimation find each pixel column's
//! edges and extremes by reading a few entries per column instead of every point, with exactly
//! the same result as [`super::decimate::m4_into`].

/// Points per block: small enough that a pixel column's partial blocks are cheap to scan,
/// large enough that the index is a small fraction of the data.
pub const BLOCK: usize = 16;

/// Per block of [`BLOCK`] points: the x of its first point, and the value and index of its
/// first lowest and first highest point — so that comparing blocks reads only this index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockExtremes {
    starts: Vec<f64>,
    low: Vec<(f64, u32)>,
    high: Vec<(f64, u32)>,
}

impl BlockExtremes {
    /// Indexes a line (`xs` ascending, one `ys` per x; at most `u32::MAX` points are indexed,
    /// later ones are left to plain scanning).
    #[must_use]
    pub fn of(xs: &[f64], ys: &[f64]) -> BlockExtremes {
        let indexed = xs.len().min(ys.len()).min(u32::MAX as usize);
        let blocks = indexed / BLOCK;
        let mut index = BlockExtremes {
            starts: Vec::with_capacity(blocks),
            low: Vec::with_capacity(blocks),
            high: Vec::with_capacity(blocks),
        };
        for block in 0..blocks {
            let start = block * BLOCK;
            let (l, h) = scan(ys, start, start + BLOCK);
            index.starts.push(xs[start]);
            index.low.push((ys[l], l as u32));
            index.high.push((ys[h], h as u32));
        }
        index
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
        let (mut low_value, mut high_value) = (ys[low], ys[high]);
        // Strict comparisons keep the earliest index on a tie, as a plain scan does.
        for &(value, index) in &self.low[first_full..last_full] {
            if value < low_value {
                low_value = value;
                low = index as usize;
            }
        }
        for &(value, index) in &self.high[first_full..last_full] {
            if value > high_value {
                high_value = value;
                high = index as usize;
            }
        }
        let tail = last_full * BLOCK;
        if tail < end {
            let (l, h) = scan(ys, tail, end);
            if ys[l] < low_value {
                low = l;
            }
            if ys[h] > high_value {
                high = h;
            }
        }
        (low, high)
    }

    /// The first index `j` in `start + 1..=end` where `within(xs[j])` is false (`end` when it
    /// holds throughout), `within` being true up to some x and false after. Searches the block
    /// starts outward from `start`, then bisects one block of `xs`.
    #[must_use]
    pub fn column_end(
        &self,
        xs: &[f64],
        start: usize,
        end: usize,
        within: impl Fn(f64) -> bool,
    ) -> usize {
        let first_block = (start / BLOCK + 1).min(self.starts.len());
        let last_block = self.starts.len().min(end.div_ceil(BLOCK)).max(first_block);
        let k = first_block + leading(&self.starts[first_block..last_block], &within);
        // The change lies between the start of block k − 1 and the start of block k.
        let low = (k.saturating_sub(1) * BLOCK).max(start + 1).min(end);
        let high = if k < last_block { k * BLOCK } else { end };
        low + xs[low..high.max(low)].partition_point(|&x| within(x))
    }
}

/// How many leading `values` satisfy `within` (true up to some point, false after), searching
/// outward from the first so that a short run costs a few reads.
fn leading(values: &[f64], within: impl Fn(f64) -> bool) -> usize {
    let mut bound = 1;
    while bound < values.len() && within(values[bound - 1]) {
        bound *= 2;
    }
    let low = bound / 2;
    let high = bound.min(values.len());
    low + values[low..high].partition_point(|&x| within(x))
}

/// The first lowest and first highest index of `ys[start..end]` (non-empty).
fn scan(ys: &[f64], start: usize, end: usize) -> (usize, usize) {
    let (mut low, mut high) = (start, start);
    let (mut low_value, mut high_value) = (ys[start], ys[start]);
    for (offset, &y) in ys[start + 1..end].iter().enumerate() {
        if y < low_value {
            low_value = y;
            low = start + 1 + offset;
        }
        if y > high_value {
            high_value = y;
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
    // A point's column is floor((x − x_min) / width), as in plain M4. Rounded division is
    // monotone in x, so each column is a contiguous run; and floor(p) ≤ c exactly when p < c + 1,
    // which finds the run's end without rounding every point.
    let position = |x: f64| (x - x_min) / width;
    let mut i = start;
    while i < end {
        let limit = if width > 0.0 {
            position(xs[i]).floor() + 1.0
        } else {
            f64::INFINITY
        };
        let j = blocks.column_end(xs, i, end, |x| width <= 0.0 || position(x) < limit);
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
        let xs: Vec<f64> = (0..300).map(|i| f64::from(i) * 2.0).collect();
        let blocks = BlockExtremes::of(&xs, &ys);
        assert_eq!(blocks.extremes(&ys, 0, 300), (70, 130));
        assert_eq!(blocks.extremes(&ys, 71, 300), (200, 130));
        assert_eq!(blocks.extremes(&ys, 3, 5), (3, 3));
        assert_eq!(blocks.extremes(&ys, 131, 299), (200, 131));
    }

    #[test]
    fn column_ends_are_found_from_the_block_starts() {
        let xs: Vec<f64> = (0..300).map(|i| f64::from(i) * 2.0).collect();
        let ys = vec![0.0; 300];
        let blocks = BlockExtremes::of(&xs, &ys);
        for (start, end, limit) in [
            (0, 300, 99.0),
            (0, 300, 1.0),
            (5, 300, 11.0),
            (5, 40, 599.0),
            (250, 300, 1000.0),
            (290, 300, 585.0),
            (17, 300, 33.0),
            (17, 300, 34.0),
        ] {
            let expected = (start + 1..end).find(|&j| xs[j] > limit).unwrap_or(end);
            assert_eq!(
                blocks.column_end(&xs, start, end, |x| x <= limit),
                expected,
                "{start}..{end} up to {limit}"
            );
        }
    }

    #[test]
    fn equals_plain_m4_on_a_long_line() {
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|i| f64::from(i) * 1.5).collect();
        let ys: Vec<f64> = (0..n)
            .map(|i| (f64::from(i) * 0.001).sin() * 100.0 + f64::from(i % 97))
            .collect();
        let blocks = BlockExtremes::of(&xs, &ys);
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
            let blocks = BlockExtremes::of(&xs, &ys);
            let mut out = Vec::new();
            m4_blocks_into(&xs, &ys, &blocks, from * span, to * span, columns, &mut out);
            prop_assert_eq!(out, m4(&xs, &ys, from * span, to * span, columns));
        }
    }
}
