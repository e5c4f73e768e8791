//! Re-importing a file: merging the freshly read series into the ones already in the
//! workspace — new dates appended, changed values replaced, dates the file no longer has kept —
//! and reporting what changed.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Date, Series, SeriesError};

use super::document::Workspace;

/// What a re-import changed in one series.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReimportReport {
    /// Dates that were not in the series before.
    pub added: usize,
    /// Dates whose value the file now gives differently.
    pub changed: usize,
    /// Dates with the same value as before.
    pub unchanged: usize,
    /// Dates the series has but the file no longer does; they are kept.
    pub removed_from_file: usize,
    /// The first added date.
    pub first_new: Option<Date>,
    /// The last added date.
    pub last_new: Option<Date>,
    /// The first date whose value changed.
    pub first_changed: Option<Date>,
}

impl ReimportReport {
    /// Whether the re-import changed nothing.
    #[must_use]
    pub fn is_unchanged(&self) -> bool {
        self.added == 0 && self.changed == 0
    }
}

impl fmt::Display for ReimportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let mut parts = Vec::new();
        match (self.added, self.first_new, self.last_new) {
            (0, ..) => parts.push("no new dates".to_string()),
            (1, Some(first), _) => parts.push(format!("1 new date ({first})")),
            (n, Some(first), Some(last)) => parts.push(format!("{n} new dates ({first} … {last})")),
            (n, ..) => parts.push(plural(n, "new date", "new dates")),
        }
        if self.changed > 0 {
            let mut text = plural(self.changed, "changed value", "changed values");
            if let Some(first) = self.first_changed {
                text.push_str(&format!(" from {first}"));
            }
            parts.push(text);
        }
        if self.removed_from_file > 0 {
            parts.push(format!(
                "{} no longer in the file (kept)",
                plural(self.removed_from_file, "date", "dates")
            ));
        }
        f.write_str(&parts.join(", "))
    }
}

/// Merges a freshly imported series into the old one.
///
/// The result keeps the old series' name and kind (the user may have renamed it), takes the
/// fresh source (the settings just used; the old path when the fresh one has none), has every
/// date of both, and the fresh value wherever the file has one.
pub fn merge_reimport(
    old: &Series,
    fresh: &Series,
) -> Result<(Series, ReimportReport), SeriesError> {
    let (old_dates, old_values) = (old.dates(), old.values());
    let (new_dates, new_values) = (fresh.dates(), fresh.values());
    let mut dates = Vec::with_capacity(old_dates.len().max(new_dates.len()));
    let mut values = Vec::with_capacity(dates.capacity());
    let mut report = ReimportReport::default();
    let (mut i, mut j) = (0, 0);
    while i < old_dates.len() || j < new_dates.len() {
        let old_date = old_dates.get(i);
        let new_date = new_dates.get(j);
        match (old_date, new_date) {
            (Some(&o), Some(&n)) if o == n => {
                if old_values[i] == new_values[j] {
                    report.unchanged += 1;
                } else {
                    report.changed += 1;
                    report.first_changed.get_or_insert(n);
                }
                dates.push(n);
                values.push(new_values[j]);
                i += 1;
                j += 1;
            }
            (Some(&o), Some(&n)) if o < n => {
                report.removed_from_file += 1;
                dates.push(o);
                values.push(old_values[i]);
                i += 1;
            }
            (Some(&o), None) => {
                report.removed_from_file += 1;
                dates.push(o);
                values.push(old_values[i]);
                i += 1;
            }
            (_, Some(&n)) => {
                report.added += 1;
                report.first_new.get_or_insert(n);
                report.last_new = Some(n);
                dates.push(n);
                values.push(new_values[j]);
                j += 1;
            }
            (None, None) => break,
        }
    }
    let mut source = fresh.source.clone();
    if source.path.is_none() {
        source.path.clone_from(&old.source.path);
    }
    let merged = Series::new(old.name.clone(), old.kind, source, dates, values)?;
    Ok((merged, report))
}

/// What re-importing one file did to the workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileReimport {
    /// The file.
    pub path: PathBuf,
    /// Each updated series (by its name in the workspace) with what changed.
    pub updated: Vec<(String, ReimportReport)>,
    /// Series from this file whose column the file no longer has; left as they were.
    pub missing_from_file: Vec<String>,
    /// Columns of the file that are not in the workspace; not added.
    pub not_in_workspace: Vec<String>,
}

impl FileReimport {
    /// Whether nothing in the workspace changed.
    #[must_use]
    pub fn is_unchanged(&self) -> bool {
        self.updated.iter().all(|(_, report)| report.is_unchanged())
    }

    /// Whether the file no longer matches the workspace: a series' column is gone from it, or
    /// it has columns the workspace does not.
    #[must_use]
    pub fn needs_attention(&self) -> bool {
        !self.missing_from_file.is_empty() || !self.not_in_workspace.is_empty()
    }

    /// One line saying what happened, for a notification: "Re-imported prices.csv: nothing
    /// changed".
    #[must_use]
    pub fn headline(&self, file: &str) -> String {
        if self.is_unchanged() && !self.needs_attention() {
            format!("Re-imported {file}: nothing changed")
        } else {
            format!("Re-imported {file}")
        }
    }

    /// A line per series and per column that did not match, in workspace order.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .updated
            .iter()
            .map(|(name, report)| format!("{name}: {report}"))
            .collect();
        lines.extend(
            self.missing_from_file.iter().map(|name| {
                format!("{name}: its column is no longer in the file (kept as it was)")
            }),
        );
        lines.extend(self.not_in_workspace.iter().map(|column| {
            format!("New column {column:?} in the file: not added (import the file to add it)")
        }));
        lines
    }
}

impl Workspace {
    /// Merges the series freshly imported from `path` into the series that came from it,
    /// matched by source column, and reports what changed. Colours, visibility and names stay.
    pub fn apply_reimport(
        &mut self,
        path: &Path,
        fresh: &[Series],
    ) -> Result<FileReimport, SeriesError> {
        let mut outcome = FileReimport {
            path: path.to_path_buf(),
            ..FileReimport::default()
        };
        let mut matched = vec![false; fresh.len()];
        for entry in &mut self.series {
            if entry.series.source.path.as_deref() != Some(path) {
                continue;
            }
            let column = &entry.series.source.column;
            let found = fresh
                .iter()
                .enumerate()
                .find(|(index, series)| !matched[*index] && &series.source.column == column);
            let Some((index, new)) = found else {
                outcome.missing_from_file.push(entry.name().to_string());
                continue;
            };
            matched[index] = true;
            let (merged, report) = merge_reimport(&entry.series, new)?;
            if !report.is_unchanged() || merged.source != entry.series.source {
                entry.series = Arc::new(merged);
            }
            outcome.updated.push((entry.name().to_string(), report));
        }
        outcome.not_in_workspace = fresh
            .iter()
            .zip(&matched)
            .filter(|(_, matched)| !**matched)
            .map(|(series, _)| series.source.column.clone())
            .collect();
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SeriesKind, Source};

    fn day(n: i32) -> Date {
        Date::from_day_number(19_000 + n).unwrap()
    }

    fn series(name: &str, column: &str, points: &[(i32, f64)]) -> Series {
        let source = Source {
            path: Some(PathBuf::from("prices.csv")),
            column: column.to_string(),
            ..Source::default()
        };
        Series::new(
            name,
            SeriesKind::Price,
            source,
            points.iter().map(|(d, _)| day(*d)).collect(),
            points.iter().map(|(_, v)| *v).collect(),
        )
        .unwrap()
    }

    #[test]
    fn appends_new_dates() {
        let old = series("^RUT", "Close", &[(0, 1.0), (1, 2.0)]);
        let fresh = series("RUT", "Close", &[(0, 1.0), (1, 2.0), (2, 3.0), (5, 4.0)]);
        let (merged, report) = merge_reimport(&old, &fresh).unwrap();
        assert_eq!(merged.name, "^RUT");
        assert_eq!(merged.dates(), &[day(0), day(1), day(2), day(5)]);
        assert_eq!(merged.values(), &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(
            report,
            ReimportReport {
                added: 2,
                unchanged: 2,
                first_new: Some(day(2)),
                last_new: Some(day(5)),
                ..ReimportReport::default()
            }
        );
        assert_eq!(
            report.to_string(),
            format!("2 new dates ({} … {})", day(2), day(5))
        );
    }

    #[test]
    fn replaces_changed_values_and_keeps_dates_gone_from_the_file() {
        let old = series("X", "Close", &[(0, 1.0), (1, 2.0), (2, 3.0)]);
        let fresh = series("X", "Close", &[(1, 2.5), (2, 3.0), (3, 4.0)]);
        let (merged, report) = merge_reimport(&old, &fresh).unwrap();
        assert_eq!(merged.dates(), &[day(0), day(1), day(2), day(3)]);
        assert_eq!(merged.values(), &[1.0, 2.5, 3.0, 4.0]);
        assert_eq!(report.added, 1);
        assert_eq!(report.changed, 1);
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.removed_from_file, 1);
        assert_eq!(report.first_changed, Some(day(1)));
        assert_eq!(
            report.to_string(),
            format!(
                "1 new date ({}), 1 changed value from {}, 1 date no longer in the file (kept)",
                day(3),
                day(1)
            )
        );
    }

    #[test]
    fn an_identical_file_changes_nothing() {
        let old = series("X", "Close", &[(0, 1.0), (1, 2.0)]);
        let (merged, report) = merge_reimport(&old, &old).unwrap();
        assert_eq!(merged, old);
        assert!(report.is_unchanged());
        assert_eq!(report.unchanged, 2);
        assert_eq!(report.to_string(), "no new dates");
    }

    #[test]
    fn inserts_dates_between_old_ones() {
        let old = series("X", "Close", &[(0, 1.0), (4, 5.0)]);
        let fresh = series("X", "Close", &[(2, 3.0)]);
        let (merged, report) = merge_reimport(&old, &fresh).unwrap();
        assert_eq!(merged.dates(), &[day(0), day(2), day(4)]);
        assert_eq!(report.added, 1);
        assert_eq!(report.removed_from_file, 2);
    }

    #[test]
    fn workspace_reimport_matches_series_by_column() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("Small caps", "RUT", &[(0, 1.0)]));
        workspace.add_series(series("Large caps", "SPX", &[(0, 10.0)]));
        workspace.add_series(series("Gone", "NDX", &[(0, 7.0)]));
        workspace.series[1].visible = false;
        let colour = workspace.series[1].color;
        let fresh = [
            series("RUT", "RUT", &[(0, 1.0), (1, 1.5)]),
            series("SPX", "SPX", &[(0, 10.0)]),
            series("DJI", "DJI", &[(0, 30.0)]),
        ];
        let unchanged_spx = Arc::clone(&workspace.series[1].series);
        let outcome = workspace
            .apply_reimport(Path::new("prices.csv"), &fresh)
            .unwrap();
        assert_eq!(outcome.updated.len(), 2);
        assert_eq!(outcome.updated[0].0, "Small caps");
        assert_eq!(outcome.updated[0].1.added, 1);
        assert!(outcome.updated[1].1.is_unchanged());
        assert_eq!(outcome.missing_from_file, ["Gone"]);
        assert_eq!(outcome.not_in_workspace, ["DJI"]);
        assert!(!outcome.is_unchanged());
        assert_eq!(workspace.series[0].series.len(), 2);
        assert_eq!(workspace.series[0].name(), "Small caps");
        assert!(!workspace.series[1].visible);
        assert_eq!(workspace.series[1].color, colour);
        assert!(Arc::ptr_eq(&workspace.series[1].series, &unchanged_spx));

        assert!(outcome.needs_attention());
        assert_eq!(outcome.headline("prices.csv"), "Re-imported prices.csv");
        let new_date = workspace.series[0].series.dates()[1];
        assert_eq!(
            outcome.lines(),
            [
                format!("Small caps: 1 new date ({new_date})"),
                "Large caps: no new dates".to_string(),
                "Gone: its column is no longer in the file (kept as it was)".to_string(),
                "New column \"DJI\" in the file: not added (import the file to add it)".to_string(),
            ]
        );
    }

    #[test]
    fn a_file_that_still_matches_is_headlined_as_unchanged() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", "Close", &[(0, 1.0)]));
        let outcome = workspace
            .apply_reimport(
                Path::new("prices.csv"),
                &[series("A", "Close", &[(0, 1.0)])],
            )
            .unwrap();
        assert!(!outcome.needs_attention());
        assert_eq!(
            outcome.headline("prices.csv"),
            "Re-imported prices.csv: nothing changed"
        );
    }

    #[test]
    fn other_files_are_left_alone() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", "Close", &[(0, 1.0)]));
        let outcome = workspace
            .apply_reimport(Path::new("other.csv"), &[series("A", "Close", &[(1, 2.0)])])
            .unwrap();
        assert!(outcome.updated.is_empty());
        assert_eq!(outcome.not_in_workspace, ["Close"]);
        assert_eq!(workspace.series[0].series.len(), 1);
    }
}
