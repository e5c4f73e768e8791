//! The relative chart's options: which series is compared with which. The chart has two
//! panels, the ratio A ÷ B above and the performance difference A% − B% since the range start
//! below.

use eframe::egui;

use crate::workspace::{ChartTab, Workspace};

use super::super::command::Command;
use super::pair_picker::pair_combos;

/// The pair lists, once a pair is chosen (before, the chart shows the prompt).
pub fn options(ui: &mut egui::Ui, workspace: &Workspace, commands: &mut Vec<Command>) {
    if let Some(pair) = &workspace.chart.relative_pair {
        pair_combos(ui, workspace, ChartTab::Relative, pair, commands);
    }
}
