//! Exports: the chart picture as PNG (cropped from a screenshot of the window), the chart's
//! data and the metrics table as CSV that is safe to open in a spreadsheet. Pure: pixels and
//! tables in, bytes out; the caller writes the file.

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
