//! The transformed lines, kept between frames: a line is built once when its series or
//! transform changes and then shared, so drawing a frame never re-runs a transform. Lines no
//! longer drawn are kept within a count and a memory budget, so that switching back to a tab is
//! instant without holding a copy of every series for every tab ever shown.

use std::sync::Arc;

use crate::model::Series;

use super::frame_lru::FrameLru;
use super::line_spec::{LineKey, LineTransform, build_line};
use super::plot_line::PlotLine;
use super::series_blocks::SeriesBlocks;

/// How many lines are kept when no longer drawn, so that switching back to a tab or range is
/// instant; the least recently used go first.
pub const DEFAULT_CAPACITY: usize = 64;

/// How much memory the lines kept (those drawn in the last frame included) may hold of their
/// own: a line that reads its series through a map holds next to nothing, a computed one (a
/// drawdown, a ratio) 12 bytes per point plus its index.
pub const DEFAULT_BUDGET: usize = 64 << 20;

struct CachedLine {
    line: Arc<PlotLine>,
    /// Keeps the series alive, so no other series can take its address while cached.
    _series: Vec<Arc<Series>>,
}

/// Transformed lines by (series identity, transform).
pub struct LineCache {
    entries: FrameLru<LineKey, CachedLine>,
    blocks: SeriesBlocks,
    builds: u64,
}

impl Default for LineCache {
    fn default() -> Self {
        LineCache::with_budget(DEFAULT_CAPACITY, DEFAULT_BUDGET)
    }
}

impl LineCache {
    /// A cache keeping up to `capacity` lines holding up to `budget` bytes of their own, beyond
    /// those drawn in the current frame.
    #[must_use]
    pub fn with_budget(capacity: usize, budget: usize) -> LineCache {
        LineCache {
            entries: FrameLru::with_budget(capacity, budget),
            blocks: SeriesBlocks::default(),
            builds: 0,
        }
    }

    /// The line of `transform` applied to `series`, built now only if not cached.
    pub fn line(&mut self, series: &[&Arc<Series>], transform: LineTransform) -> Arc<PlotLine> {
        self.line_for_key(LineKey::new(series, transform), series)
    }

    /// As [`LineCache::line`], with the key already made (it must be the key of `series` and
    /// its transform).
    pub fn line_for_key(&mut self, key: LineKey, series: &[&Arc<Series>]) -> Arc<PlotLine> {
        if let Some(entry) = self.entries.get_mut(&key) {
            return Arc::clone(&entry.line);
        }
        let line = Arc::new(build_line(series, key.transform, &mut self.blocks));
        self.builds += 1;
        let bytes = line.owned_bytes();
        self.entries.replace_holding(
            key,
            CachedLine {
                line: Arc::clone(&line),
                _series: series.iter().map(|s| Arc::clone(s)).collect(),
            },
            bytes,
        );
        line
    }

    /// Ends a frame: forgets the least recently used lines beyond the capacity or the budget
    /// (lines used in this frame are always kept), and the series indexes no line uses.
    pub fn end_frame(&mut self) {
        self.entries.end_frame();
        self.blocks.forget_unused();
    }

    /// How many series indexes are kept for the lines that read their series through a map.
    #[cfg(test)]
    #[must_use]
    pub fn series_indexed(&self) -> usize {
        self.blocks.len()
    }

    /// How many lines have been built since the cache was made (for tests and diagnostics).
    #[must_use]
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// How many lines are cached.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no line is cached.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::rebase;
    use crate::model::{Date, SeriesKind};
    use crate::testing::daily_series;

    fn daily(name: &str, closes: &[f64]) -> Arc<Series> {
        Arc::new(daily_series(name, SeriesKind::Price, "2024-01-01", closes))
    }

    #[test]
    fn a_cache_hit_does_not_rebuild() {
        let a = daily("A", &[10.0, 11.0, 12.0]);
        let base = Date::from_ymd(2024, 1, 2).unwrap();
        let mut cache = LineCache::default();
        let first = cache.line(&[&a], LineTransform::Rebased { base });
        assert_eq!(cache.builds(), 1);
        let again = cache.line(&[&a], LineTransform::Rebased { base });
        assert_eq!(cache.builds(), 1);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(
            first.ys().collect::<Vec<_>>(),
            rebase(&a, base).unwrap().values
        );
        // Another transform, another series with the same data, a renamed copy: new lines.
        cache.line(&[&a], LineTransform::Drawdown);
        let b = daily("A", &[10.0, 11.0, 12.0]);
        cache.line(&[&b], LineTransform::Rebased { base });
        let mut renamed = (*a).clone();
        renamed.name = "Renamed".into();
        cache.line(&[&Arc::new(renamed)], LineTransform::Rebased { base });
        assert_eq!(cache.builds(), 4);
        // A clone of the same `Arc` is the same series.
        let shared = Arc::clone(&a);
        cache.line(&[&shared], LineTransform::Drawdown);
        assert_eq!(cache.builds(), 4);
    }

    #[test]
    fn forgets_the_least_recently_used_beyond_capacity() {
        let a = daily("A", &[10.0, 11.0, 12.0, 13.0]);
        let mut cache = LineCache::with_budget(2, usize::MAX);
        for sessions in 1..=3 {
            cache.line(&[&a], LineTransform::Rolling { sessions });
            cache.end_frame();
        }
        assert_eq!(cache.len(), 2);
        // Rolling 1 was the oldest and is rebuilt; 3 is still there.
        cache.line(&[&a], LineTransform::Rolling { sessions: 3 });
        assert_eq!(cache.builds(), 3);
        cache.line(&[&a], LineTransform::Rolling { sessions: 1 });
        assert_eq!(cache.builds(), 4);
        // Everything used in one frame stays, even beyond the capacity.
        for sessions in 1..=5 {
            cache.line(&[&a], LineTransform::Rolling { sessions });
        }
        cache.end_frame();
        assert_eq!(cache.len(), 5);
    }

    #[test]
    fn keeps_computed_lines_within_the_budget_and_shares_series_indexes() {
        let a = daily("A", &[10.0; 1000]);
        // Room for one computed line of 1000 points (12 bytes each) and its index, not two.
        let mut cache = LineCache::with_budget(64, 20_000);
        cache.line(&[&a], LineTransform::Drawdown);
        cache.end_frame();
        cache.line(&[&a], LineTransform::Rolling { sessions: 5 });
        cache.end_frame();
        assert_eq!(cache.len(), 1, "the drawdown line went");
        // Lines that read the series hold nothing of their own: any number stay.
        let start = Date::from_ymd(2024, 1, 1).unwrap();
        for day in 0..10 {
            let base = start.plus_days(day).unwrap();
            cache.line(&[&a], LineTransform::Rebased { base });
            cache.line(&[&a], LineTransform::LogRebased { base });
            cache.end_frame();
        }
        assert_eq!(cache.len(), 21);
        assert_eq!(cache.series_indexed(), 1, "one index for twenty lines");
        // Once no line reads the series, its index goes too.
        let mut small = LineCache::with_budget(0, 0);
        small.line(&[&a], LineTransform::Rebased { base: start });
        small.end_frame();
        assert_eq!(small.series_indexed(), 1);
        small.end_frame();
        assert!(small.is_empty());
        assert_eq!(small.series_indexed(), 0);
    }
}
