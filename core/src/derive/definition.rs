//! What a derived series is made of: the function, its inputs by name and its options, the text
//! it is written as (`NAME = fn(args)`) and the exact written definition of each function, shown
//! in tooltips and repeated word for word in the rustdoc of the code that computes it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The `format` of the [`Source`](crate::model::Source) of a derived series; its `column` holds
/// the definition as written.
pub const DERIVED_FORMAT: &str = "Derived series";

/// How a dividend series is read by a total return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DividendMode {
    /// Cash dividends per share on their ex-dates (Yahoo's dividend history).
    Cash,
    /// An annual dividend per share, as in Shiller's data.
    AnnualRate,
}

impl DividendMode {
    /// The word used in a definition: `cash` or `annual-rate`.
    #[must_use]
    pub fn keyword(self) -> &'static str {
        match self {
            DividendMode::Cash => "cash",
            DividendMode::AnnualRate => "annual-rate",
        }
    }
}

/// How an exchange rate is applied to a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FxOperation {
    /// `S_t × FX_t`: the rate is units of the new currency per unit of the series' currency.
    Multiply,
    /// `S_t / FX_t`: the rate is units of the series' currency per unit of the new currency.
    Divide,
}

impl FxOperation {
    /// The word used in a definition: `multiply` or `divide`.
    #[must_use]
    pub fn keyword(self) -> &'static str {
        match self {
            FxOperation::Multiply => "multiply",
            FxOperation::Divide => "divide",
        }
    }
}

/// One member of a composite: a weight and a series name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weighted {
    /// The weight, any finite number (negative for a short leg).
    pub weight: f64,
    /// The member series, by name.
    pub series: String,
}

/// The function a derived series is computed by, with its inputs by name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "function", rename_all = "snake_case")]
pub enum Derivation {
    /// `total_return(PRICE, DIVIDENDS, cash|annual-rate)`.
    TotalReturn {
        /// The price series.
        price: String,
        /// The dividend series.
        dividends: String,
        /// How the dividends are read.
        mode: DividendMode,
    },
    /// `convert(SERIES, FX, multiply|divide)`.
    Convert {
        /// The series to convert.
        series: String,
        /// The exchange rate.
        fx: String,
        /// Multiply or divide by the rate.
        operation: FxOperation,
    },
    /// `composite(w1*S1, …, wk*Sk)`.
    Composite {
        /// The members in order; the first sets the dates.
        members: Vec<Weighted>,
    },
}

/// A named derived series as the user wrote it: `NAME = fn(args)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DerivedDefinition {
    /// The name of the series it makes.
    pub name: String,
    /// How it is computed.
    #[serde(flatten)]
    pub derivation: Derivation,
}

impl Derivation {
    /// The names of the series it reads, in argument order (a name used twice appears twice).
    #[must_use]
    pub fn inputs(&self) -> Vec<&str> {
        match self {
            Derivation::TotalReturn {
                price, dividends, ..
            } => vec![price, dividends],
            Derivation::Convert { series, fx, .. } => vec![series, fx],
            Derivation::Composite { members } => {
                members.iter().map(|m| m.series.as_str()).collect()
            }
        }
    }

    /// Whether it reads the named series.
    #[must_use]
    pub fn uses(&self, name: &str) -> bool {
        self.inputs().contains(&name)
    }

    /// Renames every input called `old` to `new`.
    pub fn rename_input(&mut self, old: &str, new: &str) {
        let rename = |name: &mut String| {
            if name == old {
                *name = new.to_string();
            }
        };
        match self {
            Derivation::TotalReturn {
                price, dividends, ..
            } => {
                rename(price);
                rename(dividends);
            }
            Derivation::Convert { series, fx, .. } => {
                rename(series);
                rename(fx);
            }
            Derivation::Composite { members } => {
                for member in members {
                    rename(&mut member.series);
                }
            }
        }
    }

    /// An equal-weight basket of `names`: a composite with weight `1/k` each.
    #[must_use]
    pub fn equal_weight(names: &[String]) -> Derivation {
        let weight = 1.0 / names.len().max(1) as f64;
        Derivation::Composite {
            members: names
                .iter()
                .map(|name| Weighted {
                    weight,
                    series: name.clone(),
                })
                .collect(),
        }
    }

    /// The exact written definition of its function, for tooltips and documentation.
    #[must_use]
    pub fn definition(&self) -> &'static str {
        match self {
            Derivation::TotalReturn {
                mode: DividendMode::Cash,
                ..
            } => TOTAL_RETURN_CASH,
            Derivation::TotalReturn {
                mode: DividendMode::AnnualRate,
                ..
            } => TOTAL_RETURN_ANNUAL_RATE,
            Derivation::Convert { .. } => CONVERT,
            Derivation::Composite { .. } => COMPOSITE,
        }
    }
}

/// The written definition of `total_return(P, D, cash)`.
pub const TOTAL_RETURN_CASH: &str = "total_return(P, D, cash): on P's dates; TR_0 = P_0; \
TR_t = TR_{t−1} × (P_t + div_t) / P_{t−1}, where div_t is the sum of D's amounts dated after \
date_{t−1}, up to date_t (D: cash dividends per share on their ex-dates, as in Yahoo's dividend \
history Date,Dividends). A dividend on or before P's first date is not counted; amounts must not \
be negative and P must be positive.";

/// The written definition of `total_return(P, D, annual-rate)`.
pub const TOTAL_RETURN_ANNUAL_RATE: &str = "total_return(P, D, annual-rate): on P's dates from \
P's first date with a D value on or before it, up to D's last date; D_t = D's last value on or \
before date_t; TR_0 = P_0; TR_t = TR_{t−1} × (P_t + D_t / m) / P_{t−1}, m = P's periods per \
year (12 monthly, 52 weekly, 252 daily, 4 quarterly, 1 yearly), from the median gap between P's \
dates. D is an annual dividend per share, as in Shiller's data; it must not be negative and P \
must be positive.";

/// The written definition of `convert(S, FX, multiply|divide)`.
pub const CONVERT: &str = "convert(S, FX, multiply|divide): on S's dates from FX's first date; \
FX_t = FX's last value on or before date_t; S_t × FX_t or S_t / FX_t. Every FX value must be \
positive.";

/// The written definition of `composite(w1*S1, …, wk*Sk)`.
pub const COMPOSITE: &str = "composite(w1*S1, …, wk*Sk): on S1's dates from the first date on \
which every S_i has a value on or before it (each S_i's last value on or before date_t); \
L_0 = 100; L_t = L_{t−1} × (1 + Σ_i w_i (S_i,t / S_i,t−1 − 1)), rebalanced every session; \
weights are any numbers (negative for a short leg). An equal-weight basket is composite with \
1/k each. Every member's value before a session must be positive.";

/// Every written definition, in menu order.
pub const ALL_DEFINITIONS: [&str; 4] = [
    TOTAL_RETURN_CASH,
    TOTAL_RETURN_ANNUAL_RATE,
    CONVERT,
    COMPOSITE,
];

/// A series name as written in a definition: quoted when it holds a character the parser splits
/// at (comma, parenthesis, `*`, `=`, a quote) or spaces at its ends.
fn written_name(name: &str) -> String {
    let needs_quotes =
        name.trim() != name || name.is_empty() || name.contains([',', '(', ')', '*', '=', '"']);
    if needs_quotes {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

impl fmt::Display for Derivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Derivation::TotalReturn {
                price,
                dividends,
                mode,
            } => write!(
                f,
                "total_return({}, {}, {})",
                written_name(price),
                written_name(dividends),
                mode.keyword()
            ),
            Derivation::Convert {
                series,
                fx,
                operation,
            } => write!(
                f,
                "convert({}, {}, {})",
                written_name(series),
                written_name(fx),
                operation.keyword()
            ),
            Derivation::Composite { members } => {
                let members: Vec<String> = members
                    .iter()
                    .map(|m| format!("{}*{}", m.weight, written_name(&m.series)))
                    .collect();
                write!(f, "composite({})", members.join(", "))
            }
        }
    }
}

impl fmt::Display for DerivedDefinition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.name, self.derivation)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc_prose(source: &str) -> String {
        let lines: Vec<&str> = source
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix("///"))
            .collect();
        lines
            .join(" ")
            .replace('`', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_rustdoc_of_what_computes_a_series_states_its_definition_word_for_word() {
        let total_return = doc_prose(include_str!("total_return.rs"));
        let convert = doc_prose(include_str!("convert.rs"));
        let composite = doc_prose(include_str!("composite.rs"));
        for (definition, docs) in [
            (TOTAL_RETURN_CASH, &total_return),
            (TOTAL_RETURN_ANNUAL_RATE, &total_return),
            (CONVERT, &convert),
            (COMPOSITE, &composite),
        ] {
            let definition = definition.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                docs.contains(&definition),
                "not in the rustdoc: {definition}"
            );
        }
    }

    #[test]
    fn definitions_print_as_they_are_written() {
        let definition = DerivedDefinition {
            name: "S&P 500 TR".into(),
            derivation: Derivation::TotalReturn {
                price: "SP500".into(),
                dividends: "Dividend".into(),
                mode: DividendMode::AnnualRate,
            },
        };
        assert_eq!(
            definition.to_string(),
            "S&P 500 TR = total_return(SP500, Dividend, annual-rate)"
        );
        let basket = Derivation::Composite {
            members: vec![
                Weighted {
                    weight: 0.6,
                    series: "SPY".into(),
                },
                Weighted {
                    weight: -0.4,
                    series: "Close, adj".into(),
                },
            ],
        };
        assert_eq!(
            basket.to_string(),
            "composite(0.6*SPY, -0.4*\"Close, adj\")"
        );
        assert_eq!(basket.inputs(), vec!["SPY", "Close, adj"]);
        assert_eq!(
            Derivation::equal_weight(&["A".into(), "B".into(), "C".into(), "D".into()]).to_string(),
            "composite(0.25*A, 0.25*B, 0.25*C, 0.25*D)"
        );
        assert!(basket.definition().starts_with("composite(w1*S1"));
    }

    #[test]
    fn definitions_serialise_as_readable_json() {
        let definition = DerivedDefinition {
            name: "NDX in EUR".into(),
            derivation: Derivation::Convert {
                series: "^NDX".into(),
                fx: "EURUSD".into(),
                operation: FxOperation::Divide,
            },
        };
        let json = serde_json::to_value(&definition).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"name": "NDX in EUR", "function": "convert", "series": "^NDX",
                "fx": "EURUSD", "operation": "divide"})
        );
        let back: DerivedDefinition = serde_json::from_value(json).unwrap();
        assert_eq!(back, definition);
    }
}
