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
//! series for the padded ranges and column counts of its last two decimations (see
//! [`super::column_picks`]): a new base date or a switch of the value axis at the same view, or a
//! range change back to the range before, then derives the new line's points from them — the
//! same points, at the cost of the points drawn. The picks the worker made for a line replaced
//! meanwhile are kept too, when made for the view shown: only that line's points are dropped.
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

mod refinement;

use std::collections::HashMap;
use std::sync::{Arc, Weak};
use std::time::Duration;

use super::column_picks::ColumnPicks;
use super::frame_lru::FrameLru;
use super::line_spec::LineKey;
use super::plot_line::PlotLine;
use super::pyramid::MinMaxPyramid;
use refinement::{Interim, Refinement};

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

impl From<Vec<[f64; 2]>> for VisiblePoints {
    /// All of `points`, shared from now on.
    fn from(points: Vec<[f64; 2]>) -> VisiblePoints {
        let end = points.len();
        VisiblePoints {
            all: Arc::new(points),
            start: 0,
            end,
        }
    }
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
    /// The picks of the decimation before, for another range or column count: a range
    /// change back to the range shown before (Max, then 10Y, then Max again) derives from them.
    earlier: Option<Arc<ColumnPicks>>,
}

impl SeriesPicks {
    /// The picks kept for `view`'s padded range and column count, if any.
    fn serving(&self, view: XView) -> Option<&Arc<ColumnPicks>> {
        let Padded {
            x_min,
            x_max,
            columns,
        } = view.padded();
        std::iter::once(&self.picks)
            .chain(&self.earlier)
            .find(|picks| picks.is_for(x_min, x_max, columns))
    }
}

/// Decimated points by line.
pub struct DecimationCache {
    entries: FrameLru<LineKey, Decimated>,
    /// The picks of each series' last two decimations through them.
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
            let known = self.known_picks(line, view);
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
        let previous = std::mem::take(&mut self.interim);
        self.take_in(lines);
        let stale: Vec<&Request> = lines
            .iter()
            .filter(|(key, line, view)| view.is_valid() && !self.serves(key, line, *view))
            .collect();
        let now = if self.refinement.is_some() {
            self.defer(stale, previous)
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

    /// The picks of `line`'s series for `view`, if it reads one through a map and they are
    /// known.
    fn known_picks(&mut self, line: &PlotLine, view: XView) -> Option<Arc<ColumnPicks>> {
        let pyramid = line.shared_pyramid()?;
        let entry = self.picks.get_mut(&(Arc::as_ptr(pyramid) as usize))?;
        if !std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(pyramid)) {
            return None;
        }
        entry.serving(view).cloned()
    }

    /// Counts a decimation and keeps the series' picks it made.
    fn count(&mut self, line: &PlotLine, picks: Option<Arc<ColumnPicks>>, derived: bool) {
        self.builds += 1;
        if derived {
            self.derivations += 1;
        }
        if let Some(picks) = picks {
            self.keep_picks(line, picks);
        }
    }

    /// Keeps `picks` as the picks of `line`'s series, if it reads one through a map.
    fn keep_picks(&mut self, line: &PlotLine, picks: Arc<ColumnPicks>) {
        if let Some(pyramid) = line.shared_pyramid() {
            self.keep_series_picks(pyramid, picks);
        }
    }

    /// Keeps `picks` as the picks of the series whose pyramid is `pyramid`.
    fn keep_series_picks(&mut self, pyramid: &Arc<MinMaxPyramid>, picks: Arc<ColumnPicks>) {
        let address = Arc::as_ptr(pyramid) as usize;
        // The picks kept before, for another range or column count, stay as the earlier ones.
        let earlier = self
            .picks
            .get_mut(&address)
            .filter(|entry| std::ptr::eq(entry.pyramid.as_ptr(), Arc::as_ptr(pyramid)))
            .and_then(|entry| {
                if entry.picks.request() == picks.request() {
                    entry.earlier.clone()
                } else {
                    Some(Arc::clone(&entry.picks))
                }
            });
        self.picks.replace(
            address,
            SeriesPicks {
                pyramid: Arc::downgrade(pyramid),
                picks,
                earlier,
            },
        );
    }

    /// Decimates `lines` now, side by side on the processor's cores, and with a worker asks it
    /// for the overview of each line that has none.
    fn decimate_now(&mut self, lines: &[&Request]) {
        if lines.is_empty() {
            return;
        }
        let known: Vec<Option<Arc<ColumnPicks>>> = lines
            .iter()
            .map(|(_, line, view)| self.known_picks(line, *view))
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
                    refinement.ask_overview(key, line);
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
pub(crate) mod tests {
    use super::*;
    use crate::chart::line_spec::{LineKey, LineTransform};
    use crate::model::{Date, Series, SeriesKind, Source};

    pub(crate) fn long_line(n: usize) -> Arc<PlotLine> {
        let dates: Vec<Date> = (0..n)
            .map(|i| Date::from_day_number(i as i32).unwrap())
            .collect();
        let ys: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64).collect();
        Arc::new(PlotLine::from_columns(dates, ys))
    }

    fn key() -> LineKey {
        keyed("A")
    }

    /// A line key of its own for each name (a drawdown of a one-day series of that name).
    pub(crate) fn keyed(name: &str) -> LineKey {
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

    #[test]
    fn y_extent_covers_the_visible_points() {
        let points = [[0.0, 10.0], [1.0, 2.0], [2.0, 7.0], [3.0, -4.0]];
        assert_eq!(y_extent(&points, 0.5, 2.5), Some((2.0, 7.0)));
        // Nothing inside: the points around the range.
        assert_eq!(y_extent(&points[..2], 0.2, 0.8), Some((2.0, 10.0)));
        assert_eq!(y_extent(&[], 0.0, 1.0), None);
    }
}
