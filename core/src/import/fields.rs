//! Splitting one line of text into fields, honouring double quotes — used on the sample of lines
//! that detection looks at (the full read goes through the `csv` crate).

use std::borrow::Cow;

/// The fields of `line` separated by `delimiter`, with quotes removed and `""` unescaped.
#[must_use]
pub fn split_fields(line: &str, delimiter: u8) -> Vec<Cow<'_, str>> {
    let bytes = line.as_bytes();
    let mut fields = Vec::new();
    let mut start = 0;
    while start <= bytes.len() {
        if bytes.get(start) == Some(&b'"') {
            let mut value = String::new();
            let mut i = start + 1;
            let mut segment_start = i;
            loop {
                match bytes.get(i) {
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                        value.push_str(&line[segment_start..=i]);
                        i += 2;
                        segment_start = i;
                    }
                    Some(b'"') => {
                        value.push_str(&line[segment_start..i]);
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                    None => {
                        value.push_str(&line[segment_start..]);
                        break;
                    }
                }
            }
            // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
            let end = bytes[i.min(bytes.len())..]
                .iter()
                .position(|&b| b == delimiter)
                .map_or(bytes.len(), |p| i + p);
            if i < end {
                value.push_str(&line[i..end]);
            }
            fields.push(Cow::Owned(value));
            start = end + 1;
        } else {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == delimiter)
                .map_or(bytes.len(), |p| start + p);
            fields.push(Cow::Borrowed(&line[start..end]));
            start = end + 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_fields() {
        assert_eq!(
            split_fields(r#""09/25/2023","14,768.89","","0.46%""#, b','),
            vec!["09/25/2023", "14,768.89", "", "0.46%"]
        );
        assert_eq!(split_fields("a;b;;c", b';'), vec!["a", "b", "", "c"]);
        assert_eq!(
            split_fields(r#""say ""hi""",x"#, b','),
            vec![r#"say "hi""#, "x"]
        );
        assert_eq!(split_fields("a,", b','), vec!["a", ""]);
        assert_eq!(split_fields(r#""open,x"#, b','), vec!["open,x"]);
    }
}
