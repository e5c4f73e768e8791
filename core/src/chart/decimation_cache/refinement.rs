//! Refinement on a worker: the jobs a refining [`DecimationCache`] hands its background
//! thread (a line's exact decimation for a view, a line's or a series' overview), what it takes
//! back, and the stand-ins drawn meanwhile (see the parent module's documentation).

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use super::super::column_picks::ColumnPicks;
use super::super::decimate::m4;
use super::super::frame_lru::FrameLru;
use super::super::line_spec::LineKey;
use super::super::plot_line::PlotLine;
use super::super::pyramid::MinMaxPyramid;
use super::super::refiner::Refiner;
use super::{
    DECIMATE_AT_ONCE_BELOW, DEFAULT_CAPACITY, Decimated, DecimationCache, OVERVIEW_COLUMNS,
    Request, SeriesPicks, XView, decimate, is_line,
};

/// A job for the worker.
pub(super) enum Job {
    /// The exact decimation of a line for a view.
    Exact { line: Arc<PlotLine>, view: XView },
    /// A line's overview.
    Overview { line: Arc<PlotLine> },
}

/// A finished job.
pub(super) enum Done {
    /// The overview picks of a series (for every line reading it through a map).
    SeriesOverview {
        pyramid: Weak<MinMaxPyramid>,
        picks: Arc<ColumnPicks>,
    },
    Exact {
        view: XView,
        decimated: Decimated,
        picks: Option<Arc<ColumnPicks>>,
        /// The pyramid of the series the line reads through a map, if it does.
        pyramid: Option<Weak<MinMaxPyramid>>,
    },
    Overview {
        source: Weak<PlotLine>,
        points: Arc<Vec<[f64; 2]>>,
    },
}

/// What a job is for: a line's exact points, a line's overview, or a series' overview picks
/// (by the address of its pyramid).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum JobKey {
    Exact(LineKey),
    Overview(LineKey),
    SeriesOverview(usize),
}

pub(super) fn run_job(_: &JobKey, job: Job) -> Done {
    match job {
        Job::Exact { line, view } => {
            let (decimated, picks, _) = decimate(&line, view, None);
            Done::Exact {
                view,
                decimated,
                picks,
                pyramid: line.shared_pyramid().map(Arc::downgrade),
            }
        }
        Job::Overview { line } => match (
            line.shared_pyramid(),
            line.series_overview_picks(OVERVIEW_COLUMNS),
        ) {
            (Some(pyramid), Some(picks)) => Done::SeriesOverview {
                pyramid: Arc::downgrade(pyramid),
                picks: Arc::new(picks),
            },
            _ => Done::Overview {
                source: Arc::downgrade(&line),
                points: Arc::new(overview(&line)),
            },
        },
    }
}

/// A line's M4 decimation at [`OVERVIEW_COLUMNS`] columns over all its dates.
fn overview(line: &PlotLine) -> Vec<[f64; 2]> {
    let mut points = Vec::new();
    let (Some(first), Some(last)) = (
        line.point(0),
        line.len().checked_sub(1).and_then(|i| line.point(i)),
    ) else {
        return points;
    };
    line.decimate_into(first[0], last[0], OVERVIEW_COLUMNS, &mut points);
    points
}

/// A stand-in drawn while a line's exact points are computed.
pub(super) struct Interim {
    pub(super) source: Weak<PlotLine>,
    pub(super) points: Arc<Vec<[f64; 2]>>,
    /// The view a stand-in was thinned for (`None` for an overview).
    pub(super) view: Option<XView>,
}

/// The background side of a refining cache.
pub(super) struct Refinement {
    pub(super) worker: Refiner<JobKey, Job, Done>,
    /// The exact decimations asked for and not yet taken in: the line and view of each.
    pub(super) asked: HashMap<LineKey, (Weak<PlotLine>, XView)>,
    /// The overviews asked for and not yet taken in.
    pub(super) overview_asked: HashMap<LineKey, Weak<PlotLine>>,
    /// Overviews by line, for the lines owning their points.
    pub(super) overviews: FrameLru<LineKey, Interim>,
    /// The series' overview picks asked for and not yet taken in, by pyramid address.
    pub(super) series_overview_asked: HashMap<usize, Weak<MinMaxPyramid>>,
    /// The series' overview picks, by pyramid address: a line reading its series through a map
    /// derives its overview from them when it needs one.
    pub(super) series_overviews: FrameLru<usize, SeriesPicks>,
}

/// A stand-in thinned to what the line's own decimation for `view` would hand the plot: when it
/// holds more than four points per requested column over the padded view (an overview of
/// 2 048 columns where the point budget asks for a few dozen), its M4 decimation at those
/// columns — its peaks and drops kept — so that stand-ins keep to the frame's point budget too.
fn within_budget(points: Arc<Vec<[f64; 2]>>, view: XView) -> Arc<Vec<[f64; 2]>> {
    let padded = view.padded();
    let start = points.partition_point(|p| p[0] < padded.x_min);
    let end = points.partition_point(|p| p[0] <= padded.x_max);
    if end.saturating_sub(start) <= padded.columns.saturating_mul(4) {
        return points;
    }
    let (xs, ys): (Vec<f64>, Vec<f64>) = points.iter().map(|&[x, y]| (x, y)).unzip();
    Arc::new(m4(&xs, &ys, padded.x_min, padded.x_max, padded.columns))
}

impl Refinement {
    /// Keeps a series' overview picks made by the worker.
    fn take_series_overview(&mut self, pyramid: Weak<MinMaxPyramid>, picks: Arc<ColumnPicks>) {
        let address = pyramid.as_ptr() as usize;
        self.series_overview_asked.remove(&address);
        self.series_overviews.replace(
            address,
            SeriesPicks {
                pyramid,
                picks,
                earlier: None,
            },
        );
    }

    /// Asks the worker for the overview `line` stands in with while it is refined: one per
    /// series for a line reading its series through a map (every line of it derives its own),
    /// else the line's own — unless it is there or asked for already.
    pub(super) fn ask_overview(&mut self, key: &LineKey, line: &Arc<PlotLine>) {
        if let Some(pyramid) = line.shared_pyramid() {
            // One overview per series, every line of it derives its own.
            let address = Arc::as_ptr(pyramid) as usize;
            let known = self
                .series_overviews
                .get_mut(&address)
                .is_some_and(|entry| std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(pyramid)))
                || self
                    .series_overview_asked
                    .get(&address)
                    .is_some_and(|asked| std::ptr::eq(asked.as_ptr(), Arc::as_ptr(pyramid)));
            if !known {
                self.series_overview_asked
                    .insert(address, Arc::downgrade(pyramid));
                self.worker.request(
                    JobKey::SeriesOverview(address),
                    Job::Overview {
                        line: Arc::clone(line),
                    },
                );
            }
            return;
        }
        let has_overview = self
            .overviews
            .get_mut(key)
            .is_some_and(|overview| is_line(&overview.source, line))
            || self
                .overview_asked
                .get(key)
                .is_some_and(|source| is_line(source, line));
        if !has_overview {
            self.overview_asked
                .insert(key.clone(), Arc::downgrade(line));
            self.worker.request(
                JobKey::Overview(key.clone()),
                Job::Overview {
                    line: Arc::clone(line),
                },
            );
        }
    }
}

/// Whether `line` reads its series through a map whose picks (in `picks`, the last or the
/// earlier ones) are for `view`: its points then cost only the points drawn.
fn derivable(picks: &mut FrameLru<usize, SeriesPicks>, line: &PlotLine, view: XView) -> bool {
    let Some(pyramid) = line.shared_pyramid() else {
        return false;
    };
    picks
        .get_mut(&(Arc::as_ptr(pyramid) as usize))
        .is_some_and(|entry| {
            std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(pyramid))
                && entry.serving(view).is_some()
        })
}

impl DecimationCache {
    /// A cache that refines stale decimations of long lines on a background worker (see the
    /// module documentation); without a thread it decimates at once, as the default does.
    #[must_use]
    pub fn refining() -> DecimationCache {
        DecimationCache::refining_with(run_job)
    }

    /// A refining cache whose worker runs `work` on each job.
    fn refining_with(work: impl Fn(&JobKey, Job) -> Done + Send + 'static) -> DecimationCache {
        DecimationCache {
            refinement: Refiner::new(work).map(|worker| Refinement {
                worker,
                asked: HashMap::new(),
                overview_asked: HashMap::new(),
                overviews: FrameLru::with_capacity(DEFAULT_CAPACITY),
                series_overview_asked: HashMap::new(),
                series_overviews: FrameLru::with_capacity(DEFAULT_CAPACITY),
            }),
            ..DecimationCache::default()
        }
    }

    /// Takes in the worker's results for `lines`; the others are dropped.
    pub(super) fn take_in(&mut self, lines: &[Request]) {
        let Some(refinement) = &mut self.refinement else {
            return;
        };
        let done = refinement.worker.take_done();
        let shown = |key: &LineKey, source: &Weak<PlotLine>| {
            lines
                .iter()
                .any(|(k, line, _)| k == key && is_line(source, line))
        };
        let mut taken = Vec::new();
        let mut kept_picks = Vec::new();
        for (job, result) in done {
            let (JobKey::Exact(key) | JobKey::Overview(key)) = job else {
                if let Done::SeriesOverview { pyramid, picks } = result {
                    refinement.take_series_overview(pyramid, picks);
                }
                continue;
            };
            match result {
                Done::Exact {
                    view,
                    decimated,
                    picks,
                    pyramid,
                } => {
                    // Only the latest request's result is taken: an earlier one (the view
                    // changed while it ran) or one for a line decimated since is dropped.
                    let latest = refinement.asked.get(&key).is_some_and(|(source, asked)| {
                        *asked == view && source.ptr_eq(&decimated.source)
                    });
                    if latest {
                        refinement.asked.remove(&key);
                    }
                    if latest && shown(&key, &decimated.source) {
                        taken.push((key, decimated, picks));
                    } else if let (Some(picks), Some(pyramid)) = (picks, pyramid)
                        && refinement
                            .asked
                            .get(&key)
                            .is_none_or(|(_, asked)| *asked == view)
                    {
                        // The line was replaced (a new base date, another value axis) while
                        // its points were made, the view unchanged: the points are dropped,
                        // but the series' picks for that view still serve every line reading
                        // the series, so the next lines derive theirs at once.
                        kept_picks.push((pyramid, picks));
                    }
                }
                Done::Overview { source, points } => {
                    refinement.overview_asked.remove(&key);
                    if shown(&key, &source) {
                        refinement.overviews.replace(
                            key,
                            Interim {
                                source,
                                points,
                                view: None,
                            },
                        );
                    }
                }
                Done::SeriesOverview { pyramid, picks } => {
                    refinement.take_series_overview(pyramid, picks);
                }
            }
        }
        // Work for lines no longer shown is dropped, so the queue holds at most two jobs per
        // shown line and one per series.
        let keys: std::collections::HashSet<&LineKey> =
            lines.iter().map(|(key, _, _)| key).collect();
        refinement.worker.retain(|job| match job {
            JobKey::Exact(key) | JobKey::Overview(key) => keys.contains(key),
            JobKey::SeriesOverview(_) => true,
        });
        refinement
            .asked
            .retain(|key, (source, _)| shown(key, source));
        refinement
            .overview_asked
            .retain(|key, source| shown(key, source));
        for (pyramid, picks) in kept_picks {
            if let Some(pyramid) = pyramid.upgrade() {
                self.keep_series_picks(&pyramid, picks);
            }
        }
        for (key, decimated, picks) in taken {
            if let Some(line) = decimated.source.upgrade() {
                self.count(&line, picks, false);
            }
            self.entries.replace(key, decimated);
        }
    }

    /// Splits the stale lines of a refining cache: those to decimate now are returned, the
    /// others get a stand-in and are handed to the worker. A line whose exact points are
    /// already asked for this view keeps the stand-in of the frame before (`previous`), so the
    /// frames drawn while the worker runs do not thin the stand-ins again.
    pub(super) fn defer<'a>(
        &mut self,
        stale: Vec<&'a Request>,
        mut previous: HashMap<LineKey, Interim>,
    ) -> Vec<&'a Request> {
        let Some(refinement) = &mut self.refinement else {
            return stale;
        };
        if refinement.worker.failed() {
            self.refinement = None;
            return stale;
        }
        let mut now = Vec::new();
        let mut later = Vec::new();
        for request in stale {
            let (key, line, view) = request;
            if derivable(&mut self.picks, line, *view) {
                now.push(request);
                continue;
            }
            let asked = refinement.asked.get(key).is_some_and(|(source, asked)| {
                is_line(source, line) && asked.padded().serves(*view)
            });
            if asked
                && let Some(interim) = previous.remove(key)
                && is_line(&interim.source, line)
                && interim.view == Some(*view)
            {
                later.push((request, interim.points));
                continue;
            }
            let cached = self
                .entries
                .get_mut(key)
                .filter(|entry| is_line(&entry.source, line) && entry.covers_view(line, *view))
                .map(|entry| Arc::clone(&entry.points));
            let stand_in = cached
                .or_else(|| {
                    refinement
                        .overviews
                        .get_mut(key)
                        .filter(|overview| is_line(&overview.source, line))
                        .map(|overview| Arc::clone(&overview.points))
                })
                .or_else(|| {
                    // A line reading its series through a map: its overview from the series'
                    // overview picks, at the cost of the points drawn.
                    let pyramid = line.shared_pyramid()?;
                    let entry = refinement
                        .series_overviews
                        .get_mut(&(Arc::as_ptr(pyramid) as usize))?;
                    if !std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(pyramid)) {
                        return None;
                    }
                    let (x_min, x_max, columns) = entry.picks.request();
                    let mut points = Vec::new();
                    line.decimate_with_picks_into(&entry.picks, x_min, x_max, columns, &mut points);
                    Some(Arc::new(points))
                });
            match stand_in {
                Some(points) => later.push((request, within_budget(points, *view))),
                None => now.push(request),
            }
        }
        let visible: usize = later
            .iter()
            .map(|((_, line, view), _)| line.index_range(view.min, view.max).len())
            .sum();
        if visible <= DECIMATE_AT_ONCE_BELOW {
            now.extend(later.into_iter().map(|(request, _)| request));
            return now;
        }
        for (request, points) in later {
            let (key, line, view) = request;
            let already = refinement.asked.get(key).is_some_and(|(source, asked)| {
                is_line(source, line) && asked.padded().serves(*view)
            });
            if !already {
                refinement
                    .asked
                    .insert(key.clone(), (Arc::downgrade(line), *view));
                refinement.worker.request(
                    JobKey::Exact(key.clone()),
                    Job::Exact {
                        line: Arc::clone(line),
                        view: *view,
                    },
                );
            }
            self.interim.insert(
                key.clone(),
                Interim {
                    source: Arc::downgrade(line),
                    points,
                    view: Some(*view),
                },
            );
        }
        now
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::chart::decimation_cache::tests::{keyed, long_line};

    /// Two long lines (800 000 points in all, beyond what is decimated at once).
    fn two_long_lines() -> Vec<(LineKey, Arc<PlotLine>)> {
        vec![
            (keyed("A"), long_line(400_000)),
            (keyed("B"), long_line(400_001)),
        ]
    }

    fn requests(lines: &[(LineKey, Arc<PlotLine>)], view: XView) -> Vec<Request> {
        lines
            .iter()
            .map(|(key, line)| (key.clone(), Arc::clone(line), view))
            .collect()
    }

    fn all_points(
        cache: &mut DecimationCache,
        lines: &[(LineKey, Arc<PlotLine>)],
        view: XView,
    ) -> Vec<Vec<[f64; 2]>> {
        lines
            .iter()
            .map(|(key, line)| cache.points(key, line, view).to_vec())
            .collect()
    }

    const WHOLE: XView = XView {
        min: 0.0,
        max: 400_000.0,
        width_px: 1000,
    };

    const ZOOMED: XView = XView {
        min: 100_000.0,
        max: 200_000.0,
        width_px: 1000,
    };

    #[test]
    fn a_refining_cache_draws_the_stale_points_then_takes_in_the_exact_ones() {
        let lines = two_long_lines();
        let mut cache = DecimationCache::refining();
        let mut exact = DecimationCache::default();
        // The first frame of a line decimates at once.
        assert!(!cache.refresh_each(&requests(&lines, WHOLE)));
        assert_eq!(cache.builds(), 2);
        assert_eq!(
            all_points(&mut cache, &lines, WHOLE),
            all_points(&mut exact, &lines, WHOLE)
        );
        // A zoom in by four: the stale points, sliced to the view, stand in.
        assert!(cache.refresh_each(&requests(&lines, ZOOMED)));
        assert_eq!(cache.builds(), 2, "nothing decimated on this thread");
        let stand_in = all_points(&mut cache, &lines, ZOOMED);
        let coarse = all_points(&mut exact, &lines, WHOLE);
        for (drawn, whole) in stand_in.iter().zip(&coarse) {
            let start = whole.partition_point(|p| p[0] < ZOOMED.min) - 1;
            let end = whole.partition_point(|p| p[0] <= ZOOMED.max) + 1;
            assert!(*drawn == whole[start..end], "the stale decimation, sliced");
        }
        assert!(cache.wait_idle(Duration::from_secs(30)));
        // The next refresh takes the exact points in and is done.
        assert!(!cache.refresh_each(&requests(&lines, ZOOMED)));
        assert_eq!(cache.builds(), 4);
        assert_eq!(
            all_points(&mut cache, &lines, ZOOMED),
            all_points(&mut exact, &lines, ZOOMED)
        );
        assert_eq!(cache.builds(), 4, "points only sliced");
    }

    #[test]
    fn the_latest_view_wins_and_results_for_lines_not_shown_are_dropped() {
        let lines = two_long_lines();
        let mut cache = DecimationCache::refining();
        let mut exact = DecimationCache::default();
        cache.refresh_each(&requests(&lines, WHOLE));
        all_points(&mut exact, &lines, WHOLE);
        // Two zooms in a row before anything is taken in: the second view's points come.
        let deeper = XView {
            min: 120_000.0,
            max: 180_000.0,
            width_px: 1000,
        };
        assert!(cache.refresh_each(&requests(&lines, ZOOMED)));
        assert!(cache.refresh_each(&requests(&lines, deeper)));
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, deeper)));
        all_points(&mut exact, &lines, ZOOMED);
        assert_eq!(
            all_points(&mut cache, &lines, deeper),
            all_points(&mut exact, &lines, deeper)
        );
        assert_eq!(
            cache.builds(),
            4,
            "the first zoom's results were not taken in"
        );
        // A zoom out, then only the first line is shown when the results come: the second's
        // is dropped, and asked for again when it is shown once more.
        let wide = XView {
            min: 50_000.0,
            max: 250_000.0,
            width_px: 1000,
        };
        assert!(cache.refresh_each(&requests(&lines, wide)));
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines[..1], wide)));
        assert_eq!(
            cache.builds(),
            5,
            "only the first line's result is taken in"
        );
        assert!(
            cache.refresh_each(&requests(&lines, wide)),
            "the second is asked again"
        );
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, wide)));
        assert_eq!(cache.builds(), 6);
        all_points(&mut exact, &lines, wide);
        assert_eq!(
            all_points(&mut cache, &lines, wide),
            all_points(&mut exact, &lines, wide)
        );
    }

    #[test]
    fn where_no_stale_points_cover_the_view_the_overview_stands_in() {
        let lines = two_long_lines();
        let mut cache = DecimationCache::refining();
        let mut exact = DecimationCache::default();
        cache.refresh_each(&requests(&lines, ZOOMED));
        // The overviews are made on the worker after the first decimation.
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, ZOOMED)));
        // A zoom out beyond the padding: the overview (2 048 columns over all the dates).
        assert!(cache.refresh_each(&requests(&lines, WHOLE)));
        for (key, line) in &lines {
            let drawn = cache.points(key, line, WHOLE).to_vec();
            // The overview, thinned to the view's columns (1 500 with the padding).
            let overview = overview(line);
            assert!(overview.len() > 4 * 1500);
            let (xs, ys): (Vec<f64>, Vec<f64>) = overview.iter().map(|&[x, y]| (x, y)).unzip();
            let padded = WHOLE.padded();
            let thinned = m4(&xs, &ys, padded.x_min, padded.x_max, padded.columns);
            assert!(drawn == thinned, "the overview stands in");
            assert!(drawn.len() <= 4 * 1500 + 2);
        }
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, WHOLE)));
        assert_eq!(
            all_points(&mut cache, &lines, WHOLE),
            all_points(&mut exact, &lines, WHOLE)
        );
    }

    #[test]
    fn frames_drawn_while_the_worker_runs_keep_the_stand_in_of_the_frame_before() {
        let lines = two_long_lines();
        // A worker that waits while the test holds the gate.
        let gate = Arc::new(std::sync::Mutex::new(()));
        let worker_gate = Arc::clone(&gate);
        let mut cache = DecimationCache::refining_with(move |key, job| {
            let _open = worker_gate.lock();
            run_job(key, job)
        });
        let mut exact = DecimationCache::default();
        cache.refresh_each(&requests(&lines, ZOOMED));
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, ZOOMED)));
        let pointers = |cache: &mut DecimationCache, view: XView| -> Vec<*const [f64; 2]> {
            lines
                .iter()
                .map(|(key, line)| cache.points(key, line, view).as_ptr())
                .collect()
        };
        let held = gate.lock();
        // A zoom out: the overviews stand in, thinned to the view, while the worker waits.
        assert!(cache.refresh_each(&requests(&lines, WHOLE)));
        let first = pointers(&mut cache, WHOLE);
        let drawn = all_points(&mut cache, &lines, WHOLE);
        // The next frames, same view, worker still busy: the same stand-ins, not thinned anew.
        for _ in 0..3 {
            assert!(cache.refresh_each(&requests(&lines, WHOLE)));
            assert_eq!(pointers(&mut cache, WHOLE), first);
            assert!(all_points(&mut cache, &lines, WHOLE) == drawn);
        }
        // A pan by a day within the padding asked for: thinned again for that view.
        let panned = XView {
            min: WHOLE.min + 1.0,
            max: WHOLE.max + 1.0,
            ..WHOLE
        };
        assert!(cache.refresh_each(&requests(&lines, panned)));
        let moved = pointers(&mut cache, panned);
        assert!(moved.iter().zip(&first).all(|(a, b)| a != b));
        drop(held);
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, panned)));
        // The exact points asked for the zoomed-out view, which the pan stays within.
        all_points(&mut exact, &lines, WHOLE);
        assert!(all_points(&mut cache, &lines, panned) == all_points(&mut exact, &lines, panned));
    }

    #[test]
    fn a_stand_in_keeps_to_the_columns_the_point_budget_asks_for() {
        let lines = two_long_lines();
        let mut cache = DecimationCache::refining();
        cache.refresh_each(&requests(&lines, ZOOMED));
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, ZOOMED)));
        // Zoomed out with 32-pixel columns: 1 000 px / 32 → 31 columns, 47 with the padding.
        let coarse = XView {
            width_px: 31,
            ..WHOLE
        };
        assert!(cache.refresh_each(&requests(&lines, coarse)));
        for (key, line) in &lines {
            let drawn = cache.points(key, line, coarse).to_vec();
            assert!(drawn.len() <= 4 * 47 + 2, "{}", drawn.len());
            // The extremes of the stand-in survive the thinning.
            let overview = overview(line);
            let high = overview.iter().map(|p| p[1]).fold(f64::MIN, f64::max);
            assert!(drawn.iter().any(|p| p[1] == high));
        }
    }

    /// Two long series (800 000 points in all) and their lines rebased at index `first`.
    fn rebased_lines(
        series: &[(Arc<crate::model::Series>, Arc<MinMaxPyramid>)],
        first: usize,
    ) -> Vec<(LineKey, Arc<PlotLine>)> {
        series
            .iter()
            .map(|(series, pyramid)| {
                let base = series.values()[first];
                let map = crate::chart::value_map::ValueMap::Rebased { base };
                let line = PlotLine::mapped(Arc::clone(series), first, map, Arc::clone(pyramid));
                (keyed(&series.name), Arc::new(line))
            })
            .collect()
    }

    /// Two long series (400 000 daily points each) with their pyramids.
    fn two_long_series() -> Vec<(Arc<crate::model::Series>, Arc<MinMaxPyramid>)> {
        ["A", "B"]
            .iter()
            .map(|name| {
                let values: Vec<f64> = (0..400_000_u32)
                    .map(|i| 100.0 + f64::from((i * 7919) % 1000))
                    .collect();
                let series = Arc::new(crate::testing::daily_series(
                    name,
                    crate::model::SeriesKind::Price,
                    "1900-01-01",
                    &values,
                ));
                let pyramid = Arc::new(MinMaxPyramid::of(series.values()));
                (series, pyramid)
            })
            .collect()
    }

    /// The whole range of `lines`' first line and its second quarter, at 1 000 px.
    fn whole_and_zoomed(lines: &[(LineKey, Arc<PlotLine>)]) -> (XView, XView) {
        let x_min = lines[0].1.xs().next().unwrap();
        let x_max = lines[0].1.xs().last().unwrap();
        let whole = XView {
            min: x_min,
            max: x_max,
            width_px: 1000,
        };
        let zoomed = XView {
            min: x_min + (x_max - x_min) / 4.0,
            max: x_min + (x_max - x_min) / 2.0,
            width_px: 1000,
        };
        (whole, zoomed)
    }

    #[test]
    fn a_new_base_date_while_the_worker_ran_derives_from_the_series_picks_it_made() {
        let series = two_long_series();
        let first_lines = rebased_lines(&series, 0);
        let (whole, zoomed) = whole_and_zoomed(&first_lines);
        let mut cache = DecimationCache::refining();
        cache.refresh_each(&requests(&first_lines, whole));
        assert!(cache.wait_idle(Duration::from_secs(30)));
        // A zoom: the worker makes the exact points of the first lines and their series' picks.
        assert!(cache.refresh_each(&requests(&first_lines, zoomed)));
        assert!(cache.wait_idle(Duration::from_secs(30)));
        let derived = cache.derivations();
        // Before they are taken in, a new base date replaces the lines: their points are
        // dropped, the series' picks kept, and the new lines are derived from them at once.
        let second_lines = rebased_lines(&series, 1_000);
        assert!(
            !cache.refresh_each(&requests(&second_lines, zoomed)),
            "nothing left for the worker"
        );
        assert_eq!(cache.derivations(), derived + 2);
        let mut exact = DecimationCache::default();
        assert_eq!(
            all_points(&mut cache, &second_lines, zoomed),
            all_points(&mut exact, &second_lines, zoomed)
        );
    }

    #[test]
    fn a_range_change_back_to_the_range_before_derives_from_the_earlier_picks() {
        let series = two_long_series();
        let mut cache = DecimationCache::default();
        let mut exact = DecimationCache::default();
        let lines = rebased_lines(&series, 0);
        let (whole, zoomed) = whole_and_zoomed(&lines);
        // Each range change rebases the lines anew (new lines, same series).
        cache.refresh_each(&requests(&lines, whole));
        let lines = rebased_lines(&series, 1_000);
        cache.refresh_each(&requests(&lines, zoomed));
        assert_eq!((cache.builds(), cache.derivations()), (4, 0));
        // Back to the whole range: derived from the picks of the first decimation.
        let lines = rebased_lines(&series, 2_000);
        cache.refresh_each(&requests(&lines, whole));
        assert_eq!((cache.builds(), cache.derivations()), (6, 2));
        assert_eq!(
            all_points(&mut cache, &lines, whole),
            all_points(&mut exact, &lines, whole)
        );
        // And to the zoom again: its picks are still kept.
        let lines = rebased_lines(&series, 3_000);
        cache.refresh_each(&requests(&lines, zoomed));
        assert_eq!((cache.builds(), cache.derivations()), (8, 4));
        assert_eq!(
            all_points(&mut cache, &lines, zoomed),
            all_points(&mut exact, &lines, zoomed)
        );
        // A third range pushes out the oldest picks: the whole range is decimated again.
        let deeper = XView {
            min: zoomed.min,
            max: zoomed.min + (zoomed.max - zoomed.min) / 8.0,
            width_px: 1000,
        };
        let lines = rebased_lines(&series, 4_000);
        cache.refresh_each(&requests(&lines, deeper));
        let lines = rebased_lines(&series, 5_000);
        cache.refresh_each(&requests(&lines, whole));
        assert_eq!((cache.builds(), cache.derivations()), (12, 4));
        assert_eq!(
            all_points(&mut cache, &lines, whole),
            all_points(&mut exact, &lines, whole)
        );
    }

    #[test]
    fn short_lines_and_a_failed_worker_decimate_at_once() {
        let short = vec![(keyed("S"), long_line(30_000))];
        let mut cache = DecimationCache::refining();
        cache.refresh_each(&requests(&short, WHOLE));
        assert!(
            !cache.refresh_each(&requests(&short, ZOOMED)),
            "decimated at once"
        );
        assert_eq!(cache.builds(), 2);
        // A worker whose jobs panic: the zoom after the failure decimates on this thread.
        let lines = two_long_lines();
        let mut failing = DecimationCache::refining_with(|_, _| panic!("a job failed"));
        failing.refresh_each(&requests(&lines, WHOLE));
        let _ = failing.wait_idle(Duration::from_secs(30));
        assert!(!failing.refresh_each(&requests(&lines, ZOOMED)));
        assert!(failing.refinement.is_none());
        let mut exact = DecimationCache::default();
        all_points(&mut exact, &lines, WHOLE);
        assert_eq!(
            all_points(&mut failing, &lines, ZOOMED),
            all_points(&mut exact, &lines, ZOOMED)
        );
        // The default cache never defers.
        assert!(!exact.refresh_each(&requests(&lines, WHOLE)));
        assert!(exact.is_idle());
    }
}
