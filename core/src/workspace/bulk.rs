//! Changes to many series at once: adding a file's series (a file with many series comes in with
//! only the first few shown, so the chart stays readable), showing or hiding a selection or a
//! group, and removing several series in one step — with or without the derived series built
//! on them.

use crate::model::Series;

use super::document::Workspace;

/// A file with at most this many series comes in with every series shown.
pub const SHOW_ALL_UP_TO: usize = 12;

/// A file with more than [`SHOW_ALL_UP_TO`] series comes in with this many shown (the first
/// ones, in the file's order) and the rest hidden.
pub const SHOWN_OF_MANY: usize = 10;

/// What adding a file's series did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddedSeries {
    /// The names the series were given, in order.
    pub names: Vec<String>,
    /// How many of them are shown (the rest are hidden).
    pub shown: usize,
}

impl AddedSeries {
    /// How many were added hidden.
    #[must_use]
    pub fn hidden(&self) -> usize {
        self.names.len() - self.shown
    }

    /// When some came in hidden, the sentence saying so: "500 series imported; the first 10 are
    /// shown, 490 hidden — tick them in the Data panel".
    #[must_use]
    pub fn hidden_note(&self) -> Option<String> {
        let hidden = self.hidden();
        (hidden > 0).then(|| {
            format!(
                "{} series imported; the first {} are shown, {hidden} hidden — tick them in the \
                 Data panel",
                self.names.len(),
                self.shown
            )
        })
    }
}

impl Workspace {
    /// Adds the series read from one file, in order (see [`Workspace::add_series`]): all shown
    /// when there are at most [`SHOW_ALL_UP_TO`], else the first [`SHOWN_OF_MANY`] shown and the
    /// rest hidden.
    pub fn add_file_series(&mut self, series: Vec<Series>) -> AddedSeries {
        let shown = if series.len() > SHOW_ALL_UP_TO {
            SHOWN_OF_MANY
        } else {
            series.len()
        };
        let mut names = Vec::with_capacity(series.len());
        for (position, one) in series.into_iter().enumerate() {
            let name = self.add_series(one);
            if position >= shown
                && let Some(last) = self.series.last_mut()
            {
                last.visible = false;
            }
            names.push(name);
        }
        AddedSeries { names, shown }
    }

    /// Shows or hides the named series; names no series has are ignored. Returns how many
    /// changed.
    pub fn set_visible_all(&mut self, names: &[String], visible: bool) -> usize {
        let mut changed = 0;
        for entry in &mut self.series {
            if entry.visible != visible && names.iter().any(|n| n == entry.name()) {
                entry.visible = visible;
                changed += 1;
            }
        }
        changed
    }

    /// The derived series built on any of `names`, directly or through others, that are not
    /// themselves among `names`, in the order they were defined.
    #[must_use]
    pub fn dependents_of_all(&self, names: &[String]) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for name in names {
            for dependent in self.dependents_of(name) {
                if !names.contains(&dependent) && !found.contains(&dependent) {
                    found.push(dependent);
                }
            }
        }
        found
    }

    /// Removes the named series (see [`Workspace::remove_series`]). Returns the names removed,
    /// in workspace order.
    pub fn remove_all(&mut self, names: &[String]) -> Vec<String> {
        let mut ordered: Vec<String> = self
            .series
            .iter()
            .map(|s| s.name().to_string())
            .filter(|n| names.contains(n))
            .collect();
        ordered.retain(|n| self.remove_series(n).is_some());
        ordered
    }

    /// Removes the named series and every derived series built on them. Returns the names
    /// removed, in workspace order.
    pub fn remove_all_with_dependents(&mut self, names: &[String]) -> Vec<String> {
        let mut all = names.to_vec();
        all.extend(self.dependents_of_all(names));
        self.remove_all(&all)
    }

    /// Removes the named series and keeps the derived series built on them as plain series with
    /// their current values. Returns the names removed.
    pub fn remove_all_keeping_dependents(&mut self, names: &[String]) -> Vec<String> {
        let dependents = self.dependents_of_all(names);
        self.detach_derived(&dependents);
        self.remove_all(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::parse_definition;
    use crate::testing::file_series;

    fn series(name: &str) -> Series {
        file_series(name, Some("/data/wide.csv"), name)
    }

    fn many(count: usize) -> Vec<Series> {
        (1..=count).map(|i| series(&format!("S{i}"))).collect()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_file_of_twelve_series_comes_in_all_shown() {
        let mut workspace = Workspace::empty();
        let added = workspace.add_file_series(many(12));
        assert_eq!(added.shown, 12);
        assert_eq!(added.hidden(), 0);
        assert_eq!(added.hidden_note(), None);
        assert!(workspace.series.iter().all(|s| s.visible));
    }

    #[test]
    fn a_file_of_thirteen_or_more_shows_the_first_ten() {
        let mut workspace = Workspace::empty();
        let added = workspace.add_file_series(many(13));
        assert_eq!(added.shown, 10);
        assert_eq!(added.hidden(), 3);
        let visible: Vec<bool> = workspace.series.iter().map(|s| s.visible).collect();
        assert_eq!(visible, [vec![true; 10], vec![false; 3]].concat());

        let mut wide = Workspace::empty();
        wide.add_series(series("S1"));
        let added = wide.add_file_series(many(500));
        assert_eq!(added.names[0], "S1 (2)");
        assert_eq!(added.names[499], "S500");
        assert_eq!(wide.series.iter().filter(|s| s.visible).count(), 11);
        assert!(wide.series[10].visible);
        assert!(!wide.series[11].visible);
        assert_eq!(
            added.hidden_note().as_deref(),
            Some(
                "500 series imported; the first 10 are shown, 490 hidden — tick them in the \
                 Data panel"
            )
        );
    }

    fn with_basket() -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.add_file_series(many(4));
        let basket = parse_definition("Basket = composite(0.5*S1, 0.5*S2)")
            .unwrap_or_else(|e| panic!("{e}"));
        workspace
            .add_derived(basket)
            .unwrap_or_else(|e| panic!("{e}"));
        let tr = parse_definition("Twice = composite(1*Basket)").unwrap_or_else(|e| panic!("{e}"));
        workspace.add_derived(tr).unwrap_or_else(|e| panic!("{e}"));
        workspace
    }

    #[test]
    fn several_series_are_shown_or_hidden_at_once() {
        let mut workspace = with_basket();
        assert_eq!(
            workspace.set_visible_all(&names(&["S1", "S3", "nope"]), false),
            2
        );
        assert_eq!(workspace.set_visible_all(&names(&["S1", "S3"]), false), 0);
        let visible: Vec<bool> = workspace.series.iter().map(|s| s.visible).collect();
        assert_eq!(visible, vec![false, true, false, true, true, true]);
        assert_eq!(workspace.set_visible_all(&names(&["S3"]), true), 1);
    }

    #[test]
    fn dependents_outside_the_removed_set_are_found_through_chains() {
        let workspace = with_basket();
        assert_eq!(
            workspace.dependents_of_all(&names(&["S1", "S2", "S3"])),
            names(&["Basket", "Twice"])
        );
        assert_eq!(
            workspace.dependents_of_all(&names(&["S1", "Basket"])),
            names(&["Twice"])
        );
        assert!(
            workspace
                .dependents_of_all(&names(&["S3", "S4"]))
                .is_empty()
        );
    }

    #[test]
    fn several_series_are_removed_with_or_without_their_dependents() {
        let mut with = with_basket();
        assert_eq!(
            with.remove_all_with_dependents(&names(&["S2", "S1"])),
            names(&["S1", "S2", "Basket", "Twice"])
        );
        assert_eq!(with.series.len(), 2);
        assert!(with.derived.is_empty());

        let mut keeping = with_basket();
        assert_eq!(
            keeping.remove_all_keeping_dependents(&names(&["S1", "S2"])),
            names(&["S1", "S2"])
        );
        let left: Vec<&str> = keeping
            .series
            .iter()
            .map(super::super::WorkspaceSeries::name)
            .collect();
        assert_eq!(left, vec!["S3", "S4", "Basket", "Twice"]);
        // Both were built on the removed series; both keep their values and stop following.
        assert!(keeping.derived.is_empty());
        assert_eq!(keeping.series[2].series.values(), &[100.0, 200.0]);
    }
}
