//! Derived series: series computed from others by a written definition — a total return from a
//! price and its dividends, a series converted into another currency, a weighted composite
//! rebalanced every session (an equal-weight basket is one) — and the return basis of every price
//! series (price return, total return, adjusted close), with the note a comparison that mixes
//! bases carries. Definitions are text (`NAME = fn(args)`), parsed, resolved against the series
//! there are (later definitions may use earlier ones) and computed all or nothing.

mod basis;
mod composite;
mod convert;
mod definition;
mod error;
mod parse;
mod resolve;
mod total_return;

pub use basis::{ReturnBasis, mixed_basis_note, note_mixed_bases};
pub use composite::composite;
pub use convert::convert;
pub use definition::{
    ALL_DEFINITIONS, COMPOSITE, CONVERT, DERIVED_FORMAT, Derivation, DerivedDefinition,
    DividendMode, FxOperation, TOTAL_RETURN_ANNUAL_RATE, TOTAL_RETURN_CASH, Weighted,
};
pub use error::DeriveError;
pub use parse::parse_definition;
pub use resolve::{derive_all, derive_one};
pub use total_return::{total_return_annual_rate, total_return_cash};
