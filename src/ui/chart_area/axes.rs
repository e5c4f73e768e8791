//! The chart's axes: dates along x (days, weeks, months, quarters or years depending on the
//! zoom, from the chart core's date ticks), and values along y in each panel's unit, with round
//! ticks on a logarithmic scale.

use egui_plot::{GridInput, GridMark, Plot};

use crate::chart::date_axis::{choose_unit, tick_label, ticks};
use crate::chart::log_axis::log_ticks;
use crate::chart::value_axis::ValueAxis;

/// The smallest spacing of grid lines, in points (`egui_plot`'s default, set explicitly because
/// the tick spacers below turn the grid input back into pixels with it).
const GRID_MIN_SPACING: f32 = 8.0;

/// The least distance between two date labels, in points.
const DATE_LABEL_SPACING: f64 = 90.0;

/// The least distance between two log-scale labels, in points.
const LOG_LABEL_SPACING: f64 = 36.0;

/// Gives `plot` a date x-axis (x = day number) and a y-axis reading `axis`.
pub fn with_axes<'a>(plot: Plot<'a>, axis: ValueAxis) -> Plot<'a> {
    let plot = plot
        .grid_spacing(GRID_MIN_SPACING..=300.0)
        .x_grid_spacer(date_marks)
        .x_axis_formatter(|mark, _range| tick_label(mark.value, mark.step_size));
    if axis.is_log() {
        plot.y_grid_spacer(log_marks)
            .y_axis_formatter(move |mark, _range| axis.log_tick_label(mark.value.exp()))
    } else {
        plot.y_axis_formatter(move |mark, _range| axis.tick_label(mark.value, mark.step_size))
    }
}

/// The grid of a date axis: calendar-aligned ticks at the finest unit whose labels fit.
#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacer passes its input by value
fn date_marks(input: GridInput) -> Vec<GridMark> {
    let days_per_point = input.base_step_size / f64::from(GRID_MIN_SPACING);
    let unit = choose_unit(days_per_point, DATE_LABEL_SPACING);
    let step_size = unit.approx_days();
    ticks(unit, input.bounds.0, input.bounds.1)
        .into_iter()
        .map(|value| GridMark { value, step_size })
        .collect()
}

/// The grid of a log axis (y = ln v): round values of v.
#[allow(clippy::needless_pass_by_value)] // egui_plot's grid spacer passes its input by value
fn log_marks(input: GridInput) -> Vec<GridMark> {
    let points_per_ln = f64::from(GRID_MIN_SPACING) / input.base_step_size.max(f64::MIN_POSITIVE);
    let values = log_ticks(
        input.bounds.0,
        input.bounds.1,
        points_per_ln,
        LOG_LABEL_SPACING,
    );
    let logs: Vec<f64> = values.iter().map(|v| v.ln()).collect();
    // Every mark gets the smallest gap as its step, so all are drawn alike and labelled.
    let step_size = logs
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    let step_size = if step_size.is_finite() {
        step_size
    } else {
        input.bounds.1 - input.bounds.0
    };
    logs.into_iter()
        .map(|value| GridMark { value, step_size })
        .collect()
}

/// The y of the reference line a panel shows: 100 when rebased, 0 for changes and spreads'
/// differences; none for ratios and levels.
pub fn reference_line(axis: ValueAxis) -> Option<f64> {
    match axis {
        ValueAxis::Rebased => Some(100.0),
        ValueAxis::LogRebased | ValueAxis::LogPercentChange => Some(100f64.ln()),
        ValueAxis::PercentChange | ValueAxis::Percent | ValueAxis::PercentagePoints => Some(0.0),
        ValueAxis::Ratio | ValueAxis::Level => None,
    }
}
