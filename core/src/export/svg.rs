//! Writes a [`Scene`] as SVG: the same shapes as the PNG, with real `<text>` elements (title,
//! legend, ticks) that stay sharp, searchable and editable in articles and print. The picture's
//! `width`/`height` are its pixel size; the `viewBox` is in points, like the scene.

use std::fmt::Write as _;

use super::font::FONT_FAMILY;
use super::scene::{Anchor, Rect, Scene, Shape, Weight};

/// The SVG document of `scene`.
#[must_use]
pub fn render_svg(scene: &Scene) -> String {
    let mut out = String::new();
    let (w, h) = (scene.width(), scene.height());
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="{}">"#,
        scene.width_px,
        scene.height_px,
        num(w),
        num(h),
        escape(FONT_FAMILY)
    );
    if let Some(title) = scene.shapes.iter().find_map(|s| match s {
        Shape::Text {
            text,
            weight: Weight::Bold,
            ..
        } => Some(text),
        _ => None,
    }) {
        let _ = writeln!(out, "<title>{}</title>", escape(title));
    }
    // One clip path per distinct rectangle.
    let clips = clip_rects(scene);
    if !clips.is_empty() {
        out.push_str("<defs>\n");
        for (index, clip) in clips.iter().enumerate() {
            let _ = writeln!(
                out,
                r#"<clipPath id="clip{index}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
                num(clip.x),
                num(clip.y),
                num(clip.w),
                num(clip.h)
            );
        }
        out.push_str("</defs>\n");
    }
    let _ = writeln!(
        out,
        r#"<rect width="{}" height="{}" fill="{}"/>"#,
        num(w),
        num(h),
        scene.background.hex()
    );
    for shape in &scene.shapes {
        write_shape(&mut out, shape, &clips);
    }
    out.push_str("</svg>\n");
    out
}

/// The distinct clip rectangles of the scene's shapes, in order of first use.
fn clip_rects(scene: &Scene) -> Vec<Rect> {
    let mut clips: Vec<Rect> = Vec::new();
    for shape in &scene.shapes {
        let clip = match shape {
            Shape::Fill { clip, .. } | Shape::Polyline { clip, .. } | Shape::Dot { clip, .. } => {
                *clip
            }
            Shape::Text { .. } => None,
        };
        if let Some(clip) = clip
            && !clips.contains(&clip)
        {
            clips.push(clip);
        }
    }
    clips
}

/// The `clip-path` attribute of a shape clipped to `clip` (one of `clips`), or nothing.
fn clip_attr(clips: &[Rect], clip: Option<Rect>) -> String {
    clip.and_then(|c| clips.iter().position(|k| *k == c))
        .map(|index| format!(r#" clip-path="url(#clip{index})""#))
        .unwrap_or_default()
}

/// Writes one shape as its SVG element (a polyline as one element per run of finite points).
fn write_shape(out: &mut String, shape: &Shape, clips: &[Rect]) {
    match shape {
        Shape::Fill { rect, color, clip } => {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}{}/>"#,
                num(rect.x),
                num(rect.y),
                num(rect.w),
                num(rect.h),
                color.hex(),
                opacity("fill-opacity", color.opacity()),
                clip_attr(clips, *clip)
            );
        }
        Shape::Polyline {
            points,
            color,
            width,
            dash,
            clip,
        } => {
            for run in points
                .split(|[x, y]| !(x.is_finite() && y.is_finite()))
                .filter(|run| run.len() >= 2)
            {
                let mut coordinates = String::with_capacity(run.len() * 14);
                for [x, y] in run {
                    if !coordinates.is_empty() {
                        coordinates.push(' ');
                    }
                    let _ = write!(coordinates, "{},{}", num(*x), num(*y));
                }
                let dash = dash
                    .map(|[on, off]| format!(r#" stroke-dasharray="{} {}""#, num(on), num(off)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    r#"<polyline points="{coordinates}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="miter" stroke-miterlimit="2"{}{dash}{}/>"#,
                    color.hex(),
                    num(*width),
                    opacity("stroke-opacity", color.opacity()),
                    clip_attr(clips, *clip)
                );
            }
        }
        Shape::Dot {
            x,
            y,
            radius,
            color,
            clip,
        } => {
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{}"{}{}/>"#,
                num(*x),
                num(*y),
                num(*radius),
                color.hex(),
                opacity("fill-opacity", color.opacity()),
                clip_attr(clips, *clip)
            );
        }
        Shape::Text {
            x,
            y,
            text,
            size,
            color,
            anchor,
            weight,
        } => {
            let anchor = match anchor {
                Anchor::Start => "",
                Anchor::Middle => r#" text-anchor="middle""#,
                Anchor::End => r#" text-anchor="end""#,
            };
            let weight = match weight {
                Weight::Regular => "",
                Weight::Bold => r#" font-weight="bold""#,
            };
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" fill="{}"{anchor}{weight}{}>{}</text>"#,
                num(*x),
                num(*y),
                num(*size),
                color.hex(),
                opacity("fill-opacity", color.opacity()),
                escape(text)
            );
        }
    }
}

/// A coordinate with at most two decimals and no trailing zeros.
fn num(value: f32) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

fn opacity(attribute: &str, value: f32) -> String {
    if value >= 1.0 {
        String::new()
    } else {
        format!(r#" {attribute}="{value:.3}""#)
    }
}

/// Text made safe inside XML elements and attribute values.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::scene::Rgba;

    #[test]
    fn shapes_become_elements_with_escaped_text() {
        let scene = Scene {
            width_px: 200,
            height_px: 100,
            scale: 2.0,
            background: Rgba::rgb(255, 255, 255),
            shapes: vec![
                Shape::Text {
                    x: 4.0,
                    y: 12.5,
                    text: "S&P <500>".to_string(),
                    size: 10.0,
                    color: Rgba::rgb(0, 0, 0),
                    anchor: Anchor::Start,
                    weight: Weight::Bold,
                },
                Shape::Polyline {
                    points: vec![[0.0, 1.0], [2.0, f32::NAN], [3.0, 4.0], [5.0, 6.25]],
                    color: Rgba::rgb(0x1f, 0x77, 0xb4).with_alpha(128),
                    width: 1.5,
                    dash: Some([4.0, 3.0]),
                    clip: Some(Rect {
                        x: 1.0,
                        y: 1.0,
                        w: 50.0,
                        h: 40.0,
                    }),
                },
            ],
        };
        let svg = render_svg(&scene);
        assert!(
            svg.contains(r#"width="200" height="100" viewBox="0 0 100 50""#),
            "{svg}"
        );
        assert!(svg.contains("<title>S&amp;P &lt;500&gt;</title>"), "{svg}");
        assert!(svg.contains(
            r##"<text x="4" y="12.5" font-size="10" fill="#000000" font-weight="bold">S&amp;P &lt;500&gt;</text>"##
        ), "{svg}");
        // The run before the gap has one point: only the run after it is drawn.
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains(r#"points="3,4 5,6.25""#), "{svg}");
        assert!(
            svg.contains(r##"stroke="#1f77b4" stroke-width="1.5" stroke-linejoin="miter" stroke-miterlimit="2" stroke-opacity="0.502" stroke-dasharray="4 3" clip-path="url(#clip0)"/>"##),
            "{svg}"
        );
        assert!(svg.contains(
            r#"<clipPath id="clip0"><rect x="1" y="1" width="50" height="40"/></clipPath>"#
        ));
    }
}
