//! The spread chart: its options (the pair; ratio or difference, the one the pair leads with
//! first; the lookback of the percentile band) and the band itself — the 10th–90th percentile
//! levels shaded over the lookback window with the median as a dashed line; the spread line's
//! legend names the latest value's percentile.

use eframe::egui::{self, Color32};
use egui_plot::{FilledArea, Line, LineStyle, PlotUi};

use crate::chart::spread_band::SpreadBand;
use crate::workspace::{ChartSettings, ChartTab, SpreadMode, Workspace};

use super::super::command::Command;
use super::super::deferred_number::deferred_number;
use super::pair_picker::pair_combos;
use super::toolbar::ToolbarState;

/// The pair lists, "Difference | Ratio" and "Lookback [N] years".
pub fn options(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    state: &mut ToolbarState,
    commands: &mut Vec<Command>,
) {
    let settings = &workspace.chart;
    if let Some(pair) = &settings.spread_pair {
        pair_combos(ui, workspace, ChartTab::Spread, pair, commands);
        ui.separator();
    }
    let difference = (
        SpreadMode::Difference,
        "Difference",
        "A − B, for valuations, yields and rates in the same unit",
    );
    let ratio = (
        SpreadMode::Ratio,
        "Ratio",
        "A ÷ B, for levels: of two prices, their relative strength",
    );
    // The mode the pair leads with comes first: the ratio for two prices.
    let pair = settings.spread_pair.as_ref();
    let modes = match pair.map(|p| workspace.leading_spread_mode(&p.a, &p.b)) {
        Some(SpreadMode::Ratio) => [ratio, difference],
        _ => [difference, ratio],
    };
    for (mode, label, hint) in modes {
        let selected = settings.spread_mode == mode;
        if ui
            .selectable_label(selected, label)
            .on_hover_text(hint)
            .clicked()
            && !selected
        {
            commands.push(Command::SetChart(ChartSettings {
                spread_mode: mode,
                ..settings.clone()
            }));
        }
    }
    ui.separator();
    if let Some(years) = deferred_number(
        ui,
        "Lookback",
        &mut state.lookback_edit,
        settings.lookback_years,
        1..=ChartSettings::MAX_LOOKBACK_YEARS,
        " years",
        "How far back the percentile band and rank look",
    ) {
        commands.push(Command::SetChart(ChartSettings {
            lookback_years: years,
            ..settings.clone()
        }));
    }
}

/// The grey of the percentile band and its median (also in the legend's key).
pub const BAND_COLOR: Color32 = Color32::from_rgb(0x80, 0x80, 0x80);

/// Draws the band over its window: P10–P90 shaded, P50 dashed.
pub fn draw_band(plot_ui: &mut PlotUi<'_>, band: &SpreadBand) {
    let xs = [
        f64::from(band.from.day_number()),
        f64::from(band.to.day_number()),
    ];
    let band_color = BAND_COLOR;
    plot_ui.add(
        FilledArea::new(
            "P10–P90 band",
            &xs,
            &[band.p10, band.p10],
            &[band.p90, band.p90],
        )
        .id("band")
        .fill_color(band_color.gamma_multiply(0.25))
        .allow_hover(false),
    );
    plot_ui.add(
        Line::new("Median (P50)", vec![[xs[0], band.p50], [xs[1], band.p50]])
            .id("median")
            .color(band_color)
            .style(LineStyle::dashed_loose())
            .width(1.0)
            .allow_hover(false),
    );
}
