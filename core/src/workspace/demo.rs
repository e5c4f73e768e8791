//! The workspace shown on first run: real data, Robert Shiller's monthly S&P composite table
//! (public domain, bundled in `assets/demo/` with its licence), imported with the ordinary
//! importer, plus two derived yields and the valuation spreads they make against the long rate.

use thiserror::Error;

use crate::import::{ImportError, ImportOptions, import};
use crate::model::{Date, Series, SeriesError, SeriesKind, Source};

use super::chart::{ChartRange, ChartSettings, ChartTab, RangePreset, SeriesPair, SpreadMode};
use super::document::{SpreadDefinition, Workspace};

/// The bundled file, unchanged.
const SHILLER_CSV: &[u8] = include_bytes!("../../../assets/demo/shiller-sp500.csv");

/// The file name the demo data is imported under.
const SHILLER_FILE_NAME: &str = "shiller-sp500.csv";

/// The demo workspace's name.
pub const DEMO_NAME: &str = "Demo: S&P composite since 1871 (Shiller data)";

/// The demo's series: (column in the file, name in the workspace).
const DEMO_COLUMNS: [(&str, &str); 6] = [
    ("SP500", "S&P Composite"),
    ("Real Price", "S&P Composite (real)"),
    ("Earnings", "Earnings"),
    ("Dividend", "Dividend"),
    ("PE10", "PE10 (CAPE)"),
    ("Long Interest Rate", "Long Interest Rate"),
];

/// The derived earnings yield.
pub const EARNINGS_YIELD: &str = "Earnings yield %";
/// The derived CAPE yield.
pub const CAPE_YIELD: &str = "CAPE yield %";
/// The long rate both yields are compared with.
const LONG_RATE: &str = "Long Interest Rate";

/// Why the demo could not be built (only possible if the bundled file were damaged).
#[derive(Debug, Error)]
pub enum DemoError {
    /// The bundled file did not import.
    #[error("the demo data did not import: {0}")]
    Import(#[from] ImportError),
    /// An expected column is missing from the bundled file.
    #[error("the demo data has no column {0:?}")]
    MissingColumn(&'static str),
    /// A derived series could not be built.
    #[error("a demo series could not be built: {0}")]
    Series(#[from] SeriesError),
}

/// Every series name in the demo, in order.
#[must_use]
pub fn demo_series_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = DEMO_COLUMNS.iter().map(|(_, name)| *name).collect();
    names.extend([EARNINGS_YIELD, CAPE_YIELD]);
    names
}

/// Builds the demo workspace from the bundled data.
pub fn demo_workspace() -> Result<Workspace, DemoError> {
    let options = ImportOptions {
        file_name: Some(SHILLER_FILE_NAME.to_string()),
        ..ImportOptions::default()
    };
    let outcome = import(SHILLER_CSV, &options)?;
    let mut workspace = Workspace::empty();
    workspace.name = DEMO_NAME.to_string();
    for (column, name) in DEMO_COLUMNS {
        let Some(series) = outcome.series.iter().find(|s| s.source.column == column) else {
            return Err(DemoError::MissingColumn(column));
        };
        let mut series = series.clone();
        series.name = name.to_string();
        series.source.format = format!("{} (bundled demo, public domain)", series.source.format);
        workspace.add_series(series);
    }
    let named = |name: &'static str| {
        workspace
            .series_named(name)
            .map(|entry| entry.series.clone())
            .ok_or(DemoError::MissingColumn(name))
    };
    let (price, earnings, cape) = (
        named("S&P Composite")?,
        named("Earnings")?,
        named("PE10 (CAPE)")?,
    );
    let earnings_yield = combine(
        EARNINGS_YIELD,
        "100 × Earnings ÷ SP500",
        &earnings,
        &price,
        |e, p| 100.0 * e / p,
    )?;
    let cape_yield = combine(CAPE_YIELD, "100 ÷ PE10", &cape, &cape, |c, _| 100.0 / c)?;
    workspace.add_series(earnings_yield);
    workspace.add_series(cape_yield);
    // The performance chart opens on the index itself, nominal and real, with earnings and
    // dividends beside it; rates and valuation ratios are a click away (and on the Spread tab).
    for entry in &mut workspace.series {
        entry.visible = matches!(
            entry.name(),
            "S&P Composite" | "S&P Composite (real)" | "Earnings" | "Dividend"
        );
    }

    workspace.spreads = vec![
        SpreadDefinition {
            name: "Equity risk premium (earnings yield − long rate)".to_string(),
            a: EARNINGS_YIELD.to_string(),
            b: LONG_RATE.to_string(),
        },
        SpreadDefinition {
            name: "CAPE yield − long rate".to_string(),
            a: CAPE_YIELD.to_string(),
            b: LONG_RATE.to_string(),
        },
    ];
    workspace.chart = ChartSettings {
        tab: ChartTab::Performance,
        range: ChartRange::Preset(RangePreset::Max),
        log_scale: true,
        relative_pair: Some(SeriesPair::new("S&P Composite", "Earnings")),
        spread_pair: Some(SeriesPair::new(EARNINGS_YIELD, LONG_RATE)),
        spread_mode: SpreadMode::Difference,
        lookback_years: 50,
        ..ChartSettings::default()
    };
    Ok(workspace)
}

/// A rate series `formula(a, b)` on every date both `a` and `b` have, skipping dates where
/// the result is not finite.
fn combine(
    name: &str,
    formula_text: &str,
    a: &Series,
    b: &Series,
    formula: impl Fn(f64, f64) -> f64,
) -> Result<Series, SeriesError> {
    let mut dates: Vec<Date> = Vec::new();
    let mut values = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (date_a, date_b) = (a.dates()[i], b.dates()[j]);
        if date_a < date_b {
            i += 1;
        } else if date_b < date_a {
            j += 1;
        } else {
            let value = formula(a.values()[i], b.values()[j]);
            if value.is_finite() {
                dates.push(date_a);
                values.push(value);
            }
            i += 1;
            j += 1;
        }
    }
    let source = Source {
        path: None,
        format: "Derived from the bundled Shiller data".to_string(),
        column: formula_text.to_string(),
        options: ImportOptions::default(),
    };
    Series::new(name, SeriesKind::Rate, source, dates, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Workspace {
        demo_workspace().unwrap()
    }

    #[test]
    fn has_the_expected_series_with_data() {
        let workspace = demo();
        let names: Vec<&str> = workspace
            .series
            .iter()
            .map(crate::workspace::WorkspaceSeries::name)
            .collect();
        assert_eq!(names, demo_series_names());
        assert_eq!(
            names,
            [
                "S&P Composite",
                "S&P Composite (real)",
                "Earnings",
                "Dividend",
                "PE10 (CAPE)",
                "Long Interest Rate",
                "Earnings yield %",
                "CAPE yield %"
            ]
        );
        for entry in &workspace.series {
            assert!(entry.series.len() > 1000, "{} is short", entry.name());
        }
        let shown: Vec<&str> = workspace
            .series
            .iter()
            .filter(|s| s.visible)
            .map(crate::workspace::WorkspaceSeries::name)
            .collect();
        assert_eq!(
            shown,
            [
                "S&P Composite",
                "S&P Composite (real)",
                "Earnings",
                "Dividend"
            ]
        );
        let price = workspace.series_named("S&P Composite").unwrap();
        assert_eq!(
            price.series.first(),
            Some((Date::from_ymd(1871, 1, 1).unwrap(), 4.44))
        );
        assert_eq!(price.series.kind, SeriesKind::Price);
        assert_eq!(price.series.source.column, "SP500");
        assert_eq!(price.series.source.path, None);
        let cape = workspace.series_named("PE10 (CAPE)").unwrap();
        assert_eq!(
            cape.series.first(),
            Some((Date::from_ymd(1881, 1, 1).unwrap(), 18.47))
        );
    }

    #[test]
    fn derived_yields_follow_their_formulas() {
        let workspace = demo();
        let earnings_yield = &workspace.series_named(EARNINGS_YIELD).unwrap().series;
        let first = Date::from_ymd(1871, 1, 1).unwrap();
        let expected = 100.0 * 0.4 / 4.44;
        assert_eq!(earnings_yield.value_on(first), Some(expected));
        assert_eq!(earnings_yield.kind, SeriesKind::Rate);
        assert_eq!(earnings_yield.source.column, "100 × Earnings ÷ SP500");
        assert_eq!(
            earnings_yield.last().map(|(date, _)| date),
            Date::from_ymd(2023, 6, 1)
        );
        let cape_yield = &workspace.series_named(CAPE_YIELD).unwrap().series;
        let september_2023 = Date::from_ymd(2023, 9, 1).unwrap();
        assert_eq!(cape_yield.value_on(september_2023), Some(100.0 / 30.81));
    }

    #[test]
    fn defines_the_valuation_spreads() {
        let workspace = demo();
        let pairs: Vec<(&str, &str)> = workspace
            .spreads
            .iter()
            .map(|s| (s.a.as_str(), s.b.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                (EARNINGS_YIELD, "Long Interest Rate"),
                (CAPE_YIELD, "Long Interest Rate")
            ]
        );
        for spread in &workspace.spreads {
            assert!(workspace.series_named(&spread.a).is_some());
            assert!(workspace.series_named(&spread.b).is_some());
        }
        let spread_pair = workspace.chart.spread_pair.as_ref().unwrap();
        assert!(workspace.series_named(&spread_pair.a).is_some());
        assert_eq!(workspace.name, DEMO_NAME);
    }

    #[test]
    fn colours_are_distinct() {
        let workspace = demo();
        for (i, a) in workspace.series.iter().enumerate() {
            for b in &workspace.series[i + 1..] {
                assert_ne!(a.color, b.color);
            }
        }
    }
}
