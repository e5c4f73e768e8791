//! The window icon: the app icon's 256 px rendering, embedded in the binary so the window has
//! its icon wherever the executable is copied.

use eframe::egui::IconData;

/// The 256 px app icon as PNG bytes (rendered from `assets/icons/*.svg` by `render.sh`).
const ICON_PNG: &[u8] =
    include_bytes!("../../assets/icons/hicolor/256x256/apps/app.rotationlens.RotationLens.png");

/// The decoded window icon. Should the embedded PNG ever fail to decode, the icon is empty and
/// the window opens with the platform's default icon instead of failing to start.
#[must_use]
pub fn window_icon() -> IconData {
    eframe::icon_data::from_png_bytes(ICON_PNG).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_icon_decodes_to_256_px_rgba() {
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }

    #[test]
    fn the_icon_has_transparent_corners_and_an_opaque_centre() {
        let icon = window_icon();
        let alpha_at = |x: usize, y: usize| icon.rgba[(y * 256 + x) * 4 + 3];
        assert_eq!(alpha_at(0, 0), 0);
        assert_eq!(alpha_at(128, 128), 255);
    }
}
