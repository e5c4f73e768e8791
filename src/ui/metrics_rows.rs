//! The metrics table as rows of cells.

use crate::analytics::Analysis;
use crate::export::Cell;

/// A level with thousands separators and two decimals.
#[must_use]
pub fn format_level(value: f64) -> String {
    let text = format!("{value:.2}");
    let (integer, decimals) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, digits) = integer
        .strip_prefix('-')
        .map_or(("", integer), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{decimals}")
}

/// Header and rows for CSV export.
#[must_use]
pub fn csv_rows(analysis: &Analysis) -> (Vec<String>, Vec<Vec<Cell>>) {
    let header = vec!["Series".to_string(), "Last".to_string()];
    let rows = analysis
        .series
        .iter()
        .map(|row| vec![Cell::from(row.name.clone()), Cell::from(row.last_value)])
        .collect();
    (header, rows)
}
