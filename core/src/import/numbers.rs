//! Reading number cells as spreadsheets and data sites write them: thousands separators, a
//! decimal comma, currency signs, `%`, `K/M/B` suffixes, parentheses for negatives and the usual
//! missing-value markers — and the evidence a cell gives about which separator is the decimal one.

use crate::model::DecimalSeparator;

/// What one cell holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberCell {
    /// A number (finite or not; the caller decides what to do with `NaN`/infinity text).
    Value(f64),
    /// A missing-value marker: empty, `.`, `null`, `NaN`, `N/A`, `#N/A`, `-`, `--`, …
    Missing,
    /// Text that is not a number.
    Invalid,
}

/// What a cell says about the decimal separator of its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeparatorEvidence {
    /// Only a point can be the decimal separator here (`1.5`, `1,234.56`, `1,234,567`).
    Point,
    /// Only a comma can be the decimal separator here (`1,5`, `1.234,56`, `1.234.567`).
    Comma,
    /// Either reading works (`1.234`, `12,345`).
    Ambiguous,
    /// No separator at all (`1234`).
    None,
}

/// Whether the cell is one of the missing-value markers.
#[must_use]
pub fn is_missing_marker(cell: &str) -> bool {
    let cell = cell.trim_matches(is_space);
    matches!(
        cell,
        "" | "."
            | "-"
            | "--"
            | "—"
            | "–"
            | "null"
            | "NULL"
            | "Null"
            | "NaN"
            | "nan"
            | "NAN"
            | "N/A"
            | "n/a"
            | "NA"
            | "#N/A"
            | "#N/A N/A"
            | "#NA"
            | "na"
            | "None"
            | "none"
            | "#VALUE!"
            | "#DIV/0!"
            | "#REF!"
    )
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// Reads a cell as a number with the given decimal separator.
#[must_use]
pub fn parse_number(cell: &str, decimal: DecimalSeparator) -> NumberCell {
    // The common case — `1234.56` with a point — is read on the spot.
    if decimal == DecimalSeparator::Point {
        if let Some(value) = plain_decimal(cell.as_bytes()) {
            return NumberCell::Value(value);
        }
        if !cell.is_empty()
            && cell
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            && cell.bytes().any(|b| b.is_ascii_digit())
            && let Ok(value) = cell.parse::<f64>()
        {
            return NumberCell::Value(value);
        }
    }
    parse_number_slow(cell, decimal)
}

/// Powers of ten that an `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `-1234.5678` (an optional minus, digits, an optional point and digits) with at most 15
/// significant digits, read exactly as the standard parser reads it: the digits form an
/// integer below 2^53 and the divisor an exact power of ten, so the one rounding of the
/// division is the correct rounding of the decimal (Clinger's fast path). `None` for anything
/// else, which the standard parser then reads.
fn plain_decimal(cell: &[u8]) -> Option<f64> {
    plain_decimal_with_evidence(cell).map(|(value, _)| value)
}

/// [`plain_decimal`], with what the cell says about the decimal separator (as
/// [`separator_evidence`] would say).
#[must_use]
#[inline]
pub fn plain_decimal_with_evidence(cell: &[u8]) -> Option<(f64, SeparatorEvidence)> {
    let (negative, digits) = match cell.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, cell),
    };
    if digits.len() > 16 {
        return None;
    }
    // One pass: the digits into the mantissa, the point's place noted (a second point, or
    // anything else, and the cell is not plain).
    let mut mantissa: u64 = 0;
    let mut point = usize::MAX;
    for (i, &byte) in digits.iter().enumerate() {
        let digit = byte.wrapping_sub(b'0');
        if digit <= 9 {
            mantissa = mantissa * 10 + u64::from(digit);
        } else if byte == b'.' && point == usize::MAX {
            point = i;
        } else {
            return None;
        }
    }
    let has_point = point != usize::MAX;
    let count = digits.len() - usize::from(has_point);
    if count == 0 || count > 15 {
        return None;
    }
    let fraction_digits = if has_point {
        digits.len() - point - 1
    } else {
        0
    };
    let magnitude = mantissa as f64 / EXACT_POWERS_OF_TEN[fraction_digits];
    // `1.234` may be a thousand and more written with a dot for grouping.
    let evidence = if !has_point {
        SeparatorEvidence::None
    } else if fraction_digits == 3 && (1..=3).contains(&point) && digits[0] != b'0' {
        SeparatorEvidence::Ambiguous
    } else {
        SeparatorEvidence::Point
    };
    Some((if negative { -magnitude } else { magnitude }, evidence))
}

/// Reads a cell that is not a plain decimal: decorations are stripped by [`Body`], thousands
/// separators dropped where they group digits by three, the decimal separator turned into a
/// point.
fn parse_number_slow(cell: &str, decimal: DecimalSeparator) -> NumberCell {
    if is_missing_marker(cell) {
        return NumberCell::Missing;
    }
    let Some(body) = Body::from_cell(cell) else {
        return NumberCell::Invalid;
    };
    let lower = body.digits.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity") {
        return NumberCell::Value(body.sign * f64::INFINITY);
    }
    let mut cleaned = String::with_capacity(body.digits.len());
    let (decimal_char, group_chars): (char, &[char]) = match decimal {
        DecimalSeparator::Point => ('.', &[',', ' ', '\'', '\u{a0}', '\u{202f}', '\u{2009}']),
        DecimalSeparator::Comma => (',', &['.', ' ', '\'', '\u{a0}', '\u{202f}', '\u{2009}']),
    };
    let mut grouping = Grouping::default();
    let mut seen_decimal = false;
    let mut seen_exponent = false;
    for c in body.digits.chars() {
        if c.is_ascii_digit() {
            if !seen_decimal && !seen_exponent {
                grouping.digit(c);
            }
            cleaned.push(c);
        } else if c == decimal_char && !seen_decimal && !seen_exponent {
            if !grouping.end() {
                return NumberCell::Invalid;
            }
            seen_decimal = true;
            cleaned.push('.');
        } else if group_chars.contains(&c) && !seen_decimal && !seen_exponent {
            // A thousands separator: checked, then dropped.
            if !grouping.separator(c) {
                return NumberCell::Invalid;
            }
        } else if (c == 'e' || c == 'E') && !seen_exponent && !cleaned.is_empty() {
            if !seen_decimal && !grouping.end() {
                return NumberCell::Invalid;
            }
            seen_exponent = true;
            cleaned.push('e');
        } else if (c == '-' || c == '+') && cleaned.ends_with('e') {
            cleaned.push(c);
        } else {
            return NumberCell::Invalid;
        }
    }
    if !seen_decimal && !seen_exponent && !grouping.end() {
        return NumberCell::Invalid;
    }
    if !cleaned.bytes().any(|b| b.is_ascii_digit()) {
        return NumberCell::Invalid;
    }
    match cleaned.parse::<f64>() {
        Ok(value) => NumberCell::Value(body.sign * value * body.multiplier),
        Err(_) => NumberCell::Invalid,
    }
}

/// The thousands grouping of a number's integer part, checked digit by digit: a separator
/// only counts as one where it splits the digits into a lead of one to three (not starting
/// with 0) and groups of exactly three, always the same separator. Anything else — `1.2` in a
/// decimal-comma column, `1,23` in a decimal-point one — is not a number rather than a number
/// silently read ten or a hundred times too large.
#[derive(Default)]
struct Grouping {
    /// The separator seen, once one is.
    separator: Option<char>,
    /// Digits since the last separator (or the start).
    run: usize,
    /// The first digit of the integer part.
    first_digit: Option<char>,
}

impl Grouping {
    fn digit(&mut self, c: char) {
        self.first_digit.get_or_insert(c);
        self.run += 1;
    }

    /// A thousands separator `c` after the digits so far; `false` when it cannot be one.
    fn separator(&mut self, c: char) -> bool {
        let fits = match self.separator {
            None => (1..=3).contains(&self.run) && self.first_digit != Some('0'),
            Some(previous) => previous == c && self.run == 3,
        };
        self.separator = Some(c);
        self.run = 0;
        fits
    }

    /// The end of the integer part; `false` when its last group is not three digits.
    fn end(&self) -> bool {
        self.separator.is_none() || self.run == 3
    }
}

/// What the separators in a cell say about its column's decimal separator.
#[must_use]
pub fn separator_evidence(cell: &str) -> SeparatorEvidence {
    if let Some(evidence) = plain_number_evidence(cell.as_bytes()) {
        return evidence;
    }
    let Some(body) = Body::from_cell(cell) else {
        return SeparatorEvidence::None;
    };
    let digits = body.digits;
    let points = digits.matches('.').count();
    let commas = digits.matches(',').count();
    match (points, commas) {
        (0, 0) => SeparatorEvidence::None,
        (_, 0) => single_separator_evidence(
            digits,
            '.',
            points,
            SeparatorEvidence::Point,
            SeparatorEvidence::Comma,
        ),
        (0, _) => single_separator_evidence(
            digits,
            ',',
            commas,
            SeparatorEvidence::Comma,
            SeparatorEvidence::Point,
        ),
        _ => {
            let last_point = digits.rfind('.').unwrap_or(0);
            let last_comma = digits.rfind(',').unwrap_or(0);
            if last_point > last_comma {
                SeparatorEvidence::Point
            } else {
                SeparatorEvidence::Comma
            }
        }
    }
}

/// The evidence of the common cell `1234.5678` or `-12`: digits with at most one point and a
/// leading minus. `None` for anything else, which takes the general path.
fn plain_number_evidence(cell: &[u8]) -> Option<SeparatorEvidence> {
    let digits = cell.strip_prefix(b"-").unwrap_or(cell);
    let mut point = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => {}
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let Some(point) = point else {
        return (!digits.is_empty()).then_some(SeparatorEvidence::None);
    };
    let (integer, fraction) = (&digits[..point], &digits[point + 1..]);
    if integer.is_empty() && fraction.is_empty() {
        return None;
    }
    // `1.234` may be a thousand and more written with a dot for grouping.
    let looks_grouped =
        fraction.len() == 3 && (1..=3).contains(&integer.len()) && integer.first() != Some(&b'0');
    Some(if looks_grouped {
        SeparatorEvidence::Ambiguous
    } else {
        SeparatorEvidence::Point
    })
}

/// Evidence from a cell holding only one kind of separator, `separator`, `count` times.
fn single_separator_evidence(
    digits: &str,
    separator: char,
    count: usize,
    if_decimal: SeparatorEvidence,
    if_grouping: SeparatorEvidence,
) -> SeparatorEvidence {
    if count > 1 {
        return if_grouping;
    }
    let (before, after) = digits.split_once(separator).unwrap_or((digits, ""));
    let integer_part = before.trim_start_matches(['-', '+']);
    let looks_grouped = after.len() == 3
        && after.bytes().all(|b| b.is_ascii_digit())
        && (1..=3).contains(&integer_part.len())
        && !integer_part.starts_with('0');
    if looks_grouped {
        SeparatorEvidence::Ambiguous
    } else {
        if_decimal
    }
}

/// A cell stripped of sign, currency, percent, suffix and parentheses.
struct Body<'a> {
    digits: &'a str,
    sign: f64,
    multiplier: f64,
}

impl<'a> Body<'a> {
    fn from_cell(cell: &'a str) -> Option<Body<'a>> {
        let mut text = cell.trim_matches(is_space);
        let mut sign = 1.0;
        if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            sign = -sign;
            text = inner.trim_matches(is_space);
        }
        for _ in 0..2 {
            if let Some(rest) = text.strip_prefix(['-', '−']) {
                sign = -sign;
                text = rest.trim_start_matches(is_space);
            } else if let Some(rest) = text.strip_prefix('+') {
                text = rest.trim_start_matches(is_space);
            }
            text = strip_currency_prefix(text);
        }
        text = strip_currency_suffix(text);
        if let Some(rest) = text.strip_suffix('%') {
            text = rest.trim_end_matches(is_space);
        }
        let mut multiplier = 1.0;
        if let Some(last) = text.chars().last() {
            let factor = match last {
                'K' | 'k' => Some(1e3),
                'M' => Some(1e6),
                'B' | 'G' => Some(1e9),
                'T' => Some(1e12),
                _ => None,
            };
            if let Some(factor) = factor {
                let rest = &text[..text.len() - last.len_utf8()];
                if rest.ends_with(|c: char| c.is_ascii_digit()) {
                    multiplier = factor;
                    text = rest;
                }
            }
        }
        (!text.is_empty()).then_some(Body {
            digits: text,
            sign,
            multiplier,
        })
    }
}

const CURRENCY_PREFIXES: [&str; 10] = ["US$", "R$", "C$", "A$", "CHF", "$", "€", "£", "¥", "₹"];

fn strip_currency_prefix(text: &str) -> &str {
    CURRENCY_PREFIXES
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .map_or(text, |rest| rest.trim_start_matches(is_space))
}

fn strip_currency_suffix(text: &str) -> &str {
    ["€", "$", "£", "¥", "CHF", "EUR", "USD"]
        .iter()
        .find_map(|p| text.strip_suffix(p))
        .map_or(text, |rest| rest.trim_end_matches(is_space))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecimalSeparator::{Comma, Point};

    fn value(cell: &str, decimal: DecimalSeparator) -> f64 {
        match parse_number(cell, decimal) {
            NumberCell::Value(v) => v,
            other => panic!("{cell:?} read as {other:?}"),
        }
    }

    #[test]
    fn reads_decorated_numbers() {
        assert_eq!(value("5,505.00", Point), 5505.0);
        assert_eq!(value("$5,505.00", Point), 5505.0);
        assert_eq!(value("1.234,56", Comma), 1234.56);
        assert_eq!(value("100.923", Comma), 100_923.0);
        assert_eq!(value("1 234,5", Comma), 1234.5);
        assert_eq!(value("1\u{a0}234,5", Comma), 1234.5);
        assert_eq!(value("1'234.5", Point), 1234.5);
        assert_eq!(value("-0.71%", Point), -0.71);
        assert_eq!(value("-1,04%", Comma), -1.04);
        assert_eq!(value("2.1B", Point), 2.1e9);
        assert_eq!(value("184.67M", Point), 184.67e6);
        assert_eq!(value("10,90M", Comma), 10.9e6);
        assert_eq!(value("350K", Point), 350e3);
        assert_eq!(value("(12.5)", Point), -12.5);
        assert_eq!(value("+3.5", Point), 3.5);
        assert_eq!(value("−3.5", Point), -3.5);
        assert_eq!(value("1.5e3", Point), 1500.0);
        assert_eq!(value("510.95999000000006", Point), 510.959_990_000_000_06);
        assert_eq!(value("€ 12,50", Comma), 12.5);
        assert_eq!(value("12,50 €", Comma), 12.5);
    }

    /// The plain reading as first written (split at the point, then the digits of both
    /// parts): the reference the one-pass reading is checked against.
    fn plain_decimal_reference(cell: &[u8]) -> Option<(f64, SeparatorEvidence)> {
        let (negative, digits) = match cell.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, cell),
        };
        if digits.len() > 16 {
            return None;
        }
        let (integer, fraction) = match digits.iter().position(|&b| b == b'.') {
            Some(point) => (&digits[..point], Some(&digits[point + 1..])),
            None => (digits, None),
        };
        let fraction_digits = fraction.unwrap_or_default();
        let count = integer.len() + fraction_digits.len();
        if count == 0 || count > 15 {
            return None;
        }
        let mut mantissa: u64 = 0;
        for &byte in integer.iter().chain(fraction_digits) {
            let digit = byte.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            mantissa = mantissa * 10 + u64::from(digit);
        }
        let magnitude = mantissa as f64 / EXACT_POWERS_OF_TEN[fraction_digits.len()];
        let evidence = match fraction {
            None => SeparatorEvidence::None,
            Some(f) if f.len() == 3 && (1..=3).contains(&integer.len()) && integer[0] != b'0' => {
                SeparatorEvidence::Ambiguous
            }
            Some(_) => SeparatorEvidence::Point,
        };
        Some((if negative { -magnitude } else { magnitude }, evidence))
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_plain_reading_is_the_reference_reading(
            messy in "-?[-0-9.a ,]{0,18}",
            plain in "-?[0-9]{0,10}\\.?[0-9]{0,8}",
        ) {
            for cell in [messy, plain] {
                let fast = plain_decimal_with_evidence(cell.as_bytes());
                let reference = plain_decimal_reference(cell.as_bytes());
                proptest::prop_assert_eq!(
                    fast.map(|(v, e)| (v.to_bits(), e)),
                    reference.map(|(v, e)| (v.to_bits(), e))
                );
                if let Some((value, _)) = fast {
                    proptest::prop_assert_eq!(
                        Some(value.to_bits()),
                        cell.parse::<f64>().ok().map(f64::to_bits)
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_decimals_read_exactly_as_the_standard_parser(
            cell in "-?[0-9]{0,12}(\\.[0-9]{0,12})?",
        ) {
            let expected = cell.parse::<f64>().ok();
            let fast = plain_decimal(cell.as_bytes());
            if let Some(value) = fast {
                proptest::prop_assert_eq!(Some(value.to_bits()), expected.map(f64::to_bits));
            }
            if let Some(expected) = expected {
                proptest::prop_assert_eq!(
                    parse_number(&cell, Point),
                    NumberCell::Value(expected)
                );
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_evidence_agrees_with_the_general_evidence(
            cell in "-?[0-9]{0,5}(\\.[0-9]{0,5})?",
        ) {
            if let Some((_, evidence)) = plain_decimal_with_evidence(cell.as_bytes()) {
                proptest::prop_assert_eq!(evidence, separator_evidence(&cell));
            }
        }
    }

    #[test]
    fn plain_decimals_fall_back_beyond_fifteen_digits() {
        assert_eq!(plain_decimal(b"510.95999000000006"), None);
        assert_eq!(value("510.95999000000006", Point), 510.959_990_000_000_06);
        assert_eq!(plain_decimal(b"-0"), Some(-0.0));
        assert_eq!(plain_decimal(b"."), None);
        assert_eq!(plain_decimal(b"1e5"), None);
        assert_eq!(plain_decimal(b"2873.34009"), Some(2873.34009));
    }

    #[test]
    fn recognises_missing_markers() {
        for cell in ["", " ", ".", "null", "NaN", "N/A", "#N/A", "-", "--"] {
            assert_eq!(parse_number(cell, Point), NumberCell::Missing, "{cell:?}");
        }
    }

    #[test]
    fn refuses_text() {
        for cell in ["abc", "12abc", "1.2.3", "Highest: 4,796.56", "$", "%"] {
            assert_eq!(parse_number(cell, Point), NumberCell::Invalid, "{cell:?}");
        }
        assert_eq!(parse_number("1,2,3", Comma), NumberCell::Invalid);
    }

    #[test]
    fn thousands_separators_must_group_digits_by_three() {
        // Well-formed groups, with every separator.
        assert_eq!(value("1,234,567.5", Point), 1_234_567.5);
        assert_eq!(value("12.345.678", Comma), 12_345_678.0);
        assert_eq!(value("123 456,5", Comma), 123_456.5);
        assert_eq!(value("1\u{202f}234\u{202f}567,5", Comma), 1_234_567.5);
        assert_eq!(value("1\u{2009}234.5", Point), 1234.5);
        assert_eq!(value("1'234'567", Point), 1_234_567.0);
        assert_eq!(value("-1.234,5", Comma), -1234.5);
        assert_eq!(value("1,234e2", Point), 123_400.0);
        // A separator where no thousands grouping can be: not a number, never 12 or 123.
        for (cell, decimal) in [
            ("1.2", Comma),
            ("1,23", Point),
            ("12,34", Point),
            ("1.2345", Comma),
            ("1234.567", Comma),
            ("1,234,56", Point),
            ("12,34,567", Point),
            ("1.234.56,7", Comma),
            ("1,2345.6", Point),
            ("0,123", Point),
            ("0.123", Comma),
            (",123", Point),
            ("1,234 567", Point),
            ("1 2", Comma),
            ("$1,23", Point),
            ("1.2M", Comma),
            ("(1,23)", Point),
            ("1,23e2", Point),
        ] {
            assert_eq!(
                parse_number(cell, decimal),
                NumberCell::Invalid,
                "{cell:?} with {decimal:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn a_grouped_integer_reads_as_its_digits_exactly_when_grouped_by_three(
            lead in "[1-9][0-9]{0,3}",
            groups in proptest::collection::vec("[0-9]{1,4}", 1..4),
            separator in proptest::sample::select(vec![',', '.', ' ', '\'', '\u{a0}', '\u{202f}']),
        ) {
            let cell = std::iter::once(lead.as_str())
                .chain(groups.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(&separator.to_string());
            let well_formed = lead.len() <= 3 && groups.iter().all(|g| g.len() == 3);
            // The separator is a thousands separator only with the other decimal separator.
            let decimal = if separator == '.' { Comma } else { Point };
            let digits: String = cell.chars().filter(char::is_ascii_digit).collect();
            let expected = if well_formed {
                NumberCell::Value(digits.parse::<f64>().unwrap_or(f64::NAN))
            } else {
                NumberCell::Invalid
            };
            proptest::prop_assert_eq!(parse_number(&cell, decimal), expected, "{:?}", cell);
        }
    }

    #[test]
    fn infinity_is_a_value_the_caller_rejects() {
        assert!(matches!(parse_number("Inf", Point), NumberCell::Value(v) if v.is_infinite()));
    }

    #[test]
    fn evidence_tells_decimal_from_grouping() {
        use SeparatorEvidence as E;
        assert_eq!(separator_evidence("1.5"), E::Point);
        assert_eq!(separator_evidence("4.44"), E::Point);
        assert_eq!(separator_evidence("0.123"), E::Point);
        assert_eq!(separator_evidence("1,234.56"), E::Point);
        assert_eq!(separator_evidence("2,778,192"), E::Point);
        assert_eq!(separator_evidence("1,5"), E::Comma);
        assert_eq!(separator_evidence("1.234,56"), E::Comma);
        assert_eq!(separator_evidence("1.234.567"), E::Comma);
        assert_eq!(separator_evidence("-1,04%"), E::Comma);
        assert_eq!(separator_evidence("1.234"), E::Ambiguous);
        assert_eq!(separator_evidence("100.923"), E::Ambiguous);
        assert_eq!(separator_evidence("12,345"), E::Ambiguous);
        assert_eq!(separator_evidence("1234.567"), E::Point);
        assert_eq!(separator_evidence("1234"), E::None);
        assert_eq!(separator_evidence("-0.5"), E::Point);
        assert_eq!(separator_evidence(".5"), E::Point);
    }

    #[test]
    fn the_plain_number_shortcut_agrees_with_the_general_reading() {
        for cell in [
            "0", "12", "-12", "1.5", "-1.5", "1.234", "-1.234", "0.123", "1234.567", "12.3456",
            "100.923", ".5", "5.", "0.000", "999.999",
        ] {
            let body = Body::from_cell(cell).unwrap_or_else(|| panic!("{cell}"));
            let points = body.digits.matches('.').count();
            let general = if points == 0 {
                SeparatorEvidence::None
            } else {
                single_separator_evidence(
                    body.digits,
                    '.',
                    points,
                    SeparatorEvidence::Point,
                    SeparatorEvidence::Comma,
                )
            };
            assert_eq!(
                plain_number_evidence(cell.as_bytes()),
                Some(general),
                "{cell}"
            );
        }
        for cell in ["", "-", ".", "1,5", "1.2.3", "$5", " 5", "5%"] {
            assert_eq!(plain_number_evidence(cell.as_bytes()), None, "{cell:?}");
        }
    }
}
