//! The date formats found in downloaded price files, and parsing one cell in a given format.
//! Which format a column uses is decided elsewhere (from the whole column); this module only
//! answers "does this cell read as a date in format F, and which date", and which separator a
//! cell writes between the parts of its date, so that what is reported is the file's own
//! pattern (`DD.MM.YYYY`, `YYYY/MM/DD`) and not just the order of day, month and year.

use std::fmt;

use crate::model::{Date, DateFormat};

impl DateFormat {
    /// Every format, in the order detection tries them.
    pub const ALL: [DateFormat; 9] = [
        DateFormat::YearMonthDay,
        DateFormat::MonthDayYear,
        DateFormat::DayMonthYear,
        DateFormat::MonthNameDayYear,
        DateFormat::DayMonthNameYear,
        DateFormat::MonthNameYear,
        DateFormat::YearMonth,
        DateFormat::Compact,
        DateFormat::DecimalYearMonth,
    ];

    /// The patterns a user recognises, every separator the format reads named: the format
    /// reads them all. (A file's own pattern is [`DatePattern::label`].)
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DateFormat::YearMonthDay => "YYYY-MM-DD, YYYY/MM/DD or YYYY.MM.DD",
            DateFormat::MonthDayYear => "MM/DD/YYYY, MM-DD-YYYY or MM.DD.YYYY",
            DateFormat::DayMonthYear => "DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY",
            DateFormat::Compact => "YYYYMMDD",
            DateFormat::MonthNameDayYear => "Mon DD, YYYY",
            DateFormat::DayMonthNameYear => "DD-Mon-YYYY or DD Mon YYYY",
            DateFormat::MonthNameYear => "Mon YY (monthly)",
            DateFormat::YearMonth => "YYYY-MM or YYYY/MM (monthly)",
            DateFormat::DecimalYearMonth => "YYYY.MM (monthly, decimal year-month)",
        }
    }

    /// The separators this format reads between the parts of a date; empty for formats
    /// written one way only (`20240719`, `Jul 19, 2024`, `1871.01`).
    #[must_use]
    pub fn separators(self) -> &'static [DateSeparator] {
        use DateSeparator::{Dash, Dot, Slash, Space};
        match self {
            DateFormat::YearMonthDay | DateFormat::MonthDayYear | DateFormat::DayMonthYear => {
                &[Dash, Slash, Dot, Space]
            }
            DateFormat::DayMonthNameYear => &[Dash, Space, Slash, Dot],
            DateFormat::YearMonth => &[Dash, Slash],
            DateFormat::Compact
            | DateFormat::MonthNameDayYear
            | DateFormat::MonthNameYear
            | DateFormat::DecimalYearMonth => &[],
        }
    }

    /// The separator `cell` writes between the parts of its date, if this format has a choice
    /// of them and the cell makes one.
    #[must_use]
    pub fn separator_in(self, cell: &str) -> Option<DateSeparator> {
        if self.separators().is_empty() {
            return None;
        }
        let date_part = strip_time(cell.trim())?;
        let c = date_part.chars().find(|c| !c.is_ascii_alphanumeric())?;
        DateSeparator::from_char(c).filter(|s| self.separators().contains(s))
    }

    /// This format as written with `separator`.
    #[must_use]
    pub fn with_separator(self, separator: DateSeparator) -> DatePattern {
        DatePattern {
            format: self,
            separator: self.separators().contains(&separator).then_some(separator),
        }
    }

    /// Formats that a plain number could also match (`20240719`, `1871.01`): detection only
    /// uses them for a column whose header says it holds dates, or the first column.
    #[must_use]
    pub fn could_be_a_number(self) -> bool {
        matches!(self, DateFormat::Compact | DateFormat::DecimalYearMonth)
    }

    /// Whether day and month are both numbers whose order must be decided from the column.
    #[must_use]
    pub fn has_numeric_day_and_month(self) -> bool {
        matches!(self, DateFormat::MonthDayYear | DateFormat::DayMonthYear)
    }

    /// Reads `cell` as a date in this format; `None` when it does not fit.
    #[must_use]
    pub fn parse(self, cell: &str) -> Option<Date> {
        // The common `2024-07-19` needs no trimming.
        if self == DateFormat::YearMonthDay
            && let Some(date) = parse_iso_fast(cell.as_bytes())
        {
            return Some(date);
        }
        let cell = cell.trim();
        if self == DateFormat::YearMonthDay
            && let Some(date) = parse_iso_fast(cell.as_bytes())
        {
            return Some(date);
        }
        let date_part = strip_time(cell)?;
        match self {
            DateFormat::YearMonthDay => {
                let [year, month, day] = numeric_parts(date_part)?;
                if year.1 != 4 {
                    return None;
                }
                Date::from_ymd(year.0 as i32, month.0, day.0)
            }
            DateFormat::MonthDayYear | DateFormat::DayMonthYear => {
                let [first, second, year] = numeric_parts(date_part)?;
                let year = full_year(year)?;
                let (month, day) = if self == DateFormat::MonthDayYear {
                    (first.0, second.0)
                } else {
                    (second.0, first.0)
                };
                Date::from_ymd(year, month, day)
            }
            DateFormat::Compact => {
                // `19991110.0`: a `YYYYMMDD` column that went through a float.
                let date_part = date_part
                    .strip_suffix(".0")
                    .or_else(|| date_part.strip_suffix(".00"))
                    .unwrap_or(date_part);
                let bytes = date_part.as_bytes();
                if bytes.len() != 8 || !bytes.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                let number = |range: std::ops::Range<usize>| date_part[range].parse::<u32>().ok();
                let year = number(0..4)? as i32;
                if !(1600..=2200).contains(&year) {
                    return None;
                }
                Date::from_ymd(year, number(4..6)?, number(6..8)?)
            }
            DateFormat::MonthNameDayYear => {
                let words = words(date_part);
                let [month, day, year] = words.as_slice() else {
                    return None;
                };
                Date::from_ymd(
                    full_year(number_word(year)?)?,
                    month_number(month)?,
                    number_word(day)?.0,
                )
            }
            DateFormat::DayMonthNameYear => {
                let words = words(date_part);
                let [day, month, year] = words.as_slice() else {
                    return None;
                };
                Date::from_ymd(
                    full_year(number_word(year)?)?,
                    month_number(month)?,
                    number_word(day)?.0,
                )
            }
            DateFormat::MonthNameYear => {
                let words = words(date_part);
                let [month, year] = words.as_slice() else {
                    return None;
                };
                Date::from_ymd(full_year(number_word(year)?)?, month_number(month)?, 1)
            }
            DateFormat::YearMonth => {
                let (year, month) = split_two(date_part, &['-', '/'])?;
                if year.len() != 4 || month.is_empty() || month.len() > 2 {
                    return None;
                }
                Date::from_ymd(year.parse().ok()?, month.parse().ok()?, 1)
            }
            DateFormat::DecimalYearMonth => {
                let (year, month) = split_two(date_part, &['.'])?;
                if year.len() != 4 {
                    return None;
                }
                let month: u32 = match month {
                    "1" => 10,
                    two if two.len() == 2 => two.parse().ok()?,
                    _ => return None,
                };
                let year: i32 = year.parse().ok()?;
                if !(1600..=2200).contains(&year) {
                    return None;
                }
                Date::from_ymd(year, month, 1)
            }
        }
    }

    /// For `MonthDayYear`/`DayMonthYear` cells, the first two numbers as written (used to decide
    /// the order from a whole column: a first number above 12 can only be a day).
    #[must_use]
    pub fn leading_pair(cell: &str) -> Option<(u32, u32)> {
        let [first, second, year] = numeric_parts(strip_time(cell.trim())?)?;
        full_year(year)?;
        (first.1 <= 2 && second.1 <= 2).then_some((first.0, second.0))
    }
}

/// The character between the parts of a date (`2024-07-19`, `19.07.2024`, `19 Jul 2024`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateSeparator {
    /// `-`
    Dash,
    /// `/`
    Slash,
    /// `.`
    Dot,
    /// a space
    Space,
}

impl DateSeparator {
    /// The character.
    #[must_use]
    pub fn char(self) -> char {
        match self {
            DateSeparator::Dash => '-',
            DateSeparator::Slash => '/',
            DateSeparator::Dot => '.',
            DateSeparator::Space => ' ',
        }
    }

    fn from_char(c: char) -> Option<DateSeparator> {
        match c {
            '-' => Some(DateSeparator::Dash),
            '/' => Some(DateSeparator::Slash),
            '.' => Some(DateSeparator::Dot),
            ' ' => Some(DateSeparator::Space),
            _ => None,
        }
    }
}

/// How a file writes its dates: the format, and the separator the file uses where the format
/// reads several (`DD.MM.YYYY` rather than just "day, month, year").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DatePattern {
    /// The format, which is what a user pins and what reads the cells.
    pub format: DateFormat,
    /// The separator seen in the file; `None` for formats with no choice of separator, or when
    /// no cell showed one.
    pub separator: Option<DateSeparator>,
}

impl From<DateFormat> for DatePattern {
    fn from(format: DateFormat) -> DatePattern {
        DatePattern {
            format,
            separator: None,
        }
    }
}

impl DatePattern {
    /// The pattern as the file writes it (`DD.MM.YYYY`, `YYYY/MM/DD`); without a separator,
    /// the format's own [`DateFormat::label`].
    #[must_use]
    pub fn label(self) -> String {
        let Some(separator) = self.separator else {
            return self.format.label().to_string();
        };
        let s = separator.char();
        match self.format {
            DateFormat::YearMonthDay => format!("YYYY{s}MM{s}DD"),
            DateFormat::MonthDayYear => format!("MM{s}DD{s}YYYY"),
            DateFormat::DayMonthYear => format!("DD{s}MM{s}YYYY"),
            DateFormat::DayMonthNameYear => format!("DD{s}Mon{s}YYYY"),
            DateFormat::YearMonth => format!("YYYY{s}MM (monthly)"),
            other => other.label().to_string(),
        }
    }
}

impl fmt::Display for DatePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// Whether a cell holds only a time of day, like Nasdaq.com's intraday row `16:00`.
#[must_use]
pub fn is_time_of_day(cell: &str) -> bool {
    let cell = cell.trim();
    let cell = cell
        .strip_suffix("AM")
        .or_else(|| cell.strip_suffix("PM"))
        .or_else(|| cell.strip_suffix("am"))
        .or_else(|| cell.strip_suffix("pm"))
        .unwrap_or(cell)
        .trim_end();
    let mut parts = cell.split(':');
    let Some(hours) = parts.next() else {
        return false;
    };
    let rest: Vec<&str> = parts.collect();
    let is_number = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    is_number(hours, 2)
        && (1..=2).contains(&rest.len())
        && rest.iter().all(|part| is_number(part, 2))
}

fn parse_iso_fast(bytes: &[u8]) -> Option<Date> {
    if bytes.len() != 10 {
        return None;
    }
    let separator = bytes[4];
    if !matches!(separator, b'-' | b'/' | b'.') || bytes[7] != separator {
        return None;
    }
    let digit = |i: usize| {
        bytes[i]
            .is_ascii_digit()
            .then(|| u32::from(bytes[i] - b'0'))
    };
    let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
    let month = digit(5)? * 10 + digit(6)?;
    let day = digit(8)? * 10 + digit(9)?;
    Date::from_ymd(year as i32, month, day)
}

/// The cell without a trailing time of day; `None` when the cell is only a time.
fn strip_time(cell: &str) -> Option<&str> {
    let Some(colon) = cell.find(':') else {
        return Some(strip_hour_am_pm(cell).map_or(cell, |(date, _)| date));
    };
    let head = &cell[..colon];
    let cut = head.rfind([' ', 'T'])?;
    let date_part = cell[..cut].trim_end().trim_end_matches(',');
    (!date_part.is_empty()).then_some(date_part)
}

/// A date followed by an hour with AM or PM and no minutes (`2019-10-17 09-AM`, as
/// CryptoDataDownload writes, or `2019-10-17 9 PM`): the date part and the hour (0–23).
fn strip_hour_am_pm(cell: &str) -> Option<(&str, u32)> {
    let upper_tail = cell.get(cell.len().checked_sub(2)?..)?.to_ascii_uppercase();
    let afternoon = match upper_tail.as_str() {
        "AM" => false,
        "PM" => true,
        _ => return None,
    };
    let rest = cell[..cell.len() - 2].trim_end().trim_end_matches('-');
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let hour: u32 = rest[rest.len() - digits..].parse().ok()?;
    let date = rest[..rest.len() - digits]
        .strip_suffix([' ', 'T'])?
        .trim_end();
    if !(1..=12).contains(&hour) || date.is_empty() {
        return None;
    }
    Some((date, hour % 12 + if afternoon { 12 } else { 0 }))
}

/// The time of day a date cell carries, in seconds after midnight (`2024-07-19 16:00:00`,
/// `7/19/2024 4:00:00 PM`, `2019-10-17 09-AM`, `2024-07-19T16:00:00+02:00`: the clock time as
/// written, like the date); `None` when it carries none.
#[must_use]
pub fn time_of_day(cell: &str) -> Option<u32> {
    let cell = cell.trim();
    let Some(colon) = cell.find(':') else {
        return strip_hour_am_pm(cell).map(|(_, hour)| hour * 3600);
    };
    let start = cell[..colon].rfind([' ', 'T'])? + 1;
    let time = &cell[start..];
    let upper = time.to_ascii_uppercase();
    let (clock, half) = match upper.trim_end() {
        t if t.ends_with("AM") => (t[..t.len() - 2].trim_end(), Some(false)),
        t if t.ends_with("PM") => (t[..t.len() - 2].trim_end(), Some(true)),
        t => (t, None),
    };
    // A zone suffix (`Z`, `+00:00`, `-05:00`) does not move the clock time.
    let clock = clock.trim_end_matches('Z');
    let clock = match clock.get(4..).and_then(|tail| tail.find(['+', '-'])) {
        Some(at) => &clock[..4 + at],
        None => clock,
    };
    let mut parts = clock.split(':');
    let hour: u32 = parts.next()?.trim().parse().ok()?;
    let minute: u32 = parts.next()?.trim().parse().ok()?;
    let second: u32 = parts
        .next()
        .map_or(Some(0.0), |s| s.trim().parse::<f64>().ok())
        .map(|s| s as u32)?;
    let hour = match half {
        Some(afternoon) if (1..=12).contains(&hour) => hour % 12 + if afternoon { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    (hour < 24 && minute < 60 && second < 61).then_some(hour * 3600 + minute * 60 + second)
}

/// Three runs of digits separated by one repeated separator (`-`, `/`, `.` or space); each with
/// its number of digits.
fn numeric_parts(text: &str) -> Option<[(u32, usize); 3]> {
    let separator = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, '-' | '/' | '.' | ' ') {
        return None;
    }
    let mut parts = text.split(separator);
    let mut next = || -> Option<(u32, usize)> {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((part.parse().ok()?, part.len()))
    };
    let result = [next()?, next()?, next()?];
    parts.next().is_none().then_some(result)
}

/// A year written with 4 digits, or with 2 (69–99 → 19xx, 00–68 → 20xx).
fn full_year((value, digits): (u32, usize)) -> Option<i32> {
    match digits {
        4 => Some(value as i32),
        2 if value >= 69 => Some(1900 + value as i32),
        2 => Some(2000 + value as i32),
        _ => None,
    }
}

fn words(text: &str) -> Vec<&str> {
    text.split([' ', ',', '-', '/', '.'])
        .filter(|w| !w.is_empty())
        .collect()
}

fn number_word(word: &str) -> Option<(u32, usize)> {
    (!word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| Some((word.parse().ok()?, word.len())))
        .flatten()
}

fn split_two<'a>(text: &'a str, separators: &[char]) -> Option<(&'a str, &'a str)> {
    let (first, second) = text.split_once(separators)?;
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (all_digits(first) && all_digits(second)).then_some((first, second))
}

/// The month number of an English month name or abbreviation (`Jan`, `Sept`, `September`).
fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let index = NAMES.iter().position(|name| {
        name.starts_with(&lower) && (lower.len() == 3 || lower == *name || lower == "sept")
    })?;
    Some(index as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        Date::from_ymd(y, m, d)
    }

    #[test]
    fn reads_every_documented_shape() {
        use DateFormat::*;
        let cases = [
            (YearMonthDay, "2024-07-19", ymd(2024, 7, 19)),
            (YearMonthDay, "2024/07/19", ymd(2024, 7, 19)),
            (YearMonthDay, "2024-7-9", ymd(2024, 7, 9)),
            (YearMonthDay, "2024-07-19 00:00:00", ymd(2024, 7, 19)),
            (YearMonthDay, "2024-07-19T16:00:00Z", ymd(2024, 7, 19)),
            (MonthDayYear, "07/19/2024", ymd(2024, 7, 19)),
            (MonthDayYear, "7/19/24", ymd(2024, 7, 19)),
            (MonthDayYear, "7/19/2024 4:00:00 PM", ymd(2024, 7, 19)),
            (DayMonthYear, "19/07/2024", ymd(2024, 7, 19)),
            (DayMonthYear, "20.03.2023", ymd(2023, 3, 20)),
            (Compact, "20240719", ymd(2024, 7, 19)),
            (MonthNameDayYear, "Jul 19, 2024", ymd(2024, 7, 19)),
            (MonthNameDayYear, "Nov 27, 2020", ymd(2020, 11, 27)),
            (MonthNameDayYear, "Jan 1 2000", ymd(2000, 1, 1)),
            (MonthNameDayYear, "September 30, 1999", ymd(1999, 9, 30)),
            (DayMonthNameYear, "19-Jul-2024", ymd(2024, 7, 19)),
            (DayMonthNameYear, "19 Jul 2024", ymd(2024, 7, 19)),
            (DayMonthNameYear, "01-Sept-99", ymd(1999, 9, 1)),
            (MonthNameYear, "Nov 21", ymd(2021, 11, 1)),
            (MonthNameYear, "Dec 70", ymd(1970, 12, 1)),
            (MonthNameYear, "Jan 69", ymd(1969, 1, 1)),
            (MonthNameYear, "Jan 68", ymd(2068, 1, 1)),
            (MonthNameYear, "November 2021", ymd(2021, 11, 1)),
            (YearMonth, "2024-07", ymd(2024, 7, 1)),
            (DecimalYearMonth, "1871.01", ymd(1871, 1, 1)),
            (DecimalYearMonth, "1871.1", ymd(1871, 10, 1)),
            (DecimalYearMonth, "1871.12", ymd(1871, 12, 1)),
            (YearMonthDay, "2019-10-17 09-AM", ymd(2019, 10, 17)),
            (YearMonthDay, "2019-10-17 11-PM", ymd(2019, 10, 17)),
            (YearMonthDay, "1993-02-01 00:00:00+00:00", ymd(1993, 2, 1)),
            (YearMonthDay, "1993-02-01 23:30:00-05:00", ymd(1993, 2, 1)),
            (Compact, "19991110.0", ymd(1999, 11, 10)),
        ];
        for (format, cell, expected) in cases {
            assert!(expected.is_some(), "bad expectation for {cell}");
            assert_eq!(format.parse(cell), expected, "{format:?} {cell}");
        }
    }

    #[test]
    fn reads_the_time_of_day_of_a_date_cell() {
        assert_eq!(time_of_day("2019-10-17 09-AM"), Some(9 * 3600));
        assert_eq!(time_of_day("2019-10-17 12-AM"), Some(0));
        assert_eq!(time_of_day("2019-10-17 12-PM"), Some(12 * 3600));
        assert_eq!(time_of_day("2019-10-17 01-PM"), Some(13 * 3600));
        assert_eq!(
            time_of_day("2024-07-19 16:05:30"),
            Some(16 * 3600 + 5 * 60 + 30)
        );
        assert_eq!(time_of_day("7/19/2024 4:00:00 PM"), Some(16 * 3600));
        assert_eq!(time_of_day("2024-07-19T09:30:00Z"), Some(9 * 3600 + 1800));
        assert_eq!(
            time_of_day("1993-02-01 23:30:00-05:00"),
            Some(23 * 3600 + 1800)
        );
        assert_eq!(time_of_day("2024-07-19"), None);
        assert_eq!(time_of_day("20240719"), None);
    }

    #[test]
    fn refuses_what_does_not_fit() {
        use DateFormat::*;
        assert_eq!(YearMonthDay.parse("2023-02-29"), None);
        assert_eq!(YearMonthDay.parse("19/07/2024"), None);
        assert_eq!(MonthDayYear.parse("19/07/2024"), None);
        assert_eq!(MonthDayYear.parse("16:00"), None);
        assert_eq!(DecimalYearMonth.parse("1871.2"), None);
        assert_eq!(DecimalYearMonth.parse("4.44"), None);
        assert_eq!(Compact.parse("12345678"), None);
        assert_eq!(MonthNameYear.parse("Nov 27, 2020"), None);
        assert_eq!(MonthNameDayYear.parse("Foo 27, 2020"), None);
        assert_eq!(YearMonth.parse("2024-07-19"), None);
    }

    #[test]
    fn finds_the_separator_a_cell_writes() {
        use DateFormat::*;
        use DateSeparator::*;
        let cases = [
            (YearMonthDay, "2024-07-19", Some(Dash)),
            (YearMonthDay, "2019/07/10", Some(Slash)),
            (YearMonthDay, " 2024.07.19 ", Some(Dot)),
            (YearMonthDay, "2024-07-19T16:00:00Z", Some(Dash)),
            (DayMonthYear, "20.03.2023", Some(Dot)),
            (DayMonthYear, "20.03.2023 16:00", Some(Dot)),
            (MonthDayYear, "7/19/24 4:00:00 PM", Some(Slash)),
            (MonthDayYear, "07-19-2024", Some(Dash)),
            (DayMonthNameYear, "19-Jul-2024", Some(Dash)),
            (DayMonthNameYear, "19 Jul 2024", Some(Space)),
            (YearMonth, "2024/07", Some(Slash)),
            (YearMonth, "2024.07", None),
            (Compact, "20240719", None),
            (MonthNameDayYear, "Jul 19, 2024", None),
            (DecimalYearMonth, "1871.01", None),
            (YearMonthDay, "16:00", None),
        ];
        for (format, cell, expected) in cases {
            assert_eq!(format.separator_in(cell), expected, "{format:?} {cell:?}");
        }
    }

    #[test]
    fn patterns_show_the_separator_of_the_file() {
        use DateFormat::*;
        use DateSeparator::*;
        let label = |format: DateFormat, separator| format.with_separator(separator).label();
        assert_eq!(label(DayMonthYear, Dot), "DD.MM.YYYY");
        assert_eq!(label(DayMonthYear, Slash), "DD/MM/YYYY");
        assert_eq!(label(YearMonthDay, Slash), "YYYY/MM/DD");
        assert_eq!(label(YearMonthDay, Dash), "YYYY-MM-DD");
        assert_eq!(label(MonthDayYear, Dash), "MM-DD-YYYY");
        assert_eq!(label(DayMonthNameYear, Space), "DD Mon YYYY");
        assert_eq!(label(YearMonth, Slash), "YYYY/MM (monthly)");
        // A separator the format does not read is not part of its pattern.
        assert_eq!(YearMonth.with_separator(Dot).separator, None);
        assert_eq!(label(Compact, Dash), "YYYYMMDD");
        assert_eq!(
            DatePattern::from(DayMonthYear).label(),
            "DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY"
        );
        // Every separator a format reports, it reads.
        for format in DateFormat::ALL {
            for &separator in format.separators() {
                let cell = format
                    .with_separator(separator)
                    .label()
                    .replace(" (monthly)", "")
                    .replace("YYYY", "2024")
                    .replace("MM", "07")
                    .replace("DD", "19")
                    .replace("Mon", "Jul");
                assert!(format.parse(&cell).is_some(), "{format:?} {cell:?}");
                assert_eq!(format.separator_in(&cell), Some(separator), "{cell:?}");
            }
        }
    }

    #[test]
    fn recognises_time_of_day_cells() {
        assert!(is_time_of_day("16:00"));
        assert!(is_time_of_day("9:30:00"));
        assert!(is_time_of_day("4:00 PM"));
        assert!(!is_time_of_day("2024-07-19"));
        assert!(!is_time_of_day("16"));
    }

    #[test]
    fn leading_pair_reads_the_first_two_numbers() {
        assert_eq!(DateFormat::leading_pair("19/07/2024"), Some((19, 7)));
        assert_eq!(DateFormat::leading_pair("07/19/24 16:00"), Some((7, 19)));
        assert_eq!(DateFormat::leading_pair("2024/07/19"), None);
    }
}
