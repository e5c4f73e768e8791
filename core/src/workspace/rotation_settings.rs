//! What a workspace remembers of its rotation view: the benchmark picked last, the period, the
//! window and the tail length. Every field has a default, so workspaces saved before the view
//! existed open unchanged.

use serde::{Deserialize, Serialize};

use crate::analytics::{
    DEFAULT_ROTATION_TAIL, DEFAULT_ROTATION_WINDOW, RotationOptions, RotationPeriod,
};
use crate::model::Date;

/// The rotation view's settings.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct RotationSettings {
    /// The benchmark the user picked last; `None` until one is picked (a broad index is then
    /// chosen, see [`crate::chart::rotation::default_benchmark`]).
    pub benchmark: Option<String>,
    /// Weekly or daily points.
    pub period: RotationPeriod,
    /// n, the window of RS-Ratio and RS-Momentum, in periods.
    pub window: u32,
    /// The number of points drawn per series.
    pub tail: u32,
}

impl RotationSettings {
    /// The largest window offered.
    pub const MAX_WINDOW: u32 = 520;
    /// The longest tail offered.
    pub const MAX_TAIL: u32 = 260;

    /// The options of the computation as of `as_of`.
    #[must_use]
    pub fn options(&self, as_of: Option<Date>) -> RotationOptions {
        RotationOptions {
            period: self.period,
            window: self.window as usize,
            tail: self.tail as usize,
            as_of,
        }
    }
}

impl Default for RotationSettings {
    fn default() -> Self {
        RotationSettings {
            benchmark: None,
            period: RotationPeriod::Weekly,
            window: u32::try_from(DEFAULT_ROTATION_WINDOW).unwrap_or(14),
            tail: u32::try_from(DEFAULT_ROTATION_TAIL).unwrap_or(10),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::workspace::ChartSettings;

    #[test]
    fn older_settings_without_the_rotation_view_load_with_its_defaults() {
        let old = r#"{"tab":"spread","rolling_window":100}"#;
        let settings: ChartSettings = serde_json::from_str(old).unwrap();
        assert_eq!(settings.rotation, RotationSettings::default());
        assert_eq!(settings.rotation.window, 14);
        assert_eq!(settings.rotation.tail, 10);
        let partial: RotationSettings = serde_json::from_str(r#"{"benchmark":"SPY"}"#).unwrap();
        assert_eq!(partial.benchmark.as_deref(), Some("SPY"));
        assert_eq!(partial.period, RotationPeriod::Weekly);
    }

    #[test]
    fn settings_round_trip_with_readable_names() {
        let settings = RotationSettings {
            benchmark: Some("^GSPC".to_string()),
            period: RotationPeriod::Daily,
            window: 20,
            tail: 5,
        };
        let json = serde_json::to_string(&settings).unwrap();
        assert_eq!(
            json,
            r#"{"benchmark":"^GSPC","period":"daily","window":20,"tail":5}"#
        );
        assert_eq!(
            serde_json::from_str::<RotationSettings>(&json).unwrap(),
            settings
        );
        let options = settings.options(None);
        assert_eq!((options.window, options.tail), (20, 5));
    }
}
