//! The compact text encoding of a series' two columns inside the workspace JSON.
//!
//! A million observations written as JSON numbers cost about a third of a second to parse and,
//! with serde_json's default float parser, do not all come back bit for bit. The columns are
//! therefore stored as base64 text, which JSON carries without escaping:
//!
//! - dates: the first date is stored as `YYYY-MM-DD` next to the columns; the gaps in days
//!   between consecutive dates (each at least 1) follow as unsigned LEB128 varints, so a daily
//!   or monthly series costs about one byte per date;
//! - values, when every value is a decimal with at most [`MAX_DECIMALS`] digits after the point
//!   (as values read from CSV files are): the series' number of decimals `d` is stored, and the
//!   integers `round(value × 10^d)` as zigzag LEB128 varints of their differences — two or three
//!   bytes per value instead of eight. Each value is checked to come back bit for bit
//!   (`integer ÷ 10^d` is correctly rounded, so it yields the same double the CSV text did);
//! - other values (computed ones): each `f64` as its 8 little-endian IEEE-754 bytes.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use thiserror::Error;

use crate::model::Date;

/// Why a stored column cannot be read back.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ColumnError {
    /// The text is not base64.
    #[error("{column} are not valid base64 ({detail})")]
    NotBase64 {
        /// Which column: "dates" or "values".
        column: &'static str,
        /// What the base64 decoder reported.
        detail: String,
    },
    /// The column holds a different number of entries than the series declares.
    #[error("{column} hold {found} entries but the series declares {declared} observations")]
    WrongLength {
        /// Which column: "dates" or "values".
        column: &'static str,
        /// Entries actually stored.
        found: usize,
        /// The declared number of observations.
        declared: usize,
    },
    /// A date gap is zero, cut off, or leads past the last representable date.
    #[error(
        "date step {index} is invalid: dates must strictly increase and stay within years 1-9999"
    )]
    BadDateStep {
        /// Zero-based index of the offending step.
        index: usize,
    },
    /// Observations are declared but the first date is missing.
    #[error("the first date is missing")]
    MissingFirstDate,
    /// A value's varint is cut off or too long.
    #[error("value {index} is cut off or invalid")]
    BadValue {
        /// Zero-based index of the offending value.
        index: usize,
    },
    /// The number of decimals is beyond what this version writes.
    #[error("{decimals} decimals are not supported (at most {MAX_DECIMALS})")]
    UnsupportedDecimals {
        /// The stored number of decimals.
        decimals: u8,
    },
}

/// Encodes the gaps between consecutive dates; the first date is stored separately.
///
/// The dates must strictly increase (a [`crate::model::Series`] guarantees it).
pub(crate) fn encode_date_steps(dates: &[Date]) -> String {
    let mut bytes = Vec::with_capacity(dates.len());
    for pair in dates.windows(2) {
        let gap = pair[1].day_number().abs_diff(pair[0].day_number());
        push_varint(&mut bytes, gap);
    }
    BASE64.encode(bytes)
}

/// Rebuilds the day numbers of `count` dates from the first date and the encoded gaps,
/// checking that they strictly increase and stay within the years a [`Date`] can hold.
pub(crate) fn decode_day_numbers(
    first: Option<Date>,
    steps: &str,
    count: usize,
) -> Result<Vec<i32>, ColumnError> {
    let bytes = BASE64
        .decode(steps)
        .map_err(|error| ColumnError::NotBase64 {
            column: "dates",
            detail: error.to_string(),
        })?;
    if count == 0 {
        return if bytes.is_empty() {
            Ok(Vec::new())
        } else {
            Err(ColumnError::WrongLength {
                column: "dates",
                found: count_varints(&bytes) + 1,
                declared: 0,
            })
        };
    }
    let Some(first) = first else {
        return Err(ColumnError::MissingFirstDate);
    };
    let last_day = last_day_number();
    // The declared count comes from the file: reserve no more than the gaps can hold (one
    // byte at least each), so a damaged count is a length error, not a huge allocation.
    let mut days = Vec::with_capacity(count.min(bytes.len().saturating_add(1)));
    let mut day = first.day_number();
    days.push(day);
    let mut cursor = 0;
    while cursor < bytes.len() {
        let index = days.len() - 1;
        let Some((gap, used)) = read_varint(&bytes[cursor..]) else {
            return Err(ColumnError::BadDateStep { index });
        };
        cursor += used;
        let next = i32::try_from(gap)
            .ok()
            .filter(|gap| *gap > 0)
            .and_then(|gap| day.checked_add(gap))
            .filter(|next| *next <= last_day);
        let Some(next) = next else {
            return Err(ColumnError::BadDateStep { index });
        };
        if days.len() == count {
            return Err(ColumnError::WrongLength {
                column: "dates",
                found: count + 1 + count_varints(&bytes[cursor..]),
                declared: count,
            });
        }
        day = next;
        days.push(next);
    }
    if days.len() != count {
        return Err(ColumnError::WrongLength {
            column: "dates",
            found: days.len(),
            declared: count,
        });
    }
    Ok(days)
}

/// The day number of 9999-12-31, the last date a [`Date`] holds.
fn last_day_number() -> i32 {
    Date::from_ymd(9999, 12, 31).map_or(i32::MAX, Date::day_number)
}

/// Every date from the earliest to the latest day of a set of columns, built once so that
/// columns sharing a calendar turn day numbers into dates by lookup rather than each date
/// being converted and checked on its own.
pub(crate) struct DayTable {
    first_day: i32,
    dates: Vec<Date>,
}

impl DayTable {
    /// A table covering every day in `columns`, when it is smaller than the number of dates
    /// it serves; `None` otherwise (sparse dates over a long span) or with no dates at all.
    pub(crate) fn covering<'a>(columns: impl IntoIterator<Item = &'a [i32]>) -> Option<DayTable> {
        let mut span: Option<(i32, i32)> = None;
        let mut total = 0usize;
        for days in columns {
            let (Some(&first), Some(&last)) = (days.first(), days.last()) else {
                continue;
            };
            total += days.len();
            span = Some(span.map_or((first, last), |(lo, hi)| (lo.min(first), hi.max(last))));
        }
        let (first_day, last_day) = span?;
        let width = usize::try_from(i64::from(last_day) - i64::from(first_day) + 1).ok()?;
        if width > total {
            return None;
        }
        let dates: Option<Vec<Date>> = (first_day..=last_day).map(Date::from_day_number).collect();
        Some(DayTable {
            first_day,
            dates: dates?,
        })
    }

    fn date(&self, day: i32) -> Option<Date> {
        let offset = usize::try_from(day.checked_sub(self.first_day)?).ok()?;
        self.dates.get(offset).copied()
    }
}

/// Turns checked day numbers into dates, through `table` when there is one.
pub(crate) fn days_to_dates(
    days: &[i32],
    table: Option<&DayTable>,
) -> Result<Vec<Date>, ColumnError> {
    let mut dates = Vec::with_capacity(days.len());
    for (index, &day) in days.iter().enumerate() {
        let date = table
            .and_then(|table| table.date(day))
            .or_else(|| Date::from_day_number(day));
        let Some(date) = date else {
            return Err(ColumnError::BadDateStep {
                index: index.saturating_sub(1),
            });
        };
        dates.push(date);
    }
    Ok(dates)
}

/// The most digits after the decimal point the decimal value encoding uses.
pub(crate) const MAX_DECIMALS: u8 = 9;

/// Integers up to this magnitude convert to `f64` exactly.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Encodes values: `(Some(decimals), text)` in the decimal encoding when every value allows it,
/// otherwise `(None, text)` with the raw little-endian bytes.
pub(crate) fn encode_values(values: &[f64]) -> (Option<u8>, String) {
    if let Some((decimals, bytes)) = encode_decimal(values) {
        return (Some(decimals), BASE64.encode(bytes));
    }
    let mut bytes = Vec::with_capacity(values.len() * 8);
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    (None, BASE64.encode(bytes))
}

/// Decodes `count` values written by [`encode_values`] with the given `decimals`.
pub(crate) fn decode_values(
    text: &str,
    decimals: Option<u8>,
    count: usize,
) -> Result<Vec<f64>, ColumnError> {
    let bytes = BASE64
        .decode(text)
        .map_err(|error| ColumnError::NotBase64 {
            column: "values",
            detail: error.to_string(),
        })?;
    match decimals {
        Some(decimals) => decode_decimal(&bytes, decimals, count),
        None => {
            if bytes.len() % 8 != 0 || bytes.len() / 8 != count {
                return Err(ColumnError::WrongLength {
                    column: "values",
                    found: bytes.len() / 8,
                    declared: count,
                });
            }
            Ok(bytes
                .chunks_exact(8)
                .map(|chunk| {
                    let mut word = [0u8; 8];
                    word.copy_from_slice(chunk);
                    f64::from_le_bytes(word)
                })
                .collect())
        }
    }
}

/// The fewest decimals that hold every value exactly and the varints of the differences of
/// `round(value × 10^decimals)`; `None` when more than [`MAX_DECIMALS`] would be needed.
///
/// One pass, restarted with more decimals when a value needs them (at most [`MAX_DECIMALS`]
/// times, and in practice decided by the first values).
fn encode_decimal(values: &[f64]) -> Option<(u8, Vec<u8>)> {
    let mut decimals = 0u8;
    let mut bytes = Vec::with_capacity(values.len() * 3);
    'attempt: loop {
        let scale = 10f64.powi(i32::from(decimals));
        bytes.clear();
        let mut previous: i64 = 0;
        for &value in values {
            let Some(integer) = exact_integer(value, scale) else {
                decimals += 1;
                if decimals > MAX_DECIMALS {
                    return None;
                }
                continue 'attempt;
            };
            push_varint(&mut bytes, zigzag(integer - previous));
            previous = integer;
        }
        return Some((decimals, bytes));
    }
}

/// The integer `value × scale` when dividing it by `scale` gives back exactly `value` (bit for
/// bit: `-0.0` has no integer).
fn exact_integer(value: f64, scale: f64) -> Option<i64> {
    let scaled = value * scale;
    if scaled.is_nan() || scaled.abs() >= EXACT_INTEGER_LIMIT {
        return None;
    }
    // Rounds half away from zero with a truncating conversion, which compiles to one
    // instruction where `f64::round` is a library call on baseline x86-64.
    let truncated = scaled as i64;
    let fraction = scaled - truncated as f64;
    let integer = if fraction >= 0.5 {
        truncated + 1
    } else if fraction <= -0.5 {
        truncated - 1
    } else {
        truncated
    };
    ((integer as f64 / scale).to_bits() == value.to_bits()).then_some(integer)
}

fn decode_decimal(bytes: &[u8], decimals: u8, count: usize) -> Result<Vec<f64>, ColumnError> {
    if decimals > MAX_DECIMALS {
        return Err(ColumnError::UnsupportedDecimals { decimals });
    }
    let scale = 10f64.powi(i32::from(decimals));
    // Every value takes one byte at least: a damaged count never reserves more than that.
    let mut values = Vec::with_capacity(count.min(bytes.len()));
    let mut integer: i64 = 0;
    let mut cursor = 0;
    while cursor < bytes.len() {
        let Some((step, used)) = read_varint(&bytes[cursor..]) else {
            return Err(ColumnError::BadValue {
                index: values.len(),
            });
        };
        cursor += used;
        integer = integer.wrapping_add(unzigzag(step));
        if values.len() == count {
            return Err(ColumnError::WrongLength {
                column: "values",
                found: count + 1 + count_varints(&bytes[cursor..]),
                declared: count,
            });
        }
        values.push(integer as f64 / scale);
    }
    if values.len() != count {
        return Err(ColumnError::WrongLength {
            column: "values",
            found: values.len(),
            declared: count,
        });
    }
    Ok(values)
}

fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

fn push_varint(bytes: &mut Vec<u8>, value: impl Into<u64>) {
    let mut value: u64 = value.into();
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

/// Reads one varint; `None` when it is cut off or does not fit a `u64`.
#[inline]
fn read_varint(bytes: &[u8]) -> Option<(u64, usize)> {
    if let Some(&byte) = bytes.first()
        && byte < 0x80
    {
        return Some((u64::from(byte), 1));
    }
    let mut value: u64 = 0;
    for (index, &byte) in bytes.iter().enumerate().take(10) {
        let part = u64::from(byte & 0x7f);
        let shift = 7 * index as u32;
        if shift == 63 && part > 1 {
            return None;
        }
        value |= part << shift;
        if byte & 0x80 == 0 {
            return Some((value, index + 1));
        }
    }
    None
}

fn count_varints(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| *b & 0x80 == 0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: i32) -> Date {
        Date::from_day_number(n).unwrap()
    }

    fn decode_date_steps(
        first: Option<Date>,
        steps: &str,
        count: usize,
    ) -> Result<Vec<Date>, ColumnError> {
        days_to_dates(&decode_day_numbers(first, steps, count)?, None)
    }

    #[test]
    fn dates_round_trip_with_small_and_large_gaps() {
        let dates = vec![day(-719_000), day(-718_999), day(0), day(3), day(2_900_000)];
        let steps = encode_date_steps(&dates);
        let back = decode_date_steps(Some(dates[0]), &steps, dates.len()).unwrap();
        assert_eq!(back, dates);
    }

    #[test]
    fn a_day_table_serves_shared_calendars() {
        let a = [10, 11, 12, 15];
        let b = [11, 12, 13, 14];
        let table = DayTable::covering([&a[..], &b[..]]).unwrap();
        assert_eq!(table.first_day, 10);
        assert_eq!(table.dates.len(), 6);
        assert_eq!(days_to_dates(&b, Some(&table)).unwrap(), b.map(day));
        assert_eq!(days_to_dates(&[9], Some(&table)).unwrap(), [day(9)]);
        let sparse = [0, 1000];
        assert!(DayTable::covering([&sparse[..]]).is_none());
        assert!(DayTable::covering([&[][..]]).is_none());
    }

    #[test]
    fn a_daily_gap_costs_one_byte() {
        let dates: Vec<Date> = (0..1000).map(day).collect();
        let steps = BASE64.decode(encode_date_steps(&dates)).unwrap();
        assert_eq!(steps.len(), 999);
        assert!(steps.iter().all(|b| *b == 1));
    }

    fn bits(values: &[f64]) -> Vec<u64> {
        values.iter().map(|x| x.to_bits()).collect()
    }

    #[test]
    fn decimal_values_round_trip_compactly() {
        let values = [4515.77, 4.44, -1.5, 0.0, 100.0, 4515.78];
        let (decimals, text) = encode_values(&values);
        assert_eq!(decimals, Some(2));
        assert!(BASE64.decode(&text).unwrap().len() <= 3 * values.len());
        let back = decode_values(&text, decimals, values.len()).unwrap();
        assert_eq!(bits(&back), bits(&values));
    }

    #[test]
    fn the_fewest_decimals_are_chosen() {
        assert_eq!(encode_values(&[1.0, 2.0, -3.0]).0, Some(0));
        assert_eq!(encode_values(&[1.5, 2.25]).0, Some(2));
        assert_eq!(encode_values(&[11_000.123_456, 0.000_001]).0, Some(6));
        assert_eq!(encode_values(&[]).0, Some(0));
    }

    #[test]
    fn other_values_are_stored_as_raw_bytes_bit_for_bit() {
        for values in [
            vec![0.1 + 0.2, 1.0],
            vec![1e-300],
            vec![f64::MAX],
            vec![-0.0],
            vec![1e20],
            vec![100.0 * 0.4 / 4.44],
        ] {
            let (decimals, text) = encode_values(&values);
            assert_eq!(decimals, None, "{values:?}");
            let back = decode_values(&text, decimals, values.len()).unwrap();
            assert_eq!(bits(&back), bits(&values));
        }
    }

    #[test]
    fn damaged_decimal_values_are_rejected() {
        let (decimals, text) = encode_values(&[1.5, 2.5]);
        assert!(matches!(
            decode_values(&text, Some(12), 2),
            Err(ColumnError::UnsupportedDecimals { decimals: 12 })
        ));
        assert_eq!(
            decode_values(&text, decimals, 3),
            Err(ColumnError::WrongLength {
                column: "values",
                found: 2,
                declared: 3
            })
        );
        assert_eq!(
            decode_values(&text, decimals, 1),
            Err(ColumnError::WrongLength {
                column: "values",
                found: 2,
                declared: 1
            })
        );
        let cut = BASE64.encode([0x02u8, 0x80]);
        assert_eq!(
            decode_values(&cut, Some(1), 2),
            Err(ColumnError::BadValue { index: 1 })
        );
    }

    #[test]
    fn empty_columns_round_trip() {
        assert_eq!(encode_date_steps(&[]), "");
        assert_eq!(decode_date_steps(None, "", 0).unwrap(), Vec::<Date>::new());
        assert_eq!(decode_values("", Some(0), 0).unwrap(), Vec::<f64>::new());
        assert_eq!(decode_values("", None, 0).unwrap(), Vec::<f64>::new());
    }

    #[test]
    fn a_zero_gap_is_rejected() {
        let steps = BASE64.encode([1u8, 0, 1]);
        assert_eq!(
            decode_date_steps(Some(day(0)), &steps, 4),
            Err(ColumnError::BadDateStep { index: 1 })
        );
    }

    #[test]
    fn a_cut_off_varint_is_rejected() {
        let steps = BASE64.encode([1u8, 0x81]);
        assert_eq!(
            decode_date_steps(Some(day(0)), &steps, 3),
            Err(ColumnError::BadDateStep { index: 1 })
        );
    }

    #[test]
    fn dates_past_year_9999_are_rejected() {
        let last = Date::from_ymd(9999, 12, 31).unwrap();
        let steps = BASE64.encode([1u8]);
        assert_eq!(
            decode_date_steps(Some(last), &steps, 2),
            Err(ColumnError::BadDateStep { index: 0 })
        );
    }

    #[test]
    fn counts_must_match() {
        let steps = encode_date_steps(&[day(0), day(1), day(2)]);
        assert_eq!(
            decode_date_steps(Some(day(0)), &steps, 2),
            Err(ColumnError::WrongLength {
                column: "dates",
                found: 3,
                declared: 2
            })
        );
        assert_eq!(
            decode_date_steps(Some(day(0)), &steps, 5),
            Err(ColumnError::WrongLength {
                column: "dates",
                found: 3,
                declared: 5
            })
        );
        assert_eq!(
            decode_date_steps(None, &steps, 3),
            Err(ColumnError::MissingFirstDate)
        );
        let (decimals, values) = encode_values(&[1.0, 2.0]);
        assert_eq!(
            decode_values(&values, decimals, 3),
            Err(ColumnError::WrongLength {
                column: "values",
                found: 2,
                declared: 3
            })
        );
    }

    #[test]
    fn text_that_is_not_base64_is_rejected() {
        assert!(matches!(
            decode_values("not base64!", None, 1),
            Err(ColumnError::NotBase64 {
                column: "values",
                ..
            })
        ));
    }

    #[test]
    fn varints_longer_than_u64_are_rejected() {
        assert_eq!(
            read_varint(&[0xff, 0xff, 0xff, 0xff, 0x0f]),
            Some((u64::from(u32::MAX), 5))
        );
        let mut longest = vec![0xff; 9];
        longest.push(0x01);
        assert_eq!(read_varint(&longest), Some((u64::MAX, 10)));
        longest[9] = 0x02;
        assert_eq!(read_varint(&longest), None);
        assert_eq!(read_varint(&[0x80; 11]), None);
    }

    #[test]
    fn zigzag_round_trips() {
        for value in [0, 1, -1, 63, -64, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }
}
