//! Derived series in the workspace: adding one from its definition, recomputing every one when
//! an input changes or is re-imported, following renames, what depends on a series, turning
//! derived series into plain ones, and the return basis of each series with the note a
//! comparison of mixed bases carries.

use std::sync::Arc;

use crate::analytics::Finding;
use crate::derive::{
    DERIVED_FORMAT, DeriveError, DerivedDefinition, ReturnBasis, derive_one, mixed_basis_note,
    note_mixed_bases,
};
use crate::model::Series;

use super::chart::ChartTab;
use super::document::Workspace;

/// The `format` of a series that was derived and now keeps its values without following inputs.
pub const DETACHED_FORMAT: &str = "Derived series, no longer updated";

impl Workspace {
    /// The definition of the named derived series, if it is one.
    #[must_use]
    pub fn derived_definition(&self, name: &str) -> Option<&DerivedDefinition> {
        self.derived.iter().find(|d| d.name == name)
    }

    /// Computes `definition` from the workspace's series without adding it (a preview).
    pub fn compute_derived(&self, definition: &DerivedDefinition) -> Result<Series, DeriveError> {
        if self.series_named(&definition.name).is_some() {
            return Err(DeriveError::DuplicateName {
                name: definition.name.clone(),
            });
        }
        let known: Vec<String> = self.series.iter().map(|s| s.name().to_string()).collect();
        derive_one(
            definition,
            |name| self.series_named(name).map(|s| s.series.as_ref()),
            &known,
        )
    }

    /// Computes `definition` and adds the series it makes (visible, with the next colour) and
    /// the definition. On error nothing is added. Returns the name.
    pub fn add_derived(&mut self, definition: DerivedDefinition) -> Result<String, DeriveError> {
        let series = self.compute_derived(&definition)?;
        let name = self.add_series(series);
        self.derived.push(definition);
        Ok(name)
    }

    /// Recomputes every derived series from its inputs as they are now, in the order they were
    /// defined (each after those it reads). A series that cannot be computed keeps its last
    /// values; the problems are returned.
    pub fn refresh_derived(&mut self) -> Vec<DeriveError> {
        let mut problems = Vec::new();
        for index in 0..self.derived.len() {
            let definition = &self.derived[index];
            let known: Vec<String> = self.series.iter().map(|s| s.name().to_string()).collect();
            let result = derive_one(
                definition,
                |name| self.series_named(name).map(|s| s.series.as_ref()),
                &known,
            );
            let name = definition.name.clone();
            match result {
                Ok(series) => {
                    if let Some(position) = self.position_of(&name)
                        && *self.series[position].series != series
                    {
                        self.series[position].series = Arc::new(series);
                    }
                }
                Err(error) => problems.push(error),
            }
        }
        problems
    }

    /// The derived series that read `name`, directly or through other derived series, in the
    /// order they were defined.
    #[must_use]
    pub fn dependents_of(&self, name: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        // Definitions come after what they read, so one pass in order finds every chain.
        for definition in &self.derived {
            let reads_it = definition
                .derivation
                .inputs()
                .iter()
                .any(|input| *input == name || found.iter().any(|f| f == input));
            if reads_it && definition.name != name {
                found.push(definition.name.clone());
            }
        }
        found
    }

    /// Makes the named derived series plain series: they keep their values and return basis
    /// and no longer follow their inputs.
    pub fn detach_derived(&mut self, names: &[String]) {
        for name in names {
            let basis = self.return_basis(name);
            let Some(position) = self.position_of(name) else {
                continue;
            };
            let series = Arc::make_mut(&mut self.series[position].series);
            if series.source.format == DERIVED_FORMAT {
                series.source.format = DETACHED_FORMAT.to_string();
            }
            self.return_basis.entry(name.clone()).or_insert(basis);
            self.derived.retain(|d| &d.name != name);
        }
    }

    /// Removes the named series and every derived series built on it. Returns the names removed.
    pub fn remove_with_dependents(&mut self, name: &str) -> Vec<String> {
        let mut names = vec![name.to_string()];
        names.extend(self.dependents_of(name));
        names.retain(|n| self.remove_series(n).is_some());
        names
    }

    /// Follows a rename into the definitions, the stored definition text of derived series and
    /// the return bases.
    pub(crate) fn rename_in_derived(&mut self, old: &str, new: &str) {
        for definition in &mut self.derived {
            if definition.name == old {
                definition.name = new.to_string();
            }
            definition.derivation.rename_input(old, new);
        }
        for definition in &self.derived {
            if let Some(position) = self.series.iter().position(|s| s.name() == definition.name) {
                let text = definition.derivation.to_string();
                if self.series[position].series.source.column != text {
                    Arc::make_mut(&mut self.series[position].series)
                        .source
                        .column = text;
                }
            }
        }
        if let Some(basis) = self.return_basis.remove(old) {
            self.return_basis.insert(new.to_string(), basis);
        }
    }

    /// The return basis of the named series: the one the user set, else that of a derived
    /// series from its inputs (see [`ReturnBasis::of_derivation`]), else the guess from its
    /// source (see [`ReturnBasis::guess`]); unknown for a name no series has.
    #[must_use]
    pub fn return_basis(&self, name: &str) -> ReturnBasis {
        self.basis_within(name, self.derived.len() + 1)
    }

    fn basis_within(&self, name: &str, depth: usize) -> ReturnBasis {
        if let Some(basis) = self.return_basis.get(name) {
            return *basis;
        }
        if let Some(definition) = self.derived_definition(name)
            && depth > 0
        {
            return ReturnBasis::of_derivation(&definition.derivation, |input| {
                self.basis_within(input, depth - 1)
            });
        }
        self.series_named(name)
            .map_or(ReturnBasis::Unknown, |s| ReturnBasis::guess(&s.series))
    }

    /// Sets the return basis of the named series.
    pub fn set_return_basis(&mut self, name: &str, basis: ReturnBasis) {
        self.return_basis.insert(name.to_string(), basis);
    }

    /// The note of what the chart shows when it mixes price returns with series that include
    /// dividends: the pair of the relative or spread tab, else the visible series.
    #[must_use]
    pub fn chart_basis_note(&self) -> Option<String> {
        let pair = match self.chart.tab {
            ChartTab::Relative => self.chart.relative_pair.as_ref(),
            ChartTab::Spread => self.chart.spread_pair.as_ref(),
            _ => None,
        };
        let names: Vec<&str> = match pair {
            Some(pair) => vec![pair.a.as_str(), pair.b.as_str()],
            None => self
                .series
                .iter()
                .filter(|s| s.visible)
                .map(super::WorkspaceSeries::name)
                .collect(),
        };
        self.basis_note(&names)
    }

    /// Adds the mixed-basis note to the year-to-date and relative-move findings that compare
    /// series of different return bases, with the bases this workspace gives them (see
    /// [`note_mixed_bases`]).
    pub fn note_mixed_bases(&self, findings: &mut [Finding]) {
        note_mixed_bases(findings, |name| self.return_basis(name));
    }

    /// The note of a comparison of the named series when it mixes price returns with series
    /// that include dividends (see [`mixed_basis_note`]).
    #[must_use]
    pub fn basis_note(&self, names: &[&str]) -> Option<String> {
        let bases: Vec<(&str, ReturnBasis)> =
            names.iter().map(|n| (*n, self.return_basis(n))).collect();
        mixed_basis_note(&bases)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::derive::parse_definition;
    use crate::model::{Date, SeriesKind, Source};
    use crate::workspace::History;

    fn series(name: &str, column: &str, values: &[f64]) -> Series {
        let source = Source {
            path: Some(format!("{name}.csv").into()),
            format: "Yahoo Finance".into(),
            column: column.into(),
            ..Source::default()
        };
        let dates = (0..values.len())
            .map(|i| Date::from_ymd(2024, 1, 2 + i as u32).unwrap())
            .collect();
        Series::new(name, SeriesKind::Price, source, dates, values.to_vec()).unwrap()
    }

    fn workspace() -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.add_series(series("SPY", "Adj Close", &[100.0, 110.0, 121.0]));
        workspace.add_series(series("^RUT", "Adj Close", &[50.0, 45.0, 45.0]));
        workspace
    }

    fn values(ws: &Workspace, name: &str) -> Vec<f64> {
        // Rounded to 1e-9: the levels are products of float returns.
        ws.series_named(name)
            .unwrap()
            .series
            .values()
            .iter()
            .map(|v| (v * 1e9).round() / 1e9)
            .collect()
    }

    fn define(text: &str) -> DerivedDefinition {
        parse_definition(text).unwrap()
    }

    #[test]
    fn adds_derived_series_and_recomputes_them_when_an_input_changes() {
        let mut ws = workspace();
        assert_eq!(
            ws.add_derived(define("Mix = composite(0.5*SPY, 0.5*^RUT)"))
                .unwrap(),
            "Mix"
        );
        ws.add_derived(define("Mix x2 = composite(2*Mix)")).unwrap();
        assert_eq!(values(&ws, "Mix"), [100.0, 100.0, 105.0]);
        assert_eq!(values(&ws, "Mix x2"), [100.0, 100.0, 110.0]);
        assert!(matches!(
            ws.add_derived(define("Bad = composite(1*SPY, 1*QQQ)")),
            Err(DeriveError::UnknownSeries { .. })
        ));
        assert!(ws.series_named("Bad").is_none());
        assert_eq!(ws.derived.len(), 2);
        // A re-import changes ^RUT: both derived series follow.
        let position = ws.position_of("^RUT").unwrap();
        ws.series[position].series = Arc::new(series("^RUT", "Adj Close", &[50.0, 55.0, 55.0]));
        assert!(ws.refresh_derived().is_empty());
        assert_eq!(values(&ws, "Mix"), [100.0, 110.0, 115.5]);
        assert_eq!(values(&ws, "Mix x2"), [100.0, 120.0, 132.0]);
        assert_eq!(ws.dependents_of("^RUT"), ["Mix", "Mix x2"]);
        assert_eq!(ws.dependents_of("Mix"), ["Mix x2"]);
        assert!(ws.dependents_of("Mix x2").is_empty());
    }

    #[test]
    fn renames_follow_into_definitions_and_removal_can_take_or_detach_dependents() {
        let mut ws = workspace();
        ws.add_derived(define("SPY TR = total_return(SPY, ^RUT, cash)"))
            .unwrap();
        ws.add_derived(define("Mix = composite(0.5*SPY TR, 0.5*^RUT)"))
            .unwrap();
        assert!(ws.rename_series("SPY TR", "SPY total return"));
        assert_eq!(
            ws.derived[1].to_string(),
            "Mix = composite(0.5*SPY total return, 0.5*^RUT)"
        );
        assert_eq!(ws.derived[0].name, "SPY total return");
        assert!(ws.refresh_derived().is_empty());
        let mut detached = ws.clone();
        detached.detach_derived(&detached.dependents_of("SPY"));
        assert!(detached.derived.is_empty());
        assert_eq!(
            detached.return_basis("SPY total return"),
            ReturnBasis::TotalReturnGross
        );
        assert_eq!(
            detached.series_named("Mix").unwrap().series.source.format,
            DETACHED_FORMAT
        );
        assert_eq!(
            ws.remove_with_dependents("SPY"),
            ["SPY", "SPY total return", "Mix"]
        );
        assert_eq!(ws.series.len(), 1);
        assert!(ws.derived.is_empty());
    }

    #[test]
    fn return_bases_are_guessed_set_and_noted_when_mixed() {
        let mut ws = workspace();
        ws.add_derived(define("In EUR = convert(SPY, ^RUT, divide)"))
            .unwrap();
        assert_eq!(ws.return_basis("SPY"), ReturnBasis::Adjusted);
        assert_eq!(ws.return_basis("^RUT"), ReturnBasis::PriceReturn);
        assert_eq!(ws.return_basis("In EUR"), ReturnBasis::Adjusted);
        assert_eq!(
            ws.basis_note(&["^RUT", "SPY"]).unwrap(),
            "^RUT is a price return, SPY includes dividends"
        );
        assert_eq!(
            ws.chart_basis_note().unwrap(),
            "^RUT is a price return, SPY and In EUR include dividends"
        );
        ws.chart.tab = ChartTab::Relative;
        ws.chart.relative_pair = Some(crate::workspace::SeriesPair::new("SPY", "In EUR"));
        assert_eq!(ws.chart_basis_note(), None);
        ws.set_return_basis("SPY", ReturnBasis::PriceReturn);
        assert_eq!(ws.return_basis("In EUR"), ReturnBasis::PriceReturn);
        assert_eq!(ws.basis_note(&["^RUT", "SPY"]), None);
        assert!(ws.rename_series("SPY", "S&P ETF"));
        assert_eq!(ws.return_basis("S&P ETF"), ReturnBasis::PriceReturn);
    }

    #[test]
    fn undo_puts_back_definitions_and_bases() {
        let mut ws = workspace();
        let mut history = History::default();
        history.edit("Add Mix".to_string(), &mut ws, |ws| {
            ws.add_derived(define("Mix = composite(0.5*SPY, 0.5*^RUT)"))
                .unwrap();
        });
        history.edit("Basis".to_string(), &mut ws, |ws| {
            ws.set_return_basis("SPY", ReturnBasis::TotalReturnNet);
        });
        history.edit("Remove SPY".to_string(), &mut ws, |ws| {
            ws.remove_with_dependents("SPY");
        });
        assert!(ws.derived.is_empty());
        history.undo(&mut ws);
        assert_eq!(ws.derived.len(), 1);
        assert!(ws.series_named("Mix").is_some());
        history.undo(&mut ws);
        assert_eq!(ws.return_basis("SPY"), ReturnBasis::Adjusted);
        history.undo(&mut ws);
        assert!(ws.derived.is_empty());
        assert!(ws.series_named("Mix").is_none());
    }
}
