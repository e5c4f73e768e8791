//! The "New derived series" dialog: a total return, a series in another currency, a weighted
//! composite or an equal-weight index of chosen series (or of a file's series), with a live
//! preview of what the definition makes; and the question asked when a removed series has
//! derived series built on it. Both read the workspace and emit commands.

use eframe::egui;
use egui_plot::{Line, Plot, PlotPoints};

use crate::derive::{
    Derivation, DerivedDefinition, DividendMode, FxOperation, Weighted, parse_definition,
};
use crate::workspace::Workspace;

use super::accessible;
use super::command::Command;

/// The kinds of derived series the dialog makes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DeriveKind {
    /// `total_return(P, D, cash|annual-rate)`.
    #[default]
    TotalReturn,
    /// `convert(S, FX, multiply|divide)`.
    Currency,
    /// `composite(w1*S1, …)` with typed weights.
    Composite,
    /// `composite(1/k*S1, …)` of the chosen series.
    EqualWeight,
}

impl DeriveKind {
    const ALL: [DeriveKind; 4] = [
        DeriveKind::TotalReturn,
        DeriveKind::Currency,
        DeriveKind::Composite,
        DeriveKind::EqualWeight,
    ];

    fn label(self) -> &'static str {
        match self {
            DeriveKind::TotalReturn => "Total return",
            DeriveKind::Currency => "Currency",
            DeriveKind::Composite => "Composite",
            DeriveKind::EqualWeight => "Equal-weight index of these series",
        }
    }
}

/// What the dialog holds while open.
#[derive(Debug, Default)]
pub struct DeriveDialogState {
    /// Whether the dialog is shown.
    pub open: bool,
    /// The kind being made.
    pub kind: DeriveKind,
    /// The name of the new series (empty: a name is proposed).
    pub name: String,
    /// Total return: the price and dividend series and how dividends are read.
    pub price: String,
    /// Total return: the dividend series.
    pub dividends: String,
    /// Total return: how the dividends are read.
    pub annual_rate: bool,
    /// Currency: the series to convert.
    pub series: String,
    /// Currency: the exchange rate.
    pub fx: String,
    /// Currency: divide by the rate instead of multiplying.
    pub divide: bool,
    /// Composite: the members as typed, `0.6*SPY, 0.4*IWM`.
    pub members: String,
    /// Equal weight: the chosen series, in workspace order.
    pub chosen: Vec<String>,
}

impl DeriveDialogState {
    /// Opens the dialog for an equal-weight index of `names`.
    pub fn open_equal_weight(&mut self, names: Vec<String>) {
        *self = DeriveDialogState {
            open: true,
            kind: DeriveKind::EqualWeight,
            chosen: names,
            ..DeriveDialogState::default()
        };
    }

    /// The definition the fields make, or why they make none.
    pub fn definition(&self, workspace: &Workspace) -> Result<DerivedDefinition, String> {
        let derivation = match self.kind {
            DeriveKind::TotalReturn => Derivation::TotalReturn {
                price: self.price.clone(),
                dividends: self.dividends.clone(),
                mode: if self.annual_rate {
                    DividendMode::AnnualRate
                } else {
                    DividendMode::Cash
                },
            },
            DeriveKind::Currency => Derivation::Convert {
                series: self.series.clone(),
                fx: self.fx.clone(),
                operation: if self.divide {
                    FxOperation::Divide
                } else {
                    FxOperation::Multiply
                },
            },
            DeriveKind::Composite => {
                let text = format!("X = composite({})", self.members);
                parse_definition(&text)
                    .map_err(|e| e.to_string().replacen("\"X = ", "\"", 1))?
                    .derivation
            }
            DeriveKind::EqualWeight => {
                let chosen: Vec<String> = workspace
                    .series
                    .iter()
                    .map(|s| s.name().to_string())
                    .filter(|n| self.chosen.contains(n))
                    .collect();
                if chosen.len() < 2 {
                    return Err("Choose at least two series.".to_string());
                }
                Derivation::equal_weight(&chosen)
            }
        };
        let name = if self.name.trim().is_empty() {
            proposed_name(&derivation)
        } else {
            self.name.trim().to_string()
        };
        Ok(DerivedDefinition { name, derivation })
    }
}

/// A name for a derived series the user did not name.
fn proposed_name(derivation: &Derivation) -> String {
    match derivation {
        Derivation::TotalReturn { price, .. } => format!("{price} TR"),
        Derivation::Convert { series, fx, .. } => format!("{series} in {fx}"),
        Derivation::Composite { members } => {
            let names: Vec<&str> = members.iter().map(|m| m.series.as_str()).collect();
            let equal = members
                .iter()
                .all(|m: &Weighted| (m.weight - members[0].weight).abs() < 1e-12);
            if equal {
                format!("Equal weight ({})", names.join(", "))
            } else {
                format!("Composite ({})", names.join(", "))
            }
        }
    }
}

/// Shows the dialog when open.
pub fn show(
    ctx: &egui::Context,
    workspace: &Workspace,
    state: &mut DeriveDialogState,
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    let names: Vec<String> = workspace
        .series
        .iter()
        .map(|s| s.name().to_string())
        .collect();
    let mut open = true;
    let mut create = None;
    egui::Window::new("New derived series")
        .id(egui::Id::unique("derive-dialog"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                for kind in DeriveKind::ALL {
                    ui.selectable_value(&mut state.kind, kind, kind.label());
                }
            });
            ui.separator();
            let name_label = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(&mut state.name)
                    .hint_text("proposed from the inputs")
                    .desired_width(300.0),
            )
            .labelled_by(name_label.id);
            fields(ui, workspace, &names, state);
            ui.separator();
            let definition = state.definition(workspace);
            let preview = definition
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|d| workspace.compute_derived(d).map_err(|e| e.to_string()));
            if let Ok(definition) = &definition {
                ui.label(egui::RichText::new(definition.to_string()).monospace())
                    .on_hover_text(definition.derivation.definition());
            }
            match &preview {
                Ok(series) => {
                    if let (Some((first, _)), Some((last, value))) = (series.first(), series.last())
                    {
                        ui.label(format!(
                            "Preview: {} observations, {first} … {last}, last {value:.2}",
                            series.len()
                        ));
                    }
                    let points: PlotPoints = series
                        .dates()
                        .iter()
                        .zip(series.values())
                        .map(|(d, v)| [f64::from(d.day_number()), *v])
                        .collect();
                    Plot::new("derive-preview")
                        .height(140.0)
                        .show_axes([false, true])
                        .allow_drag(false)
                        .allow_zoom(false)
                        .allow_scroll(false)
                        .show(ui, |plot| plot.line(Line::new("preview", points)));
                }
                Err(message) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
            }
            ui.horizontal(|ui| {
                let ready = preview.is_ok();
                if ui
                    .add_enabled(ready, egui::Button::new("Create"))
                    .on_hover_text("Add the series; it follows its inputs when they change")
                    .clicked()
                    && let Ok(definition) = definition
                {
                    create = Some(definition);
                }
                if ui.button("Cancel").clicked() {
                    state.open = false;
                }
            });
        });
    if let Some(definition) = create {
        commands.push(Command::AddDerived(definition));
        state.open = false;
    }
    if !open {
        state.open = false;
    }
}

/// The inputs of the chosen kind.
fn fields(
    ui: &mut egui::Ui,
    workspace: &Workspace,
    names: &[String],
    state: &mut DeriveDialogState,
) {
    match state.kind {
        DeriveKind::TotalReturn => {
            pick(ui, "Price", names, &mut state.price);
            pick(ui, "Dividends", names, &mut state.dividends);
            ui.horizontal(|ui| {
                ui.radio_value(&mut state.annual_rate, false, "cash per share on ex-dates")
                    .on_hover_text(crate::derive::TOTAL_RETURN_CASH);
                ui.radio_value(&mut state.annual_rate, true, "annual dividend (Shiller)")
                    .on_hover_text(crate::derive::TOTAL_RETURN_ANNUAL_RATE);
            });
        }
        DeriveKind::Currency => {
            pick(ui, "Series", names, &mut state.series);
            pick(ui, "Exchange rate", names, &mut state.fx);
            ui.horizontal(|ui| {
                ui.radio_value(&mut state.divide, false, "multiply by the rate")
                    .on_hover_text(crate::derive::CONVERT);
                ui.radio_value(&mut state.divide, true, "divide by the rate")
                    .on_hover_text(crate::derive::CONVERT);
            });
        }
        DeriveKind::Composite => {
            let label = ui
                .label("Members (weight*series, separated by commas; negative for a short leg)")
                .on_hover_text(crate::derive::COMPOSITE);
            ui.add(
                egui::TextEdit::singleline(&mut state.members)
                    .hint_text("0.6*SPY, 0.4*IWM")
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label.id);
        }
        DeriveKind::EqualWeight => {
            ui.label("Series in the index, each weighted 1/k and rebalanced every session")
                .on_hover_text(crate::derive::COMPOSITE);
            egui::ScrollArea::vertical()
                .id_salt("equal-weight-members")
                .max_height(160.0)
                .show(ui, |ui| {
                    for name in names {
                        let mut chosen = state.chosen.contains(name);
                        let checkbox = ui.checkbox(&mut chosen, name.as_str());
                        accessible::name(
                            &checkbox,
                            egui::Role::CheckBox,
                            &format!("In the index: {name}"),
                        );
                        if checkbox.changed() {
                            if chosen {
                                state.chosen.push(name.clone());
                            } else {
                                state.chosen.retain(|n| n != name);
                            }
                        }
                    }
                });
            let files = workspace.source_files();
            if !files.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label("All series of:");
                    for file in files {
                        let label = file.file_name().map_or_else(
                            || file.display().to_string(),
                            |f| f.to_string_lossy().into_owned(),
                        );
                        if ui.small_button(&label).clicked() {
                            state.chosen = workspace
                                .series
                                .iter()
                                .filter(|s| s.series.source.path.as_ref() == Some(&file))
                                .map(|s| s.name().to_string())
                                .collect();
                        }
                    }
                });
            }
        }
    }
}

/// A combo box choosing one of `names`.
fn pick(ui: &mut egui::Ui, label: &str, names: &[String], value: &mut String) {
    if !names.contains(value)
        && let Some(first) = names.first()
    {
        value.clone_from(first);
    }
    ui.horizontal(|ui| {
        ui.label(label);
        let combo = egui::ComboBox::from_id_salt(("derive", label))
            .width(220.0)
            .selected_text(value.as_str())
            .show_ui(ui, |ui| {
                for name in names {
                    ui.selectable_value(value, name.clone(), name.as_str());
                }
            });
        accessible::name(&combo.response, egui::Role::ComboBox, label);
    });
}

/// The question asked before removing a series that derived series are built on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoveQuestion {
    /// The series to remove.
    pub names: Vec<String>,
    /// The derived series built on it.
    pub dependents: Vec<String>,
}

/// Shows the question; returns whether it is still open.
pub fn show_remove_question(
    ctx: &egui::Context,
    question: &RemoveQuestion,
    commands: &mut Vec<Command>,
) -> bool {
    let mut still_open = true;
    let removed = match question.names.as_slice() {
        [one] => one.clone(),
        many => format!("{} series", many.len()),
    };
    egui::Window::new(format!("Remove {removed}?"))
        .id(egui::Id::unique("remove-question"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(format!(
                "{} {} built on {}: {}.",
                question.dependents.len(),
                if question.dependents.len() == 1 {
                    "derived series is"
                } else {
                    "derived series are"
                },
                removed,
                question.dependents.join(", ")
            ));
            ui.add_space(6.0);
            if ui.button("Remove them too").clicked() {
                commands.push(Command::RemoveWithDependents(question.names.clone()));
                still_open = false;
            }
            if ui
                .button("Keep them with their current values")
                .on_hover_text("They become plain series and no longer follow their inputs")
                .clicked()
            {
                commands.push(Command::RemoveKeepingDependents(question.names.clone()));
                still_open = false;
            }
            if ui.button("Cancel").clicked() {
                still_open = false;
            }
        });
    still_open
}
