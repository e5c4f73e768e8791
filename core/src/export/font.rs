//! The font of exported charts: Ubuntu Light, the typeface the app's own interface draws with
//! (bundled by `epaint_default_fonts`, under the Ubuntu Font Licence), so a picture reads like
//! the screen on every machine. It measures text for the layout and lays out glyphs for the PNG
//! renderer; the SVG names the same family first.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, Glyph, GlyphId, PxScale, ScaleFont, point};

/// The CSS font families of SVG and HTML text: the bundled face first, then look-alikes.
pub const FONT_FAMILY: &str =
    "Ubuntu, 'Ubuntu Light', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

/// The extra advance per character of emphasised (synthetically bold) text, per point of size.
const BOLD_EXTRA: f32 = 0.02;

/// The bundled face, parsed once. `None` only if the bundled bytes were not a font, which a
/// unit test rules out.
pub fn face() -> Option<&'static FontRef<'static>> {
    static FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FACE.get_or_init(|| FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).ok())
        .as_ref()
}

/// The glyph scale giving a font size of `size` (one em) in pixels, as CSS sizes text.
#[must_use]
pub fn px_scale(font: &FontRef<'_>, size: f32) -> PxScale {
    let em = font.units_per_em().unwrap_or(1000.0);
    PxScale::from(size * font.height_unscaled() / em)
}

/// The glyphs of `text` at font size `size`, positioned from x = 0 on the baseline y = 0, with
/// kerning; and the advance width of the whole text.
#[must_use]
pub fn layout(font: &FontRef<'_>, text: &str, size: f32, bold: bool) -> (Vec<Glyph>, f32) {
    let scale = px_scale(font, size);
    let scaled = font.as_scaled(scale);
    let extra = if bold { BOLD_EXTRA * size } else { 0.0 };
    let mut glyphs = Vec::with_capacity(text.len());
    let mut x = 0.0f32;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(previous) = previous {
            x += scaled.kern(previous, id);
        }
        glyphs.push(id.with_scale_and_position(scale, point(x, 0.0)));
        x += scaled.h_advance(id) + extra;
        previous = Some(id);
    }
    (glyphs, x)
}

/// The advance width of `text` at font size `size`, in the same unit as `size`.
#[must_use]
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    match face() {
        Some(font) => layout(font, text, size, bold).1,
        // Never reached (see `face`); an average advance keeps layouts sensible regardless.
        None => text.chars().count() as f32 * size * 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_parses_and_measures() {
        assert!(face().is_some());
        let narrow = text_width("iii", 12.0, false);
        let wide = text_width("WWW", 12.0, false);
        assert!(narrow > 0.0 && wide > 2.0 * narrow, "{narrow} {wide}");
        let at_24 = text_width("Rotation Lens", 24.0, false);
        let at_12 = text_width("Rotation Lens", 12.0, false);
        assert!((at_24 - 2.0 * at_12).abs() < 0.01);
        assert!(text_width("Title", 12.0, true) > text_width("Title", 12.0, false));
        // A digit of Ubuntu is a little over half an em wide.
        let digit = text_width("0", 10.0, false);
        assert!((4.5..6.5).contains(&digit), "{digit}");
    }
}
