//! The transformed lines, kept between frames: a line is built once when its series or
//! transform changes and then shared, so drawing a frame never re-runs a transform.

use std::sync::Arc;

use crate::model::Series;

use super::frame_lru::FrameLru;
use super::line_spec::{LineKey, LineTransform, build_line};
use super::plot_line::PlotLine;

/// How many lines are kept when no longer drawn, so that switching back to a tab or range is
/// instant; the least recently used go first.
pub const DEFAULT_CAPACITY: usize = 64;

struct CachedLine {
    line: Arc<PlotLine>,
    /// Keeps the series alive, so no other series can take its address while cached.
    _series: Vec<Arc<Series>>,
}

/// Transformed lines by (series identity, transform).
pub struct LineCache {
    entries: FrameLru<LineKey, CachedLine>,
    builds: u64,
}

impl Default for LineCache {
    fn default() -> Self {
        LineCache::with_capacity(DEFAULT_CAPACITY)
    }
}

impl LineCache {
    /// A cache keeping up to `capacity` lines beyond those drawn in the current frame.
    #[must_use]
    pub fn with_capacity(capacity: usize) -> LineCache {
        LineCache {
            entries: FrameLru::with_capacity(capacity),
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
        let plain: Vec<&Series> = series.iter().map(|s| s.as_ref()).collect();
        let line = Arc::new(build_line(&plain, key.transform));
        self.builds += 1;
        self.entries.replace(
            key,
            CachedLine {
                line: Arc::clone(&line),
                _series: series.iter().map(|s| Arc::clone(s)).collect(),
            },
        );
        line
    }

    /// Ends a frame: forgets the least recently used lines beyond the capacity (lines used in
    /// this frame are always kept).
    pub fn end_frame(&mut self) {
        self.entries.end_frame();
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analytics::rebase;
    use crate::model::{Date, SeriesKind, Source};

    fn daily(name: &str, closes: &[f64]) -> Arc<Series> {
        let start = Date::from_ymd(2024, 1, 1).unwrap();
        Arc::new(
            Series::new(
                name,
                SeriesKind::Price,
                Source::default(),
                (0..closes.len())
                    .map(|i| start.plus_days(i as i32).unwrap())
                    .collect(),
                closes.to_vec(),
            )
            .unwrap(),
        )
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
        assert_eq!(first.ys(), rebase(&a, base).unwrap().values.as_slice());
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
        let mut cache = LineCache::with_capacity(2);
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
}
