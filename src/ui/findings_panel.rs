//! The findings: the analytics' sentences, each a link that shows on the chart the series and
//! the dates it speaks of (its hover also gives the written definition of a headline or relative
//! move), followed by how the figures are rounded.

use eframe::egui::{self, CursorIcon, Sense, Shape};

use crate::analytics::{Finding, FindingKind, Metric, ROUNDING_NOTE};
use crate::workspace::Focus;

use super::command::Command;

/// Shows `findings`; a click on one pushes [`Command::Focus`] with its series and dates.
pub fn show(ui: &mut egui::Ui, findings: &[Finding], commands: &mut Vec<Command>) {
    let sentences: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind != FindingKind::Rounding)
        .collect();
    if sentences.is_empty() {
        ui.weak("No findings yet: they appear once the series have enough history.");
        return;
    }
    for finding in sentences {
        // Reserve the background before the text so the highlight is painted beneath it.
        let background = ui.painter().add(Shape::Noop);
        let response = ui
            .add(
                egui::Label::new(format!("• {}", finding.text))
                    .wrap()
                    .sense(Sense::click()),
            )
            .on_hover_cursor(CursorIcon::PointingHand)
            .on_hover_text(focus_hint(finding));
        if response.hovered() {
            let visuals = &ui.visuals().widgets.hovered;
            ui.painter().set(
                background,
                Shape::rect_filled(
                    response.rect.expand(2.0),
                    visuals.corner_radius,
                    visuals.weak_bg_fill,
                ),
            );
        }
        if response.clicked() {
            commands.push(Command::Focus(Focus::of(finding)));
        }
    }
    ui.add_space(4.0);
    let note = findings
        .iter()
        .find(|f| f.kind == FindingKind::Rounding)
        .map_or(ROUNDING_NOTE, |f| f.text.as_str());
    ui.small(note);
}

fn focus_hint(finding: &Finding) -> String {
    let dates = if finding.from == finding.to {
        format!("on {}", finding.from)
    } else {
        format!("from {} to {}", finding.from, finding.to)
    };
    let show = if finding.series.is_empty() {
        format!("Show the chart {dates}")
    } else {
        format!("Show {} {dates} on the chart", finding.series.join(", "))
    };
    let definition = match finding.kind {
        FindingKind::Move => Some(Metric::HeadlineMove),
        FindingKind::RelativeMove => Some(Metric::RelativeMove),
        _ => None,
    };
    match definition {
        Some(metric) => format!("{show}\n\n{}", metric.definition()),
        None => show,
    }
}
