//! `rotation-lens export-chart` and `rotation-lens report`: the chart picture (PNG or SVG) and
//! the one-file HTML report, made without a window, a display or a GPU, from a workspace file
//! or from price files read as `metrics` reads them. Written through the atomic writer.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::atomic_write::write_atomically;
use crate::chart::tab_plan::suggested_pair;
use crate::export::{PictureFormat, PictureOptions, PictureTheme, parse_size, render_chart};
use crate::import::{ImportOptions, import_file};
use crate::model::Date;
use crate::paths::is_workspace_file;
use crate::report::workspace_report;
use crate::workspace::{ChartRange, ChartTab, RangePreset, Workspace, load_workspace};

/// A chart tab, as the command line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TabArg {
    /// Every series rebased (or % change) from the range's start.
    Performance,
    /// The ratio of two series and their performance difference.
    Relative,
    /// The spread of two series with its percentile band.
    Spread,
    /// Each series' fall from its running high.
    Drawdown,
    /// Each series' rolling N-session return.
    Rolling,
    /// RS-Ratio and RS-Momentum of every series against a benchmark (RRG-style).
    Rotation,
}

impl TabArg {
    fn tab(self) -> ChartTab {
        match self {
            TabArg::Performance => ChartTab::Performance,
            TabArg::Relative => ChartTab::Relative,
            TabArg::Spread => ChartTab::Spread,
            TabArg::Drawdown => ChartTab::Drawdown,
            TabArg::Rolling => ChartTab::Rolling,
            TabArg::Rotation => ChartTab::Rotation,
        }
    }
}

/// A picture theme, as the command line names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// The arguments of `rotation-lens export-chart`.
#[derive(Debug, Clone, Args)]
pub struct ExportChartArgs {
    /// The picture to write: .png or .svg.
    #[arg(value_name = "OUT.png|OUT.svg")]
    pub out: PathBuf,
    /// A workspace (.rlens/.json), or price files read as `metrics` reads them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The chart tab (default: the workspace's, or performance for price files).
    #[arg(long, value_enum)]
    pub tab: Option<TabArg>,
    /// The range: 5D, 1M, 3M, 6M, YTD, 1Y, 5Y, 10Y, Max, or FROM:TO as YYYY-MM-DD:YYYY-MM-DD.
    #[arg(long, value_name = "RANGE", value_parser = parse_range)]
    pub range: Option<ChartRange>,
    /// Draw as if the data ended on this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// The picture's size in pixels.
    #[arg(long, value_name = "WxH", default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Pixels per point: 2 draws text and lines sharp for high-density screens and print.
    #[arg(long, value_name = "F", default_value_t = 2.0)]
    pub scale: f32,
    /// Light or dark colours.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// The title (default: the series compared).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// The arguments of `rotation-lens report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// The HTML file to write.
    #[arg(value_name = "OUT.html")]
    pub out: PathBuf,
    /// A workspace (.rlens/.json), or price files read as `metrics` reads them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Report as if the data ended on this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// The title (default: the workspace's name, or the series compared).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| format!("expected a date as YYYY-MM-DD, found {text:?}"))
}

/// Reads a range: a preset's label (any case) or `FROM:TO`.
pub fn parse_range(text: &str) -> Result<ChartRange, String> {
    let trimmed = text.trim();
    if let Some(preset) = RangePreset::ALL
        .iter()
        .find(|p| p.label().eq_ignore_ascii_case(trimmed))
    {
        return Ok(ChartRange::Preset(*preset));
    }
    if let Some((from, to)) = trimmed.split_once(':')
        && let (Some(from), Some(to)) = (Date::parse_iso(from.trim()), Date::parse_iso(to.trim()))
    {
        return Ok(ChartRange::Custom {
            from: from.min(to),
            to: from.max(to),
        });
    }
    let presets: Vec<&str> = RangePreset::ALL.iter().map(|p| p.label()).collect();
    Err(format!(
        "expected one of {} or FROM:TO as YYYY-MM-DD:YYYY-MM-DD, found {text:?}",
        presets.join(", ")
    ))
}

/// The workspace the inputs stand for: the workspace file when one is given (alone), else a
/// workspace of the series imported from the price files. Every problem is an error message.
pub fn load_inputs(inputs: &[PathBuf]) -> Result<Workspace, String> {
    let (workspaces, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        inputs.iter().partition(|p| is_workspace_file(p));
    match (workspaces.as_slice(), files.is_empty()) {
        ([workspace], true) => load_workspace(workspace).map_err(|error| error.to_string()),
        ([], _) => {
            let mut workspace = Workspace::empty();
            let mut problems = Vec::new();
            for path in files {
                match import_file(path, &ImportOptions::default()) {
                    Ok(outcome) => {
                        for series in outcome.series {
                            workspace.add_series(series);
                        }
                    }
                    Err(error) => problems.push(error.to_string()),
                }
            }
            if problems.is_empty() {
                Ok(workspace)
            } else {
                Err(problems.join("\n"))
            }
        }
        _ => Err("give one workspace file, or price files only".to_string()),
    }
}

/// Runs `export-chart`; returns the message to print on success, or why it failed.
pub fn export_chart(args: &ExportChartArgs) -> Result<String, String> {
    let format = PictureFormat::from_path(&args.out).ok_or_else(|| {
        format!(
            "{}: the file name must end in .png or .svg",
            args.out.display()
        )
    })?;
    let mut workspace = load_inputs(&args.inputs)?;
    if let Some(tab) = args.tab {
        workspace.chart.tab = tab.tab();
    }
    if let Some(range) = args.range {
        workspace.chart.range = range;
    }
    choose_missing_pair(&mut workspace);
    let as_of = args.as_of.or(workspace.as_of);
    let options = PictureOptions {
        width_px: args.size.0,
        height_px: args.size.1,
        scale: args.scale,
        theme: match args.theme {
            ThemeArg::Light => PictureTheme::Light,
            ThemeArg::Dark => PictureTheme::Dark,
        },
        title: args.title.clone(),
    };
    let bytes = render_chart(&workspace, as_of, &options, format)
        .map_err(|error| format!("{}: {error}", args.out.display()))?;
    write(&args.out, &bytes)?;
    Ok(format!(
        "chart written to {} ({}, {}×{} pixels)",
        args.out.display(),
        format.label(),
        args.size.0,
        args.size.1
    ))
}

/// Runs `report`; returns the message to print on success, or why it failed.
pub fn export_report(args: &ReportArgs) -> Result<String, String> {
    let mut workspace = load_inputs(&args.inputs)?;
    choose_missing_pair(&mut workspace);
    let as_of = args.as_of.or(workspace.as_of);
    let html = workspace_report(&workspace, as_of, args.title.as_deref());
    write(&args.out, html.as_bytes())?;
    Ok(format!("report written to {}", args.out.display()))
}

/// A pair chart with no pair chosen draws the pair the app would offer first.
fn choose_missing_pair(workspace: &mut Workspace) {
    let tab = workspace.chart.tab;
    let missing = match tab {
        ChartTab::Relative => workspace.chart.relative_pair.is_none(),
        ChartTab::Spread => workspace.chart.spread_pair.is_none(),
        _ => false,
    };
    if !missing {
        return;
    }
    let suggestion = suggested_pair(workspace, tab);
    if tab == ChartTab::Relative {
        workspace.chart.relative_pair = suggestion;
    } else {
        workspace.chart.spread_pair = suggestion;
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomically(path, bytes).map_err(|error| error.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_as_presets_or_dates() {
        assert_eq!(
            parse_range("ytd"),
            Ok(ChartRange::Preset(RangePreset::YearToDate))
        );
        assert_eq!(
            parse_range("10Y"),
            Ok(ChartRange::Preset(RangePreset::TenYears))
        );
        let custom = parse_range("2020-11-13:2019-12-31");
        let (Some(from), Some(to)) = (Date::parse_iso("2019-12-31"), Date::parse_iso("2020-11-13"))
        else {
            panic!("dates");
        };
        assert_eq!(custom, Ok(ChartRange::Custom { from, to }));
        let error = parse_range("2Y").unwrap_err();
        assert!(
            error.contains("5D, 1M, 3M, 6M, YTD, 1Y, 5Y, 10Y, Max"),
            "{error}"
        );
    }
}
