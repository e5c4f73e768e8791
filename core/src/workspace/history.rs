//! Undo and redo: bounded stacks of workspace snapshots, each labelled with the change it
//! undoes ("Remove ^RUT"). Snapshots are cheap because series are shared, not copied.
//!
//! A step puts back the workspace's content — its series (data, names, colours, visibility),
//! spreads, derived-series definitions and return bases. What the user looks at — the chart's tab, range and modes, the as-of date —
//! and the workspace's name stay as they are now, so undoing "Remove ^RUT" does not also undo
//! a tab switch made since. A step that changed the view on purpose (showing a finding) is
//! recorded with [`Scope::ContentAndView`] and puts the view back too.

use std::collections::VecDeque;

use super::chart::SeriesPair;
use super::document::Workspace;

/// What a step puts back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Scope {
    /// The series and spreads; the view stays.
    #[default]
    Content,
    /// The series and spreads, and the chart settings and as-of date.
    ContentAndView,
}

/// One labelled snapshot.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    state: Workspace,
    scope: Scope,
}

/// The undo and redo stacks of a workspace.
#[derive(Clone, Debug)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History::new(History::DEFAULT_LIMIT)
    }
}

impl History {
    /// How many steps are kept unless told otherwise.
    pub const DEFAULT_LIMIT: usize = 100;

    /// An empty history keeping at most `limit` undo steps (at least one).
    #[must_use]
    pub fn new(limit: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Records that a change labelled `label` is about to be made to a workspace whose state
    /// before the change is `before`. Clears the redo stack; drops the oldest step past the limit.
    pub fn record(&mut self, label: impl Into<String>, before: Workspace) {
        self.record_with_scope(label, before, Scope::Content);
    }

    /// [`History::record`] for a step that puts back what `scope` says.
    fn record_with_scope(&mut self, label: impl Into<String>, before: Workspace, scope: Scope) {
        self.redo.clear();
        self.undo.push_back(Step {
            label: label.into(),
            state: before,
            scope,
        });
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }

    /// Applies `change` to `workspace` as one undoable step labelled `label`.
    pub fn edit<R>(
        &mut self,
        label: impl Into<String>,
        workspace: &mut Workspace,
        change: impl FnOnce(&mut Workspace) -> R,
    ) -> R {
        self.record(label, workspace.clone());
        change(workspace)
    }

    /// [`History::edit`], merged into the last step when that step has the same label and
    /// nothing was undone since: dragging a colour picker sends a new colour every frame, and
    /// one Undo should put back the colour from before the drag.
    pub fn edit_merging<R>(
        &mut self,
        label: impl Into<String>,
        workspace: &mut Workspace,
        change: impl FnOnce(&mut Workspace) -> R,
    ) -> R {
        let label = label.into();
        let same_as_last = self.redo.is_empty() && self.undo_label() == Some(label.as_str());
        if !same_as_last {
            self.record(label, workspace.clone());
        }
        change(workspace)
    }

    /// [`History::edit`] for a change that puts back the view too when undone.
    pub fn edit_with_view<R>(
        &mut self,
        label: impl Into<String>,
        workspace: &mut Workspace,
        change: impl FnOnce(&mut Workspace) -> R,
    ) -> R {
        self.record_with_scope(label, workspace.clone(), Scope::ContentAndView);
        change(workspace)
    }

    /// Puts `workspace` back to the state before the last change and returns that change's
    /// label; `None` (and nothing changes) when there is nothing to undo.
    pub fn undo(&mut self, workspace: &mut Workspace) -> Option<String> {
        let step = self.undo.pop_back()?;
        let after = restore(workspace, step.state, step.scope);
        self.redo.push(Step {
            label: step.label.clone(),
            state: after,
            scope: step.scope,
        });
        Some(step.label)
    }

    /// Makes again the change last undone and returns its label; `None` when there is none.
    pub fn redo(&mut self, workspace: &mut Workspace) -> Option<String> {
        let step = self.redo.pop()?;
        let before = restore(workspace, step.state, step.scope);
        self.undo.push_back(Step {
            label: step.label.clone(),
            state: before,
            scope: step.scope,
        });
        Some(step.label)
    }

    /// The label of the change Undo would revert, for the menu ("Undo Remove ^RUT").
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|step| step.label.as_str())
    }

    /// The label of the change Redo would make again.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets every step (after opening another workspace).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// Puts what `scope` covers of `snapshot` into `workspace` and returns the workspace as it was,
/// for the opposite stack.
fn restore(workspace: &mut Workspace, snapshot: Workspace, scope: Scope) -> Workspace {
    let mut restored = workspace.clone();
    restored.series = snapshot.series;
    restored.spreads = snapshot.spreads;
    restored.derived = snapshot.derived;
    restored.return_basis = snapshot.return_basis;
    match scope {
        Scope::ContentAndView => {
            restored.chart = snapshot.chart;
            restored.as_of = snapshot.as_of;
        }
        Scope::Content => {
            // A pair chosen since still stands if its series exist; one naming a series the
            // step takes away (undoing a rename) is the snapshot's pair.
            let chart = &mut restored.chart;
            chart.relative_pair = kept_pair(
                chart.relative_pair.take(),
                snapshot.chart.relative_pair,
                &restored.series,
            );
            chart.spread_pair = kept_pair(
                chart.spread_pair.take(),
                snapshot.chart.spread_pair,
                &restored.series,
            );
        }
    }
    std::mem::replace(workspace, restored)
}

fn kept_pair(
    current: Option<SeriesPair>,
    snapshot: Option<SeriesPair>,
    series: &[super::document::WorkspaceSeries],
) -> Option<SeriesPair> {
    let exists = |name: &str| series.iter().any(|entry| entry.name() == name);
    match current {
        Some(pair) if exists(&pair.a) && exists(&pair.b) => Some(pair),
        Some(_) => snapshot,
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SeriesKind;
    use crate::testing::{d, daily_series};
    use crate::workspace::palette::PALETTE;
    use crate::workspace::{ChartRange, ChartTab, RangePreset, SpreadDefinition, WorkspaceSeries};
    use std::sync::Arc;

    /// A workspace whose content is told apart by one spread's name.
    fn named(name: &str) -> Workspace {
        let mut workspace = Workspace::empty();
        set(&mut workspace, name);
        workspace
    }

    fn set(workspace: &mut Workspace, name: &str) {
        workspace.spreads = vec![SpreadDefinition {
            name: name.to_string(),
            a: "A".into(),
            b: "B".into(),
        }];
    }

    fn content(workspace: &Workspace) -> &str {
        &workspace.spreads[0].name
    }

    fn entry(name: &str) -> WorkspaceSeries {
        WorkspaceSeries {
            series: Arc::new(daily_series(
                name,
                SeriesKind::Price,
                "2024-01-02",
                &[1.0, 2.0],
            )),
            color: PALETTE[0],
            visible: true,
        }
    }

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut history = History::default();
        let mut workspace = named("a");
        history.edit("Rename to b", &mut workspace, |w| set(w, "b"));
        history.edit("Rename to c", &mut workspace, |w| set(w, "c"));
        assert_eq!(history.undo_label(), Some("Rename to c"));
        assert_eq!(history.redo_label(), None);

        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Rename to c"));
        assert_eq!(content(&workspace), "b");
        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Rename to b"));
        assert_eq!(content(&workspace), "a");
        assert_eq!(history.undo(&mut workspace), None);
        assert_eq!(content(&workspace), "a");

        assert_eq!(history.redo_label(), Some("Rename to b"));
        assert_eq!(history.redo(&mut workspace).as_deref(), Some("Rename to b"));
        assert_eq!(content(&workspace), "b");
        assert_eq!(history.redo(&mut workspace).as_deref(), Some("Rename to c"));
        assert_eq!(content(&workspace), "c");
        assert_eq!(history.redo(&mut workspace), None);
        assert!(history.can_undo());
        assert!(!history.can_redo());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut history = History::default();
        let mut workspace = named("a");
        history.edit("to b", &mut workspace, |w| set(w, "b"));
        history.undo(&mut workspace);
        assert!(history.can_redo());
        history.edit("to x", &mut workspace, |w| set(w, "x"));
        assert!(!history.can_redo());
        assert_eq!(history.undo(&mut workspace).as_deref(), Some("to x"));
        assert_eq!(content(&workspace), "a");
        assert!(!history.can_undo());
    }

    #[test]
    fn the_oldest_steps_are_dropped_past_the_limit() {
        let mut history = History::new(3);
        let mut workspace = named("0");
        for n in 1..=5 {
            history.edit(format!("to {n}"), &mut workspace, |w| {
                set(w, &n.to_string());
            });
        }
        let mut undone = Vec::new();
        while let Some(label) = history.undo(&mut workspace) {
            undone.push(label);
        }
        assert_eq!(undone, ["to 5", "to 4", "to 3"]);
        assert_eq!(content(&workspace), "2");
    }

    #[test]
    fn clear_forgets_everything() {
        let mut history = History::default();
        let mut workspace = named("a");
        history.edit("to b", &mut workspace, |w| set(w, "b"));
        history.edit("to c", &mut workspace, |w| set(w, "c"));
        history.undo(&mut workspace);
        history.clear();
        assert!(!history.can_undo());
        assert!(!history.can_redo());
    }

    #[test]
    fn undo_keeps_the_view_and_name_chosen_since_the_change() {
        let mut history = History::default();
        let mut workspace = Workspace::empty();
        workspace.series = vec![entry("A"), entry("B")];
        history.edit("Remove B", &mut workspace, |w| {
            w.remove_series("B");
        });
        // Changed after the edit, outside the history.
        workspace.chart.tab = ChartTab::Spread;
        workspace.chart.range = ChartRange::Preset(RangePreset::FiveYears);
        workspace.as_of = Some(d("2024-01-02"));
        workspace.name = "Saved elsewhere".into();

        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Remove B"));
        assert_eq!(workspace.series.len(), 2);
        assert_eq!(workspace.chart.tab, ChartTab::Spread);
        assert_eq!(
            workspace.chart.range,
            ChartRange::Preset(RangePreset::FiveYears)
        );
        assert_eq!(workspace.as_of, Some(d("2024-01-02")));
        assert_eq!(workspace.name, "Saved elsewhere");

        assert_eq!(history.redo(&mut workspace).as_deref(), Some("Remove B"));
        assert_eq!(workspace.series.len(), 1);
        assert_eq!(workspace.chart.tab, ChartTab::Spread);
    }

    #[test]
    fn undoing_a_rename_takes_the_chart_pairs_back_to_the_old_name() {
        let mut history = History::default();
        let mut workspace = Workspace::empty();
        workspace.series = vec![entry("A"), entry("B")];
        workspace.chart.relative_pair = Some(SeriesPair::new("A", "B"));
        history.edit("Rename A", &mut workspace, |w| {
            w.rename_series("A", "Small caps");
        });
        assert_eq!(
            workspace.chart.relative_pair,
            Some(SeriesPair::new("Small caps", "B"))
        );
        history.undo(&mut workspace);
        assert_eq!(
            workspace.chart.relative_pair,
            Some(SeriesPair::new("A", "B"))
        );
        history.redo(&mut workspace);
        assert_eq!(
            workspace.chart.relative_pair,
            Some(SeriesPair::new("Small caps", "B"))
        );
    }

    #[test]
    fn a_pair_chosen_after_the_change_stays_when_its_series_exist() {
        let mut history = History::default();
        let mut workspace = Workspace::empty();
        workspace.series = vec![entry("A"), entry("B"), entry("C")];
        history.edit("Remove C", &mut workspace, |w| {
            w.remove_series("C");
        });
        workspace.chart.spread_pair = Some(SeriesPair::new("B", "A"));
        history.undo(&mut workspace);
        assert_eq!(workspace.chart.spread_pair, Some(SeriesPair::new("B", "A")));
    }

    #[test]
    fn a_step_with_the_view_puts_the_chart_back() {
        let mut history = History::default();
        let mut workspace = Workspace::empty();
        workspace.series = vec![entry("A"), entry("B")];
        history.edit_with_view("Show a finding", &mut workspace, |w| {
            w.chart.tab = ChartTab::Drawdown;
            w.series[1].visible = false;
        });
        history.undo(&mut workspace);
        assert_eq!(workspace.chart.tab, ChartTab::default());
        assert!(workspace.series[1].visible);
        history.redo(&mut workspace);
        assert_eq!(workspace.chart.tab, ChartTab::Drawdown);
        assert!(!workspace.series[1].visible);
    }

    #[test]
    fn repeated_changes_with_one_label_merge_into_one_step() {
        let mut history = History::default();
        let mut workspace = named("start");
        history.edit("Remove X", &mut workspace, |w| set(w, "removed"));
        for frame in 0..50 {
            history.edit_merging("Colour of A", &mut workspace, |w| {
                set(w, &format!("colour {frame}"));
            });
        }
        assert_eq!(content(&workspace), "colour 49");
        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Colour of A"));
        assert_eq!(content(&workspace), "removed");
        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Remove X"));
        assert_eq!(content(&workspace), "start");
        // After an undo the next change of the same kind is a step of its own.
        history.redo(&mut workspace);
        history.edit_merging("Colour of A", &mut workspace, |w| set(w, "red"));
        history.undo(&mut workspace);
        history.edit_merging("Colour of A", &mut workspace, |w| set(w, "blue"));
        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Colour of A"));
        assert_eq!(content(&workspace), "removed");
    }
}
