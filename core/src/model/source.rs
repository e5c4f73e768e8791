//! Where a series came from: the file, what the importer recognised in it, and the settings
//! used, so that a re-import reads the file the same way.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::ImportOptions;

/// The origin of a series.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The file it was imported from, when it came from a file.
    pub path: Option<PathBuf>,
    /// The recognised format, e.g. "Yahoo Finance" or "Investing.com".
    pub format: String,
    /// The header of the column the values were read from (or the symbol, for long files).
    pub column: String,
    /// The import settings that produced the series (detected or chosen by the user).
    pub options: ImportOptions,
}
