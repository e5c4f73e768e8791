//! The lines of a plot panel drawn as one triangle mesh, kept from frame to frame.
//!
//! egui turns every line into triangles each frame (anti-aliased strokes and, for dense lines,
//! filled bands): with hundreds of lines that is most of a frame's work, though a steady frame
//! draws exactly what the last one drew. Here the panel's lines are turned into shapes by
//! egui_plot and tessellated once into a single mesh, which later frames hand to egui as it is
//! (egui copies a mesh without tessellating it again) until the view, the points, a line's
//! colour or width, or the screen's scale change. Each line stays a plot item of its own, drawing
//! nothing, so the pointer still finds the line it is over.

use std::rc::Rc;
use std::sync::{Arc, Mutex};

use eframe::egui::epaint::{Mesh, Shape, Tessellator};
use eframe::egui::{self, Color32, Rect};
use egui_plot::{
    ClosestElem, Cursor, LabelFormatterFn, Line, PlotBounds, PlotConfig, PlotGeometry, PlotItem,
    PlotItemBase, PlotTransform,
};

use crate::chart::decimation_cache::VisiblePoints;

/// What one line of the mesh was drawn from: its points (held, so their memory is not reused
/// while the mesh is kept), colour and width.
#[derive(Clone, Debug)]
pub struct DrawnLine {
    /// The points handed to the plot.
    pub points: VisiblePoints,
    /// The line's colour.
    pub color: Color32,
    /// The line's width, in points.
    pub width: f32,
}

impl PartialEq for DrawnLine {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.points.as_ptr(), other.points.as_ptr())
            && self.points.len() == other.points.len()
            && self.color == other.color
            && self.width.to_bits() == other.width.to_bits()
    }
}

/// Everything a panel's line mesh depends on: two frames with equal keys draw the same
/// triangles.
#[derive(Clone, Debug, PartialEq)]
pub struct MeshKey {
    /// The plot's rectangle on the screen.
    pub frame: Rect,
    /// The dates and values the plot shows, `[x_min, y_min, x_max, y_max]` as bits.
    pub bounds: [u64; 4],
    /// Where the plot's drawing is clipped.
    pub clip: Rect,
    /// Physical pixels per point (the anti-aliasing depends on it).
    pub pixels_per_point: f32,
    /// The lines drawn, in drawing order.
    pub lines: Vec<DrawnLine>,
}

impl MeshKey {
    /// The key of `lines` drawn through `transform`, clipped to `clip`.
    #[must_use]
    pub fn new(
        transform: &PlotTransform,
        clip: Rect,
        pixels_per_point: f32,
        lines: Vec<DrawnLine>,
    ) -> MeshKey {
        let bounds = transform.bounds();
        let (min, max) = (bounds.min(), bounds.max());
        MeshKey {
            frame: *transform.frame(),
            bounds: [
                min[0].to_bits(),
                min[1].to_bits(),
                max[0].to_bits(),
                max[1].to_bits(),
            ],
            clip,
            pixels_per_point,
            lines,
        }
    }
}

/// The last mesh built for a panel, and its key.
#[derive(Default)]
pub struct LineMeshCache {
    kept: Option<(MeshKey, Arc<Mesh>)>,
    builds: u64,
}

impl LineMeshCache {
    /// The mesh for `key`: the kept one when its key is equal, else `build`'s (then kept).
    pub fn mesh_for(&mut self, key: MeshKey, build: impl FnOnce() -> Mesh) -> Arc<Mesh> {
        if let Some((kept_key, mesh)) = &self.kept
            && *kept_key == key
        {
            return Arc::clone(mesh);
        }
        let mesh = Arc::new(build());
        self.builds += 1;
        self.kept = Some((key, Arc::clone(&mesh)));
        mesh
    }

    /// How many meshes were built so far.
    #[cfg(test)]
    #[must_use]
    pub fn builds(&self) -> u64 {
        self.builds
    }
}

/// A shared handle on a panel's cache, kept in the chart's state between frames.
pub type SharedLineMesh = Arc<Mutex<LineMeshCache>>;

/// One line of the panel: a plot item for the pointer to find (its points and name), drawing
/// nothing itself; [`LinesMesh`] draws it.
pub struct HoverLine {
    line: Rc<Line<'static>>,
    base: PlotItemBase,
}

impl HoverLine {
    /// The item of `line`, sharing it with the mesh.
    #[must_use]
    pub fn new(line: Rc<Line<'static>>) -> HoverLine {
        let base = line.base().clone();
        HoverLine { line, base }
    }
}

impl PlotItem for HoverLine {
    fn shapes(&self, _ui: &egui::Ui, _transform: &PlotTransform, _shapes: &mut Vec<Shape>) {}

    fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        PlotItem::color(self.line.as_ref())
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        self.line.geometry()
    }

    fn bounds(&self) -> PlotBounds {
        self.line.bounds()
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }

    fn find_closest(&self, point: egui::Pos2, transform: &PlotTransform) -> Option<ClosestElem> {
        self.line.find_closest(point, transform)
    }

    fn on_hover(
        &self,
        plot_area_response: &egui::Response,
        elem: ClosestElem,
        shapes: &mut Vec<Shape>,
        cursors: &mut Vec<Cursor>,
        plot: &PlotConfig<'_>,
        label_formatter: Option<&LabelFormatterFn<'_>>,
    ) {
        self.line.on_hover(
            plot_area_response,
            elem,
            shapes,
            cursors,
            plot,
            label_formatter,
        );
    }
}

/// All lines of a panel as one plot item that draws them (from the cache when nothing they
/// depend on changed); the pointer finds none of them through it.
pub struct LinesMesh {
    lines: Vec<(Rc<Line<'static>>, DrawnLine)>,
    cache: SharedLineMesh,
    base: PlotItemBase,
}

impl LinesMesh {
    /// The item drawing `lines` (each with what it is drawn from) in order, through `cache`.
    #[must_use]
    pub fn new(lines: Vec<(Rc<Line<'static>>, DrawnLine)>, cache: SharedLineMesh) -> LinesMesh {
        LinesMesh {
            lines,
            cache,
            base: PlotItemBase::new(String::new()),
        }
    }
}

impl PlotItem for LinesMesh {
    fn shapes(&self, ui: &egui::Ui, transform: &PlotTransform, shapes: &mut Vec<Shape>) {
        if self.lines.is_empty() {
            return;
        }
        let ctx = ui.ctx();
        let pixels_per_point = ctx.pixels_per_point();
        let clip = ui.clip_rect();
        let key = MeshKey::new(
            transform,
            clip,
            pixels_per_point,
            self.lines.iter().map(|(_, drawn)| drawn.clone()).collect(),
        );
        let build = || {
            let mut line_shapes = Vec::new();
            for (line, _) in &self.lines {
                line.shapes(ui, transform, &mut line_shapes);
            }
            let options = ctx.tessellation_options(|options| *options);
            let mut tessellator = Tessellator::new(pixels_per_point, options, [1, 1], Vec::new());
            tessellator.set_clip_rect(clip);
            let mut mesh = Mesh::default();
            for shape in line_shapes {
                tessellator.tessellate_shape(shape, &mut mesh);
            }
            mesh
        };
        let mesh = match self.cache.lock() {
            Ok(mut cache) => cache.mesh_for(key, build),
            Err(_) => Arc::new(build()),
        };
        if !mesh.is_empty() {
            shapes.push(Shape::Mesh(mesh));
        }
    }

    fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

    fn color(&self) -> Color32 {
        Color32::TRANSPARENT
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn allow_hover(&self) -> bool {
        false
    }

    /// Nothing: each line's [`HoverLine`] gives its bounds.
    fn bounds(&self) -> PlotBounds {
        PlotBounds::NOTHING
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_plot::PlotBounds;

    fn transform(x_min: f64, x_max: f64, y_max: f64) -> PlotTransform {
        PlotTransform::new(
            Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1000.0, 600.0)),
            PlotBounds::from_min_max([x_min, 0.0], [x_max, y_max]),
            false,
        )
    }

    fn drawn(points: &VisiblePoints, color: Color32, width: f32) -> DrawnLine {
        DrawnLine {
            points: points.clone(),
            color,
            width,
        }
    }

    /// A mesh of one triangle, to tell builds apart.
    fn mesh(x: f32) -> Mesh {
        let mut mesh = Mesh::default();
        for (dx, dy) in [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)] {
            mesh.colored_vertex(egui::pos2(x + dx, dy), Color32::WHITE);
        }
        mesh.add_triangle(0, 1, 2);
        mesh
    }

    #[test]
    fn the_mesh_is_kept_until_the_view_the_points_or_a_line_changes() {
        let clip = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1000.0, 600.0));
        let a = VisiblePoints::from(vec![[0.0, 1.0], [10.0, 2.0], [20.0, 3.0]]);
        let b = VisiblePoints::from(vec![[0.0, 5.0], [10.0, 4.0]]);
        let (red, blue) = (Color32::RED, Color32::BLUE);
        let key = |t: &PlotTransform, lines: Vec<DrawnLine>| MeshKey::new(t, clip, 1.0, lines);
        let view = transform(0.0, 20.0, 10.0);
        let both = || vec![drawn(&a, red, 1.5), drawn(&b, blue, 1.5)];
        let mut cache = LineMeshCache::default();

        let first = cache.mesh_for(key(&view, both()), || mesh(1.0));
        assert_eq!(cache.builds(), 1);
        // A steady frame: the same view, points and lines draw the kept mesh.
        let again = cache.mesh_for(key(&transform(0.0, 20.0, 10.0), both()), || mesh(2.0));
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(cache.builds(), 1);

        // A pan (other dates), a zoom, new values on the axis: built again.
        cache.mesh_for(key(&transform(5.0, 25.0, 10.0), both()), || mesh(3.0));
        assert_eq!(cache.builds(), 2);
        cache.mesh_for(key(&transform(5.0, 15.0, 10.0), both()), || mesh(4.0));
        assert_eq!(cache.builds(), 3);
        cache.mesh_for(key(&transform(5.0, 15.0, 12.0), both()), || mesh(5.0));
        assert_eq!(cache.builds(), 4);
        let view = transform(5.0, 15.0, 12.0);
        cache.mesh_for(key(&view, both()), || mesh(6.0));
        assert_eq!(cache.builds(), 4);

        // A line hidden, then shown again.
        cache.mesh_for(key(&view, vec![drawn(&a, red, 1.5)]), || mesh(7.0));
        assert_eq!(cache.builds(), 5);
        cache.mesh_for(key(&view, both()), || mesh(8.0));
        assert_eq!(cache.builds(), 6);
        // A series added.
        let c = VisiblePoints::from(vec![[0.0, 7.0], [10.0, 8.0]]);
        let three = vec![
            drawn(&a, red, 1.5),
            drawn(&b, blue, 1.5),
            drawn(&c, Color32::GREEN, 1.5),
        ];
        cache.mesh_for(key(&view, three), || mesh(9.0));
        assert_eq!(cache.builds(), 7);

        // New points for a line (a new base date rebases it; a refined decimation arrives),
        // even when they are equal in number.
        let rebased = VisiblePoints::from(vec![[0.0, 1.5], [10.0, 2.5], [20.0, 3.5]]);
        let new_points = vec![drawn(&rebased, red, 1.5), drawn(&b, blue, 1.5)];
        cache.mesh_for(key(&view, new_points), || mesh(10.0));
        assert_eq!(cache.builds(), 8);

        // A hovered line (wider), another colour, another screen scale or size.
        let hovered = vec![drawn(&a, red, 3.0), drawn(&b, blue, 1.5)];
        cache.mesh_for(key(&view, hovered), || mesh(11.0));
        assert_eq!(cache.builds(), 9);
        let recoloured = vec![drawn(&a, Color32::YELLOW, 3.0), drawn(&b, blue, 1.5)];
        cache.mesh_for(key(&view, recoloured.clone()), || mesh(12.0));
        assert_eq!(cache.builds(), 10);
        cache.mesh_for(MeshKey::new(&view, clip, 2.0, recoloured.clone()), || {
            mesh(13.0)
        });
        assert_eq!(cache.builds(), 11);
        let smaller = Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(500.0, 600.0));
        let kept = cache.mesh_for(MeshKey::new(&view, smaller, 2.0, recoloured), || mesh(14.0));
        assert_eq!(cache.builds(), 12);
        assert_eq!(kept.vertices[0].pos, egui::pos2(14.0, 0.0));
    }
}
