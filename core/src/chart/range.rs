//! The concrete dates a chart range stands for: a preset (5D … Max) ends at the as-of date and
//! starts where the metric of the same name takes its base close, so a rebased line ends at
//! that metric's return; a custom range is taken as given.

use crate::model::Date;
use crate::workspace::{ChartRange, RangePreset};

/// A span of dates, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateSpan {
    /// The first date shown.
    pub from: Date,
    /// The last date shown.
    pub to: Date,
}

impl DateSpan {
    /// The span as chart x coordinates (day numbers).
    #[must_use]
    pub fn x_range(self) -> (f64, f64) {
        (
            f64::from(self.from.day_number()),
            f64::from(self.to.day_number()),
        )
    }
}

/// Resolves `range` against the dates of the series a chart draws (`dates`, one slice per
/// series, each strictly increasing) and the as-of date.
///
/// A preset ends at `to`, the as-of date (the latest date in the data when `None` or later),
/// and starts, in the densest series (the most observations up to `to`), at:
/// - 5D: the session five sessions before `to`'s last session;
/// - 1M, 3M, 6M, 1Y, 5Y, 10Y: the last session on or before the same calendar date that many
///   months or years earlier (`Date::minus_months` / `minus_years`; the calendar date itself
///   when the data starts later);
/// - YTD: the previous year's last session (1 January when the data starts in `to`'s year);
/// - Max: the earliest date of any series.
///
/// A custom range is returned as given, ends in order. `None` when no series has a date.
#[must_use]
pub fn resolve_range(
    range: ChartRange,
    dates: &[&[Date]],
    as_of: Option<Date>,
) -> Option<DateSpan> {
    let earliest = dates.iter().filter_map(|d| d.first()).min().copied()?;
    let latest = dates.iter().filter_map(|d| d.last()).max().copied()?;
    let preset = match range {
        ChartRange::Custom { from, to } => {
            return Some(DateSpan {
                from: from.min(to),
                to: from.max(to),
            });
        }
        ChartRange::Preset(preset) => preset,
    };
    let to = as_of.map_or(latest, |date| date.min(latest));
    let densest = densest_before(dates, to);
    let last_on_or_before = |date: Date| -> Option<Date> {
        let count = densest.partition_point(|d| *d <= date);
        count.checked_sub(1).map(|index| densest[index])
    };
    let months_back = |months: i32| -> Date {
        to.minus_months(months).map_or(earliest, |target| {
            last_on_or_before(target).unwrap_or(target)
        })
    };
    let from = match preset {
        RangePreset::FiveDays => {
            let sessions = densest.partition_point(|d| *d <= to);
            sessions
                .checked_sub(1)
                .map_or(to, |t| densest[t.saturating_sub(5)])
        }
        RangePreset::OneMonth => months_back(1),
        RangePreset::ThreeMonths => months_back(3),
        RangePreset::SixMonths => months_back(6),
        RangePreset::OneYear => months_back(12),
        RangePreset::FiveYears => months_back(60),
        RangePreset::TenYears => months_back(120),
        RangePreset::YearToDate => {
            let year_start = Date::from_ymd(to.year(), 1, 1).unwrap_or(earliest);
            let before = densest.partition_point(|d| *d < year_start);
            before
                .checked_sub(1)
                .map_or(year_start, |index| densest[index])
        }
        RangePreset::Max => earliest,
    };
    Some(DateSpan {
        from: from.min(to),
        to,
    })
}

/// The dates of the series with the most observations on or before `to` (the first on a tie).
fn densest_before<'a>(dates: &[&'a [Date]], to: Date) -> &'a [Date] {
    let mut best: &[Date] = &[];
    let mut best_count = 0;
    for column in dates {
        let count = column.partition_point(|d| *d <= to);
        if count > best_count {
            best = column;
            best_count = count;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    /// Weekdays from `start` to `end`.
    fn weekdays(start: &str, end: &str) -> Vec<Date> {
        let (start, end) = (d(start), d(end));
        (start.day_number()..=end.day_number())
            .filter_map(Date::from_day_number)
            // 1970-01-05 was a Monday.
            .filter(|date| (date.day_number() - 4).rem_euclid(7) < 5)
            .collect()
    }

    fn preset(preset: RangePreset, dates: &[&[Date]], as_of: Option<Date>) -> DateSpan {
        resolve_range(ChartRange::Preset(preset), dates, as_of).unwrap()
    }

    #[test]
    fn five_days_starts_five_sessions_back_in_the_densest_series() {
        let daily = weekdays("2024-01-01", "2024-03-29");
        let monthly = [d("2023-12-01"), d("2024-01-01"), d("2024-02-01")];
        let span = preset(RangePreset::FiveDays, &[&monthly, &daily], None);
        // 2024-03-29 is a Friday; five sessions back is Friday 2024-03-22.
        assert_eq!(span.to, d("2024-03-29"));
        assert_eq!(span.from, d("2024-03-22"));
        let span = preset(RangePreset::FiveDays, &[&daily], Some(d("2024-03-10")));
        // As of Sunday 10 March: t = Friday 8 March, five sessions back = Friday 1 March.
        assert_eq!(span.to, d("2024-03-10"));
        assert_eq!(span.from, d("2024-03-01"));
    }

    #[test]
    fn calendar_presets_take_the_last_session_on_or_before_the_same_date() {
        let daily = weekdays("2019-01-01", "2024-03-29");
        let one_month = preset(RangePreset::OneMonth, &[&daily], None);
        // 29 Feb 2024 was a Thursday.
        assert_eq!(one_month.from, d("2024-02-29"));
        let three = preset(RangePreset::ThreeMonths, &[&daily], None);
        // 29 Dec 2023 was a Friday.
        assert_eq!(three.from, d("2023-12-29"));
        let six = preset(RangePreset::SixMonths, &[&daily], None);
        // 29 Sep 2023 was a Friday.
        assert_eq!(six.from, d("2023-09-29"));
        let year = preset(RangePreset::OneYear, &[&daily], Some(d("2024-03-31")));
        // As of Sunday 31 March 2024: to is clamped to the data; 29 March 2023 was a Wednesday.
        assert_eq!(year.to, d("2024-03-29"));
        assert_eq!(year.from, d("2023-03-29"));
        let five = preset(RangePreset::FiveYears, &[&daily], None);
        assert_eq!(five.from, d("2019-03-29"));
        // The data starts after ten years back: the calendar date itself.
        let ten = preset(RangePreset::TenYears, &[&daily], None);
        assert_eq!(ten.from, d("2014-03-29"));
    }

    #[test]
    fn month_end_clamping_follows_the_calendar() {
        let daily = weekdays("2023-01-02", "2023-05-31");
        let span = preset(RangePreset::ThreeMonths, &[&daily], Some(d("2023-05-31")));
        // 31 May − 3 months = 28 Feb 2023 (a Tuesday).
        assert_eq!(span.from, d("2023-02-28"));
    }

    #[test]
    fn year_to_date_starts_at_the_previous_years_last_session() {
        let daily = weekdays("2023-06-01", "2024-03-29");
        let span = preset(RangePreset::YearToDate, &[&daily], None);
        assert_eq!(span.from, d("2023-12-29"));
        let young = weekdays("2024-01-02", "2024-03-29");
        let span = preset(RangePreset::YearToDate, &[&young], None);
        assert_eq!(span.from, d("2024-01-01"));
    }

    #[test]
    fn max_starts_at_the_earliest_date_of_any_series() {
        let a = [d("2001-05-01"), d("2020-01-01")];
        let b = [d("1999-12-31"), d("2000-01-03")];
        let span = preset(RangePreset::Max, &[&a, &b], None);
        assert_eq!(span.from, d("1999-12-31"));
        assert_eq!(span.to, d("2020-01-01"));
        assert_eq!(
            span.x_range(),
            (
                f64::from(d("1999-12-31").day_number()),
                f64::from(d("2020-01-01").day_number())
            )
        );
    }

    #[test]
    fn custom_ranges_are_taken_as_given_in_order() {
        let a = [d("2001-05-01"), d("2020-01-01")];
        let range = ChartRange::Custom {
            from: d("2015-02-03"),
            to: d("2010-01-04"),
        };
        let span = resolve_range(range, &[&a], Some(d("2012-01-01"))).unwrap();
        assert_eq!(span.from, d("2010-01-04"));
        assert_eq!(span.to, d("2015-02-03"));
    }

    #[test]
    fn no_dates_no_span() {
        assert_eq!(
            resolve_range(ChartRange::Preset(RangePreset::Max), &[], None),
            None
        );
        let empty: [Date; 0] = [];
        assert_eq!(
            resolve_range(ChartRange::Preset(RangePreset::OneYear), &[&empty], None),
            None
        );
    }
}
