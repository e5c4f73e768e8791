//! The four quadrants of the rotation view and how a point's RS-Ratio and RS-Momentum place it
//! in one of them.

use serde::{Deserialize, Serialize};

/// Where a point of the rotation view lies against the benchmark's 100/100 centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Quadrant {
    /// RS-Ratio ≥ 100 and RS-Momentum ≥ 100.
    Leading,
    /// RS-Ratio ≥ 100, RS-Momentum < 100.
    Weakening,
    /// RS-Ratio < 100 and RS-Momentum < 100.
    Lagging,
    /// RS-Ratio < 100, RS-Momentum ≥ 100.
    Improving,
}

impl Quadrant {
    /// The four, in the clockwise order series usually travel through them.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::Leading,
        Quadrant::Weakening,
        Quadrant::Lagging,
        Quadrant::Improving,
    ];

    /// The quadrant of a point: Leading (RS-Ratio ≥ 100 and RS-Momentum ≥ 100), Weakening
    /// (RS-Ratio ≥ 100, RS-Momentum < 100), Lagging (both < 100), Improving (RS-Ratio < 100,
    /// RS-Momentum ≥ 100).
    #[must_use]
    pub fn of(rs_ratio: f64, rs_momentum: f64) -> Quadrant {
        match (rs_ratio >= 100.0, rs_momentum >= 100.0) {
            (true, true) => Quadrant::Leading,
            (true, false) => Quadrant::Weakening,
            (false, false) => Quadrant::Lagging,
            (false, true) => Quadrant::Improving,
        }
    }

    /// The quadrant's name, as shown on the chart and written in the command line's output.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Quadrant::Leading => "Leading",
            Quadrant::Weakening => "Weakening",
            Quadrant::Lagging => "Lagging",
            Quadrant::Improving => "Improving",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_centre_lines_belong_to_the_upper_and_right_quadrants() {
        assert_eq!(Quadrant::of(100.0, 100.0), Quadrant::Leading);
        assert_eq!(Quadrant::of(100.0, 99.99), Quadrant::Weakening);
        assert_eq!(Quadrant::of(99.99, 99.99), Quadrant::Lagging);
        assert_eq!(Quadrant::of(99.99, 100.0), Quadrant::Improving);
        assert_eq!(Quadrant::of(103.0, 97.0).name(), "Weakening");
    }
}
