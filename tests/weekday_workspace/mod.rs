//! Generated workspaces for the tests that need many observations: weekday series from
//! 1950-01-02 on, with the values a test chooses.

use rotation_lens::model::{Date, Series, SeriesKind, Source};
use rotation_lens::workspace::Workspace;

/// A workspace of `series` series named `Index 0`, `Index 1`, … with `points` weekday
/// observations each; observation `i` of series `s` is `value(s, i)`.
pub fn weekday_workspace(
    series: usize,
    points: usize,
    value: impl Fn(usize, usize) -> f64,
) -> Workspace {
    let mut workspace = Workspace::empty();
    let start = Date::from_ymd(1950, 1, 2).map_or(0, Date::day_number);
    let dates: Vec<Date> = (0..points)
        .filter_map(|i| {
            let i = i32::try_from(i).ok()?;
            Date::from_day_number(start + i / 5 * 7 + i % 5)
        })
        .collect();
    for s in 0..series {
        let values = (0..points).map(|i| value(s, i)).collect();
        let series = Series::new(
            format!("Index {s}"),
            SeriesKind::Price,
            Source::default(),
            dates.clone(),
            values,
        );
        workspace.add_series(series.unwrap());
    }
    workspace
}
