//! Lays out a prepared chart frame as a picture for articles: title, subtitle, the legend in a
//! row above the plots (never over the lines), one plot per panel sharing the date axis, value
//! ticks in each panel's unit (at least four where the height allows), calendar date ticks
//! whose labels are kept whole inside the picture, the spread band, and the source line.
//!
//! The layout is generic over the frame's panels of dated lines; a tab drawing something else
//! (the rotation scatter) adds its own body beside [`time_panels`] inside [`framed_scene`].

use crate::chart::date_axis::{choose_unit, tick_label, ticks as date_ticks};
use crate::chart::frame::{PreparedFrame, PreparedPanel};
use crate::chart::log_axis::log_ticks;
use crate::chart::spread_band::SpreadBand;
use crate::chart::value_axis::ValueAxis;
use crate::workspace::Rgb;

use super::chart_caption::ChartCaption;
use super::font::text_width;
use super::picture_options::{Palette, PictureOptions};
use super::scene::{Anchor, Rect, Rgba, Scene, Shape, Weight};

/// Margin around the picture, in points.
pub(super) const MARGIN: f32 = 18.0;
const TITLE_SIZE: f32 = 19.0;
const SUBTITLE_SIZE: f32 = 12.0;
const LEGEND_SIZE: f32 = 11.5;
pub(super) const TICK_SIZE: f32 = 11.0;
const PANEL_TITLE_SIZE: f32 = 11.0;
const SOURCE_SIZE: f32 = 10.0;
/// The width of a series line, in points (as on screen).
pub const LINE_WIDTH: f32 = 1.75;
/// The least distance between two value ticks, in points.
const VALUE_TICK_SPACING: f32 = 24.0;
/// Share of the height the upper panel of a two-panel chart takes (as on screen).
const UPPER_SHARE: f32 = 0.6;

/// The plot width, in points, a picture of `options` will have (before the value labels are
/// measured): what the data is decimated for.
#[must_use]
pub fn estimated_plot_width(options: &PictureOptions) -> f32 {
    (options.width_px as f32 / options.scale - 2.0 * MARGIN - 56.0).max(50.0)
}

/// One entry of the legend.
pub(super) struct LegendEntry {
    color: Rgba,
    text: String,
    swatch: Swatch,
}

enum Swatch {
    Line,
    Dashed,
    Area,
}

/// The scene of `frame` with `caption`, drawn as `options` ask.
#[must_use]
pub fn chart_scene(
    frame: &PreparedFrame,
    caption: &ChartCaption,
    options: &PictureOptions,
) -> Scene {
    let palette = options.theme.palette();
    let entries = legend_entries(frame, &palette);
    framed_scene(caption, options, &entries, |shapes, area, palette| {
        // Room under the plots for the date labels.
        let plots = Rect {
            h: area.h - (TICK_SIZE + 8.0),
            ..area
        };
        time_panels(shapes, frame, plots, palette);
    })
}

/// A picture of `options`' size and theme with `caption`'s title and subtitle at the top,
/// the legend of `entries` under them, the source line at the bottom, and `body` drawing into
/// the area left between them.
pub(super) fn framed_scene(
    caption: &ChartCaption,
    options: &PictureOptions,
    entries: &[LegendEntry],
    body: impl FnOnce(&mut Vec<Shape>, Rect, &Palette),
) -> Scene {
    let palette = options.theme.palette();
    let scale = options.scale;
    let (width, height) = (
        options.width_px as f32 / scale,
        options.height_px as f32 / scale,
    );
    let mut shapes = Vec::new();
    // Title and subtitle.
    let mut y = MARGIN + TITLE_SIZE * 0.8;
    push_text(
        &mut shapes,
        MARGIN,
        y,
        &fit(&caption.title, TITLE_SIZE, true, width - 2.0 * MARGIN),
        TITLE_SIZE,
        palette.text,
        Anchor::Start,
        Weight::Bold,
    );
    y += SUBTITLE_SIZE + 9.0;
    push_text(
        &mut shapes,
        MARGIN,
        y,
        &fit(
            &caption.subtitle,
            SUBTITLE_SIZE,
            false,
            width - 2.0 * MARGIN,
        ),
        SUBTITLE_SIZE,
        palette.muted,
        Anchor::Start,
        Weight::Regular,
    );
    // The legend, in rows.
    y += 10.0;
    let legend_bottom = legend(&mut shapes, entries, y, width, &palette);
    // The source line at the bottom.
    let source_baseline = height - MARGIN + 2.0;
    push_text(
        &mut shapes,
        MARGIN,
        source_baseline,
        &fit(&caption.source, SOURCE_SIZE, false, width - 2.0 * MARGIN),
        SOURCE_SIZE,
        palette.muted,
        Anchor::Start,
        Weight::Regular,
    );
    let area = Rect {
        x: MARGIN,
        y: legend_bottom + 8.0,
        w: width - 2.0 * MARGIN,
        h: (source_baseline - SOURCE_SIZE - 10.0) - (legend_bottom + 8.0),
    };
    body(&mut shapes, area, &palette);
    Scene {
        width_px: options.width_px,
        height_px: options.height_px,
        scale,
        background: palette.background,
        shapes,
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn push_text(
    shapes: &mut Vec<Shape>,
    x: f32,
    y: f32,
    text: &str,
    size: f32,
    color: Rgba,
    anchor: Anchor,
    weight: Weight,
) {
    if text.is_empty() {
        return;
    }
    shapes.push(Shape::Text {
        x,
        y,
        text: text.to_string(),
        size,
        color,
        anchor,
        weight,
    });
}

/// `text` shortened with an ellipsis to fit `max_width` points.
pub(super) fn fit(text: &str, size: f32, bold: bool, max_width: f32) -> String {
    if text_width(text, size, bold) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 0 {
        keep -= 1;
        let candidate: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
            + "…";
        if text_width(&candidate, size, bold) <= max_width {
            return candidate;
        }
    }
    String::new()
}

pub(super) fn rgba(rgb: Rgb) -> Rgba {
    Rgba::rgb(rgb[0], rgb[1], rgb[2])
}

fn legend_entries(frame: &PreparedFrame, palette: &Palette) -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = frame
        .panels
        .iter()
        .flat_map(|panel| panel.lines.iter())
        .filter(|line| line.shown)
        .map(|line| LegendEntry {
            color: rgba(line.color),
            text: line.legend.clone(),
            swatch: Swatch::Line,
        })
        .collect();
    if frame.band.is_some() {
        entries.push(LegendEntry {
            color: palette.band.with_alpha(64),
            text: "P10–P90 band".to_string(),
            swatch: Swatch::Area,
        });
        entries.push(LegendEntry {
            color: palette.band,
            text: "Median (P50)".to_string(),
            swatch: Swatch::Dashed,
        });
    }
    entries
}

/// Draws the legend from `top` in rows that wrap at the picture's width; returns its bottom.
fn legend(
    shapes: &mut Vec<Shape>,
    entries: &[LegendEntry],
    top: f32,
    width: f32,
    palette: &Palette,
) -> f32 {
    const SWATCH: f32 = 18.0;
    const GAP: f32 = 6.0;
    const SPACING: f32 = 20.0;
    const ROW: f32 = LEGEND_SIZE + 8.0;
    if entries.is_empty() {
        return top;
    }
    let available = width - 2.0 * MARGIN;
    let mut x = MARGIN;
    let mut row_top = top;
    for entry in entries {
        let text = fit(&entry.text, LEGEND_SIZE, false, available - SWATCH - GAP);
        let entry_width = SWATCH + GAP + text_width(&text, LEGEND_SIZE, false);
        if x > MARGIN && x + entry_width > MARGIN + available {
            x = MARGIN;
            row_top += ROW;
        }
        let middle = row_top + ROW / 2.0;
        match entry.swatch {
            Swatch::Line | Swatch::Dashed => shapes.push(Shape::Polyline {
                points: vec![[x, middle], [x + SWATCH, middle]],
                color: entry.color,
                width: if matches!(entry.swatch, Swatch::Line) {
                    LINE_WIDTH + 1.0
                } else {
                    1.25
                },
                dash: matches!(entry.swatch, Swatch::Dashed).then_some([4.0, 3.0]),
                clip: None,
            }),
            Swatch::Area => shapes.push(Shape::Fill {
                rect: Rect {
                    x,
                    y: middle - 5.0,
                    w: SWATCH,
                    h: 10.0,
                },
                color: entry.color,
                clip: None,
            }),
        }
        push_text(
            shapes,
            x + SWATCH + GAP,
            middle + LEGEND_SIZE * 0.36,
            &text,
            LEGEND_SIZE,
            palette.text,
            Anchor::Start,
            Weight::Regular,
        );
        x += entry_width + SPACING;
    }
    row_top + ROW
}

/// The value ticks of a panel: positions (in the panel's y unit) and labels.
struct ValueTicks {
    positions: Vec<f64>,
    labels: Vec<String>,
}

/// The value range a panel shows: its extent with a margin above and below (as on screen).
fn padded((low, high): (f64, f64)) -> (f64, f64) {
    let range = high - low;
    let margin = if range > 0.0 {
        range * 0.06
    } else {
        (high.abs() * 0.05).max(1e-6)
    };
    (low - margin, high + margin)
}

/// Round ticks within `low..=high` on a plot `height` points tall: the coarsest 1-2-5
/// step giving at least four ticks (or as many as fit `VALUE_TICK_SPACING` apart).
pub(super) fn linear_ticks(low: f64, high: f64, height: f32) -> (Vec<f64>, f64) {
    let span = high - low;
    if !(span.is_finite() && span > 0.0) {
        return (vec![low], 1.0);
    }
    let fit_count = (f64::from(height) / f64::from(VALUE_TICK_SPACING))
        .floor()
        .max(2.0);
    let mut decade = 10f64.powf(span.log10().ceil());
    let mut best: (Vec<f64>, f64) = (Vec::new(), span);
    for _ in 0..80 {
        for mantissa in [5.0, 2.0, 1.0] {
            let step = mantissa * decade / 10.0;
            let first = (low / step).ceil() as i64;
            let last = (high / step).floor() as i64;
            let count = (last - first + 1).max(0) as f64;
            // Four ticks matter more than the spacing.
            if count > fit_count && best.0.len() >= 4 {
                return best;
            }
            best = ((first..=last).map(|k| k as f64 * step).collect(), step);
            if count >= 4.0 && count >= (fit_count / 2.0).min(6.0) {
                return best;
            }
        }
        decade /= 10.0;
    }
    best
}

fn value_ticks(axis: ValueAxis, low: f64, high: f64, height: f32) -> ValueTicks {
    if axis.is_log() {
        let per_ln = f64::from(height) / (high - low).max(f64::MIN_POSITIVE);
        let mut values = Vec::new();
        for spacing in [36.0, 28.0, 20.0] {
            values = log_ticks(low, high, per_ln, spacing);
            if values.len() >= 4 {
                break;
            }
        }
        return ValueTicks {
            positions: values.iter().map(|v| v.ln()).collect(),
            labels: values.iter().map(|v| axis.log_tick_label(*v)).collect(),
        };
    }
    let (positions, step) = linear_ticks(low, high, height);
    let labels = positions
        .iter()
        .map(|v| axis.tick_label(if v.abs() < step * 1e-9 { 0.0 } else { *v }, step))
        .collect();
    ValueTicks { positions, labels }
}

/// The y of the reference line a panel shows: 100 when rebased, 0 for changes and
/// differences; none for ratios and levels (as on screen).
fn reference_line(axis: ValueAxis) -> Option<f64> {
    match axis {
        ValueAxis::Rebased => Some(100.0),
        ValueAxis::LogRebased | ValueAxis::LogPercentChange => Some(100f64.ln()),
        ValueAxis::PercentChange | ValueAxis::Percent | ValueAxis::PercentagePoints => Some(0.0),
        ValueAxis::Ratio | ValueAxis::Level => None,
    }
}

/// The panels of dated lines, stacked in `area` and sharing the date axis at the bottom.
pub fn time_panels(shapes: &mut Vec<Shape>, frame: &PreparedFrame, area: Rect, palette: &Palette) {
    let count = frame.panels.len();
    if count == 0 || area.h <= 0.0 {
        return;
    }
    let multi = count > 1;
    let title_room = if multi { PANEL_TITLE_SIZE + 8.0 } else { 0.0 };
    let gap = if multi { 14.0 } else { 0.0 };
    let usable = area.h - gap * (count - 1) as f32 - title_room * count as f32;
    let heights: Vec<f32> = match count {
        1 => vec![usable],
        2 => vec![usable * UPPER_SHARE, usable * (1.0 - UPPER_SHARE)],
        n => vec![usable / n as f32; n],
    };
    // Value ranges and ticks first: the widest label sets the left edge of every plot.
    let ranges: Vec<(f64, f64)> = frame
        .panels
        .iter()
        .map(|panel| panel.y_extent.map_or((0.0, 1.0), padded))
        .collect();
    let ticks: Vec<ValueTicks> = frame
        .panels
        .iter()
        .zip(&ranges)
        .zip(&heights)
        .map(|((panel, (low, high)), h)| value_ticks(panel.axis, *low, *high, *h))
        .collect();
    let label_width = ticks
        .iter()
        .flat_map(|t| &t.labels)
        .map(|l| text_width(l, TICK_SIZE, false))
        .fold(0.0f32, f32::max);
    let left = area.x + label_width + 8.0;
    let right = area.right() - 4.0;
    let (x_min, x_max) = x_range(frame);
    let mut top = area.y;
    let mut plots = Vec::with_capacity(count);
    for (index, panel) in frame.panels.iter().enumerate() {
        if multi {
            push_text(
                shapes,
                left,
                top + PANEL_TITLE_SIZE,
                &panel.title,
                PANEL_TITLE_SIZE,
                palette.muted,
                Anchor::Start,
                Weight::Regular,
            );
            top += title_room;
        }
        let plot = Rect {
            x: left,
            y: top,
            w: (right - left).max(1.0),
            h: heights[index].max(1.0),
        };
        plots.push(plot);
        let (low, high) = ranges[index];
        let to_y = |v: f64| plot.bottom() - ((v - low) / (high - low)) as f32 * plot.h;
        // Grid and value labels.
        for (position, label) in ticks[index].positions.iter().zip(&ticks[index].labels) {
            let y = to_y(*position);
            shapes.push(Shape::Polyline {
                points: vec![[plot.x, y], [plot.right(), y]],
                color: palette.grid,
                width: 1.0,
                dash: None,
                clip: None,
            });
            push_text(
                shapes,
                plot.x - 6.0,
                y + TICK_SIZE * 0.35,
                label,
                TICK_SIZE,
                palette.text,
                Anchor::End,
                Weight::Regular,
            );
        }
        top += plot.h + gap;
    }
    // Date grid on every panel, labels under the bottom one.
    if plots.is_empty() {
        return;
    }
    let to_x = date_axis(shapes, &plots, (x_min, x_max), area, palette);
    // Lines, band, reference and axis, per panel.
    for (index, panel) in frame.panels.iter().enumerate() {
        let plot = plots[index];
        let (low, high) = ranges[index];
        let to_y = |v: f64| plot.bottom() - ((v - low) / (high - low)) as f32 * plot.h;
        if index == 0
            && let Some(band) = frame.band
        {
            draw_band(shapes, &band, plot, (&to_x, &to_y), palette);
        }
        reference_line_at(shapes, panel.axis, plot, (low, high), &to_y, palette);
        draw_lines(shapes, panel, plot, &to_x, &to_y);
        bottom_axis(shapes, plot, palette);
    }
}

/// The axis line along the bottom of `plot`.
fn bottom_axis(shapes: &mut Vec<Shape>, plot: Rect, palette: &Palette) {
    shapes.push(Shape::Polyline {
        points: vec![[plot.x, plot.bottom()], [plot.right(), plot.bottom()]],
        color: palette.axis,
        width: 1.0,
        dash: None,
        clip: None,
    });
}

/// The reference line of `axis` (100 or 0) across `plot`, when it lies within `low..=high`.
fn reference_line_at(
    shapes: &mut Vec<Shape>,
    axis: ValueAxis,
    plot: Rect,
    (low, high): (f64, f64),
    to_y: &dyn Fn(f64) -> f32,
    palette: &Palette,
) {
    if let Some(reference) = reference_line(axis)
        && reference >= low
        && reference <= high
    {
        let y = to_y(reference);
        shapes.push(Shape::Polyline {
            points: vec![[plot.x, y], [plot.right(), y]],
            color: palette.axis,
            width: 1.0,
            dash: None,
            clip: None,
        });
    }
}

/// The date grid on every plot and the date labels under the bottom one, which is the last of
/// `plots`; returns the day-to-x mapping of the plots.
fn date_axis(
    shapes: &mut Vec<Shape>,
    plots: &[Rect],
    (x_min, x_max): (f64, f64),
    area: Rect,
    palette: &Palette,
) -> impl Fn(f64) -> f32 + use<> {
    let bottom_plot = plots.last().copied().unwrap_or(area);
    let to_x =
        move |day: f64| bottom_plot.x + ((day - x_min) / (x_max - x_min)) as f32 * bottom_plot.w;
    let days_per_point = (x_max - x_min) / f64::from(bottom_plot.w);
    let widest = text_width("Sep 2020", TICK_SIZE, false);
    let unit = choose_unit(days_per_point, f64::from(widest + 28.0));
    let step_days = unit.approx_days();
    for day in date_ticks(unit, x_min, x_max) {
        let x = to_x(day);
        for plot in plots {
            shapes.push(Shape::Polyline {
                points: vec![[x, plot.y], [x, plot.bottom()]],
                color: palette.grid,
                width: 1.0,
                dash: None,
                clip: None,
            });
        }
        shapes.push(Shape::Polyline {
            points: vec![[x, bottom_plot.bottom()], [x, bottom_plot.bottom() + 4.0]],
            color: palette.axis,
            width: 1.0,
            dash: None,
            clip: None,
        });
        let label = tick_label(day, step_days);
        let label_width = text_width(&label, TICK_SIZE, false);
        // Centred on the tick, moved inwards where it would leave the picture.
        let start = (x - label_width / 2.0)
            .max(MARGIN)
            .min(area.right() - label_width);
        push_text(
            shapes,
            start,
            bottom_plot.bottom() + 6.0 + TICK_SIZE,
            &label,
            TICK_SIZE,
            palette.text,
            Anchor::Start,
            Weight::Regular,
        );
    }
    to_x
}

/// The spread band over its window: P10–P90 shaded, the median dashed.
fn draw_band(
    shapes: &mut Vec<Shape>,
    band: &SpreadBand,
    plot: Rect,
    (to_x, to_y): (&dyn Fn(f64) -> f32, &dyn Fn(f64) -> f32),
    palette: &Palette,
) {
    let (from, to) = (
        to_x(f64::from(band.from.day_number())),
        to_x(f64::from(band.to.day_number())),
    );
    let (top, bottom) = (to_y(band.p90), to_y(band.p10));
    shapes.push(Shape::Fill {
        rect: Rect {
            x: from,
            y: top,
            w: to - from,
            h: bottom - top,
        },
        color: palette.band.with_alpha(64),
        clip: Some(plot),
    });
    let median = to_y(band.p50);
    shapes.push(Shape::Polyline {
        points: vec![[from, median], [to, median]],
        color: palette.band,
        width: 1.25,
        dash: Some([4.0, 3.0]),
        clip: Some(plot),
    });
}

fn draw_lines(
    shapes: &mut Vec<Shape>,
    panel: &PreparedPanel,
    plot: Rect,
    to_x: &dyn Fn(f64) -> f32,
    to_y: &dyn Fn(f64) -> f32,
) {
    for line in panel.lines.iter().filter(|l| l.shown) {
        let points: Vec<[f32; 2]> = line
            .points
            .iter()
            .map(|&[x, y]| {
                if x.is_finite() && y.is_finite() {
                    [to_x(x), to_y(y)]
                } else {
                    [f32::NAN, f32::NAN]
                }
            })
            .collect();
        let points = clip_x(&points, plot.x, plot.right());
        if points.len() < 2 {
            continue;
        }
        // The points reach one beyond each edge of the dates; cut there, the values lie within
        // the panel's padded range, so no clip is needed unless one does not.
        let inside = points
            .iter()
            .all(|[_, y]| !y.is_finite() || (*y >= plot.y - 0.5 && *y <= plot.bottom() + 0.5));
        shapes.push(Shape::Polyline {
            points,
            color: rgba(line.color),
            width: LINE_WIDTH,
            dash: None,
            clip: (!inside).then_some(plot),
        });
    }
}

/// The part of a line whose x increases along it that lies between `left` and `right`, with
/// the crossing points at the edges interpolated.
fn clip_x(points: &[[f32; 2]], left: f32, right: f32) -> Vec<[f32; 2]> {
    let first =
        points.partition_point(|[x, _]| x.partial_cmp(&left) == Some(std::cmp::Ordering::Less));
    let last =
        points.partition_point(|[x, _]| x.partial_cmp(&right) != Some(std::cmp::Ordering::Greater));
    let interpolate = |a: [f32; 2], b: [f32; 2], x: f32| -> Option<[f32; 2]> {
        let span = b[0] - a[0];
        (span.is_finite() && span > 0.0 && a[1].is_finite() && b[1].is_finite())
            .then(|| [x, a[1] + (b[1] - a[1]) * (x - a[0]) / span])
    };
    let mut clipped = Vec::with_capacity(last.saturating_sub(first) + 2);
    if first > 0
        && let (Some(&a), Some(&b)) = (points.get(first - 1), points.get(first))
        && let Some(edge) = interpolate(a, b, left)
    {
        clipped.push(edge);
    }
    clipped.extend_from_slice(points.get(first..last).unwrap_or(&[]));
    if last > 0
        && let (Some(&a), Some(&b)) = (points.get(last - 1), points.get(last))
        && let Some(edge) = interpolate(a, b, right)
    {
        clipped.push(edge);
    }
    clipped
}

/// The frame's x-range, at least two days wide so the axis has a scale (as on screen).
fn x_range(frame: &PreparedFrame) -> (f64, f64) {
    let (from, to) = (frame.view.min, frame.view.max);
    if to - from < 2.0 {
        let middle = (from + to) / 2.0;
        (middle - 1.0, middle + 1.0)
    } else {
        (from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_four_round_value_ticks() {
        let (ticks, step) = linear_ticks(93.2, 131.7, 300.0);
        assert!(ticks.len() >= 4, "{ticks:?}");
        assert!(ticks.first().is_some_and(|t| *t >= 93.2));
        assert!(ticks.last().is_some_and(|t| *t <= 131.7));
        // Tens would give four; with room for more, fives give eight.
        assert_eq!(step, 5.0);
        assert_eq!(
            ticks,
            vec![95.0, 100.0, 105.0, 110.0, 115.0, 120.0, 125.0, 130.0]
        );
        let (ticks, step) = linear_ticks(93.2, 131.7, 110.0);
        assert_eq!((ticks.len(), step), (4, 10.0));
        // A short panel still gets four ticks when 24 points apart fit.
        let (ticks, _) = linear_ticks(-3.1, 2.2, 100.0);
        assert_eq!(ticks, vec![-3.0, -2.0, -1.0, 0.0, 1.0, 2.0]);
        let labels = value_ticks(ValueAxis::Percent, -3.1, 2.2, 100.0).labels;
        assert_eq!(labels.first().map(String::as_str), Some("-3%"));
        assert_eq!(labels.get(3).map(String::as_str), Some("0%"));
    }

    #[test]
    fn lines_are_cut_at_the_plot_edges() {
        let points = [[0.0, 0.0], [10.0, 10.0], [20.0, 20.0], [30.0, 10.0]];
        assert_eq!(
            clip_x(&points, 5.0, 25.0),
            vec![[5.0, 5.0], [10.0, 10.0], [20.0, 20.0], [25.0, 15.0]]
        );
        assert_eq!(clip_x(&points, 0.0, 30.0), points.to_vec());
        assert!(clip_x(&points, 40.0, 50.0).is_empty());
    }

    #[test]
    fn long_texts_are_shortened_to_fit() {
        let long = "A very long title that cannot possibly fit in a narrow picture";
        let fitted = fit(long, 12.0, false, 120.0);
        assert!(fitted.ends_with('…'), "{fitted}");
        assert!(text_width(&fitted, 12.0, false) <= 120.0);
        assert_eq!(fit("Short", 12.0, false, 120.0), "Short");
    }
}
