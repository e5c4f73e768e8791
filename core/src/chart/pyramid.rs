//! The min/max pyramid of a line's values and the M4 decimation that reads it.
//!
//! Level 0 holds, for every block of [`BASE`] consecutive points, its lowest and highest value
//! and where each first occurs; level `k + 1` holds the same for every [`FANOUT`] blocks of level
//! `k` (blocks of 16, 128, 1 024, … points). The extremes of any stretch of points are then read
//! from at most `2 × (FANOUT − 1)` entries per level plus fewer than `2 × BASE` points at its
//! ends, and an M4 pass over a visible range costs O(pixel columns × levels) instead of
//! O(points): each column's first point is found by galloping from the previous column's, the
//! step guessed from the previous column's size, so on evenly spaced dates it is found in a
//! few reads. The result is exactly [`super::decimate::m4_into`]'s: the same points in the same
//! order, ties resolved to the earliest point.
//!
//! The pyramid depends only on the stored values' order, not on their scale: a line that shows
//! its series through an order-keeping map ([`super::value_map::ValueMap`]: rebased by a
//! positive close, percent change, log of the rebased value) shares its series' pyramid, so a
//! new base date, a switch between rebased and percent change or to a log axis builds nothing
//! of size O(points) — only the points drawn are mapped. A transform that changes the order
//! (a drawdown, a rolling return, a ratio of two series) computes its line once, and its
//! pyramid with it, when its inputs change.

use super::decimate::{ChartX, DecimationSpan, LineColumns, span_to_decimate};

/// Points per block of level 0: small enough that the partial blocks at a stretch's ends are a
/// cache line or two of values, large enough that the pyramid is a small fraction of the data
/// (about 1.7 bytes per point against the 12 of a date and a value).
pub const BASE: usize = 16;

/// Blocks of one level per block of the next.
pub const FANOUT: usize = 8;

/// One level: per block, the lowest and highest value and the index of the first point holding
/// each. The values are kept apart from the indexes so comparing reads only them.
#[derive(Clone, Debug, Default, PartialEq)]
struct Level {
    lows: Vec<f64>,
    highs: Vec<f64>,
    low_at: Vec<u32>,
    high_at: Vec<u32>,
}

impl Level {
    fn with_capacity(count: usize) -> Level {
        Level {
            lows: Vec::with_capacity(count),
            highs: Vec::with_capacity(count),
            low_at: Vec::with_capacity(count),
            high_at: Vec::with_capacity(count),
        }
    }

    fn len(&self) -> usize {
        self.lows.len()
    }

    fn push(&mut self, pick: Pick) {
        self.lows.push(pick.low);
        self.highs.push(pick.high);
        self.low_at.push(pick.low_at as u32);
        self.high_at.push(pick.high_at as u32);
    }

    fn heap_bytes(&self) -> usize {
        (self.lows.capacity() + self.highs.capacity()) * size_of::<f64>()
            + (self.low_at.capacity() + self.high_at.capacity()) * size_of::<u32>()
    }
}

/// The lowest and highest value met so far and where each first occurred; stretches are taken
/// left to right and only a strictly lower (higher) value replaces the pick, so ties keep the
/// earliest point, as a plain scan does.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pick {
    pub(crate) low: f64,
    pub(crate) low_at: usize,
    pub(crate) high: f64,
    pub(crate) high_at: usize,
}

impl Pick {
    fn point(ys: &[f64], index: usize) -> Pick {
        Pick {
            low: ys[index],
            low_at: index,
            high: ys[index],
            high_at: index,
        }
    }

    fn take_point(&mut self, ys: &[f64], index: usize) {
        let y = ys[index];
        if y < self.low {
            self.low = y;
            self.low_at = index;
        }
        if y > self.high {
            self.high = y;
            self.high_at = index;
        }
    }

    fn take_points(&mut self, ys: &[f64], from: usize, to: usize) {
        for (offset, &y) in ys[from..to.max(from)].iter().enumerate() {
            if y < self.low {
                self.low = y;
                self.low_at = from + offset;
            }
            if y > self.high {
                self.high = y;
                self.high_at = from + offset;
            }
        }
    }

    fn take_run(&mut self, level: &Level, from: usize, to: usize) {
        let to = to.max(from);
        for (offset, &low) in level.lows[from..to].iter().enumerate() {
            if low < self.low {
                self.low = low;
                self.low_at = level.low_at[from + offset] as usize;
            }
        }
        for (offset, &high) in level.highs[from..to].iter().enumerate() {
            if high > self.high {
                self.high = high;
                self.high_at = level.high_at[from + offset] as usize;
            }
        }
    }

    fn take_block(&mut self, level: &Level, block: usize) {
        if level.lows[block] < self.low {
            self.low = level.lows[block];
            self.low_at = level.low_at[block] as usize;
        }
        if level.highs[block] > self.high {
            self.high = level.highs[block];
            self.high_at = level.high_at[block] as usize;
        }
    }
}

/// The min/max pyramid of a line's stored values (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MinMaxPyramid {
    /// Level `k` has one entry per `BASE × FANOUTᵏ` points (the last partial block left out).
    levels: Vec<Level>,
}

impl MinMaxPyramid {
    /// Indexes `ys` (at most `u32::MAX` points are indexed; later ones are left to plain
    /// scanning).
    #[must_use]
    pub fn of(ys: &[f64]) -> MinMaxPyramid {
        let indexed = ys.len().min(u32::MAX as usize);
        let count = indexed / BASE;
        let mut base = Level::with_capacity(count);
        for block in 0..count {
            let start = block * BASE;
            let mut pick = Pick::point(ys, start);
            for index in start + 1..start + BASE {
                pick.take_point(ys, index);
            }
            base.push(pick);
        }
        let mut levels = vec![base];
        while let Some(below) = levels.last()
            && below.len() >= FANOUT
        {
            let count = below.len() / FANOUT;
            let mut level = Level::with_capacity(count);
            for block in 0..count {
                let first = block * FANOUT;
                let mut pick = Pick {
                    low: below.lows[first],
                    low_at: below.low_at[first] as usize,
                    high: below.highs[first],
                    high_at: below.high_at[first] as usize,
                };
                for inner in first + 1..first + FANOUT {
                    pick.take_block(below, inner);
                }
                level.push(pick);
            }
            levels.push(level);
        }
        MinMaxPyramid { levels }
    }

    /// The first lowest and first highest index within `start..end` (non-empty; `ys` must be
    /// the values the pyramid was built from). The stretch is read left to right: the points
    /// up to the first whole block, the whole blocks (through the larger levels where they
    /// fit), then the points after the last whole block.
    #[must_use]
    pub fn extremes(&self, ys: &[f64], start: usize, end: usize) -> (usize, usize) {
        let pick = self.pick(ys, start, end);
        (pick.low_at, pick.high_at)
    }

    /// As [`MinMaxPyramid::extremes`], with the lowest and highest values themselves, so the
    /// caller need not read them again from the (likely uncached) points.
    pub(crate) fn pick(&self, ys: &[f64], start: usize, end: usize) -> Pick {
        let mut pick = Pick::point(ys, start);
        let from = start + 1;
        let first_block = from.div_ceil(BASE);
        let indexed = self.levels.first().map_or(0, Level::len);
        let last_block = (end / BASE).min(indexed);
        if first_block >= last_block {
            pick.take_points(ys, from, end);
        } else {
            pick.take_points(ys, from, first_block * BASE);
            self.take_blocks(&mut pick, 0, first_block, last_block);
            pick.take_points(ys, last_block * BASE, end);
        }
        pick
    }

    /// Takes the blocks `first..last` of `level` into `pick`, left to right, through the next
    /// level for the whole blocks of it they contain.
    fn take_blocks(&self, pick: &mut Pick, level: usize, first: usize, last: usize) {
        let Some(entries) = self.levels.get(level) else {
            return;
        };
        let (up, down) = (first.div_ceil(FANOUT), last / FANOUT);
        if level + 1 < self.levels.len() && up < down {
            pick.take_run(entries, first, up * FANOUT);
            self.take_blocks(pick, level + 1, up, down);
            pick.take_run(entries, down * FANOUT, last);
        } else {
            pick.take_run(entries, first, last);
        }
    }

    /// The memory the pyramid holds, in bytes.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.levels.iter().map(Level::heap_bytes).sum()
    }
}

/// [`super::decimate::m4_into`] read through the pyramid of `line.ys`: the same points, in the
/// same order. `pyramid` must index all of `line.ys`, from index 0.
pub fn m4_pyramid_into<X: ChartX>(
    line: LineColumns<'_, X>,
    pyramid: &MinMaxPyramid,
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
    for_each_column(line, x_min, x_max, columns, start, end, |from, to| {
        push_picks(line, pyramid, from, to, out);
    });
}

/// Calls `group` with the index range of each pixel column of `start..end` (as
/// [`span_to_decimate`] gives them, `columns` at least one) that holds a point, left to right:
/// the ranges are contiguous, non-empty and cover `start..end`. A column's range depends only
/// on the x coordinates: a line that starts later has the same columns from the one holding its
/// first point on.
pub(crate) fn for_each_column<X: ChartX>(
    line: LineColumns<'_, X>,
    x_min: f64,
    x_max: f64,
    columns: usize,
    start: usize,
    end: usize,
    mut group: impl FnMut(usize, usize),
) {
    let width = (x_max - x_min) / columns as f64;
    if width <= 0.0 {
        // A zero-width range is a single column.
        group(start, end);
        return;
    }
    // A point's column is floor((x − x_min) / width), as in plain M4; floor(p) ≥ c exactly when
    // p ≥ c, so column c starts at the first point with (x − x_min) / width ≥ c. At most the
    // point before the range lies left of column 0, and the points at or just past `x_max` in
    // columns `columns` and `columns + 1`: each is a column of its own in plain M4 as well.
    let position = |x: X| (x.chart_x() - x_min) / width;
    let mut from = start;
    let mut step = 1;
    for c in 0..=columns + 1 {
        let column = c as f64;
        let edge = first_at_or_after(line.xs, from, end, step, |x| position(x) < column);
        if from < edge {
            group(from, edge);
            step = edge - from;
        }
        from = edge;
    }
    if from < end {
        group(from, end);
    }
}

/// The first index in `from..end` whose x is not `before` (`end` if none), `before` being true
/// up to some index and false from there on. Gallops outward from `from + step` (the previous
/// column's size, a good guess on evenly spaced dates), then halves the last interval.
fn first_at_or_after<X: Copy>(
    xs: &[X],
    from: usize,
    end: usize,
    step: usize,
    before: impl Fn(X) -> bool,
) -> usize {
    if from >= end {
        return end;
    }
    let guess = from + step.max(1);
    // `low` is `from` (not yet tested) or before the edge; `high` is `end` or at or after it.
    let (mut low, mut high) = (from, end);
    if guess < end && !before(xs[guess]) {
        high = guess;
        let mut jump = 1;
        loop {
            let probe = high.saturating_sub(jump).max(from);
            if probe == from {
                break;
            }
            if before(xs[probe]) {
                low = probe;
                break;
            }
            high = probe;
            jump *= 2;
        }
    } else if guess < end {
        low = guess;
        let mut jump = 1;
        loop {
            let probe = (low + jump).min(end);
            if probe == end {
                break;
            }
            if !before(xs[probe]) {
                high = probe;
                break;
            }
            low = probe;
            jump *= 2;
        }
    }
    if low == from && !before(xs[from]) {
        return from;
    }
    low + 1 + xs[low + 1..high].partition_point(|&x| before(x))
}

/// Appends the first, lowest, highest and last point of `start..end` (non-empty), each once,
/// in x order. The lowest and highest values come from the pyramid, not read again: on a long
/// line each read of a point far from the last one is a cache miss, and the frame after a zoom
/// spends most of its time waiting on them.
pub(crate) fn push_picks<X: ChartX>(
    line: LineColumns<'_, X>,
    pyramid: &MinMaxPyramid,
    start: usize,
    end: usize,
    out: &mut Vec<[f64; 2]>,
) {
    let pick = pyramid.pick(line.ys, start, end);
    let mut picks = [
        (start, None),
        (pick.low_at, Some(pick.low)),
        (pick.high_at, Some(pick.high)),
        (end - 1, None),
    ];
    picks.sort_unstable_by_key(|(index, _)| *index);
    let mut previous = usize::MAX;
    for (index, known) in picks {
        if index != previous {
            let y = known.unwrap_or_else(|| line.ys[index]);
            out.push([line.x(index), line.map.apply(y)]);
            previous = index;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::chart::decimate::{m4, m4_into};
    use crate::chart::value_map::ValueMap;

    /// The first lowest and first highest index of `ys[start..end]`, by reading every point.
    fn scanned(ys: &[f64], start: usize, end: usize) -> (usize, usize) {
        let (mut low, mut high) = (start, start);
        for i in start..end {
            if ys[i] < ys[low] {
                low = i;
            }
            if ys[i] > ys[high] {
                high = i;
            }
        }
        (low, high)
    }

    fn decimated(
        xs: &[f64],
        ys: &[f64],
        first: usize,
        map: ValueMap,
        range: (f64, f64),
        columns: usize,
    ) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
        let pyramid = MinMaxPyramid::of(ys);
        let line = LineColumns { xs, ys, first, map };
        let mut fast = Vec::new();
        m4_pyramid_into(line, &pyramid, range.0, range.1, columns, &mut fast);
        let mut plain = Vec::new();
        m4_into(line, range.0, range.1, columns, &mut plain);
        (fast, plain)
    }

    #[test]
    fn the_pyramid_finds_the_first_lowest_and_highest() {
        let mut ys = vec![5.0; 3000];
        ys[70] = 1.0;
        ys[2000] = 1.0;
        ys[130] = 9.0;
        ys[131] = 9.0;
        let pyramid = MinMaxPyramid::of(&ys);
        assert_eq!(pyramid.levels.len(), 3, "blocks of 16, 128 and 1 024");
        assert_eq!(pyramid.levels[0].len(), 187);
        assert_eq!(pyramid.extremes(&ys, 0, 3000), (70, 130));
        assert_eq!(pyramid.extremes(&ys, 71, 3000), (2000, 130));
        assert_eq!(pyramid.extremes(&ys, 3, 5), (3, 3));
        assert_eq!(pyramid.extremes(&ys, 131, 2999), (2000, 131));
        assert_eq!(pyramid.extremes(&ys, 2999, 3000), (2999, 2999));
        // About 1.7 bytes per point.
        assert!(pyramid.heap_bytes() <= 3000 * 2, "{}", pyramid.heap_bytes());
        assert_eq!(MinMaxPyramid::of(&[]).extremes(&[4.0], 0, 1), (0, 0));
    }

    #[test]
    fn equals_plain_m4_on_a_long_line() {
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|i| f64::from(i) * 1.5).collect();
        let ys: Vec<f64> = (0..n)
            .map(|i| (f64::from(i) * 0.001).sin() * 100.0 + f64::from(i % 97))
            .collect();
        for (from, to, columns) in [
            (0.0, 300_000.0, 1600),
            (1234.5, 99_999.0, 777),
            (5.0, 6.0, 3),
            (-1e6, 1e7, 2400),
            (150_000.0, 150_000.0, 100),
        ] {
            let (fast, plain) = decimated(&xs, &ys, 0, ValueMap::Identity, (from, to), columns);
            assert_eq!(fast.len(), plain.len(), "{from}..{to}");
            assert!(fast == plain, "differs from plain M4 on {from}..{to}");
        }
        assert_eq!(
            m4(&xs, &ys, 0.0, 300_000.0, 1600).len(),
            decimated(&xs, &ys, 0, ValueMap::Identity, (0.0, 300_000.0), 1600)
                .0
                .len()
        );
    }

    #[test]
    fn edge_cases_match_plain_m4() {
        // A single point; a range smaller than a column; a range between two points; gaps of
        // years between clusters of daily points.
        let one = ([10.0], [3.0]);
        for range in [(0.0, 20.0), (10.0, 10.0), (11.0, 12.0), (-5.0, 9.0)] {
            let (fast, plain) = decimated(&one.0, &one.1, 0, ValueMap::Identity, range, 7);
            assert_eq!(fast, plain, "{range:?}");
        }
        let mut xs = Vec::new();
        for cluster in 0..40 {
            for day in 0..300 {
                xs.push(f64::from(cluster * 3000 + day));
            }
        }
        let ys: Vec<f64> = (0..xs.len()).map(|i| ((i * 7919) % 1013) as f64).collect();
        for (range, columns) in [
            ((0.0, 120_000.0), 500),
            ((2999.5, 3000.5), 10),
            ((100.2, 100.7), 50),
            ((301.0, 2999.0), 40),
            ((-50.0, 200_000.0), 3),
        ] {
            let (fast, plain) = decimated(&xs, &ys, 0, ValueMap::Identity, range, columns);
            assert_eq!(fast, plain, "{range:?} at {columns}");
        }
    }

    #[test]
    fn galloping_finds_the_edge_from_any_guess() {
        let xs: Vec<f64> = (0..1000).map(|i| f64::from(i) * 2.0).collect();
        for edge in [0.0, 1.0, 2.0, 501.0, 1998.0, 1999.0, 5000.0] {
            let expected = xs.partition_point(|&x| x < edge);
            for from in [0, 3, 250, 999] {
                for step in [1, 2, 7, 100, 5000] {
                    let found = first_at_or_after(&xs, from, 1000, step, |x| x < edge);
                    assert_eq!(
                        found,
                        expected.max(from),
                        "edge {edge} from {from} step {step}"
                    );
                }
            }
        }
        assert_eq!(first_at_or_after(&xs, 1000, 1000, 1, |x| x < 1.0), 1000);
    }

    proptest! {
        #[test]
        fn the_pyramid_reads_the_extremes_a_scan_reads(
            ys in prop::collection::vec(-20.0f64..20.0, 1..5000),
            round in any::<bool>(),
            a in 0.0f64..1.0,
            b in 0.0f64..1.0,
        ) {
            let ys: Vec<f64> = if round { ys.iter().map(|y| y.round()).collect() } else { ys };
            let n = ys.len();
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let start = ((lo * n as f64) as usize).min(n - 1);
            let end = ((hi * n as f64) as usize).clamp(start + 1, n);
            let pyramid = MinMaxPyramid::of(&ys);
            prop_assert_eq!(pyramid.extremes(&ys, start, end), scanned(&ys, start, end));
        }

        #[test]
        fn same_points_as_plain_m4(
            ys in prop::collection::vec(-50.0f64..50.0, 1..5000),
            gaps in prop::collection::vec(1u32..40, 1..5000),
            columns in 1usize..300,
            from in -0.2f64..0.6,
            to in 0.4f64..1.2,
            round in any::<bool>(),
            first in 0usize..200,
            rebased in any::<bool>(),
        ) {
            // Rounded values make ties, which must resolve to the same (earliest) index; the
            // gaps between dates are uneven (weekends, holidays, missing years).
            let ys: Vec<f64> = if round { ys.iter().map(|y| y.round()).collect() } else { ys };
            let n = ys.len();
            let mut x = 0.0;
            let xs: Vec<f64> = (0..n)
                .map(|i| {
                    x += f64::from(gaps[i % gaps.len()]);
                    x
                })
                .collect();
            let span = x;
            // The line may start later than the columns (a line from a base date on) and show
            // its values through a map.
            let map = if rebased { ValueMap::Rebased { base: 7.5 } } else { ValueMap::Identity };
            let (fast, plain) = decimated(&xs, &ys, first, map, (from * span, to * span), columns);
            prop_assert_eq!(fast.len(), plain.len());
            prop_assert!(fast == plain, "differs from plain M4");
            let first_x = xs.get(first).copied().unwrap_or(f64::INFINITY);
            prop_assert!(fast.iter().all(|p| p[0] >= first_x));
        }
    }
}
