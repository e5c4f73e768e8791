//! The chart picture, headless: the workspace's chart tab as of a date, planned and prepared
//! exactly as the screen prepares it (the same lines, colours, range and decimation), laid out
//! for publication and rendered to PNG or SVG bytes. The app's export and the command line's
//! both come through [`render_chart`], so the same view gives the same bytes.

use thiserror::Error;

use crate::chart::decimation_cache::XView;
use crate::chart::frame::{ChartPreparer, PreparedFrame};
use crate::chart::rotation::{RotationChart, RotationProblem, prepare_rotation};
use crate::chart::tab_plan::{TabPlan, plan};
use crate::model::Date;
use crate::workspace::{ChartTab, Workspace};

use super::chart_caption::{ChartCaption, chart_caption, rotation_caption};
use super::chart_layout::{chart_scene, estimated_plot_width};
use super::error::ExportError;
use super::picture_options::{PictureFormat, PictureOptions};
use super::raster::render_png;
use super::rotation_layout::rotation_scene;
use super::scene::Scene;
use super::svg::render_svg;

/// Why no chart picture could be made.
#[derive(Debug, Error)]
pub enum ChartPictureError {
    /// The workspace has no observations to draw.
    #[error("there is nothing to draw: the workspace has no series with observations")]
    NoData,
    /// A pair chart has no pair chosen (or its series are gone).
    #[error("the {} chart needs two series: choose them first{}", tab.label(), missing_text(missing))]
    NoPair {
        /// The tab.
        tab: ChartTab,
        /// The chosen series that no longer exist.
        missing: Vec<String>,
    },
    /// The rotation view has nothing to draw.
    #[error("the Rotation chart has nothing to draw: {0}")]
    NoRotation(String),
    /// The options cannot give a legible picture.
    #[error("{0}")]
    Options(String),
    /// Rendering or encoding failed.
    #[error(transparent)]
    Render(#[from] ExportError),
}

fn missing_text(missing: &[String]) -> String {
    if missing.is_empty() {
        String::new()
    } else {
        format!(" ({} not found)", missing.join(", "))
    }
}

/// What a chart picture draws under its caption.
#[derive(Clone, Debug)]
pub enum ChartBody {
    /// Panels of dated lines, decimated for the picture's width.
    Lines(PreparedFrame),
    /// The rotation view's scatter of tails.
    Rotation(RotationChart),
}

/// The prepared chart of a workspace with its caption, ready to lay out.
#[derive(Clone, Debug)]
pub struct ChartView {
    /// What is drawn.
    pub body: ChartBody,
    /// Title, subtitle and source line.
    pub caption: ChartCaption,
}

impl ChartView {
    /// The scene of the view, drawn as `options` ask.
    #[must_use]
    pub fn scene(&self, options: &PictureOptions) -> Scene {
        match &self.body {
            ChartBody::Lines(frame) => chart_scene(frame, &self.caption, options),
            ChartBody::Rotation(chart) => rotation_scene(chart, &self.caption, options),
        }
    }
}

/// Plans and prepares `workspace`'s chart tab as of `as_of` for a picture drawn as `options`
/// ask, decimated as the screen decimates: to the plot's width in points (one M4 column per
/// point, which at scale 2 is two pixels wide, as on a high-density screen).
pub fn chart_view(
    workspace: &Workspace,
    as_of: Option<Date>,
    options: &PictureOptions,
) -> Result<ChartView, ChartPictureError> {
    if let Some(problem) = options.problem() {
        return Err(ChartPictureError::Options(problem));
    }
    let chart = match plan(workspace, as_of) {
        TabPlan::Chart(chart) => chart,
        TabPlan::NoData => return Err(ChartPictureError::NoData),
        TabPlan::Rotation => return rotation_view(workspace, as_of, options),
        TabPlan::PickPair(prompt) => {
            return Err(ChartPictureError::NoPair {
                tab: prompt.tab,
                missing: prompt.missing,
            });
        }
    };
    let (min, max) = chart.span.x_range();
    let width_px = (estimated_plot_width(options) * options.scale)
        .round()
        .max(1.0) as usize;
    let frame = ChartPreparer::default().prepare(&chart, XView { min, max, width_px });
    let caption = chart_caption(workspace, &chart, options.title.as_deref());
    Ok(ChartView {
        body: ChartBody::Lines(frame),
        caption,
    })
}

/// The rotation view of `workspace` as of `as_of`, prepared as the app prepares it.
fn rotation_view(
    workspace: &Workspace,
    as_of: Option<Date>,
    options: &PictureOptions,
) -> Result<ChartView, ChartPictureError> {
    let chart = match prepare_rotation(workspace, as_of) {
        Ok(chart) => chart,
        Err(RotationProblem::TooFewSeries) => {
            return Err(ChartPictureError::NoRotation(
                "it measures series against a benchmark: give at least two".to_string(),
            ));
        }
        Err(RotationProblem::Error(error)) => {
            return Err(ChartPictureError::NoRotation(error.to_string()));
        }
    };
    if chart.tails.is_empty() {
        return Err(ChartPictureError::NoRotation(format!(
            "no series has data enough for a point against {} (window {})",
            chart.benchmark, chart.options.window
        )));
    }
    let caption = rotation_caption(workspace, &chart, options.title.as_deref());
    Ok(ChartView {
        body: ChartBody::Rotation(chart),
        caption,
    })
}

/// The scene of `workspace`'s chart as `options` ask.
pub fn chart_picture(
    workspace: &Workspace,
    as_of: Option<Date>,
    options: &PictureOptions,
) -> Result<Scene, ChartPictureError> {
    Ok(chart_view(workspace, as_of, options)?.scene(options))
}

/// The bytes of `workspace`'s chart as a `format` file.
pub fn render_chart(
    workspace: &Workspace,
    as_of: Option<Date>,
    options: &PictureOptions,
    format: PictureFormat,
) -> Result<Vec<u8>, ChartPictureError> {
    let scene = chart_picture(workspace, as_of, options)?;
    encode_scene(&scene, format)
}

/// The bytes of `scene` as a `format` file.
pub fn encode_scene(scene: &Scene, format: PictureFormat) -> Result<Vec<u8>, ChartPictureError> {
    Ok(match format {
        PictureFormat::Png => render_png(scene)?,
        PictureFormat::Svg => render_svg(scene).into_bytes(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::export::raster::render_rgb;
    use crate::export::scene::Shape;
    use crate::model::SeriesKind;
    use crate::testing::daily_series;
    use crate::workspace::{ChartRange, RangePreset, SeriesPair, SpreadMode};

    fn workspace() -> Workspace {
        let mut workspace = Workspace::empty();
        let a: Vec<f64> = (0..800).map(|i| 100.0 + f64::from(i % 97) * 0.8).collect();
        let b: Vec<f64> = (0..800).map(|i| 100.0 - f64::from(i % 53) * 0.5).collect();
        workspace.add_series(daily_series("Alpha", SeriesKind::Price, "2018-01-01", &a));
        workspace.add_series(daily_series("Beta", SeriesKind::Price, "2018-01-01", &b));
        workspace
    }

    #[test]
    fn every_tab_draws_its_lines_legend_ticks_and_caption() {
        let mut ws = workspace();
        ws.chart.relative_pair = Some(SeriesPair::new("Alpha", "Beta"));
        ws.chart.spread_pair = Some(SeriesPair::new("Alpha", "Beta"));
        ws.chart.spread_mode = SpreadMode::Difference;
        for tab in [
            ChartTab::Performance,
            ChartTab::Relative,
            ChartTab::Spread,
            ChartTab::Drawdown,
            ChartTab::Rolling,
        ] {
            ws.chart.tab = tab;
            let options = PictureOptions::default();
            let scene = chart_picture(&ws, None, &options).unwrap();
            assert_eq!((scene.width_px, scene.height_px), (1600, 900));
            let texts = scene.texts();
            assert_eq!(texts[0], "Alpha vs Beta", "{tab:?}");
            assert!(texts.iter().any(|t| t.starts_with("Source: ")), "{tab:?}");
            let lines = scene
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Polyline { points, .. } if points.len() > 50))
                .count();
            assert!(lines >= 1, "{tab:?} draws its lines");
            // Value labels end 6 points left of the plot; there are at least four per panel.
            let value_labels = scene
                .shapes
                .iter()
                .filter(|s| {
                    matches!(
                        s,
                        Shape::Text {
                            anchor: crate::export::scene::Anchor::End,
                            ..
                        }
                    )
                })
                .count();
            assert!(value_labels >= 4, "{tab:?}: {value_labels} value labels");
            // Every text stays inside the picture.
            for shape in &scene.shapes {
                if let Shape::Text {
                    x,
                    y,
                    text,
                    size,
                    anchor,
                    ..
                } = shape
                {
                    let w = crate::export::font::text_width(text, *size, false);
                    let left = match anchor {
                        crate::export::scene::Anchor::Start => *x,
                        crate::export::scene::Anchor::Middle => x - w / 2.0,
                        crate::export::scene::Anchor::End => x - w,
                    };
                    assert!(
                        left >= 0.0 && left + w <= scene.width() + 0.5,
                        "{tab:?}: {text:?} is cut"
                    );
                    assert!(*y > 0.0 && *y <= scene.height(), "{tab:?}: {text:?} is cut");
                }
            }
        }
    }

    #[test]
    fn the_png_has_the_exact_size_and_ink_of_the_series_colour_in_the_plot() {
        let mut ws = workspace();
        ws.chart.range = ChartRange::Preset(RangePreset::OneYear);
        let options = PictureOptions {
            width_px: 1200,
            height_px: 700,
            scale: 1.5,
            ..PictureOptions::default()
        };
        let scene = chart_picture(&ws, None, &options).unwrap();
        let image = render_rgb(&scene).unwrap();
        assert_eq!((image.width, image.height), (1200, 700));
        let colour = ws.series[0].color;
        let matching = image
            .pixels
            .chunks(3)
            .filter(|p| p[0] == colour[0] && p[1] == colour[1] && p[2] == colour[2])
            .count();
        assert!(
            matching > 300,
            "{matching} pixels of the first series' colour"
        );
        let png = render_chart(&ws, None, &options, PictureFormat::Png).unwrap();
        let again = render_chart(&ws, None, &options, PictureFormat::Png).unwrap();
        assert_eq!(png, again, "the same view gives the same bytes");
        let svg = String::from_utf8(render_chart(&ws, None, &options, PictureFormat::Svg).unwrap())
            .unwrap();
        assert!(svg.contains(">Alpha vs Beta</text>"));
        assert!(
            svg.contains(r#"width="1200" height="700" viewBox="0 0 800 466.67""#),
            "{}",
            &svg[..300]
        );
    }

    #[test]
    fn nothing_to_draw_and_bad_options_say_why() {
        let error = render_chart(
            &Workspace::empty(),
            None,
            &PictureOptions::default(),
            PictureFormat::Png,
        )
        .unwrap_err();
        assert!(error.to_string().contains("nothing to draw"));
        let mut ws = workspace();
        ws.chart.tab = ChartTab::Relative;
        let error =
            render_chart(&ws, None, &PictureOptions::default(), PictureFormat::Svg).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the Relative chart needs two series: choose them first"
        );
        let error = render_chart(
            &workspace(),
            None,
            &PictureOptions {
                scale: 0.0,
                ..PictureOptions::default()
            },
            PictureFormat::Png,
        )
        .unwrap_err();
        assert!(error.to_string().contains("scale"));
    }
}
