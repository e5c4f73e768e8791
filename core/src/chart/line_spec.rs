//! What a chart line is — which series, transformed how — as the key the caches use, and how it
//! is built from the analytics transforms (the definitions live there, not here).

use std::sync::Arc;

use crate::analytics::{
    Line, difference_series, drawdown_curve, percent_change, ratio_series, rolling_return,
};
use crate::model::{Date, Series, Source};

use super::plot_line::PlotLine;
use super::series_blocks::SeriesBlocks;
use super::value_map::ValueMap;

/// A series' identity for caching: where its shared data lives, and its name. The data behind an
/// `Arc` never changes while shared, so the address stands for the observations; a cache entry
/// holds the `Arc` so the address cannot be reused while the entry lives.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SeriesId {
    address: usize,
    name: String,
}

impl SeriesId {
    /// The identity of a shared series.
    #[must_use]
    pub fn of(series: &Arc<Series>) -> SeriesId {
        SeriesId {
            address: Arc::as_ptr(series) as usize,
            name: series.name.clone(),
        }
    }

    /// The series' name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// How a line is derived from its series (one series, or a pair `A`, `B`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineTransform {
    /// `100 × C_s / C_b` from `b`, the first session on or after `base`.
    Rebased {
        /// The base date.
        base: Date,
    },
    /// `100 × (C_s / C_b − 1)`, in percent.
    PercentChange {
        /// The base date.
        base: Date,
    },
    /// `ln(100 × C_s / C_b)`: the rebased line on a logarithmic value axis.
    LogRebased {
        /// The base date.
        base: Date,
    },
    /// The fall from the running high, `C_s / max_{r≤s} C_r − 1`, in percent.
    Drawdown,
    /// The rolling N-session return `C_s / C_{s−N} − 1`, in percent.
    Rolling {
        /// N, in sessions.
        sessions: usize,
    },
    /// `A / B` on aligned dates (pair).
    Ratio,
    /// `A − B` on aligned dates (pair).
    Difference,
    /// `A% − B%`, the difference of the two percent changes since `base`, in percentage points
    /// (pair).
    PerformanceDifference {
        /// The base date.
        base: Date,
    },
}

impl LineTransform {
    /// How many series the transform takes: 1, or 2 for a pair.
    #[must_use]
    pub fn arity(self) -> usize {
        match self {
            LineTransform::Ratio
            | LineTransform::Difference
            | LineTransform::PerformanceDifference { .. } => 2,
            _ => 1,
        }
    }
}

/// A line's cache key: its series and its transform.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LineKey {
    /// The series, in order (`A`, `B` for a pair).
    pub series: Vec<SeriesId>,
    /// The transform.
    pub transform: LineTransform,
}

impl LineKey {
    /// The key of `transform` applied to `series`.
    #[must_use]
    pub fn new(series: &[&Arc<Series>], transform: LineTransform) -> LineKey {
        LineKey {
            series: series.iter().map(|s| SeriesId::of(s)).collect(),
            transform,
        }
    }
}

/// Builds the line: the analytics transform, its values put in the chart's unit. An empty line
/// when the transform is undefined (a base after the data, a non-positive close) or the number
/// of series does not match the transform. The rebased, percent-change and log lines read the
/// series itself through a [`ValueMap`] (indexed once per series in `blocks`) rather than a copy.
#[must_use]
pub fn build_line(
    series: &[&Arc<Series>],
    transform: LineTransform,
    blocks: &mut SeriesBlocks,
) -> PlotLine {
    let percent = |v: f64| 100.0 * v;
    let same = |v: f64| v;
    match (transform, series) {
        (LineTransform::Rebased { base }, [s]) => {
            mapped_line(s, base, |base| ValueMap::Rebased { base }, blocks)
        }
        (LineTransform::PercentChange { base }, [s]) => {
            mapped_line(s, base, |base| ValueMap::PercentChange { base }, blocks)
        }
        (LineTransform::LogRebased { base }, [s]) => {
            mapped_line(s, base, |base| ValueMap::LogRebased { base }, blocks)
        }
        (LineTransform::Drawdown, [s]) => {
            drawdown_curve(s).map_or_else(PlotLine::default, |l| PlotLine::from_line(l, percent))
        }
        (LineTransform::Rolling { sessions }, [s]) => {
            PlotLine::from_line(rolling_return(s, sessions), percent)
        }
        (LineTransform::Ratio, [a, b]) => PlotLine::from_line(ratio_series(a, b), same),
        (LineTransform::Difference, [a, b]) => PlotLine::from_line(difference_series(a, b), same),
        (LineTransform::PerformanceDifference { base }, [a, b]) => {
            performance_difference_line(a, b, base)
        }
        _ => PlotLine::default(),
    }
}

/// The series from `b`, its first session on or after `base`, shown through the map made from
/// its close `C_b` (> 0) — the analytics' [`crate::analytics::rebase`] and [`percent_change`] without the copy.
/// When some value does not map to a finite number (a log of a non-positive close, an overflow),
/// the line is built from the mapped values with those points left out instead.
fn mapped_line(
    series: &Arc<Series>,
    base: Date,
    map_from: impl Fn(f64) -> ValueMap,
    blocks: &mut SeriesBlocks,
) -> PlotLine {
    let Some(first) = series.index_on_or_after(base) else {
        return PlotLine::default();
    };
    let values = series.values();
    let Some(&base_close) = values.get(first).filter(|close| **close > 0.0) else {
        return PlotLine::default();
    };
    let map = map_from(base_close);
    let index = blocks.of(series);
    // The map keeps the order, so every mapped value lies between those of the extremes.
    let (low, high) = index.extremes(values, first, values.len());
    if map.apply(values[low]).is_finite() && map.apply(values[high]).is_finite() {
        return PlotLine::mapped(Arc::clone(series), first, map, index);
    }
    let line = Line {
        dates: series.dates()[first..].to_vec(),
        values: values[first..].to_vec(),
    };
    PlotLine::from_line(line, |close| map.apply(close))
}

/// `A% − B%` at every aligned date: the two percent changes since `base`, aligned and
/// subtracted by the analytics (each date's value is `performance_difference(a, b, base, date)`
/// in percentage points).
fn performance_difference_line(a: &Series, b: &Series, base: Date) -> PlotLine {
    let as_series = |series: &Series| -> Option<Series> {
        let line = percent_change(series, base)?;
        Series::new(
            series.name.clone(),
            series.kind,
            Source::default(),
            line.dates,
            line.values,
        )
        .ok()
    };
    let (Some(a), Some(b)) = (as_series(a), as_series(b)) else {
        return PlotLine::default();
    };
    PlotLine::from_line(difference_series(&a, &b), |v| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{performance_difference, rebase};
    use crate::model::SeriesKind;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    fn series(name: &str, points: &[(&str, f64)]) -> Series {
        Series::new(
            name,
            SeriesKind::Price,
            Source::default(),
            points.iter().map(|(date, _)| d(date)).collect(),
            points.iter().map(|(_, v)| *v).collect(),
        )
        .unwrap()
    }

    fn a() -> Series {
        series(
            "A",
            &[
                ("2024-01-02", 50.0),
                ("2024-01-03", 55.0),
                ("2024-01-04", 40.0),
                ("2024-01-05", 60.0),
                ("2024-01-08", 66.0),
            ],
        )
    }

    fn b() -> Series {
        series(
            "B",
            &[
                ("2024-01-01", 10.0),
                ("2024-01-03", 8.0),
                ("2024-01-05", 12.5),
            ],
        )
    }

    fn x(text: &str) -> f64 {
        f64::from(d(text).day_number())
    }

    fn build(series: &[&Series], transform: LineTransform) -> PlotLine {
        let shared: Vec<Arc<Series>> = series.iter().map(|s| Arc::new((*s).clone())).collect();
        let refs: Vec<&Arc<Series>> = shared.iter().collect();
        build_line(&refs, transform, &mut SeriesBlocks::default())
    }

    fn ys(line: &PlotLine) -> Vec<f64> {
        line.ys().collect()
    }

    fn xs(line: &PlotLine) -> Vec<f64> {
        line.xs().collect()
    }

    #[test]
    fn single_series_transforms_equal_the_analytics() {
        let a = a();
        let base = d("2024-01-03");
        let rebased = build(&[&a], LineTransform::Rebased { base });
        let expected = rebase(&a, base).unwrap();
        assert_eq!(ys(&rebased), expected.values.as_slice());
        assert_eq!(xs(&rebased)[0], x("2024-01-03"));
        assert_eq!(
            ys(&rebased),
            [100.0, 100.0 * 40.0 / 55.0, 100.0 * 60.0 / 55.0, 120.0]
        );
        let change = build(&[&a], LineTransform::PercentChange { base });
        assert_eq!(
            ys(&change),
            percent_change(&a, base).unwrap().values.as_slice()
        );
        let log = build(&[&a], LineTransform::LogRebased { base });
        assert_eq!(ys(&log)[3], 120.0_f64.ln());
        let drawdown = build(&[&a], LineTransform::Drawdown);
        let curve = drawdown_curve(&a).unwrap();
        let in_percent: Vec<f64> = curve.values.iter().map(|v| 100.0 * v).collect();
        assert_eq!(ys(&drawdown), in_percent.as_slice());
        assert_eq!(ys(&drawdown)[2], 100.0 * (40.0 / 55.0 - 1.0));
        let rolling = build(&[&a], LineTransform::Rolling { sessions: 2 });
        assert_eq!(xs(&rolling)[0], x("2024-01-04"));
        assert_eq!(ys(&rolling)[0], 100.0 * (40.0 / 50.0 - 1.0));
        assert_eq!(rolling.len(), rolling_return(&a, 2).len());
    }

    #[test]
    fn pair_transforms_equal_the_analytics() {
        let (a, b) = (a(), b());
        let ratio = build(&[&a, &b], LineTransform::Ratio);
        assert_eq!(ys(&ratio), ratio_series(&a, &b).values.as_slice());
        // On B's dates (the sparser); 2024-01-01 precedes A.
        assert_eq!(xs(&ratio), [x("2024-01-03"), x("2024-01-05")]);
        assert_eq!(ys(&ratio), [55.0 / 8.0, 60.0 / 12.5]);
        let difference = build(&[&a, &b], LineTransform::Difference);
        assert_eq!(ys(&difference), [47.0, 47.5]);
    }

    #[test]
    fn performance_difference_line_matches_the_range_metric_at_every_date() {
        let (a, b) = (a(), b());
        let base = d("2024-01-02");
        let line = build(&[&a, &b], LineTransform::PerformanceDifference { base });
        assert_eq!(xs(&line), [x("2024-01-03"), x("2024-01-05")]);
        // B's base session is 2024-01-03 (its first on or after the base): A +10 %, B 0 %.
        assert!((ys(&line)[0] - 10.0).abs() < 1e-12);
        // On 2024-01-05: A +20 %, B +56.25 %, as the range metric says.
        let expected = 100.0 * performance_difference(&a, &b, base, d("2024-01-05")).unwrap();
        assert!((ys(&line)[1] - expected).abs() < 1e-12);
        assert!((ys(&line)[1] - (20.0 - 56.25)).abs() < 1e-12);
    }

    #[test]
    fn rebased_lines_read_the_series_and_a_log_of_non_positive_closes_leaves_them_out() {
        let shared = Arc::new(a());
        let mut blocks = SeriesBlocks::default();
        let base = d("2024-01-03");
        for transform in [
            LineTransform::Rebased { base },
            LineTransform::PercentChange { base },
            LineTransform::LogRebased { base },
        ] {
            let line = build_line(&[&shared], transform, &mut blocks);
            assert_eq!(line.len(), 4);
            assert_eq!(line.owned_bytes(), 0, "{transform:?} copies nothing");
        }
        assert_eq!(blocks.len(), 1, "one index for the three lines");
        let drawdown = build_line(&[&shared], LineTransform::Drawdown, &mut blocks);
        assert!(drawdown.owned_bytes() >= 5 * 12);
        // A rate series through zero: the log line leaves out what has no logarithm.
        let rate = Arc::new(series(
            "R",
            &[
                ("2024-01-02", 2.0),
                ("2024-01-03", 0.0),
                ("2024-01-04", -0.5),
                ("2024-01-05", 4.0),
            ],
        ));
        let log = build_line(
            &[&rate],
            LineTransform::LogRebased {
                base: d("2024-01-01"),
            },
            &mut blocks,
        );
        assert_eq!(xs(&log), [x("2024-01-02"), x("2024-01-05")]);
        assert_eq!(ys(&log), [100.0_f64.ln(), 200.0_f64.ln()]);
        let rebased = build_line(
            &[&rate],
            LineTransform::Rebased {
                base: d("2024-01-01"),
            },
            &mut blocks,
        );
        assert_eq!(ys(&rebased), [100.0, 0.0, -25.0, 200.0]);
        assert_eq!(rebased.owned_bytes(), 0);
    }

    #[test]
    fn undefined_transforms_give_empty_lines() {
        let a = a();
        assert!(
            build(
                &[&a],
                LineTransform::Rebased {
                    base: d("2030-01-01")
                }
            )
            .is_empty()
        );
        assert!(build(&[&a], LineTransform::Ratio).is_empty());
        let keyed = Arc::new(a);
        let key = LineKey::new(&[&keyed], LineTransform::Drawdown);
        assert_eq!(key.series[0].name(), "A");
        assert_eq!(LineTransform::Ratio.arity(), 2);
        assert_eq!(LineTransform::Drawdown.arity(), 1);
    }
}
