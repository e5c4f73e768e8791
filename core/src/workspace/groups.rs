//! The series grouped as the Data panel lists them: one group per source file (in the order the
//! files first appear), the series without a file, and the derived series last; how many of each
//! group are shown; which groups the user folded; and the list filtered by a search and flattened
//! into rows (group headers and series), so a long list can be drawn a screenful at a time.

use std::path::{Path, PathBuf};

use crate::derive::DERIVED_FORMAT;

use super::derived::DETACHED_FORMAT;
use super::document::Workspace;

/// The name of the group of derived series.
pub const DERIVED_GROUP: &str = "Derived";

/// The name of the group of series that came from no file (the bundled demo, for one).
pub const OTHER_GROUP: &str = "Without a file";

/// What a group gathers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupKey {
    /// The series imported from this file.
    File(PathBuf),
    /// The series read from no file that are not derived.
    Other,
    /// The derived series (still following their inputs or detached from them).
    Derived,
}

impl GroupKey {
    /// The group's identity as stored in the workspace (in the set of folded groups).
    #[must_use]
    pub fn id(&self) -> String {
        match self {
            GroupKey::File(path) => format!("file:{}", path.display()),
            GroupKey::Other => "other".to_string(),
            GroupKey::Derived => "derived".to_string(),
        }
    }
}

/// A group of series in the Data panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesGroup {
    /// What it gathers.
    pub key: GroupKey,
    /// The name shown: the file's name (its whole path when two files share a name),
    /// [`DERIVED_GROUP`] or [`OTHER_GROUP`].
    pub label: String,
    /// The positions of its series in the workspace, in workspace order.
    pub members: Vec<usize>,
    /// How many of them are shown on the chart.
    pub shown: usize,
}

impl SeriesGroup {
    /// How many series it holds.
    #[must_use]
    pub fn total(&self) -> usize {
        self.members.len()
    }

    /// The names of its series, in workspace order.
    #[must_use]
    pub fn names(&self, workspace: &Workspace) -> Vec<String> {
        self.members
            .iter()
            .filter_map(|&index| workspace.series.get(index))
            .map(|s| s.name().to_string())
            .collect()
    }

    /// "3 of 12 shown" or "12 shown".
    #[must_use]
    pub fn shown_text(&self) -> String {
        if self.shown == self.total() {
            format!("{} shown", self.shown)
        } else {
            format!("{} of {} shown", self.shown, self.total())
        }
    }
}

/// One row of the Data panel's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelRow {
    /// A group's header: the index into [`SeriesList::groups`], how many of its series match
    /// the search, and whether it is folded (its series then have no rows).
    Group {
        /// The index into [`SeriesList::groups`].
        group: usize,
        /// How many of its series match the search (all of them without a search).
        matching: usize,
        /// Whether its series are hidden from the list.
        folded: bool,
    },
    /// A series: its position in the workspace.
    Series(usize),
}

/// The Data panel's list: the groups and the rows to draw for a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeriesList {
    /// Every group, including those the search leaves without rows.
    pub groups: Vec<SeriesGroup>,
    /// The rows to draw, in order.
    pub rows: Vec<PanelRow>,
    /// How many series match the search.
    pub matching: usize,
    /// How many series there are.
    pub total: usize,
}

impl SeriesList {
    /// "12 of 500" while a search leaves some out, else "500 series".
    #[must_use]
    pub fn count_text(&self) -> String {
        if self.matching == self.total {
            format!("{} series", self.total)
        } else {
            format!("{} of {}", self.matching, self.total)
        }
    }

    /// The positions of the series that have rows, in row order.
    #[must_use]
    pub fn series_in_rows(&self) -> Vec<usize> {
        self.rows
            .iter()
            .filter_map(|row| match row {
                PanelRow::Series(index) => Some(*index),
                PanelRow::Group { .. } => None,
            })
            .collect()
    }
}

/// Whether `name` matches the search `query`: a case-insensitive substring; an empty (or blank)
/// query matches every name.
#[must_use]
pub fn name_matches(name: &str, query: &str) -> bool {
    let query = query.trim();
    query.is_empty() || name.to_lowercase().contains(&query.to_lowercase())
}

impl Workspace {
    /// The group the series at `index` belongs to.
    #[must_use]
    pub fn group_key_of(&self, index: usize) -> Option<GroupKey> {
        let entry = self.series.get(index)?;
        let source = &entry.series.source;
        let derived = source.format == DERIVED_FORMAT
            || source.format == DETACHED_FORMAT
            || self.derived_definition(entry.name()).is_some();
        Some(if derived {
            GroupKey::Derived
        } else if let Some(path) = &source.path {
            GroupKey::File(path.clone())
        } else {
            GroupKey::Other
        })
    }

    /// The series grouped: the files in the order their first series appears, then the series
    /// without a file, then the derived series. Groups are never empty.
    #[must_use]
    pub fn series_groups(&self) -> Vec<SeriesGroup> {
        let mut groups: Vec<SeriesGroup> = Vec::new();
        for (index, entry) in self.series.iter().enumerate() {
            let Some(key) = self.group_key_of(index) else {
                continue;
            };
            let position = match groups.iter().position(|g| g.key == key) {
                Some(position) => position,
                None => {
                    groups.push(SeriesGroup {
                        label: String::new(),
                        key,
                        members: Vec::new(),
                        shown: 0,
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[position];
            group.members.push(index);
            group.shown += usize::from(entry.visible);
        }
        groups.sort_by_key(|g| match g.key {
            GroupKey::File(_) => 0,
            GroupKey::Other => 1,
            GroupKey::Derived => 2,
        });
        let labels: Vec<String> = groups.iter().map(|g| short_label(&g.key)).collect();
        for group in &mut groups {
            let short = short_label(&group.key);
            let shared = labels.iter().filter(|l| **l == short).count() > 1;
            group.label = match (&group.key, shared) {
                (GroupKey::File(path), true) => path.display().to_string(),
                _ => short,
            };
        }
        groups
    }

    /// The list the Data panel draws for the search `query`: each group's header followed by
    /// its matching series unless the group is folded. While a search is typed, folded groups
    /// open to show their matches and groups without a match are left out.
    #[must_use]
    pub fn series_list(&self, query: &str) -> SeriesList {
        let groups = self.series_groups();
        let searching = !query.trim().is_empty();
        let mut rows = Vec::new();
        let mut matching = 0;
        for (group_index, group) in groups.iter().enumerate() {
            let members: Vec<usize> = group
                .members
                .iter()
                .copied()
                .filter(|&i| name_matches(self.series[i].name(), query))
                .collect();
            matching += members.len();
            if searching && members.is_empty() {
                continue;
            }
            let folded = !searching && self.is_group_folded(&group.key);
            rows.push(PanelRow::Group {
                group: group_index,
                matching: members.len(),
                folded,
            });
            if !folded {
                rows.extend(members.into_iter().map(PanelRow::Series));
            }
        }
        SeriesList {
            groups,
            rows,
            matching,
            total: self.series.len(),
        }
    }

    /// Whether the user folded this group in the Data panel.
    #[must_use]
    pub fn is_group_folded(&self, key: &GroupKey) -> bool {
        self.folded_groups.contains(&key.id())
    }

    /// Folds or unfolds a group (by its [`GroupKey::id`]). Returns whether anything changed.
    pub fn set_group_folded(&mut self, id: &str, folded: bool) -> bool {
        if folded {
            self.folded_groups.insert(id.to_string())
        } else {
            self.folded_groups.remove(id)
        }
    }
}

/// The name of a group before telling apart files of the same name.
fn short_label(key: &GroupKey) -> String {
    match key {
        GroupKey::File(path) => file_name(path),
        GroupKey::Other => OTHER_GROUP.to_string(),
        GroupKey::Derived => DERIVED_GROUP.to_string(),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::parse_definition;
    use crate::model::Series;
    use crate::testing::file_series;

    fn series(name: &str, path: Option<&str>) -> Series {
        file_series(name, path, "Close")
    }

    /// SPY and IWM from `etf.csv`, CAPE from `shiller.csv`, a demo-like series without a file,
    /// QQQ from `etf.csv` again and an equal-weight basket of SPY and IWM.
    fn workspace() -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("SPY", Some("/data/etf.csv")));
        workspace.add_series(series("IWM", Some("/data/etf.csv")));
        workspace.add_series(series("CAPE", Some("/data/shiller.csv")));
        workspace.add_series(series("Demo", None));
        workspace.add_series(series("QQQ", Some("/data/etf.csv")));
        let definition = parse_definition("Basket = composite(0.5*SPY, 0.5*IWM)")
            .unwrap_or_else(|e| panic!("{e}"));
        workspace
            .add_derived(definition)
            .unwrap_or_else(|e| panic!("{e}"));
        workspace.series[1].visible = false;
        workspace
    }

    #[test]
    fn series_are_grouped_by_file_then_without_a_file_then_derived() {
        let workspace = workspace();
        let groups = workspace.series_groups();
        let summary: Vec<(String, Vec<usize>, usize)> = groups
            .iter()
            .map(|g| (g.label.clone(), g.members.clone(), g.shown))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("etf.csv".to_string(), vec![0, 1, 4], 2),
                ("shiller.csv".to_string(), vec![2], 1),
                (OTHER_GROUP.to_string(), vec![3], 1),
                (DERIVED_GROUP.to_string(), vec![5], 1),
            ]
        );
        assert_eq!(groups[0].shown_text(), "2 of 3 shown");
        assert_eq!(groups[1].shown_text(), "1 shown");
        assert_eq!(groups[0].names(&workspace), vec!["SPY", "IWM", "QQQ"]);
        assert_eq!(groups[0].key.id(), "file:/data/etf.csv");
    }

    #[test]
    fn files_of_the_same_name_are_told_apart_by_their_path() {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("A", Some("/one/prices.csv")));
        workspace.add_series(series("B", Some("/two/prices.csv")));
        let labels: Vec<String> = workspace
            .series_groups()
            .into_iter()
            .map(|g| g.label)
            .collect();
        assert_eq!(labels, vec!["/one/prices.csv", "/two/prices.csv"]);
    }

    #[test]
    fn a_detached_derived_series_stays_in_the_derived_group() {
        let mut workspace = workspace();
        workspace.detach_derived(&["Basket".to_string()]);
        assert!(workspace.derived.is_empty());
        assert_eq!(workspace.group_key_of(5), Some(GroupKey::Derived));
        assert_eq!(workspace.group_key_of(6), None);
    }

    #[test]
    fn the_list_flattens_groups_into_rows_and_folded_groups_keep_only_their_header() {
        let mut workspace = workspace();
        assert!(workspace.set_group_folded("file:/data/etf.csv", true));
        assert!(!workspace.set_group_folded("file:/data/etf.csv", true));
        let list = workspace.series_list("");
        assert_eq!(
            list.rows,
            vec![
                PanelRow::Group {
                    group: 0,
                    matching: 3,
                    folded: true
                },
                PanelRow::Group {
                    group: 1,
                    matching: 1,
                    folded: false
                },
                PanelRow::Series(2),
                PanelRow::Group {
                    group: 2,
                    matching: 1,
                    folded: false
                },
                PanelRow::Series(3),
                PanelRow::Group {
                    group: 3,
                    matching: 1,
                    folded: false
                },
                PanelRow::Series(5),
            ]
        );
        assert_eq!(list.count_text(), "6 series");
        assert_eq!(list.series_in_rows(), vec![2, 3, 5]);
        assert!(workspace.set_group_folded("file:/data/etf.csv", false));
        assert_eq!(workspace.series_list("").rows.len(), 10);
    }

    #[test]
    fn a_search_is_a_case_insensitive_substring_and_opens_folded_groups() {
        let mut workspace = workspace();
        workspace.set_group_folded("file:/data/etf.csv", true);
        let list = workspace.series_list("  q ");
        assert_eq!(
            list.rows,
            vec![
                PanelRow::Group {
                    group: 0,
                    matching: 1,
                    folded: false
                },
                PanelRow::Series(4),
            ]
        );
        assert_eq!(list.count_text(), "1 of 6");
        let list = workspace.series_list("i");
        // Only IWM holds an "i" (in any case).
        assert_eq!(list.series_in_rows(), vec![1]);
        assert_eq!(workspace.series_list("nothing").rows, Vec::new());
        assert_eq!(workspace.series_list("nothing").count_text(), "0 of 6");
        assert!(name_matches("^GSPC", "gsp"));
        assert!(!name_matches("^GSPC", "spx"));
    }
}
