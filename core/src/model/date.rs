//! Calendar dates without a time zone, stored as a day number so that columns of millions of
//! dates stay compact, sort as integers and turn into chart coordinates without conversion.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A proleptic Gregorian calendar date, stored as the number of days since 1970-01-01.
///
/// Only dates from year 1 to 9999 can be built, so every `Date` formats as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// The first and last years a [`Date`] can hold.
pub const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1..=9999;

impl Date {
    /// Builds a date from year, month (1–12) and day (1–31); `None` when it does not exist.
    #[must_use]
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !YEAR_RANGE.contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Builds a date from its day number (days since 1970-01-01); `None` outside years 1–9999.
    #[must_use]
    pub fn from_day_number(days: i32) -> Option<Date> {
        (FIRST_DAY..=LAST_DAY).contains(&days).then_some(Date(days))
    }

    /// Days since 1970-01-01 (negative before it).
    #[must_use]
    pub fn day_number(self) -> i32 {
        self.0
    }

    /// The date as (year, month, day).
    #[must_use]
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// The calendar year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The month, 1–12.
    #[must_use]
    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// The day of the month, 1–31.
    #[must_use]
    pub fn day(self) -> u32 {
        self.ymd().2
    }

    /// The same calendar day `months` months earlier (or later, when negative), with the day
    /// clamped to the end of the target month: 31 March minus one month is 28 or 29 February.
    #[must_use]
    pub fn minus_months(self, months: i32) -> Option<Date> {
        let (year, month, day) = self.ymd();
        let index = year * 12 + (month as i32 - 1) - months;
        let target_year = index.div_euclid(12);
        let target_month = (index.rem_euclid(12) + 1) as u32;
        if !YEAR_RANGE.contains(&target_year) {
            return None;
        }
        let target_day = day.min(days_in_month(target_year, target_month));
        Date::from_ymd(target_year, target_month, target_day)
    }

    /// The same calendar day `years` years earlier, 29 February clamped to 28 February.
    #[must_use]
    pub fn minus_years(self, years: i32) -> Option<Date> {
        self.minus_months(years.checked_mul(12)?)
    }

    /// The date `days` days later (earlier when negative).
    #[must_use]
    pub fn plus_days(self, days: i32) -> Option<Date> {
        Date::from_day_number(self.0.checked_add(days)?)
    }

    /// Parses `YYYY-MM-DD` exactly (the form [`Date`] prints and the workspace stores).
    #[must_use]
    pub fn parse_iso(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits(&bytes[0..4])?;
        let month = digits(&bytes[5..7])?;
        let day = digits(&bytes[8..10])?;
        Date::from_ymd(year as i32, month, day)
    }

    /// Today's date in UTC, from the computer's clock (at most a day off the local date, which
    /// is all the importer's "date in the future" check needs).
    #[must_use]
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let days = i32::try_from(seconds / 86_400).unwrap_or(0);
        Date::from_day_number(days).unwrap_or(Date(0))
    }
}

/// The day numbers of 0001-01-01 and 9999-12-31.
const FIRST_DAY: i32 = -719_162;
const LAST_DAY: i32 = 2_932_896;

/// Number of days in `month` of `year` (Gregorian leap years).
#[must_use]
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `year` has a 29 February.
#[must_use]
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

// Howard Hinnant's `days_from_civil`: exact for the whole proleptic Gregorian calendar.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if month <= 2 { y + 1 } else { y }, month, day)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse_iso(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a YYYY-MM-DD date, found {text:?}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_number_range_matches_the_year_range() {
        assert_eq!(
            Date::from_ymd(1, 1, 1).map(Date::day_number),
            Some(FIRST_DAY)
        );
        assert_eq!(
            Date::from_ymd(9999, 12, 31).map(Date::day_number),
            Some(LAST_DAY)
        );
        assert_eq!(Date::from_day_number(FIRST_DAY - 1), None);
        assert_eq!(Date::from_day_number(LAST_DAY + 1), None);
    }

    #[test]
    fn epoch_is_day_zero() {
        assert_eq!(Date::from_ymd(1970, 1, 1).map(Date::day_number), Some(0));
        assert_eq!(
            Date::from_ymd(2000, 3, 1).map(Date::day_number),
            Some(11_017)
        );
        assert_eq!(Date::from_ymd(1969, 12, 31).map(Date::day_number), Some(-1));
    }

    #[test]
    fn round_trips_every_day_of_four_centuries() {
        let start = Date::from_ymd(1800, 1, 1).map_or(0, Date::day_number);
        for n in start..start + 146_097 {
            let (y, m, d) = civil_from_days(n);
            assert_eq!(days_from_civil(y, m, d), n);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::from_ymd(2023, 2, 29), None);
        assert!(Date::from_ymd(2024, 2, 29).is_some());
        assert_eq!(Date::from_ymd(1900, 2, 29), None);
        assert!(Date::from_ymd(2000, 2, 29).is_some());
        assert_eq!(Date::from_ymd(2024, 13, 1), None);
        assert_eq!(Date::from_ymd(2024, 4, 31), None);
        assert_eq!(Date::from_ymd(0, 1, 1), None);
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        let d = |y, m, dd| Date::from_ymd(y, m, dd);
        assert_eq!(
            d(2024, 3, 31).and_then(|x| x.minus_months(1)),
            d(2024, 2, 29)
        );
        assert_eq!(
            d(2023, 3, 31).and_then(|x| x.minus_months(1)),
            d(2023, 2, 28)
        );
        assert_eq!(
            d(2024, 1, 15).and_then(|x| x.minus_months(3)),
            d(2023, 10, 15)
        );
        assert_eq!(
            d(2024, 2, 29).and_then(|x| x.minus_years(1)),
            d(2023, 2, 28)
        );
        assert_eq!(
            d(2024, 5, 31).and_then(|x| x.minus_months(-1)),
            d(2024, 6, 30)
        );
    }

    #[test]
    fn formats_and_parses_iso() {
        let date = Date::from_ymd(1871, 1, 1);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("1871-01-01"));
        assert_eq!(Date::parse_iso("1871-01-01"), date);
        assert_eq!(Date::parse_iso("1871-1-01"), None);
        assert_eq!(Date::parse_iso("2023-02-29"), None);
    }
}
