//! The chart picture: crops a screenshot of the window (premultiplied RGBA, as the graphics
//! stack delivers it) to the chart's rectangle, puts it on an opaque background and encodes a
//! PNG whose pixel density matches the screen's scale, so it prints at the size it was seen.

use super::error::ExportError;

/// A screenshot of the window.
#[derive(Clone, Copy, Debug)]
pub struct Screenshot<'a> {
    /// Width in physical pixels.
    pub width: usize,
    /// Height in physical pixels.
    pub height: usize,
    /// Row-major RGBA, 4 bytes per pixel, sRGB colour with premultiplied alpha.
    pub rgba_premultiplied: &'a [u8],
    /// Physical pixels per logical point (the screen's scale factor).
    pub pixels_per_point: f32,
}

/// A rectangle in physical pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelRect {
    /// Left edge.
    pub x: usize,
    /// Top edge.
    pub y: usize,
    /// Width.
    pub width: usize,
    /// Height.
    pub height: usize,
}

impl PixelRect {
    /// The pixels covered by a rectangle given in points (`min` = left/top, `max` = right/bottom).
    ///
    /// Both edges are rounded to the nearest pixel, so two rectangles sharing an edge in points
    /// share it in pixels too; negative or non-finite coordinates count as 0.
    #[must_use]
    pub fn from_points(min: [f32; 2], max: [f32; 2], pixels_per_point: f32) -> PixelRect {
        let to_pixel = |points: f32| {
            let pixels = (points * pixels_per_point).round();
            if pixels.is_finite() && pixels > 0.0 {
                pixels as usize
            } else {
                0
            }
        };
        let (left, top) = (to_pixel(min[0]), to_pixel(min[1]));
        let (right, bottom) = (to_pixel(max[0]), to_pixel(max[1]));
        PixelRect {
            x: left,
            y: top,
            width: right.saturating_sub(left),
            height: bottom.saturating_sub(top),
        }
    }

    /// The part of this rectangle inside a `width` × `height` image; `None` when nothing is.
    #[must_use]
    pub fn clipped_to(self, width: usize, height: usize) -> Option<PixelRect> {
        let left = self.x.min(width);
        let top = self.y.min(height);
        let right = self.x.saturating_add(self.width).min(width);
        let bottom = self.y.saturating_add(self.height).min(height);
        (right > left && bottom > top).then_some(PixelRect {
            x: left,
            y: top,
            width: right - left,
            height: bottom - top,
        })
    }
}

/// An opaque RGB image, 3 bytes per pixel, row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbImage {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// The pixels.
    pub pixels: Vec<u8>,
}

/// Crops the screenshot to `crop` (clipped to the screenshot) and composites it onto the opaque
/// `background` colour.
///
/// Compositing a premultiplied pixel over an opaque background is `colour + background × (1 −
/// alpha)`; that is the same as un-premultiplying and blending, without the rounding loss of
/// dividing by a small alpha first.
pub fn crop_to_rgb(
    screenshot: &Screenshot<'_>,
    crop: PixelRect,
    background: [u8; 3],
) -> Result<RgbImage, ExportError> {
    let expected = screenshot
        .width
        .saturating_mul(screenshot.height)
        .saturating_mul(4);
    if screenshot.rgba_premultiplied.len() != expected {
        return Err(ExportError::ScreenshotSize {
            width: screenshot.width,
            height: screenshot.height,
            expected,
            found: screenshot.rgba_premultiplied.len(),
        });
    }
    let Some(area) = crop.clipped_to(screenshot.width, screenshot.height) else {
        return Err(ExportError::EmptyArea);
    };
    let mut pixels = Vec::with_capacity(area.width * area.height * 3);
    for row in area.y..area.y + area.height {
        let start = (row * screenshot.width + area.x) * 4;
        let line = &screenshot.rgba_premultiplied[start..start + area.width * 4];
        for pixel in line.chunks_exact(4) {
            let transparency = 255 - u32::from(pixel[3]);
            for channel in 0..3 {
                let behind = (u32::from(background[channel]) * transparency + 127) / 255;
                pixels.push((u32::from(pixel[channel]) + behind).min(255) as u8);
            }
        }
    }
    Ok(RgbImage {
        width: area.width,
        height: area.height,
        pixels,
    })
}

/// Encodes an RGB image as PNG, recording `pixels_per_point` × 96 dots per inch.
pub fn encode_png(image: &RgbImage, pixels_per_point: f32) -> Result<Vec<u8>, ExportError> {
    encode_png_with(image, pixels_per_point, ::png::Compression::Balanced)
}

/// [`encode_png`] with the fast compressor: a few times quicker, a slightly larger file.
pub fn encode_png_fast(image: &RgbImage, pixels_per_point: f32) -> Result<Vec<u8>, ExportError> {
    encode_png_with(image, pixels_per_point, ::png::Compression::Fast)
}

fn encode_png_with(
    image: &RgbImage,
    pixels_per_point: f32,
    compression: ::png::Compression,
) -> Result<Vec<u8>, ExportError> {
    let (Ok(width), Ok(height)) = (u32::try_from(image.width), u32::try_from(image.height)) else {
        return Err(ExportError::EmptyArea);
    };
    let mut bytes = Vec::new();
    {
        let mut encoder = ::png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(::png::ColorType::Rgb);
        encoder.set_depth(::png::BitDepth::Eight);
        encoder.set_compression(compression);
        let scale = if pixels_per_point.is_finite() && pixels_per_point > 0.0 {
            pixels_per_point
        } else {
            1.0
        };
        let per_metre = (f64::from(scale) * 96.0 / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: ::png::Unit::Meter,
        }));
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&image.pixels)?;
        writer.finish()?;
    }
    Ok(bytes)
}

/// Crops the screenshot to the chart's rectangle, composites it onto `background` and encodes
/// it as PNG.
pub fn crop_to_png(
    screenshot: &Screenshot<'_>,
    crop: PixelRect,
    background: [u8; 3],
) -> Result<Vec<u8>, ExportError> {
    let image = crop_to_rgb(screenshot, crop, background)?;
    encode_png(&image, screenshot.pixels_per_point)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `width` × `height` screenshot whose pixel (x, y) is opaque `(x, y, 7)`.
    fn gradient(width: usize, height: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        for y in 0..height {
            for x in 0..width {
                bytes.extend_from_slice(&[x as u8, y as u8, 7, 255]);
            }
        }
        bytes
    }

    fn shot(width: usize, height: usize, bytes: &[u8]) -> Screenshot<'_> {
        Screenshot {
            width,
            height,
            rgba_premultiplied: bytes,
            pixels_per_point: 1.0,
        }
    }

    fn decode(png: &[u8]) -> (u32, u32, Vec<u8>, Option<::png::PixelDimensions>) {
        let decoder = ::png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let dims = reader.info().pixel_dims;
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buffer).unwrap();
        buffer.truncate(info.buffer_size());
        assert_eq!(info.color_type, ::png::ColorType::Rgb);
        (info.width, info.height, buffer, dims)
    }

    #[test]
    fn crops_at_the_given_offset() {
        let bytes = gradient(10, 8);
        let crop = PixelRect {
            x: 3,
            y: 2,
            width: 4,
            height: 5,
        };
        let image = crop_to_rgb(&shot(10, 8, &bytes), crop, [0, 0, 0]).unwrap();
        assert_eq!((image.width, image.height), (4, 5));
        assert_eq!(&image.pixels[..3], &[3, 2, 7]);
        let last = image.pixels.len() - 3;
        assert_eq!(&image.pixels[last..], &[6, 6, 7]);
    }

    #[test]
    fn encodes_a_png_of_the_cropped_size() {
        let bytes = gradient(10, 8);
        let crop = PixelRect {
            x: 1,
            y: 1,
            width: 5,
            height: 3,
        };
        let mut screenshot = shot(10, 8, &bytes);
        screenshot.pixels_per_point = 2.0;
        let png = crop_to_png(&screenshot, crop, [255, 255, 255]).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let (width, height, pixels, dims) = decode(&png);
        assert_eq!((width, height), (5, 3));
        assert_eq!(&pixels[..3], &[1, 1, 7]);
        assert_eq!(dims.map(|d| d.xppu), Some(7559));
    }

    #[test]
    fn composites_premultiplied_pixels_onto_the_background() {
        // Half-transparent red, premultiplied: (128, 0, 0, 128); then fully transparent.
        let bytes = [128, 0, 0, 128, 0, 0, 0, 0];
        let crop = PixelRect {
            x: 0,
            y: 0,
            width: 2,
            height: 1,
        };
        let image = crop_to_rgb(&shot(2, 1, &bytes), crop, [255, 255, 255]).unwrap();
        // 128 + 255 × 127/255 = 255 for red; 0 + 127 for green and blue.
        assert_eq!(image.pixels, [255, 127, 127, 255, 255, 255]);
        let image = crop_to_rgb(&shot(2, 1, &bytes), crop, [0, 0, 0]).unwrap();
        // On black the colour shows at half intensity, as un-premultiplying and blending gives.
        assert_eq!(image.pixels, [128, 0, 0, 0, 0, 0]);
        let dark_grey = [64, 0, 0, 128];
        let image = crop_to_rgb(
            &shot(1, 1, &dark_grey),
            PixelRect { width: 1, ..crop },
            [20, 40, 60],
        )
        .unwrap();
        assert_eq!(image.pixels, [74, 20, 30]);
    }

    #[test]
    fn a_rectangle_beyond_the_image_is_clipped() {
        let bytes = gradient(10, 8);
        let crop = PixelRect {
            x: 7,
            y: 5,
            width: 100,
            height: 100,
        };
        let image = crop_to_rgb(&shot(10, 8, &bytes), crop, [0, 0, 0]).unwrap();
        assert_eq!((image.width, image.height), (3, 3));
        assert_eq!(&image.pixels[..3], &[7, 5, 7]);
    }

    #[test]
    fn an_empty_area_is_an_error() {
        let bytes = gradient(10, 8);
        let screenshot = shot(10, 8, &bytes);
        let zero = PixelRect {
            x: 2,
            y: 2,
            width: 0,
            height: 4,
        };
        assert!(matches!(
            crop_to_png(&screenshot, zero, [0, 0, 0]),
            Err(ExportError::EmptyArea)
        ));
        let outside = PixelRect {
            x: 10,
            y: 0,
            width: 5,
            height: 5,
        };
        assert!(matches!(
            crop_to_png(&screenshot, outside, [0, 0, 0]),
            Err(ExportError::EmptyArea)
        ));
    }

    #[test]
    fn a_short_buffer_is_an_error() {
        let bytes = gradient(10, 8);
        let crop = PixelRect {
            x: 0,
            y: 0,
            width: 1,
            height: 1,
        };
        assert!(matches!(
            crop_to_rgb(&shot(10, 9, &bytes), crop, [0, 0, 0]),
            Err(ExportError::ScreenshotSize {
                expected: 360,
                found: 320,
                ..
            })
        ));
    }

    #[test]
    fn points_round_to_pixels_consistently() {
        let rect = PixelRect::from_points([10.3, 20.0], [110.2, 70.5], 1.5);
        // 15.45 → 15, 30 → 30, 165.3 → 165, 105.75 → 106.
        assert_eq!(
            rect,
            PixelRect {
                x: 15,
                y: 30,
                width: 150,
                height: 76
            }
        );
        let left = PixelRect::from_points([0.0, 0.0], [33.4, 10.0], 1.5);
        let right = PixelRect::from_points([33.4, 0.0], [60.0, 10.0], 1.5);
        assert_eq!(left.x + left.width, right.x);
        let negative = PixelRect::from_points([-5.0, f32::NAN], [4.0, 2.0], 2.0);
        assert_eq!(
            negative,
            PixelRect {
                x: 0,
                y: 0,
                width: 8,
                height: 4
            }
        );
    }
}
