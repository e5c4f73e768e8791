//! The compact text encoding of a series' two columns inside the workspace JSON.
//!
//! A million observations written as JSON numbers cost about a third of a second to parse and,
//! with serde_json's default float parser, do not all come back bit for bit. The columns are
//! therefore stored as base64 text, which JSON carries without escaping:
//!
//! - dates: the first date is stored as `YYYY-MM-DD` next to the columns; the gaps in days
//!   between consecutive dates (each at least 1) follow as unsigned LEB128 varints, so a daily
//!   or monthly series costs about one byte per date;
//! - values: each `f64` as its 8 little-endian IEEE-754 bytes, so values round-trip exactly.

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

/// Rebuilds `count` dates from the first date and the encoded gaps.
pub(crate) fn decode_date_steps(
    first: Option<Date>,
    steps: &str,
    count: usize,
) -> Result<Vec<Date>, ColumnError> {
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
    let mut dates = Vec::with_capacity(count);
    dates.push(first);
    let mut day = first.day_number();
    let mut cursor = 0;
    while cursor < bytes.len() {
        let index = dates.len() - 1;
        let Some((gap, used)) = read_varint(&bytes[cursor..]) else {
            return Err(ColumnError::BadDateStep { index });
        };
        cursor += used;
        let next = i32::try_from(gap)
            .ok()
            .filter(|gap| *gap > 0)
            .and_then(|gap| day.checked_add(gap))
            .and_then(Date::from_day_number);
        let Some(next) = next else {
            return Err(ColumnError::BadDateStep { index });
        };
        if dates.len() == count {
            return Err(ColumnError::WrongLength {
                column: "dates",
                found: count + 1 + count_varints(&bytes[cursor..]),
                declared: count,
            });
        }
        day = next.day_number();
        dates.push(next);
    }
    if dates.len() != count {
        return Err(ColumnError::WrongLength {
            column: "dates",
            found: dates.len(),
            declared: count,
        });
    }
    Ok(dates)
}

/// Encodes values as base64 of their little-endian bytes.
pub(crate) fn encode_values(values: &[f64]) -> String {
    let mut bytes = Vec::with_capacity(values.len() * 8);
    for value in values {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    BASE64.encode(bytes)
}

/// Decodes `count` values written by [`encode_values`].
pub(crate) fn decode_values(text: &str, count: usize) -> Result<Vec<f64>, ColumnError> {
    let bytes = BASE64
        .decode(text)
        .map_err(|error| ColumnError::NotBase64 {
            column: "values",
            detail: error.to_string(),
        })?;
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

fn push_varint(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

/// Reads one varint; `None` when it is cut off or longer than a `u32` allows.
fn read_varint(bytes: &[u8]) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    for (index, &byte) in bytes.iter().enumerate().take(5) {
        let part = u32::from(byte & 0x7f);
        let shift = 7 * index as u32;
        if shift == 28 && part > 0x0f {
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(n: i32) -> Date {
        Date::from_day_number(n).unwrap()
    }

    #[test]
    fn dates_round_trip_with_small_and_large_gaps() {
        let dates = vec![day(-719_000), day(-718_999), day(0), day(3), day(2_900_000)];
        let steps = encode_date_steps(&dates);
        let back = decode_date_steps(Some(dates[0]), &steps, dates.len()).unwrap();
        assert_eq!(back, dates);
    }

    #[test]
    fn a_daily_gap_costs_one_byte() {
        let dates: Vec<Date> = (0..1000).map(day).collect();
        let steps = BASE64.decode(encode_date_steps(&dates)).unwrap();
        assert_eq!(steps.len(), 999);
        assert!(steps.iter().all(|b| *b == 1));
    }

    #[test]
    fn values_round_trip_bit_for_bit() {
        let values = [0.1 + 0.2, -1.5, 1e-300, f64::MAX, -0.0, 4515.77];
        let text = encode_values(&values);
        let back = decode_values(&text, values.len()).unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&values));
    }

    #[test]
    fn empty_columns_round_trip() {
        assert_eq!(encode_date_steps(&[]), "");
        assert_eq!(decode_date_steps(None, "", 0).unwrap(), Vec::<Date>::new());
        assert_eq!(decode_values("", 0).unwrap(), Vec::<f64>::new());
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
        let values = encode_values(&[1.0, 2.0]);
        assert_eq!(
            decode_values(&values, 3),
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
            decode_values("not base64!", 1),
            Err(ColumnError::NotBase64 {
                column: "values",
                ..
            })
        ));
    }

    #[test]
    fn varints_longer_than_u32_are_rejected() {
        assert_eq!(
            read_varint(&[0xff, 0xff, 0xff, 0xff, 0x0f]),
            Some((u32::MAX, 5))
        );
        assert_eq!(read_varint(&[0xff, 0xff, 0xff, 0xff, 0x1f]), None);
        assert_eq!(read_varint(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), None);
    }
}
