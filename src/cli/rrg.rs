//! `rotation-lens rrg`: imports files and prints the rotation view (RRG-style) of their series
//! against one of them — the tail of each series in RS-Ratio and RS-Momentum and the quadrant
//! it ends in — as a readable table or as JSON.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use serde_json::{Value, json};

use super::price_files::import_price_files;
use crate::analytics::{
    DEFAULT_ROTATION_TAIL, DEFAULT_ROTATION_WINDOW, Rotation, RotationOptions, RotationPeriod,
    rotation,
};
use crate::model::{Date, Series};

/// The arguments of `rotation-lens rrg`.
#[derive(Debug, Clone, Args)]
pub struct RrgArgs {
    /// The files to read (settings detected as `inspect` shows them); the benchmark is one of
    /// their series.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The series every other one is measured against, named as `inspect` names it.
    #[arg(long, value_name = "NAME")]
    pub benchmark: String,
    /// Weekly points (the last date of each ISO week) or daily ones.
    #[arg(long, value_name = "weekly|daily", default_value = "weekly", value_parser = parse_period)]
    pub period: RotationPeriod,
    /// n, the number of periods of the RS-Ratio and RS-Momentum windows (at least 2).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_ROTATION_WINDOW)]
    pub window: usize,
    /// How many points of each series' tail to print (at least 1).
    #[arg(long, value_name = "K", default_value_t = DEFAULT_ROTATION_TAIL)]
    pub tail: usize,
    /// Compute as if the data ended on this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| format!("expected a date as YYYY-MM-DD, found {text:?}"))
}

fn parse_period(text: &str) -> Result<RotationPeriod, String> {
    RotationPeriod::parse(text).ok_or_else(|| format!("expected weekly or daily, found {text:?}"))
}

/// Runs `rrg`, printing to standard output and every problem to standard error. Returns
/// whether every file imported and the rotation view could be computed.
#[must_use]
pub fn run_rrg(args: &RrgArgs) -> bool {
    let (series, mut all_ok) = import_price_files(&args.files);
    let options = RotationOptions {
        period: args.period,
        window: args.window,
        tail: args.tail,
        as_of: args.as_of,
    };
    let refs: Vec<&Series> = series.iter().collect();
    let result = match rotation(&refs, &args.benchmark, &options) {
        Ok(result) => result,
        Err(error) => {
            eprintln!("rrg: {error}");
            return false;
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&rotation_json(&result)) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("cannot write the rotation view as JSON: {error}");
                all_ok = false;
            }
        }
    } else {
        print!("{}", render_rotation(&result));
    }
    all_ok
}

/// The rotation view as JSON: `{"benchmark", "period", "window", "tail", "as_of", "series":
/// [{"name", "quadrant", "points": [{"date", "rs_ratio", "rs_momentum"}], "stopped"}]}`, a
/// series with too little data having `"quadrant": null` and no points, and `"stopped"` the
/// last date of a series whose data stop more than a week before the view's date (else null).
#[must_use]
pub fn rotation_json(result: &Rotation) -> Value {
    let series: Vec<Value> = result
        .series
        .iter()
        .map(|row| {
            let points: Vec<Value> = row
                .points
                .iter()
                .map(|p| {
                    json!({
                        "date": p.date.to_string(),
                        "rs_ratio": p.rs_ratio,
                        "rs_momentum": p.rs_momentum,
                    })
                })
                .collect();
            json!({
                "name": row.name,
                "quadrant": row.quadrant.map(rotation_lens_core::analytics::Quadrant::name),
                "points": points,
                "stopped": row.stopped.map(|date| date.to_string()),
            })
        })
        .collect();
    json!({
        "benchmark": result.benchmark,
        "period": result.options.period.name(),
        "window": result.options.window,
        "tail": result.options.tail,
        "as_of": result.as_of.map(|d| d.to_string()),
        "series": series,
    })
}

/// The rotation view as text: a heading, one row per series with its quadrant and last point,
/// then each series' tail, oldest first. Values to two decimals.
#[must_use]
pub fn render_rotation(result: &Rotation) -> String {
    let options = &result.options;
    let mut out = String::new();
    let as_of = result
        .as_of
        .map_or_else(|| "no data".to_string(), |d| d.to_string());
    let _ = writeln!(
        out,
        "Rotation (RRG-style) against {}: {}, window {}, tail {}, as of {as_of}",
        result.benchmark,
        options.period.name(),
        options.window,
        options.tail
    );
    let _ = writeln!(out);
    let name_width = result
        .series
        .iter()
        .map(|s| s.name.chars().count())
        .chain(std::iter::once("Series".len()))
        .max()
        .unwrap_or(6);
    let _ = writeln!(
        out,
        "{:<name_width$}  {:<10}  {:>8}  {:>11}  Last point",
        "Series", "Quadrant", "RS-Ratio", "RS-Momentum"
    );
    for row in &result.series {
        match (row.quadrant, row.points.last()) {
            (Some(quadrant), Some(last)) => {
                let _ = writeln!(
                    out,
                    "{:<name_width$}  {:<10}  {:>8.2}  {:>11.2}  {}{}",
                    row.name,
                    quadrant.name(),
                    last.rs_ratio,
                    last.rs_momentum,
                    last.date,
                    row.stopped
                        .map(|end| format!(" (its data stop on {end})"))
                        .unwrap_or_default()
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "{:<name_width$}  {:<10}  {:>8}  {:>11}  too little data for window {}",
                    row.name, "—", "—", "—", options.window
                );
            }
        }
    }
    for row in result.series.iter().filter(|row| !row.points.is_empty()) {
        let _ = writeln!(out);
        let _ = writeln!(out, "{} (oldest first)", row.name);
        let _ = writeln!(
            out,
            "{:<10}  {:>8}  {:>11}  Quadrant",
            "Date", "RS-Ratio", "RS-Momentum"
        );
        for point in &row.points {
            let _ = writeln!(
                out,
                "{:<10}  {:>8.2}  {:>11.2}  {}",
                point.date,
                point.rs_ratio,
                point.rs_momentum,
                point.quadrant().name()
            );
        }
    }
    out
}
