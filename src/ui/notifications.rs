//! Non-modal notifications: errors, warnings and completions shown as toasts in the corner of
//! the window. Information fades after a few seconds; errors stay until dismissed. Each toast is
//! one line; "Details" opens its whole message and every detail line (each skipped line of an
//! import, every series name) in a window that can be copied from. At most three are stacked, with
//! a count of the others; none is drawn over a dialog or the import preview, and none moves or
//! leaves while the pointer is over the stack.

use eframe::egui;

/// How important a notification is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something finished.
    Success,
    /// Something to know.
    Info,
    /// Something went partly wrong.
    Warning,
    /// Something failed.
    Error,
}

/// One notification.
#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    /// Its importance.
    pub level: Level,
    /// The message.
    pub text: String,
    /// More lines, shown below the message.
    pub details: Vec<String>,
    /// The file it is about, offered as "Copy path" and "Open folder".
    pub file: Option<std::path::PathBuf>,
    /// When it was first shown (egui time, seconds).
    created: Option<f64>,
    /// Dismissed while the pointer was over the stack: an empty slot until the pointer leaves.
    dismissed: bool,
}

impl Notification {
    /// Whether the one-line toast hides something: detail lines or a message too long for it.
    fn has_more(&self) -> bool {
        !self.details.is_empty() || self.text.chars().count() > ONE_LINE_CHARS
    }
}

/// Seconds a success or information toast stays.
const FADE_AFTER: f64 = 6.0;
/// Most toasts shown at once; a line above them counts the others.
const MAX_SHOWN: usize = 3;
/// Most notifications kept; older ones are dropped.
const KEPT: usize = 20;
/// The width of a toast, in points.
const TOAST_WIDTH: f32 = 420.0;
/// Characters of a message that fit on a toast's line (longer ones offer Details).
const ONE_LINE_CHARS: usize = 50;

/// The notifications currently shown.
#[derive(Debug, Default)]
pub struct Notifications {
    items: Vec<Notification>,
    /// Whether the pointer was over the stack on the last frame.
    hovered: bool,
    /// The notification whose every detail line is open in a window.
    full: Option<Notification>,
}

impl Notifications {
    /// Adds a notification.
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        self.push_with_details(level, text, Vec::new());
    }

    /// Adds a notification with detail lines.
    pub fn push_with_details(
        &mut self,
        level: Level,
        text: impl Into<String>,
        details: Vec<String>,
    ) {
        self.items.push(Notification {
            level,
            text: text.into(),
            details,
            file: None,
            created: None,
            dismissed: false,
        });
    }

    /// Adds a notification about a file written, with "Copy path" and "Open folder".
    pub fn push_file(&mut self, level: Level, text: impl Into<String>, file: std::path::PathBuf) {
        self.push(level, text);
        if let Some(last) = self.items.last_mut() {
            last.file = Some(file);
        }
    }

    /// The notifications shown now, oldest first.
    #[must_use]
    pub fn items(&self) -> &[Notification] {
        &self.items
    }

    /// Shows the toasts in the bottom-right corner and retires expired ones. While `blocked`
    /// (a dialog or the import preview is open) no toast is drawn, so none covers it: they wait,
    /// their time not yet running, and appear when it closes.
    pub fn show(&mut self, ctx: &egui::Context, blocked: bool) {
        self.show_full(ctx);
        if blocked {
            self.hovered = false;
            return;
        }
        let now = ctx.input(|i| i.time);
        let shown_from = self.items.len().saturating_sub(MAX_SHOWN);
        for item in &mut self.items[shown_from..] {
            item.created.get_or_insert(now);
        }
        // While the pointer is over the stack nothing leaves it or moves: a dismissed toast
        // keeps its place as an empty slot, and none fades, until the pointer goes.
        if !self.hovered {
            self.items.retain(|item| {
                !item.dismissed
                    && (matches!(item.level, Level::Error | Level::Warning)
                        || item.created.is_none_or(|t| now - t < FADE_AFTER))
            });
        }
        if self.items.len() > KEPT {
            let excess = self.items.len() - KEPT;
            self.items.drain(..excess);
        }
        if self.items.is_empty() {
            self.hovered = false;
            return;
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
        let mut open_full = None;
        let shown_from = self.items.len().saturating_sub(MAX_SHOWN);
        let waiting = shown_from;
        let hovered_before = self.hovered;
        let area = egui::Area::new(egui::Id::unique("notifications"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_width(TOAST_WIDTH);
                if waiting > 0 {
                    ui.weak(format!(
                        "{waiting} more {}",
                        if waiting == 1 {
                            "notification"
                        } else {
                            "notifications"
                        }
                    ));
                }
                for item in &mut self.items[shown_from..] {
                    let color = match item.level {
                        Level::Success => egui::Color32::from_rgb(46, 160, 67),
                        Level::Info => ui.visuals().hyperlink_color,
                        Level::Warning => egui::Color32::from_rgb(210, 153, 34),
                        Level::Error => egui::Color32::from_rgb(218, 54, 51),
                    };
                    let (dismiss, details) = if item.dismissed {
                        // The empty slot is the toast drawn invisibly, so nothing moves.
                        ui.scope(|ui| {
                            ui.set_invisible();
                            toast(ui, item, color);
                        });
                        (false, false)
                    } else {
                        toast(ui, item, color)
                    };
                    item.dismissed |= dismiss;
                    if details {
                        open_full = Some(item.clone());
                    }
                    ui.add_space(4.0);
                }
            });
        self.hovered = ctx
            .pointer_hover_pos()
            .is_some_and(|pos| area.response.rect.contains(pos));
        if hovered_before && !self.hovered {
            ctx.request_repaint();
        }
        if open_full.is_some() {
            self.full = open_full;
        }
    }

    /// The window with every detail line of one notification, while it is open.
    fn show_full(&mut self, ctx: &egui::Context) {
        let Some(item) = &self.full else {
            return;
        };
        let mut open = true;
        egui::Window::new("Details")
            .id(egui::Id::unique("notification-details"))
            .open(&mut open)
            .collapsible(false)
            .default_size([560.0, 360.0])
            .show(ctx, |ui| {
                if ui
                    .button("Copy")
                    .on_hover_text("Copy every line, for a spreadsheet or a message")
                    .clicked()
                {
                    let mut text = item.text.clone();
                    for detail in &item.details {
                        text.push('\n');
                        text.push_str(detail);
                    }
                    ui.ctx().copy_text(text);
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.add(egui::Label::new(&item.text).wrap());
                    for detail in &item.details {
                        ui.label(detail);
                    }
                });
            });
        if !open {
            self.full = None;
        }
    }
}

/// Draws one toast: a coloured mark, the message on one line (whole in its tooltip), Details when
/// there is more, and the dismiss button. Returns whether dismiss and Details were clicked.
fn toast(ui: &mut egui::Ui, item: &Notification, color: egui::Color32) -> (bool, bool) {
    let mut dismiss = false;
    let mut details = false;
    egui::Frame::popup(ui.style())
        .stroke(egui::Stroke::new(1.5, color))
        .show(ui, |ui| {
            ui.set_width(TOAST_WIDTH - 16.0);
            ui.horizontal(|ui| {
                ui.colored_label(color, "■");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    dismiss = ui.small_button("x").on_hover_text("Dismiss").clicked();
                    if let Some(file) = &item.file {
                        if ui.small_button("Open folder").clicked()
                            && let Err(error) = open_folder(file)
                        {
                            log::warn!("cannot open the folder of {}: {error}", file.display());
                        }
                        if ui.small_button("Copy path").clicked() {
                            ui.ctx().copy_text(file.display().to_string());
                        }
                    }
                    details = item.has_more()
                        && ui
                            .small_button("Details")
                            .on_hover_text("Every line, in a window you can copy from")
                            .clicked();
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(egui::Label::new(&item.text).truncate())
                            .on_hover_text(&item.text);
                    });
                });
            });
        });
    (dismiss, details)
}

/// Opens the folder holding `file` in the system's file manager.
fn open_folder(file: &std::path::Path) -> std::io::Result<()> {
    let folder = file
        .parent()
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|_| ())
}
