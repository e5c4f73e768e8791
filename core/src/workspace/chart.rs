//! The chart settings a workspace remembers: which chart is shown, over which range, and the
//! choices each chart offers (performance mode, log scale, pairs, windows, lookback).

use serde::{Deserialize, Serialize};

use crate::model::Date;

use super::rotation_settings::RotationSettings;

/// The chart tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartTab {
    /// Every visible series rebased (or as % change) from the start of the range.
    #[default]
    Performance,
    /// One series divided by another (a relative-strength line).
    Relative,
    /// The difference or ratio of two series.
    Spread,
    /// The fall from the running peak.
    Drawdown,
    /// Rolling statistics over a window.
    Rolling,
    /// Relative strength and its momentum against a benchmark (RRG-style).
    Rotation,
}

impl ChartTab {
    /// Every tab, in display order.
    pub const ALL: [ChartTab; 6] = [
        ChartTab::Performance,
        ChartTab::Relative,
        ChartTab::Spread,
        ChartTab::Drawdown,
        ChartTab::Rolling,
        ChartTab::Rotation,
    ];

    /// The tab's title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ChartTab::Performance => "Performance",
            ChartTab::Relative => "Relative",
            ChartTab::Spread => "Spread",
            ChartTab::Drawdown => "Drawdown",
            ChartTab::Rolling => "Rolling",
            ChartTab::Rotation => "Rotation",
        }
    }
}

/// A range button: a span ending at the as-of date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RangePreset {
    /// Five days.
    #[serde(rename = "5D")]
    FiveDays,
    /// One month.
    #[serde(rename = "1M")]
    OneMonth,
    /// Three months.
    #[serde(rename = "3M")]
    ThreeMonths,
    /// Six months.
    #[serde(rename = "6M")]
    SixMonths,
    /// Since the first day of the as-of date's year.
    #[serde(rename = "YTD")]
    YearToDate,
    /// One year.
    #[serde(rename = "1Y")]
    OneYear,
    /// Five years.
    #[serde(rename = "5Y")]
    FiveYears,
    /// Ten years.
    #[serde(rename = "10Y")]
    TenYears,
    /// Everything there is.
    #[default]
    #[serde(rename = "Max")]
    Max,
}

impl RangePreset {
    /// Every preset, in button order.
    pub const ALL: [RangePreset; 9] = [
        RangePreset::FiveDays,
        RangePreset::OneMonth,
        RangePreset::ThreeMonths,
        RangePreset::SixMonths,
        RangePreset::YearToDate,
        RangePreset::OneYear,
        RangePreset::FiveYears,
        RangePreset::TenYears,
        RangePreset::Max,
    ];

    /// The button label, e.g. `5D` or `YTD`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            RangePreset::FiveDays => "5D",
            RangePreset::OneMonth => "1M",
            RangePreset::ThreeMonths => "3M",
            RangePreset::SixMonths => "6M",
            RangePreset::YearToDate => "YTD",
            RangePreset::OneYear => "1Y",
            RangePreset::FiveYears => "5Y",
            RangePreset::TenYears => "10Y",
            RangePreset::Max => "Max",
        }
    }
}

/// The date range of the charts: a preset or two chosen dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartRange {
    /// A preset ending at the as-of date.
    Preset(RangePreset),
    /// From one date to another, both included.
    Custom {
        /// The first date shown.
        from: Date,
        /// The last date shown.
        to: Date,
    },
}

impl Default for ChartRange {
    fn default() -> Self {
        ChartRange::Preset(RangePreset::Max)
    }
}

/// How the performance chart shows each series.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PerformanceMode {
    /// Every series starts at 100.
    #[default]
    Rebased100,
    /// Every series starts at 0 %.
    PercentChange,
}

/// How a spread combines its two series.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpreadMode {
    /// `a − b`: for rates and yields in the same unit.
    #[default]
    Difference,
    /// `a ÷ b`: for levels.
    Ratio,
}

/// Two series chosen by name, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeriesPair {
    /// The first series (numerator, or minuend).
    pub a: String,
    /// The second series (denominator, or subtrahend).
    pub b: String,
}

impl SeriesPair {
    /// A pair of the two named series.
    #[must_use]
    pub fn new(a: impl Into<String>, b: impl Into<String>) -> SeriesPair {
        SeriesPair {
            a: a.into(),
            b: b.into(),
        }
    }
}

/// Everything the charts remember between sessions.
///
/// Missing fields read as their defaults, so a workspace written before a setting existed
/// still opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartSettings {
    /// The chart shown.
    pub tab: ChartTab,
    /// The date range of every chart.
    pub range: ChartRange,
    /// Rebased to 100 or % change, on the performance chart.
    pub performance_mode: PerformanceMode,
    /// The date the performance chart rebases at (each series at its first session on or after
    /// it); `None` for the range's first date.
    pub base_date: Option<Date>,
    /// A logarithmic value axis where it makes sense.
    pub log_scale: bool,
    /// The two series of the relative chart.
    pub relative_pair: Option<SeriesPair>,
    /// The two series of the spread chart.
    pub spread_pair: Option<SeriesPair>,
    /// Difference or ratio, on the spread chart.
    pub spread_mode: SpreadMode,
    /// The window of the rolling chart, in observations.
    pub rolling_window: u32,
    /// The window of the "move" figures, in observations.
    pub move_window: u32,
    /// How many years back percentile ranks and z-scores look.
    pub lookback_years: u32,
    /// The rotation view's benchmark, period, window and tail.
    pub rotation: RotationSettings,
}

impl ChartSettings {
    /// The rolling window used until the user picks one: about a year of trading days.
    pub const DEFAULT_ROLLING_WINDOW: u32 = 252;
    /// The move window used until the user picks one: a trading week, as the metric definitions say.
    pub const DEFAULT_MOVE_WINDOW: u32 = 5;
    /// The lookback used until the user picks one.
    pub const DEFAULT_LOOKBACK_YEARS: u32 = 20;
    /// The longest lookback the user can pick.
    pub const MAX_LOOKBACK_YEARS: u32 = 200;

    /// Replaces every reference to the series `old` by `new` (after a rename).
    pub fn rename_series(&mut self, old: &str, new: &str) {
        for pair in [&mut self.relative_pair, &mut self.spread_pair]
            .into_iter()
            .flatten()
        {
            for name in [&mut pair.a, &mut pair.b] {
                if name == old {
                    *name = new.to_string();
                }
            }
        }
        if self.rotation.benchmark.as_deref() == Some(old) {
            self.rotation.benchmark = Some(new.to_string());
        }
    }
}

impl Default for ChartSettings {
    fn default() -> Self {
        ChartSettings {
            tab: ChartTab::default(),
            range: ChartRange::default(),
            performance_mode: PerformanceMode::default(),
            base_date: None,
            log_scale: false,
            relative_pair: None,
            spread_pair: None,
            spread_mode: SpreadMode::default(),
            rolling_window: Self::DEFAULT_ROLLING_WINDOW,
            move_window: Self::DEFAULT_MOVE_WINDOW,
            lookback_years: Self::DEFAULT_LOOKBACK_YEARS,
            rotation: RotationSettings::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_serialise_with_readable_names() {
        let settings = ChartSettings {
            tab: ChartTab::Spread,
            range: ChartRange::Preset(RangePreset::FiveYears),
            spread_pair: Some(SeriesPair::new("Earnings yield %", "Long Interest Rate")),
            ..ChartSettings::default()
        };
        let json = serde_json::to_value(&settings).unwrap();
        assert_eq!(json["tab"], "spread");
        assert_eq!(json["range"]["preset"], "5Y");
        assert_eq!(json["performance_mode"], "rebased100");
        assert_eq!(json["spread_pair"]["b"], "Long Interest Rate");
        let back: ChartSettings = serde_json::from_value(json).unwrap();
        assert_eq!(back, settings);
    }

    #[test]
    fn a_custom_range_round_trips() {
        let range = ChartRange::Custom {
            from: Date::from_ymd(2020, 1, 31).unwrap(),
            to: Date::from_ymd(2024, 2, 29).unwrap(),
        };
        let json = serde_json::to_string(&range).unwrap();
        assert_eq!(
            json,
            r#"{"custom":{"from":"2020-01-31","to":"2024-02-29"}}"#
        );
        assert_eq!(serde_json::from_str::<ChartRange>(&json).unwrap(), range);
    }

    #[test]
    fn missing_fields_take_defaults() {
        let settings: ChartSettings = serde_json::from_str(r#"{"log_scale": true}"#).unwrap();
        assert!(settings.log_scale);
        assert_eq!(settings.rolling_window, 252);
        assert_eq!(settings.range, ChartRange::Preset(RangePreset::Max));
    }

    #[test]
    fn renaming_updates_both_pairs() {
        let mut settings = ChartSettings {
            relative_pair: Some(SeriesPair::new("^RUT", "^GSPC")),
            spread_pair: Some(SeriesPair::new("DGS30", "^RUT")),
            ..ChartSettings::default()
        };
        settings.rename_series("^RUT", "Russell 2000");
        assert_eq!(
            settings.relative_pair,
            Some(SeriesPair::new("Russell 2000", "^GSPC"))
        );
        assert_eq!(
            settings.spread_pair,
            Some(SeriesPair::new("DGS30", "Russell 2000"))
        );
    }

    #[test]
    fn labels_match_the_serialised_presets() {
        for preset in RangePreset::ALL {
            let json = serde_json::to_value(preset).unwrap();
            assert_eq!(json, preset.label());
        }
    }
}
