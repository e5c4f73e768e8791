//! A map that remembers in which frame each entry was last used and, at the end of a frame,
//! forgets the least recently used entries beyond a capacity and a memory budget — the eviction
//! both chart caches share. Entries used in the current frame are never forgotten.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;

struct Slot<V> {
    value: V,
    used: u64,
    bytes: usize,
}

/// Entries by key, with the frame each was last used in and the memory each holds.
pub struct FrameLru<K, V> {
    entries: HashMap<K, Slot<V>>,
    capacity: usize,
    budget: usize,
    frame: u64,
}

impl<K: Eq + Hash, V> FrameLru<K, V> {
    /// An empty map that keeps up to `capacity` entries between frames, whatever memory they
    /// hold.
    #[must_use]
    pub fn with_capacity(capacity: usize) -> FrameLru<K, V> {
        FrameLru::with_budget(capacity, usize::MAX)
    }

    /// An empty map that keeps up to `capacity` entries holding up to `budget` bytes in all
    /// between frames (the entries of the current frame are kept whatever they hold).
    #[must_use]
    pub fn with_budget(capacity: usize, budget: usize) -> FrameLru<K, V> {
        FrameLru {
            entries: HashMap::new(),
            capacity,
            budget,
            frame: 0,
        }
    }

    /// The entry of `key`, marked as used in this frame.
    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        let frame = self.frame;
        self.entries.get_mut(key).map(|slot| {
            slot.used = frame;
            &mut slot.value
        })
    }

    /// Stores `value` under `key` (replacing any entry), used in this frame, and returns it.
    pub fn replace(&mut self, key: K, value: V) -> &mut V {
        self.replace_holding(key, value, 0)
    }

    /// [`FrameLru::replace`] for a value holding `bytes` of memory.
    pub fn replace_holding(&mut self, key: K, value: V, bytes: usize) -> &mut V {
        let slot = Slot {
            value,
            used: self.frame,
            bytes,
        };
        let stored = match self.entries.entry(key) {
            Entry::Occupied(occupied) => {
                let stored = occupied.into_mut();
                *stored = slot;
                stored
            }
            Entry::Vacant(vacant) => vacant.insert(slot),
        };
        &mut stored.value
    }

    /// Ends the frame: forgets the least recently used entries beyond the capacity or the
    /// budget, a whole frame's entries at a time. Within both limits (most frames) it only
    /// adds up what the entries hold.
    pub fn end_frame(&mut self) {
        self.frame += 1;
        let held = self
            .entries
            .values()
            .fold(0_usize, |sum, slot| sum.saturating_add(slot.bytes));
        if self.entries.len() <= self.capacity && held <= self.budget {
            return;
        }
        self.forget_beyond_limits(self.frame - 1);
    }

    /// Forgets the least recently used entries beyond the capacity or the budget, a whole
    /// frame's entries at a time; those of `current` stay.
    fn forget_beyond_limits(&mut self, current: u64) {
        let mut frames: Vec<(u64, usize)> = self
            .entries
            .values()
            .map(|slot| (slot.used, slot.bytes))
            .collect();
        frames.sort_unstable_by_key(|&(used, _)| std::cmp::Reverse(used));
        let (mut count, mut bytes) = (0_usize, 0_usize);
        let mut cutoff = None;
        for (used, held) in frames {
            count += 1;
            bytes = bytes.saturating_add(held);
            if used < current && (count > self.capacity || bytes > self.budget) {
                cutoff = Some(used);
                break;
            }
        }
        if let Some(cutoff) = cutoff {
            // Entries of the frame that went over go too, with every older one.
            self.entries.retain(|_, slot| slot.used > cutoff);
        }
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_most_recent_entries_and_everything_of_this_frame() {
        let mut map: FrameLru<u32, &str> = FrameLru::with_capacity(2);
        map.replace(1, "one");
        map.end_frame();
        map.replace(2, "two");
        map.end_frame();
        map.replace(3, "three");
        map.end_frame();
        assert_eq!(map.len(), 2);
        assert!(map.get_mut(&1).is_none());
        assert_eq!(map.get_mut(&2).copied(), Some("two"));
        // 2 was used again, so 3 is now the oldest.
        map.replace(4, "four");
        map.end_frame();
        assert!(map.get_mut(&3).is_none());
        for key in 10..15 {
            map.replace(key, "new");
        }
        map.end_frame();
        assert_eq!(map.len(), 5);
        assert_eq!(*map.replace(10, "replaced"), "replaced");
    }

    #[test]
    fn forgets_the_oldest_beyond_the_budget() {
        let mut map: FrameLru<u32, &str> = FrameLru::with_budget(10, 100);
        map.replace_holding(1, "one", 60);
        map.end_frame();
        map.replace_holding(2, "two", 30);
        map.end_frame();
        assert_eq!(map.len(), 2, "90 bytes fit");
        map.replace_holding(3, "three", 20);
        map.end_frame();
        assert_eq!(map.len(), 2, "the oldest went");
        assert!(map.get_mut(&1).is_none());
        // What the current frame uses stays, even beyond the budget.
        map.replace_holding(4, "four", 500);
        map.end_frame();
        assert_eq!(map.len(), 1);
        assert_eq!(map.get_mut(&4).copied(), Some("four"));
    }

    #[test]
    fn capacity_zero_keeps_only_this_frame() {
        let mut map: FrameLru<u32, u32> = FrameLru::with_capacity(0);
        map.replace(1, 1);
        map.end_frame();
        assert_eq!(map.len(), 1, "used in the frame that just ended");
        map.end_frame();
        assert!(map.is_empty());
    }
}
