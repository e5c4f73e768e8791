//! The metrics table's two tables as shown — the series table and the spread table, their
//! cells formatted, their sort orders and the widest text of each column — built once and kept
//! while nothing they show changes, so drawing the table costs what its visible rows cost,
//! not what 500 formatted rows cost.
//!
//! The tables depend on the analysis (which the caller identifies by a generation number it
//! changes whenever it computes the analysis anew), the analysis' chart range (a new range
//! only refreshes the two range columns), which series are shown, the table's layout and the
//! workspace's spreads.

use crate::analytics::{Analysis, DateRange};
use crate::metrics_rows::{Column, Direction, Rows};
use crate::workspace::{MetricsTableLayout, SeriesColumn, SpreadDefinition, Workspace};

/// A sort order: a column index and a direction.
pub type Sort = (usize, Direction);

/// Everything the tables are built from; any change builds them anew (except the range alone).
#[derive(Clone, Debug, PartialEq)]
struct TablesKey {
    generation: u64,
    shown: Vec<bool>,
    layout: MetricsTableLayout,
    spreads: Vec<SpreadDefinition>,
}

/// The metrics table's tables as shown, with what drawing them needs each frame.
#[derive(Clone, Debug)]
pub struct ShownTables {
    /// The series table: the layout's columns, the listed series.
    pub series: Rows,
    /// The spread table: the listed spreads.
    pub spreads: Rows,
    /// Every column of the series table, shown or not, in the default order (for the column
    /// chooser).
    pub all_series_columns: Vec<Column>,
    /// For each column of `series`, its longest cell text in characters.
    pub series_widest: Vec<usize>,
    /// For each column of `spreads`, its longest cell text in characters.
    pub spreads_widest: Vec<usize>,
    /// The index in [`Rows::series`]'s columns of each column of `series`.
    series_sources: Vec<usize>,
    /// The analysis' row of each row of `series`.
    series_kept: Vec<usize>,
    series_order: Option<(Option<Sort>, Vec<usize>)>,
    spreads_order: Option<(Option<Sort>, Vec<usize>)>,
}

impl ShownTables {
    /// The tables of `analysis` for `workspace`: the columns its metrics table layout shows,
    /// the series the chart shows (or all of them, as the layout says), and the spreads whose
    /// two legs are listed.
    #[must_use]
    pub fn build(analysis: &Analysis, workspace: &Workspace) -> ShownTables {
        let layout = &workspace.metrics_table;
        let shown = shown_of(workspace);
        let all = Rows::series(analysis);
        let series_kept: Vec<usize> = (0..all.rows.len())
            .filter(|&i| layout.all_series || shown.get(i).copied().unwrap_or(true))
            .collect();
        let series_sources: Vec<usize> = layout
            .shown_columns()
            .into_iter()
            .filter_map(SeriesColumn::index)
            .filter(|&c| c < all.columns.len())
            .collect();
        let series = all.select(&series_kept, &series_sources);
        let spreads = Rows::spreads_shown(analysis, workspace, layout.all_series);
        ShownTables {
            series_widest: widest(&series),
            spreads_widest: widest(&spreads),
            all_series_columns: all.columns,
            series,
            spreads,
            series_sources,
            series_kept,
            series_order: None,
            spreads_order: None,
        }
    }

    /// The series table's rows in display order for `sort` (see [`Rows::order`]), sorted once
    /// per sort.
    pub fn series_order(&mut self, sort: Option<Sort>) -> &[usize] {
        cached_order(&mut self.series_order, &self.series, sort)
    }

    /// The spread table's rows in display order for `sort`, sorted once per sort.
    pub fn spreads_order(&mut self, sort: Option<Sort>) -> &[usize] {
        cached_order(&mut self.spreads_order, &self.spreads, sort)
    }

    /// Takes the range columns (range return and drawdown) of `analysis` anew, its other
    /// figures being those the tables were built from.
    fn refresh_range_columns(&mut self, analysis: &Analysis) {
        let range_columns = [SeriesColumn::RangeReturn, SeriesColumn::RangeDrawdown];
        let targets: Vec<(usize, usize)> = self
            .series_sources
            .iter()
            .enumerate()
            .filter(|(_, source)| range_columns.iter().any(|c| c.index() == Some(**source)))
            .map(|(target, source)| (target, *source))
            .collect();
        if targets.is_empty() {
            return;
        }
        for (row, &index) in self.series.rows.iter_mut().zip(&self.series_kept) {
            let Some(metrics) = analysis.series.get(index) else {
                continue;
            };
            for &(target, source) in &targets {
                if let (Some(cell), Some(fresh)) =
                    (row.get_mut(target), Rows::series_cell(metrics, source))
                {
                    *cell = fresh;
                }
            }
        }
        for &(target, _) in &targets {
            if let Some(slot) = self.series_widest.get_mut(target) {
                *slot = longest_in(&self.series, target);
            }
        }
        self.series_order = None;
    }
}

/// Keeps the metrics table's [`ShownTables`] between frames, building them anew only when the
/// analysis, which series are shown, the layout or the spreads change.
#[derive(Clone, Debug, Default)]
pub struct ShownTablesCache {
    kept: Option<(TablesKey, Option<DateRange>, ShownTables)>,
    builds: usize,
}

impl ShownTablesCache {
    /// The tables of `analysis` (computed at generation `generation`: a number the caller
    /// changes whenever it computes the analysis anew, or changes its figures other than the
    /// range columns) for `workspace`.
    pub fn tables(
        &mut self,
        analysis: &Analysis,
        generation: u64,
        workspace: &Workspace,
    ) -> &mut ShownTables {
        let key = TablesKey {
            generation,
            shown: shown_of(workspace),
            layout: workspace.metrics_table.clone(),
            spreads: workspace.spreads.clone(),
        };
        let range = analysis.options.range;
        let kept = match self.kept.take() {
            Some((old_key, old_range, mut tables)) if old_key == key => {
                if old_range != range {
                    tables.refresh_range_columns(analysis);
                }
                (key, range, tables)
            }
            _ => {
                self.builds += 1;
                (key, range, ShownTables::build(analysis, workspace))
            }
        };
        &mut self.kept.insert(kept).2
    }

    /// How many times the tables were built from scratch (a refresh of the range columns is
    /// not counted).
    #[must_use]
    pub fn builds(&self) -> usize {
        self.builds
    }
}

/// Whether each series of `workspace` is shown, in order.
fn shown_of(workspace: &Workspace) -> Vec<bool> {
    workspace.series.iter().map(|s| s.visible).collect()
}

/// The longest cell text of each column of `rows`, in characters (0 for a column without
/// rows).
fn widest(rows: &Rows) -> Vec<usize> {
    (0..rows.columns.len())
        .map(|index| longest_in(rows, index))
        .collect()
}

/// The longest cell text of column `index` of `rows`, in characters (0 without rows).
fn longest_in(rows: &Rows, index: usize) -> usize {
    rows.rows
        .iter()
        .filter_map(|row| row.get(index))
        .map(|cell| cell.text.chars().count())
        .max()
        .unwrap_or(0)
}

fn cached_order<'a>(
    slot: &'a mut Option<(Option<Sort>, Vec<usize>)>,
    rows: &Rows,
    sort: Option<Sort>,
) -> &'a [usize] {
    if slot.as_ref().is_none_or(|(kept, _)| *kept != sort) {
        *slot = Some((sort, rows.order(sort)));
    }
    slot.as_ref().map_or(&[], |(_, order)| order.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{MetricsOptions, Period, analyse, set_ranges};
    use crate::model::{Series, SeriesKind};
    use crate::testing::{d, daily_series};

    fn workspace() -> Workspace {
        let mut workspace = Workspace::empty();
        let closes = [
            ("Alpha", [100.0, 110.0, 99.0, 120.0, 125.0, 130.0]),
            ("Beta", [50.0, 49.0, 48.0, 47.0, 46.0, 45.0]),
            ("Gamma long name", [10.0, 10.5, 11.0, 10.0, 12.0, 13.0]),
        ];
        for (name, values) in closes {
            workspace.add_series(daily_series(name, SeriesKind::Price, "2024-01-01", &values));
        }
        workspace.spreads.push(SpreadDefinition {
            name: "A over B".into(),
            a: "Alpha".into(),
            b: "Beta".into(),
        });
        workspace
    }

    fn analysis_of(workspace: &Workspace, range: Option<DateRange>) -> Analysis {
        let series: Vec<&Series> = workspace.series.iter().map(|s| s.series.as_ref()).collect();
        let pairs = workspace.spread_pairs();
        let options = MetricsOptions {
            move_sessions: 2,
            range,
            ..MetricsOptions::default()
        };
        analyse(&series, &pairs, &options)
    }

    fn names(tables: &ShownTables) -> Vec<String> {
        tables
            .series
            .rows
            .iter()
            .map(|r| r[0].text.clone())
            .collect()
    }

    fn range(from: &str, to: &str) -> Option<DateRange> {
        Some(DateRange {
            from: d(from),
            to: d(to),
        })
    }

    #[test]
    fn the_built_tables_are_those_the_table_shows() {
        let mut workspace = workspace();
        workspace.series[1].visible = false;
        let analysis = analysis_of(&workspace, range("2024-01-02", "2024-01-06"));
        let tables = ShownTables::build(&analysis, &workspace);
        let shown = [true, false, true];
        assert_eq!(
            tables.series,
            Rows::series_shown(&analysis, &workspace.metrics_table, &shown)
        );
        assert_eq!(names(&tables), ["Alpha", "Gamma long name"]);
        // The spread's leg Beta is hidden: the spread is not listed.
        assert!(tables.spreads.rows.is_empty());
        assert_eq!(tables.all_series_columns, Rows::series(&analysis).columns);
        // "Gamma long name" is 15 characters, longer than the header "Series".
        assert_eq!(tables.series_widest[0], 15);
        assert_eq!(tables.series_widest.len(), tables.series.columns.len());
    }

    #[test]
    fn a_single_cell_is_the_cell_of_the_whole_row() {
        let workspace = workspace();
        let analysis = analysis_of(&workspace, range("2024-01-02", "2024-01-06"));
        let all = Rows::series(&analysis);
        for (metrics, row) in analysis.series.iter().zip(&all.rows) {
            for (index, cell) in row.iter().enumerate() {
                assert_eq!(Rows::series_cell(metrics, index).as_ref(), Some(cell));
            }
            assert_eq!(Rows::series_cell(metrics, row.len()), None);
        }
    }

    #[test]
    fn the_cache_builds_once_while_nothing_changes() {
        let workspace = workspace();
        let analysis = analysis_of(&workspace, None);
        let mut cache = ShownTablesCache::default();
        for _ in 0..5 {
            assert_eq!(names(cache.tables(&analysis, 1, &workspace)).len(), 3);
        }
        assert_eq!(cache.builds(), 1);
    }

    #[test]
    fn hiding_showing_adding_removing_or_renaming_a_series_builds_anew() {
        let mut workspace = workspace();
        let analysis = analysis_of(&workspace, None);
        let mut cache = ShownTablesCache::default();
        cache.tables(&analysis, 1, &workspace);

        workspace.series[0].visible = false;
        assert_eq!(
            names(cache.tables(&analysis, 1, &workspace)),
            ["Beta", "Gamma long name"]
        );
        assert_eq!(cache.builds(), 2);
        workspace.series[0].visible = true;
        assert_eq!(names(cache.tables(&analysis, 1, &workspace)).len(), 3);
        assert_eq!(cache.builds(), 3);

        // Adding, removing and renaming change the analysis, which the caller computes anew
        // under a new generation.
        workspace.add_series(daily_series(
            "Delta",
            SeriesKind::Price,
            "2024-01-01",
            &[1.0, 2.0, 3.0],
        ));
        let analysis = analysis_of(&workspace, None);
        assert_eq!(names(cache.tables(&analysis, 2, &workspace)).len(), 4);
        assert!(workspace.rename_series("Delta", "Epsilon"));
        let analysis = analysis_of(&workspace, None);
        assert_eq!(names(cache.tables(&analysis, 3, &workspace))[3], "Epsilon");
        workspace.remove_all(&["Epsilon".to_string()]);
        let analysis = analysis_of(&workspace, None);
        assert_eq!(names(cache.tables(&analysis, 4, &workspace)).len(), 3);
        assert_eq!(cache.builds(), 6);
    }

    #[test]
    fn a_change_of_layout_spreads_or_settings_builds_anew() {
        let mut workspace = workspace();
        let analysis = analysis_of(&workspace, None);
        let mut cache = ShownTablesCache::default();
        let columns = cache.tables(&analysis, 1, &workspace).series.columns.len();

        workspace.metrics_table = workspace
            .metrics_table
            .with_shown(SeriesColumn::Last, false);
        assert_eq!(
            cache.tables(&analysis, 1, &workspace).series.columns.len(),
            columns - 1
        );
        assert_eq!(cache.builds(), 2);

        workspace.spreads[0].name = "Renamed spread".into();
        assert_eq!(
            cache.tables(&analysis, 1, &workspace).spreads.rows[0][0].text,
            "Renamed spread"
        );
        assert_eq!(cache.builds(), 3);

        // A settings change (the move window here) is a new analysis: a new generation.
        let tables = cache.tables(&analysis, 2, &workspace);
        assert_eq!(tables.series.columns.len(), columns - 1);
        assert_eq!(cache.builds(), 4);
    }

    #[test]
    fn a_new_range_refreshes_the_range_columns_only() {
        let workspace = workspace();
        let series: Vec<&Series> = workspace.series.iter().map(|s| s.series.as_ref()).collect();
        let mut analysis = analysis_of(&workspace, range("2024-01-01", "2024-01-06"));
        let mut cache = ShownTablesCache::default();
        let before = cache.tables(&analysis, 1, &workspace).series.clone();

        let narrower = range("2024-01-03", "2024-01-05");
        analysis.options.range = narrower;
        set_ranges(&mut analysis.series, &series, narrower, None);
        let after = cache.tables(&analysis, 1, &workspace).series.clone();
        assert_eq!(cache.builds(), 1, "a new range alone is no new build");
        let fresh = ShownTables::build(&analysis, &workspace);
        assert_eq!(after, fresh.series);
        assert_eq!(
            cache.tables(&analysis, 1, &workspace).series_widest,
            fresh.series_widest
        );
        assert_ne!(after, before);
        // Alpha over 2024-01-03..05: 99 → 125, +26.26 %.
        let column = |label: &str| {
            after
                .columns
                .iter()
                .position(|c| c.label == label)
                .unwrap_or(usize::MAX)
        };
        let range_return = column(crate::analytics::Metric::RangeReturn.label());
        assert_eq!(after.rows[0][range_return].text, "+26.26%");
        let one_day = column(Period::D1.label());
        assert_eq!(after.rows[0][one_day], before.rows[0][one_day]);
    }

    #[test]
    fn orders_are_sorted_once_per_sort() {
        let workspace = workspace();
        let analysis = analysis_of(&workspace, None);
        let mut cache = ShownTablesCache::default();
        let tables = cache.tables(&analysis, 1, &workspace);
        assert_eq!(tables.series_order(None), [0, 1, 2]);
        // By name, descending: Gamma, Beta, Alpha.
        assert_eq!(
            tables.series_order(Some((0, Direction::Descending))),
            [2, 1, 0]
        );
        assert_eq!(tables.series_order(None), [0, 1, 2]);
        assert_eq!(tables.spreads_order(None), [0]);
    }
}
