//! The one-file HTML report: title, as-of date, the chart as inline SVG, the metrics and
//! spread tables (already formatted as the app formats them), the findings, the metrics'
//! definitions and the data sources. Self-contained — styles inline, nothing fetched from the
//! network — with print styles so a browser's "Print to PDF" gives clean landscape pages.

use std::fmt::Write as _;

use super::svg::escape;

/// The sign colour of a table cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellTone {
    /// A gain.
    Positive,
    /// A loss.
    Negative,
    /// No sign shown.
    Neutral,
}

/// One formatted table cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportCell {
    /// The text, as the app shows it.
    pub text: String,
    /// Right-aligned when a number or date.
    pub numeric: bool,
    /// Its colour.
    pub tone: CellTone,
}

/// A table of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportTable {
    /// The heading above it.
    pub heading: String,
    /// The column headers, each with its definition (shown on hover).
    pub columns: Vec<(String, String)>,
    /// The rows.
    pub rows: Vec<Vec<ReportCell>>,
}

/// Where one series came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRow {
    /// The series' name.
    pub series: String,
    /// The file's name (or "—" when it came from no file).
    pub file: String,
    /// The source detected in it, e.g. "Yahoo Finance".
    pub detected: String,
    /// The first date.
    pub first: String,
    /// The last date.
    pub last: String,
    /// The number of observations.
    pub observations: usize,
}

/// Everything the report shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlReport {
    /// The title.
    pub title: String,
    /// The line under it (as-of date, range).
    pub subtitle: String,
    /// The chart, as an SVG document (empty when there is nothing to draw).
    pub chart_svg: String,
    /// Why there is no chart, when there is none.
    pub chart_note: Option<String>,
    /// The metrics and spread tables.
    pub tables: Vec<ReportTable>,
    /// The findings, as sentences.
    pub findings: Vec<String>,
    /// The definitions of the metrics: (name, definition).
    pub definitions: Vec<(String, String)>,
    /// The data sources.
    pub sources: Vec<SourceRow>,
    /// What made it, e.g. "Rotation Lens 0.1.0".
    pub made_with: String,
}

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: Ubuntu, "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #1f2328;
  background: #fff; margin: 2rem auto; max-width: 1200px; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
.subtitle { color: #59636e; margin: 0 0 1.2rem; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid #e4e6e9; }
.note { color: #59636e; font-style: italic; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: .82rem; width: 100%; }
th, td { padding: .28rem .5rem; border-bottom: 1px solid #e4e6e9; white-space: nowrap; }
th { text-align: left; background: #f6f8fa; font-weight: 600; vertical-align: bottom; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.pos { color: #1a7f37; } td.neg { color: #cf222e; }
ul.findings li { margin: .25rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; font-size: .85rem; }
dt { font-weight: 600; } dd { margin: 0; }
footer { margin-top: 2rem; color: #59636e; font-size: .8rem; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  figure, table, tr, dl { break-inside: avoid; }
  figure svg { border: none; max-height: 160mm; }
  table { font-size: 7.5pt; }
  th, td { padding: 1.5pt 3pt; }
  .table-wrap { overflow: visible; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The report as one HTML document.
#[must_use]
pub fn report_html(report: &HtmlReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<!DOCTYPE html>");
    let _ = writeln!(out, r#"<html lang="en"><head><meta charset="utf-8">"#);
    let _ = writeln!(
        out,
        r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
    );
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"{}\">",
        escape(&report.made_with)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&report.title));
    let _ = writeln!(out, "<style>{STYLE}</style></head><body>");
    let _ = writeln!(out, "<header><h1>{}</h1>", escape(&report.title));
    let _ = writeln!(
        out,
        r#"<p class="subtitle">{}</p></header>"#,
        escape(&report.subtitle)
    );
    let _ = writeln!(out, "<section><h2>Chart</h2>");
    if report.chart_svg.is_empty() {
        let note = report
            .chart_note
            .as_deref()
            .unwrap_or("There is no chart to show.");
        let _ = writeln!(out, r#"<p class="note">{}</p>"#, escape(note));
    } else {
        // The SVG goes inline, without its XML declaration.
        let svg = report
            .chart_svg
            .trim_start()
            .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
            .unwrap_or(&report.chart_svg);
        let _ = writeln!(out, "<figure>{}</figure>", svg.trim());
    }
    out.push_str("</section>\n");
    for table in &report.tables {
        write_table(&mut out, table);
    }
    let _ = writeln!(out, "<section><h2>Findings</h2>");
    if report.findings.is_empty() {
        let _ = writeln!(out, r#"<p class="note">No findings as of this date.</p>"#);
    } else {
        out.push_str("<ul class=\"findings\">\n");
        for finding in &report.findings {
            let _ = writeln!(out, "<li>{}</li>", escape(finding));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    write_sources(&mut out, &report.sources);
    if !report.definitions.is_empty() {
        let _ = writeln!(out, "<section><h2>Definitions</h2><dl>");
        for (name, definition) in &report.definitions {
            let _ = writeln!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                escape(name),
                escape(definition)
            );
        }
        out.push_str("</dl></section>\n");
    }
    let _ = writeln!(
        out,
        "<footer>Made with {} from the files listed under Data sources.</footer>",
        escape(&report.made_with)
    );
    out.push_str("</body></html>\n");
    out
}

fn write_table(out: &mut String, table: &ReportTable) {
    let _ = writeln!(out, "<section><h2>{}</h2>", escape(&table.heading));
    if table.rows.is_empty() {
        let _ = writeln!(out, r#"<p class="note">None.</p></section>"#);
        return;
    }
    out.push_str("<div class=\"table-wrap\"><table><thead><tr>");
    let numeric: Vec<bool> = (0..table.columns.len())
        .map(|c| {
            table
                .rows
                .iter()
                .any(|r| r.get(c).is_some_and(|cell| cell.numeric))
        })
        .collect();
    for (index, (label, definition)) in table.columns.iter().enumerate() {
        let class = if numeric.get(index).copied().unwrap_or(false) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<th{class} title=\"{}\">{}</th>",
            escape(definition),
            escape(label)
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let mut classes = Vec::new();
            if cell.numeric {
                classes.push("num");
            }
            match cell.tone {
                CellTone::Positive => classes.push("pos"),
                CellTone::Negative => classes.push("neg"),
                CellTone::Neutral => {}
            }
            if classes.is_empty() {
                let _ = write!(out, "<td>{}</td>", escape(&cell.text));
            } else {
                let _ = write!(
                    out,
                    "<td class=\"{}\">{}</td>",
                    classes.join(" "),
                    escape(&cell.text)
                );
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div></section>\n");
}

fn write_sources(out: &mut String, sources: &[SourceRow]) {
    let _ = writeln!(out, "<section><h2>Data sources</h2>");
    if sources.is_empty() {
        let _ = writeln!(out, r#"<p class="note">No series.</p></section>"#);
        return;
    }
    out.push_str(
        "<div class=\"table-wrap\"><table><thead><tr><th>Series</th><th>File</th><th>Detected source</th>\
         <th class=\"num\">First date</th><th class=\"num\">Last date</th><th class=\"num\">Observations</th></tr></thead><tbody>\n",
    );
    for source in sources {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&source.series),
            escape(&source.file),
            escape(&source.detected),
            escape(&source.first),
            escape(&source.last),
            source.observations
        );
    }
    out.push_str("</tbody></table></div></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_contained_document_with_every_part() {
        let report = HtmlReport {
            title: "A vs <B>".to_string(),
            subtitle: "As of 2020-11-13".to_string(),
            chart_svg: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>A</text></svg>\n".to_string(),
            chart_note: None,
            tables: vec![ReportTable {
                heading: "Metrics".to_string(),
                columns: vec![
                    ("Series".to_string(), "The name.".to_string()),
                    ("YTD".to_string(), "Return since \"the\" year's start.".to_string()),
                ],
                rows: vec![vec![
                    ReportCell {
                        text: "A".to_string(),
                        numeric: false,
                        tone: CellTone::Neutral,
                    },
                    ReportCell {
                        text: "-1.25%".to_string(),
                        numeric: true,
                        tone: CellTone::Negative,
                    },
                ]],
            }],
            findings: vec!["A fell 1.25% & more.".to_string()],
            definitions: vec![("YTD".to_string(), "Since the year's start.".to_string())],
            sources: vec![SourceRow {
                series: "A".to_string(),
                file: "A.csv".to_string(),
                detected: "Yahoo Finance".to_string(),
                first: "2019-12-31".to_string(),
                last: "2020-11-13".to_string(),
                observations: 220,
            }],
            made_with: "Rotation Lens 0.1.0".to_string(),
        };
        let html = report_html(&report);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<title>A vs &lt;B&gt;</title>"));
        assert!(html.contains("<figure><svg xmlns="), "the SVG is inline");
        assert!(!html.contains("<?xml"));
        assert!(html.contains(r#"<td class="num neg">-1.25%</td>"#));
        assert!(html.contains(r#"title="Return since &quot;the&quot; year&#39;s start.""#));
        assert!(html.contains("<li>A fell 1.25% &amp; more.</li>"));
        assert!(html.contains("<td>Yahoo Finance</td><td class=\"num\">2019-12-31</td>"));
        assert!(html.contains("@page { size: A4 landscape"));
        // Only the SVG namespace names a URL; nothing is loaded from anywhere.
        assert!(!html.contains("src="));
        assert!(!html.contains("href="));
        assert!(!html.contains("@import"));
    }
}
