//! Chart preparation that does not depend on the UI toolkit: the dates a range stands for, the
//! lines each chart tab draws (built from the analytics transforms and cached), decimating long
//! lines to what the pixels can show, the spread band, value and date axes, and the visible
//! data for export.

pub mod chart_table;
pub mod column_picks;
pub mod date_axis;
pub mod decimate;
pub mod decimation_cache;
pub mod end_labels;
pub mod frame;
pub mod frame_lru;
pub mod line_cache;
pub mod line_spec;
pub mod log_axis;
pub mod plot_line;
pub mod point_budget;
pub mod pyramid;
pub mod range;
pub mod refiner;
pub mod rotation;
pub mod series_blocks;
pub mod spread_band;
pub mod tab_plan;
pub mod value_axis;
pub mod value_map;
pub mod visible_data;
