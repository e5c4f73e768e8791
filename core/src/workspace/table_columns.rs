//! The metrics table's columns as the workspace remembers them: which are shown, in which
//! order, and whether the table lists every series or only the shown ones. The Series column
//! is always first and always shown (it stays put when the table scrolls sideways); the others
//! can be hidden, shown and moved, and "Reset to default" restores the order below. The widths
//! the user dragged the figures' columns to are kept too, by column.

use serde::{Deserialize, Serialize};

/// A column of the series table (the Series name and every metric), named in the workspace
/// file by a stable key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesColumn {
    /// The series' name.
    Series,
    /// The date of its last observation on or before the as-of date.
    AsOf,
    /// Its last close.
    Last,
    /// 1-day return.
    #[serde(rename = "1d")]
    D1,
    /// 5-day return.
    #[serde(rename = "5d")]
    D5,
    /// 1-month return.
    #[serde(rename = "1m")]
    M1,
    /// 3-month return.
    #[serde(rename = "3m")]
    M3,
    /// 6-month return.
    #[serde(rename = "6m")]
    M6,
    /// Year-to-date return.
    Ytd,
    /// 1-year return.
    #[serde(rename = "1y")]
    Y1,
    /// 3-year return, annualised.
    #[serde(rename = "3y")]
    Y3,
    /// 5-year return, annualised.
    #[serde(rename = "5y")]
    Y5,
    /// 10-year return, annualised.
    #[serde(rename = "10y")]
    Y10,
    /// 1-year volatility.
    Volatility,
    /// Maximum drawdown.
    MaxDrawdown,
    /// Return over the chart's range.
    RangeReturn,
    /// Maximum drawdown over the chart's range.
    RangeDrawdown,
    /// The N-session move.
    Move,
    /// Since when the move is the biggest.
    BiggestSince,
    /// The year's worst day, its return.
    WorstDay,
    /// The year's worst day, its date.
    WorstDayDate,
    /// Since when the worst day is the largest fall.
    WorstDaySince,
    /// A column this version does not know (written by a newer one); dropped when read.
    #[serde(other)]
    Unknown,
}

impl SeriesColumn {
    /// Every column in the order the table's rows are built (and the report prints them).
    pub const ALL: [SeriesColumn; 22] = [
        SeriesColumn::Series,
        SeriesColumn::AsOf,
        SeriesColumn::Last,
        SeriesColumn::D1,
        SeriesColumn::D5,
        SeriesColumn::M1,
        SeriesColumn::M3,
        SeriesColumn::M6,
        SeriesColumn::Ytd,
        SeriesColumn::Y1,
        SeriesColumn::Y3,
        SeriesColumn::Y5,
        SeriesColumn::Y10,
        SeriesColumn::Volatility,
        SeriesColumn::MaxDrawdown,
        SeriesColumn::RangeReturn,
        SeriesColumn::RangeDrawdown,
        SeriesColumn::Move,
        SeriesColumn::BiggestSince,
        SeriesColumn::WorstDay,
        SeriesColumn::WorstDayDate,
        SeriesColumn::WorstDaySince,
    ];

    /// The order of a new workspace: the figures read most (last close, 1D, 5D, YTD, 1Y)
    /// right after the name, so they fit without scrolling in a window of 1280 points or
    /// less, then the other returns, the as-of date and the rest.
    pub const DEFAULT_ORDER: [SeriesColumn; 22] = [
        SeriesColumn::Series,
        SeriesColumn::Last,
        SeriesColumn::D1,
        SeriesColumn::D5,
        SeriesColumn::Ytd,
        SeriesColumn::Y1,
        SeriesColumn::M1,
        SeriesColumn::M3,
        SeriesColumn::M6,
        SeriesColumn::Y3,
        SeriesColumn::Y5,
        SeriesColumn::Y10,
        SeriesColumn::AsOf,
        SeriesColumn::Volatility,
        SeriesColumn::MaxDrawdown,
        SeriesColumn::RangeReturn,
        SeriesColumn::RangeDrawdown,
        SeriesColumn::Move,
        SeriesColumn::BiggestSince,
        SeriesColumn::WorstDay,
        SeriesColumn::WorstDayDate,
        SeriesColumn::WorstDaySince,
    ];

    /// Where the column sits in [`SeriesColumn::ALL`] (the index of its cells in a row);
    /// `None` for [`SeriesColumn::Unknown`].
    #[must_use]
    pub fn index(self) -> Option<usize> {
        SeriesColumn::ALL.iter().position(|c| *c == self)
    }
}

/// A column and whether it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnChoice {
    /// The column.
    pub column: SeriesColumn,
    /// Whether the table shows it.
    pub shown: bool,
}

/// What the metrics table shows, as the workspace remembers it.
///
/// Missing fields read as their defaults, so a workspace written before the column chooser
/// existed still opens (with the default columns, listing the shown series).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricsTableLayout {
    /// The columns in the order chosen, each shown or hidden. Read through
    /// [`MetricsTableLayout::choices`], which puts Series first, drops unknown and repeated
    /// columns and adds any missing one (shown) at its default place; empty means the default.
    pub columns: Vec<ColumnChoice>,
    /// Whether the table lists every series ("Show all series") rather than only the series
    /// the chart shows (and only the spreads whose two legs it shows).
    pub all_series: bool,
    /// The widths the user gave columns by dragging their edges, in whole points; a column
    /// not listed takes the width that fits its contents. Absent in older files.
    pub widths: Vec<ColumnWidth>,
}

/// The width the user gave a column of the metrics table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnWidth {
    /// The column.
    pub column: SeriesColumn,
    /// Its width, in whole points.
    pub width: u32,
}

impl MetricsTableLayout {
    /// Every column in the order shown in the column chooser, each with whether it is shown:
    /// Series first and shown; the saved order next; columns the file does not name (new in
    /// this version) shown, after the saved column that precedes them in the default order.
    #[must_use]
    pub fn choices(&self) -> Vec<ColumnChoice> {
        let mut choices = vec![ColumnChoice {
            column: SeriesColumn::Series,
            shown: true,
        }];
        for choice in &self.columns {
            let known = choice.column != SeriesColumn::Unknown;
            if known && !choices.iter().any(|c| c.column == choice.column) {
                choices.push(*choice);
            }
        }
        for (position, column) in SeriesColumn::DEFAULT_ORDER.iter().enumerate() {
            if choices.iter().any(|c| c.column == *column) {
                continue;
            }
            // After the nearest column that precedes it by default, or at the end.
            let at = SeriesColumn::DEFAULT_ORDER[..position]
                .iter()
                .rev()
                .find_map(|before| choices.iter().position(|c| c.column == *before))
                .map_or(choices.len(), |i| i + 1);
            choices.insert(
                at,
                ColumnChoice {
                    column: *column,
                    shown: true,
                },
            );
        }
        choices
    }

    /// The columns the table shows, in order (Series first).
    #[must_use]
    pub fn shown_columns(&self) -> Vec<SeriesColumn> {
        self.choices()
            .into_iter()
            .filter(|c| c.shown)
            .map(|c| c.column)
            .collect()
    }

    /// Whether the layout is the default one (nothing to reset).
    #[must_use]
    pub fn columns_are_default(&self) -> bool {
        self.choices() == MetricsTableLayout::default().choices()
    }

    /// The layout with `column` shown or hidden (the Series column is always shown).
    #[must_use]
    pub fn with_shown(&self, column: SeriesColumn, shown: bool) -> MetricsTableLayout {
        let mut choices = self.choices();
        for choice in &mut choices {
            if choice.column == column && column != SeriesColumn::Series {
                choice.shown = shown;
            }
        }
        self.with_choices(choices)
    }

    /// The layout with `column` moved `steps` places later (negative: earlier) in the order,
    /// never before the Series column nor past the end.
    #[must_use]
    pub fn with_moved(&self, column: SeriesColumn, steps: isize) -> MetricsTableLayout {
        let mut choices = self.choices();
        let Some(from) = choices.iter().position(|c| c.column == column) else {
            return self.clone();
        };
        if from == 0 {
            return self.clone();
        }
        let last = choices.len() - 1;
        let to = from.saturating_add_signed(steps).clamp(1, last);
        let moved = choices.remove(from);
        choices.insert(to, moved);
        self.with_choices(choices)
    }

    /// The layout with the default columns (the series switch unchanged), at the widths that
    /// fit their contents.
    #[must_use]
    pub fn with_default_columns(&self) -> MetricsTableLayout {
        MetricsTableLayout {
            columns: Vec::new(),
            all_series: self.all_series,
            widths: Vec::new(),
        }
    }

    /// The width the user gave `column`, in points; `None` when it fits its contents.
    #[must_use]
    pub fn width_of(&self, column: SeriesColumn) -> Option<f32> {
        self.widths
            .iter()
            .rev()
            .find(|w| w.column == column)
            .map(|w| w.width as f32)
    }

    /// The layout with the columns of `widths` at those widths (in points, rounded to whole
    /// points; the other columns' widths kept).
    #[must_use]
    pub fn with_widths(&self, widths: &[(SeriesColumn, f32)]) -> MetricsTableLayout {
        let mut layout = self.clone();
        for &(column, width) in widths {
            if column == SeriesColumn::Unknown || !width.is_finite() || width < 1.0 {
                continue;
            }
            let width = width.round() as u32;
            layout.widths.retain(|w| w.column != column);
            layout.widths.push(ColumnWidth { column, width });
        }
        layout
    }

    fn with_choices(&self, choices: Vec<ColumnChoice>) -> MetricsTableLayout {
        MetricsTableLayout {
            columns: choices,
            all_series: self.all_series,
            widths: self.widths.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(layout: &MetricsTableLayout) -> Vec<SeriesColumn> {
        layout.shown_columns()
    }

    #[test]
    fn the_default_puts_the_figures_read_most_first() {
        let layout = MetricsTableLayout::default();
        assert_eq!(
            shown(&layout)[..6],
            [
                SeriesColumn::Series,
                SeriesColumn::Last,
                SeriesColumn::D1,
                SeriesColumn::D5,
                SeriesColumn::Ytd,
                SeriesColumn::Y1,
            ]
        );
        assert_eq!(shown(&layout).len(), 22);
        assert!(!layout.all_series);
        assert!(layout.columns_are_default());
        // Every column is in the default order exactly once.
        for column in SeriesColumn::ALL {
            let count = SeriesColumn::DEFAULT_ORDER
                .iter()
                .filter(|c| **c == column)
                .count();
            assert_eq!(count, 1, "{column:?}");
        }
        assert_eq!(SeriesColumn::Ytd.index(), Some(8));
        assert_eq!(SeriesColumn::Unknown.index(), None);
    }

    #[test]
    fn widths_are_kept_by_column_in_whole_points() {
        let layout = MetricsTableLayout::default()
            .with_widths(&[(SeriesColumn::Ytd, 123.4), (SeriesColumn::Last, 80.6)]);
        assert_eq!(layout.width_of(SeriesColumn::Ytd), Some(123.0));
        assert_eq!(layout.width_of(SeriesColumn::Last), Some(81.0));
        assert_eq!(layout.width_of(SeriesColumn::D1), None);
        // A new width replaces the old; moving or hiding a column keeps the widths.
        let layout = layout
            .with_widths(&[(SeriesColumn::Ytd, 150.0), (SeriesColumn::Unknown, 99.0)])
            .with_moved(SeriesColumn::Ytd, 2)
            .with_shown(SeriesColumn::D5, false);
        assert_eq!(layout.width_of(SeriesColumn::Ytd), Some(150.0));
        assert_eq!(layout.widths.len(), 2);
        // Nonsense widths are not kept.
        assert_eq!(
            layout.with_widths(&[(SeriesColumn::D1, f32::NAN), (SeriesColumn::D5, 0.0)]),
            layout
        );
        // "Reset to default" gives the columns back their fitted widths.
        assert!(layout.with_default_columns().widths.is_empty());
    }

    #[test]
    fn a_layout_saved_before_widths_were_kept_opens_without_them() {
        let old: MetricsTableLayout = serde_json::from_str(
            r#"{"columns": [{"column": "ytd", "shown": false}], "all_series": true}"#,
        )
        .unwrap();
        assert!(old.widths.is_empty());
        assert!(old.all_series);
        assert!(!old.shown_columns().contains(&SeriesColumn::Ytd));
        let saved = MetricsTableLayout::default().with_widths(&[(SeriesColumn::Y1, 96.0)]);
        let json = serde_json::to_string(&saved).unwrap();
        assert!(
            json.contains(r#""widths":[{"column":"1y","width":96}]"#),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<MetricsTableLayout>(&json).unwrap(),
            saved
        );
    }

    #[test]
    fn hiding_showing_and_moving_columns() {
        let layout = MetricsTableLayout::default().with_shown(SeriesColumn::D5, false);
        assert_eq!(
            shown(&layout)[..4],
            [
                SeriesColumn::Series,
                SeriesColumn::Last,
                SeriesColumn::D1,
                SeriesColumn::Ytd
            ]
        );
        assert!(!layout.columns_are_default());
        // The Series column cannot be hidden nor moved, nor can a column pass it.
        let same = layout.with_shown(SeriesColumn::Series, false);
        assert_eq!(shown(&same)[0], SeriesColumn::Series);
        assert_eq!(layout.with_moved(SeriesColumn::Series, 3), layout);
        let first = layout.with_moved(SeriesColumn::Y1, -10);
        assert_eq!(
            shown(&first)[..3],
            [SeriesColumn::Series, SeriesColumn::Y1, SeriesColumn::Last]
        );
        let later = first.with_moved(SeriesColumn::Last, 1);
        assert_eq!(
            shown(&later)[..3],
            [SeriesColumn::Series, SeriesColumn::Y1, SeriesColumn::D1]
        );
        assert_eq!(shown(&later)[3], SeriesColumn::Last);
        let end = later.with_moved(SeriesColumn::Y1, 100);
        assert_eq!(
            end.choices().last().map(|c| c.column),
            Some(SeriesColumn::Y1)
        );
        // Shown again, D5 keeps its place; reset restores everything but the series switch.
        let back = end.with_shown(SeriesColumn::D5, true);
        assert!(shown(&back).contains(&SeriesColumn::D5));
        let switched = MetricsTableLayout {
            all_series: true,
            ..back
        };
        let reset = switched.with_default_columns();
        assert!(reset.columns_are_default());
        assert!(reset.all_series);
    }

    #[test]
    fn saved_layouts_read_back_and_older_or_newer_files_still_open() {
        let layout = MetricsTableLayout::default()
            .with_shown(SeriesColumn::AsOf, false)
            .with_moved(SeriesColumn::Ytd, -3);
        let text = serde_json::to_string(&layout).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains(r#"{"column":"ytd","shown":true}"#), "{text}");
        assert!(
            text.contains(r#"{"column":"as_of","shown":false}"#),
            "{text}"
        );
        let back: MetricsTableLayout =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, layout);
        // An older file: no layout at all.
        let old: MetricsTableLayout = serde_json::from_str("{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(old, MetricsTableLayout::default());
        // A newer file: an unknown column is dropped, a repeated one counted once, a missing
        // one shown after its default predecessor, Series put first.
        let newer: MetricsTableLayout = serde_json::from_str(
            r#"{"columns": [{"column": "1y", "shown": true},
                            {"column": "sharpe", "shown": true},
                            {"column": "series", "shown": false},
                            {"column": "1y", "shown": false},
                            {"column": "last", "shown": false}],
                "all_series": true}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(newer.all_series);
        let choices = newer.choices();
        assert_eq!(choices.len(), 22);
        assert_eq!(
            choices[..3],
            [
                ColumnChoice {
                    column: SeriesColumn::Series,
                    shown: true
                },
                ColumnChoice {
                    column: SeriesColumn::Y1,
                    shown: true
                },
                ColumnChoice {
                    column: SeriesColumn::M1,
                    shown: true
                },
            ]
        );
        let last = choices
            .iter()
            .position(|c| c.column == SeriesColumn::Last)
            .unwrap_or(0);
        assert_eq!(last, 18);
        assert!(!choices[last].shown);
        // D1 follows Last, its predecessor by default.
        assert_eq!(choices[last + 1].column, SeriesColumn::D1);
        assert!(choices[last + 1].shown);
    }
}
