//! What a chart picture is asked to be: its format (PNG or SVG), exact pixel size, scale
//! (pixels per point, so text stays sharp on high-density screens and in print), light or dark
//! theme and title — with the checks that keep a picture drawable and legible.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::scene::Rgba;

/// The file format of a chart picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PictureFormat {
    /// A PNG bitmap.
    #[default]
    Png,
    /// An SVG drawing with real text.
    Svg,
}

impl PictureFormat {
    /// Both formats, as offered.
    pub const ALL: [PictureFormat; 2] = [PictureFormat::Png, PictureFormat::Svg];

    /// The file extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            PictureFormat::Png => "png",
            PictureFormat::Svg => "svg",
        }
    }

    /// The name shown to the user.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PictureFormat::Png => "PNG",
            PictureFormat::Svg => "SVG",
        }
    }

    /// The format a file name's extension asks for (case-insensitive), if any.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<PictureFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(PictureFormat::Png),
            "svg" => Some(PictureFormat::Svg),
            _ => None,
        }
    }
}

/// The colours of a picture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PictureTheme {
    /// Dark text on white: for print and most articles (the default).
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// The colours of the parts of a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// The background.
    pub background: Rgba,
    /// The title and tick labels.
    pub text: Rgba,
    /// The subtitle, source line and panel titles.
    pub muted: Rgba,
    /// Grid lines.
    pub grid: Rgba,
    /// The axis line and the reference line (100 or 0).
    pub axis: Rgba,
    /// The spread chart's percentile band and median.
    pub band: Rgba,
}

impl PictureTheme {
    /// Both themes, as offered.
    pub const ALL: [PictureTheme; 2] = [PictureTheme::Light, PictureTheme::Dark];

    /// The name shown to the user and accepted on the command line.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PictureTheme::Light => "light",
            PictureTheme::Dark => "dark",
        }
    }

    /// The theme's colours.
    #[must_use]
    pub fn palette(self) -> Palette {
        match self {
            PictureTheme::Light => Palette {
                background: Rgba::rgb(0xff, 0xff, 0xff),
                text: Rgba::rgb(0x1f, 0x23, 0x28),
                muted: Rgba::rgb(0x5f, 0x66, 0x6d),
                grid: Rgba::rgb(0xe4, 0xe6, 0xe9),
                axis: Rgba::rgb(0x8a, 0x90, 0x96),
                band: Rgba::rgb(0x80, 0x80, 0x80),
            },
            PictureTheme::Dark => Palette {
                background: Rgba::rgb(0x1b, 0x1d, 0x21),
                text: Rgba::rgb(0xe6, 0xe8, 0xea),
                muted: Rgba::rgb(0xa3, 0xa9, 0xb0),
                grid: Rgba::rgb(0x32, 0x36, 0x3c),
                axis: Rgba::rgb(0x73, 0x7a, 0x82),
                band: Rgba::rgb(0x9a, 0x9a, 0x9a),
            },
        }
    }
}

/// How a chart picture is drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PictureOptions {
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// Pixels per point: 2 draws text and lines twice as many pixels wide as at 1, for the
    /// same layout on a picture twice as large.
    pub scale: f32,
    /// The colours.
    pub theme: PictureTheme,
    /// The title; `None` names the series compared.
    pub title: Option<String>,
}

impl Default for PictureOptions {
    fn default() -> Self {
        PictureOptions {
            width_px: 1600,
            height_px: 900,
            scale: 2.0,
            theme: PictureTheme::Light,
            title: None,
        }
    }
}

/// The smallest and largest scale accepted.
pub const SCALE_RANGE: (f32, f32) = (0.5, 8.0);

/// The largest width or height accepted, in pixels.
pub const MAX_SIDE_PX: u32 = 16_384;

/// The smallest layout, in points, that leaves room for the title, legend, axes and source.
pub const MIN_LAYOUT_POINTS: (f32, f32) = (320.0, 200.0);

impl PictureOptions {
    /// Why these options cannot give a legible picture, if they cannot.
    #[must_use]
    pub fn problem(&self) -> Option<String> {
        if !(self.scale.is_finite() && (SCALE_RANGE.0..=SCALE_RANGE.1).contains(&self.scale)) {
            return Some(format!(
                "the scale must be between {} and {}, not {}",
                SCALE_RANGE.0, SCALE_RANGE.1, self.scale
            ));
        }
        if self.width_px > MAX_SIDE_PX || self.height_px > MAX_SIDE_PX {
            return Some(format!(
                "{}×{} pixels is larger than the {MAX_SIDE_PX} pixels a side allowed",
                self.width_px, self.height_px
            ));
        }
        let (w, h) = (
            self.width_px as f32 / self.scale,
            self.height_px as f32 / self.scale,
        );
        if w < MIN_LAYOUT_POINTS.0 || h < MIN_LAYOUT_POINTS.1 {
            return Some(format!(
                "{}×{} pixels at scale {} leaves {:.0}×{:.0} points for the chart; it needs at least {}×{} (make it larger or lower the scale)",
                self.width_px,
                self.height_px,
                self.scale,
                w,
                h,
                MIN_LAYOUT_POINTS.0,
                MIN_LAYOUT_POINTS.1
            ));
        }
        None
    }
}

/// Reads a size written `WIDTHxHEIGHT` (or with `×`), in pixels.
pub fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let cleaned = text.trim().to_ascii_lowercase().replace('×', "x");
    let parsed = cleaned
        .split_once('x')
        .and_then(|(w, h)| Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?)));
    match parsed {
        Some((w, h)) if w > 0 && h > 0 => Ok((w, h)),
        _ => Err(format!(
            "expected a size in pixels as WIDTHxHEIGHT, e.g. 1600x900, found {text:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_sizes_and_limits() {
        assert_eq!(
            PictureFormat::from_path(Path::new("a/chart.SVG")),
            Some(PictureFormat::Svg)
        );
        assert_eq!(
            PictureFormat::from_path(Path::new("chart.png")),
            Some(PictureFormat::Png)
        );
        assert_eq!(PictureFormat::from_path(Path::new("chart.jpg")), None);
        assert_eq!(parse_size("1600x900"), Ok((1600, 900)));
        assert_eq!(parse_size(" 800 × 450 "), Ok((800, 450)));
        assert!(parse_size("1600").is_err());
        assert!(parse_size("0x10").is_err());
        assert_eq!(PictureOptions::default().problem(), None);
        let small = PictureOptions {
            width_px: 400,
            height_px: 300,
            ..PictureOptions::default()
        };
        let problem = small.problem().unwrap_or_default();
        assert!(problem.contains("200×150 points"), "{problem}");
        let huge = PictureOptions {
            scale: 20.0,
            ..PictureOptions::default()
        };
        assert!(huge.problem().is_some());
    }
}
