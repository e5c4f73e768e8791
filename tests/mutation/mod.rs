//! What the mutation tests share: a small deterministic random generator, so every failure
//! reproduces from its input number, and how many inputs a run feeds.

#![allow(dead_code)]

use std::time::Duration;

use rotation_lens_core::testing::TestRng;

/// Inputs per run; `ROTATION_LENS_MUTATIONS` raises it for a long run.
pub const DEFAULT_INPUTS: usize = 20_000;
/// Far beyond what any of these small inputs needs: only a hang comes near it.
pub const HANG_LIMIT: Duration = Duration::from_secs(10);

/// The number of inputs for this run: `ROTATION_LENS_MUTATIONS` when set, else
/// [`DEFAULT_INPUTS`].
pub fn input_count() -> usize {
    std::env::var("ROTATION_LENS_MUTATIONS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(DEFAULT_INPUTS)
}

/// The shared deterministic generator, with a pick from a list of byte strings.
pub struct Rng(pub TestRng);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(TestRng::new(seed))
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0.index_below(n)
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a>(&mut self, items: &[&'a [u8]]) -> &'a [u8] {
        items[self.below(items.len())]
    }
}
