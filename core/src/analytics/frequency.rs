//! How often a series is observed — daily, weekly, monthly, quarterly or yearly — inferred from
//! the spacing of its observations over the last year. Volatility is annualised by it, and the
//! findings speak of sessions and one-day moves only for daily data.

use crate::model::Date;

use super::returns::Period;
use super::view::SeriesView;
use super::volatility::SESSIONS_PER_YEAR;

/// The observation frequency of a series.
///
/// Inferred from the median number of calendar days between consecutive observations (the mean
/// of the two middle gaps when their count is even): under 4 days daily (trading days with
/// weekends and holidays have a median gap of 1), under 15 weekly, under 53 monthly, under 183
/// quarterly, else yearly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Frequency {
    /// One observation per trading session.
    Daily,
    /// One observation per week.
    Weekly,
    /// One observation per month.
    Monthly,
    /// One observation per quarter.
    Quarterly,
    /// One observation per year.
    Yearly,
}

impl Frequency {
    /// Every frequency, from the most to the least frequent.
    pub const ALL: [Frequency; 5] = [
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Yearly,
    ];

    /// Observations per year, the square of the volatility's annualisation factor: 252 trading
    /// sessions, 52 weeks, 12 months, 4 quarters or 1 year.
    #[must_use]
    pub fn periods_per_year(self) -> f64 {
        match self {
            Frequency::Daily => SESSIONS_PER_YEAR,
            Frequency::Weekly => 52.0,
            Frequency::Monthly => 12.0,
            Frequency::Quarterly => 4.0,
            Frequency::Yearly => 1.0,
        }
    }

    /// The annualisation factor as written in definitions: `√252`, `√52`, `√12`, `√4`, `√1`.
    #[must_use]
    pub fn annualisation(self) -> String {
        format!("√{}", self.periods_per_year())
    }

    /// `daily`, `weekly`, `monthly`, `quarterly` or `yearly`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Yearly => "yearly",
        }
    }

    /// The frequency whose range holds a median gap of `twice_median_days / 2` calendar days.
    /// Twice the median is a whole number of days even when it is the mean of two middle gaps,
    /// so the bounds are compared exactly.
    fn from_twice_median_gap(twice_median_days: i64) -> Frequency {
        match twice_median_days {
            ..8 => Frequency::Daily,
            8..30 => Frequency::Weekly,
            30..106 => Frequency::Monthly,
            106..366 => Frequency::Quarterly,
            _ => Frequency::Yearly,
        }
    }

    /// The frequency of strictly increasing `dates` from their median gap (see [`Frequency`]);
    /// `None` with fewer than two dates.
    #[must_use]
    pub fn of_dates(dates: &[Date]) -> Option<Frequency> {
        let mut gaps: Vec<i64> = dates
            .windows(2)
            .map(|pair| i64::from(pair[1].day_number()) - i64::from(pair[0].day_number()))
            .collect();
        if gaps.is_empty() {
            return None;
        }
        let count = gaps.len();
        // The upper middle gap (the middle one when the count is odd), without sorting.
        let (below, upper, _) = gaps.select_nth_unstable(count / 2);
        let upper = *upper;
        let twice_median = if count % 2 == 1 {
            2 * upper
        } else {
            // The lower middle gap is the largest of those below the upper one.
            upper + below.iter().copied().max().unwrap_or(upper)
        };
        Some(Frequency::from_twice_median_gap(twice_median))
    }

    /// The frequency of a series at its as-of session, from the observations the 1Y return
    /// spans (the 1Y base session up to `t`), or from all of them when the data covers less
    /// than a year; `None` with a single observation.
    #[must_use]
    pub fn of_view(view: &SeriesView<'_>) -> Option<Frequency> {
        let start = Period::Y1.base_index(view).unwrap_or(0);
        Frequency::of_dates(&view.dates()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::view::tests::d;

    fn of(dates: &[&str]) -> Option<Frequency> {
        let dates: Vec<Date> = dates.iter().map(|text| d(text)).collect();
        Frequency::of_dates(&dates)
    }

    #[test]
    fn trading_days_with_weekends_and_holidays_are_daily() {
        // Gaps 1, 1, 4 (a long weekend), 1, 1, 3: median 1.
        assert_eq!(
            of(&[
                "2024-05-22",
                "2024-05-23",
                "2024-05-24",
                "2024-05-28",
                "2024-05-29",
                "2024-05-30",
                "2024-06-02",
            ]),
            Some(Frequency::Daily)
        );
    }

    #[test]
    fn month_ends_weeks_and_quarters_are_recognised() {
        assert_eq!(
            of(&["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]),
            Some(Frequency::Monthly)
        );
        assert_eq!(
            of(&["2024-01-05", "2024-01-12", "2024-01-19", "2024-01-26"]),
            Some(Frequency::Weekly)
        );
        assert_eq!(
            of(&["2023-03-31", "2023-06-30", "2023-09-29", "2023-12-29"]),
            Some(Frequency::Quarterly)
        );
        assert_eq!(
            of(&["2021-12-31", "2022-12-30", "2023-12-29"]),
            Some(Frequency::Yearly)
        );
        assert_eq!(of(&["2024-01-31"]), None);
        assert_eq!(of(&[]), None);
    }

    #[test]
    fn an_even_number_of_gaps_takes_the_mean_of_the_middle_two() {
        // Gaps 1, 3, 4, 30: median (3 + 4) / 2 = 3.5 days, under 4: daily.
        assert_eq!(
            of(&[
                "2024-01-01",
                "2024-01-02",
                "2024-01-05",
                "2024-01-09",
                "2024-02-08"
            ]),
            Some(Frequency::Daily)
        );
        // Gaps 1, 4, 4, 30: median 4 days: weekly.
        assert_eq!(
            of(&[
                "2024-01-01",
                "2024-01-02",
                "2024-01-06",
                "2024-01-10",
                "2024-02-09"
            ]),
            Some(Frequency::Weekly)
        );
    }

    #[test]
    fn the_written_factor_is_the_root_of_the_periods_per_year() {
        let written: Vec<String> = Frequency::ALL
            .iter()
            .map(|frequency| frequency.annualisation())
            .collect();
        assert_eq!(written, ["√252", "√52", "√12", "√4", "√1"]);
        assert_eq!(Frequency::Daily.periods_per_year(), 252.0);
        assert_eq!(Frequency::Monthly.label(), "monthly");
    }

    #[test]
    fn the_bounds_between_frequencies() {
        let at = |days: i64| Frequency::from_twice_median_gap(2 * days);
        assert_eq!(at(3), Frequency::Daily);
        assert_eq!(at(4), Frequency::Weekly);
        assert_eq!(at(14), Frequency::Weekly);
        assert_eq!(at(15), Frequency::Monthly);
        assert_eq!(at(52), Frequency::Monthly);
        assert_eq!(at(53), Frequency::Quarterly);
        assert_eq!(at(182), Frequency::Quarterly);
        assert_eq!(at(183), Frequency::Yearly);
    }

    #[test]
    fn a_view_is_judged_on_its_last_year() {
        // Monthly through 2022, then every calendar day of 2023: daily as of 2023-12-31.
        let mut dates: Vec<Date> = (1..=12)
            .map(|m| Date::from_ymd(2022, m, 1).unwrap())
            .collect();
        let mut day = d("2023-01-01");
        while day <= d("2023-12-31") {
            dates.push(day);
            day = day.plus_days(1).unwrap();
        }
        let values = vec![100.0; dates.len()];
        let s = crate::model::Series::new(
            "X",
            crate::model::SeriesKind::Price,
            crate::model::Source::default(),
            dates,
            values,
        )
        .unwrap();
        let view = SeriesView::up_to(&s, None).unwrap();
        assert_eq!(Frequency::of_view(&view), Some(Frequency::Daily));
        // As of 2022-12-01, less than a year of data: all of it, monthly.
        let early = SeriesView::up_to(&s, Some(d("2022-12-01"))).unwrap();
        assert_eq!(Frequency::of_view(&early), Some(Frequency::Monthly));
    }
}
