//! Renders a [`Scene`] to pixels on the CPU, with no display and no GPU: rectangles and
//! anti-aliased polylines through `tiny-skia`, text from the bundled font's glyph outlines
//! through `ab_glyph`'s coverage rasteriser; then encodes the pixels as a PNG.

use ab_glyph::{Font, point};
use tiny_skia::{
    FillRule, LineCap, LineJoin, Mask, Paint, PathBuilder, Pixmap, Stroke, StrokeDash, Transform,
};

use super::error::ExportError;
use super::font::{face, layout};
use super::png::{RgbImage, encode_png_fast};
use super::scene::{Anchor, Rect, Rgba, Scene, Shape, Weight};

/// Renders `scene` to opaque RGB pixels, `width_px` × `height_px`.
pub fn render_rgb(scene: &Scene) -> Result<RgbImage, ExportError> {
    let mut pixmap = Pixmap::new(scene.width_px, scene.height_px).ok_or(ExportError::Size {
        width: scene.width_px,
        height: scene.height_px,
    })?;
    let background = scene.background;
    pixmap.fill(tiny_skia::Color::from_rgba8(
        background.r,
        background.g,
        background.b,
        255,
    ));
    let transform = Transform::from_scale(scene.scale, scene.scale);
    let mut masks: Vec<(Rect, Mask)> = Vec::new();
    for shape in &scene.shapes {
        match shape {
            Shape::Fill { rect, color, clip } => {
                let Some(area) = tiny_skia::Rect::from_xywh(rect.x, rect.y, rect.w, rect.h) else {
                    continue;
                };
                let mask = clip.and_then(|c| mask_for(&mut masks, c, scene));
                pixmap.fill_rect(area, &paint(*color), transform, mask);
            }
            Shape::Polyline {
                points,
                color,
                width,
                dash,
                clip,
            } => {
                let stroke = Stroke {
                    width: *width,
                    line_cap: LineCap::Butt,
                    // Mitred joins, bevelled where sharp: round joins at each of thousands
                    // of vertices cost more than the rest of the stroke.
                    line_join: LineJoin::Miter,
                    miter_limit: 2.0,
                    dash: dash.and_then(|[on, off]| StrokeDash::new(vec![on, off], 0.0)),
                };
                let mask = clip.and_then(|c| mask_for(&mut masks, c, scene));
                // A long line is stroked in short pieces: the rasteriser's cost grows with the
                // edges crossing each row of pixels, which a zig-zag of thousands of segments
                // piles up. Solid pieces meet exactly; dashes keep one path so the pattern runs on.
                let piece = if dash.is_some() {
                    usize::MAX
                } else {
                    PIECE_SEGMENTS
                };
                for path in polyline_paths(points, piece) {
                    pixmap.stroke_path(&path, &paint(*color), &stroke, transform, mask);
                }
            }
            Shape::Dot {
                x,
                y,
                radius,
                color,
                clip,
            } => {
                let Some(path) = tiny_skia::PathBuilder::from_circle(*x, *y, *radius) else {
                    continue;
                };
                let mask = clip.and_then(|c| mask_for(&mut masks, c, scene));
                pixmap.fill_path(
                    &path,
                    &paint(*color),
                    tiny_skia::FillRule::Winding,
                    transform,
                    mask,
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
            } => draw_text(
                &mut pixmap,
                scene.scale,
                [*x, *y],
                text,
                *size,
                *color,
                *anchor,
                *weight,
            ),
        }
    }
    let pixels = pixmap
        .pixels()
        .iter()
        .flat_map(|p| [p.red(), p.green(), p.blue()])
        .collect();
    Ok(RgbImage {
        width: scene.width_px as usize,
        height: scene.height_px as usize,
        pixels,
    })
}

/// Renders `scene` and encodes it as PNG (fast compression: a chart's flat colours compress
/// well anyway), recording its scale as the pixel density.
pub fn render_png(scene: &Scene) -> Result<Vec<u8>, ExportError> {
    encode_png_fast(&render_rgb(scene)?, scene.scale)
}

fn paint(color: Rgba) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(color.r, color.g, color.b, color.a);
    paint.anti_alias = true;
    paint
}

/// Segments per stroked piece of a long line.
const PIECE_SEGMENTS: usize = 48;

/// The polyline as paths of at most `piece` segments each (consecutive pieces share their end
/// point), split where a coordinate is not finite.
fn polyline_paths(points: &[[f32; 2]], piece: usize) -> Vec<tiny_skia::Path> {
    let mut paths = Vec::new();
    for run in points.split(|[x, y]| !(x.is_finite() && y.is_finite())) {
        if run.len() < 2 {
            continue;
        }
        let mut start = 0;
        while start + 1 < run.len() {
            let end = start.saturating_add(piece).min(run.len() - 1);
            let mut builder = PathBuilder::new();
            builder.move_to(run[start][0], run[start][1]);
            for &[x, y] in &run[start + 1..=end] {
                builder.line_to(x, y);
            }
            if let Some(path) = builder.finish() {
                paths.push(path);
            }
            start = end;
        }
    }
    paths
}

/// The mask of a clip rectangle, made once per rectangle.
fn mask_for<'a>(masks: &'a mut Vec<(Rect, Mask)>, clip: Rect, scene: &Scene) -> Option<&'a Mask> {
    let index = match masks.iter().position(|(r, _)| *r == clip) {
        Some(index) => index,
        None => {
            let mut mask = Mask::new(scene.width_px, scene.height_px)?;
            let rect = tiny_skia::Rect::from_xywh(clip.x, clip.y, clip.w, clip.h)?;
            let path = PathBuilder::from_rect(rect);
            mask.fill_path(
                &path,
                FillRule::Winding,
                true,
                Transform::from_scale(scene.scale, scene.scale),
            );
            masks.push((clip, mask));
            masks.len() - 1
        }
    };
    masks.get(index).map(|(_, mask)| mask)
}

/// Draws one line of text: glyph coverage blended over the pixels (source-over). Bold is
/// synthesised by drawing the glyphs a second time a fraction of a pixel to the right.
#[allow(clippy::too_many_arguments)]
fn draw_text(
    pixmap: &mut Pixmap,
    scale: f32,
    [x, y]: [f32; 2],
    text: &str,
    size: f32,
    color: Rgba,
    anchor: Anchor,
    weight: Weight,
) {
    let Some(font) = face() else {
        return;
    };
    let bold = weight == Weight::Bold;
    let (glyphs, width) = layout(font, text, size * scale, bold);
    let left = x * scale
        - match anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => width / 2.0,
            Anchor::End => width,
        };
    let baseline = y * scale;
    let (w, h) = (pixmap.width() as i64, pixmap.height() as i64);
    let offsets: &[f32] = if bold {
        &[0.0, 0.045 * size * scale]
    } else {
        &[0.0]
    };
    let alpha = color.opacity();
    let pixels = pixmap.pixels_mut();
    for dx in offsets {
        for glyph in &glyphs {
            let mut glyph = glyph.clone();
            glyph.position = point(glyph.position.x + left + dx, glyph.position.y + baseline);
            let Some(outlined) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outlined.px_bounds();
            outlined.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i64 + i64::from(gx);
                let py = bounds.min.y as i64 + i64::from(gy);
                if px < 0 || py < 0 || px >= w || py >= h {
                    return;
                }
                let Some(pixel) = pixels.get_mut((py * w + px) as usize) else {
                    return;
                };
                let a = (coverage.clamp(0.0, 1.0) * alpha).clamp(0.0, 1.0);
                let blend = |dst: u8, src: u8| -> u8 {
                    (f32::from(src) * a + f32::from(dst) * (1.0 - a)).round() as u8
                };
                // The background is opaque, so premultiplied and straight colours agree.
                if let Some(mixed) = tiny_skia::PremultipliedColorU8::from_rgba(
                    blend(pixel.red(), color.r),
                    blend(pixel.green(), color.g),
                    blend(pixel.blue(), color.b),
                    255,
                ) {
                    *pixel = mixed;
                }
            });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn scene(shapes: Vec<Shape>) -> Scene {
        Scene {
            width_px: 40,
            height_px: 20,
            scale: 2.0,
            background: Rgba::rgb(255, 255, 255),
            shapes,
        }
    }

    fn at(image: &RgbImage, x: usize, y: usize) -> [u8; 3] {
        let i = (y * image.width + x) * 3;
        [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]]
    }

    #[test]
    fn shapes_are_drawn_at_the_scale_and_clipped() {
        let red = Rgba::rgb(255, 0, 0);
        let image = render_rgb(&scene(vec![
            Shape::Fill {
                rect: Rect {
                    x: 0.0,
                    y: 0.0,
                    w: 5.0,
                    h: 5.0,
                },
                color: red,
                clip: None,
            },
            Shape::Polyline {
                points: vec![[0.0, 8.0], [20.0, 8.0]],
                color: Rgba::rgb(0, 0, 255),
                width: 1.0,
                dash: None,
                clip: Some(Rect {
                    x: 10.0,
                    y: 0.0,
                    w: 10.0,
                    h: 10.0,
                }),
            },
        ]))
        .unwrap();
        assert_eq!((image.width, image.height), (40, 20));
        // 5 points at 2 pixels per point: pixels 0–9 are red, 10 is not.
        assert_eq!(at(&image, 9, 9), [255, 0, 0]);
        assert_eq!(at(&image, 10, 10), [255, 255, 255]);
        // The line at y = 8 pt covers pixel rows 15 and 16, only right of x = 10 pt.
        assert_eq!(at(&image, 30, 15), [0, 0, 255]);
        assert_eq!(at(&image, 10, 15), [255, 255, 255]);
    }

    #[test]
    fn long_lines_are_stroked_in_pieces_that_meet() {
        let points: Vec<[f32; 2]> = (0..=100).map(|i| [i as f32, (i % 2) as f32]).collect();
        let paths = polyline_paths(&points, 48);
        assert_eq!(paths.len(), 3, "48 + 48 + 4 segments");
        let gap = [
            [0.0, 0.0],
            [1.0, 1.0],
            [f32::NAN, 0.0],
            [2.0, 2.0],
            [3.0, 3.0],
        ];
        assert_eq!(polyline_paths(&gap, 48).len(), 2);
        assert_eq!(polyline_paths(&[[0.0, 0.0]], 48).len(), 0);
    }

    #[test]
    fn text_puts_ink_where_it_is_anchored() {
        let image = render_rgb(&scene(vec![Shape::Text {
            x: 20.0,
            y: 8.0,
            text: "WM".to_string(),
            size: 8.0,
            color: Rgba::rgb(0, 0, 0),
            anchor: Anchor::End,
            weight: Weight::Bold,
        }]))
        .unwrap();
        let dark = |from: usize, to: usize| {
            (0..image.height)
                .flat_map(|y| (from..to).map(move |x| (x, y)))
                .filter(|&(x, y)| at(&image, x, y)[0] < 128)
                .count()
        };
        assert!(dark(25, 40) > 20, "ink left of the end anchor");
        // "WM" at 16 pixels is under 30 pixels wide: it starts right of pixel 8.
        assert_eq!(dark(0, 8), 0, "nothing far left of it");
        let png = render_png(&scene(Vec::new())).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
}
