//! Why an export could not be produced.

use thiserror::Error;

use crate::atomic_write::AtomicWriteError;

/// A failure to produce an export.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The screenshot's byte count does not match its size.
    #[error(
        "the screenshot is {width}×{height} pixels but holds {found} bytes instead of {expected}"
    )]
    ScreenshotSize {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
        /// Bytes expected (4 per pixel).
        expected: usize,
        /// Bytes given.
        found: usize,
    },
    /// Nothing is left of the area to export once it is clipped to the screenshot.
    #[error("the chart area is empty: nothing to export")]
    EmptyArea,
    /// The picture size asked for cannot be drawn.
    #[error("a picture of {width}×{height} pixels cannot be drawn")]
    Size {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The PNG encoder failed.
    #[error("the PNG could not be encoded: {0}")]
    Png(#[from] ::png::EncodingError),
    /// A chart column does not have one value per date.
    #[error("column {name:?} has {found} values for {expected} dates")]
    ColumnLength {
        /// The column's name.
        name: String,
        /// The number of dates.
        expected: usize,
        /// The number of values.
        found: usize,
    },
    /// A table row does not have one cell per header column.
    #[error("row {row} has {found} cells but the header has {expected} columns")]
    RowLength {
        /// 1-based row number (after the header).
        row: usize,
        /// The number of header columns.
        expected: usize,
        /// The number of cells in the row.
        found: usize,
    },
    /// The CSV writer failed.
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] csv::Error),
    /// The chart was to be captured from the screen but was not drawn there.
    #[error("the chart is not on screen")]
    ChartNotOnScreen,
    /// The exported file could not be written.
    #[error(transparent)]
    Write(#[from] AtomicWriteError),
}
