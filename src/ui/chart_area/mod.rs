//! The chart area: a toolbar (tab, range, each tab's options, reset), then the chart of the
//! chosen tab — performance, relative, spread, drawdown or rolling return — over the chosen
//! range, with a date axis, a legend beside the plot that shows and hides series (searchable,
//! and naming lines at their ends, when there are many), zoom and pan with the mouse,
//! and a crosshair read-out. It reads the workspace and pushes commands; its own caches make a
//! frame cost only what the pixels need.

mod axes;
mod crosshair;
mod drawdown;
mod legend;
mod line_mesh;
mod pair_picker;
mod performance;
mod plot;
mod relative;
mod rolling;
mod rotation;
mod spread;
mod toolbar;

use eframe::egui;

use crate::chart::frame::{ChartPreparer, PreparedFrame};
use crate::chart::range::DateSpan;
use crate::chart::tab_plan::{TabPlan, plan};
use crate::chart::visible_data::VisibleData;
use crate::model::Date;
use crate::workspace::{ChartTab, Workspace};

use super::command::Command;

/// What the chart area keeps between frames: the line and decimation caches, which range the
/// plot was last set to, and the toolbar's unfinished edits. Owned by the app.
pub struct ChartView {
    /// Refines the long lines' points on a worker after a zoom (see
    /// [`ChartPreparer::refining`]).
    preparer: ChartPreparer,
    /// The plot data of the last frame drawn.
    prepared: Option<PreparedFrame>,
    /// The tab and dates whose range the plot was last set to; a change resets the zoom.
    applied: Option<(ChartTab, DateSpan)>,
    /// The user asked to go back to the chosen range.
    reset_requested: bool,
    toolbar: toolbar::ToolbarState,
    /// Draw no crosshair read-out (while the chart is being captured as a picture).
    pub suppress_hover: bool,
    /// The Rotation tab's playback, edits and prepared view.
    rotation: rotation::RotationState,
    /// The legend's search, hovered entry and hidden lines.
    legend: legend::LegendState,
    /// The line the pointer was over in the plot in the last frame.
    hovered_line: Option<egui_plot::ItemId>,
    /// Each plot panel's lines as one mesh, kept while nothing they depend on changes.
    line_meshes: Vec<line_mesh::SharedLineMesh>,
}

impl Default for ChartView {
    fn default() -> Self {
        ChartView {
            preparer: ChartPreparer::refining(),
            prepared: None,
            applied: None,
            reset_requested: false,
            toolbar: toolbar::ToolbarState::default(),
            suppress_hover: false,
            rotation: rotation::RotationState::default(),
            legend: legend::LegendState::default(),
            hovered_line: None,
            line_meshes: Vec::new(),
        }
    }
}

impl ChartView {
    /// The plot data the chart drew in its last frame (`None` before the first, and stale
    /// while another tab shows): the points handed to the plot for each line.
    #[must_use]
    pub fn prepared(&self) -> Option<&PreparedFrame> {
        self.prepared.as_ref()
    }

    /// The line-mesh caches of `panels` stacked plot panels, one each.
    fn line_meshes(&mut self, panels: usize) -> Vec<line_mesh::SharedLineMesh> {
        self.line_meshes
            .resize_with(panels, line_mesh::SharedLineMesh::default);
        self.line_meshes.clone()
    }

    /// Goes back to the chosen range on the next frame (as the "Reset zoom" button does).
    pub fn reset_zoom(&mut self) {
        self.reset_requested = true;
    }

    /// The date the Rotation tab is shown as of while its slider or playback has moved it away
    /// from the app's as-of date; `None` when it follows that date.
    #[must_use]
    pub fn rotation_date(&self) -> Option<Date> {
        self.rotation.at
    }
}

/// What the app needs from the chart after drawing it.
#[derive(Clone, Debug, Default)]
pub struct ChartOutput {
    /// The chart's rectangle on screen (every panel), for cropping a PNG export; `None` when no
    /// chart is drawn.
    pub plot_rect: Option<egui::Rect>,
    /// The legend's rectangle on screen, beside the plot; `None` without a legend.
    pub legend_rect: Option<egui::Rect>,
    /// The names written at the ends of lines in this frame (the hovered lines and those the
    /// legend's search finds, with many lines).
    pub end_labels: Vec<String>,
    /// The data drawn over the visible range, for "Export chart data"; turned into a table by
    /// [`VisibleData::table`] only when exported.
    pub data: VisibleData,
    /// Whether some lines were drawn from stand-in points while their exact points are
    /// computed after a zoom; the chart draws another frame shortly (see
    /// [`PreparedFrame::refining`]).
    pub refining: bool,
}

/// Shows the chart area for `workspace` as of `as_of` (the analysis' as-of date; `None` for
/// the latest date in the data). Settings changes are pushed to `commands` as
/// [`Command::SetChart`], legend toggles as [`Command::SetVisible`].
pub fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    as_of: Option<Date>,
    view: &mut ChartView,
    commands: &mut Vec<Command>,
) -> ChartOutput {
    let tab_plan = plan(workspace, as_of);
    let span = match &tab_plan {
        TabPlan::Chart(chart) => Some(chart.span),
        _ => None,
    };
    toolbar::show(ui, workspace, span, view, commands);
    ui.separator();
    let output = match tab_plan {
        TabPlan::NoData => {
            empty_state(ui, commands);
            ChartOutput::default()
        }
        TabPlan::PickPair(prompt) => {
            pair_picker::prompt(ui, workspace, &prompt, commands);
            ChartOutput::default()
        }
        TabPlan::Chart(chart) => plot::show(ui, &chart, view, commands),
        TabPlan::Rotation => {
            let suppress_hover = view.suppress_hover;
            rotation::show(ui, workspace, as_of, &mut view.rotation, suppress_hover)
        }
    };
    view.preparer.end_frame();
    output
}

fn empty_state(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading("Nothing to chart yet");
        ui.label("Import the price files you downloaded to compare them here.");
        ui.add_space(8.0);
        if ui.button("Import files…").clicked() {
            commands.push(Command::ImportDialog);
        }
    });
}
