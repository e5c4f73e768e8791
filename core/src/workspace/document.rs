//! The workspace document: the series with their data and colours, the spreads, the chart
//! settings, the as-of date and the last computed metrics — everything that is saved, and
//! nothing the user interface only needs while it runs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::derive::{DerivedDefinition, ReturnBasis};
use crate::import::ImportOptions;
use crate::model::{Date, Series};

use super::chart::ChartSettings;
use super::layout::WindowLayout;
use super::palette::{Rgb, next_color};
use super::table_columns::MetricsTableLayout;

/// The name of a new, empty workspace.
pub const UNTITLED: &str = "Untitled workspace";

/// The user's document.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    /// A name for the window title.
    pub name: String,
    /// The series, in the order the user sees them. Names are unique.
    pub series: Vec<WorkspaceSeries>,
    /// The spreads the user defined.
    pub spreads: Vec<SpreadDefinition>,
    /// What the charts show.
    pub chart: ChartSettings,
    /// The date the analysis is made as of; `None` means the latest common date.
    pub as_of: Option<Date>,
    /// The last analytics report, as JSON, so a reopened workspace shows it before recomputing.
    pub last_metrics: Option<serde_json::Value>,
    /// The definitions of the derived series in `series`, each after the series it reads.
    pub derived: Vec<DerivedDefinition>,
    /// The return bases the user set, by series name; other series show their guessed basis.
    pub return_basis: BTreeMap<String, ReturnBasis>,
    /// How the window is shared: the chart/table split and which side panels are open.
    pub layout: WindowLayout,
    /// The groups folded in the Data panel, by [`GroupKey::id`](super::GroupKey::id).
    pub folded_groups: BTreeSet<String>,
    /// The metrics table's columns (shown, hidden, their order) and whether it lists every
    /// series or only the shown ones.
    pub metrics_table: MetricsTableLayout,
}

/// A series in the workspace with how it is drawn.
///
/// The series is shared (`Arc`) so that undo snapshots and background saves copy a pointer,
/// not the observations.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkspaceSeries {
    /// The data and where it came from.
    pub series: Arc<Series>,
    /// The line colour, sRGB.
    pub color: Rgb,
    /// Whether charts draw it.
    pub visible: bool,
}

impl WorkspaceSeries {
    /// The series' name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.series.name
    }
}

/// A spread the user defined between two series, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SpreadDefinition {
    /// What the user calls it, e.g. "Equity risk premium"; empty to show `a − b`.
    #[serde(default)]
    pub name: String,
    /// The first series.
    pub a: String,
    /// The second series.
    pub b: String,
}

impl SpreadDefinition {
    /// The name to show: the given one, or `a − b`.
    #[must_use]
    pub fn display_name(&self) -> String {
        if self.name.trim().is_empty() {
            format!("{} − {}", self.a, self.b)
        } else {
            self.name.clone()
        }
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::empty()
    }
}

impl Workspace {
    /// A new workspace without series.
    #[must_use]
    pub fn empty() -> Workspace {
        Workspace {
            name: UNTITLED.to_string(),
            series: Vec::new(),
            spreads: Vec::new(),
            chart: ChartSettings::default(),
            as_of: None,
            last_metrics: None,
            derived: Vec::new(),
            return_basis: BTreeMap::new(),
            layout: WindowLayout::default(),
            folded_groups: BTreeSet::new(),
            metrics_table: MetricsTableLayout::default(),
        }
    }

    /// The series with this name.
    #[must_use]
    pub fn series_named(&self, name: &str) -> Option<&WorkspaceSeries> {
        self.series.iter().find(|s| s.name() == name)
    }

    /// The two series of each spread whose series both exist, in the spreads' order.
    #[must_use]
    pub fn spread_pairs(&self) -> Vec<(&Series, &Series)> {
        self.spreads
            .iter()
            .filter_map(|spread| {
                let a = self.series_named(&spread.a)?;
                let b = self.series_named(&spread.b)?;
                Some((a.series.as_ref(), b.series.as_ref()))
            })
            .collect()
    }

    /// The position of the series with this name.
    #[must_use]
    pub fn position_of(&self, name: &str) -> Option<usize> {
        self.series.iter().position(|s| s.name() == name)
    }

    /// `base`, or `base (2)`, `base (3)`, … — the first name no series has.
    #[must_use]
    pub fn unique_name(&self, base: &str) -> String {
        let base = if base.trim().is_empty() {
            "Series"
        } else {
            base
        };
        if self.series_named(base).is_none() {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|candidate| self.series_named(candidate).is_none())
            .unwrap_or_else(|| base.to_string())
    }

    /// Adds a series at the end, visible, with the next palette colour; a name already taken
    /// gets a number. Returns the name it was given.
    pub fn add_series(&mut self, mut series: Series) -> String {
        series.name = self.unique_name(&series.name);
        let name = series.name.clone();
        let color = next_color(self.series.iter().map(|s| &s.color));
        self.series.push(WorkspaceSeries {
            series: Arc::new(series),
            color,
            visible: true,
        });
        name
    }

    /// Removes the named series and returns it with its position. Spreads and chart pairs that
    /// mention it are left alone: they show as unavailable and come back on undo or re-import.
    pub fn remove_series(&mut self, name: &str) -> Option<(usize, WorkspaceSeries)> {
        let index = self.position_of(name)?;
        self.derived.retain(|definition| definition.name != name);
        Some((index, self.series.remove(index)))
    }

    /// Renames a series and every spread and chart pair that mentions it. Returns `false`, and
    /// changes nothing, when `old` does not exist or `new` is empty or taken by another series.
    pub fn rename_series(&mut self, old: &str, new: &str) -> bool {
        let new = new.trim();
        if new.is_empty() || (new != old && self.series_named(new).is_some()) {
            return false;
        }
        let Some(index) = self.position_of(old) else {
            return false;
        };
        Arc::make_mut(&mut self.series[index].series).name = new.to_string();
        for spread in &mut self.spreads {
            for name in [&mut spread.a, &mut spread.b] {
                if name == old {
                    *name = new.to_string();
                }
            }
        }
        self.chart.rename_series(old, new);
        self.rename_in_derived(old, new);
        true
    }

    /// The files the series came from, each once, in series order.
    #[must_use]
    pub fn source_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = Vec::new();
        for path in self
            .series
            .iter()
            .filter_map(|s| s.series.source.path.as_ref())
        {
            if !files.contains(path) {
                files.push(path.clone());
            }
        }
        files
    }

    /// The import settings remembered for a file: those its series were read with.
    #[must_use]
    pub fn import_options_for(&self, path: &Path) -> Option<ImportOptions> {
        self.series
            .iter()
            .map(|s| &s.series.source)
            .find(|source| source.path.as_deref() == Some(path))
            .map(|source| source.options.clone())
    }

    /// The number of observations over all series.
    #[must_use]
    pub fn observation_count(&self) -> usize {
        self.series.iter().map(|s| s.series.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SeriesKind, Source};
    use crate::workspace::chart::SeriesPair;
    use crate::workspace::palette::PALETTE;

    fn series(name: &str, path: Option<&str>) -> Series {
        let source = Source {
            path: path.map(PathBuf::from),
            column: "Close".to_string(),
            ..Source::default()
        };
        let dates = vec![Date::from_ymd(2024, 1, 2).unwrap()];
        Series::new(name, SeriesKind::Price, source, dates, vec![1.0]).unwrap()
    }

    #[test]
    fn added_series_get_unique_names_and_distinct_colours() {
        let mut workspace = Workspace::empty();
        assert_eq!(workspace.add_series(series("^RUT", None)), "^RUT");
        assert_eq!(workspace.add_series(series("^RUT", None)), "^RUT (2)");
        assert_eq!(workspace.add_series(series("", None)), "Series");
        assert_eq!(workspace.series[0].color, PALETTE[0]);
        assert_eq!(workspace.series[1].color, PALETTE[1]);
        assert_eq!(workspace.series[2].color, PALETTE[2]);
        assert!(workspace.series.iter().all(|s| s.visible));
    }

    #[test]
    fn removing_returns_the_series_and_its_position() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", None));
        workspace.add_series(series("B", None));
        let (index, removed) = workspace.remove_series("B").unwrap();
        assert_eq!(index, 1);
        assert_eq!(removed.name(), "B");
        assert!(workspace.remove_series("B").is_none());
        assert_eq!(workspace.series.len(), 1);
    }

    #[test]
    fn spread_pairs_are_the_spreads_whose_series_both_exist() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", None));
        workspace.add_series(series("B", None));
        for (a, b) in [("B", "A"), ("A", "Gone"), ("A", "B")] {
            workspace.spreads.push(SpreadDefinition {
                name: String::new(),
                a: a.into(),
                b: b.into(),
            });
        }
        let names: Vec<(&str, &str)> = workspace
            .spread_pairs()
            .into_iter()
            .map(|(a, b)| (a.name.as_str(), b.name.as_str()))
            .collect();
        assert_eq!(names, vec![("B", "A"), ("A", "B")]);
    }

    #[test]
    fn renaming_follows_into_spreads_and_charts() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", None));
        workspace.add_series(series("B", None));
        workspace.spreads.push(SpreadDefinition {
            name: String::new(),
            a: "A".into(),
            b: "B".into(),
        });
        workspace.chart.relative_pair = Some(SeriesPair::new("B", "A"));
        assert!(!workspace.rename_series("A", "B"));
        assert!(!workspace.rename_series("A", "  "));
        assert!(!workspace.rename_series("C", "D"));
        assert!(workspace.rename_series("A", "Alpha"));
        assert_eq!(workspace.series[0].name(), "Alpha");
        assert_eq!(workspace.spreads[0].a, "Alpha");
        assert_eq!(workspace.spreads[0].display_name(), "Alpha − B");
        assert_eq!(
            workspace.chart.relative_pair,
            Some(SeriesPair::new("B", "Alpha"))
        );
    }

    #[test]
    fn renaming_does_not_touch_shared_snapshots() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", None));
        let snapshot = workspace.clone();
        assert!(workspace.rename_series("A", "Alpha"));
        assert_eq!(snapshot.series[0].name(), "A");
    }

    #[test]
    fn workspaces_can_be_saved_from_another_thread() {
        fn shareable<T: Send + Sync + 'static>() {}
        shareable::<Workspace>();
    }

    #[test]
    fn source_files_and_their_options() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", Some("a.csv")));
        workspace.add_series(series("B", Some("b.csv")));
        workspace.add_series(series("A2", Some("a.csv")));
        workspace.add_series(series("Derived", None));
        assert_eq!(
            workspace.source_files(),
            vec![PathBuf::from("a.csv"), PathBuf::from("b.csv")]
        );
        assert!(workspace.import_options_for(Path::new("a.csv")).is_some());
        assert!(workspace.import_options_for(Path::new("c.csv")).is_none());
        assert_eq!(workspace.observation_count(), 4);
    }
}
