//! Block extremes: for every block of consecutive points, its first x and where its lowest and
//! highest values are. Computed once per line (or per series, for the lines that show a series'
//! own values), they let M4 decimation find each pixel column's
//! edges and extremes by reading a few entries per column instead of every point, with exactly
//! the same result as [`super::decimate::m4_into`].

use super::decimate::{ChartX, DecimationSpan, LineColumns, push_in_order, span_to_decimate};

/// Points per block: small enough that a pixel column's partial blocks are cheap to scan,
/// large enough that the index is a small fraction of the data.
pub const BLOCK: usize = 32;

/// Per block of [`BLOCK`] points: the x of its first point, and the value and index of its
/// first lowest and first highest point — so that comparing blocks reads only this index. The
/// values are kept apart from the indexes so that finding a column's extremes reads them in
/// one tight pass.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockExtremes {
    starts: Vec<f64>,
    lows: Vec<f64>,
    highs: Vec<f64>,
    low_at: Vec<u32>,
    high_at: Vec<u32>,
}

impl BlockExtremes {
    /// Indexes a line (`xs` ascending, one `ys` per x; at most `u32::MAX` points are indexed,
    /// later ones are left to plain scanning).
    #[must_use]
    pub fn of<X: ChartX>(xs: &[X], ys: &[f64]) -> BlockExtremes {
        let indexed = xs.len().min(ys.len()).min(u32::MAX as usize);
        let count = indexed / BLOCK;
        let mut index = BlockExtremes {
            starts: Vec::with_capacity(count),
            lows: Vec::with_capacity(count),
            highs: Vec::with_capacity(count),
            low_at: Vec::with_capacity(count),
            high_at: Vec::with_capacity(count),
        };
        for block in 0..count {
            let start = block * BLOCK;
            let (l, h) = scan(ys, start, start + BLOCK);
            index.starts.push(xs[start].chart_x());
            index.lows.push(ys[l]);
            index.highs.push(ys[h]);
            index.low_at.push(l as u32);
            index.high_at.push(h as u32);
        }
        index
    }

    /// The first lowest and first highest index within `start..end` (non-empty).
    #[must_use]
    pub fn extremes(&self, ys: &[f64], start: usize, end: usize) -> (usize, usize) {
        let first_full = start.div_ceil(BLOCK);
        let last_full = (end / BLOCK).min(self.lows.len());
        if first_full >= last_full {
            return scan(ys, start, end);
        }
        let (mut low, mut high) = scan(ys, start, (first_full * BLOCK).max(start + 1));
        let (mut low_value, mut high_value) = (ys[low], ys[high]);
        // The full blocks' extremes first, without branching on each block, then the first
        // block holding each; strict comparisons keep the earliest index on a tie, as a plain
        // scan does.
        let (lows, highs) = (
            &self.lows[first_full..last_full],
            &self.highs[first_full..last_full],
        );
        let blocks_low = lows
            .iter()
            .fold(f64::INFINITY, |m, &v| if v < m { v } else { m });
        let blocks_high = highs
            .iter()
            .fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
        if blocks_low < low_value
            && let Some(block) = lows.iter().position(|&v| v == blocks_low)
        {
            low_value = blocks_low;
            low = self.low_at[first_full + block] as usize;
        }
        if blocks_high > high_value
            && let Some(block) = highs.iter().position(|&v| v == blocks_high)
        {
            high_value = blocks_high;
            high = self.high_at[first_full + block] as usize;
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

    /// The x of each block's first point.
    #[must_use]
    pub fn starts(&self) -> &[f64] {
        &self.starts
    }

    /// The memory the index holds, in bytes.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        (self.starts.capacity() + self.lows.capacity() + self.highs.capacity()) * size_of::<f64>()
            + (self.low_at.capacity() + self.high_at.capacity()) * size_of::<u32>()
    }
}

/// The first lowest and first highest index of `ys[start..end]` (non-empty): the extreme
/// values in one pass without branching on each point, then where each first occurs.
fn scan(ys: &[f64], start: usize, end: usize) -> (usize, usize) {
    let points = &ys[start..end];
    let low = points
        .iter()
        .fold(f64::INFINITY, |m, &v| if v < m { v } else { m });
    let high = points
        .iter()
        .fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
    // Lines hold finite values, so both are found; the first point stands in otherwise.
    let low_at = points.iter().position(|&v| v == low).unwrap_or(0);
    let high_at = points.iter().position(|&v| v == high).unwrap_or(0);
    (start + low_at, start + high_at)
}

/// [`super::decimate::m4_into`] using the block extremes of `ys`: the same points, in the same
/// order, reading only the partial blocks at each pixel column's edges. `blocks` must index
/// all of `line.ys`, from index 0.
pub fn m4_blocks_into<X: ChartX>(
    line: LineColumns<'_, X>,
    blocks: &BlockExtremes,
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
    let width = (x_max - x_min) / columns as f64;
    if width <= 0.0 {
        // A zero-width range is a single column.
        push_picks(line, blocks, start, end, out);
        return;
    }
    // A point's column is floor((x − x_min) / width), as in plain M4; floor(p) ≥ c exactly when
    // p ≥ c, so column c starts at the first point with (x − x_min) / width ≥ c. One forward walk
    // over the block starts (a small array, read in order) finds the block where each column
    // starts; the exact point is then settled within that block. The columns do not wait on
    // each other, so the processor fetches many blocks from memory at once.
    let position = |x: f64| (x - x_min) / width;
    let starts = blocks.starts();
    // First, without touching the points: for each column, the first block starting at or
    // after its left edge in x (which may be off by a rounding step; the exact test below
    // corrects it, so this only needs to stay close).
    let mut block = 0;
    let near: Vec<usize> = (0..=columns + 1)
        .map(|c| {
            let edge = x_min + c as f64 * width;
            while block < starts.len() && starts[block] < edge {
                block += 1;
            }
            block
        })
        .collect();
    // Then each column's exact first point, within the block before: every column on its own,
    // so that the processor can wait for many of them from memory at once.
    let mut edges = Vec::with_capacity(columns + 4);
    edges.push(start);
    edges.extend(near.iter().enumerate().map(|(c, &block)| {
        let column = c as f64;
        let low = (block.saturating_sub(1) * BLOCK).clamp(start, end);
        let high = if block < starts.len() {
            (block * BLOCK + 1).clamp(low, end)
        } else {
            end
        };
        let mut first =
            low + line.xs[low..high].partition_point(|x| position(x.chart_x()) < column);
        // Rounding put the edge outside the searched block: walk to it (a point or two).
        while first > start && first == low && position(line.x(first - 1)) >= column {
            first -= 1;
        }
        while first < end && first == high && position(line.x(first)) < column {
            first += 1;
        }
        first
    }));
    edges.push(end);
    // At most the point before the range lies left of column 0, and the point after it right of
    // column `columns`: each is a column of its own in plain M4 as well.
    for pair in edges.windows(2) {
        if pair[0] < pair[1] {
            push_picks(line, blocks, pair[0], pair[1], out);
        }
    }
}

/// Appends the first, lowest, highest and last point of `start..end` (non-empty), each once,
/// in x order.
fn push_picks<X: ChartX>(
    line: LineColumns<'_, X>,
    blocks: &BlockExtremes,
    start: usize,
    end: usize,
    out: &mut Vec<[f64; 2]>,
) {
    let (low, high) = blocks.extremes(line.ys, start, end);
    push_in_order(line, [start, low, high, end - 1], out);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::chart::decimate::{m4, m4_into};
    use crate::chart::value_map::ValueMap;

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
            m4_blocks_into(
                LineColumns::plain(&xs, &ys),
                &blocks,
                from,
                to,
                columns,
                &mut out,
            );
            let plain = m4(&xs, &ys, from, to, columns);
            if let Some(k) = (0..out.len().min(plain.len())).find(|&k| out[k] != plain[k]) {
                panic!(
                    "first difference at {k}: {:?} vs {:?}",
                    &out[k.saturating_sub(2)..k + 3],
                    &plain[k.saturating_sub(2)..k + 3]
                );
            }
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
            first in 0usize..200,
            rebased in any::<bool>(),
        ) {
            // Rounded values make ties, which must resolve to the same (earliest) index.
            let ys: Vec<f64> = if round { ys.iter().map(|y| y.round()).collect() } else { ys };
            let n = ys.len();
            let xs: Vec<f64> = (0..n).map(|i| i as f64 * 0.7).collect();
            let span = n as f64 * 0.7;
            let blocks = BlockExtremes::of(&xs, &ys);
            // The line may start later than the columns (a line from a base date on) and show
            // its values through a map.
            let map = if rebased { ValueMap::Rebased { base: 7.5 } } else { ValueMap::Identity };
            let line = LineColumns { xs: &xs, ys: &ys, first, map };
            let mut out = Vec::new();
            m4_blocks_into(line, &blocks, from * span, to * span, columns, &mut out);
            let mut plain = Vec::new();
            m4_into(line, from * span, to * span, columns, &mut plain);
            prop_assert_eq!(out.len(), plain.len());
            prop_assert!(out == plain, "differs from plain M4");
            // Nothing before the line's first point.
            let first_x = xs.get(first).copied().unwrap_or(f64::INFINITY);
            prop_assert!(out.iter().all(|p| p[0] >= first_x));
        }
    }
}
