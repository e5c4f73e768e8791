//! Trailing returns over fixed periods: 1D and 5D in sessions, 1M–1Y and YTD on the calendar,
//! 3Y–10Y annualised. Price returns on the series' own closes (no dividends).

use crate::model::Date;

use super::view::SeriesView;

/// A trailing return period, as the metrics table shows them.
///
/// Every return is a price return on the series' own closes `C` (no dividends), at `t`, the last
/// observation on or before the as-of date, as if the data ended there; a session is one row,
/// and a return needs positive closes. 1D and 5D count sessions back. 1M, 3M, 6M and 1Y take as
/// base the last close on or before the same calendar date n months or years earlier, the day
/// clamped to the end of that month (31 Mar − 1M → 28/29 Feb, 29 Feb − 1Y → 28 Feb); 3Y, 5Y and
/// 10Y take their base the same way and are annualised. A calendar period whose date lies before
/// the first observation is absent — the first close never stands in for its base. YTD starts
/// from the last close of the previous calendar year. Each variant's text is its tooltip,
/// [`Metric::definition`](super::Metric::definition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// 1D: `C_t / C_{t-1} − 1`, 1 session (row) back.
    D1,
    /// 5D: `C_t / C_{t-5} − 1`, 5 sessions (rows) back.
    D5,
    /// 1M: `C_t / C_base − 1`, base = the last close on or before the same calendar date 1
    /// month earlier (day clamped to the month's end: 31 Mar − 1M → 28/29 Feb). Absent when
    /// that date is before the first observation (the first close never stands in for the
    /// base).
    M1,
    /// 3M: `C_t / C_base − 1`, base = the last close on or before the same calendar date 3
    /// months earlier (day clamped to the month's end: 31 Mar − 1M → 28/29 Feb). Absent when
    /// that date is before the first observation (the first close never stands in for the
    /// base).
    M3,
    /// 6M: `C_t / C_base − 1`, base = the last close on or before the same calendar date 6
    /// months earlier (day clamped to the month's end: 31 Mar − 1M → 28/29 Feb). Absent when
    /// that date is before the first observation (the first close never stands in for the
    /// base).
    M6,
    /// YTD: `C_t / C_base − 1`, base = the last close of the previous calendar year (the last
    /// observation dated in t's year − 1). Absent when the previous calendar year has no
    /// observation: when the data starts in t's year, or skips the year before it.
    Ytd,
    /// 1Y: `C_t / C_base − 1`, base = the last close on or before the same calendar date 1 year
    /// earlier (day clamped to the month's end: 31 Mar − 1M → 28/29 Feb). Absent when that date
    /// is before the first observation (the first close never stands in for the base).
    Y1,
    /// 3Y: annualised, `(C_t / C_base)^(1/3) − 1`, base = the last close on or before the same
    /// calendar date 3 years earlier (day clamped to the month's end: 29 Feb − 3Y → 28 Feb).
    /// Absent when that date is before the first observation (the first close never stands in
    /// for the base).
    Y3,
    /// 5Y: annualised, `(C_t / C_base)^(1/5) − 1`, base = the last close on or before the same
    /// calendar date 5 years earlier (day clamped to the month's end: 29 Feb − 5Y → 28 Feb).
    /// Absent when that date is before the first observation (the first close never stands in
    /// for the base).
    Y5,
    /// 10Y: annualised, `(C_t / C_base)^(1/10) − 1`, base = the last close on or before the
    /// same calendar date 10 years earlier (day clamped to the month's end: 29 Feb − 10Y → 28
    /// Feb). Absent when that date is before the first observation (the first close never
    /// stands in for the base).
    Y10,
}

/// How a period finds its base close.
enum Base {
    Sessions(usize),
    Months(i32),
    PreviousYearEnd,
}

impl Period {
    /// Every period, in table order.
    pub const ALL: [Period; 10] = [
        Period::D1,
        Period::D5,
        Period::M1,
        Period::M3,
        Period::M6,
        Period::Ytd,
        Period::Y1,
        Period::Y3,
        Period::Y5,
        Period::Y10,
    ];

    /// The column label: `1D`, `5D`, `1M`, `3M`, `6M`, `YTD`, `1Y`, `3Y`, `5Y`, `10Y`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Period::D1 => "1D",
            Period::D5 => "5D",
            Period::M1 => "1M",
            Period::M3 => "3M",
            Period::M6 => "6M",
            Period::Ytd => "YTD",
            Period::Y1 => "1Y",
            Period::Y3 => "3Y",
            Period::Y5 => "5Y",
            Period::Y10 => "10Y",
        }
    }

    /// The number of years a multi-year return is annualised over (`None`: not annualised).
    #[must_use]
    pub fn annualised_years(self) -> Option<u32> {
        match self {
            Period::Y3 => Some(3),
            Period::Y5 => Some(5),
            Period::Y10 => Some(10),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn base(self) -> Base {
        match self {
            Period::D1 => Base::Sessions(1),
            Period::D5 => Base::Sessions(5),
            Period::M1 => Base::Months(1),
            Period::M3 => Base::Months(3),
            Period::M6 => Base::Months(6),
            Period::Ytd => Base::PreviousYearEnd,
            Period::Y1 => Base::Months(12),
            Period::Y3 => Base::Months(36),
            Period::Y5 => Base::Months(60),
            Period::Y10 => Base::Months(120),
        }
    }

    /// Index of the base session of this period in `view` (see [`Period`]): `t − n` for the
    /// session periods, the last close on or before the calendar date n months or years back,
    /// or the previous calendar year's last close; `None` when the data does not reach back
    /// that far (a period is never computed from a later base than its own) or, for YTD, when
    /// the previous calendar year has no observation.
    #[must_use]
    pub fn base_index(self, view: &SeriesView<'_>) -> Option<usize> {
        let t = view.t();
        match self.base() {
            Base::Sessions(n) => t.checked_sub(n),
            Base::Months(months) => view.index_on_or_before(view.t_date().minus_months(months)?),
            Base::PreviousYearEnd => {
                let year = view.t_date().year();
                let year_start = Date::from_ymd(year, 1, 1)?;
                let base = view
                    .dates()
                    .partition_point(|d| *d < year_start)
                    .checked_sub(1)?;
                // A close from an earlier year is not the previous year's last close: with no
                // observation in the previous calendar year there is no year-to-date base.
                (view.dates()[base].year() == year - 1).then_some(base)
            }
        }
    }
}

/// The return of one period at the view's as-of session `t`: `C_t / C_base − 1` from the base
/// of [`Period::base_index`], annualised as `(C_t / C_base)^(1/n) − 1` for 3Y, 5Y and 10Y (see
/// each [`Period`] for its exact definition). `None` when the base is absent or a close is not
/// positive.
#[must_use]
pub fn period_return(view: &SeriesView<'_>, period: Period) -> Option<f64> {
    let base = period.base_index(view)?;
    let simple = view.simple_return(base, view.t())?;
    Some(match period.annualised_years() {
        Some(years) => (simple + 1.0).powf(1.0 / f64::from(years)) - 1.0,
        None => simple,
    })
}

/// The trailing returns of every [`Period`], as fractions (0.105 = +10.5%).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Returns {
    values: [Option<f64>; 10],
}

impl Returns {
    /// Computes every period's return at the view's as-of session.
    #[must_use]
    pub fn compute(view: &SeriesView<'_>) -> Returns {
        let mut values = [None; 10];
        for period in Period::ALL {
            values[period.index()] = period_return(view, period);
        }
        Returns { values }
    }

    /// The changes of every [`Period`]. Change in basis points of a rate series:
    /// `(y_t − y_base) × 100` from the same base as the period's return, not annualised (a
    /// yield of 4.10% after 3.08% is +102 bp). Absent where that base is absent.
    #[must_use]
    pub fn changes_bp(view: &SeriesView<'_>) -> Returns {
        let mut values = [None; 10];
        let levels = view.values();
        for period in Period::ALL {
            values[period.index()] = period
                .base_index(view)
                .map(|base| (levels[view.t()] - levels[base]) * 100.0);
        }
        Returns { values }
    }

    /// The return of one period, `None` when absent.
    #[must_use]
    pub fn get(&self, period: Period) -> Option<f64> {
        self.values[period.index()]
    }

    /// Every period with its return, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (Period, Option<f64>)> + '_ {
        Period::ALL.into_iter().map(|p| (p, self.get(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::{d, daily, series};

    fn at(s: &crate::model::Series, as_of: &str) -> Returns {
        Returns::compute(&SeriesView::up_to(s, Some(d(as_of))).unwrap())
    }

    #[test]
    fn session_returns_count_rows_not_days() {
        // Gaps (weekends) do not matter: sessions are rows.
        let s = series(&[
            ("2024-01-02", 100.0),
            ("2024-01-03", 102.0),
            ("2024-01-08", 99.0),
            ("2024-01-09", 110.0),
            ("2024-01-10", 121.0),
            ("2024-01-12", 125.0),
            ("2024-01-16", 150.0),
        ]);
        let r = at(&s, "2024-01-31");
        assert_eq!(r.get(Period::D1), Some(150.0 / 125.0 - 1.0));
        assert_eq!(r.get(Period::D5), Some(150.0 / 102.0 - 1.0));
        let early = at(&s, "2024-01-10");
        assert_eq!(early.get(Period::D1), Some(121.0 / 110.0 - 1.0));
        assert_eq!(early.get(Period::D5), None);
    }

    #[test]
    fn month_base_clamps_to_month_end_in_leap_and_common_years() {
        // 31 Mar 2024 − 1M = 29 Feb 2024 (leap); the base is the close on or before it.
        let s = series(&[
            ("2024-02-28", 90.0),
            ("2024-02-29", 100.0),
            ("2024-03-01", 105.0),
            ("2024-03-28", 110.0),
        ]);
        assert_eq!(
            Period::M1.base_index(&SeriesView::up_to(&s, None).unwrap()),
            Some(0)
        );
        let s = series(&[
            ("2024-02-28", 90.0),
            ("2024-02-29", 100.0),
            ("2024-03-01", 105.0),
            ("2024-03-31", 120.0),
        ]);
        assert_eq!(
            at(&s, "2024-03-31").get(Period::M1),
            Some(120.0 / 100.0 - 1.0)
        );
        let s = series(&[
            ("2023-02-27", 80.0),
            ("2023-02-28", 100.0),
            ("2023-03-01", 105.0),
            ("2023-03-31", 130.0),
        ]);
        assert_eq!(
            at(&s, "2023-03-31").get(Period::M1),
            Some(130.0 / 100.0 - 1.0)
        );
    }

    #[test]
    fn one_year_back_from_a_leap_day_uses_28_february() {
        let s = series(&[
            ("2023-02-27", 80.0),
            ("2023-02-28", 100.0),
            ("2023-03-01", 90.0),
            ("2024-02-29", 150.0),
        ]);
        assert_eq!(at(&s, "2024-02-29").get(Period::Y1), Some(0.5));
    }

    #[test]
    fn a_base_before_the_first_observation_is_absent() {
        let s = series(&[("2024-01-15", 100.0), ("2024-02-14", 110.0)]);
        let r = at(&s, "2024-02-14");
        assert_eq!(
            r.get(Period::M1),
            None,
            "base date 2024-01-14 precedes the data"
        );
        let s = series(&[("2024-01-14", 100.0), ("2024-02-14", 110.0)]);
        let r = at(&s, "2024-02-14");
        assert!((r.get(Period::M1).unwrap() - 0.1).abs() < 1e-15);
    }

    #[test]
    fn ytd_uses_the_previous_years_last_close_and_is_absent_for_a_mid_year_start() {
        let s = series(&[
            ("2023-12-28", 90.0),
            ("2023-12-29", 100.0),
            ("2024-01-02", 101.0),
            ("2024-06-28", 117.0),
        ]);
        let r = at(&s, "2024-06-30");
        assert!((r.get(Period::Ytd).unwrap() - 0.17).abs() < 1e-15);
        let mid_year = series(&[("2024-03-01", 100.0), ("2024-06-28", 117.0)]);
        assert_eq!(at(&mid_year, "2024-06-28").get(Period::Ytd), None);
    }

    #[test]
    fn ytd_is_absent_when_the_previous_calendar_year_has_no_close() {
        // Data in 2022, none in 2023, t in 2024: the 2022 close is not the base.
        let s = series(&[
            ("2022-06-30", 80.0),
            ("2022-12-30", 100.0),
            ("2024-01-02", 120.0),
            ("2024-06-28", 150.0),
        ]);
        let r = at(&s, "2024-06-28");
        assert_eq!(r.get(Period::Ytd), None);
        // The calendar periods still look back to their own dates: 1Y from 2023-06-28 finds
        // the 2022-12-30 close.
        assert_eq!(r.get(Period::Y1), Some(0.5));
        // As of 2023 the previous year is 2022, which has a last close.
        let s = series(&[
            ("2022-12-30", 100.0),
            ("2023-12-29", 130.0),
            ("2024-01-02", 120.0),
        ]);
        assert!((at(&s, "2023-12-31").get(Period::Ytd).unwrap() - 0.3).abs() < 1e-15);
        assert!(
            (at(&s, "2024-01-02").get(Period::Ytd).unwrap() - (120.0 / 130.0 - 1.0)).abs() < 1e-15
        );
    }

    #[test]
    fn multi_year_returns_are_annualised() {
        let s = series(&[
            ("2014-06-30", 100.0),
            ("2019-06-28", 150.0),
            ("2021-06-30", 200.0),
            ("2024-06-28", 800.0),
        ]);
        let r = at(&s, "2024-06-28");
        // 10Y: base 2014-06-28 falls before the first close → absent.
        assert_eq!(r.get(Period::Y10), None);
        // 5Y: base = last close on or before 2019-06-28.
        let expected_5y = (800.0f64 / 150.0).powf(0.2) - 1.0;
        assert_eq!(r.get(Period::Y5), Some(expected_5y));
        // 3Y: base on or before 2021-06-28 is 2019-06-28 (the 2021-06-30 close is later).
        let expected_3y = (800.0f64 / 150.0).powf(1.0 / 3.0) - 1.0;
        assert_eq!(r.get(Period::Y3), Some(expected_3y));
        let s = series(&[("2014-06-27", 100.0), ("2024-06-28", 400.0)]);
        let r = at(&s, "2024-06-28");
        assert_eq!(r.get(Period::Y10), Some(4.0f64.powf(0.1) - 1.0));
    }

    #[test]
    fn a_single_observation_has_no_returns() {
        let s = series(&[("2024-01-02", 100.0)]);
        let r = at(&s, "2024-01-02");
        assert!(r.iter().all(|(_, v)| v.is_none()));
    }

    #[test]
    fn non_positive_values_give_no_return() {
        let s = daily("2024-01-01", &[1.0, -0.5, 0.0, 0.4]);
        let r = at(&s, "2024-01-04");
        assert_eq!(r.get(Period::D1), None);
        let s = daily("2024-01-01", &[0.2, -0.5, 0.3, 0.4]);
        let r = at(&s, "2024-01-04");
        assert!((r.get(Period::D1).unwrap() - (0.4 / 0.3 - 1.0)).abs() < 1e-15);
    }

    #[test]
    fn labels_follow_table_order() {
        let labels: Vec<&str> = Period::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            ["1D", "5D", "1M", "3M", "6M", "YTD", "1Y", "3Y", "5Y", "10Y"]
        );
    }
}
