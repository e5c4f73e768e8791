//! The beginning of a large file, cut at a line end, so the import preview can re-read it on
//! every settings change without reading the whole file.

/// The first `max` bytes of `bytes` or fewer, ending after a line feed (for UTF-16 text, after a
/// whole UTF-16 line feed), so that no row is cut in half. Small files come back whole.
#[must_use]
pub fn preview_prefix(bytes: &[u8], max: usize) -> &[u8] {
    if bytes.len() <= max {
        return bytes;
    }
    let head = &bytes[..max];
    let utf16_le = bytes.starts_with(&[0xFF, 0xFE]);
    let utf16_be = bytes.starts_with(&[0xFE, 0xFF]);
    let cut = if utf16_le {
        (0..head.len().saturating_sub(1))
            .rev()
            .find(|&i| i % 2 == 0 && head[i] == b'\n' && head[i + 1] == 0)
            .map(|i| i + 2)
    } else if utf16_be {
        (1..head.len())
            .rev()
            .find(|&i| i % 2 == 1 && head[i] == b'\n' && head[i - 1] == 0)
            .map(|i| i + 1)
    } else {
        head.iter().rposition(|&b| b == b'\n').map(|i| i + 1)
    };
    &bytes[..cut.unwrap_or(max)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_after_the_last_whole_line() {
        assert_eq!(preview_prefix(b"a,b\n1,2\n3,4\n", 100), b"a,b\n1,2\n3,4\n");
        assert_eq!(preview_prefix(b"a,b\n1,2\n3,4\n", 9), b"a,b\n1,2\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a\nb\nc\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(preview_prefix(&utf16, 9), &utf16[..6]);
    }
}
