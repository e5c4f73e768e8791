//! Fuzz target: the importer, with default options and with pinned settings chosen by the
//! input's first byte, must return an outcome or an error for any bytes — never panic, hang
//! or exhaust memory — and every outcome must hold sorted dates and finite values. Read in
//! chunks of a few bytes on several threads, the input must give exactly what one thread gives.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rotation_lens_core::import::{
    DateFormat, DecimalSeparator, Delimiter, HeaderRow, ImportControl, ImportOptions, Layout,
    Parallelism, TextEncoding, import_with_control,
};
use rotation_lens_core::model::SeriesKind;

/// The option variants a person can pin in the import preview.
fn options(selector: u8) -> ImportOptions {
    let mut options = ImportOptions {
        file_name: Some("FUZZ.csv".to_string()),
        ..ImportOptions::default()
    };
    match selector % 8 {
        0 => {}
        1 => options.delimiter = Some(Delimiter::Semicolon),
        2 => options.decimal_separator = Some(DecimalSeparator::Comma),
        3 => {
            options.date_format = Some(DateFormat::DayMonthYear);
            options.date_column = Some(0);
        }
        4 => options.header = Some(HeaderRow::Line(2)),
        5 => options.layout = Some(Layout::Single { column: 1 }),
        6 => options.kind = Some(SeriesKind::Valuation),
        _ => options.encoding = Some(TextEncoding::Windows1252),
    }
    options
}

fn check(bytes: &[u8], options: &ImportOptions) {
    let one_thread = ImportControl {
        parallelism: Parallelism::sequential(),
        ..ImportControl::default()
    };
    let result = import_with_control(bytes, options, &one_thread);
    let chunk_bytes = usize::from(bytes.first().copied().unwrap_or(0) % 16) + 1;
    let in_chunks = ImportControl {
        parallelism: Parallelism {
            threads: 2,
            min_bytes: 0,
            chunk_bytes,
        },
        ..ImportControl::default()
    };
    assert!(import_with_control(bytes, options, &in_chunks) == result);
    if let Ok(outcome) = result {
        assert!(!outcome.series.is_empty());
        for series in &outcome.series {
            assert!(series.dates().windows(2).all(|w| w[0] < w[1]));
            assert!(series.values().iter().all(|v| v.is_finite()));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    check(data, &ImportOptions::default());
    if let Some((&selector, rest)) = data.split_first() {
        check(rest, &options(selector));
    }
});
