//! How an import spreads its work over the processor's cores: the data region is cut into
//! line-aligned chunks, each chunk's rows are read and parsed on its own thread, and the parts
//! are put back together in file order, so the result is the one a single thread gives.

use std::num::NonZeroUsize;
use std::sync::OnceLock;

/// How an import spreads its work over the processor's cores (see [`super::ImportControl`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parallelism {
    /// Threads to work with; 1 reads on the calling thread alone.
    pub threads: usize,
    /// Data regions smaller than this many bytes are read by one thread: starting threads
    /// costs more than it saves on a small file.
    pub min_bytes: usize,
    /// The size of each chunk in bytes (rounded up to the next line end); 0 cuts the data
    /// region into as many chunks as there are threads.
    pub chunk_bytes: usize,
}

/// Data regions from this size on are read on every core: below about a megabyte a file imports
/// in a few milliseconds on one core, and starting threads would gain little.
pub const PARALLEL_FROM_BYTES: usize = 1 << 20;

impl Default for Parallelism {
    /// Every core, for data regions of [`PARALLEL_FROM_BYTES`] or more.
    fn default() -> Parallelism {
        // Asked once: the answer reads the process's limits from the system each time.
        static CORES: OnceLock<usize> = OnceLock::new();
        Parallelism {
            threads: *CORES
                .get_or_init(|| std::thread::available_parallelism().map_or(1, NonZeroUsize::get)),
            min_bytes: PARALLEL_FROM_BYTES,
            chunk_bytes: 0,
        }
    }
}

impl Parallelism {
    /// One thread, one chunk: the import as it runs on a single core.
    #[must_use]
    pub fn sequential() -> Parallelism {
        Parallelism {
            threads: 1,
            min_bytes: usize::MAX,
            chunk_bytes: 0,
        }
    }

    /// This parallelism for a file of `bytes` bytes: one thread below [`Self::min_bytes`].
    #[must_use]
    pub fn for_bytes(&self, bytes: usize) -> Parallelism {
        if bytes < self.min_bytes {
            Parallelism::sequential()
        } else {
            *self
        }
    }

    /// Where the chunks of `data` start: byte offsets, the first 0, each other one just after
    /// a line end. A single chunk when the data is too small or one thread is asked for.
    pub(super) fn chunk_starts(&self, data: &[u8]) -> Vec<usize> {
        if self.threads <= 1 || data.len() < self.min_bytes.max(1) {
            return vec![0];
        }
        let size = if self.chunk_bytes == 0 {
            data.len().div_ceil(self.threads)
        } else {
            self.chunk_bytes
        }
        .max(1);
        let mut starts = vec![0];
        let mut from = size;
        while from < data.len() {
            let Some(end) = memchr::memchr(b'\n', data.get(from..).unwrap_or_default()) else {
                break;
            };
            let start = from + end + 1;
            if start >= data.len() {
                break;
            }
            starts.push(start);
            from = start + size;
        }
        starts
    }

    /// `work(part)` for every part in `0..parts`, in order, the parts shared out in
    /// contiguous runs over the threads.
    pub(super) fn map<T: Send>(&self, parts: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
        let threads = self.threads.min(parts);
        if threads <= 1 {
            return (0..parts).map(work).collect();
        }
        let per_thread = parts.div_ceil(threads);
        let work = &work;
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let range = (t * per_thread).min(parts)..((t + 1) * per_thread).min(parts);
                    scope.spawn(move || range.map(work).collect::<Vec<T>>())
                })
                .collect();
            let mut results = Vec::with_capacity(parts);
            for handle in handles {
                match handle.join() {
                    Ok(part) => results.extend(part),
                    // A panic is a bug, not a property of the file: it goes on as one.
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            results
        })
    }
}

impl Parallelism {
    /// `work(item)` for every item, in order, the items shared out in contiguous runs over
    /// the threads.
    pub(super) fn map_each<I: Send, T: Send>(
        &self,
        items: Vec<I>,
        work: impl Fn(I) -> T + Sync,
    ) -> Vec<T> {
        let threads = self.threads.min(items.len());
        if threads <= 1 {
            return items.into_iter().map(work).collect();
        }
        let per_thread = items.len().div_ceil(threads);
        let mut runs: Vec<Vec<I>> = Vec::with_capacity(threads);
        let mut items = items.into_iter();
        loop {
            let run: Vec<I> = items.by_ref().take(per_thread).collect();
            if run.is_empty() {
                break;
            }
            runs.push(run);
        }
        let work = &work;
        std::thread::scope(|scope| {
            let handles: Vec<_> = runs
                .into_iter()
                .map(|run| scope.spawn(move || run.into_iter().map(work).collect::<Vec<T>>()))
                .collect();
            let mut results = Vec::new();
            for handle in handles {
                match handle.join() {
                    Ok(part) => results.extend(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            results
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(threads: usize, chunk_bytes: usize, data: &[u8]) -> Vec<usize> {
        Parallelism {
            threads,
            min_bytes: 0,
            chunk_bytes,
        }
        .chunk_starts(data)
    }

    #[test]
    fn chunks_start_just_after_line_ends() {
        let data = b"aaaa\nbb\ncccccc\nd\n";
        assert_eq!(cut(2, 0, data), vec![0, 15]);
        assert_eq!(cut(2, 1, data), vec![0, 5, 8, 15]);
        assert_eq!(cut(2, 6, data), vec![0, 8, 15]);
        assert_eq!(cut(1, 1, data), vec![0]);
        // No line end after the cut: one chunk.
        assert_eq!(cut(2, 3, b"aaaaaaaa"), vec![0]);
        assert_eq!(cut(2, 1, b""), vec![0]);
        let small = Parallelism {
            threads: 2,
            min_bytes: 100,
            chunk_bytes: 1,
        };
        assert_eq!(small.chunk_starts(data), vec![0]);
        assert_eq!(Parallelism::sequential().chunk_starts(data), vec![0]);
    }

    #[test]
    fn map_keeps_the_order_of_the_parts() {
        for threads in 1..5 {
            let parallelism = Parallelism {
                threads,
                min_bytes: 0,
                chunk_bytes: 0,
            };
            assert_eq!(
                parallelism.map(7, |part| part * 10),
                vec![0, 10, 20, 30, 40, 50, 60]
            );
            assert_eq!(parallelism.map(0, |part| part), Vec::<usize>::new());
            assert_eq!(
                parallelism.map_each(vec!["a", "b", "c", "d", "e"], str::to_uppercase),
                vec!["A", "B", "C", "D", "E"]
            );
        }
    }
}
