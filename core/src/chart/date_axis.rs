//! Ticks for a date x-axis: as the visible span grows, marks move from days to weeks, months,
//! quarters and years, always on calendar boundaries (the 1st of a month, 1 January), spaced so
//! labels never collide; and the label each mark gets at that granularity.

use crate::model::Date;

/// The spacing of date ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickUnit {
    /// Every `n` days.
    Days(u32),
    /// Every `n` months, on the 1st.
    Months(u32),
    /// Every `n` years, on 1 January.
    Years(u32),
}

impl TickUnit {
    /// The approximate length of one step, in days.
    #[must_use]
    pub fn approx_days(self) -> f64 {
        match self {
            TickUnit::Days(n) => f64::from(n),
            TickUnit::Months(n) => f64::from(n) * 30.436_875,
            TickUnit::Years(n) => f64::from(n) * 365.242_5,
        }
    }
}

const UNITS: [TickUnit; 16] = [
    TickUnit::Days(1),
    TickUnit::Days(2),
    TickUnit::Days(7),
    TickUnit::Days(14),
    TickUnit::Months(1),
    TickUnit::Months(2),
    TickUnit::Months(3),
    TickUnit::Months(6),
    TickUnit::Years(1),
    TickUnit::Years(2),
    TickUnit::Years(5),
    TickUnit::Years(10),
    TickUnit::Years(20),
    TickUnit::Years(50),
    TickUnit::Years(100),
    TickUnit::Years(200),
];

/// The finest unit whose ticks are at least `min_spacing` pixels apart when `days_per_pixel`
/// days fit in one pixel.
#[must_use]
pub fn choose_unit(days_per_pixel: f64, min_spacing: f64) -> TickUnit {
    UNITS
        .iter()
        .copied()
        .find(|unit| unit.approx_days() / days_per_pixel.max(f64::MIN_POSITIVE) >= min_spacing)
        .unwrap_or(TickUnit::Years(500))
}

/// The tick positions (day numbers) of `unit` within `[min_day, max_day]`.
#[must_use]
pub fn ticks(unit: TickUnit, min_day: f64, max_day: f64) -> Vec<f64> {
    let (Some(first), Some(last)) = (clamp_day(min_day.ceil()), clamp_day(max_day.floor())) else {
        return Vec::new();
    };
    if first > last {
        return Vec::new();
    }
    let mut marks = Vec::new();
    match unit {
        TickUnit::Days(7 | 14) => {
            // Weeks start on Monday; 1970-01-05 was one.
            let step = if unit == TickUnit::Days(7) { 7 } else { 14 };
            let offset = (first.day_number() - 4).rem_euclid(step);
            let mut day = first.day_number() + if offset == 0 { 0 } else { step - offset };
            while day <= last.day_number() {
                marks.push(f64::from(day));
                day += step;
            }
        }
        TickUnit::Days(n) => {
            let n = n.max(1) as i32;
            let mut day = first.day_number() + (n - first.day_number().rem_euclid(n)) % n;
            while day <= last.day_number() {
                marks.push(f64::from(day));
                day += n;
            }
        }
        TickUnit::Months(n) => {
            let (year, month, _) = first.ymd();
            let mut index = year * 12 + month as i32 - 1;
            let n = n.max(1) as i32;
            index += (n - index.rem_euclid(n)) % n;
            while let Some(date) =
                Date::from_ymd(index.div_euclid(12), (index.rem_euclid(12) + 1) as u32, 1)
            {
                if date > last {
                    break;
                }
                if date >= first {
                    marks.push(f64::from(date.day_number()));
                }
                index += n;
            }
        }
        TickUnit::Years(n) => {
            let n = n.max(1) as i32;
            let mut year = first.year();
            year += (n - year.rem_euclid(n)) % n;
            while let Some(date) = Date::from_ymd(year, 1, 1) {
                if date > last {
                    break;
                }
                if date >= first {
                    marks.push(f64::from(date.day_number()));
                }
                year += n;
            }
        }
    }
    marks
}

/// The label of the tick on `day` when ticks are about `step_days` apart:
/// `2020` for years, `Mar 2020` for months, `Mar 5` for days.
#[must_use]
pub fn tick_label(day: f64, step_days: f64) -> String {
    let Some(date) = clamp_day(day.round()) else {
        return String::new();
    };
    let (year, month, dom) = date.ymd();
    let month_name = MONTHS[(month as usize).saturating_sub(1) % 12];
    if step_days >= 360.0 {
        format!("{year}")
    } else if step_days >= 28.0 {
        if month == 1 {
            format!("{year}")
        } else {
            format!("{month_name} {year}")
        }
    } else if month == 1 && dom == 1 {
        format!("{year}")
    } else {
        format!("{month_name} {dom}")
    }
}

/// A full date for read-outs, from a chart x coordinate.
#[must_use]
pub fn date_at(x: f64) -> Option<Date> {
    clamp_day(x.round())
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn clamp_day(day: f64) -> Option<Date> {
    if !day.is_finite() || day.abs() > 3_000_000.0 {
        return None;
    }
    Date::from_day_number(day as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> f64 {
        f64::from(Date::from_ymd(y, m, d).map_or(0, Date::day_number))
    }

    #[test]
    fn units_grow_with_the_span() {
        assert_eq!(choose_unit(0.01, 60.0), TickUnit::Days(1));
        assert_eq!(choose_unit(0.2, 60.0), TickUnit::Days(14));
        assert_eq!(choose_unit(1.0, 60.0), TickUnit::Months(2));
        assert_eq!(choose_unit(10.0, 60.0), TickUnit::Years(2));
        assert_eq!(choose_unit(60.0, 60.0), TickUnit::Years(10));
    }

    #[test]
    fn months_fall_on_the_first() {
        let marks = ticks(TickUnit::Months(3), day(2023, 12, 15), day(2024, 8, 1));
        assert_eq!(
            marks,
            vec![day(2024, 1, 1), day(2024, 4, 1), day(2024, 7, 1)]
        );
    }

    #[test]
    fn years_fall_on_multiples() {
        let marks = ticks(TickUnit::Years(5), day(1987, 9, 10), day(2019, 6, 7));
        assert_eq!(marks.len(), 6);
        assert_eq!(marks[0], day(1990, 1, 1));
        assert_eq!(marks[5], day(2015, 1, 1));
    }

    #[test]
    fn weeks_start_on_monday() {
        let marks = ticks(TickUnit::Days(7), day(2024, 7, 17), day(2024, 8, 1));
        assert_eq!(marks, vec![day(2024, 7, 22), day(2024, 7, 29)]);
    }

    #[test]
    fn labels_follow_the_granularity() {
        assert_eq!(tick_label(day(2020, 3, 1), 365.0), "2020");
        assert_eq!(tick_label(day(2020, 3, 1), 30.0), "Mar 2020");
        assert_eq!(tick_label(day(2020, 1, 1), 30.0), "2020");
        assert_eq!(tick_label(day(2020, 3, 5), 1.0), "Mar 5");
    }
}
