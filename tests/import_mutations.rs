//! Mutation testing of the importer: thousands of damaged variants of the real downloaded files
//! (truncations, flipped bytes, inserted quotes and delimiters, re-encodings, huge lines,
//! shuffled lines). Every one must come back as an outcome or an `ImportError` — never a panic,
//! never a hang — and every outcome must satisfy the series invariants.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

mod mutation;

use mutation::{HANG_LIMIT, Rng, input_count};

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use rotation_lens::import::{ImportOptions, import};

const FIXTURES: [&str; 12] = [
    "yahoo/^RUT.csv",
    "fred/SP500.csv",
    "fred/T10Y2Y.csv",
    "shiller/data.csv",
    "investing/S&P 500 Historical Data.csv",
    "investing-monthly/S&P 500 Historical Data.csv",
    "investing-br/Dados Históricos - Ibovespa.csv",
    "investing-textdate/DAX Historical Data.csv",
    "nasdaq/HistoricalQuotes.csv",
    "nasdaq/sony_stocks.csv",
    "stooq/^spx_d.csv",
    "valuation/SP500_DIV_YIELD_MONTH.csv",
];

fn head(bytes: &[u8], lines: usize) -> Vec<u8> {
    let mut end = bytes.len();
    let mut seen = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            seen += 1;
            if seen == lines {
                end = i + 1;
                break;
            }
        }
    }
    bytes[..end].to_vec()
}

fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut bytes = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        let at = rng.below(bytes.len() + 1);
        match rng.below(12) {
            0 => bytes.truncate(at),
            1 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            2 => bytes.insert(at, b'"'),
            3 => bytes.insert(at, [b',', b';', b'\t', b'|'][rng.below(4)]),
            4 => bytes.insert(at, [b'\n', b'\r'][rng.below(2)]),
            5 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            6 => {
                let junk: &[&[u8]] = &[
                    b"NaN",
                    b"-",
                    b"1e308",
                    b"inf",
                    b"(",
                    b"$",
                    b"%",
                    b"9999-99-99",
                    b"\xFF\xFE",
                    b"\0",
                    b"16:00",
                    b"0001-01-01",
                ];
                let piece = junk[rng.below(junk.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            7 => {
                // A huge line.
                let long = vec![b'9'; 1 + rng.below(200_000)];
                bytes.splice(at..at, long);
            }
            8 => {
                // Re-encode as UTF-16 LE with a byte-order mark.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                bytes = [0xFF, 0xFE]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect();
            }
            9 => {
                // Swap two lines.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                if lines.len() > 2 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                }
                bytes = lines.join("\n").into_bytes();
            }
            10 => {
                // Duplicate a slice.
                let end = (at + rng.below(200)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                bytes.splice(at..at, piece);
            }
            _ => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
        }
    }
    bytes
}

#[test]
fn damaged_files_never_panic_or_hang() {
    let inputs = input_count();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real/");
    let originals: Vec<Vec<u8>> = FIXTURES
        .iter()
        .map(|name| {
            head(
                &std::fs::read(format!("{dir}{name}")).unwrap_or_else(|e| panic!("{name}: {e}")),
                40,
            )
        })
        .collect();
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let (mut imported, mut refused) = (0usize, 0usize);
    for case in 0..inputs {
        let original = &originals[case % originals.len()];
        let input = mutate(original, &mut rng);
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            import(&input, &ImportOptions::default())
        }));
        let elapsed = started.elapsed();
        let Ok(result) = result else {
            panic!(
                "case {case}: the importer panicked on input {:?}",
                String::from_utf8_lossy(&input)
            );
        };
        assert!(elapsed < HANG_LIMIT, "case {case}: took {elapsed:?}");
        match result {
            Ok(outcome) => {
                imported += 1;
                assert!(
                    !outcome.series.is_empty(),
                    "case {case}: an outcome without series"
                );
                for series in &outcome.series {
                    assert!(series.dates().windows(2).all(|w| w[0] < w[1]));
                    assert!(series.values().iter().all(|v| v.is_finite()));
                }
            }
            Err(_) => refused += 1,
        }
    }
    assert_eq!(imported + refused, inputs);
    // Most damage is local: the bulk of damaged files must still import.
    assert!(
        imported > inputs / 2,
        "only {imported} of {inputs} damaged files imported"
    );
    println!("{inputs} damaged inputs: {imported} imported, {refused} refused with an error");
}
