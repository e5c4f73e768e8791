//! The HTML report of a workspace as of a date: the chart picture (SVG) of its chart tab, the
//! metrics and spread tables with the app's columns and formats, the findings, the
//! definitions and the data sources. The app's File → Export report… and the command line's
//! `report` both build it here.

use crate::analytics::{DateRange, Metric, MetricsOptions, analyse};
use crate::chart::tab_plan::series_span;
use crate::export::{
    CellTone, HtmlReport, MADE_WITH, PictureFormat, PictureOptions, PictureTheme, ReportCell,
    ReportTable, SourceRow, render_chart, report_html,
};
use crate::metrics_rows::{Rows, Tone};
use crate::model::{Date, Series};
use crate::workspace::{UNTITLED, Workspace};

/// The picture size of the report's chart, in pixels at scale 1 (the SVG scales to the page).
const CHART_SIZE: (u32, u32) = (1120, 560);

/// The report of `workspace` as of `as_of` (`None`: the latest date in the data), titled
/// `title` (`None`: the workspace's name), as one HTML document.
#[must_use]
pub fn workspace_report(workspace: &Workspace, as_of: Option<Date>, title: Option<&str>) -> String {
    report_html(&report_content(workspace, as_of, title))
}

/// What the report of `workspace` shows (see [`workspace_report`]).
#[must_use]
pub fn report_content(
    workspace: &Workspace,
    as_of: Option<Date>,
    title: Option<&str>,
) -> HtmlReport {
    let series: Vec<&Series> = workspace.series.iter().map(|s| s.series.as_ref()).collect();
    let pairs = workspace.spread_pairs();
    let range = series_span(workspace, as_of).map(|span| DateRange {
        from: span.from,
        to: span.to,
    });
    let options = MetricsOptions {
        as_of,
        move_sessions: (workspace.chart.move_window as usize).max(1),
        lookback_years: workspace.chart.lookback_years.max(1),
        range,
    };
    let mut analysis = analyse(&series, &pairs, &options);
    workspace.note_mixed_bases(&mut analysis.findings);
    let picture = PictureOptions {
        width_px: CHART_SIZE.0,
        height_px: CHART_SIZE.1,
        scale: 1.0,
        theme: PictureTheme::Light,
        title: None,
    };
    let (chart_svg, chart_note) = match render_chart(workspace, as_of, &picture, PictureFormat::Svg)
    {
        Ok(bytes) => (String::from_utf8_lossy(&bytes).into_owned(), None),
        Err(error) => (String::new(), Some(format!("No chart: {error}."))),
    };
    let title = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| default_title(workspace), str::to_string);
    let as_of_text = analysis
        .as_of
        .map_or_else(|| "no data".to_string(), |d| d.to_string());
    let mut subtitle = format!("As of {as_of_text}");
    if let Some(range) = range {
        subtitle.push_str(&format!(
            " · chart and range columns {} to {}",
            range.from, range.to
        ));
    }
    let series_rows = Rows::series(&analysis);
    let spread_rows = Rows::spreads(&analysis, workspace);
    let mut tables = vec![table("Metrics", &series_rows)];
    if !workspace.spreads.is_empty() {
        tables.push(table("Spreads", &spread_rows));
    }
    HtmlReport {
        title,
        subtitle,
        chart_svg,
        chart_note,
        tables,
        findings: analysis.findings.iter().map(|f| f.text.clone()).collect(),
        definitions: Metric::ALL
            .iter()
            .map(|m| (m.label().to_string(), m.definition()))
            .collect(),
        sources: workspace
            .series
            .iter()
            .map(|entry| {
                let series = &entry.series;
                let date = |d: Option<&Date>| d.map_or_else(|| "—".to_string(), Date::to_string);
                SourceRow {
                    series: series.name.clone(),
                    file: series
                        .source
                        .path
                        .as_ref()
                        .and_then(|p| p.file_name())
                        .map_or_else(|| "—".to_string(), |f| f.to_string_lossy().into_owned()),
                    detected: series.source.format.clone(),
                    first: date(series.dates().first()),
                    last: date(series.dates().last()),
                    observations: series.len(),
                }
            })
            .collect(),
        made_with: MADE_WITH.to_string(),
    }
}

/// The workspace's name, or the series compared when it has none of its own.
fn default_title(workspace: &Workspace) -> String {
    if workspace.name.trim().is_empty() || workspace.name == UNTITLED {
        let names: Vec<&str> = workspace
            .series
            .iter()
            .map(crate::workspace::WorkspaceSeries::name)
            .collect();
        if names.is_empty() {
            "Rotation Lens report".to_string()
        } else {
            names.join(" vs ")
        }
    } else {
        workspace.name.clone()
    }
}

fn table(heading: &str, rows: &Rows) -> ReportTable {
    ReportTable {
        heading: heading.to_string(),
        columns: rows
            .columns
            .iter()
            .map(|c| (c.label.clone(), c.definition.clone()))
            .collect(),
        rows: rows
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| ReportCell {
                        text: cell.text.clone(),
                        numeric: cell.numeric,
                        tone: match cell.tone {
                            Tone::Positive => CellTone::Positive,
                            Tone::Negative => CellTone::Negative,
                            Tone::Neutral => CellTone::Neutral,
                        },
                    })
                    .collect()
            })
            .collect(),
    }
}
