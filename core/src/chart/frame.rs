//! One frame's plot data: for each line of a [`ChartPlan`], its transformed line (from the line
//! cache) and the few points the visible range needs at the plot's width (from the decimation
//! cache), each panel's value extent over those points, and the spread band. This is all the
//! work a frame does before handing points to the plot; nothing here is redone unless its
//! inputs changed.

use std::sync::Arc;

use crate::model::Date;
use crate::workspace::{ChartTab, Rgb, SpreadMode};

use super::decimation_cache::{DecimationCache, VisiblePoints, XView};
use super::line_cache::LineCache;
use super::line_spec::{LineKey, SeriesId};
use super::plot_line::PlotLine;
use super::point_budget::{DEFAULT_POINT_BUDGET, pixels_per_column};
use super::range::DateSpan;
use super::spread_band::{SpreadBand, spread_band};
use super::tab_plan::{BandRequest, ChartPlan};
use super::value_axis::ValueAxis;
use super::visible_data::VisibleData;
use crate::number_format::ordinal;

/// A line ready to draw.
#[derive(Clone, Debug)]
pub struct PreparedLine {
    /// A stable identity for the legend.
    pub id: String,
    /// The line's name.
    pub label: String,
    /// The legend name (the spread line's includes its latest value and percentile).
    pub legend: String,
    /// The column name in exported data.
    pub export_name: String,
    /// The colour.
    pub color: Rgb,
    /// Whether it is drawn.
    pub shown: bool,
    /// The series whose visibility its legend entry toggles.
    pub toggles: Option<String>,
    /// The whole transformed line (`None` for a hidden line, which is not computed).
    pub line: Option<Arc<PlotLine>>,
    /// The points to hand the plot: decimated, within the visible range and one beyond each
    /// edge.
    pub points: VisiblePoints,
}

/// A panel ready to draw.
#[derive(Clone, Debug)]
pub struct PreparedPanel {
    /// The y-axis title.
    pub title: String,
    /// The unit of the values.
    pub axis: ValueAxis,
    /// The lines.
    pub lines: Vec<PreparedLine>,
    /// The lowest and highest plotted y within the visible range (band included).
    pub y_extent: Option<(f64, f64)>,
}

/// Everything one frame draws.
#[derive(Clone, Debug)]
pub struct PreparedFrame {
    /// The tab.
    pub tab: ChartTab,
    /// The chosen range's dates.
    pub span: DateSpan,
    /// The visible x-range the points were prepared for.
    pub view: XView,
    /// The panels, top to bottom.
    pub panels: Vec<PreparedPanel>,
    /// The spread band, on the spread chart.
    pub band: Option<SpreadBand>,
    /// The pixels each decimation column spans (1 unless the shown lines would hand the plot
    /// more points than the budget; see [`super::point_budget`]). The exact line is decimated
    /// per pixel whatever this is.
    pub pixels_per_column: usize,
    /// Whether some lines are drawn from stand-in points (see
    /// [`super::decimation_cache`]: a stale decimation or the line's overview) while their
    /// exact points are computed on the worker: the UI draws another frame shortly to take them
    /// in. Never set by a preparer made without refinement.
    pub refining: bool,
}

impl PreparedFrame {
    /// The drawn data over the range the points were prepared for, for export.
    #[must_use]
    pub fn visible_data(&self) -> VisibleData {
        self.visible_data_in(self.view.min, self.view.max)
    }

    /// The drawn data between the x coordinates `from` and `to` (the plot's range after this
    /// frame's zoom or pan), for export.
    #[must_use]
    pub fn visible_data_in(&self, from: f64, to: f64) -> VisibleData {
        let mut data = VisibleData::new(from, to);
        for panel in &self.panels {
            for prepared in panel.lines.iter().filter(|l| l.shown) {
                if let Some(line) = &prepared.line {
                    data.add_line(prepared.export_name.clone(), Arc::clone(line), panel.axis);
                }
            }
        }
        if let Some(band) = self.band {
            let (from, to) = (
                f64::from(band.from.day_number()),
                f64::from(band.to.day_number()),
            );
            data.add_level("P10", band.p10, from, to);
            data.add_level("P50", band.p50, from, to);
            data.add_level("P90", band.p90, from, to);
        }
        data
    }
}

/// One line's value in the crosshair read-out.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadoutValue {
    /// The line's name.
    pub label: String,
    /// Its colour.
    pub color: Rgb,
    /// The value as the chart's unit reads.
    pub value: String,
    /// The date of the observation shown: the last on or before the hovered date.
    pub date: Date,
}

impl PreparedFrame {
    /// Every drawn line's value at the hovered day number `day`: its last point on or before
    /// it, formatted in its panel's unit. Lines with no point that early are left out. At most
    /// `limit` values are formatted (a read-out lists only what fits; see
    /// [`PreparedFrame::readout_count`] for how many there are).
    #[must_use]
    pub fn readout(&self, day: f64, limit: usize) -> Vec<ReadoutValue> {
        self.points_at(day)
            .take(limit)
            .map(|(panel, prepared, date, y)| ReadoutValue {
                label: prepared.label.clone(),
                color: prepared.color,
                value: panel.axis.format(panel.axis.value(y)),
                date,
            })
            .collect()
    }

    /// How many drawn lines have a value at the hovered day number `day` (the length of an
    /// unlimited [`PreparedFrame::readout`]), without formatting any.
    #[must_use]
    pub fn readout_count(&self, day: f64) -> usize {
        self.points_at(day).count()
    }

    /// Each drawn line with a point on or before `day`: its panel, the line, the point's date
    /// and value.
    fn points_at(
        &self,
        day: f64,
    ) -> impl Iterator<Item = (&PreparedPanel, &PreparedLine, Date, f64)> + '_ {
        self.panels.iter().flat_map(move |panel| {
            panel
                .lines
                .iter()
                .filter(|l| l.shown)
                .filter_map(move |prepared| {
                    let [x, y] = prepared.line.as_ref()?.point_at(day)?;
                    let date = super::plot_line::date_of_x(x)?;
                    Some((panel, prepared, date, y))
                })
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
struct BandKey {
    a: SeriesId,
    b: SeriesId,
    mode: SpreadMode,
    as_of: Option<Date>,
    lookback_years: u32,
}

/// The caches behind the chart, kept from frame to frame.
pub struct ChartPreparer {
    lines: LineCache,
    decimation: DecimationCache,
    band: Option<(BandKey, Option<SpreadBand>)>,
    band_builds: u64,
    point_budget: usize,
}

impl Default for ChartPreparer {
    fn default() -> Self {
        ChartPreparer::with_point_budget(DEFAULT_POINT_BUDGET)
    }
}

impl ChartPreparer {
    /// A preparer whose frames hand the plot about `budget` points at most before widening
    /// the decimation columns (see [`super::point_budget`]).
    #[must_use]
    pub fn with_point_budget(budget: usize) -> ChartPreparer {
        ChartPreparer {
            lines: LineCache::default(),
            decimation: DecimationCache::default(),
            band: None,
            band_builds: 0,
            point_budget: budget,
        }
    }

    /// A preparer for the app: as [`ChartPreparer::default`], but after a zoom, a range change
    /// or a resize the long lines' exact points are computed on a background worker while the
    /// frame draws what is cached (see [`super::decimation_cache`] and
    /// [`PreparedFrame::refining`]).
    #[must_use]
    pub fn refining() -> ChartPreparer {
        ChartPreparer {
            decimation: DecimationCache::refining(),
            ..ChartPreparer::default()
        }
    }

    /// Waits at most `timeout` for the worker to finish the decimations asked of it (at once
    /// without a worker); whether it did. The next frame then takes them in.
    #[must_use]
    pub fn wait_for_refinement(&self, timeout: std::time::Duration) -> bool {
        self.decimation.wait_idle(timeout)
    }

    /// Prepares the frame of `plan` for the visible range `view`.
    pub fn prepare(&mut self, plan: &ChartPlan, view: XView) -> PreparedFrame {
        self.prepare_with_exact(plan, view, None)
    }

    /// As [`ChartPreparer::prepare`], the line whose id is `exact` (the one the pointer is on)
    /// decimated per pixel even when the others share wider columns to stay within the point
    /// budget.
    pub fn prepare_with_exact(
        &mut self,
        plan: &ChartPlan,
        view: XView,
        exact: Option<&str>,
    ) -> PreparedFrame {
        let band = plan.band.as_ref().and_then(|request| self.band(request));
        // Every shown line, transformed (once per change), then decimated together.
        let shown: Vec<(LineKey, Arc<PlotLine>, bool)> = plan
            .panels
            .iter()
            .flat_map(|panel| panel.lines.iter().filter(|l| l.shown))
            .map(|planned| {
                let series: Vec<_> = planned.series.iter().collect();
                let key = LineKey::new(&series, planned.transform);
                let line = self.lines.line_for_key(key.clone(), &series);
                (key, line, exact == Some(planned.id.as_str()))
            })
            .collect();
        let visible: Vec<usize> = shown
            .iter()
            .map(|(_, line, _)| line.index_range(view.min, view.max).len())
            .collect();
        let pixels = pixels_per_column(&visible, view.width_px, self.point_budget);
        let coarse = XView {
            width_px: view.width_px.max(1).div_ceil(pixels),
            ..view
        };
        let shown: Vec<(LineKey, Arc<PlotLine>, XView)> = shown
            .into_iter()
            .map(|(key, line, exact)| (key, line, if exact { view } else { coarse }))
            .collect();
        let refining = self.decimation.refresh_each(&shown);
        let mut shown = shown.into_iter();
        let panels = plan
            .panels
            .iter()
            .map(|panel| {
                let mut extent: Option<(f64, f64)> = None;
                let mut merge = |low: f64, high: f64| {
                    extent = Some(extent.map_or((low, high), |(l, h)| (l.min(low), h.max(high))));
                };
                let lines = panel
                    .lines
                    .iter()
                    .map(|planned| {
                        let mut prepared = PreparedLine {
                            id: planned.id.clone(),
                            label: planned.label.clone(),
                            legend: planned.label.clone(),
                            export_name: planned.export_name.clone(),
                            color: planned.color,
                            shown: planned.shown,
                            toggles: planned.toggles.clone(),
                            line: None,
                            points: VisiblePoints::default(),
                        };
                        if !planned.shown {
                            return prepared;
                        }
                        let Some((key, line, line_view)) = shown.next() else {
                            return prepared;
                        };
                        let (points, extent) =
                            self.decimation.points_with_extent(&key, &line, line_view);
                        prepared.points = points;
                        if let Some((low, high)) = extent {
                            merge(low, high);
                        }
                        prepared.line = Some(line);
                        prepared
                    })
                    .collect::<Vec<_>>();
                let mut lines = lines;
                if let Some(band) = band {
                    let (from, to) = (
                        f64::from(band.from.day_number()),
                        f64::from(band.to.day_number()),
                    );
                    if from <= view.max && to >= view.min {
                        merge(band.p10, band.p90);
                    }
                    if let Some(first) = lines.first_mut() {
                        first.legend = band_legend(&first.legend, &band, panel.axis);
                    }
                }
                PreparedPanel {
                    title: panel.title.clone(),
                    axis: panel.axis,
                    lines,
                    y_extent: extent,
                }
            })
            .collect();
        PreparedFrame {
            tab: plan.tab,
            span: plan.span,
            view,
            panels,
            band,
            pixels_per_column: pixels,
            refining,
        }
    }

    /// Ends the frame: lets the caches forget what has not been drawn for a while.
    pub fn end_frame(&mut self) {
        self.lines.end_frame();
        self.decimation.end_frame();
    }

    /// How many lines have been transformed so far.
    #[must_use]
    pub fn line_builds(&self) -> u64 {
        self.lines.builds()
    }

    /// How many decimations have run so far.
    #[must_use]
    pub fn decimation_builds(&self) -> u64 {
        self.decimation.builds()
    }

    /// How many of those decimations were derived from the picks of a series' own
    /// decimation (a settings change at the same view) rather than decimated.
    #[must_use]
    pub fn decimation_derivations(&self) -> u64 {
        self.decimation.derivations()
    }

    /// How many spread bands have been computed so far.
    #[must_use]
    pub fn band_builds(&self) -> u64 {
        self.band_builds
    }

    fn band(&mut self, request: &BandRequest) -> Option<SpreadBand> {
        let key = BandKey {
            a: SeriesId::of(&request.a),
            b: SeriesId::of(&request.b),
            mode: request.mode,
            as_of: request.as_of,
            lookback_years: request.lookback_years,
        };
        if let Some((cached, band)) = &self.band
            && *cached == key
        {
            return *band;
        }
        let band = spread_band(
            &request.a,
            &request.b,
            request.mode,
            request.as_of,
            request.lookback_years,
        );
        self.band_builds += 1;
        self.band = Some((key, band));
        band
    }
}

/// The spread line's legend: its name, latest value and percentile over the lookback.
fn band_legend(label: &str, band: &SpreadBand, axis: ValueAxis) -> String {
    let latest = axis.format(band.latest);
    match band.percentile {
        Some(rank) => format!(
            "{label}: {latest} on {}, {} percentile of {} observations since {}",
            band.to,
            ordinal(rank),
            band.observations,
            band.from
        ),
        None => format!("{label}: {latest} on {}", band.to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::line_spec::LineTransform;
    use crate::chart::tab_plan::{TabPlan, plan};
    use crate::model::{Series, SeriesKind, Source};
    use crate::workspace::{PerformanceMode, SeriesPair, Workspace};

    fn daily(name: &str, kind: SeriesKind, closes: &[f64]) -> Series {
        let start = Date::from_ymd(2000, 1, 1).unwrap();
        Series::new(
            name,
            kind,
            Source::default(),
            (0..closes.len())
                .map(|i| start.plus_days(i as i32).unwrap())
                .collect(),
            closes.to_vec(),
        )
        .unwrap()
    }

    fn chart(workspace: &Workspace) -> ChartPlan {
        match plan(workspace, None) {
            TabPlan::Chart(chart) => chart,
            other => panic!("expected a chart, got {other:?}"),
        }
    }

    fn view_of(plan: &ChartPlan, width_px: usize) -> XView {
        let (min, max) = plan.span.x_range();
        XView { min, max, width_px }
    }

    fn all_points(frame: &PreparedFrame) -> Vec<Vec<[f64; 2]>> {
        frame
            .panels
            .iter()
            .flat_map(|panel| panel.lines.iter().map(|line| line.points.to_vec()))
            .collect()
    }

    /// Two random walks of 300 000 daily closes each (ties at two decimals).
    fn long_walks() -> Workspace {
        let mut workspace = Workspace::empty();
        let mut rng = crate::testing::TestRng::new(7);
        for name in ["A", "B"] {
            let mut level = 100.0;
            let closes: Vec<f64> = (0..300_000)
                .map(|_| {
                    level *= 1.0 + (rng.unit() - 0.5) * 0.02;
                    (level * 100.0_f64).round() / 100.0
                })
                .collect();
            workspace.add_series(daily(name, SeriesKind::Price, &closes));
        }
        workspace
    }

    #[test]
    fn a_settings_change_at_the_same_view_derives_the_points_exactly() {
        let mut workspace = long_walks();
        let start = Date::from_ymd(2000, 1, 1).unwrap();
        let mut preparer = ChartPreparer::default();
        let view = view_of(&chart(&workspace), 1600);
        let zoomed = XView {
            min: view.min + 50_000.0,
            max: view.min + 250_000.0,
            width_px: 1600,
        };
        preparer.prepare(&chart(&workspace), zoomed);
        preparer.end_frame();
        assert_eq!(preparer.decimation_derivations(), 0);
        let mut derived = 0;
        for (base, mode, log) in [
            (
                Some(start.plus_days(70_000).unwrap()),
                PerformanceMode::Rebased100,
                false,
            ),
            (
                Some(start.plus_days(123_457).unwrap()),
                PerformanceMode::PercentChange,
                false,
            ),
            (
                Some(start.plus_days(400).unwrap()),
                PerformanceMode::Rebased100,
                true,
            ),
            (None, PerformanceMode::PercentChange, false),
        ] {
            workspace.chart.base_date = base;
            workspace.chart.performance_mode = mode;
            workspace.chart.log_scale = log;
            let plan = chart(&workspace);
            let frame = preparer.prepare(&plan, zoomed);
            preparer.end_frame();
            derived += 2;
            assert_eq!(
                preparer.decimation_derivations(),
                derived,
                "{base:?} {mode:?}"
            );
            let fresh = ChartPreparer::default().prepare(&plan, zoomed);
            assert!(
                all_points(&frame) == all_points(&fresh),
                "{base:?} {mode:?} {log}"
            );
            assert_eq!(frame.panels[0].y_extent, fresh.panels[0].y_extent);
            assert!(frame.panels[0].lines[0].points.len() > 1600);
        }
    }

    #[test]
    fn a_refining_preparer_is_exact_within_a_few_frames() {
        let workspace = long_walks();
        let plan = chart(&workspace);
        let whole = view_of(&plan, 1600);
        let mut refining = ChartPreparer::refining();
        let mut exact = ChartPreparer::default();
        let first = refining.prepare(&plan, whole);
        assert!(!first.refining, "the first frame decimates at once");
        assert!(all_points(&first) == all_points(&exact.prepare(&plan, whole)));
        let zoomed = XView {
            min: whole.min + 30_000.0,
            max: whole.min + 120_000.0,
            width_px: 1600,
        };
        let stand_in = refining.prepare(&plan, zoomed);
        assert!(stand_in.refining);
        let wanted = exact.prepare(&plan, zoomed);
        assert_eq!(stand_in.panels[0].lines.len(), wanted.panels[0].lines.len());
        assert!(
            all_points(&stand_in) != all_points(&wanted),
            "coarser for a frame"
        );
        assert!(refining.wait_for_refinement(std::time::Duration::from_secs(30)));
        let refined = refining.prepare(&plan, zoomed);
        assert!(!refined.refining);
        assert!(all_points(&refined) == all_points(&wanted));
        assert_eq!(refined.panels[0].y_extent, wanted.panels[0].y_extent);
        // A zoom out beyond what is cached: each line's overview, derived from its series'
        // overview picks (made on the worker after the first frame), stands in.
        let wide = XView {
            min: whole.min - 50_000.0,
            max: whole.max + 50_000.0,
            width_px: 1600,
        };
        let overview = refining.prepare(&plan, wide);
        assert!(overview.refining);
        for line in &overview.panels[0].lines {
            let line_points = line.line.as_ref().unwrap();
            let mut expected = Vec::new();
            let (first, last) = (
                line_points.point(0).unwrap()[0],
                line_points.point(line_points.len() - 1).unwrap()[0],
            );
            line_points.decimate_into(
                first,
                last,
                crate::chart::decimation_cache::OVERVIEW_COLUMNS,
                &mut expected,
            );
            assert!(line.points.to_vec() == expected, "the overview stands in");
        }
        assert!(refining.wait_for_refinement(std::time::Duration::from_secs(30)));
        let refined = refining.prepare(&plan, wide);
        assert!(!refined.refining);
        assert!(all_points(&refined) == all_points(&exact.prepare(&plan, wide)));
    }

    #[test]
    fn a_second_frame_recomputes_nothing() {
        let mut workspace = Workspace::empty();
        let closes: Vec<f64> = (0..20_000).map(|i| 100.0 + f64::from(i % 500)).collect();
        workspace.add_series(daily("A", SeriesKind::Price, &closes));
        workspace.add_series(daily("B", SeriesKind::Price, &closes[..10_000]));
        workspace.add_series(daily("Hidden", SeriesKind::Price, &closes));
        workspace.series[2].visible = false;
        let plan = chart(&workspace);
        let mut preparer = ChartPreparer::default();
        let frame = preparer.prepare(&plan, view_of(&plan, 500));
        assert_eq!(
            preparer.line_builds(),
            2,
            "the hidden series is not computed"
        );
        assert_eq!(preparer.decimation_builds(), 2);
        let panel = &frame.panels[0];
        assert!(panel.lines[0].points.len() <= 4 * 500 + 8);
        assert!(panel.lines[2].points.is_empty() && panel.lines[2].line.is_none());
        // Rebased at the first date: 100 × C_s / C_0, C_0 = 100; the highest close is 599.
        let (low, high) = panel.y_extent.unwrap();
        assert_eq!((low, high), (100.0, 599.0));
        preparer.end_frame();
        preparer.prepare(&plan, view_of(&plan, 500));
        assert_eq!(preparer.line_builds(), 2);
        assert_eq!(preparer.decimation_builds(), 2);
        let data = frame.visible_data();
        assert_eq!(data.names(), ["A (rebased 100)", "B (rebased 100)"]);
        // Day 10 000 is past B's last point (index 9 999): B reads its last value.
        let day = f64::from(Date::from_ymd(2000, 1, 1).unwrap().day_number()) + 10_000.5;
        let readout = frame.readout(day, usize::MAX);
        assert_eq!(frame.readout_count(day), readout.len());
        assert_eq!(frame.readout(day, 1), readout[..1]);
        assert_eq!(readout.len(), 2);
        assert_eq!(readout[0].label, "A");
        assert_eq!(readout[0].value, "100.00");
        assert_eq!(readout[1].value, "599.00");
        assert_eq!(
            readout[1].date,
            Date::from_ymd(2000, 1, 1)
                .unwrap()
                .plus_days(9_999)
                .unwrap()
        );
        assert_eq!(data.table().dates.len(), 20_000);
    }

    #[test]
    fn many_long_lines_share_wider_columns_and_the_exact_line_keeps_its_pixels() {
        let mut workspace = Workspace::empty();
        for series in 0..20_u32 {
            let closes: Vec<f64> = (0..20_000_u32)
                .map(|i| 100.0 + f64::from((i * 7_919 + series * 131) % 1_000) / 10.0)
                .collect();
            workspace.add_series(daily(&format!("S{series}"), SeriesKind::Price, &closes));
        }
        for entry in &mut workspace.series {
            entry.visible = true;
        }
        let plan = chart(&workspace);
        let view = view_of(&plan, 500);
        // Per pixel: 20 lines × 4 × 500 = 40 000 points; per 2 pixels, 20 000 fit the budget.
        let mut exact = ChartPreparer::with_point_budget(usize::MAX);
        let all = exact.prepare(&plan, view);
        assert_eq!(all.pixels_per_column, 1);
        let mut budgeted = ChartPreparer::with_point_budget(20_000);
        let frame = budgeted.prepare_with_exact(&plan, view, Some("S3"));
        assert_eq!(frame.pixels_per_column, 2);
        let lines = &frame.panels[0].lines;
        assert_eq!(lines.len(), 20);
        for (index, line) in lines.iter().enumerate() {
            let full = &all.panels[0].lines[index].points;
            if index == 3 {
                // The hovered line is what it is without a budget, point for point.
                assert!(line.points[..] == full[..]);
            } else {
                // Padded columns: 1.5 × 250; at most four points each, and one beyond each edge.
                assert!(line.points.len() <= 4 * 375 + 2, "{}", line.points.len());
                assert!(line.points.len() < full.len(), "{index}");
            }
            // Extremes are never lost: the line's lowest and highest values are drawn.
            let ys = |points: &[[f64; 2]]| {
                let low = points.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
                let high = points
                    .iter()
                    .map(|p| p[1])
                    .fold(f64::NEG_INFINITY, f64::max);
                (low, high)
            };
            assert_eq!(ys(&line.points), ys(full), "{index}");
        }
        assert_eq!(frame.panels[0].y_extent, all.panels[0].y_extent);
        // An unchanged frame decimates nothing again.
        let builds = budgeted.decimation_builds();
        budgeted.end_frame();
        budgeted.prepare_with_exact(&plan, view, Some("S3"));
        assert_eq!(budgeted.decimation_builds(), builds);
    }

    #[test]
    fn spread_frames_carry_the_band_in_legend_and_extent() {
        let mut workspace = Workspace::empty();
        let a: Vec<f64> = (0..400).map(|i| 10.0 + f64::from(i % 7)).collect();
        let b = vec![4.0; 400];
        workspace.add_series(daily("PE", SeriesKind::Valuation, &a));
        workspace.add_series(daily("Rate", SeriesKind::Rate, &b));
        workspace.chart.tab = ChartTab::Spread;
        workspace.chart.spread_pair = Some(SeriesPair::new("PE", "Rate"));
        let plan = chart(&workspace);
        let mut preparer = ChartPreparer::default();
        let frame = preparer.prepare(&plan, view_of(&plan, 800));
        let band = frame.band.unwrap();
        assert_eq!(band.p50, 9.0);
        let legend = &frame.panels[0].lines[0].legend;
        assert!(legend.starts_with("PE − Rate: "), "{legend}");
        assert!(
            legend.contains("percentile of 399 observations since 2000-01-01"),
            "{legend}"
        );
        assert_eq!(frame.panels[0].lines[0].id, "spread");
        preparer.prepare(&plan, view_of(&plan, 800));
        assert_eq!(preparer.band_builds(), 1);
        let names = frame.visible_data().names().join(", ");
        assert_eq!(names, "PE − Rate, P10, P50, P90");
        assert_eq!(plan.panels[0].lines[0].transform, LineTransform::Difference);
    }
}
