//! Chart preparation that does not depend on the UI toolkit: decimating long series to what the
//! pixels can show, and date-axis ticks and labels.

pub mod date_axis;
pub mod decimate;
