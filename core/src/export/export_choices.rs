//! The export choices the app remembers between exports (in the settings): picture format,
//! size, scale and theme, and the folders charts and reports were last saved to.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::picture_options::{PictureFormat, PictureOptions, PictureTheme};

/// The last export choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportChoices {
    /// PNG or SVG.
    pub format: PictureFormat,
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// Pixels per point, in hundredths (200 = scale 2).
    pub scale_percent: u32,
    /// Light or dark.
    pub theme: PictureTheme,
    /// The folder the last chart was saved to.
    pub chart_folder: Option<PathBuf>,
    /// The folder the last report was saved to.
    pub report_folder: Option<PathBuf>,
}

impl Default for ExportChoices {
    fn default() -> Self {
        let options = PictureOptions::default();
        ExportChoices {
            format: PictureFormat::Png,
            width_px: options.width_px,
            height_px: options.height_px,
            scale_percent: (options.scale * 100.0).round() as u32,
            theme: options.theme,
            chart_folder: None,
            report_folder: None,
        }
    }
}

impl ExportChoices {
    /// The picture options these choices give, with `title`.
    #[must_use]
    pub fn options(&self, title: Option<String>) -> PictureOptions {
        PictureOptions {
            width_px: self.width_px,
            height_px: self.height_px,
            scale: self.scale_percent as f32 / 100.0,
            theme: self.theme,
            title,
        }
    }

    /// Remembers the choices of an export.
    pub fn remember(&mut self, format: PictureFormat, options: &PictureOptions) {
        self.format = format;
        self.width_px = options.width_px;
        self.height_px = options.height_px;
        self.scale_percent = (options.scale * 100.0).round().max(0.0) as u32;
        self.theme = options.theme;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_through_options() {
        let mut choices = ExportChoices::default();
        assert_eq!(choices.options(None), PictureOptions::default());
        let options = PictureOptions {
            width_px: 1200,
            height_px: 675,
            scale: 1.5,
            theme: PictureTheme::Dark,
            title: Some("T".to_string()),
        };
        choices.remember(PictureFormat::Svg, &options);
        assert_eq!(choices.scale_percent, 150);
        assert_eq!(choices.format, PictureFormat::Svg);
        assert_eq!(choices.options(Some("T".to_string())), options);
        // Settings written before these choices existed read as the defaults.
        let read: ExportChoices = serde_json::from_str("{}").unwrap_or_default();
        assert_eq!(read, ExportChoices::default());
    }
}
