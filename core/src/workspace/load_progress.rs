//! Reading a workspace file while reporting how far it has got: the bytes read of the file's
//! size, then the observations decoded. The counters are atomics, so another thread (the
//! window) can show them while a worker reads.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::import::fraction_done;

use super::document::Workspace;
use super::error::WorkspaceError;
use super::file::decode_error;
use super::format::read_workspace_with_progress;

/// Bytes read between two updates of the counters.
const CHUNK: usize = 1 << 20;

/// How far reading a workspace file has got; shared between the reader and whoever shows it.
#[derive(Debug, Default)]
pub struct LoadProgress {
    bytes_read: AtomicU64,
    bytes_total: AtomicU64,
    decoding: AtomicBool,
    decoded: AtomicU64,
    decode_total: AtomicU64,
}

/// A snapshot of [`LoadProgress`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadStatus {
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// The file's size (0 until it is known).
    pub bytes_total: u64,
    /// Whether the whole file is read and its content is being decoded.
    pub decoding: bool,
    /// Units of decoding work done (each observation counts once per pass over the series).
    pub decoded: u64,
    /// Units of decoding work in all (0 until the file is parsed).
    pub decode_total: u64,
}

impl LoadStatus {
    /// The fraction of the file read, 0–1.
    #[must_use]
    pub fn fraction(&self) -> f32 {
        fraction_done(self.bytes_read, self.bytes_total)
    }

    /// The fraction of the decoding done, 0–1.
    #[must_use]
    pub fn decode_fraction(&self) -> f32 {
        fraction_done(self.decoded, self.decode_total)
    }
}

impl LoadProgress {
    /// The counters now.
    #[must_use]
    pub fn status(&self) -> LoadStatus {
        LoadStatus {
            bytes_read: self.bytes_read.load(Ordering::Relaxed),
            bytes_total: self.bytes_total.load(Ordering::Relaxed),
            decoding: self.decoding.load(Ordering::Relaxed),
            decoded: self.decoded.load(Ordering::Relaxed),
            decode_total: self.decode_total.load(Ordering::Relaxed),
        }
    }

    /// The file is parsed: `total` units of decoding follow.
    pub(super) fn start_decoding(&self, total: u64) {
        self.decode_total.store(total, Ordering::Relaxed);
    }

    /// `units` more of the decoding are done (called from several threads).
    pub(super) fn decoded(&self, units: u64) {
        self.decoded.fetch_add(units, Ordering::Relaxed);
    }
}

/// [`super::load_workspace`], reporting its progress to `progress`: the same results and the
/// same errors.
pub fn load_workspace_with_progress(
    path: &Path,
    progress: &LoadProgress,
) -> Result<Workspace, WorkspaceError> {
    let bytes = read_counting(path, progress).map_err(|source| {
        if source.kind() == io::ErrorKind::NotFound {
            WorkspaceError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            WorkspaceError::Io {
                path: path.to_path_buf(),
                action: "read",
                source,
            }
        }
    })?;
    progress.decoding.store(true, Ordering::Relaxed);
    read_workspace_with_progress(&bytes, progress).map_err(|error| decode_error(path, error))
}

/// The whole file, read a chunk at a time so the counters move.
fn read_counting(path: &Path, progress: &LoadProgress) -> io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    progress.bytes_total.store(size, Ordering::Relaxed);
    // The size is a hint: the file may change while it is read, so reading goes on to its end.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    loop {
        let read = (&mut file).take(CHUNK as u64).read_to_end(&mut bytes)?;
        progress
            .bytes_read
            .store(bytes.len() as u64, Ordering::Relaxed);
        if read == 0 {
            break;
        }
    }
    progress
        .bytes_total
        .store(size.max(bytes.len() as u64), Ordering::Relaxed);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Series, SeriesKind, Source};
    use crate::workspace::{load_workspace, save_workspace};

    fn large(points: usize) -> Workspace {
        let mut workspace = Workspace::empty();
        let dates = (0..points as i32)
            .map(|n| Date::from_day_number(1_000 + n).unwrap())
            .collect();
        let values = (0..points).map(|n| (n % 977) as f64 * 0.37).collect();
        let series = Series::new("S", SeriesKind::Price, Source::default(), dates, values).unwrap();
        workspace.add_series(series);
        workspace
    }

    #[test]
    fn reads_the_same_workspace_and_counts_every_byte() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("w.rlens");
        let workspace = large(600_000);
        save_workspace(&path, &workspace).unwrap();
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size > CHUNK as u64, "the file spans several chunks");
        let progress = LoadProgress::default();
        assert_eq!(progress.status(), LoadStatus::default());
        let loaded = load_workspace_with_progress(&path, &progress).unwrap();
        assert_eq!(loaded, workspace);
        let status = progress.status();
        assert_eq!(status.bytes_read, size);
        assert_eq!(status.bytes_total, size);
        assert!(status.decoding);
        assert!((status.fraction() - 1.0).abs() < f32::EPSILON);
        // Two passes over 600 000 observations.
        assert_eq!(
            (status.decoded, status.decode_total),
            (1_200_000, 1_200_000)
        );
        assert!((status.decode_fraction() - 1.0).abs() < f32::EPSILON);
    }

    #[test]
    fn errors_are_those_of_load_workspace() {
        let folder = tempfile::tempdir().unwrap();
        let missing = folder.path().join("none.rlens");
        let progress = LoadProgress::default();
        let error = load_workspace_with_progress(&missing, &progress).unwrap_err();
        assert!(error.is_not_found());
        assert!(!progress.status().decoding);

        let broken = folder.path().join("broken.rlens");
        std::fs::write(&broken, b"{\"format_version\": 1, \"series\": [").unwrap();
        let ours = load_workspace_with_progress(&broken, &LoadProgress::default()).unwrap_err();
        let theirs = load_workspace(&broken).unwrap_err();
        assert_eq!(ours.to_string(), theirs.to_string());
        assert!(ours.is_unreadable_content());

        let future = folder.path().join("future.rlens");
        std::fs::write(&future, b"{\"format_version\": 7}").unwrap();
        let error = load_workspace_with_progress(&future, &LoadProgress::default()).unwrap_err();
        assert!(matches!(
            error,
            WorkspaceError::FutureVersion { found: 7, .. }
        ));
    }

    #[test]
    fn the_fraction_is_zero_until_the_size_is_known() {
        let status = LoadStatus {
            bytes_read: 5,
            ..LoadStatus::default()
        };
        assert!(status.fraction().abs() < f32::EPSILON);
        assert!(status.decode_fraction().abs() < f32::EPSILON);
        let half = LoadStatus {
            bytes_read: 50,
            bytes_total: 100,
            decoding: true,
            decoded: 30,
            decode_total: 120,
        };
        assert!((half.fraction() - 0.5).abs() < 1e-6);
        assert!((half.decode_fraction() - 0.25).abs() < 1e-6);
    }
}
