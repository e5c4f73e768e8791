//! How numbers read on screen: thousands separators, signed percentages, ordinals for
//! percentile ranks and tick labels with as many decimals as their spacing needs. ASCII only, so
//! copied text pastes into a spreadsheet as numbers.

/// `value` with `decimals` decimals and a comma between thousands: `1,234.56`, `-0.50`.
#[must_use]
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    // "-0.00" would suggest a sign the rounded value does not have.
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A signed number with a unit: `+3.25 pp`, `-0.40%`; zero (after rounding) has no sign.
#[must_use]
pub fn signed(value: f64, decimals: usize, unit: &str) -> String {
    let body = grouped(value, decimals);
    if body.is_empty() {
        return body;
    }
    let zero = !body.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if value > 0.0 && !zero {
        format!("+{body}{unit}")
    } else {
        format!("{body}{unit}")
    }
}

/// A fraction as a signed percentage: `0.1052` → `+10.52%` with two decimals.
#[must_use]
pub fn signed_percent(fraction: f64, decimals: usize) -> String {
    signed(100.0 * fraction, decimals, "%")
}

/// A fraction as an unsigned-looking percentage (negatives keep their sign): `0.183` → `18.30%`.
#[must_use]
pub fn percent(fraction: f64, decimals: usize) -> String {
    let body = grouped(100.0 * fraction, decimals);
    if body.is_empty() {
        body
    } else {
        format!("{body}%")
    }
}

/// A percentile rank (0–100) as an ordinal: `87.4` → `87th`, `1` → `1st`, `12` → `12th`.
#[must_use]
pub fn ordinal(rank: f64) -> String {
    if !rank.is_finite() {
        return String::new();
    }
    let n = rank.round().clamp(0.0, 100.0) as u32;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The decimals a tick label needs when ticks are `step` apart (0 for steps of 1 or more).
#[must_use]
pub fn decimals_for_step(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 || step >= 1.0 {
        return 0;
    }
    (-step.log10().floor()).clamp(0.0, 8.0) as usize
}

/// A level with as many decimals as its size needs: 2 below 1 000, none above.
#[must_use]
pub fn level(value: f64) -> String {
    let decimals = if value.abs() >= 1000.0 {
        0
    } else if value.abs() >= 1.0 || value == 0.0 {
        2
    } else {
        4
    };
    grouped(value, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_keeps_signs_honest() {
        assert_eq!(grouped(1234.567, 2), "1,234.57");
        assert_eq!(grouped(-1_234_567.0, 0), "-1,234,567");
        assert_eq!(grouped(999.0, 1), "999.0");
        assert_eq!(grouped(-0.001, 2), "0.00");
        assert_eq!(grouped(f64::NAN, 2), "");
        assert_eq!(grouped(100_000.0, 0), "100,000");
    }

    #[test]
    fn signed_values_and_percentages() {
        assert_eq!(signed_percent(0.1052, 2), "+10.52%");
        assert_eq!(signed_percent(-0.031, 2), "-3.10%");
        assert_eq!(signed_percent(0.0, 2), "0.00%");
        assert_eq!(signed_percent(0.00001, 2), "0.00%");
        assert_eq!(signed(3.25, 2, " pp"), "+3.25 pp");
        assert_eq!(percent(0.183, 1), "18.3%");
        assert_eq!(percent(-0.5, 1), "-50.0%");
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(87.4), "87th");
        assert_eq!(ordinal(1.0), "1st");
        assert_eq!(ordinal(2.2), "2nd");
        assert_eq!(ordinal(23.0), "23rd");
        assert_eq!(ordinal(11.0), "11th");
        assert_eq!(ordinal(12.6), "13th");
        assert_eq!(ordinal(100.0), "100th");
        assert_eq!(ordinal(0.0), "0th");
    }

    #[test]
    fn tick_decimals_follow_the_step() {
        assert_eq!(decimals_for_step(20.0), 0);
        assert_eq!(decimals_for_step(0.5), 1);
        assert_eq!(decimals_for_step(0.05), 2);
        assert_eq!(decimals_for_step(0.0), 0);
        assert_eq!(level(4567.8), "4,568");
        assert_eq!(level(4.5678), "4.57");
        assert_eq!(level(0.012345), "0.0123");
    }
}
