//! Files handed over by a new process — "Open with Rotation Lens" on a CSV file while this
//! window has the workspace open: a thread notices new requests in the inbox and wakes the
//! window, which takes those for its workspace and imports them through the preview.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use eframe::egui;

use super::RotationLensApp;
use crate::ui::command::Command;
use crate::ui::notifications::Level;
use crate::workspace::Inbox;

/// How often the thread looks for new requests.
const POLL: Duration = Duration::from_millis(250);

/// The inbox this window takes its files from, watched by a thread that lives as long as it.
pub(super) struct InboxWatch {
    inbox: Inbox,
    /// Set by the thread when new requests arrived: only then does a frame read the inbox.
    arrived: Arc<AtomicBool>,
    /// Dropped with the window, which ends the thread.
    _alive: Arc<()>,
}

impl InboxWatch {
    /// Watches `inbox`, waking `ctx` when a request arrives.
    pub(super) fn start(inbox: Inbox, ctx: egui::Context) -> InboxWatch {
        let alive = Arc::new(());
        let window = Arc::downgrade(&alive);
        let arrived = Arc::new(AtomicBool::new(false));
        let signal = Arc::clone(&arrived);
        let watched = inbox.clone();
        let started = std::thread::Builder::new()
            .name("inbox".to_string())
            .spawn(move || {
                let mut seen = Vec::new();
                while window.strong_count() > 0 {
                    std::thread::sleep(POLL);
                    let waiting = watched.waiting();
                    if !waiting.is_empty() && waiting != seen {
                        signal.store(true, Ordering::Release);
                        ctx.request_repaint();
                    }
                    seen = waiting;
                }
            });
        if let Err(error) = started {
            log::warn!("files opened from outside will open new windows: {error}");
        }
        InboxWatch {
            inbox,
            arrived,
            _alive: alive,
        }
    }
}

impl RotationLensApp {
    /// Imports the files another process handed to this window, when this window is the one
    /// that has the workspace open for writing.
    pub(super) fn take_handed_files(&mut self) {
        let Some(watch) = &self.inbox else {
            return;
        };
        if self.document.access().lock().is_none() || !watch.arrived.swap(false, Ordering::AcqRel) {
            return;
        }
        let files = watch.inbox.take_for(self.document.path());
        if files.is_empty() {
            return;
        }
        log::info!("files handed over to import: {}", files.len());
        let names: Vec<String> = files
            .iter()
            .filter_map(|file| file.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        self.notifications
            .push(Level::Info, format!("Opening {}", names.join(", ")));
        self.ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        self.commands.push(Command::ImportFiles(files));
    }
}
