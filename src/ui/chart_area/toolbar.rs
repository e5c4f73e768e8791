//! The chart toolbar: the tab, the range (preset buttons or custom dates, checked as typed),
//! "Reset zoom", and a second row with the options of the tab shown. In a narrow chart area
//! (a small window), where the buttons would wrap onto three or four lines, the range's presets
//! and dates go into one "Range" menu, so the chart and the table below keep their height. Every change is a
//! [`Command::SetChart`] with the whole new settings.

use eframe::egui::{self, Key, RichText};

use crate::analytics::Metric;
use crate::chart::range::DateSpan;
use crate::chart::tab_plan::suggested_pair;
use crate::model::Date;
use crate::workspace::{ChartRange, ChartSettings, ChartTab, RangePreset, Workspace};

use super::super::command::Command;
use super::super::date_field::DateField;
use super::{ChartView, drawdown, performance, relative, rolling, rotation, spread};

/// The toolbar's unfinished edits.
#[derive(Clone, Debug, Default)]
pub struct ToolbarState {
    from_text: String,
    to_text: String,
    error: Option<String>,
    /// The span the date fields were last filled from.
    shown: Option<DateSpan>,
    /// A rolling window being dragged, sent when the drag ends.
    pub(super) rolling_edit: Option<u32>,
    /// A lookback being dragged, sent when the drag ends.
    pub(super) lookback_edit: Option<u32>,
    /// The performance chart's base date as typed.
    pub(super) base_date: DateField,
}

/// Narrower than this, in points, the chart area shows the range in a menu.
const RANGE_MENU_BELOW: f32 = 560.0;

/// Shows the toolbar; `span` is the chosen range's dates (`None` when nothing is charted).
pub fn show(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    span: Option<DateSpan>,
    view: &mut ChartView,
    commands: &mut Vec<Command>,
) {
    let settings = &workspace.chart;
    let in_menu = ui.available_width() < RANGE_MENU_BELOW;
    ui.horizontal_wrapped(|ui| {
        for tab in ChartTab::ALL {
            if ui
                .selectable_label(settings.tab == tab, tab.label())
                .on_hover_text(tab_definition(tab))
                .clicked()
                && settings.tab != tab
            {
                commands.push(Command::SetChart(switch_tab(workspace, tab)));
            }
        }
        ui.separator();
        if settings.tab == ChartTab::Rotation {
            // The rotation view has its own date slider; a range of dates means nothing there.
            return;
        }
        if in_menu {
            range_menu(ui, settings, span, &mut view.toolbar, commands);
        } else {
            presets(ui, settings, commands);
            ui.separator();
            custom_range(ui, settings, span, &mut view.toolbar, commands);
        }
        ui.separator();
        if ui
            .button("Reset zoom")
            .on_hover_text("Show the chosen range again (or double-click the chart)")
            .clicked()
        {
            view.reset_requested = true;
        }
    });
    ui.horizontal_wrapped(|ui| match settings.tab {
        ChartTab::Performance => performance::options(ui, settings, &mut view.toolbar, commands),
        ChartTab::Relative => relative::options(ui, workspace, commands),
        ChartTab::Spread => spread::options(ui, workspace, &mut view.toolbar, commands),
        ChartTab::Drawdown => drawdown::options(ui),
        ChartTab::Rolling => rolling::options(ui, settings, &mut view.toolbar, commands),
        ChartTab::Rotation => rotation::options(ui, workspace, &mut view.rotation, commands),
    });
}

/// What a tab draws, in the written definitions of its transforms.
fn tab_definition(tab: ChartTab) -> String {
    match tab {
        ChartTab::Performance => Metric::Rebased.definition(),
        ChartTab::Relative => format!(
            "{}\n\n{}",
            Metric::Relative.definition(),
            Metric::PerformanceDifference.definition()
        ),
        ChartTab::Spread => Metric::Spread.definition(),
        ChartTab::Drawdown => Metric::MaxDrawdown.definition(),
        ChartTab::Rotation => [
            Metric::Rotation,
            Metric::RsRatio,
            Metric::RsMomentum,
            Metric::RotationAlignment,
        ]
        .map(Metric::definition)
        .join("\n\n"),
        ChartTab::Rolling => {
            "Rolling return: the N-session return C_s / C_{s−N} − 1 at every session with N \
             sessions (rows) before it; sessions where a close is not positive are left out."
                .to_string()
        }
    }
}

/// The settings for showing `tab`; a pair tab without a pair gets the suggested one.
fn switch_tab(workspace: &Workspace, tab: ChartTab) -> ChartSettings {
    let mut settings = ChartSettings {
        tab,
        ..workspace.chart.clone()
    };
    match tab {
        ChartTab::Relative if settings.relative_pair.is_none() => {
            settings.relative_pair = suggested_pair(workspace, tab);
        }
        ChartTab::Spread if settings.spread_pair.is_none() => {
            settings.spread_pair = suggested_pair(workspace, tab);
        }
        _ => {}
    }
    settings
}

/// A button for each range preset, the chosen one selected.
fn presets(ui: &mut egui::Ui, settings: &ChartSettings, commands: &mut Vec<Command>) {
    for preset in RangePreset::ALL {
        let selected = settings.range == ChartRange::Preset(preset);
        if ui.selectable_label(selected, preset.label()).clicked() && !selected {
            commands.push(Command::SetChart(ChartSettings {
                range: ChartRange::Preset(preset),
                ..settings.clone()
            }));
        }
    }
}

/// "Range: 5Y": a menu with the presets and the custom dates, for a narrow toolbar.
fn range_menu(
    ui: &mut egui::Ui,
    settings: &ChartSettings,
    span: Option<DateSpan>,
    state: &mut ToolbarState,
    commands: &mut Vec<Command>,
) {
    let chosen = match settings.range {
        ChartRange::Preset(preset) => preset.label(),
        ChartRange::Custom { .. } => "custom dates",
    };
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    egui::containers::menu::MenuButton::new(format!("Range: {chosen}"))
        .config(config)
        .ui(ui, |ui| {
            ui.horizontal(|ui| presets(ui, settings, commands));
            ui.separator();
            ui.horizontal(|ui| custom_range(ui, settings, span, state, commands));
        })
        .0
        .on_hover_text("The range of dates the chart shows: a preset, or two dates");
}

/// "From [date] To [date] [Apply]", filled with the shown range while not being edited.
fn custom_range(
    ui: &mut egui::Ui,
    settings: &ChartSettings,
    span: Option<DateSpan>,
    state: &mut ToolbarState,
    commands: &mut Vec<Command>,
) {
    let from_id = ui.make_persistent_id("chart-range-from");
    let to_id = ui.make_persistent_id("chart-range-to");
    let editing = ui
        .ctx()
        .memory(|m| m.has_focus(from_id) || m.has_focus(to_id));
    if !editing && state.shown != span {
        if let Some(span) = span {
            state.from_text = span.from.to_string();
            state.to_text = span.to.to_string();
        }
        state.shown = span;
        state.error = None;
    }
    let custom = matches!(settings.range, ChartRange::Custom { .. });
    ui.label(if custom {
        RichText::new("From").strong()
    } else {
        RichText::new("From")
    });
    let from = ui.add(
        egui::TextEdit::singleline(&mut state.from_text)
            .id(from_id)
            .hint_text("YYYY-MM-DD")
            .desired_width(84.0),
    );
    ui.label("to");
    let to = ui.add(
        egui::TextEdit::singleline(&mut state.to_text)
            .id(to_id)
            .hint_text("YYYY-MM-DD")
            .desired_width(84.0),
    );
    let entered = (from.lost_focus() || to.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
    if ui.button("Apply").clicked() || entered {
        match parse_range(&state.from_text, &state.to_text) {
            Ok(range) => {
                state.error = None;
                if settings.range != range {
                    commands.push(Command::SetChart(ChartSettings {
                        range,
                        ..settings.clone()
                    }));
                }
            }
            Err(message) => state.error = Some(message),
        }
    }
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
}

/// A custom range from the two fields, or what is wrong with them.
fn parse_range(from: &str, to: &str) -> Result<ChartRange, String> {
    let parse = |text: &str, which: &str| {
        Date::parse_iso(text.trim()).ok_or_else(|| format!("{which}: use a date like 2024-03-28"))
    };
    let from = parse(from, "From")?;
    let to = parse(to, "To")?;
    if from > to {
        return Err("The start is after the end".to_string());
    }
    Ok(ChartRange::Custom { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Series, SeriesKind, Source};
    use crate::workspace::SeriesPair;

    #[test]
    fn custom_dates_are_checked() {
        let range = parse_range(" 2020-01-31 ", "2024-02-29").unwrap();
        assert_eq!(
            range,
            ChartRange::Custom {
                from: Date::from_ymd(2020, 1, 31).unwrap(),
                to: Date::from_ymd(2024, 2, 29).unwrap()
            }
        );
        assert_eq!(
            parse_range("2020-02-30", "2024-01-01"),
            Err("From: use a date like 2024-03-28".to_string())
        );
        assert_eq!(
            parse_range("2020-01-01", "tomorrow"),
            Err("To: use a date like 2024-03-28".to_string())
        );
        assert_eq!(
            parse_range("2024-01-02", "2024-01-01"),
            Err("The start is after the end".to_string())
        );
    }

    #[test]
    fn switching_to_a_pair_tab_suggests_a_pair() {
        let mut workspace = Workspace::empty();
        for name in ["A", "B"] {
            let series = Series::new(
                name,
                SeriesKind::Price,
                Source::default(),
                vec![Date::from_ymd(2024, 1, 2).unwrap()],
                vec![1.0],
            )
            .unwrap();
            workspace.add_series(series);
        }
        let settings = switch_tab(&workspace, ChartTab::Relative);
        assert_eq!(settings.tab, ChartTab::Relative);
        assert_eq!(settings.relative_pair, Some(SeriesPair::new("A", "B")));
        workspace.chart.relative_pair = Some(SeriesPair::new("B", "A"));
        let settings = switch_tab(&workspace, ChartTab::Relative);
        assert_eq!(settings.relative_pair, Some(SeriesPair::new("B", "A")));
        assert_eq!(
            switch_tab(&workspace, ChartTab::Drawdown).tab,
            ChartTab::Drawdown
        );
    }
}
