//! What a series measures, which decides how it is checked on import and which charts suit it.

use serde::{Deserialize, Serialize};

/// What the values of a series measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesKind {
    /// An index level or a price: positive, compared by returns.
    #[default]
    Price,
    /// A valuation figure such as a P/E ratio, CAPE, earnings or a dividend: compared by level
    /// and spread, may be zero or negative.
    Valuation,
    /// A yield, an interest rate or a rate spread, in percent: may be zero or negative.
    Rate,
}

impl SeriesKind {
    /// Every kind, in menu order.
    pub const ALL: [SeriesKind; 3] = [SeriesKind::Price, SeriesKind::Valuation, SeriesKind::Rate];

    /// A short lower-case label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            SeriesKind::Price => "price",
            SeriesKind::Valuation => "valuation",
            SeriesKind::Rate => "rate",
        }
    }

    /// Guesses the kind from a column header or file name.
    ///
    /// Valuation words (P/E, PE10, CAPE, earnings, dividend, EPS, P/B) win over rate words
    /// (yield, rate, bond, spread, treasury, FRED rate codes); everything else is a price.
    #[must_use]
    pub fn guess(name: &str) -> SeriesKind {
        let lower = name.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '/')
            .filter(|w| !w.is_empty())
            .collect();
        let has_word = |candidates: &[&str]| words.iter().any(|w| candidates.contains(w));
        if has_word(&[
            "p/e",
            "pe",
            "pe10",
            "cape",
            "earnings",
            "dividend",
            "dividends",
            "eps",
            "p/b",
            "pb",
            "valuation",
        ]) || lower.contains("p/e")
            || lower.contains("price to earnings")
            || lower.contains("div_yield")
        {
            return SeriesKind::Valuation;
        }
        let rate_words = [
            "yield", "rate", "rates", "bond", "bonds", "spread", "treasury", "interest",
            "fedfunds", "libor", "sofr",
        ];
        let rate_codes = ["dgs", "t10y", "bamlh", "baml", "dff", "tb3ms", "gs10"];
        if has_word(&rate_words) || rate_codes.iter().any(|code| lower.starts_with(code)) {
            return SeriesKind::Rate;
        }
        SeriesKind::Price
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_kinds_from_real_headers() {
        assert_eq!(SeriesKind::guess("PE10"), SeriesKind::Valuation);
        assert_eq!(SeriesKind::guess("Earnings"), SeriesKind::Valuation);
        assert_eq!(SeriesKind::guess("Russell 2000 P/E"), SeriesKind::Valuation);
        assert_eq!(
            SeriesKind::guess("SP500_DIV_YIELD_MONTH"),
            SeriesKind::Valuation
        );
        assert_eq!(SeriesKind::guess("SPY dividends"), SeriesKind::Valuation);
        assert_eq!(SeriesKind::guess("Long Interest Rate"), SeriesKind::Rate);
        assert_eq!(
            SeriesKind::guess("United States 10-Year Bond Yield"),
            SeriesKind::Rate
        );
        assert_eq!(SeriesKind::guess("DGS30"), SeriesKind::Rate);
        assert_eq!(SeriesKind::guess("T10Y2Y"), SeriesKind::Rate);
        assert_eq!(SeriesKind::guess("FEDFUNDS"), SeriesKind::Rate);
        assert_eq!(SeriesKind::guess("BAMLH0A0HYM2"), SeriesKind::Rate);
        assert_eq!(SeriesKind::guess("^RUT"), SeriesKind::Price);
        assert_eq!(SeriesKind::guess("SP500"), SeriesKind::Price);
        assert_eq!(SeriesKind::guess("Real Price"), SeriesKind::Price);
        assert_eq!(SeriesKind::guess("Consumer Price Index"), SeriesKind::Price);
    }
}
