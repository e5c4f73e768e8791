//! What column headers mean: which name a date column, a closing price or a ticker symbol goes
//! by in the exports of Yahoo Finance, Stooq, FRED, Investing.com (in several languages),
//! Nasdaq.com, MarketWatch/WSJ and spreadsheets; which data site a header row comes from; and
//! how a file name becomes a series name.

use crate::model::DateFormat;

/// A header lower-cased with surrounding spaces, quotes and dots-at-end removed.
#[must_use]
pub fn normalise_header(header: &str) -> String {
    header
        .trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\u{feff}')
        .to_lowercase()
}

/// Headers of date columns.
pub fn is_date_header(header: &str) -> bool {
    matches!(
        normalise_header(header).as_str(),
        "date"
            | "dates"
            | "datetime"
            | "date time"
            | "time"
            | "timestamp"
            | "day"
            | "period"
            | "month"
            | "observation_date"
            | "observation date"
            | "datum"
            | "data"
            | "fecha"
            | "date/time"
            | "trade date"
            | "as of"
    )
}

/// Value columns in the order a single price series is taken from them: adjusted close first.
const VALUE_PREFERENCE: [&[&str]; 5] = [
    &[
        "adj close",
        "adj. close",
        "adj close*",
        "adj. close**",
        "adjusted close",
        "adj_close",
        "adjclose",
        "adjusted_close",
        "adjusted",
    ],
    &[
        "close",
        "close/last",
        "close*",
        "closing price",
        "close price",
        "last",
        "último",
        "ultimo",
        "zuletzt",
        "schluss",
        "schluß",
        "schlusskurs",
        "schlußkurs",
        "clôture",
        "cloture",
        "cierre",
        "fechamento",
        "dernier",
        "chiusura",
    ],
    &["price", "value", "level", "index", "nav"],
    &["rate", "yield"],
    &["pe", "p/e", "cape"],
];

/// Headers that mark an OHLC(V)-style price file rather than a table of several series.
const PRICE_FIELDS: &[&str] = &[
    "open",
    "high",
    "low",
    "close",
    "adj close",
    "adj. close",
    "adjusted close",
    "adj_close",
    "adjusted",
    "volume",
    "vol.",
    "vol",
    "change %",
    "change",
    "price",
    "close/last",
    "openint",
    "último",
    "ultimo",
    "abertura",
    "máxima",
    "mínima",
    "var%",
    "eröffn.",
    "hoch",
    "tief",
    "zuletzt",
    "+/- %",
    "apertura",
    "máximo",
    "mínimo",
    "eröffnung",
    "schluss",
    "schluß",
    "schlusskurs",
    "schlußkurs",
    "volumen",
    "ouverture",
    "clôture",
];

/// Headers of ticker / symbol columns in long tables.
const SYMBOL_HEADERS: [&str; 13] = [
    "symbol",
    "ticker",
    "name",
    "index",
    "code",
    "security",
    "instrument",
    "isin",
    "series",
    "asset",
    "variable",
    "key",
    "series_id",
];

/// How many headers are price-file fields (Open, High, Low, Close, Volume, …).
#[must_use]
pub fn price_field_count(headers: &[String]) -> usize {
    headers
        .iter()
        .filter(|h| PRICE_FIELDS.contains(&normalise_header(h).as_str()))
        .count()
}

/// Among `candidates` (column indexes), the one a single price series should come from.
#[must_use]
pub fn preferred_value_column(headers: &[String], candidates: &[usize]) -> Option<usize> {
    VALUE_PREFERENCE.iter().find_map(|names| {
        candidates.iter().copied().find(|&c| {
            headers
                .get(c)
                .is_some_and(|h| names.contains(&normalise_header(h).as_str()))
        })
    })
}

/// Which group of [`VALUE_PREFERENCE`] a header is in: 0 adjusted close, 1 close, 2 price or
/// level, 3 rate, 4 valuation.
#[must_use]
pub fn value_rank(header: &str) -> Option<usize> {
    let name = normalise_header(header);
    VALUE_PREFERENCE
        .iter()
        .position(|names| names.contains(&name.as_str()))
}

/// Whether a header names a column of values (a close, a price, an open, a rate…).
#[must_use]
pub fn is_value_header(header: &str) -> bool {
    let name = normalise_header(header);
    VALUE_PREFERENCE
        .iter()
        .any(|names| names.contains(&name.as_str()))
        || PRICE_FIELDS.contains(&name.as_str())
}

/// Whether a header names a symbol column.
#[must_use]
pub fn is_symbol_header(header: &str) -> bool {
    SYMBOL_HEADERS.contains(&normalise_header(header).as_str())
}

/// The fields of a multi-asset table, each with the ways headers write it, in the order a
/// series is taken from them: the adjusted close, then the close.
pub const ASSET_FIELDS: [(&str, &[&str]); 6] = [
    (
        "adjusted close",
        &[
            "adjusted close",
            "adjusted_close",
            "adj close",
            "adj_close",
            "adj. close",
            "adjclose",
            "adjusted",
        ],
    ),
    ("close", &["close"]),
    ("open", &["open"]),
    ("high", &["high"]),
    ("low", &["low"]),
    ("volume", &["volume", "vol"]),
];

/// The field a header names on its own (`close`, `Adj Close`), by its name in
/// [`ASSET_FIELDS`].
#[must_use]
pub fn field_name(header: &str) -> Option<&'static str> {
    let name = normalise_header(header);
    ASSET_FIELDS
        .iter()
        .find(|(_, spellings)| spellings.contains(&name.as_str()))
        .map(|(field, _)| *field)
}

/// A multi-asset header split into its asset and field: `BTC:close`, `BTC_close`,
/// `BTC close`, `close_BTC` → (`BTC`, `close`). `None` for a header that is a field alone or
/// names no field.
#[must_use]
pub fn asset_and_field(header: &str) -> Option<(String, &'static str)> {
    let trimmed = header.trim();
    let lower = trimmed.to_lowercase();
    if lower.len() != trimmed.len() || field_name(trimmed).is_some() {
        return None;
    }
    for (field, spellings) in ASSET_FIELDS {
        for spelling in spellings {
            for separator in [':', '_', ' ', '.', '/'] {
                let suffix = format!("{separator}{spelling}");
                let prefix = format!("{spelling}{separator}");
                let asset = if lower.ends_with(&suffix) {
                    &trimmed[..trimmed.len() - suffix.len()]
                } else if lower.starts_with(&prefix) {
                    &trimmed[prefix.len()..]
                } else {
                    continue;
                };
                let asset = asset.trim();
                if !asset.is_empty() {
                    return Some((asset.to_string(), field));
                }
            }
        }
    }
    None
}

/// The columns of a multi-asset table that become series, from among `candidates`: for each
/// asset (in the order of first appearance) its column of `field`, or by default its adjusted
/// close, else its close. Empty unless at least two assets have one.
#[must_use]
pub fn asset_columns(headers: &[String], candidates: &[usize], field: Option<&str>) -> Vec<usize> {
    let mut assets: Vec<(String, Vec<(usize, &'static str)>)> = Vec::new();
    for &column in candidates {
        let Some((asset, found)) = headers.get(column).and_then(|h| asset_and_field(h)) else {
            continue;
        };
        match assets.iter_mut().find(|(a, _)| *a == asset) {
            Some((_, fields)) => fields.push((column, found)),
            None => assets.push((asset, vec![(column, found)])),
        }
    }
    let wanted: &[&str] = match field {
        Some(field) => &[field][..],
        None => &["adjusted close", "close"],
    };
    let columns: Vec<usize> = assets
        .iter()
        .filter_map(|(_, fields)| {
            wanted
                .iter()
                .find_map(|w| fields.iter().find(|(_, f)| f == w).map(|(c, _)| *c))
        })
        .collect();
    if columns.len() >= 2 {
        columns
    } else {
        Vec::new()
    }
}

/// The fields of a multi-asset table that at least two assets have, in [`ASSET_FIELDS`] order.
#[must_use]
pub fn asset_fields(headers: &[String], candidates: &[usize]) -> Vec<&'static str> {
    ASSET_FIELDS
        .iter()
        .map(|(field, _)| *field)
        .filter(|field| !asset_columns(headers, candidates, Some(field)).is_empty())
        .collect()
}

/// Whether a header names a maturity (`1month`, `3 Mo`, `10year`, `30 Yr`, `2y`): the columns
/// of a yield curve.
#[must_use]
pub fn is_maturity_header(header: &str) -> bool {
    let name: String = normalise_header(header)
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect();
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return false;
    }
    matches!(
        &name[digits..],
        "m" | "mo"
            | "mos"
            | "month"
            | "months"
            | "w"
            | "wk"
            | "week"
            | "weeks"
            | "y"
            | "yr"
            | "yrs"
            | "year"
            | "years"
    )
}

/// Headers of a column of periodic returns (`return`, `daily_return`), not prices.
#[must_use]
pub fn is_return_header(header: &str) -> bool {
    matches!(
        normalise_header(header).as_str(),
        "return"
            | "returns"
            | "ret"
            | "daily return"
            | "daily returns"
            | "daily_return"
            | "daily_returns"
            | "pct_change"
            | "simple return"
            | "simple_return"
    )
}

/// Columns that are not a price series even when numeric (volume, change).
#[must_use]
pub fn is_auxiliary_header(header: &str) -> bool {
    matches!(
        normalise_header(header).as_str(),
        "volume"
            | "vol."
            | "vol"
            | "change %"
            | "change"
            | "var%"
            | "+/- %"
            | "volumen"
            | "umsatz"
            | "openint"
            | "open interest"
            | "turnover"
    )
}

/// Recognises the data site a file comes from by its header row and date format.
#[must_use]
pub fn guess_source(
    headers: &[String],
    date_format: DateFormat,
    delimiter: u8,
    comma_decimal: bool,
) -> &'static str {
    let names: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let raw_has_spaces = headers.iter().skip(1).any(|h| h.starts_with(' '));
    match names.as_slice() {
        [
            "date",
            "open",
            "high",
            "low",
            "close",
            "adj close",
            "volume",
        ] => "Yahoo Finance",
        ["date", "open", "high", "low", "close", "volume"]
        | ["date", "open", "high", "low", "close", "volume", "openint"]
            if date_format == DateFormat::YearMonthDay =>
        {
            "Stooq"
        }
        ["date", "open", "high", "low", "close", ..]
            if raw_has_spaces || date_format == DateFormat::MonthDayYear =>
        {
            "MarketWatch/WSJ"
        }
        ["date", "close/last", ..] => "Nasdaq.com",
        ["date", "close", "volume", "open", "high", "low"] => "Nasdaq.com (older export)",
        ["date", "price", "open", "high", "low", ..] => "Investing.com",
        ["data", "último", "abertura", "máxima", "mínima", ..] => "Investing.com (Portuguese)",
        ["datum", "zuletzt", "eröffn.", "hoch", "tief", ..] => "Investing.com (German)",
        ["fecha", "último", "apertura", "máximo", "mínimo", ..] => "Investing.com (Spanish)",
        ["date" | "observation_date", _]
            if headers
                .first()
                .is_some_and(|h| h.trim() == "DATE" || h.trim() == "observation_date") =>
        {
            "FRED"
        }
        _ if names.iter().any(|n| *n == "pe10" || *n == "cape") => "Shiller's S&P data",
        _ if delimiter != b',' || comma_decimal => "Spreadsheet export",
        _ => "CSV table",
    }
}

/// The series name a file name gives: without folders, extension and the decorations data sites
/// add (`S&P 500 Historical Data.csv` → `S&P 500`, `Dados Históricos - Ibovespa.csv` →
/// `Ibovespa`, `^spx_d.csv` → `^SPX`, `SP500 (1).csv` → `SP500`).
#[must_use]
pub fn name_from_file_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && extension.len() <= 4 => stem,
        _ => base,
    };
    let mut name = stem.trim().to_string();
    // " (1)" that browsers append to repeated downloads.
    if let Some(open) = name.rfind(" (")
        && name.ends_with(')')
        && name[open + 2..name.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        name.truncate(open);
    }
    for suffix in [
        " Historical Data",
        " historical data",
        " Historische Daten",
        " Datos históricos",
        " - Historical Data",
    ] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.trim().to_string();
        }
    }
    for prefix in [
        "Dados Históricos - ",
        "Datos históricos - ",
        "Historical Data - ",
    ] {
        if let Some(stripped) = name.strip_prefix(prefix) {
            name = stripped.trim().to_string();
        }
    }
    // Stooq names files like `^spx_d.csv` (daily), `_w` weekly, `_m` monthly.
    if name.starts_with('^') || name.contains('.') || name.len() <= 8 {
        for suffix in ["_d", "_w", "_m"] {
            if let Some(stripped) = name.strip_suffix(suffix) {
                if !stripped.is_empty() {
                    name = stripped.to_uppercase();
                }
                break;
            }
        }
    }
    if name.is_empty() {
        stem.to_string()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_multi_asset_headers() {
        let split = |h: &str| asset_and_field(h);
        assert_eq!(split("BTC:close"), Some(("BTC".to_string(), "close")));
        assert_eq!(split("BTC_close"), Some(("BTC".to_string(), "close")));
        assert_eq!(split("BTC close"), Some(("BTC".to_string(), "close")));
        assert_eq!(split("close_BTC"), Some(("BTC".to_string(), "close")));
        assert_eq!(
            split("ETH:Adj Close"),
            Some(("ETH".to_string(), "adjusted close"))
        );
        assert_eq!(split("BRK_B:volume"), Some(("BRK_B".to_string(), "volume")));
        assert_eq!(split("Adj Close"), None);
        assert_eq!(split("Close"), None);
        assert_eq!(split("SPX"), None);
        assert!(is_maturity_header("1month"));
        assert!(is_maturity_header("3 Mo"));
        assert!(is_maturity_header("30year"));
        assert!(!is_maturity_header("SP500"));
        assert!(!is_maturity_header("month"));
    }

    #[test]
    fn names_series_from_file_names() {
        assert_eq!(name_from_file_name("^RUT.csv"), "^RUT");
        assert_eq!(
            name_from_file_name("S&P 500 Historical Data.csv"),
            "S&P 500"
        );
        assert_eq!(
            name_from_file_name("dir/Nasdaq 100 Historical Data (1).csv"),
            "Nasdaq 100"
        );
        assert_eq!(
            name_from_file_name("Dados Históricos - Ibovespa.csv"),
            "Ibovespa"
        );
        assert_eq!(name_from_file_name("^spx_d.csv"), "^SPX");
        assert_eq!(name_from_file_name("orcl-1995-2014.txt"), "orcl-1995-2014");
        assert_eq!(name_from_file_name("SP500.csv"), "SP500");
        assert_eq!(
            name_from_file_name("HistoricalQuotes.csv"),
            "HistoricalQuotes"
        );
        assert_eq!(name_from_file_name("my_data_d.csv"), "my_data_d");
    }

    #[test]
    fn prefers_adjusted_close() {
        let headers: Vec<String> = [
            "Date",
            "Open",
            "High",
            "Low",
            "Close",
            "Adj Close",
            "Volume",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        assert_eq!(
            preferred_value_column(&headers, &[1, 2, 3, 4, 5, 6]),
            Some(5)
        );
        assert_eq!(preferred_value_column(&headers, &[1, 2, 3, 4, 6]), Some(4));
        assert_eq!(price_field_count(&headers), 6);

        let german: Vec<String> = [
            "Datum",
            "Eröffnung",
            "Hoch",
            "Tief",
            "Schlußkurs",
            "Volumen",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        assert_eq!(preferred_value_column(&german, &[1, 2, 3, 4, 5]), Some(4));
        assert!(is_auxiliary_header("Volumen"));
        assert!(is_value_header(" Close"));
        assert!(is_value_header("Schlußkurs"));
        assert!(!is_value_header("Symbol"));
        assert_eq!(price_field_count(&german), 5);
    }

    #[test]
    fn recognises_sources() {
        let h = |names: &[&str]| names.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(
            guess_source(
                &h(&[
                    "Date",
                    "Open",
                    "High",
                    "Low",
                    "Close",
                    "Adj Close",
                    "Volume"
                ]),
                DateFormat::YearMonthDay,
                b',',
                false
            ),
            "Yahoo Finance"
        );
        assert_eq!(
            guess_source(
                &h(&["DATE", "SP500"]),
                DateFormat::YearMonthDay,
                b',',
                false
            ),
            "FRED"
        );
        assert_eq!(
            guess_source(
                &h(&["Date", "Value"]),
                DateFormat::YearMonthDay,
                b',',
                false
            ),
            "CSV table"
        );
        assert_eq!(
            guess_source(
                &h(&["Date", " Open", " High", " Low", " Close"]),
                DateFormat::YearMonthDay,
                b',',
                false
            ),
            "MarketWatch/WSJ"
        );
    }
}
