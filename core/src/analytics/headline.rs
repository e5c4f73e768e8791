//! The headline move of a series and the relative move of a pair: among the N-session windows
//! that end in the last N sessions, the one that was last matched longest ago — so that "biggest
//! since" names a date worth naming, not the overlapping window of a day or two before.
//!
//! Headline move of a series (price series; N = the move window; sessions 0..T after cutting at
//! the as-of date): R_N(i) = C_i / C_{i−N} − 1 for i ≥ N. since(i): for R_N(i) ≥ 0 the latest
//! j < i (j ≥ N) with R_N(j) ≥ R_N(i); for R_N(i) < 0 the latest j with R_N(j) ≤ R_N(i); none:
//! the largest in the data. The headline window i*: among i in [max(N, T−N+1), T] (the windows
//! ending in the last N sessions) the one whose since date is earliest (the largest in the data
//! is earliest of all); ties → the latest i. Newsworthy: since(i*) is none, or more than 91
//! calendar days before date(i*).
//!
//! Relative move of a pair (both series are prices), on the spreads' alignment (the dates of the
//! series with fewer observations, the other's last value on or before each), cut at the as-of
//! date: D_N(k) = (A_k/A_{k−N} − 1) − (B_k/B_{k−N} − 1); widest-since, headline window and
//! newsworthy exactly as for the headline move with D_N in place of R_N. The aligned dates end
//! at the earlier of the two series' last observations: a value carried past a series' end is
//! no move.
//!
//! A window whose closes are not all positive has no move and is passed over, both as a
//! candidate and in the search for its since date.

use crate::model::Date;

use super::align::{Aligned, align};
use super::moves::Since;
use super::view::{SeriesView, simple_return};

/// How many calendar days back a since date must lie for a move to be newsworthy: more than this.
pub const NEWSWORTHY_DAYS: i32 = 91;

/// The headline move of a series (see the module documentation for the definitions).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadlineMove {
    /// N, the move window in observations.
    pub sessions: usize,
    /// The date of `C_{i*−N}`, where the move starts.
    pub start: Date,
    /// The date of `C_{i*}`, where it ends.
    pub end: Date,
    /// `R_N(i*)`, as a fraction.
    pub ret: f64,
    /// `since(i*)`: the latest earlier window at least as large (as low, for a fall), or the
    /// largest in the data.
    pub biggest_since: Since,
    /// Whether the since date lies more than 91 calendar days before the end, or there is none.
    pub newsworthy: bool,
    /// Calendar days from the since date (the data's first date when it is the largest in the
    /// data) to the end: how rare the move is.
    pub rarity_days: i32,
}

/// The relative move of a pair of price series (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RelativeMove {
    /// N, the move window in aligned observations.
    pub sessions: usize,
    /// The aligned date N observations before the end.
    pub start: Date,
    /// The aligned date of the window's end, k*.
    pub end: Date,
    /// `A_{k*} / A_{k*−N} − 1`.
    pub a_return: f64,
    /// `B_{k*} / B_{k*−N} − 1`.
    pub b_return: f64,
    /// `D_N(k*)`, the difference of the two returns (a fraction: 0.071 = 7.1 percentage points).
    pub difference: f64,
    /// `since(k*)` with `D_N` in place of `R_N`: the latest earlier window with a margin at
    /// least as wide on the same side, or the widest in the data.
    pub widest_since: Since,
    /// Whether the since date lies more than 91 calendar days before the end, or there is none.
    pub newsworthy: bool,
    /// Calendar days from the since date (the first aligned date when it is the widest in the
    /// data) to the end.
    pub rarity_days: i32,
}

impl RelativeMove {
    /// The same move told the other way round, B against A: the returns exchanged and the
    /// difference negated (the widest-since search is symmetric, so its date is the same).
    #[must_use]
    pub fn swapped(self) -> RelativeMove {
        RelativeMove {
            a_return: self.b_return,
            b_return: self.a_return,
            difference: -self.difference,
            ..self
        }
    }
}

/// The window a headline search picked: its end index, its measure and its since.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pick {
    end: usize,
    value: f64,
    since: Since,
    rarity_days: i32,
    newsworthy: bool,
}

/// The headline move of `view` (cut at the as-of date) over `sessions` observations; `None`
/// when N is 0, the data holds N observations or fewer, or no window ending in the last N
/// sessions has positive closes.
#[must_use]
pub fn headline_move(view: &SeriesView<'_>, sessions: usize) -> Option<HeadlineMove> {
    let values = view.values();
    let measures = windowed(values.len(), sessions, |from, to| {
        simple_return(values[from], values[to])
    });
    let pick = pick(view.dates(), sessions, &measures)?;
    Some(HeadlineMove {
        sessions,
        start: view.dates()[pick.end - sessions],
        end: view.dates()[pick.end],
        ret: pick.value,
        biggest_since: pick.since,
        newsworthy: pick.newsworthy,
        rarity_days: pick.rarity_days,
    })
}

/// The relative move of `a` against `b` (each cut at the as-of date) over `sessions` aligned
/// observations: aligned as the spreads are, then cut at the earlier of the two series' last
/// dates. `None` as for [`headline_move`].
#[must_use]
pub fn relative_move_of(
    a: &SeriesView<'_>,
    b: &SeriesView<'_>,
    sessions: usize,
) -> Option<RelativeMove> {
    let mut aligned = align(a, b);
    let end = a.t_date().min(b.t_date());
    let kept = aligned.dates.partition_point(|d| *d <= end);
    aligned.dates.truncate(kept);
    aligned.a.truncate(kept);
    aligned.b.truncate(kept);
    relative_move(&aligned, sessions)
}

/// The relative move of the aligned pair over `sessions` aligned observations; `None` as for
/// [`headline_move`].
#[must_use]
pub fn relative_move(aligned: &Aligned, sessions: usize) -> Option<RelativeMove> {
    let pair_returns = |from: usize, to: usize| {
        Some((
            simple_return(aligned.a[from], aligned.a[to])?,
            simple_return(aligned.b[from], aligned.b[to])?,
        ))
    };
    let measures = windowed(aligned.len(), sessions, |from, to| {
        pair_returns(from, to).map(|(a, b)| a - b)
    });
    let pick = pick(&aligned.dates, sessions, &measures)?;
    let (a_return, b_return) = pair_returns(pick.end - sessions, pick.end)?;
    Some(RelativeMove {
        sessions,
        start: aligned.dates[pick.end - sessions],
        end: aligned.dates[pick.end],
        a_return,
        b_return,
        difference: pick.value,
        widest_since: pick.since,
        newsworthy: pick.newsworthy,
        rarity_days: pick.rarity_days,
    })
}

/// The measure of every window ending at `i` (`None` before N or where `measure` has none).
fn windowed(
    len: usize,
    sessions: usize,
    measure: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<Option<f64>> {
    (0..len)
        .map(|i| {
            i.checked_sub(sessions)
                .filter(|_| sessions > 0)
                .and_then(|from| measure(from, i))
        })
        .collect()
}

/// since(i) for the window ending at `i` with measure `value`: the latest earlier window at least
/// as large (as low for a negative value), `None` when there is none.
fn since_index(measures: &[Option<f64>], i: usize, value: f64) -> Option<usize> {
    (0..i).rev().find(|&j| match measures[j] {
        Some(earlier) if value >= 0.0 => earlier >= value,
        Some(earlier) => earlier <= value,
        None => false,
    })
}

/// The headline window among those ending in the last N sessions: the earliest since, ties to
/// the latest window.
fn pick(dates: &[Date], sessions: usize, measures: &[Option<f64>]) -> Option<Pick> {
    let t = dates.len().checked_sub(1)?;
    if sessions == 0 || t < sessions {
        return None;
    }
    let first = sessions.max(t + 1 - sessions);
    let mut best: Option<(Option<usize>, Pick)> = None;
    for i in first..=t {
        let Some(value) = measures[i] else {
            continue;
        };
        let since = since_index(measures, i, value);
        // The largest in the data (no since, `None`) is earliest of all (`None < Some`); `<=`
        // hands ties to the later window.
        let earlier_or_equal = best.as_ref().is_none_or(|(kept, _)| since <= *kept);
        if earlier_or_equal {
            let end = dates[i];
            let (since_value, since_date) = match since {
                Some(j) => (Since::Date(dates[j]), dates[j]),
                None => (Since::WholeData { first: dates[0] }, dates[0]),
            };
            let rarity_days = end.day_number() - since_date.day_number();
            best = Some((
                since,
                Pick {
                    end: i,
                    value,
                    since: since_value,
                    rarity_days,
                    newsworthy: since.is_none() || rarity_days > NEWSWORTHY_DAYS,
                },
            ));
        }
    }
    best.map(|(_, pick)| pick)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily, series};

    fn view(s: &crate::model::Series) -> SeriesView<'_> {
        SeriesView::up_to(s, None).unwrap()
    }

    #[test]
    fn the_window_last_matched_longest_ago_is_the_headline() {
        // R_2: i=2: +0.5, 3: +0.1, 4: −0.2, 5: +0.4, 6: +0.3 (windows ending in the last 2: 5, 6).
        // since(5) = 2 (0.5 ≥ 0.4), since(6) = 5 (0.4 ≥ 0.3): the headline is i = 5.
        let closes = [100.0, 100.0, 150.0, 110.0, 120.0, 154.0, 156.0];
        let s = daily("2024-01-01", &closes);
        let m = headline_move(&view(&s), 2).unwrap();
        assert_eq!(m.end, d("2024-01-06"));
        assert_eq!(m.start, d("2024-01-04"));
        assert!((m.ret - 0.4).abs() < 1e-12);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-03")));
        assert_eq!(m.rarity_days, 3);
        assert!(!m.newsworthy);
    }

    #[test]
    fn the_largest_in_the_data_wins_and_is_newsworthy() {
        let s = daily("2024-01-01", &[100.0, 101.0, 102.0, 103.0, 120.0, 121.0]);
        // N = 1: only the last window is a candidate (+0.83%, since the +17.6% of 01-05).
        let m = headline_move(&view(&s), 1).unwrap();
        assert_eq!(m.end, d("2024-01-06"));
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-05")));
        let m2 = headline_move(&view(&s), 2).unwrap();
        // Windows ending at 4 (+17.6%, the largest) and 5 (+17.5%, since 4): i = 4.
        assert_eq!(m2.end, d("2024-01-05"));
        assert_eq!(
            m2.biggest_since,
            Since::WholeData {
                first: d("2024-01-01")
            }
        );
        assert!(m2.newsworthy);
        assert_eq!(m2.rarity_days, 4);
    }

    #[test]
    fn ties_go_to_the_latest_window() {
        // Windows 4 and 5 are both last matched at 2 (0.5): the later one is the headline.
        let measures = [None, None, Some(0.5), Some(0.1), Some(0.2), Some(0.3)];
        let dates: Vec<Date> = (1..=6).map(|day| d(&format!("2024-01-0{day}"))).collect();
        let picked = pick(&dates, 2, &measures).unwrap();
        assert_eq!(picked.end, 5);
        assert_eq!(picked.since, Since::Date(d("2024-01-03")));
    }

    #[test]
    fn all_windows_equal_the_earliest_candidate_is_matched_by_the_window_before_it() {
        // A flat series: every R_3 is 0; candidates 7, 8, 9 are matched at 6, 7, 8.
        let s = daily("2024-01-01", &[5.0; 10]);
        let m = headline_move(&view(&s), 3).unwrap();
        assert_eq!(m.end, d("2024-01-08"));
        assert_eq!(m.ret, 0.0);
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-07")));
        assert!(!m.newsworthy);
        // With only N + 1 sessions the first window has nothing before it: the largest.
        let short = daily("2024-01-01", &[5.0; 4]);
        let m = headline_move(&view(&short), 3).unwrap();
        assert_eq!(m.end, d("2024-01-04"));
        assert!(matches!(m.biggest_since, Since::WholeData { .. }));
    }

    #[test]
    fn a_window_longer_than_the_data_gives_no_move() {
        let s = daily("2024-01-01", &[1.0, 2.0, 3.0]);
        assert_eq!(headline_move(&view(&s), 3), None);
        assert_eq!(headline_move(&view(&s), 0), None);
        assert!(headline_move(&view(&s), 2).is_some());
    }

    #[test]
    fn newsworthy_means_more_than_91_days_back() {
        let s = series(&[
            ("2024-01-01", 100.0),
            ("2024-01-02", 110.0),
            ("2024-04-01", 100.0),
            ("2024-04-02", 109.0),
        ]);
        // since = 2024-01-02, 91 days before 2024-04-02 (leap year): not newsworthy.
        let m = headline_move(&view(&s), 1).unwrap();
        assert_eq!(m.biggest_since, Since::Date(d("2024-01-02")));
        assert_eq!(m.rarity_days, 91);
        assert!(!m.newsworthy);
        let later = series(&[
            ("2024-01-01", 100.0),
            ("2024-01-02", 110.0),
            ("2024-04-02", 100.0),
            ("2024-04-03", 109.0),
        ]);
        let m = headline_move(&view(&later), 1).unwrap();
        assert_eq!(m.rarity_days, 92);
        assert!(m.newsworthy);
    }

    #[test]
    fn a_relative_move_is_the_difference_of_the_two_returns() {
        let a = daily("2024-01-01", &[100.0, 100.0, 110.0, 121.0]);
        let b = daily("2024-01-01", &[100.0, 100.0, 100.0, 95.0]);
        let aligned = align(&view(&a), &view(&b));
        let m = relative_move(&aligned, 1).unwrap();
        assert_eq!(m.end, d("2024-01-04"));
        assert!((m.a_return - 0.1).abs() < 1e-12);
        assert!((m.b_return + 0.05).abs() < 1e-12);
        assert!((m.difference - 0.15).abs() < 1e-12);
        assert_eq!(
            m.widest_since,
            Since::WholeData {
                first: d("2024-01-01")
            }
        );
    }
}
