//! Where the names written at the ends of lines go: each as near the height of its line's last
//! visible point as the others allow, never closer than a line of text to its neighbours, all
//! within the plot.

/// The heights (screen coordinates, growing downwards) at which to write labels that want to
/// be at `wanted`, at least `gap` apart and within `top..=bottom` when they fit there; in the
/// order of `wanted`. Labels keep their order from top to bottom; a label is moved only as far
/// as its neighbours push it. When there are too many to fit, they start at `top`, `gap` apart.
#[must_use]
pub fn spread_apart(wanted: &[f32], gap: f32, top: f32, bottom: f32) -> Vec<f32> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]));
    let mut placed = vec![0.0; wanted.len()];
    // Downwards: each below the one above, then upwards: each above the one below.
    let mut floor = top;
    for &index in &order {
        let y = wanted[index].max(floor);
        placed[index] = y;
        floor = y + gap;
    }
    let mut ceiling = bottom;
    for &index in order.iter().rev() {
        let y = placed[index].min(ceiling);
        placed[index] = y;
        ceiling = y - gap;
    }
    // Too many to fit: the upward pass pushed the first above the top; start there instead.
    if order.first().is_some_and(|&first| placed[first] < top) {
        for (rank, &index) in order.iter().enumerate() {
            placed[index] = top + rank as f32 * gap;
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_far_apart_stay_where_they_are() {
        assert_eq!(
            spread_apart(&[50.0, 10.0, 90.0], 12.0, 0.0, 100.0),
            [50.0, 10.0, 90.0]
        );
        assert!(spread_apart(&[], 12.0, 0.0, 100.0).is_empty());
    }

    #[test]
    fn close_labels_are_pushed_apart_in_their_order() {
        // Two at the same height: the first stays, the second goes a line below.
        assert_eq!(spread_apart(&[40.0, 40.0], 12.0, 0.0, 100.0), [40.0, 52.0]);
        // At the bottom edge the pile goes up instead.
        assert_eq!(
            spread_apart(&[99.0, 98.0, 97.0], 10.0, 0.0, 100.0),
            [100.0, 90.0, 80.0]
        );
        // Above the top: moved into the plot.
        assert_eq!(spread_apart(&[-5.0], 10.0, 0.0, 100.0), [0.0]);
    }

    #[test]
    fn too_many_to_fit_are_stacked_from_the_top() {
        let placed = spread_apart(&[5.0, 6.0, 7.0, 8.0], 10.0, 0.0, 20.0);
        assert_eq!(placed, [0.0, 10.0, 20.0, 30.0]);
    }
}
