//! The settings of the rotation view: the period its points are taken at, the window of its
//! z-scores, the length of its tails and the as-of date, with their defaults and the checks that
//! turn a bad choice into an error before anything is computed.

use serde::{Deserialize, Serialize};

use crate::model::Date;

/// The default window n of RS-Ratio and RS-Momentum, in periods.
pub const DEFAULT_ROTATION_WINDOW: usize = 14;

/// The default number of points drawn per series.
pub const DEFAULT_ROTATION_TAIL: usize = 10;

/// The smallest window that has a standard deviation.
pub const MIN_ROTATION_WINDOW: usize = 2;

/// How the aligned dates are thinned into periods.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RotationPeriod {
    /// The last aligned date of each ISO week (Monday to Sunday).
    #[default]
    Weekly,
    /// Every aligned date.
    Daily,
}

impl RotationPeriod {
    /// Both periods, weekly first.
    pub const ALL: [RotationPeriod; 2] = [RotationPeriod::Weekly, RotationPeriod::Daily];

    /// The name shown in the app and accepted on the command line: `weekly` or `daily`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RotationPeriod::Weekly => "weekly",
            RotationPeriod::Daily => "daily",
        }
    }

    /// The label of the period's control, capitalised.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            RotationPeriod::Weekly => "Weekly",
            RotationPeriod::Daily => "Daily",
        }
    }

    /// The period named `weekly` or `daily` (any case); `None` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<RotationPeriod> {
        RotationPeriod::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(text.trim()))
    }

    /// The unit of one period in prose: "week" or "day".
    #[must_use]
    pub fn unit(self) -> &'static str {
        match self {
            RotationPeriod::Weekly => "week",
            RotationPeriod::Daily => "day",
        }
    }
}

/// Everything the rotation view is computed with besides the series and the benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RotationOptions {
    /// Weekly or daily points.
    pub period: RotationPeriod,
    /// n, the number of periods of the RS-Ratio and RS-Momentum windows (at least 2).
    pub window: usize,
    /// How many points per series (at least 1).
    pub tail: usize,
    /// Cut everything at this date (`None`: all the data).
    pub as_of: Option<Date>,
}

impl Default for RotationOptions {
    fn default() -> Self {
        RotationOptions {
            period: RotationPeriod::Weekly,
            window: DEFAULT_ROTATION_WINDOW,
            tail: DEFAULT_ROTATION_TAIL,
            as_of: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_by_name_in_any_case() {
        assert_eq!(
            RotationPeriod::parse("weekly"),
            Some(RotationPeriod::Weekly)
        );
        assert_eq!(
            RotationPeriod::parse(" Daily "),
            Some(RotationPeriod::Daily)
        );
        assert_eq!(RotationPeriod::parse("monthly"), None);
        assert_eq!(RotationPeriod::Weekly.unit(), "week");
        assert_eq!(RotationPeriod::Daily.label(), "Daily");
    }

    #[test]
    fn defaults_are_weekly_fourteen_and_ten() {
        let options = RotationOptions::default();
        assert_eq!(options.period, RotationPeriod::Weekly);
        assert_eq!(options.window, 14);
        assert_eq!(options.tail, 10);
        assert_eq!(options.as_of, None);
    }
}
