//! Total return from a price series and its dividends: cash dividends on their ex-dates (Yahoo's
//! dividend history) or an annual dividend per share (Shiller's data).

use crate::analytics::Frequency;
use crate::model::{Date, Series};

use super::error::DeriveError;

/// Dates and values of a derived series, before it is named.
pub type Columns = (Vec<Date>, Vec<f64>);

/// `total_return(P, D, cash)`: on P's dates; `TR_0 = P_0`;
/// `TR_t = TR_{t−1} × (P_t + div_t) / P_{t−1}`, where `div_t` is the sum of D's amounts dated
/// after `date_{t−1}`, up to `date_t` (D: cash dividends per share on their ex-dates, as in Yahoo's
/// dividend history `Date,Dividends`). A dividend on or before P's first date is not counted;
/// amounts must not be negative and P must be positive.
///
/// `context` (the definition) is named in errors.
pub fn total_return_cash(
    price: &Series,
    dividends: &Series,
    context: &str,
) -> Result<Columns, DeriveError> {
    check_dividends(dividends, context)?;
    check_positive(price, 0, price.len(), context)?;
    let (dates, p) = (price.dates(), price.values());
    let Some(&first) = p.first() else {
        return Err(empty(
            context,
            format!("the price series {:?} has no observations", price.name),
        ));
    };
    let (d_dates, d_values) = (dividends.dates(), dividends.values());
    let mut next = d_dates.partition_point(|d| *d <= dates[0]);
    let mut tr = Vec::with_capacity(p.len());
    tr.push(first);
    for t in 1..p.len() {
        let mut div = 0.0;
        while next < d_dates.len() && d_dates[next] <= dates[t] {
            div += d_values[next];
            next += 1;
        }
        tr.push(tr[t - 1] * (p[t] + div) / p[t - 1]);
    }
    Ok((dates.to_vec(), tr))
}

/// `total_return(P, D, annual-rate)`: on P's dates from P's first date with a D value on or
/// before it, up to D's last date; `D_t` = D's last value on or before `date_t`; `TR_0 = P_0`;
/// `TR_t = TR_{t−1} × (P_t + D_t / m) / P_{t−1}`, m = P's periods per year (12 monthly, 52
/// weekly, 252 daily, 4 quarterly, 1 yearly), from the median gap between P's dates. D is an
/// annual dividend per share, as in Shiller's data; it must not be negative and P must be
/// positive.
///
/// `context` (the definition) is named in errors.
pub fn total_return_annual_rate(
    price: &Series,
    dividends: &Series,
    context: &str,
) -> Result<Columns, DeriveError> {
    check_dividends(dividends, context)?;
    let (Some((d_first, _)), Some((d_last, _))) = (dividends.first(), dividends.last()) else {
        return Err(empty(
            context,
            format!(
                "the dividend series {:?} has no observations",
                dividends.name
            ),
        ));
    };
    let dates = price.dates();
    let start = dates.partition_point(|d| *d < d_first);
    let end = dates.partition_point(|d| *d <= d_last);
    if start >= end {
        return Err(empty(
            context,
            format!(
                "{:?} has no date from {d_first} to {d_last}, the dates of {:?}",
                price.name, dividends.name
            ),
        ));
    }
    check_positive(price, start, end, context)?;
    let m = Frequency::of_dates(dates).map_or(1.0, Frequency::periods_per_year);
    let p = price.values();
    let d_values = dividends.values();
    let mut tr = Vec::with_capacity(end - start);
    tr.push(p[start]);
    for t in start + 1..end {
        let d_t = dividends
            .index_on_or_before(dates[t])
            .map_or(0.0, |i| d_values[i]);
        let previous = tr[tr.len() - 1];
        tr.push(previous * (p[t] + d_t / m) / p[t - 1]);
    }
    Ok((dates[start..end].to_vec(), tr))
}

fn check_dividends(dividends: &Series, context: &str) -> Result<(), DeriveError> {
    match dividends.values().iter().position(|v| *v < 0.0) {
        Some(i) => Err(DeriveError::NegativeDividend {
            definition: context.to_string(),
            series: dividends.name.clone(),
            date: dividends.dates()[i],
            value: dividends.values()[i],
        }),
        None => Ok(()),
    }
}

/// Every value of `series` in `start..end` must be positive.
pub(super) fn check_positive(
    series: &Series,
    start: usize,
    end: usize,
    context: &str,
) -> Result<(), DeriveError> {
    let values = &series.values()[start..end];
    match values.iter().position(|v| *v <= 0.0) {
        Some(i) => Err(DeriveError::NotPositive {
            definition: context.to_string(),
            series: series.name.clone(),
            date: series.dates()[start + i],
            value: values[i],
        }),
        None => Ok(()),
    }
}

pub(super) fn empty(context: &str, reason: String) -> DeriveError {
    DeriveError::Empty {
        definition: context.to_string(),
        reason,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    pub(crate) use crate::testing::dated_series as series;

    #[test]
    fn cash_dividends_are_summed_between_sessions_and_one_on_the_first_date_is_not_counted() {
        let price = series(
            "P",
            &[
                ("2024-01-02", 100.0),
                ("2024-01-03", 101.0),
                ("2024-01-05", 99.0),
                ("2024-01-08", 100.0),
            ],
        );
        let dividends = series(
            "D",
            &[
                ("2024-01-02", 5.0),
                ("2024-01-04", 1.0),
                ("2024-01-05", 0.5),
                ("2024-01-09", 9.0),
            ],
        );
        let (dates, tr) = total_return_cash(&price, &dividends, "T").unwrap();
        assert_eq!(dates, price.dates());
        let expected = [
            100.0,
            100.0 * 101.0 / 100.0,
            100.0 * 101.0 / 100.0 * (99.0 + 1.5) / 101.0,
            100.0 * 101.0 / 100.0 * (99.0 + 1.5) / 101.0 * 100.0 / 99.0,
        ];
        assert_eq!(tr, expected);
        assert!((tr[3] - 101.5151515151515).abs() < 1e-9);
    }

    #[test]
    fn negative_dividends_and_a_zero_price_are_refused() {
        let price = series("P", &[("2024-01-02", 100.0), ("2024-01-03", 0.0)]);
        let dividends = series("D", &[("2024-01-03", -1.0)]);
        let error =
            total_return_cash(&price, &dividends, "T = total_return(P, D, cash)").unwrap_err();
        assert_eq!(
            error.to_string(),
            "T = total_return(P, D, cash): the dividends \"D\" are negative on 2024-01-03 (-1); \
             dividends must be zero or more"
        );
        let dividends = series("D", &[("2024-01-03", 1.0)]);
        let error = total_return_cash(&price, &dividends, "T").unwrap_err();
        assert!(
            matches!(error, DeriveError::NotPositive { value: 0.0, .. }),
            "{error}"
        );
    }

    #[test]
    fn an_annual_rate_is_spread_over_the_periods_of_a_year_within_the_dividends_dates() {
        let price = series(
            "P",
            &[
                ("2000-01-01", 100.0),
                ("2000-02-01", 110.0),
                ("2000-03-01", 120.0),
                ("2000-04-01", 130.0),
                ("2000-05-01", 140.0),
            ],
        );
        let dividends = series("D", &[("2000-02-01", 12.0), ("2000-03-15", 24.0)]);
        let (dates, tr) = total_return_annual_rate(&price, &dividends, "T").unwrap();
        assert_eq!(
            dates.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["2000-02-01", "2000-03-01"]
        );
        // Monthly: m = 12; D on 2000-03-01 is 12 (the 24 comes later).
        assert_eq!(tr, [110.0, 110.0 * (120.0 + 1.0) / 110.0]);
        let late = series("D", &[("2001-01-01", 1.0)]);
        assert!(matches!(
            total_return_annual_rate(&price, &late, "T"),
            Err(DeriveError::Empty { .. })
        ));
    }
}
