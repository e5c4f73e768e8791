//! A weighted composite of several series, rebalanced to its weights every session; an
//! equal-weight basket is one with `1/k` each.

use crate::model::Series;

use super::error::DeriveError;
use super::total_return::{Columns, empty};

/// `composite(w1*S1, …, wk*Sk)`: on S1's dates from the first date on which every S_i has a
/// value on or before it (each S_i's last value on or before `date_t`); `L_0 = 100`;
/// `L_t = L_{t−1} × (1 + Σ_i w_i (S_i,t / S_i,t−1 − 1))`, rebalanced every session; weights are
/// any numbers (negative for a short leg). An equal-weight basket is composite with 1/k each.
/// Every member's value before a session must be positive.
///
/// `members` are (weight, series) with S1 first; `context` (the definition) is named in errors.
pub fn composite(members: &[(f64, &Series)], context: &str) -> Result<Columns, DeriveError> {
    let Some((_, first)) = members.first() else {
        return Err(empty(
            context,
            "a composite needs at least one member".to_string(),
        ));
    };
    let dates = first.dates();
    // Every member's first date; the composite starts on S1's first date on or after all of them.
    let mut start_date = None;
    for (_, member) in members {
        let Some((date, _)) = member.first() else {
            return Err(empty(
                context,
                format!("{:?} has no observations", member.name),
            ));
        };
        start_date = Some(start_date.map_or(date, |d: crate::model::Date| d.max(date)));
    }
    let start = start_date.map_or(0, |s| dates.partition_point(|d| *d < s));
    if start >= dates.len() {
        return Err(empty(
            context,
            format!(
                "{:?} has no date on which every member has a value",
                first.name
            ),
        ));
    }
    // Each member's values carried to S1's dates.
    let carried: Vec<Vec<f64>> = members
        .iter()
        .map(|(_, member)| {
            let values = member.values();
            dates[start..]
                .iter()
                .map(|d| {
                    member
                        .index_on_or_before(*d)
                        .map_or(f64::NAN, |i| values[i])
                })
                .collect()
        })
        .collect();
    for ((_, member), values) in members.iter().zip(&carried) {
        let before_last = &values[..values.len() - 1];
        if let Some(i) = before_last.iter().position(|v| *v <= 0.0) {
            let date = dates[start + i];
            return Err(DeriveError::NotPositive {
                definition: context.to_string(),
                series: member.name.clone(),
                date,
                value: before_last[i],
            });
        }
    }
    let mut level = Vec::with_capacity(dates.len() - start);
    level.push(100.0);
    for t in 1..dates.len() - start {
        let change: f64 = members
            .iter()
            .zip(&carried)
            .map(|((weight, _), values)| weight * (values[t] / values[t - 1] - 1.0))
            .sum();
        level.push(level[t - 1] * (1.0 + change));
    }
    Ok((dates[start..].to_vec(), level))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use crate::testing::dated_series as series;

    #[test]
    fn starts_when_every_member_has_a_value_and_carries_the_last_one() {
        let a = series(
            "A",
            &[
                ("2024-01-01", 10.0),
                ("2024-01-02", 11.0),
                ("2024-01-03", 12.1),
                ("2024-01-04", 12.1),
            ],
        );
        let b = series("B", &[("2024-01-02", 50.0), ("2024-01-03", 40.0)]);
        let (dates, level) = composite(&[(0.6, &a), (0.4, &b)], "C").unwrap();
        assert_eq!(dates, a.dates()[1..]);
        // 2024-01-03: 0.6 × 10% + 0.4 × −20% = −2%; 2024-01-04: A flat, B carried: 0%.
        assert_eq!(level.len(), 3);
        assert_eq!(level[0], 100.0);
        assert!((level[1] - 98.0).abs() < 1e-12);
        assert!((level[2] - 98.0).abs() < 1e-12);
        let (_, short) = composite(&[(1.0, &a), (-1.0, &b)], "C").unwrap();
        assert!((short[1] - 130.0).abs() < 1e-12);
    }

    #[test]
    fn members_that_never_overlap_or_a_zero_before_a_session_are_errors() {
        let a = series("A", &[("2024-01-01", 10.0)]);
        let b = series("B", &[("2024-02-01", 10.0)]);
        assert!(matches!(
            composite(&[(0.5, &a), (0.5, &b)], "C"),
            Err(DeriveError::Empty { .. })
        ));
        let zero = series("Z", &[("2024-01-01", 0.0), ("2024-01-02", 1.0)]);
        let c = series("A", &[("2024-01-01", 10.0), ("2024-01-02", 11.0)]);
        assert!(matches!(
            composite(&[(0.5, &c), (0.5, &zero)], "C"),
            Err(DeriveError::NotPositive { .. })
        ));
        assert!(matches!(
            composite(&[], "C"),
            Err(DeriveError::Empty { .. })
        ));
    }
}
