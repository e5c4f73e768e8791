//! Lays out the rotation view (RRG-style) for publication, as the app draws it on screen:
//! RS-Ratio across and RS-Momentum up with round ticks, the four quadrants shaded in their
//! colours and labelled in their corners, the 100/100 cross, each series' tail as joined points
//! fading toward the past with a marker and its name at the last point.

use crate::analytics::Quadrant;
use crate::chart::rotation::{RotationChart, quadrant_color, quadrant_side, tail_opacity};

use super::chart_caption::ChartCaption;
use super::chart_layout::{MARGIN, TICK_SIZE, fit, framed_scene, linear_ticks, push_text, rgba};
use super::font::text_width;
use super::picture_options::{Palette, PictureOptions, PictureTheme};
use super::scene::{Anchor, Rect, Scene, Shape, Weight};

const QUADRANT_SIZE: f32 = 13.0;
const NAME_SIZE: f32 = 12.0;
const AXIS_TITLE_SIZE: f32 = 11.0;

/// The scene of the rotation view `chart` with `caption`, drawn as `options` ask.
#[must_use]
pub fn rotation_scene(
    chart: &RotationChart,
    caption: &ChartCaption,
    options: &PictureOptions,
) -> Scene {
    let dark = options.theme == PictureTheme::Dark;
    framed_scene(caption, options, &[], |shapes, area, palette| {
        rotation_body(shapes, chart, area, palette, dark);
    })
}

/// Decimals enough to tell ticks `step` apart.
fn tick_text(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10() - 1e-9).ceil().max(0.0) as usize
    };
    format!("{value:.decimals$}")
}

fn rotation_body(
    shapes: &mut Vec<Shape>,
    chart: &RotationChart,
    area: Rect,
    palette: &Palette,
    dark: bool,
) {
    let (x_range, y_range) = (chart.x_range, chart.y_range);
    // Room: the axis title above the value labels, the tick labels and axis title below.
    let top = area.y + AXIS_TITLE_SIZE + 8.0;
    let bottom = area.bottom() - (TICK_SIZE + 8.0) - (AXIS_TITLE_SIZE + 6.0);
    let height = (bottom - top).max(1.0);
    let (y_ticks, y_step) = linear_ticks(y_range.0, y_range.1, height);
    let y_labels: Vec<String> = y_ticks.iter().map(|v| tick_text(*v, y_step)).collect();
    let label_width = y_labels
        .iter()
        .map(|l| text_width(l, TICK_SIZE, false))
        .fold(0.0f32, f32::max);
    let left = area.x + label_width + 8.0;
    let plot = Rect {
        x: left,
        y: top,
        w: (area.right() - 4.0 - left).max(1.0),
        h: height,
    };
    // Labels like "101.5" need more room across than up.
    let (x_ticks, x_step) = linear_ticks(x_range.0, x_range.1, plot.w * 0.4);
    let to_x = |v: f64| plot.x + ((v - x_range.0) / (x_range.1 - x_range.0)) as f32 * plot.w;
    let to_y = |v: f64| plot.bottom() - ((v - y_range.0) / (y_range.1 - y_range.0)) as f32 * plot.h;
    let (cx, cy) = (to_x(100.0), to_y(100.0));
    quadrants(shapes, plot, (cx, cy), if dark { 41 } else { 28 });
    // Grid and tick labels.
    for (value, label) in y_ticks.iter().zip(&y_labels) {
        let y = to_y(*value);
        shapes.push(grid(vec![[plot.x, y], [plot.right(), y]], palette));
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
    for value in &x_ticks {
        let x = to_x(*value);
        shapes.push(grid(vec![[x, plot.y], [x, plot.bottom()]], palette));
        shapes.push(Shape::Polyline {
            points: vec![[x, plot.bottom()], [x, plot.bottom() + 4.0]],
            color: palette.axis,
            width: 1.0,
            dash: None,
            clip: None,
        });
        let label = tick_text(*value, x_step);
        let w = text_width(&label, TICK_SIZE, false);
        let start = (x - w / 2.0).max(MARGIN).min(area.right() - w);
        push_text(
            shapes,
            start,
            plot.bottom() + 6.0 + TICK_SIZE,
            &label,
            TICK_SIZE,
            palette.text,
            Anchor::Start,
            Weight::Regular,
        );
    }
    axes(shapes, area, plot, (cx, cy), palette);
    tails(shapes, chart, plot, &to_x, &to_y);
    names(shapes, chart, plot, palette, &to_x, &to_y);
}

/// The four quadrants around the centre `(cx, cy)`, shaded at opacity `alpha` and labelled in
/// their outer corners.
fn quadrants(shapes: &mut Vec<Shape>, plot: Rect, (cx, cy): (f32, f32), alpha: u8) {
    for quadrant in Quadrant::ALL {
        let (right, upper) = quadrant_side(quadrant);
        let (x0, x1) = if right {
            (cx, plot.right())
        } else {
            (plot.x, cx)
        };
        let (y0, y1) = if upper {
            (plot.y, cy)
        } else {
            (cy, plot.bottom())
        };
        let color = rgba(quadrant_color(quadrant));
        shapes.push(Shape::Fill {
            rect: Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            },
            color: color.with_alpha(alpha),
            clip: Some(plot),
        });
        let label = quadrant.name().to_uppercase();
        let (x, anchor) = if right {
            (x1 - 8.0, Anchor::End)
        } else {
            (x0 + 8.0, Anchor::Start)
        };
        let y = if upper {
            y0 + 8.0 + QUADRANT_SIZE * 0.8
        } else {
            y1 - 8.0
        };
        push_text(
            shapes,
            x,
            y,
            &label,
            QUADRANT_SIZE,
            color,
            anchor,
            Weight::Bold,
        );
    }
}

/// Each tail: segments and points fading toward the past, the last point large.
fn tails(
    shapes: &mut Vec<Shape>,
    chart: &RotationChart,
    plot: Rect,
    to_x: &dyn Fn(f64) -> f32,
    to_y: &dyn Fn(f64) -> f32,
) {
    for tail in &chart.tails {
        let base = rgba(tail.color);
        let n = tail.points.len();
        let at = |i: usize| {
            [
                to_x(tail.points[i].rs_ratio),
                to_y(tail.points[i].rs_momentum),
            ]
        };
        for i in 1..n {
            let opacity = tail_opacity(i, n);
            shapes.push(Shape::Polyline {
                points: vec![at(i - 1), at(i)],
                color: base.with_alpha(alpha_of(opacity)),
                width: 1.0 + 1.5 * opacity,
                dash: None,
                clip: Some(plot),
            });
        }
        for i in 0..n {
            let [x, y] = at(i);
            shapes.push(Shape::Dot {
                x,
                y,
                radius: if i + 1 == n { 5.5 } else { 2.2 },
                color: base.with_alpha(alpha_of(tail_opacity(i, n))),
                clip: Some(plot),
            });
        }
    }
}

/// The axis titles, the 100/100 cross and the plot's frame.
fn axes(shapes: &mut Vec<Shape>, area: Rect, plot: Rect, (cx, cy): (f32, f32), palette: &Palette) {
    // Axis titles.
    push_text(
        shapes,
        plot.right(),
        plot.bottom() + 6.0 + TICK_SIZE + 6.0 + AXIS_TITLE_SIZE,
        "RS-Ratio",
        AXIS_TITLE_SIZE,
        palette.muted,
        Anchor::End,
        Weight::Regular,
    );
    push_text(
        shapes,
        MARGIN,
        area.y + AXIS_TITLE_SIZE,
        "RS-Momentum",
        AXIS_TITLE_SIZE,
        palette.muted,
        Anchor::Start,
        Weight::Regular,
    );
    // The 100/100 cross and the frame.
    for points in [
        vec![[plot.x, cy], [plot.right(), cy]],
        vec![[cx, plot.y], [cx, plot.bottom()]],
    ] {
        shapes.push(Shape::Polyline {
            points,
            color: palette.axis,
            width: 1.0,
            dash: None,
            clip: Some(plot),
        });
    }
    shapes.push(Shape::Polyline {
        points: vec![
            [plot.x, plot.y],
            [plot.right(), plot.y],
            [plot.right(), plot.bottom()],
            [plot.x, plot.bottom()],
            [plot.x, plot.y],
        ],
        color: palette.axis,
        width: 1.0,
        dash: None,
        clip: None,
    });
}

fn alpha_of(opacity: f32) -> u8 {
    (opacity.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn grid(points: Vec<[f32; 2]>, palette: &Palette) -> Shape {
    Shape::Polyline {
        points,
        color: palette.grid,
        width: 1.0,
        dash: None,
        clip: None,
    }
}

/// Writes each series' name beside its last point, moving a name up or down when it would
/// cover one already written, with a thin leader when moved far (as on screen).
fn names(
    shapes: &mut Vec<Shape>,
    chart: &RotationChart,
    plot: Rect,
    palette: &Palette,
    to_x: &dyn Fn(f64) -> f32,
    to_y: &dyn Fn(f64) -> f32,
) {
    let mut ends: Vec<([f32; 2], &str)> = chart
        .tails
        .iter()
        .filter_map(|tail| {
            let last = tail.points.last()?;
            Some((
                [to_x(last.rs_ratio), to_y(last.rs_momentum)],
                tail.name.as_str(),
            ))
        })
        .collect();
    ends.sort_by(|a, b| a.0[1].total_cmp(&b.0[1]));
    let mut placed: Vec<Rect> = Vec::new();
    let height = NAME_SIZE + 2.0;
    for ([x, y], name) in ends {
        let text = fit(name, NAME_SIZE, false, plot.w / 3.0);
        let w = text_width(&text, NAME_SIZE, false);
        // Right of the marker, or left of it where the plot ends.
        let start = if x + 8.0 + w <= plot.right() - 2.0 {
            x + 8.0
        } else {
            x - 8.0 - w
        };
        let candidate = |shift: f32| Rect {
            x: start,
            y: (y - height / 2.0 + shift).clamp(plot.y, plot.bottom() - height),
            w,
            h: height,
        };
        let overlaps = |r: Rect, placed: &[Rect]| {
            placed
                .iter()
                .any(|p| r.x < p.right() && p.x < r.right() && r.y < p.bottom() && p.y < r.bottom())
        };
        let mut chosen = candidate(0.0);
        for k in 0..12u8 {
            if !overlaps(chosen, &placed) {
                break;
            }
            let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
            chosen = candidate((height + 1.0) * f32::from(k / 2 + 1) * sign);
        }
        let middle = chosen.y + height / 2.0;
        if (middle - y).abs() > height {
            let edge = if chosen.x > x {
                chosen.x - 1.0
            } else {
                chosen.right() + 1.0
            };
            shapes.push(Shape::Polyline {
                points: vec![[x, y], [edge, middle]],
                color: palette.muted,
                width: 0.8,
                dash: None,
                clip: Some(plot),
            });
        }
        push_text(
            shapes,
            chosen.x,
            middle + NAME_SIZE * 0.36,
            &text,
            NAME_SIZE,
            palette.text,
            Anchor::Start,
            Weight::Regular,
        );
        placed.push(chosen);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::export::{PictureFormat, chart_picture, render_chart};
    use crate::import::{ImportOptions, import_file};
    use crate::testing::d;
    use crate::workspace::{ChartTab, Workspace};

    fn yahoo_workspace() -> Workspace {
        let folder =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/real/yfinance");
        let mut workspace = Workspace::empty();
        for file in ["^RUT.csv", "^NDX.csv", "SPY.csv", "QQQ.csv", "IWM.csv"] {
            let outcome = import_file(&folder.join(file), &ImportOptions::default()).unwrap();
            for series in outcome.series {
                workspace.add_series(series);
            }
        }
        workspace.chart.tab = ChartTab::Rotation;
        workspace
    }

    #[test]
    fn the_rotation_scene_of_five_yahoo_files_shows_quadrants_tails_and_names() {
        let workspace = yahoo_workspace();
        let options = PictureOptions::default();
        let scene = chart_picture(&workspace, Some(d("2020-11-13")), &options).unwrap();
        assert_eq!((scene.width_px, scene.height_px), (1600, 900));
        let texts = scene.texts();
        assert_eq!(texts[0], "Rotation against SPY");
        assert!(
            texts[1].contains("Weekly") && texts[1].ends_with("as of 2020-11-13"),
            "{}",
            texts[1]
        );
        for label in [
            "LEADING",
            "WEAKENING",
            "LAGGING",
            "IMPROVING",
            "^RUT",
            "^NDX",
            "QQQ",
            "IWM",
        ] {
            assert!(texts.contains(&label), "{label} missing from {texts:?}");
        }
        assert!(!texts.contains(&"SPY"), "the benchmark has no tail");
        assert!(texts.iter().any(|t| t.starts_with("Source: ^RUT.csv")));
        // The four quadrant fills in their colours, shaded lightly.
        for quadrant in Quadrant::ALL {
            let colour = rgba(quadrant_color(quadrant)).with_alpha(28);
            assert!(
                scene
                    .shapes
                    .iter()
                    .any(|s| matches!(s, Shape::Fill { color, .. } if *color == colour)),
                "{quadrant:?} fill"
            );
        }
        // Four tails, each with its large last marker, fully opaque, and fainter past points.
        let last_markers = scene
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Dot { radius, color, .. } if *radius > 5.0 && color.a == 255))
            .count();
        assert_eq!(last_markers, 4);
        assert!(
            scene
                .shapes
                .iter()
                .any(|s| matches!(s, Shape::Dot { color, .. } if color.a == 51))
        );
        // Dark theme: a dark background and stronger shading.
        let dark = PictureOptions {
            theme: PictureTheme::Dark,
            width_px: 1000,
            height_px: 800,
            ..PictureOptions::default()
        };
        let scene = chart_picture(&workspace, Some(d("2020-11-13")), &dark).unwrap();
        assert_eq!((scene.width_px, scene.height_px), (1000, 800));
        assert_eq!(scene.background, PictureTheme::Dark.palette().background);
        let svg = String::from_utf8(
            render_chart(&workspace, Some(d("2020-11-13")), &dark, PictureFormat::Svg).unwrap(),
        )
        .unwrap();
        assert!(svg.contains(">LEADING</text>") && svg.contains("<circle "));
    }

    #[test]
    fn a_rotation_with_one_series_says_why_it_has_nothing_to_draw() {
        let mut workspace = yahoo_workspace();
        workspace.series.truncate(1);
        let error = chart_picture(&workspace, None, &PictureOptions::default()).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("the Rotation chart has nothing to draw"),
            "{error}"
        );
    }

    #[test]
    fn tick_labels_have_the_decimals_their_step_needs() {
        assert_eq!(tick_text(101.0, 1.0), "101");
        assert_eq!(tick_text(100.5, 0.5), "100.5");
        assert_eq!(tick_text(100.2, 0.2), "100.2");
    }
}
