//! Turning a file's bytes into text: byte-order marks, UTF-16, the Windows-1252 fallback, and
//! refusing files that are not text at all (images, archives, workbooks) or are web pages.

use std::borrow::Cow;

use super::error::ImportError;
use super::outcome::LineEnding;
use crate::model::TextEncoding;

/// A file's text, its encoding, and its line ending (lone `\r` line ends already turned into `\n`).
pub struct DecodedText<'a> {
    pub text: Cow<'a, str>,
    pub encoding: TextEncoding,
    pub line_ending: LineEnding,
    pub utf16_without_bom: bool,
    /// The 1-based lines that were only zero bytes and were blanked.
    pub nul_lines: Vec<usize>,
}

impl DecodedText<'_> {
    /// The same text, owning it.
    fn into_owned(self) -> DecodedText<'static> {
        DecodedText {
            text: Cow::Owned(self.text.into_owned()),
            encoding: self.encoding,
            line_ending: self.line_ending,
            utf16_without_bom: self.utf16_without_bom,
            nul_lines: self.nul_lines,
        }
    }
}

/// Decodes `bytes`, detecting the encoding unless one is given.
pub fn decode(bytes: &[u8], forced: Option<TextEncoding>) -> Result<DecodedText<'_>, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    let utf16 = match forced {
        Some(encoding) => matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be),
        None => {
            matches!(bytes, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..])
                || utf16_by_zero_bytes(bytes).is_some()
        }
    };
    // One vectorised search tells that most files hold neither a zero byte nor a `\r`: the
    // searches for each are then skipped (decoding from a single-byte encoding or UTF-8 adds
    // neither).
    let neither_nul_nor_cr = !utf16 && memchr::memchr2(0, b'\r', bytes).is_none();
    if !utf16
        && !neither_nul_nor_cr
        && let Some(blanked) = blank_nul_lines(bytes)?
    {
        let mut decoded = decode(&blanked.bytes, forced)?.into_owned();
        decoded.nul_lines = blanked.lines;
        return Ok(decoded);
    }
    let mut utf16_without_bom = false;
    // Validated once, when detection needs it, and reused below.
    let mut valid_utf8: Option<&str> = None;
    let encoding = match forced {
        Some(encoding) => encoding,
        None => match bytes {
            [0xEF, 0xBB, 0xBF, ..] => TextEncoding::Utf8Bom,
            [0xFF, 0xFE, ..] => TextEncoding::Utf16Le,
            [0xFE, 0xFF, ..] => TextEncoding::Utf16Be,
            _ => {
                if let Some(encoding) = utf16_by_zero_bytes(bytes) {
                    utf16_without_bom = true;
                    encoding
                } else {
                    refuse_binary(bytes)?;
                    valid_utf8 = std::str::from_utf8(bytes).ok();
                    if valid_utf8.is_some() {
                        TextEncoding::Utf8
                    } else {
                        TextEncoding::Windows1252
                    }
                }
            }
        },
    };
    let text: Cow<'_, str> = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match valid_utf8.map_or_else(|| std::str::from_utf8(body), Ok) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(body),
            }
        }
        TextEncoding::Utf16Le => {
            let body = bytes.strip_prefix(&[0xFF, 0xFE]).unwrap_or(bytes);
            Cow::Owned(
                encoding_rs::UTF_16LE
                    .decode_without_bom_handling(body)
                    .0
                    .into_owned(),
            )
        }
        TextEncoding::Utf16Be => {
            let body = bytes.strip_prefix(&[0xFE, 0xFF]).unwrap_or(bytes);
            Cow::Owned(
                encoding_rs::UTF_16BE
                    .decode_without_bom_handling(body)
                    .0
                    .into_owned(),
            )
        }
        TextEncoding::Windows1252 => Cow::Owned(
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        ),
    };
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(ImportError::Empty);
    }
    refuse_html(&text)?;
    let (text, line_ending) = if neither_nul_nor_cr {
        (text, LineEnding::Lf)
    } else {
        normalise_line_ends(text)
    };
    Ok(DecodedText {
        text,
        encoding,
        line_ending,
        utf16_without_bom,
        nul_lines: Vec::new(),
    })
}

/// Lines made only of zero bytes (a `\r` allowed), as a crash leaves them — often as padding
/// at the end of the file — emptied so that the rest of the file reads, with their 1-based
/// line numbers. `None` when there are none, or when a zero byte also sits in a line with text
/// (then the file is judged as binary as it is). A file mostly of zero bytes is refused.
fn blank_nul_lines(bytes: &[u8]) -> Result<Option<Blanked>, ImportError> {
    let Some(first_zero) = memchr::memchr(0, bytes) else {
        return Ok(None);
    };
    let zeros = memchr::memchr_iter(0, bytes).count();
    if zeros * 2 >= bytes.len() {
        return Err(ImportError::Binary {
            what: "binary data (mostly zero bytes)".to_string(),
            offset: first_zero,
        });
    }
    let mut blanked = Vec::with_capacity(bytes.len() - zeros);
    let mut lines = Vec::new();
    for (index, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.is_empty() || !content.contains(&0) {
            blanked.extend_from_slice(line);
        } else if content.iter().all(|&b| b == 0) {
            lines.push(index + 1);
            blanked.extend_from_slice(&line[content.len()..]);
        } else {
            return Ok(None);
        }
    }
    Ok(Some(Blanked {
        bytes: blanked,
        lines,
    }))
}

/// A file with its lines of zero bytes emptied.
struct Blanked {
    /// The bytes, each such line left empty (its line end kept).
    bytes: Vec<u8>,
    /// Their 1-based line numbers.
    lines: Vec<usize>,
}

/// UTF-16 text without a byte-order mark: most ASCII characters leave a zero byte beside them.
fn utf16_by_zero_bytes(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_at = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(TextEncoding::Utf16Le)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

fn refuse_binary(bytes: &[u8]) -> Result<(), ImportError> {
    const SIGNATURES: [(&[u8], &str); 7] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (
            b"PK\x03\x04",
            "a ZIP archive or an Excel workbook (.xlsx) — save it as CSV first",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an old Excel workbook (.xls) — save it as CSV first",
        ),
        (b"\x1F\x8B", "a gzip archive — unpack it first"),
    ];
    if let Some((_, what)) = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Err(ImportError::Binary {
            what: (*what).to_string(),
            offset: 0,
        });
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if let Some(offset) = sample.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary {
            what: "binary data (a zero byte)".to_string(),
            offset,
        });
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if controls * 20 > sample.len() {
        let offset = sample
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
            .unwrap_or(0);
        return Err(ImportError::Binary {
            what: "binary data (control characters)".to_string(),
            offset,
        });
    }
    Ok(())
}

fn refuse_html(text: &str) -> Result<(), ImportError> {
    let start: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<?xml") && start.contains("<html")
        || (start.starts_with('<') && (start.contains("<head") || start.contains("<body")))
    {
        let leading = &text[..text.len()
            - text
                .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .len()];
        let line = 1 + leading.matches('\n').count();
        return Err(ImportError::Html { line });
    }
    Ok(())
}

fn normalise_line_ends(text: Cow<'_, str>) -> (Cow<'_, str>, LineEnding) {
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(|&b| b == b'\n' || b == b'\r') else {
        return (text, LineEnding::Lf);
    };
    let ending = match (bytes[first], bytes.get(first + 1)) {
        (b'\r', Some(b'\n')) => LineEnding::CrLf,
        (b'\r', _) => LineEnding::Cr,
        _ => LineEnding::Lf,
    };
    // A vectorised search for each `\r`; most files have none.
    let has_lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if has_lone_cr {
        let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        (Cow::Owned(normalised), ending)
    } else {
        (text, ending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Files with neither a zero byte nor a `\r` skip both searches: their text and line
        /// ending are those the full normalisation gives. Files with a `\r` and no zero byte
        /// keep their lines and are left with no lone `\r`.
        #[test]
        fn files_without_zero_bytes_or_carriage_returns_decode_as_before(
            text in "Date,Close\n([0-9a-z,.;\t \n\r\u{e9}\u{0}]{1,40}\n){0,6}",
        ) {
            let Ok(decoded) = decode(text.as_bytes(), None) else {
                return Ok(());
            };
            if !text.contains(['\0', '\r']) {
                let (normalised, ending) = normalise_line_ends(Cow::Borrowed(text.as_str()));
                proptest::prop_assert_eq!(&decoded.text, &normalised);
                proptest::prop_assert_eq!(decoded.line_ending, ending);
                proptest::prop_assert_eq!(decoded.nul_lines, Vec::<usize>::new());
            } else if !text.contains('\0') {
                // A `\r\n` is left for the CSV reader; a lone `\r` ends a line as `\n` does.
                let bytes = decoded.text.as_bytes();
                let lone_cr = memchr::memchr_iter(b'\r', bytes)
                    .any(|i| bytes.get(i + 1) != Some(&b'\n'));
                proptest::prop_assert!(!lone_cr, "a lone carriage return is left in {:?}", decoded.text);
                let lines = |t: &str| t.replace("\r\n", "\n").replace('\r', "\n");
                proptest::prop_assert_eq!(lines(&decoded.text), lines(&text));
            }
        }
    }

    #[test]
    fn a_crlf_line_is_left_for_the_csv_reader_and_a_lone_cr_becomes_a_line_end() {
        let crlf = decode(b"Date,Close\n\r\n\n", None).unwrap();
        assert_eq!(crlf.text, "Date,Close\n\r\n\n");
        let lone = decode(b"Date,Close\r2024-01-02,1\r\n", None).unwrap();
        assert_eq!(lone.text, "Date,Close\n2024-01-02,1\n");
        assert_eq!(lone.line_ending, LineEnding::Cr);
    }

    #[test]
    fn reads_boms_and_fallbacks() {
        let utf8 = decode(b"\xEF\xBB\xBFDate,Close\n", None).unwrap();
        assert_eq!(utf8.encoding, TextEncoding::Utf8Bom);
        assert_eq!(utf8.text, "Date,Close\n");

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Date\tClose\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&utf16, None).unwrap();
        assert_eq!(decoded.encoding, TextEncoding::Utf16Le);
        assert_eq!(decoded.text, "Date\tClose\r\n");
        assert_eq!(decoded.line_ending, LineEnding::CrLf);

        let latin = decode(b"Datum;Schlu\xDF\n", None).unwrap();
        assert_eq!(latin.encoding, TextEncoding::Windows1252);
        assert_eq!(latin.text, "Datum;Schluß\n");
    }

    #[test]
    fn reads_utf16_without_bom() {
        let bytes: Vec<u8> = "Date,Close\n2024-01-02,1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let decoded = decode(&bytes, None).unwrap();
        assert!(decoded.utf16_without_bom);
        assert_eq!(decoded.text, "Date,Close\n2024-01-02,1\n");
    }

    #[test]
    fn turns_lone_carriage_returns_into_line_feeds() {
        let decoded = decode(b"a,b\r1,2\r", None).unwrap();
        assert_eq!(decoded.line_ending, LineEnding::Cr);
        assert_eq!(decoded.text, "a,b\n1,2\n");
    }

    #[test]
    fn skips_lines_of_zero_bytes_and_refuses_files_made_of_them() {
        let decoded = decode(b"Date,Close\n\0\0\0\n2024-01-02,1\n\0\0\0\0", None)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded.text, "Date,Close\n\n2024-01-02,1\n");
        assert_eq!(decoded.nul_lines, vec![2, 4]);
        // Zero bytes beside text are binary data, as before.
        assert_eq!(
            decode(b"Date,Close\n2024-01-02,1\0\0\n", None).err(),
            Some(ImportError::Binary {
                what: "binary data (a zero byte)".to_string(),
                offset: 23
            })
        );
        assert_eq!(
            decode(b"a,b\n\0\0\0\0\0\0\0\0\n", None).err(),
            Some(ImportError::Binary {
                what: "binary data (mostly zero bytes)".to_string(),
                offset: 4
            })
        );
    }

    #[test]
    fn refuses_non_text() {
        assert_eq!(decode(b"", None).err(), Some(ImportError::Empty));
        assert_eq!(decode(b" \n\r\n", None).err(), Some(ImportError::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n", None),
            Err(ImportError::Binary { offset: 0, .. })
        ));
        assert!(matches!(
            decode(b"PK\x03\x04abc", None),
            Err(ImportError::Binary { .. })
        ));
        assert_eq!(
            decode(b"\n\n<!DOCTYPE html><html><body>404</body></html>", None).err(),
            Some(ImportError::Html { line: 3 })
        );
    }
}
