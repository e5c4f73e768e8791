//! The workspace file format, version 1: one JSON object.
//!
//! ```text
//! {
//!   "format_version": 1,                  always the first key
//!   "saved_by": "Rotation Lens 0.1.0",    informational
//!   "name": "…", "as_of": "2024-05-31" | null,
//!   "chart": { … }, "spreads": [ { "name": "…", "a": "…", "b": "…" } ],
//!   "last_metrics": { … } | null,
//!   "derived": [ { "name": "SPY TR", "function": "total_return", "price": "SPY close",
//!                  "dividends": "SPY dividends", "mode": "cash" } ],   (may be absent)
//!   "return_basis": { "^RUT": "price_return", "SPY": "adjusted" },     (may be absent)
//!   "layout": { "chart_share": 0.62, "data_panel_open": true, "findings_panel_open": true },
//!   "folded_groups": [ "file:/home/me/prices.csv", "derived" ],       (may be absent)
//!   "metrics_table": { "columns": [ { "column": "ytd", "shown": true }, … ],
//!                      "all_series": false,
//!                      "widths": [ { "column": "ytd", "width": 120 }, … ] }, (may be absent)
//!   "series": [ { "name": "^RUT", "kind": "price", "color": "#4e79a7", "visible": true,
//!                 "source": { "path": …, "format": …, "column": …, "options": { … } },
//!                 "observations": 8000, "first_date": "1987-09-10", "decimals": 2 | null,
//!                 "date_steps": "<base64>", "values": "<base64>" } ]
//! }
//! ```
//!
//! Settings are readable JSON; the observations are columnar base64 (see the codec module):
//! about 1.3 bytes per date and, for values read from CSV files, 2–4 bytes per value, all of
//! which load back bit for bit. Settings missing from a file take their defaults; unknown keys
//! are ignored. A file whose `format_version` is newer than [`FORMAT_VERSION`] is refused before
//! anything else is read.
//!
//! A derived series is stored with its values and its definition. On opening it is computed
//! again from the definition and the inputs as stored; where the stored values differ from the
//! recomputation, the recomputed values win. A derived series that cannot be recomputed (an
//! input no longer in the file) keeps its stored values.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::derive::{DerivedDefinition, ReturnBasis};
use crate::model::{Date, Series, SeriesKind, Source};

use super::chart::ChartSettings;
use super::codec::{
    DayTable, days_to_dates, decode_day_numbers, decode_values, encode_date_steps, encode_values,
};
use super::document::{SpreadDefinition, Workspace, WorkspaceSeries};
use super::error::SeriesProblem;
use super::layout::WindowLayout;
use super::load_progress::LoadProgress;
use super::palette::{Rgb, from_hex, to_hex};
use super::table_columns::MetricsTableLayout;

/// The newest workspace format this version reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// Series with fewer observations than this in total are encoded on one thread.
const PARALLEL_THRESHOLD: usize = 200_000;

#[derive(Serialize, Deserialize)]
struct StoredWorkspace<'a> {
    #[serde(default)]
    format_version: Option<u64>,
    #[serde(default, borrow)]
    saved_by: Cow<'a, str>,
    #[serde(default, borrow)]
    name: Cow<'a, str>,
    #[serde(default)]
    as_of: Option<Date>,
    #[serde(default)]
    chart: Cow<'a, ChartSettings>,
    #[serde(default)]
    spreads: Cow<'a, [SpreadDefinition]>,
    #[serde(default)]
    last_metrics: Option<Cow<'a, serde_json::Value>>,
    #[serde(default)]
    derived: Cow<'a, [DerivedDefinition]>,
    #[serde(default)]
    return_basis: Cow<'a, BTreeMap<String, ReturnBasis>>,
    #[serde(default)]
    layout: WindowLayout,
    #[serde(default)]
    folded_groups: Cow<'a, BTreeSet<String>>,
    #[serde(default)]
    metrics_table: Cow<'a, MetricsTableLayout>,
    #[serde(borrow)]
    series: Vec<StoredSeries<'a>>,
}

#[derive(Serialize, Deserialize)]
struct StoredSeries<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    kind: SeriesKind,
    #[serde(borrow)]
    color: Cow<'a, str>,
    #[serde(default = "visible_by_default")]
    visible: bool,
    #[serde(default)]
    source: Cow<'a, Source>,
    observations: usize,
    first_date: Option<Date>,
    #[serde(default)]
    decimals: Option<u8>,
    #[serde(borrow)]
    date_steps: Cow<'a, str>,
    #[serde(borrow)]
    values: Cow<'a, str>,
}

fn visible_by_default() -> bool {
    true
}

/// Why a parsed workspace file cannot become a [`Workspace`].
#[derive(Debug)]
pub(crate) enum DecodeError {
    /// The JSON itself, or its shape, is wrong.
    Json(serde_json::Error),
    /// The file declares a newer format.
    FutureVersion(u64),
    /// The file declares no format at all.
    NoVersion,
    /// A series cannot be rebuilt.
    Series {
        number: usize,
        name: String,
        problem: SeriesProblem,
    },
}

/// Writes the workspace as JSON.
pub(crate) fn write_workspace<W: Write>(
    workspace: &Workspace,
    writer: W,
) -> Result<(), serde_json::Error> {
    let columns = encode_all(&workspace.series);
    let series = workspace
        .series
        .iter()
        .zip(&columns)
        .map(|(entry, (date_steps, (decimals, values)))| StoredSeries {
            name: Cow::Borrowed(&entry.series.name),
            kind: entry.series.kind,
            color: Cow::Owned(to_hex(entry.color)),
            visible: entry.visible,
            source: Cow::Borrowed(&entry.series.source),
            observations: entry.series.len(),
            first_date: entry.series.first().map(|(date, _)| date),
            decimals: *decimals,
            date_steps: Cow::Borrowed(date_steps),
            values: Cow::Borrowed(values),
        })
        .collect();
    let stored = StoredWorkspace {
        format_version: Some(u64::from(FORMAT_VERSION)),
        saved_by: Cow::Owned(format!("Rotation Lens {}", env!("CARGO_PKG_VERSION"))),
        name: Cow::Borrowed(&workspace.name),
        as_of: workspace.as_of,
        chart: Cow::Borrowed(&workspace.chart),
        spreads: Cow::Borrowed(&workspace.spreads),
        last_metrics: workspace.last_metrics.as_ref().map(Cow::Borrowed),
        derived: Cow::Borrowed(&workspace.derived),
        return_basis: Cow::Borrowed(&workspace.return_basis),
        layout: workspace.layout,
        folded_groups: Cow::Borrowed(&workspace.folded_groups),
        metrics_table: Cow::Borrowed(&workspace.metrics_table),
        series,
    };
    serde_json::to_writer(writer, &stored)
}

/// Reads a workspace from the bytes of its file.
pub(crate) fn read_workspace(bytes: &[u8]) -> Result<Workspace, DecodeError> {
    read_workspace_with_progress(bytes, &LoadProgress::default())
}

/// [`read_workspace`], counting the observations decoded in `progress`.
pub(crate) fn read_workspace_with_progress(
    bytes: &[u8],
    progress: &LoadProgress,
) -> Result<Workspace, DecodeError> {
    if let Some(version) = declared_format_version(bytes)
        && version > u64::from(FORMAT_VERSION)
    {
        return Err(DecodeError::FutureVersion(version));
    }
    let stored: StoredWorkspace<'_> = match serde_json::from_slice(bytes) {
        Ok(stored) => stored,
        // Valid JSON without a `format_version` is some other file, not a damaged workspace.
        Err(_) if declared_format_version(bytes).is_none() && is_json_without_version(bytes) => {
            return Err(DecodeError::NoVersion);
        }
        Err(error) => return Err(DecodeError::Json(error)),
    };
    match stored.format_version {
        None => return Err(DecodeError::NoVersion),
        Some(version) if version > u64::from(FORMAT_VERSION) => {
            return Err(DecodeError::FutureVersion(version));
        }
        Some(_) => {}
    }
    let series = decode_all(&stored.series, progress)?;
    let mut workspace = Workspace {
        name: stored.name.into_owned(),
        series,
        spreads: stored.spreads.into_owned(),
        chart: stored.chart.into_owned(),
        as_of: stored.as_of,
        last_metrics: stored.last_metrics.map(Cow::into_owned),
        derived: stored.derived.into_owned(),
        return_basis: stored.return_basis.into_owned(),
        layout: stored.layout,
        folded_groups: stored.folded_groups.into_owned(),
        metrics_table: stored.metrics_table.into_owned(),
    };
    // Derived series follow their definitions: recomputed from the inputs as stored, the
    // recomputed values win over the stored ones; one that cannot be recomputed (an input
    // gone) keeps its stored values.
    let _cannot_recompute = workspace.refresh_derived();
    Ok(workspace)
}

/// Whether `bytes` are well-formed JSON with no `format_version` at the top level.
fn is_json_without_version(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .is_ok_and(|value| value.get("format_version").is_none())
}

/// The `format_version` a file declares in its first few kilobytes, without parsing the rest:
/// enough to refuse a newer file before reading it, or before overwriting it.
pub(crate) fn declared_format_version(bytes: &[u8]) -> Option<u64> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&head[..error.valid_up_to()]).ok()?,
    };
    let key = "\"format_version\"";
    let after_key = &head[head.find(key)? + key.len()..];
    let after_colon = after_key.trim_start().strip_prefix(':')?.trim_start();
    let digits_end = after_colon
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_colon.len());
    after_colon[..digits_end].parse().ok()
}

fn encode_all(series: &[WorkspaceSeries]) -> Vec<(String, (Option<u8>, String))> {
    let total = series.iter().map(|entry| entry.series.len()).sum();
    in_parallel(series.iter().collect(), total, |entry| {
        (
            encode_date_steps(entry.series.dates()),
            encode_values(entry.series.values()),
        )
    })
}

/// A series' columns read back, before they become a [`Series`].
struct Columns {
    days: Vec<i32>,
    values: Vec<f64>,
    color: Rgb,
}

/// Rebuilds the series in two parallel passes: the columns first, then — once a table of the
/// days they share is built — the dates and the checked series.
fn decode_all(
    stored: &[StoredSeries<'_>],
    progress: &LoadProgress,
) -> Result<Vec<WorkspaceSeries>, DecodeError> {
    // Declared counts come from the file: added without overflow, they only pick the threads and
    // size the progress.
    let total = stored
        .iter()
        .fold(0usize, |sum, s| sum.saturating_add(s.observations));
    // Each observation is counted once per pass.
    progress.start_decoding(2u64.saturating_mul(total as u64));
    let damaged = |index: usize, problem: SeriesProblem| DecodeError::Series {
        number: index + 1,
        name: stored[index].name.to_string(),
        problem,
    };
    let mut columns = Vec::with_capacity(stored.len());
    let decode = |stored: &StoredSeries<'_>| {
        let columns = decode_columns(stored);
        progress.decoded(stored.observations as u64);
        columns
    };
    for (index, result) in in_parallel(stored.iter().collect(), total, decode)
        .into_iter()
        .enumerate()
    {
        columns.push(result.map_err(|problem| damaged(index, problem))?);
    }
    let table = DayTable::covering(columns.iter().map(|c| c.days.as_slice()));
    let work: Vec<(&StoredSeries<'_>, Columns)> = stored.iter().zip(columns).collect();
    let built = in_parallel(work, total, |(stored, columns)| {
        let entry = build_series(stored, columns, table.as_ref());
        progress.decoded(stored.observations as u64);
        entry
    });
    let mut series: Vec<WorkspaceSeries> = Vec::with_capacity(built.len());
    for (index, result) in built.into_iter().enumerate() {
        let entry = result.map_err(|problem| damaged(index, problem))?;
        if series.iter().any(|s| s.name() == entry.name()) {
            return Err(damaged(index, SeriesProblem::DuplicateName));
        }
        series.push(entry);
    }
    Ok(series)
}

fn decode_columns(stored: &StoredSeries<'_>) -> Result<Columns, SeriesProblem> {
    let color =
        from_hex(&stored.color).ok_or_else(|| SeriesProblem::Colour(stored.color.to_string()))?;
    let count = stored.observations;
    let days = decode_day_numbers(stored.first_date, &stored.date_steps, count)?;
    let values = decode_values(&stored.values, stored.decimals, count)?;
    Ok(Columns {
        days,
        values,
        color,
    })
}

fn build_series(
    stored: &StoredSeries<'_>,
    columns: Columns,
    table: Option<&DayTable>,
) -> Result<WorkspaceSeries, SeriesProblem> {
    let dates = days_to_dates(&columns.days, table)?;
    let series = Series::new(
        stored.name.as_ref(),
        stored.kind,
        stored.source.as_ref().clone(),
        dates,
        columns.values,
    )?;
    Ok(WorkspaceSeries {
        series: Arc::new(series),
        color: columns.color,
        visible: stored.visible,
    })
}

/// Maps `work` over `items`, in order, on up to four threads when `total_weight` (the number of
/// observations involved) makes it worth starting them.
fn in_parallel<T: Send, R: Send>(
    items: Vec<T>,
    total_weight: usize,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(4)
        .min(items.len());
    if total_weight < PARALLEL_THRESHOLD || threads < 2 {
        return items.into_iter().map(work).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut parts: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let part: Vec<T> = items.by_ref().take(chunk).collect();
        if part.is_empty() {
            break;
        }
        parts.push(part);
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(work).collect::<Vec<R>>()))
            .collect();
        let mut results = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::chart::{ChartTab, SeriesPair};

    fn sample() -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.name = "Rotation \"test\"".to_string();
        let dates: Vec<Date> = [(2024, 1, 2), (2024, 1, 3), (2024, 2, 29)]
            .iter()
            .map(|&(y, m, d)| Date::from_ymd(y, m, d).unwrap())
            .collect();
        let series = Series::new(
            "^RUT",
            SeriesKind::Price,
            Source::default(),
            dates.clone(),
            vec![2000.5, -0.0, 0.1 + 0.2],
        )
        .unwrap();
        workspace.add_series(series);
        let empty =
            Series::new("Empty", SeriesKind::Rate, Source::default(), vec![], vec![]).unwrap();
        workspace.add_series(empty);
        workspace.series[1].visible = false;
        workspace.spreads.push(SpreadDefinition {
            name: "gap".into(),
            a: "^RUT".into(),
            b: "Empty".into(),
        });
        workspace.chart.tab = ChartTab::Relative;
        workspace.chart.relative_pair = Some(SeriesPair::new("^RUT", "Empty"));
        workspace.as_of = Some(dates[1]);
        workspace.last_metrics = Some(serde_json::json!({"rows": [1, 2.5, "x"]}));
        workspace.layout = WindowLayout {
            chart_share: 0.7,
            data_panel_open: false,
            findings_panel_open: true,
        };
        workspace.folded_groups.insert("derived".to_string());
        workspace.metrics_table = MetricsTableLayout {
            all_series: true,
            ..MetricsTableLayout::default()
        }
        .with_shown(crate::workspace::SeriesColumn::AsOf, false)
        .with_widths(&[
            (crate::workspace::SeriesColumn::Ytd, 131.0),
            (crate::workspace::SeriesColumn::Last, 77.0),
        ]);
        workspace
    }

    fn to_bytes(workspace: &Workspace) -> Vec<u8> {
        let mut bytes = Vec::new();
        write_workspace(workspace, &mut bytes).unwrap();
        bytes
    }

    #[test]
    fn round_trips_everything() {
        let workspace = sample();
        let back = read_workspace(&to_bytes(&workspace)).unwrap();
        assert_eq!(back, workspace);
        assert_eq!(
            back.series[0].series.values()[2].to_bits(),
            (0.1f64 + 0.2).to_bits()
        );
    }

    #[test]
    fn format_version_is_the_first_key() {
        let bytes = to_bytes(&sample());
        assert!(bytes.starts_with(b"{\"format_version\":1,"));
        assert_eq!(declared_format_version(&bytes), Some(1));
    }

    #[test]
    fn future_versions_are_refused() {
        let text = String::from_utf8(to_bytes(&sample())).unwrap();
        let future = text.replacen("\"format_version\":1", "\"format_version\":7", 1);
        assert!(matches!(
            read_workspace(future.as_bytes()),
            Err(DecodeError::FutureVersion(7))
        ));
        let different_shape = r#"{"format_version": 2, "series": {"new": "layout"}}"#;
        assert!(matches!(
            read_workspace(different_shape.as_bytes()),
            Err(DecodeError::FutureVersion(2))
        ));
    }

    #[test]
    fn a_version_after_other_keys_is_still_checked() {
        let text = r#"{"series": [], "format_version": 3}"#;
        assert_eq!(declared_format_version(text.as_bytes()), Some(3));
        let text = format!(
            r#"{{"name": "{}", "series": [], "format_version": 3}}"#,
            "x".repeat(5000)
        );
        assert_eq!(declared_format_version(text.as_bytes()), None);
        assert!(matches!(
            read_workspace(text.as_bytes()),
            Err(DecodeError::FutureVersion(3))
        ));
    }

    #[test]
    fn a_file_without_version_is_not_a_workspace() {
        assert!(matches!(
            read_workspace(br#"{"series": []}"#),
            Err(DecodeError::NoVersion)
        ));
        // Other JSON (no `series` either) is no workspace either, not a damaged one.
        assert!(matches!(
            read_workspace(br#"{"SPX": [5505.0, 5510.5]}"#),
            Err(DecodeError::NoVersion)
        ));
        assert!(matches!(
            read_workspace(b"[1, 2, 3]"),
            Err(DecodeError::NoVersion)
        ));
        // Damaged JSON stays a syntax error.
        assert!(matches!(
            read_workspace(br#"{"SPX": [5505.0"#),
            Err(DecodeError::Json(_))
        ));
    }

    #[test]
    fn minimal_files_take_defaults() {
        let workspace = read_workspace(br#"{"format_version": 1, "series": []}"#).unwrap();
        assert_eq!(workspace.chart, ChartSettings::default());
        assert_eq!(workspace.layout, WindowLayout::default());
        assert_eq!(workspace.metrics_table, MetricsTableLayout::default());
        assert!(workspace.series.is_empty());
        assert_eq!(workspace.name, "");
        assert!(workspace.derived.is_empty());
        assert!(workspace.return_basis.is_empty());
        assert!(workspace.folded_groups.is_empty());
    }

    #[test]
    fn derived_series_keep_their_definitions_and_bases_set_by_the_user() {
        let mut workspace = sample();
        let definition = crate::derive::parse_definition("^RUT x2 = composite(2*^RUT)").unwrap();
        workspace.derived.push(definition.clone());
        workspace.set_return_basis("^RUT", ReturnBasis::TotalReturnNet);
        let bytes = to_bytes(&workspace);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.contains(r#""derived":[{"name":"^RUT x2","function":"composite","members":[{"weight":2.0,"series":"^RUT"}]}]"#),
            "{text}"
        );
        assert!(
            text.contains(r#""return_basis":{"^RUT":"total_return_net"}"#),
            "{text}"
        );
        let back = read_workspace(&bytes).unwrap();
        assert_eq!(back.derived, vec![definition]);
        assert_eq!(back.return_basis("^RUT"), ReturnBasis::TotalReturnNet);
        assert_eq!(back, workspace);
    }

    #[test]
    fn derived_series_are_recomputed_on_opening_and_the_recomputation_wins() {
        let mut workspace = Workspace::empty();
        workspace.add_series(
            Series::new(
                "A",
                SeriesKind::Price,
                Source::default(),
                [(2024, 1, 2), (2024, 1, 3), (2024, 1, 4)]
                    .iter()
                    .map(|&(y, m, d)| Date::from_ymd(y, m, d).unwrap())
                    .collect(),
                vec![100.0, 110.0, 99.0],
            )
            .unwrap(),
        );
        let definition = crate::derive::parse_definition("A x2 = composite(2*A)").unwrap();
        workspace.add_derived(definition).unwrap();
        // L_0 = 100; 100 × (1 + 2 × 0.1) = 120; 120 × (1 + 2 × (99/110 − 1)) = 96.
        let recomputed = workspace.series[1].series.values().to_vec();
        for (value, expected) in recomputed.iter().zip([100.0, 120.0, 96.0]) {
            assert!((value - expected).abs() < 1e-9, "{recomputed:?}");
        }
        // A file whose stored values disagree with the definition (edited, or written by an
        // older version that computed differently).
        let stale = &workspace.series[1].series;
        let stale = Series::new(
            stale.name.clone(),
            stale.kind,
            stale.source.clone(),
            stale.dates().to_vec(),
            vec![100.0, 1.0, 2.0],
        )
        .unwrap();
        workspace.series[1].series = Arc::new(stale);
        let back = read_workspace(&to_bytes(&workspace)).unwrap();
        assert_eq!(back.series[1].series.values(), recomputed.as_slice());
        // Without its input the stored values are kept.
        workspace.series.remove(0);
        let back = read_workspace(&to_bytes(&workspace)).unwrap();
        assert_eq!(back.series[0].series.values(), [100.0, 1.0, 2.0]);
    }

    #[test]
    fn damaged_series_are_named() {
        let text = String::from_utf8(to_bytes(&sample())).unwrap();
        let damaged = text.replacen("\"observations\":3", "\"observations\":4", 1);
        match read_workspace(damaged.as_bytes()) {
            Err(DecodeError::Series {
                number,
                name,
                problem,
            }) => {
                assert_eq!(number, 1);
                assert_eq!(name, "^RUT");
                assert!(
                    problem.to_string().contains("declares 4 observations"),
                    "{problem}"
                );
            }
            other => panic!("expected a damaged series, got {other:?}"),
        }
        let bad_colour = text.replacen("\"#4e79a7\"", "\"blue\"", 1);
        assert!(matches!(
            read_workspace(bad_colour.as_bytes()),
            Err(DecodeError::Series { number: 1, .. })
        ));
    }

    #[test]
    fn duplicate_names_are_refused() {
        let text = String::from_utf8(to_bytes(&sample())).unwrap();
        let duplicate = text.replacen("\"name\":\"Empty\"", "\"name\":\"^RUT\"", 1);
        assert!(matches!(
            read_workspace(duplicate.as_bytes()),
            Err(DecodeError::Series { number: 2, .. })
        ));
    }
}
