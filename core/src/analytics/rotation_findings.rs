//! The findings of the rotation view: a series whose last point has moved into another quadrant
//! against the benchmark, said in one sentence with both values to 0.1 ("^RUT moved into
//! Leading against SPY in the week to 2020-11-13 (RS-Ratio 102.1, RS-Momentum 101.0)."). Self
//! contained: the other findings are computed without it, and it joins their ranking by its
//! rarity ([`insert_rotation_findings`]).

use crate::model::Series;

use super::findings::{Finding, FindingKind, MAX_SENTENCES};
use super::rotation::{RotationPoint, rotation};
use super::rotation_options::{RotationOptions, RotationPeriod};

/// One finding per series whose last point lies in another quadrant than the point before it,
/// against the series named `benchmark`, in the order the series are given; none when the
/// rotation view cannot be computed (an unknown benchmark, a bad window). The tail asked for
/// does not matter: the last two points are compared.
///
/// Its rarity (which ranks it in the story) is the number of calendar days back to the latest
/// earlier period in which the series was in the quadrant it has just entered (to its first
/// point when it never was).
#[must_use]
pub fn rotation_findings(
    series: &[&Series],
    benchmark: &str,
    options: &RotationOptions,
) -> Vec<Finding> {
    let whole_history = RotationOptions {
        tail: WHOLE_HISTORY,
        ..*options
    };
    let Ok(result) = rotation(series, benchmark, &whole_history) else {
        return Vec::new();
    };
    result
        .series
        .iter()
        .filter_map(|row| {
            let [earlier @ .., before, last] = row.points.as_slice() else {
                return None;
            };
            // A series that stopped before the view's date has no news of it.
            if row.stopped.is_some() {
                return None;
            }
            if before.quadrant() == last.quadrant() {
                return None;
            }
            let since = earlier
                .iter()
                .rev()
                .find(|p| p.quadrant() == last.quadrant())
                .or(earlier.first())
                .map_or(before.date, |p| p.date);
            Some(Finding {
                kind: FindingKind::Rotation,
                text: sentence(&row.name, &result.benchmark, last, options.period),
                series: vec![row.name.clone(), result.benchmark.clone()],
                from: before.date,
                to: last.date,
                marks: vec![last.date],
                rarity: Some(last.date.day_number() - since.day_number()),
            })
        })
        .collect()
}

/// A tail long enough for every period of any series' history.
const WHOLE_HISTORY: usize = 1_000_000;

/// Ranks `found` into the story `findings`: the opening sentence (the rotation of a pair) stays
/// first, the quadrant changes join the other ranked findings rarest first, and the story is cut
/// again to [`MAX_SENTENCES`] with the year-to-date sentence and the rounding note kept at its end.
pub fn insert_rotation_findings(findings: &mut Vec<Finding>, found: Vec<Finding>) {
    if found.is_empty() {
        return;
    }
    let closing_kinds = [FindingKind::YearToDate, FindingKind::Rounding];
    let (closing, ranked): (Vec<Finding>, Vec<Finding>) = std::mem::take(findings)
        .into_iter()
        .partition(|f| closing_kinds.contains(&f.kind));
    let mut ranked = ranked.into_iter().peekable();
    let opening = ranked.next_if(|f| f.kind == FindingKind::RelativeMove);
    let mut rest: Vec<Finding> = ranked.chain(found).collect();
    // Stable: equals keep their order, the story's findings before the quadrant changes.
    rest.sort_by_key(|f| std::cmp::Reverse(f.rarity.unwrap_or(i32::MIN)));
    let sentences_left = MAX_SENTENCES
        - usize::from(opening.is_some())
        - closing
            .iter()
            .filter(|f| f.kind == FindingKind::YearToDate)
            .count();
    rest.truncate(sentences_left);
    findings.extend(opening);
    findings.extend(rest);
    findings.extend(closing);
}

fn sentence(name: &str, benchmark: &str, last: &RotationPoint, period: RotationPeriod) -> String {
    let when = match period {
        RotationPeriod::Weekly => format!("in the week to {}", last.date),
        RotationPeriod::Daily => format!("on {}", last.date),
    };
    format!(
        "{name} moved into {} against {benchmark} {when} (RS-Ratio {}, RS-Momentum {}).",
        last.quadrant().name(),
        one_decimal(last.rs_ratio),
        one_decimal(last.rs_momentum)
    )
}

fn one_decimal(value: f64) -> String {
    format!("{value:.1}").replace('-', "\u{2212}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::SeriesKind;
    use crate::testing::{d, daily_series};

    fn daily(name: &str, values: &[f64]) -> Series {
        daily_series(name, SeriesKind::Price, "2024-01-01", values)
    }

    fn window_two(period: RotationPeriod) -> RotationOptions {
        RotationOptions {
            period,
            window: 2,
            tail: 10,
            as_of: None,
        }
    }

    #[test]
    fn a_move_into_another_quadrant_is_said_with_both_values() {
        // RS-Ratio/RS-Momentum: (99, 99) on 2024-01-04, then (101, 101) on 2024-01-05.
        let b = daily("SPY", &[100.0; 5]);
        let a = daily("^RUT", &[10.0, 11.0, 12.0, 11.0, 12.0]);
        let found = rotation_findings(&[&a, &b], "SPY", &window_two(RotationPeriod::Daily));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, FindingKind::Rotation);
        assert_eq!(
            found[0].text,
            "^RUT moved into Leading against SPY on 2024-01-05 (RS-Ratio 101.0, RS-Momentum 101.0)."
        );
        assert_eq!(found[0].series, vec!["^RUT".to_string(), "SPY".to_string()]);
        assert_eq!(found[0].from, d("2024-01-04"));
        assert_eq!(found[0].to, d("2024-01-05"));
    }

    #[test]
    fn a_series_that_stopped_before_the_view_says_nothing() {
        // The same move as above, but the benchmark goes on for ten more days: ^RUT's last close
        // (2024-01-05) is more than a week before the view's date (2024-01-15).
        let b = daily("SPY", &[100.0; 15]);
        let a = daily("^RUT", &[10.0, 11.0, 12.0, 11.0, 12.0]);
        let found = rotation_findings(&[&a, &b], "SPY", &window_two(RotationPeriod::Daily));
        assert!(found.is_empty(), "{found:?}");
        // A week on (2024-01-12) ^RUT is still carried forward, and its move is still news.
        let b = daily("SPY", &[100.0; 12]);
        let found = rotation_findings(&[&a, &b], "SPY", &window_two(RotationPeriod::Daily));
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn the_last_point_where_both_are_defined_is_compared_with_the_one_before() {
        // RS 10, 11, 12, 11, 10, 9: RS-Ratio −, 101, 101, 99, 99, 99; ROC −, −, 0, −1.98…, 0,
        // 0; RS-Momentum −, −, −, 99, 101, none (a flat pair): Lagging, then Improving.
        let b = daily("SPY", &[100.0; 6]);
        let a = daily("A", &[10.0, 11.0, 12.0, 11.0, 10.0, 9.0]);
        let found = rotation_findings(&[&a, &b], "SPY", &window_two(RotationPeriod::Daily));
        assert_eq!(
            found.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(),
            [
                "A moved into Improving against SPY on 2024-01-05 (RS-Ratio 99.0, RS-Momentum 101.0)."
            ]
        );
    }

    #[test]
    fn no_change_or_bad_settings_say_nothing() {
        let b = daily("SPY", &[100.0; 6]);
        let a = daily("A", &[10.0, 11.0, 12.0, 11.0, 10.0, 9.0]);
        let flat = daily("B", &[100.0; 6]);
        assert!(
            rotation_findings(&[&flat, &b], "SPY", &window_two(RotationPeriod::Daily)).is_empty()
        );
        assert!(rotation_findings(&[&a, &b], "QQQ", &window_two(RotationPeriod::Daily)).is_empty());
        let bad = RotationOptions {
            window: 1,
            ..window_two(RotationPeriod::Daily)
        };
        assert!(rotation_findings(&[&a, &b], "SPY", &bad).is_empty());
        // Cut before the change: one point only, nothing to compare.
        let early = RotationOptions {
            as_of: Some(d("2024-01-04")),
            ..window_two(RotationPeriod::Daily)
        };
        assert!(rotation_findings(&[&a, &b], "SPY", &early).is_empty());
    }

    #[test]
    fn weekly_findings_speak_of_the_week_and_join_before_the_rounding_note() {
        // One value a week (Sundays from 2024-01-07), so every date ends its ISO week.
        let dates: Vec<_> = (0..5)
            .map(|i| d("2024-01-07").plus_days(7 * i).unwrap())
            .collect();
        let series = |name: &str, values: &[f64]| {
            Series::new(
                name,
                SeriesKind::Price,
                crate::model::Source::default(),
                dates.clone(),
                values.to_vec(),
            )
            .unwrap()
        };
        let b = series("SPY", &[100.0; 5]);
        let a = series("^RUT", &[10.0, 11.0, 12.0, 11.0, 12.0]);
        let found = rotation_findings(&[&a, &b], "SPY", &window_two(RotationPeriod::Weekly));
        assert_eq!(
            found[0].text,
            "^RUT moved into Leading against SPY in the week to 2024-02-04 (RS-Ratio 101.0, RS-Momentum 101.0)."
        );
        let note = Finding {
            kind: FindingKind::Rounding,
            text: String::new(),
            series: Vec::new(),
            from: d("2024-02-04"),
            to: d("2024-02-04"),
            marks: Vec::new(),
            rarity: None,
        };
        let mut findings = vec![note.clone()];
        insert_rotation_findings(&mut findings, found.clone());
        assert_eq!(findings, vec![found[0].clone(), note]);
        let mut none = Vec::new();
        insert_rotation_findings(&mut none, found.clone());
        assert_eq!(none, found);
    }

    fn ranked(kind: FindingKind, text: &str, rarity: Option<i32>) -> Finding {
        Finding {
            kind,
            text: text.to_string(),
            series: Vec::new(),
            from: d("2024-01-01"),
            to: d("2024-01-01"),
            marks: Vec::new(),
            rarity,
        }
    }

    #[test]
    fn quadrant_changes_take_their_place_by_rarity_and_the_story_stays_short() {
        let mut story = vec![ranked(FindingKind::RelativeMove, "rotation", Some(50))];
        story.extend(
            (0..10).map(|i| ranked(FindingKind::Move, &format!("move {i}"), Some(900 - i * 100))),
        );
        story.push(ranked(FindingKind::YearToDate, "ytd", None));
        story.push(ranked(FindingKind::Rounding, "note", None));
        let found = vec![
            ranked(FindingKind::Rotation, "into Leading", Some(650)),
            ranked(FindingKind::Rotation, "into Lagging", Some(5)),
        ];
        insert_rotation_findings(&mut story, found);
        let texts: Vec<&str> = story.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "rotation",
                "move 0",
                "move 1",
                "move 2",
                "into Leading",
                "move 3",
                "move 4",
                "move 5",
                "move 6",
                "move 7",
                "move 8",
                "ytd",
                "note"
            ]
        );
        assert_eq!(story.len() - 1, MAX_SENTENCES);
    }
}
