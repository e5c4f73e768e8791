//! Computes derived series from their definitions and the series there are: definitions may use
//! one another in any order (each is computed after those it reads), and either every one is
//! made or none is.

use std::collections::HashMap;

use crate::model::{Series, SeriesKind, Source};

use super::composite::composite;
use super::convert::convert;
use super::definition::{DERIVED_FORMAT, Derivation, DerivedDefinition, DividendMode};
use super::error::DeriveError;
use super::total_return::{total_return_annual_rate, total_return_cash};

/// Computes one derived series from its inputs, found by `lookup`; `known` lists the names
/// there are, for the error when an input is missing.
pub fn derive_one<'a>(
    definition: &DerivedDefinition,
    lookup: impl Fn(&str) -> Option<&'a Series>,
    known: &[String],
) -> Result<Series, DeriveError> {
    let context = definition.to_string();
    let input = |name: &str| {
        lookup(name).ok_or_else(|| DeriveError::UnknownSeries {
            definition: context.clone(),
            name: name.to_string(),
            known: known.to_vec(),
        })
    };
    let (dates, values) = match &definition.derivation {
        Derivation::TotalReturn {
            price,
            dividends,
            mode,
        } => {
            let (price, dividends) = (input(price)?, input(dividends)?);
            match mode {
                DividendMode::Cash => total_return_cash(price, dividends, &context)?,
                DividendMode::AnnualRate => total_return_annual_rate(price, dividends, &context)?,
            }
        }
        Derivation::Convert {
            series,
            fx,
            operation,
        } => convert(input(series)?, input(fx)?, *operation, &context)?,
        Derivation::Composite { members } => {
            let mut weighted = Vec::with_capacity(members.len());
            for member in members {
                weighted.push((member.weight, input(&member.series)?));
            }
            composite(&weighted, &context)?
        }
    };
    let source = Source {
        path: None,
        format: DERIVED_FORMAT.to_string(),
        column: definition.derivation.to_string(),
        ..Source::default()
    };
    Series::new(
        definition.name.clone(),
        SeriesKind::Price,
        source,
        dates,
        values,
    )
    .map_err(|source| DeriveError::Series {
        definition: context,
        source,
    })
}

/// Computes every definition against `existing`, returning the derived series in definition
/// order. Definitions may read existing series and each other (in any order); a name that is
/// neither, a cycle, a name already taken or any input the definition cannot be computed from
/// is an error, and then nothing is returned.
pub fn derive_all(
    definitions: &[DerivedDefinition],
    existing: &[&Series],
) -> Result<Vec<Series>, DeriveError> {
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (index, definition) in definitions.iter().enumerate() {
        let taken = existing.iter().any(|s| s.name == definition.name)
            || by_name.insert(definition.name.as_str(), index).is_some();
        if taken {
            return Err(DeriveError::DuplicateName {
                name: definition.name.clone(),
            });
        }
    }
    let known: Vec<String> = existing
        .iter()
        .map(|s| s.name.clone())
        .chain(definitions.iter().map(|d| d.name.clone()))
        .collect();
    let order = evaluation_order(definitions, existing, &by_name, &known)?;
    let mut made: Vec<Option<Series>> = vec![None; definitions.len()];
    for index in order {
        let series = {
            let lookup = |name: &str| -> Option<&Series> {
                existing
                    .iter()
                    .copied()
                    .find(|s| s.name == name)
                    .or_else(|| by_name.get(name).and_then(|i| made[*i].as_ref()))
            };
            derive_one(&definitions[index], lookup, &known)?
        };
        made[index] = Some(series);
    }
    Ok(made.into_iter().flatten().collect())
}

/// The definitions' indices with each after those it reads; unknown names and cycles are errors.
fn evaluation_order(
    definitions: &[DerivedDefinition],
    existing: &[&Series],
    by_name: &HashMap<&str, usize>,
    known: &[String],
) -> Result<Vec<usize>, DeriveError> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Visiting,
        Done,
    }
    let mut state = vec![State::New; definitions.len()];
    let mut order = Vec::with_capacity(definitions.len());
    // Iterative depth-first search: (definition, next input to look at).
    for root in 0..definitions.len() {
        if state[root] != State::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = State::Visiting;
        while let Some(&mut (index, ref mut next)) = stack.last_mut() {
            let inputs = definitions[index].derivation.inputs();
            let Some(name) = inputs.get(*next).copied() else {
                state[index] = State::Done;
                order.push(index);
                stack.pop();
                continue;
            };
            *next += 1;
            if existing.iter().any(|s| s.name == name) {
                continue;
            }
            let Some(&dependency) = by_name.get(name) else {
                return Err(DeriveError::UnknownSeries {
                    definition: definitions[index].to_string(),
                    name: name.to_string(),
                    known: known.to_vec(),
                });
            };
            match state[dependency] {
                State::Done => {}
                State::New => {
                    state[dependency] = State::Visiting;
                    stack.push((dependency, 0));
                }
                State::Visiting => {
                    let from = stack
                        .iter()
                        .position(|(i, _)| *i == dependency)
                        .unwrap_or(0);
                    let mut cycle: Vec<String> = stack[from..]
                        .iter()
                        .map(|(i, _)| definitions[*i].name.clone())
                        .collect();
                    cycle.push(definitions[dependency].name.clone());
                    return Err(DeriveError::Cycle { cycle });
                }
            }
        }
    }
    Ok(order)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::derive::parse_definition;

    use crate::testing::dated_series as series;

    fn definitions(texts: &[&str]) -> Vec<DerivedDefinition> {
        texts.iter().map(|t| parse_definition(t).unwrap()).collect()
    }

    fn inputs() -> (Series, Series, Series) {
        let a = series("A", &[("2024-01-01", 100.0), ("2024-01-02", 110.0)]);
        let b = series("B", &[("2024-01-01", 50.0), ("2024-01-02", 45.0)]);
        let fx = series("FX", &[("2024-01-01", 2.0)]);
        (a, b, fx)
    }

    #[test]
    fn later_definitions_use_earlier_ones_in_any_order() {
        let (a, b, fx) = inputs();
        let defs = definitions(&[
            "Basket in FX = convert(Basket, FX, multiply)",
            "Basket = composite(0.5*A, 0.5*B)",
        ]);
        let made = derive_all(&defs, &[&a, &b, &fx]).unwrap();
        assert_eq!(made.len(), 2);
        assert_eq!(made[0].name, "Basket in FX");
        assert_eq!(made[1].name, "Basket");
        // 0.5 × 10% + 0.5 × −10% = 0: the basket stays at 100, 200 in FX.
        assert_eq!(made[1].values(), [100.0, 100.0]);
        assert_eq!(made[0].values(), [200.0, 200.0]);
        assert_eq!(made[0].source.format, DERIVED_FORMAT);
        assert_eq!(made[0].source.column, "convert(Basket, FX, multiply)");
    }

    #[test]
    fn unknown_names_cycles_and_taken_names_make_nothing() {
        let (a, b, fx) = inputs();
        let existing = [&a, &b, &fx];
        let unknown =
            derive_all(&definitions(&["X = composite(1*A, 1*C)"]), &existing).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "X = composite(1*A, 1*C): no series named \"C\"; the series are: A, B, FX, X"
        );
        let cycle = derive_all(
            &definitions(&[
                "X = composite(1*Y)",
                "Y = convert(Z, FX, divide)",
                "Z = composite(1*X, 1*A)",
            ]),
            &existing,
        )
        .unwrap_err();
        assert_eq!(
            cycle,
            DeriveError::Cycle {
                cycle: vec!["X".into(), "Y".into(), "Z".into(), "X".into()]
            }
        );
        assert!(matches!(
            derive_all(&definitions(&["A = composite(1*B)"]), &existing),
            Err(DeriveError::DuplicateName { .. })
        ));
        assert!(matches!(
            derive_all(
                &definitions(&["X = composite(1*B)", "X = composite(1*A)"]),
                &existing
            ),
            Err(DeriveError::DuplicateName { .. })
        ));
        // One good definition and one bad: nothing at all.
        let zero = series("ZERO", &[("2024-01-01", 0.0)]);
        let result = derive_all(
            &definitions(&["Good = composite(1*A)", "Bad = convert(A, ZERO, divide)"]),
            &[&a, &zero],
        );
        assert!(matches!(result, Err(DeriveError::FxNotPositive { .. })));
        let self_cycle = derive_all(&definitions(&["X = composite(1*X)"]), &existing).unwrap_err();
        assert_eq!(
            self_cycle.to_string(),
            "the derived series depend on each other in a cycle: X → X"
        );
    }
}
