//! The chart's legend, in a strip beside the plot so it never covers a line: one entry per line
//! (its colour and name), scrolling when there are many. Ticking an entry shows or hides the
//! line — for a series through [`Command::SetVisible`], as the Data panel does, so both always
//! agree. With more than [`SEARCH_FROM`] lines a search field filters the entries, and the
//! lines hovered here or in the plot, and those the search finds, are named at their ends.
//! A name too long for the strip is cut with "…", and shown whole on hover.

use std::collections::HashSet;

use eframe::egui::{self, Color32, Sense, Vec2};

use crate::chart::frame::PreparedFrame;
use crate::workspace::ChartTab;

use super::super::command::Command;
use super::plot::color;

/// More lines than this bring the search field and the names at the line ends.
pub const SEARCH_FROM: usize = 20;

/// At most this many lines found by the search are named at their ends.
pub const MAX_FOUND_LABELS: usize = 12;

/// The width of the legend strip for a chart area `width` points wide.
#[must_use]
pub fn strip_width(width: f32) -> f32 {
    (width * 0.2).clamp(150.0, 240.0)
}

/// The legend's state between frames.
#[derive(Default)]
pub struct LegendState {
    /// The search text.
    pub search: String,
    /// The line whose entry the pointer was over in the last frame.
    pub hovered: Option<String>,
    /// Lines that are not series (a ratio, a spread) hidden from the legend.
    pub hidden: HashSet<String>,
}

impl LegendState {
    /// Whether the line `id` is hidden here (series are hidden through the workspace instead).
    #[must_use]
    pub fn hides(&self, id: &str) -> bool {
        self.hidden.contains(id)
    }

    /// Whether `label` matches the search (case-insensitive; everything matches an empty one).
    #[must_use]
    pub fn matches(&self, label: &str) -> bool {
        let search = self.search.trim().to_lowercase();
        search.is_empty() || label.to_lowercase().contains(&search)
    }
}

/// One legend row.
struct Entry<'a> {
    id: &'a str,
    label: &'a str,
    color: Color32,
    shown: bool,
    toggles: Option<&'a String>,
}

/// How many lines the frame's legend lists.
#[must_use]
pub fn line_count(frame: &PreparedFrame) -> usize {
    frame.panels.iter().map(|panel| panel.lines.len()).sum()
}

/// Draws the legend of `frame` in `ui`, pushing visibility changes to `commands`; remembers the
/// hovered entry in `state`.
pub fn show(
    ui: &mut egui::Ui,
    frame: &PreparedFrame,
    state: &mut LegendState,
    commands: &mut Vec<Command>,
) {
    let entries: Vec<Entry<'_>> = frame
        .panels
        .iter()
        .flat_map(|panel| &panel.lines)
        .map(|line| Entry {
            id: &line.id,
            label: &line.legend,
            color: color(line.color),
            shown: line.shown && !state.hides(&line.id),
            toggles: line.toggles.as_ref(),
        })
        .collect();
    if entries.len() > SEARCH_FROM {
        ui.horizontal(|ui| {
            let label = ui.label("Search").id;
            ui.add(
                egui::TextEdit::singleline(&mut state.search)
                    .hint_text("a line's name")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label)
            .on_hover_text("Search the legend");
        });
    }
    let shown: Vec<&Entry<'_>> = entries.iter().filter(|e| state.matches(e.label)).collect();
    if shown.is_empty() {
        ui.weak("No line matches");
    }
    let mut hovered = None;
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("chart-legend")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            for entry in &shown[rows] {
                let response = ui
                    .horizontal(|ui| {
                        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                        let (rect, _) =
                            ui.allocate_exact_size(Vec2::new(12.0, 3.0), Sense::hover());
                        ui.painter().rect_filled(rect, 0.0, entry.color);
                        let mut ticked = entry.shown;
                        let mut response = ui.checkbox(&mut ticked, entry.label);
                        if response.changed() {
                            toggle(entry, ticked, state, commands);
                        }
                        if is_cut(&response) {
                            response = response.on_hover_text(entry.label);
                        }
                        response
                    })
                    .inner;
                if response.hovered() {
                    hovered = Some(entry.id.to_owned());
                }
            }
        });
    if hovered != state.hovered {
        state.hovered = hovered;
        ui.ctx().request_repaint();
    }
    if frame.tab == ChartTab::Spread && frame.band.is_some() {
        band_key(ui);
    }
}

/// Whether the widget of `response` was drawn narrower than its text needs (its name cut).
fn is_cut(response: &egui::Response) -> bool {
    response
        .intrinsic_size()
        .is_some_and(|size| size.x > response.rect.width() + 0.5)
}

/// The key of the Spread tab's percentile band, drawn under the entries: the shaded P10–P90
/// range and the dashed median of the lookback window.
fn band_key(ui: &mut egui::Ui) {
    ui.separator();
    let grey = super::spread::BAND_COLOR;
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 10.0), Sense::hover());
        ui.painter()
            .rect_filled(rect, 0.0, grey.gamma_multiply(0.25));
        ui.label("P10–P90 band")
            .on_hover_text("Where the line spent the middle 80 % of the lookback window");
    });
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 10.0), Sense::hover());
        let y = rect.center().y;
        for x in [rect.left(), rect.left() + 5.0, rect.left() + 10.0] {
            ui.painter().line_segment(
                [egui::pos2(x, y), egui::pos2((x + 3.0).min(rect.right()), y)],
                egui::Stroke::new(1.0, grey),
            );
        }
        ui.label("Median (P50)")
            .on_hover_text("The median of the line over the lookback window");
    });
}

/// Shows or hides the line of `entry`: a series in the workspace, any other line here.
fn toggle(entry: &Entry<'_>, shown: bool, state: &mut LegendState, commands: &mut Vec<Command>) {
    match entry.toggles {
        Some(name) => commands.push(Command::SetVisible(name.clone(), shown)),
        None if shown => {
            state.hidden.remove(entry.id);
        }
        None => {
            state.hidden.insert(entry.id.to_owned());
        }
    }
}
