//! The series colours: a categorical palette whose colours stay distinct from each other and
//! readable on both light and dark backgrounds, handed out least-used first.

/// An sRGB colour, red, green, blue.
pub type Rgb = [u8; 3];

/// The palette, in the order new series receive it (Tableau 10, reordered so that the first
/// few colours differ most).
pub const PALETTE: [Rgb; 10] = [
    [0x4e, 0x79, 0xa7], // blue
    [0xf2, 0x8e, 0x2b], // orange
    [0x59, 0xa1, 0x4f], // green
    [0xe1, 0x57, 0x59], // red
    [0xb0, 0x7a, 0xa1], // purple
    [0x76, 0xb7, 0xb2], // teal
    [0x9c, 0x75, 0x5f], // brown
    [0xff, 0x9d, 0xa7], // pink
    [0xed, 0xc9, 0x48], // yellow
    [0xba, 0xb0, 0xac], // grey
];

/// The colour for a new series: the first palette colour nobody uses, or when all are taken,
/// the one used least often.
#[must_use]
pub fn next_color<'a>(used: impl IntoIterator<Item = &'a Rgb>) -> Rgb {
    let mut counts = [0usize; PALETTE.len()];
    for color in used {
        if let Some(index) = PALETTE.iter().position(|c| c == color) {
            counts[index] += 1;
        }
    }
    let least = counts.iter().copied().min().unwrap_or(0);
    let index = counts.iter().position(|&c| c == least).unwrap_or(0);
    PALETTE[index]
}

/// The colour as `#rrggbb`.
#[must_use]
pub fn to_hex(color: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", color[0], color[1], color[2])
}

/// Reads `#rrggbb` (either case); `None` for anything else.
#[must_use]
pub fn from_hex(text: &str) -> Option<Rgb> {
    let digits = text.strip_prefix('#')?;
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hands_out_unused_colours_in_order() {
        assert_eq!(next_color(&[]), PALETTE[0]);
        assert_eq!(next_color(&[PALETTE[0]]), PALETTE[1]);
        assert_eq!(next_color(&[PALETTE[1], PALETTE[0]]), PALETTE[2]);
        assert_eq!(next_color(&[[1, 2, 3]]), PALETTE[0]);
    }

    #[test]
    fn reuses_the_least_used_colour_when_all_are_taken() {
        let mut used: Vec<Rgb> = PALETTE.to_vec();
        used.push(PALETTE[0]);
        used.push(PALETTE[1]);
        assert_eq!(next_color(&used), PALETTE[2]);
    }

    #[test]
    fn palette_colours_are_distinct() {
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                let distance: i32 = a
                    .iter()
                    .zip(b)
                    .map(|(x, y)| (i32::from(*x) - i32::from(*y)).abs())
                    .sum();
                assert!(distance > 60, "{a:?} and {b:?} are too close");
            }
        }
    }

    #[test]
    fn hex_round_trips() {
        assert_eq!(to_hex([0x4e, 0x79, 0xa7]), "#4e79a7");
        assert_eq!(from_hex("#4E79A7"), Some([0x4e, 0x79, 0xa7]));
        assert_eq!(from_hex("4e79a7"), None);
        assert_eq!(from_hex("#4e79a"), None);
        assert_eq!(from_hex("#4e79ag"), None);
        assert_eq!(from_hex("#ééé"), None);
    }
}
