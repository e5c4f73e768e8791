//! The min/max pyramids of whole series, shared by every line that shows a series' own closes
//! through an order-keeping map (rebased, percent change, log): changing the base date or the
//! value axis then indexes nothing again, and the index exists once per series, not per line.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::Series;

use super::pyramid::MinMaxPyramid;

/// Min/max pyramids by series.
#[derive(Default)]
pub struct SeriesBlocks {
    /// By the series' address; the entry holds the series, so the address cannot be reused
    /// while the entry lives.
    entries: HashMap<usize, (Arc<Series>, Arc<MinMaxPyramid>)>,
}

impl SeriesBlocks {
    /// The min/max pyramid of `series`' values, indexed now only if not yet known.
    pub fn of(&mut self, series: &Arc<Series>) -> Arc<MinMaxPyramid> {
        let address = Arc::as_ptr(series) as usize;
        if let Some((_, blocks)) = self.entries.get(&address) {
            return Arc::clone(blocks);
        }
        let blocks = Arc::new(MinMaxPyramid::of(series.values()));
        self.entries
            .insert(address, (Arc::clone(series), Arc::clone(&blocks)));
        blocks
    }

    /// Forgets the series whose pyramid no line holds any more.
    pub fn forget_unused(&mut self) {
        self.entries
            .retain(|_, (_, blocks)| Arc::strong_count(blocks) > 1);
    }

    /// How many series are indexed.
    #[cfg(test)]
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no series is indexed.
    #[cfg(test)]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SeriesKind;
    use crate::testing::daily_series;

    fn series(closes: &[f64]) -> Arc<Series> {
        Arc::new(daily_series("A", SeriesKind::Price, "2024-01-01", closes))
    }

    #[test]
    fn indexes_each_series_once_while_a_line_holds_it() {
        let a = series(&[1.0; 100]);
        let mut blocks = SeriesBlocks::default();
        let held = blocks.of(&a);
        let again = blocks.of(&Arc::clone(&a));
        assert!(Arc::ptr_eq(&held, &again));
        assert_eq!(blocks.len(), 1);
        drop(again);
        blocks.forget_unused();
        assert_eq!(blocks.len(), 1, "still held");
        drop(held);
        blocks.forget_unused();
        assert!(blocks.is_empty());
        // Forgotten, then indexed anew.
        let _rebuilt = blocks.of(&a);
        assert_eq!(blocks.len(), 1);
    }
}
