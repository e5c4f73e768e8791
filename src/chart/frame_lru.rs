//! A map that remembers in which frame each entry was last used and, at the end of a frame,
//! forgets the least recently used entries beyond a capacity — the eviction both chart caches
//! share. Entries used in the current frame are never forgotten.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::Hash;

/// Entries by key, with the frame each was last used in.
pub struct FrameLru<K, V> {
    entries: HashMap<K, (V, u64)>,
    capacity: usize,
    frame: u64,
}

impl<K: Eq + Hash, V> FrameLru<K, V> {
    /// An empty map that keeps up to `capacity` entries between frames.
    #[must_use]
    pub fn with_capacity(capacity: usize) -> FrameLru<K, V> {
        FrameLru {
            entries: HashMap::new(),
            capacity,
            frame: 0,
        }
    }

    /// The entry of `key`, marked as used in this frame.
    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        let frame = self.frame;
        self.entries.get_mut(key).map(|(value, used)| {
            *used = frame;
            value
        })
    }

    /// Stores `value` under `key` (replacing any entry), used in this frame, and returns it.
    pub fn replace(&mut self, key: K, value: V) -> &mut V {
        let slot = match self.entries.entry(key) {
            Entry::Occupied(occupied) => {
                let slot = occupied.into_mut();
                *slot = (value, self.frame);
                slot
            }
            Entry::Vacant(vacant) => vacant.insert((value, self.frame)),
        };
        &mut slot.0
    }

    /// Ends the frame: forgets the least recently used entries beyond the capacity.
    pub fn end_frame(&mut self) {
        if self.entries.len() > self.capacity {
            let mut ages: Vec<u64> = self.entries.values().map(|(_, used)| *used).collect();
            ages.sort_unstable_by(|a, b| b.cmp(a));
            // This frame's entries are the newest, so they are always at or above the cutoff.
            let cutoff = self
                .capacity
                .checked_sub(1)
                .map_or(self.frame, |index| ages[index]);
            self.entries.retain(|_, (_, used)| *used >= cutoff);
        }
        self.frame += 1;
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
    fn capacity_zero_keeps_only_this_frame() {
        let mut map: FrameLru<u32, u32> = FrameLru::with_capacity(0);
        map.replace(1, 1);
        map.end_frame();
        assert_eq!(map.len(), 1, "used in the frame that just ended");
        map.end_frame();
        assert!(map.is_empty());
    }
}
