//! A picture as a list of shapes — filled rectangles, polylines, dots and text — in points, with the
//! pixel size and pixels per point it is rendered at. The chart layout builds one scene; the
//! PNG and SVG renderers draw that same scene, so both formats show the same picture.

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Opacity, 255 = opaque.
    pub a: u8,
}

impl Rgba {
    /// An opaque colour.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba { r, g, b, a: 255 }
    }

    /// The same colour with opacity `a`.
    #[must_use]
    pub const fn with_alpha(self, a: u8) -> Rgba {
        Rgba { a, ..self }
    }

    /// The colour as CSS/SVG writes it, `#rrggbb`.
    #[must_use]
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The opacity as a fraction, 0–1.
    #[must_use]
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }
}

/// A rectangle in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// The right edge.
    #[must_use]
    pub fn right(self) -> f32 {
        self.x + self.w
    }

    /// The bottom edge.
    #[must_use]
    pub fn bottom(self) -> f32 {
        self.y + self.h
    }

    /// Whether the point lies inside (edges included).
    #[must_use]
    pub fn contains(self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }
}

/// Where a text's position lies along it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the position.
    Start,
    /// The text is centred on the position.
    Middle,
    /// The text ends at the position.
    End,
}

/// The weight a text is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// The font's own weight.
    Regular,
    /// Emphasised (titles).
    Bold,
}

/// One thing drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A filled rectangle, clipped to `clip` when given.
    Fill {
        /// The area.
        rect: Rect,
        /// Its colour.
        color: Rgba,
        /// The area it may not leave.
        clip: Option<Rect>,
    },
    /// Connected line segments with mitred joins (bevelled where sharp), clipped to `clip` when given.
    Polyline {
        /// The points, in order (at least two to draw anything).
        points: Vec<[f32; 2]>,
        /// Its colour.
        color: Rgba,
        /// Its width in points.
        width: f32,
        /// Dash and gap lengths in points, for a dashed line.
        dash: Option<[f32; 2]>,
        /// The area it may not leave.
        clip: Option<Rect>,
    },
    /// A filled circle (a scatter's marker), clipped to `clip` when given.
    Dot {
        /// The centre's x.
        x: f32,
        /// The centre's y.
        y: f32,
        /// The radius in points.
        radius: f32,
        /// Its colour.
        color: Rgba,
        /// The area it may not leave.
        clip: Option<Rect>,
    },
    /// A line of text; `y` is its baseline.
    Text {
        /// Horizontal position, see `anchor`.
        x: f32,
        /// The baseline.
        y: f32,
        /// The text.
        text: String,
        /// The font size in points.
        size: f32,
        /// Its colour.
        color: Rgba,
        /// Where `x` lies along the text.
        anchor: Anchor,
        /// Its weight.
        weight: Weight,
    },
}

/// A picture ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The width of the rendered picture in pixels.
    pub width_px: u32,
    /// The height of the rendered picture in pixels.
    pub height_px: u32,
    /// Pixels per point: the shapes' coordinates are multiplied by it.
    pub scale: f32,
    /// The background colour (opaque).
    pub background: Rgba,
    /// The shapes, drawn in order.
    pub shapes: Vec<Shape>,
}

impl Scene {
    /// The picture's width in points.
    #[must_use]
    pub fn width(&self) -> f32 {
        self.width_px as f32 / self.scale
    }

    /// The picture's height in points.
    #[must_use]
    pub fn height(&self) -> f32 {
        self.height_px as f32 / self.scale
    }

    /// Every text of the scene, in drawing order.
    #[must_use]
    pub fn texts(&self) -> Vec<&str> {
        self.shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}
