//! Undo and redo: bounded stacks of workspace snapshots, each labelled with the change it
//! undoes ("Remove ^RUT"). Snapshots are cheap because series are shared, not copied.

use std::collections::VecDeque;

use super::document::Workspace;

/// One labelled snapshot.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    state: Workspace,
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
        self.redo.clear();
        self.undo.push_back(Step {
            label: label.into(),
            state: before,
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

    /// Puts `workspace` back to the state before the last change and returns that change's
    /// label; `None` (and nothing changes) when there is nothing to undo.
    pub fn undo(&mut self, workspace: &mut Workspace) -> Option<String> {
        let step = self.undo.pop_back()?;
        let after = std::mem::replace(workspace, step.state);
        self.redo.push(Step {
            label: step.label.clone(),
            state: after,
        });
        Some(step.label)
    }

    /// Makes again the change last undone and returns its label; `None` when there is none.
    pub fn redo(&mut self, workspace: &mut Workspace) -> Option<String> {
        let step = self.redo.pop()?;
        let before = std::mem::replace(workspace, step.state);
        self.undo.push_back(Step {
            label: step.label.clone(),
            state: before,
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn named(name: &str) -> Workspace {
        Workspace {
            name: name.to_string(),
            ..Workspace::empty()
        }
    }

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut history = History::default();
        let mut workspace = named("a");
        history.edit("Rename to b", &mut workspace, |w| w.name = "b".into());
        history.edit("Rename to c", &mut workspace, |w| w.name = "c".into());
        assert_eq!(history.undo_label(), Some("Rename to c"));
        assert_eq!(history.redo_label(), None);

        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Rename to c"));
        assert_eq!(workspace.name, "b");
        assert_eq!(history.undo(&mut workspace).as_deref(), Some("Rename to b"));
        assert_eq!(workspace.name, "a");
        assert_eq!(history.undo(&mut workspace), None);
        assert_eq!(workspace.name, "a");

        assert_eq!(history.redo_label(), Some("Rename to b"));
        assert_eq!(history.redo(&mut workspace).as_deref(), Some("Rename to b"));
        assert_eq!(workspace.name, "b");
        assert_eq!(history.redo(&mut workspace).as_deref(), Some("Rename to c"));
        assert_eq!(workspace.name, "c");
        assert_eq!(history.redo(&mut workspace), None);
        assert!(history.can_undo());
        assert!(!history.can_redo());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut history = History::default();
        let mut workspace = named("a");
        history.edit("to b", &mut workspace, |w| w.name = "b".into());
        history.undo(&mut workspace);
        assert!(history.can_redo());
        history.edit("to x", &mut workspace, |w| w.name = "x".into());
        assert!(!history.can_redo());
        assert_eq!(history.undo(&mut workspace).as_deref(), Some("to x"));
        assert_eq!(workspace.name, "a");
        assert!(!history.can_undo());
    }

    #[test]
    fn the_oldest_steps_are_dropped_past_the_limit() {
        let mut history = History::new(3);
        let mut workspace = named("0");
        for n in 1..=5 {
            history.edit(format!("to {n}"), &mut workspace, |w| {
                w.name = n.to_string()
            });
        }
        let mut undone = Vec::new();
        while let Some(label) = history.undo(&mut workspace) {
            undone.push(label);
        }
        assert_eq!(undone, ["to 5", "to 4", "to 3"]);
        assert_eq!(workspace.name, "2");
    }

    #[test]
    fn clear_forgets_everything() {
        let mut history = History::default();
        let mut workspace = named("a");
        history.edit("to b", &mut workspace, |w| w.name = "b".into());
        history.edit("to c", &mut workspace, |w| w.name = "c".into());
        history.undo(&mut workspace);
        history.clear();
        assert!(!history.can_undo());
        assert!(!history.can_redo());
    }
}
