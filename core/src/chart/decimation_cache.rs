//! The points handed to the plot for each line: M4-decimated for the visible x-range at the
//! plot's pixel width, and kept between frames.
//!
//! Each decimation covers the visible range padded by a quarter of its span on both sides, at the
//! visible density (days per pixel column). A pan within the padding, or a zoom that keeps the
//! density within [`COARSER_BY`] and [`FINER_BY`] of the cached one, only slices the cached
//! points; anything else decimates again from the line's min/max pyramid.
//!
//! **Settings changes.** A line that shows its series through an order-keeping map (rebased,
//! percent change, log) is decimated through the picks of its series' own decimation, kept per
//! series for the padded range and column count last decimated (see [`super::column_picks`]): a
//! new base date or a switch of the value axis at the same view then derives the new line's
//! points from them — the same points, at the cost of the points drawn.
//!
//! **Refinement on a worker** (a cache made by [`DecimationCache::refining`]). When a zoom, a
//! range change or a resize makes the cached points of long lines stale, the frame does not
//! decimate them: it draws, for one or a few frames, what is already there — the stale
//! decimation sliced to the view when it covers it (after a zoom in: coarser points of the same
//! line), otherwise the line's overview (its M4 decimation at [`OVERVIEW_COLUMNS`] columns over
//! all its dates, made on the worker after the line's first decimation) — and asks the worker
//! for the exact decimation, the latest request per line winning. Results are taken in at the
//! start of the next refresh, so within a few frames the points are exactly those a synchronous
//! cache would hand over for the same views. The first decimation of a line (nothing to stand
//! in for it), lines whose stale visible points total at most [`DECIMATE_AT_ONCE_BELOW`] (cheaper
//! than a frame of coarser points), and everything once the worker has failed are decimated at
//! once, as [`DecimationCache::default`] always does.

use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::Duration;

use super::column_picks::ColumnPicks;
use super::frame_lru::FrameLru;
use super::line_spec::LineKey;
use super::plot_line::PlotLine;
use super::pyramid::MinMaxPyramid;
use super::refiner::Refiner;

/// How far the cached points may be coarser than one column per pixel before decimating again.
pub const COARSER_BY: f64 = 1.25;

/// How far the cached points may be finer than one column per pixel before decimating again
/// (after a zoom out, to keep the number of points drawn low).
pub const FINER_BY: f64 = 1.6;

/// The padding on each side of the visible range, as a fraction of its span.
pub const PADDING: f64 = 0.25;

/// How many decimations are kept when no longer drawn.
pub const DEFAULT_CAPACITY: usize = 64;

/// The columns of a line's overview, drawn for a frame or two while its exact points are
/// refined and no cached decimation covers the view.
pub const OVERVIEW_COLUMNS: usize = 2048;

/// With refinement on a worker, stale lines whose points in the visible range total at most
/// this many are still decimated at once: that costs well under a millisecond.
pub const DECIMATE_AT_ONCE_BELOW: usize = 100_000;

/// The visible x-range of a plot and its width in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct XView {
    /// The left edge (day number).
    pub min: f64,
    /// The right edge (day number).
    pub max: f64,
    /// The plot's width in pixels.
    pub width_px: usize,
}

impl XView {
    /// Days per pixel column.
    #[must_use]
    pub fn per_column(self) -> f64 {
        (self.max - self.min) / self.width_px.max(1) as f64
    }

    fn is_valid(self) -> bool {
        self.min.is_finite() && self.max.is_finite() && self.max > self.min
    }

    /// The padded range and column count a decimation for this view covers.
    fn padded(self) -> Padded {
        let span = self.max - self.min;
        let (x_min, x_max) = (self.min - span * PADDING, self.max + span * PADDING);
        let columns = (self.width_px.max(1) as f64 * (1.0 + 2.0 * PADDING)).round() as usize;
        Padded {
            x_min,
            x_max,
            columns,
        }
    }
}

/// What a decimation covers: its x-range and column count.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Padded {
    x_min: f64,
    x_max: f64,
    columns: usize,
}

impl Padded {
    fn per_column(self) -> f64 {
        (self.x_max - self.x_min) / self.columns.max(1) as f64
    }

    /// Whether its points serve `view`: it covers the view at about the view's density.
    fn serves(self, view: XView) -> bool {
        let (have, wanted) = (self.per_column(), view.per_column());
        self.x_min <= view.min
            && self.x_max >= view.max
            && have <= wanted * COARSER_BY
            && have * FINER_BY >= wanted
    }
}

/// A pair of ends, lowest first.
type Range = (f64, f64);

struct Decimated {
    /// The line decimated: only its identity, so that a line the line cache forgot is freed
    /// (the allocation a `Weak` keeps cannot be reused for another line).
    source: Weak<PlotLine>,
    covers: Padded,
    points: Arc<Vec<[f64; 2]>>,
    /// The value extent last asked for, and the visible range it was for.
    extent: Option<(Range, Option<Range>)>,
}

/// The points a plot draws of one line: a window onto the cached decimation, shared rather
/// than copied. Reads as a slice of `[x, y]`.
#[derive(Clone, Debug, Default)]
pub struct VisiblePoints {
    all: Arc<Vec<[f64; 2]>>,
    start: usize,
    end: usize,
}

impl std::ops::Deref for VisiblePoints {
    type Target = [[f64; 2]];

    fn deref(&self) -> &[[f64; 2]] {
        self.all.get(self.start..self.end).unwrap_or(&[])
    }
}

impl Decimated {
    fn serves(&self, line: &Arc<PlotLine>, view: XView) -> bool {
        is_line(&self.source, line) && self.covers.serves(view)
    }

    /// Whether its points hold every point of `line` in `view` that a plot needs (the range
    /// covered, or the line ends within it), at whatever density.
    fn covers_view(&self, line: &PlotLine, view: XView) -> bool {
        let first = line.point(0).map_or(f64::INFINITY, |p| p[0]);
        let last = line
            .len()
            .checked_sub(1)
            .and_then(|i| line.point(i))
            .map_or(f64::NEG_INFINITY, |p| p[0]);
        (self.covers.x_min <= view.min || self.covers.x_min <= first)
            && (self.covers.x_max >= view.max || self.covers.x_max >= last)
    }
}

fn is_line(source: &Weak<PlotLine>, line: &Arc<PlotLine>) -> bool {
    std::ptr::eq(source.as_ptr(), Arc::as_ptr(line))
}

/// The picks of a series' own decimation, by the address of its pyramid.
struct SeriesPicks {
    /// The pyramid's identity (its allocation is not reused while this lives).
    pyramid: Weak<MinMaxPyramid>,
    picks: Arc<ColumnPicks>,
}

/// A job for the worker.
enum Job {
    /// The exact decimation of a line for a view.
    Exact { line: Arc<PlotLine>, view: XView },
    /// A line's overview.
    Overview { line: Arc<PlotLine> },
}

/// A finished job.
enum Done {
    /// The overview picks of a series (for every line reading it through a map).
    SeriesOverview {
        pyramid: Weak<MinMaxPyramid>,
        picks: Arc<ColumnPicks>,
    },
    Exact {
        view: XView,
        decimated: Decimated,
        picks: Option<Arc<ColumnPicks>>,
    },
    Overview {
        source: Weak<PlotLine>,
        points: Arc<Vec<[f64; 2]>>,
    },
}

/// What a job is for: a line's exact points, a line's overview, or a series' overview picks
/// (by the address of its pyramid).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum JobKey {
    Exact(LineKey),
    Overview(LineKey),
    SeriesOverview(usize),
}

fn run_job(_: &JobKey, job: Job) -> Done {
    match job {
        Job::Exact { line, view } => {
            let (decimated, picks, _) = decimate(&line, view, None);
            Done::Exact {
                view,
                decimated,
                picks,
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
struct Interim {
    source: Weak<PlotLine>,
    points: Arc<Vec<[f64; 2]>>,
}

/// The background side of a refining cache.
struct Refinement {
    worker: Refiner<JobKey, Job, Done>,
    /// The exact decimations asked for and not yet taken in: the line and view of each.
    asked: HashMap<LineKey, (Weak<PlotLine>, XView)>,
    /// The overviews asked for and not yet taken in.
    overview_asked: HashMap<LineKey, Weak<PlotLine>>,
    /// Overviews by line, for the lines owning their points.
    overviews: FrameLru<LineKey, Interim>,
    /// The series' overview picks asked for and not yet taken in, by pyramid address.
    series_overview_asked: HashMap<usize, Weak<MinMaxPyramid>>,
    /// The series' overview picks, by pyramid address: a line reading its series through a map
    /// derives its overview from them when it needs one.
    series_overviews: FrameLru<usize, SeriesPicks>,
}

/// Decimated points by line.
pub struct DecimationCache {
    entries: FrameLru<LineKey, Decimated>,
    /// The picks of each series' last decimation through them.
    picks: FrameLru<usize, SeriesPicks>,
    /// Present when stale lines are refined on a worker.
    refinement: Option<Refinement>,
    /// This frame's stand-ins, by line.
    interim: HashMap<LineKey, Interim>,
    builds: u64,
    derivations: u64,
}

impl Default for DecimationCache {
    fn default() -> Self {
        DecimationCache {
            entries: FrameLru::with_capacity(DEFAULT_CAPACITY),
            picks: FrameLru::with_capacity(DEFAULT_CAPACITY),
            refinement: None,
            interim: HashMap::new(),
            builds: 0,
            derivations: 0,
        }
    }
}

/// One line of a refresh: its key, the line and the view it is prepared for.
type Request = (LineKey, Arc<PlotLine>, XView);

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

    /// The points of `line` (cached under `key`) that a plot of `view` draws: those in the
    /// visible range, decimated to at most about four per pixel column, and the nearest point
    /// beyond each edge so the line runs to the plot's borders.
    pub fn points(&mut self, key: &LineKey, line: &Arc<PlotLine>, view: XView) -> VisiblePoints {
        self.points_with_extent(key, line, view).0
    }

    /// [`DecimationCache::points`] and the lowest and highest y among those within the visible
    /// range (see [`y_extent`]), remembered for an unchanged view. A line whose exact points
    /// are being refined gets its stand-in from the last refresh.
    pub fn points_with_extent(
        &mut self,
        key: &LineKey,
        line: &Arc<PlotLine>,
        view: XView,
    ) -> (VisiblePoints, Option<(f64, f64)>) {
        if !view.is_valid() {
            return (VisiblePoints::default(), None);
        }
        let fresh = !self
            .entries
            .get_mut(key)
            .is_some_and(|cached| cached.serves(line, view));
        if fresh
            && let Some(interim) = self.interim.get(key)
            && is_line(&interim.source, line)
        {
            let (start, end) = visible_range(&interim.points, view);
            let extent = y_extent(&interim.points[start..end], view.min, view.max);
            let points = VisiblePoints {
                all: Arc::clone(&interim.points),
                start,
                end,
            };
            return (points, extent);
        }
        let entry = if fresh {
            let known = self.known_picks(line);
            let (decimated, picks, derived) = decimate(line, view, known);
            self.count(line, picks, derived);
            self.entries.replace(key.clone(), decimated)
        } else {
            match self.entries.get_mut(key) {
                Some(entry) => entry,
                None => return (VisiblePoints::default(), None),
            }
        };
        let (start, end) = visible_range(&entry.points, view);
        let extent = match entry.extent {
            Some((range, extent)) if range == (view.min, view.max) => extent,
            _ => {
                let extent = y_extent(&entry.points[start..end], view.min, view.max);
                entry.extent = Some(((view.min, view.max), extent));
                extent
            }
        };
        let points = VisiblePoints {
            all: Arc::clone(&entry.points),
            start,
            end,
        };
        (points, extent)
    }

    /// Decimates, side by side on the processor's cores, every line of `lines` whose cached
    /// points do not serve `view`, so that the following [`DecimationCache::points`] calls
    /// only slice. A zoom makes every line stale at once; this is where the frame pays for it.
    pub fn refresh(&mut self, lines: &[(LineKey, Arc<PlotLine>)], view: XView) {
        let lines: Vec<Request> = lines
            .iter()
            .map(|(key, line)| (key.clone(), Arc::clone(line), view))
            .collect();
        self.refresh_each(&lines);
    }

    /// As [`DecimationCache::refresh`], each line with its own view (the same range, decimated
    /// at its own number of columns). A refining cache first takes in what the worker finished
    /// for these lines (dropping results for lines not among them), then hands the stale long
    /// lines to the worker and keeps stand-ins for them; returns whether any line is drawn
    /// from a stand-in, its exact points still to come.
    pub fn refresh_each(&mut self, lines: &[Request]) -> bool {
        self.interim.clear();
        self.take_in(lines);
        let stale: Vec<&Request> = lines
            .iter()
            .filter(|(key, line, view)| view.is_valid() && !self.serves(key, line, *view))
            .collect();
        let now = if self.refinement.is_some() {
            self.defer(stale)
        } else {
            stale
        };
        self.decimate_now(&now);
        self.refinement
            .as_ref()
            .is_some_and(|refinement| !refinement.asked.is_empty())
    }

    /// Whether the points cached for `key` serve `view`, and so will the exact points asked of
    /// the worker for it, if any.
    fn serves(&mut self, key: &LineKey, line: &Arc<PlotLine>, view: XView) -> bool {
        let asked_serves = self.refinement.as_ref().is_none_or(|refinement| {
            refinement
                .asked
                .get(key)
                .is_none_or(|(source, asked)| !is_line(source, line) || asked.padded().serves(view))
        });
        asked_serves
            && self
                .entries
                .get_mut(key)
                .is_some_and(|cached| cached.serves(line, view))
    }

    /// Whether the worker has nothing to do (always, without one).
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.refinement
            .as_ref()
            .is_none_or(|refinement| refinement.worker.is_idle())
    }

    /// Waits at most `timeout` for the worker to finish what it was asked; whether it did.
    #[must_use]
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        self.refinement
            .as_ref()
            .is_none_or(|refinement| refinement.worker.wait_idle(timeout))
    }

    /// How many decimations have run since the cache was made (for tests and diagnostics),
    /// those derived from a series' picks and those run on the worker included.
    #[must_use]
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// How many decimations were derived from a series' picks rather than decimated.
    #[must_use]
    pub fn derivations(&self) -> u64 {
        self.derivations
    }

    /// Ends a frame: forgets the least recently used decimations beyond the capacity.
    pub fn end_frame(&mut self) {
        self.entries.end_frame();
        self.picks.end_frame();
        if let Some(refinement) = &mut self.refinement {
            refinement.overviews.end_frame();
            refinement.series_overviews.end_frame();
        }
    }

    /// The picks of `line`'s series, if it reads one through a map and they are known.
    fn known_picks(&mut self, line: &PlotLine) -> Option<Arc<ColumnPicks>> {
        let pyramid = line.shared_pyramid()?;
        let entry = self.picks.get_mut(&(Arc::as_ptr(pyramid) as usize))?;
        std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(pyramid)).then(|| Arc::clone(&entry.picks))
    }

    /// Counts a decimation and keeps the series' picks it made.
    fn count(&mut self, line: &PlotLine, picks: Option<Arc<ColumnPicks>>, derived: bool) {
        self.builds += 1;
        if derived {
            self.derivations += 1;
        }
        if let (Some(picks), Some(pyramid)) = (picks, line.shared_pyramid()) {
            self.picks.replace(
                Arc::as_ptr(pyramid) as usize,
                SeriesPicks {
                    pyramid: Arc::downgrade(pyramid),
                    picks,
                },
            );
        }
    }

    /// Takes in the worker's results for `lines`; the others are dropped.
    fn take_in(&mut self, lines: &[Request]) {
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
        for (job, result) in done {
            let (JobKey::Exact(key) | JobKey::Overview(key)) = job else {
                if let Done::SeriesOverview { pyramid, picks } = result {
                    let address = pyramid.as_ptr() as usize;
                    refinement.series_overview_asked.remove(&address);
                    refinement
                        .series_overviews
                        .replace(address, SeriesPicks { pyramid, picks });
                }
                continue;
            };
            match result {
                Done::Exact {
                    view,
                    decimated,
                    picks,
                } => {
                    // Only the latest request's result is taken: an earlier one (the view
                    // changed while it ran) or one for a line decimated since is dropped.
                    let latest = refinement.asked.get(&key).is_some_and(|(source, asked)| {
                        *asked == view && source.ptr_eq(&decimated.source)
                    });
                    if latest {
                        refinement.asked.remove(&key);
                        if shown(&key, &decimated.source) {
                            taken.push((key, decimated, picks));
                        }
                    }
                }
                Done::Overview { source, points } => {
                    refinement.overview_asked.remove(&key);
                    if shown(&key, &source) {
                        refinement
                            .overviews
                            .replace(key, Interim { source, points });
                    }
                }
                Done::SeriesOverview { pyramid, picks } => {
                    let address = pyramid.as_ptr() as usize;
                    refinement.series_overview_asked.remove(&address);
                    refinement
                        .series_overviews
                        .replace(address, SeriesPicks { pyramid, picks });
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
        for (key, decimated, picks) in taken {
            if let Some(line) = decimated.source.upgrade() {
                self.count(&line, picks, false);
            }
            self.entries.replace(key, decimated);
        }
    }

    /// Splits the stale lines of a refining cache: those to decimate now are returned, the
    /// others get a stand-in and are handed to the worker.
    fn defer<'a>(&mut self, stale: Vec<&'a Request>) -> Vec<&'a Request> {
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
            let padded = view.padded();
            // A line reading its series through a map whose picks are for this request costs
            // only the points drawn.
            let derivable = line.shared_pyramid().is_some() && {
                let pyramid = line.shared_pyramid().map(|p| Arc::as_ptr(p) as usize);
                pyramid.is_some_and(|address| {
                    self.picks.get_mut(&address).is_some_and(|entry| {
                        line.shared_pyramid()
                            .is_some_and(|p| std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(p)))
                            && entry
                                .picks
                                .is_for(padded.x_min, padded.x_max, padded.columns)
                    })
                })
            };
            if derivable {
                now.push(request);
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
                Some(points) => later.push((request, points)),
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
                },
            );
        }
        now
    }

    /// Decimates `lines` now, side by side on the processor's cores, and with a worker asks it
    /// for the overview of each line that has none.
    fn decimate_now(&mut self, lines: &[&Request]) {
        if lines.is_empty() {
            return;
        }
        let known: Vec<Option<Arc<ColumnPicks>>> = lines
            .iter()
            .map(|(_, line, _)| self.known_picks(line))
            .collect();
        let jobs: Vec<(&Request, Option<Arc<ColumnPicks>>)> =
            lines.iter().copied().zip(known).collect();
        let workers = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(jobs.len());
        let run = |chunk: &[(&Request, Option<Arc<ColumnPicks>>)]| {
            chunk
                .iter()
                .map(|((_, line, view), known)| decimate(line, *view, known.clone()))
                .collect::<Vec<_>>()
        };
        let per_worker = jobs.len().div_ceil(workers.max(1));
        let decimated: Vec<Vec<Decimation>> = if workers < 2 {
            vec![run(&jobs)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = jobs
                    .chunks(per_worker)
                    .map(|chunk| scope.spawn(move || run(chunk)))
                    .collect();
                // A thread that panicked leaves its lines to be decimated in `points`.
                handles
                    .into_iter()
                    .map(|handle| handle.join().unwrap_or_default())
                    .collect()
            })
        };
        for (requests, results) in jobs.chunks(per_worker).zip(decimated) {
            for (((key, line, _), _), (result, picks, derived)) in requests.iter().zip(results) {
                self.count(line, picks, derived);
                self.entries.replace(key.clone(), result);
                if let Some(refinement) = &mut self.refinement {
                    refinement.asked.remove(key);
                    if let Some(pyramid) = line.shared_pyramid() {
                        // One overview per series, every line of it derives its own.
                        let address = Arc::as_ptr(pyramid) as usize;
                        let known =
                            refinement
                                .series_overviews
                                .get_mut(&address)
                                .is_some_and(|entry| {
                                    std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(pyramid))
                                })
                                || refinement.series_overview_asked.get(&address).is_some_and(
                                    |asked| std::ptr::eq(asked.as_ptr(), Arc::as_ptr(pyramid)),
                                );
                        if !known {
                            refinement
                                .series_overview_asked
                                .insert(address, Arc::downgrade(pyramid));
                            refinement.worker.request(
                                JobKey::SeriesOverview(address),
                                Job::Overview {
                                    line: Arc::clone(line),
                                },
                            );
                        }
                        continue;
                    }
                    let has_overview = refinement
                        .overviews
                        .get_mut(key)
                        .is_some_and(|overview| is_line(&overview.source, line))
                        || refinement
                            .overview_asked
                            .get(key)
                            .is_some_and(|source| is_line(source, line));
                    if !has_overview {
                        refinement
                            .overview_asked
                            .insert(key.clone(), Arc::downgrade(line));
                        refinement.worker.request(
                            JobKey::Overview(key.clone()),
                            Job::Overview {
                                line: Arc::clone(line),
                            },
                        );
                    }
                }
            }
        }
    }
}

/// A decimation, the series' picks it made (if it made any), and whether it was derived from
/// known picks.
type Decimation = (Decimated, Option<Arc<ColumnPicks>>, bool);

/// Decimates `line` for `view` over the padded range: a line reading its series through a map
/// goes through its series' picks — derived from `known` when they are for this range and
/// column count, otherwise made now and returned.
fn decimate(line: &Arc<PlotLine>, view: XView, known: Option<Arc<ColumnPicks>>) -> Decimation {
    let covers = view.padded();
    let Padded {
        x_min,
        x_max,
        columns,
    } = covers;
    let mut points = Vec::new();
    let mut made = None;
    let mut derived = false;
    match known.filter(|picks| picks.is_for(x_min, x_max, columns)) {
        Some(picks) if line.shared_pyramid().is_some() => {
            line.decimate_with_picks_into(&picks, x_min, x_max, columns, &mut points);
            derived = true;
        }
        _ => match line.series_picks(x_min, x_max, columns) {
            Some(picks) => {
                line.decimate_with_picks_into(&picks, x_min, x_max, columns, &mut points);
                made = Some(Arc::new(picks));
            }
            None => line.decimate_into(x_min, x_max, columns, &mut points),
        },
    }
    let decimated = Decimated {
        source: Arc::downgrade(line),
        covers,
        points: Arc::new(points),
        extent: None,
    };
    (decimated, made, derived)
}

/// The index range of the points within `[view.min, view.max]` and the nearest one beyond
/// each edge.
fn visible_range(points: &[[f64; 2]], view: XView) -> (usize, usize) {
    let start = points
        .partition_point(|p| p[0] < view.min)
        .saturating_sub(1);
    let end = (points.partition_point(|p| p[0] <= view.max) + 1).min(points.len());
    (start, end.max(start))
}

/// The lowest and highest y of the points drawn within `[min, max]` (of the two points around
/// the range when none lies inside); `None` without points. The points are in x order.
#[must_use]
pub fn y_extent(points: &[[f64; 2]], min: f64, max: f64) -> Option<(f64, f64)> {
    let start = points.partition_point(|p| p[0] < min);
    let end = points.partition_point(|p| p[0] <= max).max(start);
    let inside = &points[start..end];
    let chosen = if inside.is_empty() { points } else { inside };
    // Without branching on each point: the comparisons become minimum and maximum instructions.
    let low = chosen
        .iter()
        .fold(f64::INFINITY, |m, p| if p[1] < m { p[1] } else { m });
    let high = chosen
        .iter()
        .fold(f64::NEG_INFINITY, |m, p| if p[1] > m { p[1] } else { m });
    (low <= high).then_some((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::line_spec::{LineKey, LineTransform};
    use crate::model::{Date, Series, SeriesKind, Source};

    fn long_line(n: usize) -> Arc<PlotLine> {
        let dates: Vec<Date> = (0..n)
            .map(|i| Date::from_day_number(i as i32).unwrap())
            .collect();
        let ys: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64).collect();
        Arc::new(PlotLine::from_columns(dates, ys))
    }

    fn key() -> LineKey {
        let series = Arc::new(
            Series::new(
                "A",
                SeriesKind::Price,
                Source::default(),
                vec![Date::from_ymd(2024, 1, 1).unwrap()],
                vec![1.0],
            )
            .unwrap(),
        );
        LineKey::new(&[&series], LineTransform::Drawdown)
    }

    #[test]
    fn decimates_to_the_pixels_and_reuses_the_points_on_a_small_pan() {
        let line = long_line(1_000_000);
        let key = key();
        let mut cache = DecimationCache::default();
        let view = XView {
            min: 100_000.0,
            max: 300_000.0,
            width_px: 1000,
        };
        let points = cache.points(&key, &line, view).to_vec();
        assert_eq!(cache.builds(), 1);
        assert!(points.len() <= 4 * 1000 + 8, "{}", points.len());
        assert!(points.len() > 2000);
        // The first point is the one just before the range, the last just after.
        assert!(points[0][0] < view.min && points[1][0] >= view.min);
        let n = points.len();
        assert!(points[n - 1][0] > view.max && points[n - 2][0] <= view.max);
        // Every column's extremes survive: the global extremes of the range are there.
        let inside = line.index_range(view.min, view.max);
        let top = line
            .points(inside.clone())
            .map(|[_, y]| y)
            .fold(f64::MIN, f64::max);
        assert!(points.iter().any(|p| p[1] == top));
        // A pan by a tenth of the range and the same width: no new decimation.
        let panned = XView {
            min: 120_000.0,
            max: 320_000.0,
            width_px: 1000,
        };
        let after_pan = cache.points(&key, &line, panned).to_vec();
        assert_eq!(cache.builds(), 1);
        assert!(after_pan[1][0] >= panned.min && after_pan[0][0] < panned.min);
        // Zooming in by half: the cached points are too coarse.
        let zoomed = XView {
            min: 150_000.0,
            max: 250_000.0,
            width_px: 1000,
        };
        cache.points(&key, &line, zoomed);
        assert_eq!(cache.builds(), 2);
        // A resize to a much wider plot needs finer points too.
        cache.points(
            &key,
            &line,
            XView {
                width_px: 2000,
                ..zoomed
            },
        );
        assert_eq!(cache.builds(), 3);
        // A rebuilt line (another `Arc`) is decimated again even with the same key.
        let rebuilt = long_line(1_000_000);
        cache.points(
            &key,
            &rebuilt,
            XView {
                width_px: 2000,
                ..zoomed
            },
        );
        assert_eq!(cache.builds(), 4);
    }

    #[test]
    fn refreshing_decimates_stale_lines_once_and_points_then_only_slice() {
        let lines: Vec<(LineKey, Arc<PlotLine>)> = (0..3)
            .map(|i| {
                let series = Arc::new(
                    Series::new(
                        format!("S{i}"),
                        SeriesKind::Price,
                        Source::default(),
                        vec![Date::from_ymd(2024, 1, 1).unwrap()],
                        vec![1.0],
                    )
                    .unwrap(),
                );
                (
                    LineKey::new(&[&series], LineTransform::Drawdown),
                    long_line(50_000 + i * 1000),
                )
            })
            .collect();
        let view = XView {
            min: 1000.0,
            max: 40_000.0,
            width_px: 300,
        };
        let mut cache = DecimationCache::default();
        cache.refresh(&lines, view);
        assert_eq!(cache.builds(), 3);
        let mut separately = DecimationCache::default();
        for (key, line) in &lines {
            let refreshed = cache.points(key, line, view).to_vec();
            assert!(
                refreshed == *separately.points(key, line, view),
                "same points"
            );
        }
        assert_eq!(cache.builds(), 3, "points only sliced");
        cache.refresh(&lines, view);
        assert_eq!(cache.builds(), 3, "nothing stale");
    }

    #[test]
    fn the_decimation_is_m4_of_the_padded_range() {
        let line = long_line(100_000);
        let mut cache = DecimationCache::default();
        let view = XView {
            min: 40_000.0,
            max: 60_000.0,
            width_px: 400,
        };
        let points = cache.points(&key(), &line, view).to_vec();
        // Padded by a quarter of the span each side, at the same density: 600 columns over
        // 35 000..65 000.
        let padded = line.decimate_plainly(35_000.0, 65_000.0, 600);
        let start = padded.partition_point(|p| p[0] < view.min) - 1;
        let end = padded.partition_point(|p| p[0] <= view.max) + 1;
        assert_eq!(points.len(), end - start);
        assert!(points == padded[start..end], "the points differ from M4's");
    }

    #[test]
    fn short_lines_pass_through_and_bad_views_give_nothing() {
        let line = Arc::new(PlotLine::from_columns(
            (1..=3).filter_map(Date::from_day_number).collect(),
            vec![5.0, 6.0, 4.0],
        ));
        let mut cache = DecimationCache::default();
        let view = XView {
            min: 0.0,
            max: 10.0,
            width_px: 100,
        };
        assert_eq!(
            cache.points(&key(), &line, view).to_vec(),
            [[1.0, 5.0], [2.0, 6.0], [3.0, 4.0]]
        );
        let empty = XView {
            min: 5.0,
            max: 5.0,
            width_px: 100,
        };
        assert!(cache.points(&key(), &line, empty).is_empty());
    }

    #[test]
    fn a_decimation_does_not_keep_its_line_alive() {
        let line = long_line(10_000);
        let mut cache = DecimationCache::default();
        let view = XView {
            min: 0.0,
            max: 10_000.0,
            width_px: 100,
        };
        // One key: a key names its series by address, and a second `key()` may get another.
        let key = key();
        cache.points(&key, &line, view);
        assert_eq!(
            Arc::strong_count(&line),
            1,
            "only a weak reference is cached"
        );
        // The same line is still recognised, so nothing is decimated again.
        cache.points(&key, &line, view);
        assert_eq!(cache.builds(), 1);
    }

    fn keyed(name: &str) -> LineKey {
        let series = Arc::new(
            Series::new(
                name,
                SeriesKind::Price,
                Source::default(),
                vec![Date::from_ymd(2024, 1, 1).unwrap()],
                vec![1.0],
            )
            .unwrap(),
        );
        LineKey::new(&[&series], LineTransform::Drawdown)
    }

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
            let overview = overview(line);
            assert!(drawn == overview, "the overview stands in");
            assert!(drawn.len() <= 4 * OVERVIEW_COLUMNS + 2);
        }
        assert!(cache.wait_idle(Duration::from_secs(30)));
        assert!(!cache.refresh_each(&requests(&lines, WHOLE)));
        assert_eq!(
            all_points(&mut cache, &lines, WHOLE),
            all_points(&mut exact, &lines, WHOLE)
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

    #[test]
    fn y_extent_covers_the_visible_points() {
        let points = [[0.0, 10.0], [1.0, 2.0], [2.0, 7.0], [3.0, -4.0]];
        assert_eq!(y_extent(&points, 0.5, 2.5), Some((2.0, 7.0)));
        // Nothing inside: the points around the range.
        assert_eq!(y_extent(&points[..2], 0.2, 0.8), Some((2.0, 10.0)));
        assert_eq!(y_extent(&[], 0.0, 1.0), None);
    }
}
