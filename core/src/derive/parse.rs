//! Reads a definition as the user writes it: `NAME = total_return(PRICE, DIVIDENDS, cash)`,
//! `NAME = convert(SERIES, FX, divide)`, `NAME = composite(0.6*SPY, 0.4*IWM)`. Names may hold
//! spaces, `^`, `&` and any other character; one holding a comma, `*` or a quote is written in
//! double quotes (a quote inside doubled). Weights are numbers (`-0.4`, `1e-1`) or fractions
//! (`1/3`).

use super::definition::{Derivation, DerivedDefinition, DividendMode, FxOperation, Weighted};
use super::error::DeriveError;

const FUNCTIONS: [&str; 3] = ["total_return", "convert", "composite"];

/// Parses `NAME = fn(args)`; every problem is a [`DeriveError::Syntax`] or
/// [`DeriveError::BadWeight`] naming the text.
pub fn parse_definition(text: &str) -> Result<DerivedDefinition, DeriveError> {
    let syntax = |expected: &str| syntax(text, expected);
    let mut call = None;
    for (at, _) in text.match_indices('=') {
        let rhs = text[at + 1..].trim();
        let function: String = rhs
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let after = rhs[function.len()..].trim_start();
        if !function.is_empty() && after.starts_with('(') {
            call = Some((text[..at].trim(), function, after));
            break;
        }
    }
    let Some((name, function, call_text)) = call else {
        return Err(syntax(
            "NAME = total_return(PRICE, DIVIDENDS, cash|annual-rate), \
             NAME = convert(SERIES, FX, multiply|divide) or NAME = composite(w1*S1, w2*S2, …)",
        ));
    };
    if name.is_empty() {
        return Err(syntax("a name before \"=\""));
    }
    if !FUNCTIONS.contains(&function.as_str()) {
        return Err(syntax(&format!(
            "total_return, convert or composite after \"=\", not {function:?}"
        )));
    }
    let Some(inside) = call_text
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    else {
        return Err(syntax(&format!("{function}(…) ending with \")\"")));
    };
    let args = split_outside_quotes(inside, ',');
    let derivation = match function.as_str() {
        "total_return" => total_return_call(text, &args)?,
        "convert" => convert_call(text, &args)?,
        _ => composite_call(text, &args)?,
    };
    Ok(DerivedDefinition {
        name: name.to_string(),
        derivation,
    })
}

/// A syntax error in `text`: what was expected.
fn syntax(text: &str, expected: &str) -> DeriveError {
    DeriveError::Syntax {
        text: text.to_string(),
        expected: expected.to_string(),
    }
}

/// The arguments of `total_return(PRICE, DIVIDENDS, cash|annual-rate)`.
fn total_return_call(text: &str, args: &[String]) -> Result<Derivation, DeriveError> {
    let syntax = |expected: &str| syntax(text, expected);
    let [price, dividends, mode] = args else {
        return Err(syntax(
            "three arguments: total_return(PRICE, DIVIDENDS, cash|annual-rate)",
        ));
    };
    let mode = match mode.trim().to_lowercase().as_str() {
        "cash" => DividendMode::Cash,
        "annual-rate" | "annual_rate" | "annual rate" => DividendMode::AnnualRate,
        other => {
            return Err(syntax(&format!(
                "cash or annual-rate as the third argument, not {other:?}"
            )));
        }
    };
    Ok(Derivation::TotalReturn {
        price: series_name(price).ok_or_else(|| syntax("a price series name"))?,
        dividends: series_name(dividends).ok_or_else(|| syntax("a dividend series name"))?,
        mode,
    })
}

/// The arguments of `convert(SERIES, FX, multiply|divide)`.
fn convert_call(text: &str, args: &[String]) -> Result<Derivation, DeriveError> {
    let syntax = |expected: &str| syntax(text, expected);
    let [series, fx, operation] = args else {
        return Err(syntax(
            "three arguments: convert(SERIES, FX, multiply|divide)",
        ));
    };
    let operation = match operation.trim().to_lowercase().as_str() {
        "multiply" => FxOperation::Multiply,
        "divide" => FxOperation::Divide,
        other => {
            return Err(syntax(&format!(
                "multiply or divide as the third argument, not {other:?}"
            )));
        }
    };
    Ok(Derivation::Convert {
        series: series_name(series).ok_or_else(|| syntax("a series name"))?,
        fx: series_name(fx).ok_or_else(|| syntax("an exchange-rate series name"))?,
        operation,
    })
}

/// The members of `composite(w1*S1, w2*S2, …)`.
fn composite_call(text: &str, args: &[String]) -> Result<Derivation, DeriveError> {
    let syntax = |expected: &str| syntax(text, expected);
    let mut members = Vec::with_capacity(args.len());
    for arg in args {
        let parts = split_outside_quotes(arg, '*');
        let Some((weight, rest)) = parts.split_first() else {
            return Err(syntax("WEIGHT*SERIES for every member"));
        };
        if rest.is_empty() {
            return Err(syntax(&format!(
                "WEIGHT*SERIES for every member, e.g. 0.5*{}",
                arg.trim()
            )));
        }
        let series_text = rest.join("*");
        let Some(series) = series_name(&series_text) else {
            return Err(syntax(&format!("a series name after {}*", weight.trim())));
        };
        let Some(weight) = parse_weight(weight) else {
            return Err(DeriveError::BadWeight {
                text: text.to_string(),
                weight: weight.trim().to_string(),
                series,
            });
        };
        members.push(Weighted { weight, series });
    }
    Ok(Derivation::Composite { members })
}

/// Splits at `separator` outside double quotes; parts keep their quotes and spaces.
fn split_outside_quotes(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == separator && !quoted {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    parts
}

/// A series name: trimmed, unquoted (a doubled quote inside is one quote); `None` when empty.
fn series_name(text: &str) -> Option<String> {
    let text = text.trim();
    let name = match text
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => inner.replace("\"\"", "\""),
        None => text.to_string(),
    };
    (!name.is_empty()).then_some(name)
}

/// A finite weight: a decimal number or a fraction `a/b`.
fn parse_weight(text: &str) -> Option<f64> {
    let text = text.trim();
    let value = match text.split_once('/') {
        Some((numerator, denominator)) => {
            numerator.trim().parse::<f64>().ok()? / denominator.trim().parse::<f64>().ok()?
        }
        None => text.parse::<f64>().ok()?,
    };
    value.is_finite().then_some(value)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_function_with_names_holding_spaces_carets_and_ampersands() {
        let tr =
            parse_definition("S&P 500 TR = total_return(SP500, Dividend, annual-rate)").unwrap();
        assert_eq!(tr.name, "S&P 500 TR");
        assert_eq!(
            tr.derivation,
            Derivation::TotalReturn {
                price: "SP500".into(),
                dividends: "Dividend".into(),
                mode: DividendMode::AnnualRate
            }
        );
        let eur = parse_definition("^NDX in EUR=convert( ^NDX , EUR/USD, divide )").unwrap();
        assert_eq!(eur.name, "^NDX in EUR");
        assert_eq!(
            eur.derivation,
            Derivation::Convert {
                series: "^NDX".into(),
                fx: "EUR/USD".into(),
                operation: FxOperation::Divide
            }
        );
        let basket =
            parse_definition("60/40 = composite(0.6*SPY, -0.4*\"A, \"\"B\"\"\", 1/3*^RUT)")
                .unwrap();
        assert_eq!(basket.name, "60/40");
        let Derivation::Composite { members } = &basket.derivation else {
            panic!("{basket:?}")
        };
        assert_eq!(members.len(), 3);
        assert_eq!(
            (members[0].weight, members[0].series.as_str()),
            (0.6, "SPY")
        );
        assert_eq!(
            (members[1].weight, members[1].series.as_str()),
            (-0.4, "A, \"B\"")
        );
        assert_eq!(
            (members[2].weight, members[2].series.as_str()),
            (1.0 / 3.0, "^RUT")
        );
        // What is printed parses back to the same definition.
        assert_eq!(parse_definition(&basket.to_string()).unwrap(), basket);
        assert_eq!(parse_definition(&tr.to_string()).unwrap(), tr);
    }

    #[test]
    fn bad_text_says_what_was_expected() {
        let message = |text: &str| parse_definition(text).unwrap_err().to_string();
        assert!(message("SPY TR").contains("expected NAME = total_return("));
        assert!(message(" = composite(1*A)").contains("a name before"));
        assert!(message("X = average(A, B)").contains("not \"average\""));
        assert!(message("X = total_return(A, B)").contains("three arguments"));
        assert!(message("X = total_return(A, B, monthly)").contains("cash or annual-rate"));
        assert!(message("X = convert(A, B, times)").contains("multiply or divide"));
        assert!(message("X = composite(0.5*A, B)").contains("WEIGHT*SERIES"));
        assert!(message("X = composite(0.5*A, 0.5*B").contains("ending with"));
        assert_eq!(
            parse_definition("X = composite(half*A, 0.5*B)").unwrap_err(),
            DeriveError::BadWeight {
                text: "X = composite(half*A, 0.5*B)".into(),
                weight: "half".into(),
                series: "A".into()
            }
        );
        assert!(matches!(
            parse_definition("X = composite(1/0*A)"),
            Err(DeriveError::BadWeight { .. })
        ));
    }
}
