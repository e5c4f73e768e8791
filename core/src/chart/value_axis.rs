//! What a chart's y values mean — rebased to 100, percent, percentage points, a ratio, a level,
//! or the logarithm of a rebased value — and how a value reads on the axis and in read-outs.

use crate::number_format::{decimals_for_step, grouped, level, signed};

/// The unit of a chart panel's y values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueAxis {
    /// Rebased to 100 at the range start.
    Rebased,
    /// Percent change since the range start.
    PercentChange,
    /// `ln` of the rebased value, labelled as rebased values.
    LogRebased,
    /// `ln` of the rebased value, labelled as percent change.
    LogPercentChange,
    /// A percentage (drawdown, rolling return).
    Percent,
    /// Percentage points (a difference of two percentages).
    PercentagePoints,
    /// A ratio of two series.
    Ratio,
    /// A level in the series' own unit (a spread difference).
    Level,
}

impl ValueAxis {
    /// Whether y is plotted as a logarithm.
    #[must_use]
    pub fn is_log(self) -> bool {
        matches!(self, ValueAxis::LogRebased | ValueAxis::LogPercentChange)
    }

    /// The value a plotted y stands for.
    #[must_use]
    pub fn value(self, y: f64) -> f64 {
        match self {
            ValueAxis::LogRebased => y.exp(),
            ValueAxis::LogPercentChange => y.exp() - 100.0,
            _ => y,
        }
    }

    /// The value as a read-out shows it: `123.4`, `+23.40%`, `-12.30%`, `+3.25 pp`, `2.3456`.
    #[must_use]
    pub fn format(self, value: f64) -> String {
        match self {
            ValueAxis::Rebased | ValueAxis::LogRebased => grouped(value, 2),
            ValueAxis::PercentChange | ValueAxis::LogPercentChange | ValueAxis::Percent => {
                signed(value, 2, "%")
            }
            ValueAxis::PercentagePoints => signed(value, 2, " pp"),
            ValueAxis::Ratio => grouped(value, 4),
            ValueAxis::Level => level(value),
        }
    }

    /// The label of a linear-axis tick at `value` when ticks are `step` apart.
    #[must_use]
    pub fn tick_label(self, value: f64, step: f64) -> String {
        let decimals = decimals_for_step(step);
        match self {
            ValueAxis::PercentChange | ValueAxis::LogPercentChange | ValueAxis::Percent => {
                signed(value, decimals, "%")
            }
            ValueAxis::PercentagePoints => signed(value, decimals, " pp"),
            _ => grouped(value, decimals),
        }
    }

    /// The label of a log-axis tick at the round rebased value `value` (see
    /// [`super::log_axis::log_ticks`]).
    #[must_use]
    pub fn log_tick_label(self, value: f64) -> String {
        // Tick values are round: show the fewest decimals that write them exactly.
        let decimals = (0..6)
            .find(|&d| {
                let scale = 10f64.powi(d);
                ((value * scale).round() / scale - value).abs() <= 1e-9 * value.abs().max(1.0)
            })
            .unwrap_or(6) as usize;
        match self {
            ValueAxis::LogPercentChange => signed(value - 100.0, decimals, "%"),
            _ => grouped(value, decimals),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_read_outs() {
        assert!((ValueAxis::LogRebased.value(150f64.ln()) - 150.0).abs() < 1e-9);
        assert!((ValueAxis::LogPercentChange.value(150f64.ln()) - 50.0).abs() < 1e-9);
        assert_eq!(ValueAxis::Percent.value(-12.5), -12.5);
        assert_eq!(ValueAxis::Rebased.format(1234.5), "1,234.50");
        assert_eq!(ValueAxis::PercentChange.format(23.4), "+23.40%");
        assert_eq!(ValueAxis::Percent.format(-12.3), "-12.30%");
        assert_eq!(ValueAxis::PercentagePoints.format(3.254), "+3.25 pp");
        assert_eq!(ValueAxis::Ratio.format(2.345_67), "2.3457");
        assert_eq!(ValueAxis::Level.format(1.5), "1.50");
        assert!(ValueAxis::LogRebased.is_log());
        assert!(!ValueAxis::Rebased.is_log());
    }

    #[test]
    fn tick_labels() {
        assert_eq!(ValueAxis::Rebased.tick_label(1200.0, 200.0), "1,200");
        assert_eq!(ValueAxis::Percent.tick_label(-20.0, 10.0), "-20%");
        assert_eq!(ValueAxis::PercentChange.tick_label(2.5, 0.5), "+2.5%");
        assert_eq!(ValueAxis::LogRebased.log_tick_label(200.0), "200");
        assert_eq!(ValueAxis::LogRebased.log_tick_label(0.5), "0.5");
        assert_eq!(ValueAxis::LogRebased.log_tick_label(92.5), "92.5");
        assert_eq!(ValueAxis::LogRebased.log_tick_label(0.05), "0.05");
        assert_eq!(ValueAxis::LogPercentChange.log_tick_label(200.0), "+100%");
        assert_eq!(ValueAxis::LogPercentChange.log_tick_label(50.0), "-50%");
    }
}
