//! What a file's shape says beyond its cells: why a column became the series, which header rows
//! were joined, whether a wide table holds rates, whether a column holds returns rather than
//! prices, and which other fields a long or multi-asset table could be read from — each told to
//! the user as a decision with its line.

use crate::model::{HeaderRow, ImportOptions, Layout, SeriesKind};

use super::assemble::{Collected, looks_like_returns};
use super::columns::{
    asset_and_field, asset_columns, asset_fields, is_maturity_header, is_return_header, value_rank,
};
use super::outcome::{DecisionKind, Detected, ImportDecision, LayoutChoice};
use super::sniff::Sniffed;

/// The header's line (or the first data line without a header).
fn header_line(header: HeaderRow) -> usize {
    match header {
        HeaderRow::Line(line) => line,
        HeaderRow::Absent { first_data_line } => first_data_line,
    }
}

/// The decisions the layout rests on: joined header rows, and which column or columns became
/// the series and why.
pub fn layout_decisions(
    sniffed: &Sniffed,
    options: &ImportOptions,
    layout: &Layout,
) -> Vec<ImportDecision> {
    let line = header_line(sniffed.header);
    let header_of = |column: usize| {
        sniffed
            .headers
            .get(column)
            .cloned()
            .unwrap_or_else(|| format!("Column {}", column + 1))
    };
    let mut decisions = Vec::new();
    if let Some(&first) = sniffed.joined_header_lines.first() {
        decisions.push(ImportDecision {
            line: first,
            kind: DecisionKind::HeaderRowsJoined {
                lines: sniffed.joined_header_lines.clone(),
            },
        });
    }
    let kind = match layout {
        Layout::Single { column } => DecisionKind::ValueColumn {
            column: column + 1,
            header: header_of(*column),
            why: if options.layout.is_some() {
                "as chosen"
            } else {
                single_reason(&header_of(*column), sniffed.numeric_columns.len())
            },
        },
        Layout::Long {
            symbol_column,
            value_column,
        } => DecisionKind::PerSymbol {
            symbol_column: symbol_column + 1,
            symbol_header: header_of(*symbol_column),
            value_column: value_column + 1,
            value_header: header_of(*value_column),
        },
        Layout::Assets { columns } => {
            let mut fields: Vec<&'static str> = Vec::new();
            for field in columns
                .iter()
                .filter_map(|&c| asset_and_field(&header_of(c)).map(|(_, f)| f))
            {
                if !fields.contains(&field) {
                    fields.push(field);
                }
            }
            DecisionKind::PerAsset {
                assets: columns.len(),
                fields,
            }
        }
        Layout::Wide { .. } => return decisions,
    };
    decisions.push(ImportDecision { line, kind });
    decisions
}

/// Why a single value column was taken.
fn single_reason(header: &str, numeric_columns: usize) -> &'static str {
    match value_rank(header) {
        Some(0) => "the adjusted close, preferred to the close",
        Some(1) => "the close",
        _ if is_return_header(header) => "the returns",
        _ if numeric_columns <= 1 => "the only column of numbers",
        Some(2) => "the price or level",
        Some(3) => "the rate",
        Some(4) => "the valuation",
        _ => "the first column of values",
    }
}

/// The other fields a long or multi-asset table's series could come from, the detected one
/// among them; empty for other layouts.
pub fn layout_choices(sniffed: &Sniffed, layout: &Layout) -> Vec<LayoutChoice> {
    let mut candidates: Vec<usize> = sniffed
        .numeric_columns
        .iter()
        .chain(&sniffed.blank_columns)
        .copied()
        .collect();
    candidates.sort_unstable();
    match layout {
        Layout::Long { symbol_column, .. } => candidates
            .iter()
            .filter(|&&c| c != *symbol_column)
            .filter_map(|&c| {
                Some(LayoutChoice {
                    label: sniffed.headers.get(c)?.clone(),
                    layout: Layout::Long {
                        symbol_column: *symbol_column,
                        value_column: c,
                    },
                })
            })
            .collect(),
        Layout::Assets { .. } => {
            let default = LayoutChoice {
                label: "adjusted close, else close".to_string(),
                layout: Layout::Assets {
                    columns: asset_columns(&sniffed.headers, &candidates, None),
                },
            };
            std::iter::once(default)
                .chain(
                    asset_fields(&sniffed.headers, &candidates)
                        .into_iter()
                        .map(|field| LayoutChoice {
                            label: field.to_string(),
                            layout: Layout::Assets {
                                columns: asset_columns(&sniffed.headers, &candidates, Some(field)),
                            },
                        }),
                )
                .collect()
        }
        Layout::Single { .. } | Layout::Wide { .. } => Vec::new(),
    }
}

/// Why the columns of a wide or multi-asset table are rates, if they are: headers that are
/// maturities (`1month` … `30year`), or a file name that says treasury or yields.
pub fn rates_because(detected: &Detected, file_stem: &str) -> Option<&'static str> {
    if !matches!(detected.layout, Layout::Wide { .. } | Layout::Assets { .. }) {
        return None;
    }
    let columns = detected.layout.value_columns();
    let maturities = columns
        .iter()
        .filter(|&&c| is_maturity_header(&detected.header_of(c)))
        .count();
    if maturities >= 2 && maturities * 2 >= columns.len() {
        return Some("the headers are maturities");
    }
    let stem = file_stem.to_lowercase();
    let named = stem.contains("treasury")
        || stem.contains("yield")
        || SeriesKind::guess(file_stem) == SeriesKind::Rate;
    named.then_some("the file name says so")
}

/// The column of a single-series file that holds periodic returns (`date,return` with values
/// such as 0.0071 and −0.0043), if it does.
pub fn returns_column(detected: &Detected, kind: SeriesKind, item: &Collected) -> Option<usize> {
    let Layout::Single { column } = detected.layout else {
        return None;
    };
    (kind == SeriesKind::Price
        && is_return_header(&detected.header_of(column))
        && looks_like_returns(&item.observations))
    .then_some(column)
}
