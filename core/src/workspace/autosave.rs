//! When to autosave: shortly after the last change, so a burst of edits (dragging a slider,
//! removing several series) is written once — but never later than a maximum wait while
//! changes keep coming. The caller supplies the clock, which keeps this testable.

use std::time::{Duration, Instant};

/// Decides when unsaved changes are due to be written.
#[derive(Clone, Debug)]
pub struct AutosaveTimer {
    delay: Duration,
    max_wait: Duration,
    first_unsaved: Option<Instant>,
    last_change: Option<Instant>,
}

impl Default for AutosaveTimer {
    fn default() -> Self {
        AutosaveTimer::new(
            AutosaveTimer::DEFAULT_DELAY,
            AutosaveTimer::DEFAULT_MAX_WAIT,
        )
    }
}

impl AutosaveTimer {
    /// The quiet time after a change before it is saved.
    pub const DEFAULT_DELAY: Duration = Duration::from_millis(1000);
    /// The longest a change waits while further changes keep arriving.
    pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(10);

    /// A timer saving `delay` after the last change, and at most `max_wait` after the first
    /// unsaved one.
    #[must_use]
    pub fn new(delay: Duration, max_wait: Duration) -> AutosaveTimer {
        AutosaveTimer {
            delay,
            max_wait: max_wait.max(delay),
            first_unsaved: None,
            last_change: None,
        }
    }

    /// Notes a change made at `now`.
    pub fn note_change(&mut self, now: Instant) {
        self.first_unsaved.get_or_insert(now);
        self.last_change = Some(now);
    }

    /// Whether there are changes not yet handed to a save.
    #[must_use]
    pub fn has_unsaved_changes(&self) -> bool {
        self.last_change.is_some()
    }

    /// How long until a save is due (zero when it is due now); `None` with nothing unsaved.
    /// Useful for asking the user interface to wake up in time.
    #[must_use]
    pub fn time_until_due(&self, now: Instant) -> Option<Duration> {
        let (first, last) = (self.first_unsaved?, self.last_change?);
        let due = (last + self.delay).min(first + self.max_wait);
        Some(due.saturating_duration_since(now))
    }

    /// When a save is due at `now`: forgets the pending changes (they are being saved) and
    /// returns `true`. Changes noted afterwards start a new wait.
    pub fn take_due(&mut self, now: Instant) -> bool {
        if self.time_until_due(now) != Some(Duration::ZERO) {
            return false;
        }
        self.first_unsaved = None;
        self.last_change = None;
        true
    }

    /// Marks everything as saved now (after an explicit save, or opening a workspace).
    pub fn mark_saved(&mut self) {
        self.first_unsaved = None;
        self.last_change = None;
    }

    /// A save taken with [`AutosaveTimer::take_due`] failed: the changes are unsaved again and
    /// will be retried after the delay.
    pub fn save_failed(&mut self, now: Instant) {
        self.note_change(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn saves_after_a_quiet_delay() {
        let start = Instant::now();
        let mut timer = AutosaveTimer::new(ms(1000), ms(10_000));
        assert_eq!(timer.time_until_due(start), None);
        assert!(!timer.take_due(start));
        timer.note_change(start);
        assert!(timer.has_unsaved_changes());
        assert_eq!(timer.time_until_due(start + ms(400)), Some(ms(600)));
        assert!(!timer.take_due(start + ms(999)));
        assert!(timer.take_due(start + ms(1000)));
        assert!(!timer.has_unsaved_changes());
        assert!(!timer.take_due(start + ms(5000)));
    }

    #[test]
    fn further_changes_postpone_but_not_beyond_the_maximum() {
        let start = Instant::now();
        let mut timer = AutosaveTimer::new(ms(1000), ms(3000));
        for step in 0..10 {
            timer.note_change(start + ms(500 * step));
        }
        assert!(!timer.take_due(start + ms(2999)));
        assert!(timer.take_due(start + ms(3000)));
    }

    #[test]
    fn a_failed_save_is_retried() {
        let start = Instant::now();
        let mut timer = AutosaveTimer::default();
        timer.note_change(start);
        assert!(timer.take_due(start + ms(1000)));
        timer.save_failed(start + ms(1100));
        assert!(timer.has_unsaved_changes());
        assert!(timer.take_due(start + ms(2100)));
    }

    #[test]
    fn mark_saved_clears_pending_changes() {
        let start = Instant::now();
        let mut timer = AutosaveTimer::default();
        timer.note_change(start);
        timer.mark_saved();
        assert!(!timer.take_due(start + ms(60_000)));
    }
}
