//! Ticks for a logarithmic value axis. The chart plots `ln(v)`, so the axis picks round values
//! `v` — 1, 2, 5 × 10^k over wide ranges, evenly spaced round values over narrow ones — that
//! land at least a given number of pixels apart.

/// Round values within `[exp(lo_ln), exp(hi_ln)]` for an axis showing `px_per_ln` pixels per
/// unit of `ln(v)`, no two closer than `min_spacing_px`; ascending.
#[must_use]
pub fn log_ticks(lo_ln: f64, hi_ln: f64, px_per_ln: f64, min_spacing_px: f64) -> Vec<f64> {
    if !(lo_ln.is_finite() && hi_ln.is_finite() && px_per_ln.is_finite())
        || hi_ln <= lo_ln
        || px_per_ln <= 0.0
    {
        return Vec::new();
    }
    // A hair of slack so that the ends, when round, survive the trip through ln and exp.
    let (lo, hi) = (lo_ln.exp() * (1.0 - 1e-12), hi_ln.exp() * (1.0 + 1e-12));
    let fits = |ticks: &[f64]| {
        ticks
            .windows(2)
            .all(|w| (w[1].ln() - w[0].ln()) * px_per_ln >= min_spacing_px)
    };
    // Over less than a decade, decade multiples are too sparse: try round linear steps first.
    if hi / lo < 10.0 {
        let mut step = nice_step((hi - lo) / 2.0);
        let mut best = Vec::new();
        for _ in 0..40 {
            let ticks = linear_ticks(lo, hi, step);
            if !fits(&ticks) {
                break;
            }
            best = ticks;
            step = finer_step(step);
        }
        if best.len() >= 2 {
            return best;
        }
    }
    for mantissas in [&[1.0, 2.0, 5.0][..], &[1.0, 3.0][..], &[1.0][..]] {
        let ticks = decade_ticks(lo, hi, mantissas, 1);
        if fits(&ticks) && ticks.len() >= 2 {
            return ticks;
        }
    }
    let mut every = 2;
    loop {
        let ticks = decade_ticks(lo, hi, &[1.0], every);
        if fits(&ticks) || every > 1000 {
            return ticks;
        }
        every *= 2;
    }
}

/// The multiples of `step` within `[lo, hi]`, positive only.
fn linear_ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    if last < first || last - first > 10_000 {
        return Vec::new();
    }
    (first..=last)
        .map(|k| k as f64 * step)
        .filter(|v| *v > 0.0)
        .collect()
}

/// `m × 10^k` within `[lo, hi]` for each mantissa, every `every`-th decade.
fn decade_ticks(lo: f64, hi: f64, mantissas: &[f64], every: i32) -> Vec<f64> {
    let first = lo.log10().floor() as i32;
    let last = hi.log10().ceil() as i32;
    let mut ticks = Vec::new();
    for k in first..=last {
        if k.rem_euclid(every) != 0 {
            continue;
        }
        let decade = 10f64.powi(k);
        for m in mantissas {
            let v = m * decade;
            if v >= lo && v <= hi {
                ticks.push(v);
            }
        }
    }
    ticks
}

/// The round step (1, 2 or 5 × 10^k) at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    let decade = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * decade)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * decade)
}

/// The next round step below `step`: 5 → 2 → 1 → 0.5 …
fn finer_step(step: f64) -> f64 {
    let decade = 10f64.powf(step.log10().floor());
    let mantissa = (step / decade).round();
    if mantissa >= 5.0 {
        2.0 * decade
    } else if mantissa >= 2.0 {
        decade
    } else {
        0.5 * decade
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_ranges_use_decades() {
        // 1 to 100 000 on 300 px: 1–2–5 and 1–3 per decade are too tight at 40 px.
        let ticks = log_ticks(0.0, 100_000f64.ln(), 300.0 / 100_000f64.ln(), 40.0);
        assert_eq!(ticks, vec![1.0, 10.0, 100.0, 1_000.0, 10_000.0, 100_000.0]);
        // On 2 000 px, the 1–2–5 ticks fit.
        let ticks = log_ticks(0.0, 1000f64.ln(), 2000.0 / 1000f64.ln(), 40.0);
        assert_eq!(ticks[..4], [1.0, 2.0, 5.0, 10.0]);
        assert_eq!(ticks.last(), Some(&1000.0));
    }

    #[test]
    fn very_wide_ranges_skip_decades() {
        // 10^-3 to 10^12 on 200 px at 40 px: at most 6 labels, every few decades.
        let (lo, hi) = (1e-3f64.ln(), 1e12f64.ln());
        let ticks = log_ticks(lo, hi, 200.0 / (hi - lo), 40.0);
        assert!(ticks.len() >= 2 && ticks.len() <= 6, "{ticks:?}");
        assert!(
            ticks
                .iter()
                .all(|t| (t.log10().round() - t.log10()).abs() < 1e-9)
        );
    }

    #[test]
    fn narrow_ranges_use_round_linear_steps() {
        // 90 to 130 on 400 px.
        let (lo, hi) = (90f64.ln(), 130f64.ln());
        let ticks = log_ticks(lo, hi, 400.0 / (hi - lo), 40.0);
        assert_eq!(ticks.first(), Some(&90.0));
        assert_eq!(ticks.last(), Some(&130.0));
        let gaps: Vec<f64> = ticks.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(
            gaps.iter().all(|g| (*g - gaps[0]).abs() < 1e-9),
            "{ticks:?}"
        );
        assert!(
            ticks
                .windows(2)
                .all(|w| (w[1].ln() - w[0].ln()) * 400.0 / (hi - lo) >= 40.0)
        );
    }

    #[test]
    fn nothing_for_a_degenerate_axis() {
        assert!(log_ticks(1.0, 1.0, 100.0, 40.0).is_empty());
        assert!(log_ticks(f64::NAN, 1.0, 100.0, 40.0).is_empty());
    }
}
