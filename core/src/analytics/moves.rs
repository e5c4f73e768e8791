//! Moves over a few sessions and how rare they are: the N-session move with its "biggest since"
//! date, and the year's largest one-day drop and gain with their own "largest since".

use crate::model::{Date, SeriesKind};

use super::view::SeriesView;

/// What a move measures: the relative change of a price, or the change of a rate in basis
/// points (a yield that goes from 1.42 to 1.41 moved −1 bp, not −0.70%).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveMeasure {
    /// `C_t / C_s − 1`, as a fraction; undefined unless both closes are positive.
    Return,
    /// `(y_t − y_s) × 100`, in basis points, for a series quoted in percent.
    ChangeBp,
}

impl MoveMeasure {
    /// The measure of a series' moves: basis points for a rate, a return for anything else.
    #[must_use]
    pub fn of(kind: SeriesKind) -> MoveMeasure {
        if kind == SeriesKind::Rate {
            MoveMeasure::ChangeBp
        } else {
            MoveMeasure::Return
        }
    }

    /// The move from `from` to `to`; `None` where it is undefined.
    #[must_use]
    pub fn between(self, from: f64, to: f64) -> Option<f64> {
        match self {
            MoveMeasure::Return => (from > 0.0 && to > 0.0).then(|| to / from - 1.0),
            MoveMeasure::ChangeBp => {
                let change = (to - from) * 100.0;
                change.is_finite().then_some(change)
            }
        }
    }
}

/// How far back a move was last matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Since {
    /// The latest earlier session whose move was at least as large (as low, for a fall).
    Date(Date),
    /// No earlier session matched: the largest in the data, which starts on this date.
    WholeData {
        /// The series' first date.
        first: Date,
    },
}

impl Since {
    /// The matching date, `None` when the move is the largest in the data.
    #[must_use]
    pub fn date(self) -> Option<Date> {
        match self {
            Since::Date(date) => Some(date),
            Since::WholeData { .. } => None,
        }
    }
}

/// The N-session move `R_N(t) = C_t / C_{t-N} - 1` (for a rate `(y_t − y_{t−N}) × 100` bp) and
/// the last time it was matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Move {
    /// What the move measures.
    pub measure: MoveMeasure,
    /// N, the number of sessions.
    pub sessions: usize,
    /// The date of `C_{t-N}`, where the move starts.
    pub start: Date,
    /// The date of `C_t`, where it ends.
    pub end: Date,
    /// The move in its measure: a return as a fraction, or a change in basis points.
    pub size: f64,
    /// For a gain (`≥ 0`): the latest earlier session `d` with `R_N(d) ≥ R_N(t)`; for a fall the
    /// latest with `R_N(d) ≤ R_N(t)`.
    pub biggest_since: Since,
}

/// A one-session move picked out of a year: its date, size and rarity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayMove {
    /// What the move measures.
    pub measure: MoveMeasure,
    /// The session of the move.
    pub date: Date,
    /// The session before, whose close it compares with.
    pub previous: Date,
    /// `C_s / C_{s-1} - 1` as a fraction, or for a rate `(y_s − y_{s−1}) × 100` in basis points.
    pub size: f64,
    /// The last earlier session with a one-day move at least as large (as low, for a fall).
    pub largest_since: Since,
}

/// The N-session move at the view's as-of session `t`, with its "biggest since"
/// ([`biggest_since`]).
///
/// N-session move (default N = 5, settable): `R_N(t) = C_t / C_{t-N} − 1`, N sessions (rows)
/// back. For a rate series it is the change `(y_t − y_{t−N}) × 100` in basis points, and its
/// biggest since compares changes. Absent when fewer than N sessions precede t. Also `None`
/// when N is 0 or the move is undefined (a close not positive).
#[must_use]
pub fn n_session_move(
    view: &SeriesView<'_>,
    sessions: usize,
    measure: MoveMeasure,
) -> Option<Move> {
    let t = view.t();
    let start = t.checked_sub(sessions).filter(|_| sessions > 0)?;
    let values = view.values();
    let size = measure.between(values[start], values[t])?;
    Some(Move {
        measure,
        sessions,
        start: view.dates()[start],
        end: view.t_date(),
        size,
        biggest_since: biggest_since(view, sessions, t, size, measure),
    })
}

/// When the move `size = R_N(end)` (in `measure`) was last matched, `end` being its session's
/// index and N `sessions`.
///
/// Biggest since: if `R_N(t) ≥ 0`, the latest date `d < t` with `R_N(d) ≥ R_N(t)`; if negative,
/// the latest `d < t` with `R_N(d) ≤ R_N(t)`. When no such date exists the move is the largest
/// in the data (since its first date). Here t is the session `end`; sessions whose `R_N` is
/// undefined (a close not positive) are passed over.
#[must_use]
pub fn biggest_since(
    view: &SeriesView<'_>,
    sessions: usize,
    end: usize,
    size: f64,
    measure: MoveMeasure,
) -> Since {
    let values = view.values();
    let matches = |candidate: f64| {
        if size >= 0.0 {
            candidate >= size
        } else {
            candidate <= size
        }
    };
    // One backward pass; stops at the first (latest) match.
    let mut d = end.min(values.len());
    while d > sessions {
        d -= 1;
        if measure
            .between(values[d - sessions], values[d])
            .is_some_and(matches)
        {
            return Since::Date(view.dates()[d]);
        }
    }
    Since::WholeData {
        first: view.first_date(),
    }
}

impl Move {
    /// The move's size when it is measured in `measure`, `None` otherwise.
    #[must_use]
    pub fn size_in(&self, measure: MoveMeasure) -> Option<f64> {
        (self.measure == measure).then_some(self.size)
    }
}

impl DayMove {
    /// The day's move when it is measured in `measure`, `None` otherwise.
    #[must_use]
    pub fn size_in(&self, measure: MoveMeasure) -> Option<f64> {
        (self.measure == measure).then_some(self.size)
    }
}

/// Which end of the year's one-day moves to pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extreme {
    /// Largest one-day drop of the year: the min of `C_s / C_{s-1} − 1` over the sessions s of
    /// t's calendar year up to t (the year's first session compares with the previous year's
    /// last close only when the data has one in the previous calendar year), earliest on a tie,
    /// with its date; and the largest since: the latest earlier session with a one-day return ≤
    /// it.
    Worst,
    /// Largest one-day gain of the year: the max of `C_s / C_{s-1} − 1` over the sessions s of
    /// t's calendar year up to t (the year's first session compares with the previous year's
    /// last close only when the data has one in the previous calendar year), earliest on a tie,
    /// with its date; and the largest since: the latest earlier session with a one-day return ≥
    /// it.
    Best,
}

/// The year's largest one-day drop ([`Extreme::Worst`]) or gain ([`Extreme::Best`]) with its
/// own "largest since" ([`biggest_since`] over one session): the minimum or maximum of
/// `C_s / C_{s-1} − 1` over the sessions `s` of `t`'s calendar year up to `t`; the year's first
/// session compares with the previous year's last close only when the data has one in the
/// previous calendar year. Ties go to the earliest session. `None` when the year has no such
/// session. For a rate series the one-day moves are changes in basis points,
/// `(y_s − y_{s−1}) × 100`.
#[must_use]
pub fn day_of_year(
    view: &SeriesView<'_>,
    extreme: Extreme,
    measure: MoveMeasure,
) -> Option<DayMove> {
    let dates = view.dates();
    let values = view.values();
    let year = view.t_date().year();
    let year_start = Date::from_ymd(year, 1, 1)?;
    let in_year = dates.partition_point(|d| *d < year_start);
    // The year's first session compares with the close before it only when that close is the
    // previous calendar year's: a change from years earlier is not a one-day move.
    let first = match in_year.checked_sub(1) {
        Some(previous) if dates[previous].year() == year - 1 => in_year,
        _ => in_year + 1,
    };
    let mut picked: Option<(usize, f64)> = None;
    for s in first..=view.t() {
        let Some(ret) = measure.between(values[s - 1], values[s]) else {
            continue;
        };
        let better = match (picked, extreme) {
            (None, _) => true,
            (Some((_, kept)), Extreme::Worst) => ret < kept,
            (Some((_, kept)), Extreme::Best) => ret > kept,
        };
        if better {
            picked = Some((s, ret));
        }
    }
    let (s, size) = picked?;
    Some(DayMove {
        measure,
        date: dates[s],
        previous: dates[s - 1],
        size,
        largest_since: biggest_since(view, 1, s, size, measure),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily, series};

    fn view(s: &crate::model::Series) -> SeriesView<'_> {
        SeriesView::up_to(s, None).unwrap()
    }

    #[test]
    fn biggest_gain_since_the_latest_session_at_least_as_large() {
        // R_2 by index: 2: 0.5, 3: 0, 4: 0.25, 5: 1.0, 6: 0.25.
        let s = daily(
            "2024-01-01",
            &[100.0, 120.0, 150.0, 120.0, 187.5, 240.0, 234.375],
        );
        let m = n_session_move(&view(&s), 2, MoveMeasure::Return).unwrap();
        assert_eq!(m.sessions, 2);
        assert_eq!(m.start, d("2024-01-05"));
        assert_eq!(m.end, d("2024-01-07"));
        assert_eq!(m.size, 0.25);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-06")));
    }

    #[test]
    fn exact_ties_count_as_matches() {
        let s = daily("2024-01-01", &[100.0, 110.0, 100.0, 110.0, 100.0, 110.0]);
        let m = n_session_move(&view(&s), 1, MoveMeasure::Return).unwrap();
        assert_eq!(m.size, 110.0 / 100.0 - 1.0);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-04")));
    }

    #[test]
    fn a_fall_looks_for_an_equal_or_deeper_fall() {
        let s = daily("2024-01-01", &[100.0, 80.0, 90.0, 95.0, 85.0]);
        // R_1: 1: −0.2, 2: 0.125, 3: 0.0556, 4: −0.105.
        let m = n_session_move(&view(&s), 1, MoveMeasure::Return).unwrap();
        assert!(m.size < 0.0);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-02")));
    }

    #[test]
    fn the_largest_move_in_the_data_says_since_the_first_date() {
        let s = daily("2024-01-01", &[100.0, 101.0, 102.0, 110.0]);
        let m = n_session_move(&view(&s), 1, MoveMeasure::Return).unwrap();
        assert_eq!(
            m.biggest_since,
            Since::WholeData {
                first: d("2024-01-01")
            }
        );
        assert_eq!(m.biggest_since.date(), None);
    }

    #[test]
    fn a_zero_move_is_a_gain_matched_by_any_non_negative_move() {
        let s = daily("2024-01-01", &[100.0, 90.0, 95.0, 95.0]);
        let m = n_session_move(&view(&s), 1, MoveMeasure::Return).unwrap();
        assert_eq!(m.size, 0.0);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-03")));
    }

    #[test]
    fn a_rate_moves_in_basis_points_and_its_rarity_compares_changes() {
        // A yield from 1.00% to 0.50%: as returns the last fall, 0.60 to 0.50 (−16.7%), is the
        // largest in the data; as changes every day fell 10 bp, so the day before matches it.
        let s = daily("2024-01-01", &[1.0, 0.9, 0.8, 0.7, 0.6, 0.5]);
        let m = n_session_move(&view(&s), 1, MoveMeasure::ChangeBp).unwrap();
        assert_eq!(m.measure, MoveMeasure::ChangeBp);
        assert!((m.size + 10.0).abs() < 1e-9, "{}", m.size);
        assert_eq!(m.size_in(MoveMeasure::Return), None);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-05")));
        let as_returns = n_session_move(&view(&s), 1, MoveMeasure::Return).unwrap();
        assert!((as_returns.size - (0.5 / 0.6 - 1.0)).abs() < 1e-15);
        assert_eq!(
            as_returns.biggest_since,
            Since::WholeData {
                first: d("2024-01-01")
            }
        );
        // A rate at or below zero still has changes (a return would be undefined).
        let negative = daily("2024-01-01", &[0.25, -0.1, 0.0]);
        let m = n_session_move(&view(&negative), 2, MoveMeasure::ChangeBp).unwrap();
        assert!((m.size + 25.0).abs() < 1e-9, "{}", m.size);
        let worst = day_of_year(&view(&negative), Extreme::Worst, MoveMeasure::ChangeBp).unwrap();
        assert_eq!(worst.date, d("2024-01-02"));
        assert!((worst.size + 35.0).abs() < 1e-9, "{}", worst.size);
        assert_eq!(
            day_of_year(&view(&negative), Extreme::Worst, MoveMeasure::Return),
            None
        );
    }

    #[test]
    fn too_few_sessions_or_a_zero_window_give_no_move() {
        let s = daily("2024-01-01", &[100.0, 101.0]);
        assert!(n_session_move(&view(&s), 2, MoveMeasure::Return).is_none());
        assert!(n_session_move(&view(&s), 0, MoveMeasure::Return).is_none());
        let single = daily("2024-01-01", &[100.0]);
        assert!(n_session_move(&view(&single), 1, MoveMeasure::Return).is_none());
        assert!(day_of_year(&view(&single), Extreme::Worst, MoveMeasure::Return).is_none());
    }

    #[test]
    fn undefined_moves_are_passed_over_in_the_search() {
        // A valuation series crossing zero: R_1 at index 2 and 3 is undefined.
        let s = daily("2024-01-01", &[1.0, 2.0, -1.0, 1.0, 1.5]);
        let m = n_session_move(&view(&s), 1, MoveMeasure::Return).unwrap();
        assert_eq!(m.size, 0.5);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-02")));
    }

    #[test]
    fn worst_and_best_day_of_the_year_include_the_first_session_against_last_year() {
        let s = series(&[
            ("2023-12-28", 100.0),
            ("2023-12-29", 50.0),
            ("2024-01-02", 40.0),
            ("2024-01-03", 50.0),
            ("2024-01-04", 50.0),
            ("2024-01-05", 40.0),
        ]);
        let v = view(&s);
        let worst = day_of_year(&v, Extreme::Worst, MoveMeasure::Return).unwrap();
        // −20% on 2024-01-02 (against 2023's last close) and again on 2024-01-05: the earliest.
        assert_eq!(worst.date, d("2024-01-02"));
        assert_eq!(worst.previous, d("2023-12-29"));
        assert_eq!(worst.size, 40.0 / 50.0 - 1.0);
        // The −50% of 2023-12-29 is deeper: the largest drop since then.
        assert_eq!(worst.largest_since, Since::Date(d("2023-12-29")));
        let best = day_of_year(&v, Extreme::Best, MoveMeasure::Return).unwrap();
        assert_eq!(best.date, d("2024-01-03"));
        assert_eq!(best.size, 0.25);
        assert_eq!(
            best.largest_since,
            Since::WholeData {
                first: d("2023-12-28")
            }
        );
        // As of 2023, the year holds only 2023-12-29.
        let v2023 = SeriesView::up_to(&s, Some(d("2023-12-31"))).unwrap();
        assert_eq!(
            day_of_year(&v2023, Extreme::Best, MoveMeasure::Return)
                .unwrap()
                .size,
            -0.5
        );
    }

    #[test]
    fn the_first_session_after_a_missing_year_is_not_a_one_day_move() {
        // Data in 2022, none in 2023: the 2024-01-02 close is not compared with 2022's.
        let s = series(&[
            ("2022-12-29", 90.0),
            ("2022-12-30", 100.0),
            ("2024-01-02", 50.0),
            ("2024-01-03", 55.0),
            ("2024-01-04", 52.25),
        ]);
        let v = view(&s);
        let worst = day_of_year(&v, Extreme::Worst, MoveMeasure::Return).unwrap();
        assert_eq!(worst.date, d("2024-01-04"));
        assert_eq!(worst.previous, d("2024-01-03"));
        assert!((worst.size + 0.05).abs() < 1e-15);
        let best = day_of_year(&v, Extreme::Best, MoveMeasure::Return).unwrap();
        assert_eq!(best.date, d("2024-01-03"));
        assert!((best.size - 0.1).abs() < 1e-15);
        // As of its first session the year has no one-day move at all.
        let first = SeriesView::up_to(&s, Some(d("2024-01-02"))).unwrap();
        assert_eq!(
            day_of_year(&first, Extreme::Worst, MoveMeasure::Return),
            None
        );
        assert_eq!(
            day_of_year(&first, Extreme::Best, MoveMeasure::Return),
            None
        );
    }

    #[test]
    fn the_year_of_a_series_starting_mid_year_begins_at_its_second_session() {
        let s = series(&[
            ("2024-06-03", 100.0),
            ("2024-06-04", 95.0),
            ("2024-06-05", 96.0),
        ]);
        let worst = day_of_year(&view(&s), Extreme::Worst, MoveMeasure::Return).unwrap();
        assert_eq!(worst.date, d("2024-06-04"));
        assert_eq!(worst.previous, d("2024-06-03"));
        assert!((worst.size + 0.05).abs() < 1e-15);
    }

    #[test]
    fn ties_in_the_year_go_to_the_earliest_session() {
        let s = daily("2024-01-01", &[100.0, 50.0, 100.0, 50.0, 100.0]);
        let v = view(&s);
        assert_eq!(
            day_of_year(&v, Extreme::Worst, MoveMeasure::Return)
                .unwrap()
                .date,
            d("2024-01-02")
        );
        assert_eq!(
            day_of_year(&v, Extreme::Best, MoveMeasure::Return)
                .unwrap()
                .date,
            d("2024-01-03")
        );
    }
}
