//! How a line shows a series' own values without copying them: the rebased, percent-change and
//! log-rebased lines are each a fixed, order-keeping function of the closes, applied only to the
//! few points a frame draws.

/// A function from a stored value to the chart's unit that never maps a larger value lower, so
/// the lowest and highest stored values of any stretch are also the lowest and highest shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueMap {
    /// The value itself.
    Identity,
    /// `100 × C_s / C_b`: the close rebased to 100 at the base close `C_b` (> 0).
    Rebased {
        /// The base close.
        base: f64,
    },
    /// `100 × (C_s / C_b − 1)`: the percent change since the base close `C_b` (> 0).
    PercentChange {
        /// The base close.
        base: f64,
    },
    /// `ln(100 × C_s / C_b)`: the rebased close on a logarithmic axis.
    LogRebased {
        /// The base close.
        base: f64,
    },
}

impl ValueMap {
    /// The value in the chart's unit; the same arithmetic, in the same order, as the analytics
    /// transforms ([`crate::analytics::rebase`], [`crate::analytics::percent_change`]), so the
    /// results are equal to the last bit.
    #[must_use]
    pub fn apply(self, value: f64) -> f64 {
        match self {
            ValueMap::Identity => value,
            ValueMap::Rebased { base } => 100.0 * value / base,
            ValueMap::PercentChange { base } => 100.0 * (value / base - 1.0),
            ValueMap::LogRebased { base } => (100.0 * value / base).ln(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{percent_change, rebase};
    use crate::model::SeriesKind;
    use crate::testing::{d, daily_series};

    #[test]
    fn equals_the_analytics_transforms_bit_for_bit() {
        let start = d("2024-01-01");
        let closes = [3.7, 1234.56, 0.1, 98_765.432_1, 3.7 * 3.0, 7.0 / 3.0];
        let series = daily_series("A", SeriesKind::Price, "2024-01-01", &closes);
        let base = closes[0];
        let rebased = rebase(&series, start).unwrap().values;
        let change = percent_change(&series, start).unwrap().values;
        for (i, &close) in closes.iter().enumerate() {
            assert_eq!(ValueMap::Rebased { base }.apply(close), rebased[i]);
            assert_eq!(ValueMap::PercentChange { base }.apply(close), change[i]);
            assert_eq!(ValueMap::LogRebased { base }.apply(close), rebased[i].ln());
        }
    }

    #[test]
    fn never_maps_a_larger_value_lower() {
        let base = 7.3;
        let values: Vec<f64> = (0..10_000).map(|i| 0.01 + f64::from(i) * 0.37).collect();
        for map in [
            ValueMap::Rebased { base },
            ValueMap::PercentChange { base },
            ValueMap::LogRebased { base },
        ] {
            assert!(
                values
                    .windows(2)
                    .all(|w| map.apply(w[0]) <= map.apply(w[1]))
            );
        }
    }
}
