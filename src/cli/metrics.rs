//! `rotation-lens metrics`: imports files, computes every metric, spread and finding as of a
//! date, and prints them as readable tables or as the JSON report.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;

use super::price_files::import_price_files;
use crate::analytics::{
    Analysis, DEFAULT_LOOKBACK_YEARS, DEFAULT_MOVE_SESSIONS, Frequency, MetricsOptions,
    MoveMeasure, Period, Report, SeriesMetrics, Since, SpreadMetrics, analyse, basis_points,
};
use crate::derive::{
    DERIVED_FORMAT, ReturnBasis, derive_all, mixed_basis_note, note_mixed_bases, parse_definition,
};
use crate::model::{Date, Series};

/// The arguments of `rotation-lens metrics`.
#[derive(Debug, Clone, Args)]
pub struct MetricsArgs {
    /// The files to read (settings detected as `inspect` shows them).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the JSON report instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Compute as if the data ended on this date (each series at its last observation on or
    /// before it).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// N, the number of sessions of the move and its "biggest since".
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MOVE_SESSIONS,
          value_parser = parse_window)]
    pub window: usize,
    /// A spread A − B and A / B between two series named as `inspect` names them (repeatable).
    #[arg(long = "spread", value_name = "A:B")]
    pub spreads: Vec<String>,
    /// The lookback of spread percentile ranks, in years.
    #[arg(long, value_name = "Y", default_value_t = DEFAULT_LOOKBACK_YEARS,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub lookback_years: u32,
    /// A derived series, `NAME = total_return(PRICE, DIVIDENDS, cash|annual-rate)`,
    /// `NAME = convert(SERIES, FX, multiply|divide)` or `NAME = composite(0.6*SPY, 0.4*IWM)`
    /// (repeatable; later ones may use earlier ones; quote a name holding a comma).
    #[arg(long = "derive", value_name = "NAME = FN(ARGS)")]
    pub derive: Vec<String>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| format!("expected a date as YYYY-MM-DD, found {text:?}"))
}

fn parse_window(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=100_000).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a number of sessions from 1 to 100000, found {text:?}"
        )),
    }
}

/// Runs `metrics`, printing to standard output and every problem to standard error. Returns
/// whether every file imported, every `--derive` made its series and every spread named known
/// series.
#[must_use]
pub fn run_metrics(args: &MetricsArgs) -> bool {
    let (mut series, mut all_ok) = import_price_files(&args.files);
    all_ok &= add_derived(&args.derive, &mut series);
    let mut pairs: Vec<(&Series, &Series)> = Vec::new();
    for spec in &args.spreads {
        match resolve_spread(spec, &series) {
            Ok(pair) => pairs.push(pair),
            Err(message) => {
                eprintln!("--spread {spec}: {message}");
                all_ok = false;
            }
        }
    }
    let options = MetricsOptions {
        as_of: args.as_of,
        move_sessions: args.window,
        lookback_years: args.lookback_years,
        range: None,
    };
    let refs: Vec<&Series> = series.iter().collect();
    let mut analysis = analyse(&refs, &pairs, &options);
    note_mixed_bases(&mut analysis.findings, |name| {
        series
            .iter()
            .find(|s| s.name == name)
            .map_or(ReturnBasis::Unknown, ReturnBasis::guess)
    });
    if args.json {
        let report = serde_json::to_value(Report::from(&analysis))
            .map(|report| with_definitions_and_notes(report, &series, &pairs));
        match report.and_then(|report| serde_json::to_string_pretty(&report)) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("cannot write the report as JSON: {error}");
                all_ok = false;
            }
        }
    } else {
        print!("{}", render_tables(&analysis));
        print!("{}", render_derived_and_notes(&series, &pairs));
    }
    all_ok
}

/// Parses and computes the `--derive` definitions, adding the series they make to `series`.
/// Either every definition is added or, after printing why, none is. Returns whether all were.
fn add_derived(texts: &[String], series: &mut Vec<Series>) -> bool {
    let mut definitions = Vec::with_capacity(texts.len());
    for text in texts {
        match parse_definition(text) {
            Ok(definition) => definitions.push(definition),
            Err(error) => {
                eprintln!("--derive: {error}");
                return false;
            }
        }
    }
    let refs: Vec<&Series> = series.iter().collect();
    match derive_all(&definitions, &refs) {
        Ok(made) => {
            series.extend(made);
            true
        }
        Err(error) => {
            eprintln!("--derive: {error}; no derived series was added");
            false
        }
    }
}

/// The definition of a derived series, as written after its name.
fn definition_of(series: &Series) -> Option<&str> {
    (series.source.format == DERIVED_FORMAT).then_some(series.source.column.as_str())
}

/// The note of a pair that mixes price and total returns.
fn basis_note(a: &Series, b: &Series) -> Option<String> {
    mixed_basis_note(&[
        (a.name.as_str(), ReturnBasis::guess(a)),
        (b.name.as_str(), ReturnBasis::guess(b)),
    ])
}

/// The JSON report with `"derived": "<definition>"` on each derived series and
/// `"basis_note"` on each spread that compares a price return with a total return.
fn with_definitions_and_notes(
    mut report: serde_json::Value,
    series: &[Series],
    pairs: &[(&Series, &Series)],
) -> serde_json::Value {
    if let Some(rows) = report["series"].as_array_mut() {
        for row in rows {
            let found = series.iter().find(|s| row["name"] == s.name.as_str());
            if let (Some(definition), Some(object)) =
                (found.and_then(definition_of), row.as_object_mut())
            {
                object.insert("derived".into(), definition.into());
            }
        }
    }
    if let Some(rows) = report["spreads"].as_array_mut() {
        for (row, (a, b)) in rows.iter_mut().zip(pairs) {
            if let (Some(note), Some(object)) = (basis_note(a, b), row.as_object_mut()) {
                object.insert("basis_note".into(), note.into());
            }
        }
    }
    report
}

/// After the tables: each derived series with its definition, and the note of each spread that
/// compares a price return with a total return.
fn render_derived_and_notes(series: &[Series], pairs: &[(&Series, &Series)]) -> String {
    let mut out = String::new();
    let derived: Vec<String> = series
        .iter()
        .filter_map(|s| Some(format!("  {} = {}", s.name, definition_of(s)?)))
        .collect();
    if !derived.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Derived series");
        for line in derived {
            let _ = writeln!(out, "{line}");
        }
    }
    let notes: Vec<String> = pairs
        .iter()
        .filter_map(|(a, b)| Some(format!("  {} − {}: {}", a.name, b.name, basis_note(a, b)?)))
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Return basis");
        for line in notes {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

/// Finds the two series of `A:B`. Names may themselves hold a colon: every split is tried, and
/// exactly one must name two known series.
pub fn resolve_spread<'a>(
    spec: &str,
    series: &'a [Series],
) -> Result<(&'a Series, &'a Series), String> {
    let named = |name: &str| -> Vec<&'a Series> {
        series.iter().filter(|s| s.name == name.trim()).collect()
    };
    let splits: Vec<(&str, &str)> = spec
        .match_indices(':')
        .map(|(at, _)| (&spec[..at], &spec[at + 1..]))
        .collect();
    if splits.is_empty() {
        return Err("expected two series names as A:B".to_string());
    }
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for (a, b) in &splits {
        match (named(a).as_slice(), named(b).as_slice()) {
            ([a_series], [b_series]) => found.push((*a_series, *b_series)),
            (a_matches, b_matches) => {
                for (name, matches) in [(a, a_matches), (b, b_matches)] {
                    if matches.len() > 1 {
                        return Err(format!(
                            "{} series are named {:?}; rename one to tell them apart",
                            matches.len(),
                            name.trim()
                        ));
                    }
                    if matches.is_empty() {
                        missing.push(name.trim().to_string());
                    }
                }
            }
        }
    }
    match found.as_slice() {
        [pair] => Ok(*pair),
        [] => {
            let known: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
            Err(format!(
                "no series named {}; the series are: {}",
                missing
                    .iter()
                    .map(|m| format!("{m:?}"))
                    .collect::<Vec<_>>()
                    .join(" or "),
                known.join(", ")
            ))
        }
        _ => Err("the names can be split at more than one colon".to_string()),
    }
}

/// The readable report: returns, risk and moves, the year's worst and best days, spreads,
/// findings. It follows the app's table: a rate series states its changes in basis points, a
/// series not observed daily leaves 1D and 5D empty, and a pair of prices leads with its ratio.
#[must_use]
pub fn render_tables(analysis: &Analysis) -> String {
    let mut out = String::new();
    let as_of = analysis
        .as_of
        .map_or_else(|| "no data".to_string(), |d| d.to_string());
    let _ = writeln!(
        out,
        "As of {as_of} · move window {} sessions · spread lookback {} years",
        analysis.options.move_sessions, analysis.options.lookback_years
    );
    let _ = writeln!(out);
    out.push_str(&returns_table(analysis));
    let _ = writeln!(out);
    out.push_str(&risk_table(analysis));
    let _ = writeln!(out);
    out.push_str(&days_table(analysis));
    if !analysis.spreads.is_empty() {
        let _ = writeln!(out);
        out.push_str(&spreads_table(analysis));
    }
    if !analysis.findings.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Findings");
        for finding in &analysis.findings {
            let _ = writeln!(out, "  - {}", finding.text);
        }
    }
    out
}

/// The trailing returns, with the rules that make them readable.
fn returns_table(analysis: &Analysis) -> String {
    let mut out = String::from(
        "Returns (3Y, 5Y, 10Y annualised) · rates: changes in basis points · 1D and 5D only \
         for series observed daily\n",
    );
    let mut header = vec![
        "Series".to_string(),
        "Last date".to_string(),
        "Last".to_string(),
    ];
    header.extend(Period::ALL.iter().map(|p| p.label().to_string()));
    let mut rows = vec![header];
    rows.extend(analysis.series.iter().map(returns_row));
    out.push_str(&table(&rows));
    out
}

/// Volatility, drawdown and the N-session move.
fn risk_table(analysis: &Analysis) -> String {
    let n = analysis.options.move_sessions;
    // Yearly data never has the two returns within a year that a volatility needs: not listed.
    let factors: Vec<String> = Frequency::ALL
        .iter()
        .filter(|f| **f != Frequency::Yearly)
        .map(|f| format!("{} {}", f.label(), f.annualisation()))
        .collect();
    let mut out = format!(
        "Risk and moves (Vol 1Y annualised by the observation frequency: {}; the moves of rates \
         in basis points)\n",
        factors.join(", ")
    );
    let mut rows = vec![
        [
            "Series",
            "Obs.",
            "First",
            "Frequency",
            "Vol 1Y",
            "Max drawdown",
            "Peak",
            "Trough",
            "Recovery",
            &format!("{n}-session move"),
            "Biggest since",
        ]
        .map(str::to_string)
        .to_vec(),
    ];
    rows.extend(analysis.series.iter().map(risk_row));
    out.push_str(&table(&rows));
    out
}

/// The year's worst and best one-session moves.
fn days_table(analysis: &Analysis) -> String {
    let mut out = String::from(
        "The year's worst and best day (one-session moves in the year of each series' last \
         date; rates in basis points), each with the latest earlier session that moved as \
         far\n",
    );
    let mut rows = vec![
        [
            "Series",
            "Year",
            "Worst day",
            "Move",
            "Largest since",
            "Best day",
            "Move",
            "Largest since",
        ]
        .map(str::to_string)
        .to_vec(),
    ];
    rows.extend(analysis.series.iter().map(days_row));
    out.push_str(&table(&rows));
    out
}

/// The spreads, each led by the level it speaks of: the ratio of two prices (relative
/// strength), else the difference (in basis points for two rates).
fn spreads_table(analysis: &Analysis) -> String {
    let mut out = String::from(
        "Spreads (two prices: the ratio A / B and its percentile, the difference only beside \
         it; otherwise the difference A − B, in basis points for two rates, and its percentile \
         and bands)\n",
    );
    let mut rows = vec![
        [
            "Spread",
            "Date",
            "Level",
            "Percentile",
            "P10",
            "P50",
            "P90",
            "Also",
            "Window",
        ]
        .map(str::to_string)
        .to_vec(),
    ];
    rows.extend(analysis.spreads.iter().map(spread_row));
    out.push_str(&table(&rows));
    out
}

const ABSENT: &str = "—";

fn returns_row(row: &SeriesMetrics) -> Vec<String> {
    let mut cells = vec![
        row.name.clone(),
        date(row.last),
        row.last_value
            .map_or_else(|| ABSENT.to_string(), |v| format!("{v:.2}")),
    ];
    cells.extend(Period::ALL.iter().map(|p| return_cell(row, *p)));
    cells
}

/// A trailing return: the return, or for a rate series its change in basis points; empty for
/// 1D and 5D of a series not observed daily (one row is not a session there).
fn return_cell(row: &SeriesMetrics, period: Period) -> String {
    let daily = row.frequency.is_none_or(|f| f == Frequency::Daily);
    if matches!(period, Period::D1 | Period::D5) && !daily {
        return String::new();
    }
    match &row.changes_bp {
        Some(changes) => basis_point_cell(changes.get(period)),
        None => percent(row.returns.get(period)),
    }
}

/// A change in basis points, `+102 bp`, `-42 bp`.
fn basis_point_cell(bp: Option<f64>) -> String {
    bp.filter(|v| v.is_finite()).map_or_else(
        || ABSENT.to_string(),
        |bp| basis_points(bp / 100.0).replace('\u{2212}', "-"),
    )
}

/// A move in its measure: `+5.81%`, or for a rate `-21 bp`.
fn move_cell(moved: Option<(MoveMeasure, f64)>) -> String {
    match moved {
        Some((MoveMeasure::ChangeBp, bp)) => basis_point_cell(Some(bp)),
        Some((MoveMeasure::Return, fraction)) => percent(Some(fraction)),
        None => ABSENT.to_string(),
    }
}

fn risk_row(row: &SeriesMetrics) -> Vec<String> {
    let drawdown = row.max_drawdown;
    vec![
        row.name.clone(),
        row.observations.to_string(),
        date(row.first),
        row.frequency
            .map_or_else(|| ABSENT.to_string(), |f| f.label().to_string()),
        percent(row.volatility_1y),
        percent(drawdown.map(|d| d.value)),
        date(drawdown.and_then(|d| d.peak)),
        date(drawdown.and_then(|d| d.trough)),
        match drawdown {
            Some(d) if d.trough.is_some() && d.recovery.is_none() => "not yet".to_string(),
            _ => date(drawdown.and_then(|d| d.recovery)),
        },
        move_cell(row.last_move.map(|m| (m.measure, m.size))),
        row.last_move
            .map_or_else(|| ABSENT.to_string(), |m| since(m.biggest_since)),
    ]
}

/// The year's worst and best day of a series, each with its own "largest since".
fn days_row(row: &SeriesMetrics) -> Vec<String> {
    let mut cells = vec![
        row.name.clone(),
        row.last
            .map_or_else(|| ABSENT.to_string(), |d| d.year().to_string()),
    ];
    for day in [row.worst_day_of_year, row.best_day_of_year] {
        cells.extend(match day {
            Some(day) => [
                day.date.to_string(),
                move_cell(Some((day.measure, day.size))),
                since(day.largest_since),
            ],
            None => [ABSENT, ABSENT, ABSENT].map(str::to_string),
        });
    }
    cells
}

/// A "since" cell: the date last matched, or that nothing in the data matched.
fn since(since: Since) -> String {
    match since {
        Since::Date(date) => date.to_string(),
        Since::WholeData { .. } => "largest in data".to_string(),
    }
}

fn spread_row(spread: &SpreadMetrics) -> Vec<String> {
    let level = |v: Option<f64>| v.map_or_else(|| ABSENT.to_string(), |v| format!("{v:.4}"));
    let rank = |v: Option<f64>| v.map_or_else(|| ABSENT.to_string(), |v| format!("{v:.1}"));
    let window = format!("{} obs, {}y", spread.observations, spread.lookback_years);
    if spread.of_prices() {
        // Relative strength: the ratio and its rank; the bands are of the difference of two
        // index levels, which only stands beside it.
        return vec![
            format!("{} / {}", spread.a, spread.b),
            date(spread.date),
            level(spread.ratio),
            rank(spread.percentile_ratio),
            ABSENT.to_string(),
            ABSENT.to_string(),
            ABSENT.to_string(),
            format!("difference {}", level(spread.difference)),
            window,
        ];
    }
    let difference = |v: Option<f64>| {
        if spread.of_rates() {
            basis_point_cell(v.map(|v| v * 100.0))
        } else {
            level(v)
        }
    };
    vec![
        format!("{} \u{2212} {}", spread.a, spread.b),
        date(spread.date),
        difference(spread.difference),
        rank(spread.percentile_difference),
        difference(spread.bands.map(|b| b.p10)),
        difference(spread.bands.map(|b| b.p50)),
        difference(spread.bands.map(|b| b.p90)),
        format!(
            "ratio {} ({})",
            level(spread.ratio),
            rank(spread.percentile_ratio)
        ),
        window,
    ]
}

fn date(date: Option<Date>) -> String {
    date.map_or_else(|| ABSENT.to_string(), |d| d.to_string())
}

fn percent(fraction: Option<f64>) -> String {
    fraction.map_or_else(|| ABSENT.to_string(), |f| format!("{:+.2}%", f * 100.0))
}

/// Lays out rows as columns: the first left-aligned, the others right-aligned.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c].saturating_sub(cell.chars().count()));
            if c == 0 {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str("  ");
                line.push_str(&pad);
                line.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SeriesKind, Source};

    fn series(name: &str) -> Series {
        let day = Date::from_ymd(2024, 1, 2).unwrap();
        Series::new(
            name,
            SeriesKind::Price,
            Source::default(),
            vec![day],
            vec![1.0],
        )
        .unwrap()
    }

    #[test]
    fn spreads_resolve_names_even_with_colons() {
        let all = [series("^RUT"), series("PE:10"), series("SPX")];
        let (a, b) = resolve_spread("^RUT:SPX", &all).unwrap();
        assert_eq!((a.name.as_str(), b.name.as_str()), ("^RUT", "SPX"));
        let (a, b) = resolve_spread("PE:10:^RUT", &all).unwrap();
        assert_eq!((a.name.as_str(), b.name.as_str()), ("PE:10", "^RUT"));
        let missing = resolve_spread("^RUT:NDX", &all).unwrap_err();
        assert!(missing.contains("no series named \"NDX\""), "{missing}");
        assert!(resolve_spread("^RUT", &all).is_err());
        let twice = [series("A"), series("A"), series("B")];
        assert!(
            resolve_spread("A:B", &twice)
                .unwrap_err()
                .contains("2 series")
        );
    }

    #[test]
    fn the_days_of_the_year_print_their_own_largest_since() {
        let closes = [
            ("2023-12-27", 100.0),
            ("2023-12-28", 80.0),
            ("2023-12-29", 100.0),
            ("2024-01-02", 90.0),
            ("2024-01-03", 99.0),
            ("2024-01-04", 99.0),
        ];
        let s = Series::new(
            "X",
            SeriesKind::Price,
            Source::default(),
            closes
                .iter()
                .map(|(d, _)| Date::parse_iso(d).unwrap())
                .collect(),
            closes.iter().map(|(_, v)| *v).collect(),
        )
        .unwrap();
        let analysis = analyse(&[&s], &[], &MetricsOptions::default());
        let text = render_tables(&analysis);
        let days: Vec<Vec<&str>> = text
            .lines()
            .skip_while(|line| !line.starts_with("The year's worst and best day"))
            .skip(1)
            .take(2)
            .map(|line| line.split_whitespace().collect())
            .collect();
        assert_eq!(
            days[0],
            [
                "Series", "Year", "Worst", "day", "Move", "Largest", "since", "Best", "day",
                "Move", "Largest", "since"
            ]
        );
        // Worst: −10% on 2024-01-02, last matched by the −20% of 2023-12-28. Best: +10% on
        // 2024-01-03, last matched by the +25% of 2023-12-29.
        assert_eq!(
            days[1],
            [
                "X",
                "2024",
                "2024-01-02",
                "-10.00%",
                "2023-12-28",
                "2024-01-03",
                "+10.00%",
                "2023-12-29"
            ]
        );
        let risk_header = text
            .lines()
            .skip_while(|line| !line.starts_with("Risk and moves"))
            .nth(1)
            .unwrap();
        assert!(
            risk_header.contains("  Frequency  Vol 1Y  "),
            "{risk_header}"
        );
        let risk_row = text
            .lines()
            .skip_while(|line| !line.starts_with("Risk and moves"))
            .nth(2)
            .unwrap();
        assert!(risk_row.contains("  daily  "), "{risk_row}");
    }

    #[test]
    fn a_move_matched_nowhere_is_the_largest_in_the_data() {
        assert_eq!(
            since(Since::WholeData {
                first: Date::from_ymd(2000, 1, 3).unwrap()
            }),
            "largest in data"
        );
        assert_eq!(
            since(Since::Date(Date::from_ymd(2009, 3, 23).unwrap())),
            "2009-03-23"
        );
    }

    #[test]
    fn tables_align_columns() {
        let rows = vec![
            vec!["Series".to_string(), "1D".to_string()],
            vec!["^RUT".to_string(), "+1.00%".to_string()],
        ];
        assert_eq!(table(&rows), "Series      1D\n^RUT    +1.00%\n");
    }
}
