//! Builders the unit tests of every module share (and, with the `testing` feature, the unit tests
//! of crates built on this one): dates from text and series from values. They panic on bad
//! input, as test helpers may. Also the one small random generator the mutation tests and the
//! benchmarks draw their inputs from.

use crate::model::{Date, Series, SeriesKind, Source};

/// A date from `YYYY-MM-DD`.
#[must_use]
pub fn d(text: &str) -> Date {
    Date::parse_iso(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

/// A named series of consecutive calendar days from `start`, one value per day.
#[must_use]
pub fn daily_series(name: &str, kind: SeriesKind, start: &str, values: &[f64]) -> Series {
    let first = d(start);
    let dates = (0..values.len())
        .map(|i| {
            first
                .plus_days(i32::try_from(i).unwrap_or(i32::MAX))
                .unwrap_or(first)
        })
        .collect();
    Series::new(name, kind, Source::default(), dates, values.to_vec())
        .unwrap_or_else(|e| panic!("bad test series {name}: {e}"))
}

/// A price series named `name` with one value per `(YYYY-MM-DD, value)` point.
#[must_use]
pub fn dated_series(name: &str, points: &[(&str, f64)]) -> Series {
    let dates = points.iter().map(|(date, _)| d(date)).collect();
    let values = points.iter().map(|(_, value)| *value).collect();
    Series::new(name, SeriesKind::Price, Source::default(), dates, values)
        .unwrap_or_else(|e| panic!("bad test series {name}: {e}"))
}

/// A two-day price series (2024-01-02 and 2024-01-03: 1, 2) read from column `column` of the
/// file at `path` (none: a series that came from no file).
#[must_use]
pub fn file_series(name: &str, path: Option<&str>, column: &str) -> Series {
    let mut series = daily_series(name, SeriesKind::Price, "2024-01-02", &[1.0, 2.0]);
    series.source = Source {
        path: path.map(std::path::PathBuf::from),
        column: column.to_string(),
        ..Source::default()
    };
    series
}

/// A small deterministic random generator (xorshift64*): the same seed gives the same inputs on
/// every run, so a failing mutation test or a benchmark's data is reproducible.
#[derive(Clone, Debug)]
pub struct TestRng(u64);

impl TestRng {
    /// A generator from `seed` (a zero seed, which xorshift cannot leave, is replaced).
    #[must_use]
    pub fn new(seed: u64) -> TestRng {
        TestRng(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// An index in `0..n` (0 when `n` is 0).
    pub fn index_below(&mut self, n: usize) -> usize {
        usize::try_from(self.below(n as u64)).unwrap_or(0)
    }

    /// A number in `[0, 1)` with 53 random bits.
    #[allow(clippy::cast_precision_loss)] // 53 bits fit an f64 exactly
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A Yahoo Finance daily file (`Date,Open,High,Low,Close,Adj Close,Volume`) of at least
/// `target_bytes`, the same bytes for the same seed: a random walk, one row per day from
/// 1600-01-01 on.
#[must_use]
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // volumes are positive
pub fn yahoo_file(target_bytes: usize, seed: u64) -> Vec<u8> {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(target_bytes + 256);
    text.push_str("Date,Open,High,Low,Close,Adj Close,Volume\n");
    let mut rng = TestRng::new(seed);
    let mut day = Date::from_ymd(1600, 1, 1).map_or(0, Date::day_number);
    let mut close = 100.0_f64;
    while text.len() < target_bytes {
        let Some(date) = Date::from_day_number(day) else {
            break;
        };
        let open = close * (1.0 + (rng.unit() - 0.5) * 0.01);
        close = (open * (1.0 + (rng.unit() - 0.5) * 0.02)).max(1.0);
        let high = open.max(close) * (1.0 + rng.unit() * 0.005);
        let low = open.min(close) * (1.0 - rng.unit() * 0.005);
        let volume = 1_000_000 + (rng.unit() * 5e9) as u64;
        let _ = writeln!(
            text,
            "{date},{open:.6},{high:.6},{low:.6},{close:.6},{close:.6},{volume}"
        );
        day += 1;
    }
    text.into_bytes()
}

/// A wide table of index constituents as a spreadsheet exports it: `Date` and one closing-price
/// column per ticker (`T001`, `T002`, …), one row per weekday from 1995-01-02 on, two
/// decimals. About a third of the tickers are listed later and have empty cells before. 500
/// columns of 7,600 sessions make about 25 MB.
#[must_use]
pub fn wide_constituents_file(columns: usize, sessions: usize, seed: u64) -> Vec<u8> {
    use std::fmt::Write as _;
    let mut rng = TestRng::new(seed);
    let listed: Vec<usize> = (0..columns)
        .map(|_| {
            if rng.below(3) == 0 {
                rng.index_below(sessions / 2)
            } else {
                0
            }
        })
        .collect();
    let mut prices: Vec<f64> = (0..columns).map(|_| 10.0 + rng.unit() * 300.0).collect();
    let mut text = String::with_capacity(sessions * columns * 7 + columns * 6);
    text.push_str("Date");
    for column in 0..columns {
        let _ = write!(text, ",T{:03}", column + 1);
    }
    text.push('\n');
    let mut day = Date::from_ymd(1995, 1, 2).map_or(0, Date::day_number);
    for session in 0..sessions {
        // Day 0 (1970-01-01) was a Thursday: Saturdays and Sundays are 2 and 3 past it.
        while matches!(day.rem_euclid(7), 2 | 3) {
            day += 1;
        }
        let Some(date) = Date::from_day_number(day) else {
            break;
        };
        let _ = write!(text, "{date}");
        for (price, &first) in prices.iter_mut().zip(&listed) {
            *price = (*price * (1.0 + (rng.unit() - 0.5) * 0.04)).max(0.5);
            if session < first {
                text.push(',');
            } else {
                let _ = write!(text, ",{price:.2}");
            }
        }
        text.push('\n');
        day += 1;
    }
    text.into_bytes()
}

/// Polars' `read_csv` with date parsing on each file: the median milliseconds of five reads
/// after one more, timed inside one Python process (its start and `import polars` not
/// counted). `None` for every file when python3 or polars is missing.
#[must_use]
pub fn polars_read_csv_ms(paths: &[&std::path::Path]) -> Vec<Option<f64>> {
    let script = "import sys, time, statistics\n\
                  import polars as pl\n\
                  for path in sys.argv[1:]:\n\
                  \x20   pl.read_csv(path, try_parse_dates=True)\n\
                  \x20   times = []\n\
                  \x20   for _ in range(5):\n\
                  \x20       start = time.perf_counter()\n\
                  \x20       frame = pl.read_csv(path, try_parse_dates=True)\n\
                  \x20       times.append(time.perf_counter() - start)\n\
                  \x20   assert frame.schema[frame.columns[0]] == pl.Date, frame.schema[frame.columns[0]]\n\
                  \x20   print(statistics.median(times) * 1e3)\n";
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(paths)
        .output();
    match output {
        Ok(output) if output.status.success() => {
            let mut times: Vec<Option<f64>> = String::from_utf8_lossy(&output.stdout)
                .lines()
                .map(|line| line.trim().parse().ok())
                .collect();
            times.resize(paths.len(), None);
            times
        }
        Ok(output) => {
            eprintln!(
                "polars comparison skipped: {}",
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            );
            vec![None; paths.len()]
        }
        Err(error) => {
            eprintln!("polars comparison skipped: python3 not run ({error})");
            vec![None; paths.len()]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_bounds_hold() {
        let mut a = TestRng::new(42);
        let mut b = TestRng::new(42);
        let drawn: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        assert_eq!(drawn, (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_ne!(drawn[0], drawn[1]);
        let mut rng = TestRng::new(0);
        for _ in 0..1000 {
            assert!(rng.below(7) < 7);
            assert!(rng.index_below(3) < 3);
            let unit = rng.unit();
            assert!((0.0..1.0).contains(&unit));
        }
        assert_eq!(rng.below(0), 0);
    }
}
