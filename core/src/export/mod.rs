//! Exports: the chart as a picture for publication (PNG or SVG, drawn headless from the
//! chart preparation), the on-screen chart cropped from a screenshot, the chart's data and the
//! metrics table as CSV that is safe to open in a spreadsheet, and the one-file HTML report.
//! Pure: data in, bytes out; files are written with [`write_export`] (see [`crate::atomic_write`]).

mod chart_caption;
mod chart_csv;
mod chart_layout;
mod chart_picture;
mod csv_safe;
mod error;
mod export_choices;
pub mod font;
mod picture_options;
mod png;
mod raster;
mod report_html;
mod rotation_layout;
pub mod scene;
mod svg;
mod table_csv;

pub use self::png::{PixelRect, RgbImage, Screenshot, crop_to_png, crop_to_rgb, encode_png};
pub use chart_caption::{ChartCaption, MADE_WITH, chart_caption, rotation_caption};
pub use chart_csv::{
    ChartColumn, ChartLine, ChartTable, RotationRow, chart_csv, rotation_csv, visible_data_csv,
};
pub use chart_layout::{chart_scene, estimated_plot_width, time_panels};
pub use chart_picture::{
    ChartBody, ChartPictureError, ChartView, chart_picture, chart_view, encode_scene, render_chart,
};
pub use csv_safe::{Cell, SafeCsvWriter, format_number, neutralise_text};
pub use error::ExportError;
pub use export_choices::ExportChoices;
pub use picture_options::{
    MAX_SIDE_PX, MIN_LAYOUT_POINTS, Palette, PictureFormat, PictureOptions, PictureTheme,
    SCALE_RANGE, parse_size,
};
pub use raster::{render_png, render_rgb};
pub use report_html::{CellTone, HtmlReport, ReportCell, ReportTable, SourceRow, report_html};
pub use rotation_layout::rotation_scene;
pub use svg::{escape, render_svg};
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
