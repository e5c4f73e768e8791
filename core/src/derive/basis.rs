//! The return basis of a price series — a price return, a total return (dividends reinvested,
//! gross or net of withholding tax), an adjusted close, or unknown — guessed from where the
//! series came from, and the note a comparison carries when it mixes series with and without
//! dividends.

use serde::{Deserialize, Serialize};

use crate::analytics::{Finding, FindingKind};
use crate::model::{Series, SeriesKind};

use super::definition::{DERIVED_FORMAT, Derivation};

/// Whether a price series includes dividends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnBasis {
    /// Prices only: dividends are not in it (an index level, a close).
    PriceReturn,
    /// Dividends reinvested before any tax.
    TotalReturnGross,
    /// Dividends reinvested after withholding tax.
    TotalReturnNet,
    /// A close adjusted for dividends and splits, such as Yahoo's Adj Close.
    Adjusted,
    /// Not known.
    #[default]
    Unknown,
}

impl ReturnBasis {
    /// Every basis, in menu order.
    pub const ALL: [ReturnBasis; 5] = [
        ReturnBasis::PriceReturn,
        ReturnBasis::TotalReturnGross,
        ReturnBasis::TotalReturnNet,
        ReturnBasis::Adjusted,
        ReturnBasis::Unknown,
    ];

    /// A short label for menus.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ReturnBasis::PriceReturn => "price return",
            ReturnBasis::TotalReturnGross => "total return (gross)",
            ReturnBasis::TotalReturnNet => "total return (net)",
            ReturnBasis::Adjusted => "adjusted for dividends and splits",
            ReturnBasis::Unknown => "unknown",
        }
    }

    /// Whether dividends are in the series: `None` when the basis is unknown.
    #[must_use]
    pub fn includes_dividends(self) -> Option<bool> {
        match self {
            ReturnBasis::PriceReturn => Some(false),
            ReturnBasis::Unknown => None,
            _ => Some(true),
        }
    }

    /// The basis a series shows until the user says otherwise: an index (a name starting with
    /// `^`, Yahoo's index symbols) is a price return even in an Adj Close column; an adjusted
    /// close (a column named like `Adj Close`) is adjusted for dividends and splits; a column or name saying
    /// "total return" (or the word `TR`) is a gross total return; a derived total return is a
    /// gross total return; other derived series are [`ReturnBasis::Unknown`] here (see
    /// [`ReturnBasis::of_derivation`]); any other price series — an index file, a close — is a
    /// price return; a valuation or rate series has no return basis (unknown).
    #[must_use]
    pub fn guess(series: &Series) -> ReturnBasis {
        if series.kind != SeriesKind::Price {
            return ReturnBasis::Unknown;
        }
        if series.source.format == DERIVED_FORMAT {
            return if series.source.column.starts_with("total_return(") {
                ReturnBasis::TotalReturnGross
            } else {
                ReturnBasis::Unknown
            };
        }
        // Yahoo's index symbols start with ^; an index's Adj Close is its level.
        if series.name.starts_with('^') {
            return ReturnBasis::PriceReturn;
        }
        let column = series.source.column.to_lowercase();
        if column.contains("adj") {
            return ReturnBasis::Adjusted;
        }
        for text in [column, series.name.to_lowercase()] {
            let says_tr = text
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word == "tr");
            if says_tr || text.contains("total return") {
                return ReturnBasis::TotalReturnGross;
            }
        }
        ReturnBasis::PriceReturn
    }

    /// The basis of a derived series from those of its inputs: a total return is gross; a
    /// converted series keeps its input's basis; a composite has its members' basis when they
    /// all share one, else unknown.
    #[must_use]
    pub fn of_derivation(
        derivation: &Derivation,
        input: impl Fn(&str) -> ReturnBasis,
    ) -> ReturnBasis {
        match derivation {
            Derivation::TotalReturn { .. } => ReturnBasis::TotalReturnGross,
            Derivation::Convert { series, .. } => input(series),
            Derivation::Composite { members } => {
                let mut bases = members.iter().map(|m| input(&m.series));
                let first = bases.next().unwrap_or(ReturnBasis::Unknown);
                if bases.all(|b| b == first) {
                    first
                } else {
                    ReturnBasis::Unknown
                }
            }
        }
    }
}

/// The note for a comparison (a chart, a pair, a sentence) of `series` with their bases, when it
/// mixes price returns with series that include dividends, e.g. "^RUT is a price return, SPY
/// includes dividends"; `None` when it does not (unknown bases never make a note).
#[must_use]
pub fn mixed_basis_note(series: &[(&str, ReturnBasis)]) -> Option<String> {
    let mut price: Vec<&str> = Vec::new();
    let mut dividends: Vec<&str> = Vec::new();
    for (name, basis) in series {
        let list = match basis.includes_dividends() {
            Some(false) => &mut price,
            Some(true) => &mut dividends,
            None => continue,
        };
        if !list.contains(name) {
            list.push(name);
        }
    }
    if price.is_empty() || dividends.is_empty() {
        return None;
    }
    let price_part = if price.len() == 1 {
        format!("{} is a price return", price[0])
    } else {
        format!("{} are price returns", join(&price))
    };
    let dividend_part = if dividends.len() == 1 {
        format!("{} includes dividends", dividends[0])
    } else {
        format!("{} include dividends", join(&dividends))
    };
    Some(format!("{price_part}, {dividend_part}"))
}

/// Adds the mixed-basis note to the findings that compare series on different return bases —
/// the year-to-date sentence and the relative move of a pair — as a closing sentence: "YTD:
/// SPY +15.2%, ^RUT +4.5%. Note: ^RUT is a price return, SPY includes dividends." `basis` gives
/// each named series' basis. Other findings speak of one series (or of a spread's level) and
/// are left as they are.
pub fn note_mixed_bases(findings: &mut [Finding], basis: impl Fn(&str) -> ReturnBasis) {
    for finding in findings {
        if !matches!(
            finding.kind,
            FindingKind::YearToDate | FindingKind::RelativeMove
        ) {
            continue;
        }
        let bases: Vec<(&str, ReturnBasis)> = finding
            .series
            .iter()
            .map(|name| (name.as_str(), basis(name)))
            .collect();
        if let Some(note) = mixed_basis_note(&bases) {
            finding.text = format!("{} Note: {note}.", finding.text);
        }
    }
}

/// `A`, `A and B`, `A, B and C`.
fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_year_to_date_and_relative_move_sentences_carry_the_note_when_mixed() {
        let day = Date::from_ymd(2020, 11, 13).unwrap();
        let finding = |kind: FindingKind, text: &str, series: &[&str]| Finding {
            kind,
            text: text.to_string(),
            series: series.iter().map(|s| (*s).to_string()).collect(),
            from: day,
            to: day,
            marks: Vec::new(),
            rarity: None,
        };
        let mut findings = vec![
            finding(
                FindingKind::RelativeMove,
                "^RUT outperformed SPY by 6.3 percentage points in the 5 sessions to 2020-11-13 \
                 (+5.8% vs \u{2212}0.5%).",
                &["^RUT", "SPY"],
            ),
            finding(
                FindingKind::RelativeMove,
                "^RUT outperformed ^NDX by 7.1 percentage points.",
                &["^RUT", "^NDX"],
            ),
            finding(FindingKind::Move, "SPY rose 7.3%.", &["SPY"]),
            finding(
                FindingKind::YearToDate,
                "YTD: SPY +12.1%, ^NDX +36.7%, ^RUT +4.5%.",
                &["^NDX", "SPY", "^RUT"],
            ),
        ];
        let basis = |name: &str| match name {
            "SPY" => ReturnBasis::Adjusted,
            _ => ReturnBasis::PriceReturn,
        };
        note_mixed_bases(&mut findings, basis);
        let texts: Vec<&str> = findings.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "^RUT outperformed SPY by 6.3 percentage points in the 5 sessions to 2020-11-13 \
                 (+5.8% vs \u{2212}0.5%). Note: ^RUT is a price return, SPY includes dividends.",
                "^RUT outperformed ^NDX by 7.1 percentage points.",
                "SPY rose 7.3%.",
                "YTD: SPY +12.1%, ^NDX +36.7%, ^RUT +4.5%. Note: ^NDX and ^RUT are price \
                 returns, SPY includes dividends.",
            ]
        );
        // Unknown bases never make a note.
        let mut unknown = findings[1..2].to_vec();
        note_mixed_bases(&mut unknown, |_| ReturnBasis::Unknown);
        assert_eq!(
            unknown[0].text,
            "^RUT outperformed ^NDX by 7.1 percentage points."
        );
    }
    use crate::derive::parse_definition;
    use crate::model::{Date, Source};

    fn series(name: &str, kind: SeriesKind, format: &str, column: &str) -> Series {
        let source = Source {
            format: format.into(),
            column: column.into(),
            ..Source::default()
        };
        Series::new(
            name,
            kind,
            source,
            vec![Date::from_ymd(2024, 1, 2).unwrap()],
            vec![1.0],
        )
        .unwrap()
    }

    #[test]
    fn guesses_the_basis_from_the_source() {
        let guess =
            |name, kind, format, column| ReturnBasis::guess(&series(name, kind, format, column));
        assert_eq!(
            guess("SPY", SeriesKind::Price, "Yahoo Finance", "Adj Close"),
            ReturnBasis::Adjusted
        );
        assert_eq!(
            guess("^RUT", SeriesKind::Price, "Yahoo Finance", "Close"),
            ReturnBasis::PriceReturn
        );
        assert_eq!(
            guess("Nasdaq 100", SeriesKind::Price, "Investing.com", "Price"),
            ReturnBasis::PriceReturn
        );
        assert_eq!(
            guess("S&P 500 TR", SeriesKind::Price, "Spreadsheet", "Value"),
            ReturnBasis::TotalReturnGross
        );
        assert_eq!(
            guess("PE10", SeriesKind::Valuation, "Shiller's S&P data", "PE10"),
            ReturnBasis::Unknown
        );
        assert_eq!(
            guess(
                "SPY TR",
                SeriesKind::Price,
                DERIVED_FORMAT,
                "total_return(SPY, D, cash)"
            ),
            ReturnBasis::TotalReturnGross
        );
        let convert = parse_definition("E = convert(SPY, FX, divide)")
            .unwrap()
            .derivation;
        let input = |name: &str| {
            if name == "SPY" {
                ReturnBasis::Adjusted
            } else {
                ReturnBasis::PriceReturn
            }
        };
        assert_eq!(
            ReturnBasis::of_derivation(&convert, input),
            ReturnBasis::Adjusted
        );
        let mixed = parse_definition("B = composite(0.5*SPY, 0.5*^RUT)")
            .unwrap()
            .derivation;
        assert_eq!(
            ReturnBasis::of_derivation(&mixed, input),
            ReturnBasis::Unknown
        );
        let same = parse_definition("B = composite(0.5*^NDX, 0.5*^RUT)")
            .unwrap()
            .derivation;
        assert_eq!(
            ReturnBasis::of_derivation(&same, input),
            ReturnBasis::PriceReturn
        );
    }

    #[test]
    fn a_comparison_mixing_bases_carries_a_note() {
        assert_eq!(
            mixed_basis_note(&[
                ("^RUT", ReturnBasis::PriceReturn),
                ("SPY", ReturnBasis::Adjusted)
            ])
            .unwrap(),
            "^RUT is a price return, SPY includes dividends"
        );
        assert_eq!(
            mixed_basis_note(&[
                ("^RUT", ReturnBasis::PriceReturn),
                ("SPY", ReturnBasis::Adjusted),
                ("^NDX", ReturnBasis::PriceReturn),
                ("IWM", ReturnBasis::TotalReturnNet),
                ("X", ReturnBasis::Unknown),
                ("Z", ReturnBasis::PriceReturn),
            ])
            .unwrap(),
            "^RUT, ^NDX and Z are price returns, SPY and IWM include dividends"
        );
        assert_eq!(
            mixed_basis_note(&[
                ("^RUT", ReturnBasis::PriceReturn),
                ("^NDX", ReturnBasis::PriceReturn)
            ]),
            None
        );
        assert_eq!(
            mixed_basis_note(&[("SPY", ReturnBasis::Adjusted), ("X", ReturnBasis::Unknown)]),
            None
        );
    }
}
