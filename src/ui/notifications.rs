//! Non-modal notifications: errors, warnings and completions shown as toasts in the corner of
//! the window. Information fades after a few seconds; errors stay until dismissed. A toast shows
//! its first detail lines; "Show all" opens every line (each skipped line of an import) in a
//! window that can be copied from.

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
    /// When it appeared (egui time, seconds).
    created: Option<f64>,
    id: u64,
}

/// Seconds a success or information toast stays.
const FADE_AFTER: f64 = 6.0;
/// Most toasts shown at once.
const MAX_SHOWN: usize = 5;
/// Detail lines a toast shows; the rest are behind "Show all".
const DETAILS_SHOWN: usize = 8;

/// The notifications currently shown.
#[derive(Debug, Default)]
pub struct Notifications {
    items: Vec<Notification>,
    next_id: u64,
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
            id: self.next_id,
        });
        self.next_id += 1;
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

    /// Shows the toasts in the bottom-right corner and retires expired ones.
    pub fn show(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        for item in &mut self.items {
            item.created.get_or_insert(now);
        }
        self.show_full(ctx);
        self.items.retain(|item| {
            matches!(item.level, Level::Error | Level::Warning)
                || item.created.is_none_or(|t| now - t < FADE_AFTER)
        });
        if self.items.len() > MAX_SHOWN * 4 {
            let excess = self.items.len() - MAX_SHOWN * 4;
            self.items.drain(..excess);
        }
        if self.items.is_empty() {
            return;
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
        let mut dismissed = Vec::new();
        let mut open_full = None;
        egui::Area::new(egui::Id::unique("notifications"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                let shown = self.items.len().saturating_sub(MAX_SHOWN);
                for item in &self.items[shown..] {
                    let color = match item.level {
                        Level::Success => egui::Color32::from_rgb(46, 160, 67),
                        Level::Info => ui.visuals().hyperlink_color,
                        Level::Warning => egui::Color32::from_rgb(210, 153, 34),
                        Level::Error => egui::Color32::from_rgb(218, 54, 51),
                    };
                    egui::Frame::popup(ui.style())
                        .stroke(egui::Stroke::new(1.5, color))
                        .show(ui, |ui| {
                            ui.horizontal(|ui| {
                                ui.colored_label(color, "■");
                                // Long messages (paths, who holds a lock) wrap within the
                                // notification instead of running off the window.
                                ui.add(egui::Label::new(&item.text).wrap());
                                if ui.small_button("x").on_hover_text("Dismiss").clicked() {
                                    dismissed.push(item.id);
                                }
                            });
                            if let Some(file) = &item.file {
                                ui.horizontal(|ui| {
                                    if ui.small_button("Copy path").clicked() {
                                        ui.ctx().copy_text(file.display().to_string());
                                    }
                                    if ui.small_button("Open folder").clicked()
                                        && let Err(error) = open_folder(file)
                                    {
                                        log::warn!(
                                            "cannot open the folder of {}: {error}",
                                            file.display()
                                        );
                                    }
                                });
                            }
                            for detail in item.details.iter().take(DETAILS_SHOWN) {
                                ui.small(detail);
                            }
                            if item.details.len() > DETAILS_SHOWN {
                                ui.horizontal(|ui| {
                                    ui.small(format!(
                                        "… and {} more",
                                        item.details.len() - DETAILS_SHOWN
                                    ));
                                    if ui.small_button("Show all").clicked() {
                                        open_full = Some(item.clone());
                                    }
                                });
                            }
                        });
                    ui.add_space(4.0);
                }
            });
        self.items.retain(|item| !dismissed.contains(&item.id));
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
        egui::Window::new(&item.text)
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
                    ui.ctx().copy_text(item.details.join("\n"));
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
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
