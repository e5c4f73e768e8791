//! Exports: the chart picture as PNG (cropped from a screenshot of the window), the chart's
//! data and the metrics table as CSV that is safe to open in a spreadsheet. Pure: pixels and
//! tables in, bytes out; the caller writes the file with [`write_export`].

mod chart_csv;
mod csv_safe;
mod error;
mod png;
mod table_csv;

pub use self::png::{PixelRect, RgbImage, Screenshot, crop_to_png, crop_to_rgb, encode_png};
pub use chart_csv::{ChartColumn, ChartLine, ChartTable, chart_csv};
pub use csv_safe::{Cell, SafeCsvWriter, format_number, neutralise_text};
pub use error::ExportError;
pub use table_csv::table_csv;

use std::path::Path;

/// Writes an export's bytes to `path` whole or not at all (see
/// [`write_atomically`](crate::atomic_write::write_atomically)).
///
/// # Errors
/// [`ExportError::Write`] naming the file, the step and the system's reason.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::atomic_write::write_atomically(path, bytes).map_err(ExportError::from)
}
