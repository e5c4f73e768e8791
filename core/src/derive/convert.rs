//! A series converted into another currency by an exchange-rate series.

use crate::model::Series;

use super::definition::FxOperation;
use super::error::DeriveError;
use super::total_return::{Columns, empty};

/// `convert(S, FX, multiply|divide)`: on S's dates from FX's first date; `FX_t` = FX's last value
/// on or before `date_t`; `S_t × FX_t` or `S_t / FX_t`. Every FX value must be positive.
///
/// `context` (the definition) is named in errors.
pub fn convert(
    series: &Series,
    fx: &Series,
    operation: FxOperation,
    context: &str,
) -> Result<Columns, DeriveError> {
    if let Some(i) = fx.values().iter().position(|v| *v <= 0.0) {
        return Err(DeriveError::FxNotPositive {
            definition: context.to_string(),
            series: fx.name.clone(),
            date: fx.dates()[i],
            value: fx.values()[i],
        });
    }
    let Some((fx_first, _)) = fx.first() else {
        return Err(empty(
            context,
            format!("the exchange rate {:?} has no observations", fx.name),
        ));
    };
    let dates = series.dates();
    let start = dates.partition_point(|d| *d < fx_first);
    if start >= dates.len() {
        return Err(empty(
            context,
            format!(
                "{:?} has no date on or after {fx_first}, the first date of {:?}",
                series.name, fx.name
            ),
        ));
    }
    let fx_values = fx.values();
    let values = dates[start..]
        .iter()
        .zip(&series.values()[start..])
        .map(|(date, s)| {
            let rate = fx
                .index_on_or_before(*date)
                .map_or(f64::NAN, |i| fx_values[i]);
            match operation {
                FxOperation::Multiply => s * rate,
                FxOperation::Divide => s / rate,
            }
        })
        .collect();
    Ok((dates[start..].to_vec(), values))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use crate::testing::dated_series as series;

    #[test]
    fn converts_from_the_first_rate_with_the_last_rate_on_or_before_each_date() {
        let ndx = series(
            "^NDX",
            &[
                ("2024-01-01", 100.0),
                ("2024-01-02", 110.0),
                ("2024-01-03", 120.0),
                ("2024-01-04", 130.0),
            ],
        );
        let eurusd = series("EURUSD", &[("2024-01-02", 1.25), ("2024-01-04", 1.0)]);
        let (dates, values) = convert(&ndx, &eurusd, FxOperation::Divide, "X").unwrap();
        assert_eq!(dates, ndx.dates()[1..]);
        assert_eq!(values, [88.0, 96.0, 130.0]);
        let (_, values) = convert(&ndx, &eurusd, FxOperation::Multiply, "X").unwrap();
        assert_eq!(values, [137.5, 150.0, 130.0]);
    }

    #[test]
    fn a_zero_rate_or_no_common_dates_is_an_error() {
        let s = series("S", &[("2024-01-01", 100.0)]);
        let zero = series("FX", &[("2023-12-01", 1.1), ("2023-12-02", 0.0)]);
        let error = convert(
            &s,
            &zero,
            FxOperation::Multiply,
            "E = convert(S, FX, multiply)",
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "E = convert(S, FX, multiply): the exchange rate \"FX\" is 0 on 2023-12-02; an \
             exchange rate must be positive"
        );
        let late = series("FX", &[("2024-02-01", 1.1)]);
        assert!(matches!(
            convert(&s, &late, FxOperation::Multiply, "E"),
            Err(DeriveError::Empty { .. })
        ));
    }
}
