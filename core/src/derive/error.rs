//! Why a derived series cannot be made: a definition that does not parse, a name that names no
//! series, a cycle, or inputs the definition cannot be computed from — each with its context.

use thiserror::Error;

use crate::model::{Date, SeriesError};

/// Why a derived series cannot be made. Nothing is added when any definition fails.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum DeriveError {
    /// The text is not `NAME = fn(args)` as expected.
    #[error("{text:?}: expected {expected}")]
    Syntax {
        /// The definition as written.
        text: String,
        /// What was expected there.
        expected: String,
    },
    /// A weight of a composite is not a number.
    #[error(
        "{text:?}: the weight {weight:?} of {series:?} is not a number (write e.g. 0.6*SPY, -0.4*IWM or 1/3*QQQ)"
    )]
    BadWeight {
        /// The definition as written.
        text: String,
        /// The weight as written.
        weight: String,
        /// The series it weighs.
        series: String,
    },
    /// A definition reads a series that does not exist.
    #[error("{definition}: no series named {name:?}; the series are: {}", known.join(", "))]
    UnknownSeries {
        /// The definition that names it.
        definition: String,
        /// The missing name.
        name: String,
        /// The names there are.
        known: Vec<String>,
    },
    /// Definitions read each other in a circle.
    #[error("the derived series depend on each other in a cycle: {}", cycle.join(" → "))]
    Cycle {
        /// The names around the cycle, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// A derived series would take a name already in use.
    #[error("{name:?} is already the name of a series; choose another name")]
    DuplicateName {
        /// The name.
        name: String,
    },
    /// A dividend amount is negative.
    #[error(
        "{definition}: the dividends {series:?} are negative on {date} ({value}); dividends must be zero or more"
    )]
    NegativeDividend {
        /// The definition.
        definition: String,
        /// The dividend series.
        series: String,
        /// The date of the first negative amount.
        date: Date,
        /// The amount.
        value: f64,
    },
    /// An exchange rate is zero or negative.
    #[error(
        "{definition}: the exchange rate {series:?} is {value} on {date}; an exchange rate must be positive"
    )]
    FxNotPositive {
        /// The definition.
        definition: String,
        /// The exchange-rate series.
        series: String,
        /// The date of the first value that is not positive.
        date: Date,
        /// The value.
        value: f64,
    },
    /// A value a return divides by is zero or negative.
    #[error(
        "{definition}: {series:?} is {value} on {date}; a return needs a positive value before it"
    )]
    NotPositive {
        /// The definition.
        definition: String,
        /// The series.
        series: String,
        /// The date of the value.
        date: Date,
        /// The value.
        value: f64,
    },
    /// The inputs share no dates, so the result would be empty.
    #[error("{definition}: {reason}")]
    Empty {
        /// The definition.
        definition: String,
        /// Why no date qualifies.
        reason: String,
    },
    /// A series the derived values would form is invalid (a value overflowed).
    #[error("{definition}: {source}")]
    Series {
        /// The definition.
        definition: String,
        /// What is wrong with the values.
        source: SeriesError,
    },
}
