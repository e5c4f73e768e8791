//! The words around an exported chart: the title (the series compared, unless the user wrote
//! one), the subtitle saying what is drawn over which dates, and the source line naming the
//! files, where they came from and the app.

use crate::chart::rotation::RotationChart;
use crate::chart::tab_plan::ChartPlan;
use crate::workspace::{ChartRange, RangePreset, Workspace};

/// The app's name and version, as the source line ends.
pub const MADE_WITH: &str = concat!("Rotation Lens ", env!("CARGO_PKG_VERSION"));

/// The texts of a chart picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartCaption {
    /// The title.
    pub title: String,
    /// What is drawn and when, e.g. "Rebased to 100 on 2019-12-31 · YTD to 2020-11-13".
    pub subtitle: String,
    /// Where the data came from, e.g. "Source: ^RUT.csv, SPY.csv (Yahoo Finance) · Rotation
    /// Lens 0.1.0".
    pub source: String,
}

/// The caption of `plan`, drawn from `workspace`; `title` replaces the default title when it
/// is not blank.
#[must_use]
pub fn chart_caption(workspace: &Workspace, plan: &ChartPlan, title: Option<&str>) -> ChartCaption {
    let names = drawn_series(plan);
    let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => title.to_string(),
        None if names.is_empty() => plan.tab.label().to_string(),
        None => names.join(" vs "),
    };
    let mut parts: Vec<String> = plan.panels.iter().map(|p| p.title.clone()).collect();
    if let Some(band) = &plan.band {
        parts.push(format!(
            "P10–P90 band over {} years",
            band.lookback_years.max(1)
        ));
    }
    let dates = match workspace.chart.range {
        ChartRange::Preset(RangePreset::Max) => {
            format!("{} to {}", plan.span.from, plan.span.to)
        }
        ChartRange::Preset(preset) => format!("{} to {}", preset.label(), plan.span.to),
        ChartRange::Custom { .. } => format!("{} to {}", plan.span.from, plan.span.to),
    };
    parts.push(dates);
    ChartCaption {
        title,
        subtitle: parts.join(" · "),
        source: source_line(workspace, &names),
    }
}

/// The caption of the rotation view `chart`, drawn from `workspace`; `title` replaces the
/// default title ("Rotation against SPY") when it is not blank.
#[must_use]
pub fn rotation_caption(
    workspace: &Workspace,
    chart: &RotationChart,
    title: Option<&str>,
) -> ChartCaption {
    let title = match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => title.to_string(),
        None => format!("Rotation against {}", chart.benchmark),
    };
    let unit = chart.options.period.unit();
    let plural = |n: usize| {
        if n == 1 {
            String::new()
        } else {
            "s".to_string()
        }
    };
    let (window, tail) = (chart.options.window, chart.options.tail);
    let mut subtitle = format!(
        "RS-Ratio and RS-Momentum (RRG-style) · {}, window {window} {unit}{}, tail {tail} {unit}{}",
        chart.options.period.label(),
        plural(window),
        plural(tail),
    );
    if let Some(as_of) = chart.as_of {
        subtitle.push_str(&format!(" · as of {as_of}"));
    }
    let mut names: Vec<String> = chart.tails.iter().map(|t| t.name.clone()).collect();
    names.push(chart.benchmark.clone());
    ChartCaption {
        title,
        subtitle,
        source: source_line(workspace, &names),
    }
}

/// The names of the series the plan draws, in order, each once.
fn drawn_series(plan: &ChartPlan) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in plan
        .panels
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| l.shown)
    {
        for series in &line.series {
            if !names.contains(&series.name) {
                names.push(series.name.clone());
            }
        }
    }
    names
}

/// "Source: a.csv, b.csv (Yahoo Finance); c.csv (FRED) · Rotation Lens 0.1.0": each file once,
/// grouped by the source detected in it, in the order the series are drawn.
fn source_line(workspace: &Workspace, names: &[String]) -> String {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for name in names {
        let Some(entry) = workspace.series_named(name) else {
            continue;
        };
        let source = &entry.series.source;
        let file = source
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| name.clone(), |f| f.to_string_lossy().into_owned());
        let format = if source.format.trim().is_empty() {
            "file".to_string()
        } else {
            source.format.clone()
        };
        match groups.iter_mut().find(|(f, _)| *f == format) {
            Some((_, files)) => {
                if !files.contains(&file) {
                    files.push(file);
                }
            }
            None => groups.push((format, vec![file])),
        }
    }
    let listed: Vec<String> = groups
        .iter()
        .map(|(format, files)| format!("{} ({format})", files.join(", ")))
        .collect();
    if listed.is_empty() {
        MADE_WITH.to_string()
    } else {
        format!("Source: {} · {MADE_WITH}", listed.join("; "))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::chart::tab_plan::{TabPlan, plan};
    use crate::model::{Series, SeriesKind};
    use crate::testing::{d, daily_series};

    fn from_file(name: &str, file: &str, format: &str, start: &str, closes: &[f64]) -> Series {
        let mut series = daily_series(name, SeriesKind::Price, start, closes);
        series.source.path = Some(PathBuf::from("/data").join(file));
        series.source.format = format.to_string();
        series
    }

    #[test]
    fn title_subtitle_and_source_name_what_is_drawn() {
        let mut workspace = Workspace::empty();
        workspace.add_series(from_file(
            "^RUT",
            "^RUT.csv",
            "Yahoo Finance",
            "2019-12-30",
            &[1.0, 2.0, 3.0, 4.0],
        ));
        workspace.add_series(from_file(
            "SPY",
            "SPY.csv",
            "Yahoo Finance",
            "2019-12-30",
            &[1.0, 2.0, 3.0, 4.0],
        ));
        workspace.add_series(from_file(
            "DGS10",
            "DGS10.csv",
            "FRED",
            "2019-12-30",
            &[1.0, 2.0, 3.0, 4.0],
        ));
        workspace.add_series(from_file(
            "Hidden",
            "h.csv",
            "Stooq",
            "2019-12-30",
            &[1.0, 2.0],
        ));
        workspace.series[3].visible = false;
        workspace.chart.range = ChartRange::Preset(RangePreset::YearToDate);
        let TabPlan::Chart(chart) = plan(&workspace, Some(d("2020-01-02"))) else {
            panic!("a chart");
        };
        let caption = chart_caption(&workspace, &chart, None);
        assert_eq!(caption.title, "^RUT vs SPY vs DGS10");
        assert_eq!(
            caption.subtitle,
            "Rebased to 100 on 2019-12-31 · YTD to 2020-01-02"
        );
        assert_eq!(
            caption.source,
            format!(
                "Source: ^RUT.csv, SPY.csv (Yahoo Finance); DGS10.csv (FRED) · Rotation Lens {}",
                env!("CARGO_PKG_VERSION")
            )
        );
        let titled = chart_caption(&workspace, &chart, Some("  My chart "));
        assert_eq!(titled.title, "My chart");
        let blank = chart_caption(&workspace, &chart, Some("   "));
        assert_eq!(blank.title, "^RUT vs SPY vs DGS10");
    }
}
