//! A series' own M4 decimation kept as the points each pixel column picked, from which the
//! decimation of a line that shows the series through an order-keeping map from a later first
//! point (a new base date, percent change instead of rebased, a log axis) is derived without
//! decimating again.
//!
//! Why the derivation is exact: M4 splits the points into pixel columns by their x alone, and
//! picks in each column its first, last, lowest and highest stored value (ties to the earliest).
//! A mapped line reads the series' own dates and values from index `first` on, and its map never
//! lowers a larger value, so every column after the one holding `first` holds the same points
//! and picks the same indexes as the series' own decimation (from index 0, shown as stored); only
//! the column holding `first` differs, since it starts there. Its points are those picks, each
//! value put through the map, and that one column read again from the pyramid. Where the two
//! decimations do not reduce the same span the derivation falls back to decimating: when the
//! mapped line passes its points through (no more than four per column), when it ends elsewhere
//! (its first point lies past the visible range), or for another range or column count.

use super::decimate::{ChartX, DecimationSpan, LineColumns, span_to_decimate};
use super::pyramid::{MinMaxPyramid, for_each_column, push_picks};

/// One picked point of a column: its index, x and stored value.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Picked {
    index: usize,
    x: f64,
    y: f64,
}

/// The picks of a series' own M4 decimation of one x-range at one column count (see the module
/// documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnPicks {
    x_min: f64,
    x_max: f64,
    columns: usize,
    /// How many values the series holds (a check that a line reads the same series).
    len: usize,
    /// The index range reduced; `None` when the series' own decimation reduced nothing (its
    /// points passed through, or none was in range), and nothing is kept.
    span: Option<(usize, usize)>,
    /// The position in `picks` of each column's first pick (which is the column's first point).
    groups: Vec<u32>,
    /// Each column's picks, in x order, each once.
    picks: Vec<Picked>,
}

impl ColumnPicks {
    /// The picks of the M4 decimation of `series` (every point from index 0, shown as stored;
    /// `pyramid` built from its values) for a `columns`-wide chart of `[x_min, x_max]`.
    #[must_use]
    pub fn of<X: ChartX>(
        series: LineColumns<'_, X>,
        pyramid: &MinMaxPyramid,
        x_min: f64,
        x_max: f64,
        columns: usize,
    ) -> ColumnPicks {
        let series = LineColumns::plain(series.xs, series.ys);
        let mut picks = ColumnPicks {
            x_min,
            x_max,
            columns,
            len: series.end(),
            span: None,
            groups: Vec::new(),
            picks: Vec::new(),
        };
        let mut passed = Vec::new();
        let Some(DecimationSpan {
            start,
            end,
            columns: counted,
        }) = span_to_decimate(series, x_min, x_max, columns, &mut passed)
        else {
            return picks;
        };
        picks.span = Some((start, end));
        let (groups, kept) = (&mut picks.groups, &mut picks.picks);
        for_each_column(series, x_min, x_max, counted, start, end, |from, to| {
            groups.push(u32::try_from(kept.len()).unwrap_or(u32::MAX));
            let pick = pyramid.pick(series.ys, from, to);
            let mut column = [
                (from, series.ys[from]),
                (pick.low_at, pick.low),
                (pick.high_at, pick.high),
                (to - 1, series.ys[to - 1]),
            ];
            column.sort_unstable_by_key(|(index, _)| *index);
            let mut previous = usize::MAX;
            for (index, y) in column {
                if index != previous {
                    kept.push(Picked {
                        index,
                        x: series.x(index),
                        y,
                    });
                    previous = index;
                }
            }
        });
        picks
    }

    /// The x-range and column count the picks are for.
    #[must_use]
    pub fn request(&self) -> (f64, f64, usize) {
        (self.x_min, self.x_max, self.columns)
    }

    /// Whether these are the picks for a `columns`-wide chart of `[x_min, x_max]`.
    #[must_use]
    pub fn is_for(&self, x_min: f64, x_max: f64, columns: usize) -> bool {
        self.x_min.to_bits() == x_min.to_bits()
            && self.x_max.to_bits() == x_max.to_bits()
            && self.columns == columns
    }

    /// Appends to `out` the M4 decimation of `line` — the series these picks were taken of, from
    /// `line.first` on, shown through `line.map` (`pyramid` is the series') — for a
    /// `columns`-wide chart of `[x_min, x_max]`: exactly the points of
    /// [`super::pyramid::m4_pyramid_into`], at the cost of the points drawn when the picks are
    /// for that range and column count and the spans agree, by decimating otherwise.
    pub fn decimate_into<X: ChartX>(
        &self,
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
            columns: counted,
        }) = span_to_decimate(line, x_min, x_max, columns, out)
        else {
            // Passed through or nothing to draw: already exact.
            return;
        };
        let derivable = self.is_for(x_min, x_max, columns)
            && self.len == line.end()
            && self
                .span
                .is_some_and(|(from, to)| to == end && from <= start);
        if !derivable {
            for_each_column(line, x_min, x_max, counted, start, end, |from, to| {
                push_picks(line, pyramid, from, to, out);
            });
            return;
        }
        // The column holding `start`: the last whose first point is not after it.
        let holding = self
            .groups
            .partition_point(|&at| {
                self.picks
                    .get(at as usize)
                    .is_some_and(|p| p.index <= start)
            })
            .saturating_sub(1);
        let next = self
            .groups
            .get(holding + 1)
            .map_or(self.picks.len(), |&at| at as usize);
        let column_end = self.picks.get(next).map_or(end, |p| p.index);
        push_picks(line, pyramid, start, column_end, out);
        let map = line.map;
        out.extend(
            self.picks[next..]
                .iter()
                .map(|picked| [picked.x, map.apply(picked.y)]),
        );
    }

    /// The memory the picks hold, in bytes.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.groups.capacity() * size_of::<u32>() + self.picks.capacity() * size_of::<Picked>()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::chart::decimate::m4_into;
    use crate::chart::pyramid::m4_pyramid_into;
    use crate::chart::value_map::ValueMap;

    fn maps(base: f64) -> [ValueMap; 4] {
        [
            ValueMap::Identity,
            ValueMap::Rebased { base },
            ValueMap::PercentChange { base },
            ValueMap::LogRebased { base },
        ]
    }

    type ThreeWays = (Vec<[f64; 2]>, Vec<[f64; 2]>, Vec<[f64; 2]>);

    /// The derived points, the pyramid's and plain M4's, for one line.
    fn three_ways(
        xs: &[f64],
        ys: &[f64],
        line: LineColumns<'_, f64>,
        range: (f64, f64),
        columns: usize,
    ) -> ThreeWays {
        let pyramid = MinMaxPyramid::of(ys);
        let picks = ColumnPicks::of(
            LineColumns::plain(xs, ys),
            &pyramid,
            range.0,
            range.1,
            columns,
        );
        let mut derived = Vec::new();
        picks.decimate_into(line, &pyramid, range.0, range.1, columns, &mut derived);
        let mut fast = Vec::new();
        m4_pyramid_into(line, &pyramid, range.0, range.1, columns, &mut fast);
        let mut plain = Vec::new();
        m4_into(line, range.0, range.1, columns, &mut plain);
        (derived, fast, plain)
    }

    #[test]
    fn a_later_first_point_changes_only_its_own_column() {
        // 10 000 points at x = 0, 1, …; 100 columns of 100 points over the whole range.
        let xs: Vec<f64> = (0..10_000).map(f64::from).collect();
        let ys: Vec<f64> = (0..10_000_u32)
            .map(|i| f64::from((i * 7919) % 1000) + 1.0)
            .collect();
        let pyramid = MinMaxPyramid::of(&ys);
        let picks = ColumnPicks::of(LineColumns::plain(&xs, &ys), &pyramid, 0.0, 10_000.0, 100);
        assert!(picks.is_for(0.0, 10_000.0, 100));
        assert!(!picks.is_for(0.0, 10_000.0, 101));
        let first = 4_321;
        let map = ValueMap::Rebased { base: ys[first] };
        let line = LineColumns {
            xs: &xs,
            ys: &ys,
            first,
            map,
        };
        let (derived, fast, plain) = three_ways(&xs, &ys, line, (0.0, 10_000.0), 100);
        assert!(derived == fast && fast == plain);
        // The first point is the line's own (rebased to 100), then column 43's remaining
        // points, then columns 44 to 99 as the series picked them.
        assert_eq!(derived[0], [4_321.0, 100.0]);
        assert!(derived.iter().all(|p| p[0] >= 4_321.0));
        assert!(
            derived.len() <= 4 * 57 && derived.len() > 2 * 57,
            "{}",
            derived.len()
        );
    }

    #[test]
    fn falls_back_where_the_spans_differ() {
        let xs: Vec<f64> = (0..2_000).map(f64::from).collect();
        let ys: Vec<f64> = (0..2_000_u32).map(|i| f64::from(i % 37)).collect();
        // Another range, another column count, a first point past the range, a first point
        // leaving four points or fewer per column: each decimates and still matches.
        for (first, range, columns, picked_range, picked_columns) in [
            (10, (0.0, 2_000.0), 50, (0.0, 1_000.0), 50),
            (10, (0.0, 2_000.0), 50, (0.0, 2_000.0), 49),
            (1_500, (0.0, 1_000.0), 50, (0.0, 1_000.0), 50),
            (1_900, (0.0, 2_000.0), 50, (0.0, 2_000.0), 50),
        ] {
            let pyramid = MinMaxPyramid::of(&ys);
            let picks = ColumnPicks::of(
                LineColumns::plain(&xs, &ys),
                &pyramid,
                picked_range.0,
                picked_range.1,
                picked_columns,
            );
            let line = LineColumns {
                xs: &xs,
                ys: &ys,
                first,
                map: ValueMap::PercentChange { base: 3.0 },
            };
            let mut derived = Vec::new();
            picks.decimate_into(line, &pyramid, range.0, range.1, columns, &mut derived);
            let mut plain = Vec::new();
            m4_into(line, range.0, range.1, columns, &mut plain);
            assert!(derived == plain, "first {first}, {range:?} at {columns}");
        }
        assert!(
            ColumnPicks::of(
                LineColumns::plain(&xs, &ys),
                &MinMaxPyramid::of(&ys),
                0.0,
                1.0,
                9
            )
            .heap_bytes()
                == 0
        );
    }

    proptest! {
        #[test]
        fn derived_points_equal_decimating_the_mapped_line(
            values in prop::collection::vec(0.5f64..50.0, 1..4000),
            gaps in prop::collection::vec(1u32..9, 1..64),
            round in any::<bool>(),
            first_share in 0.0f64..1.1,
            from in -0.5f64..1.2,
            length in 0.0f64..1.5,
            columns in prop_oneof![1usize..8, 8usize..300, 300usize..4000],
            base_at in 0usize..4000,
        ) {
            // Rounded values make ties, which resolve to the earliest point both ways; uneven
            // gaps between dates; ranges before, across and after the data.
            let ys: Vec<f64> = if round { values.iter().map(|y| y.round().max(1.0)).collect() } else { values };
            let n = ys.len();
            let mut x = 0.0;
            let xs: Vec<f64> = (0..n).map(|i| { x += f64::from(gaps[i % gaps.len()]); x }).collect();
            let span = x;
            let range = (from * span, (from + length) * span);
            let first = ((first_share * n as f64) as usize).min(n + 2);
            let base = ys[base_at % n];
            for map in maps(base) {
                let line = LineColumns { xs: &xs, ys: &ys, first, map };
                let (derived, fast, plain) = three_ways(&xs, &ys, line, range, columns);
                prop_assert!(derived == fast, "differs from the pyramid's decimation ({map:?})");
                prop_assert!(fast == plain, "differs from plain M4 ({map:?})");
            }
        }
    }
}
