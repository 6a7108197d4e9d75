//! Quitting without losing marks: `q` saves first; when the save fails (disk full, the lock held by
//! another sahifa, a read-only data dir) the reader says why and offers retry, save elsewhere (a
//! recovery file, offered at the next start) or quit anyway. At the next start, recovery files
//! left by such a session are offered: merge them, keep them for later, or delete them.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::App;

/// A question the reader waits on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Quitting, but the marks could not be saved: why.
    Quit {
        /// The save's error.
        reason: String,
    },
    /// Marks of an earlier session that could not save them.
    Recover {
        /// The recovery file.
        path: PathBuf,
    },
}

impl Prompt {
    /// The prompt's lines: a title, the facts, the keys.
    pub fn lines(&self, pending: usize) -> (String, Vec<String>) {
        match self {
            Prompt::Quit { reason } => (
                " Reading state not saved ".into(),
                vec![
                    format!("{pending} unsaved mark{} would be lost:", if pending == 1 { "" } else { "s" }),
                    reason.clone(),
                    String::new(),
                    "r  retry saving".into(),
                    "w  save elsewhere: a recovery file, offered at the next start".into(),
                    "q  quit anyway (the marks are lost)".into(),
                    "Esc  back to the reader".into(),
                ],
            ),
            Prompt::Recover { path } => (
                " Marks of an earlier session ".into(),
                vec![
                    "A session could not save its marks; they were kept in".into(),
                    path.display().to_string(),
                    String::new(),
                    "m  merge them into the reading state".into(),
                    "k  keep the file for later".into(),
                    "d  delete it (the marks are lost)".into(),
                ],
            ),
        }
    }
}

impl App {
    /// `q`: saves and quits, or asks what to do when the save fails.
    pub(super) fn request_quit(&mut self) {
        self.save_now();
        if self.store.has_unsaved_changes() {
            let reason = self.status.take().unwrap_or_else(|| "the save failed".into());
            self.prompt = Some(Prompt::Quit { reason });
        } else {
            self.quit = true;
        }
    }

    /// Offers the first recovery file left by an earlier session, if any.
    pub fn offer_recovery(&mut self) {
        if let Some(path) = self.store.recovery_files().into_iter().next() {
            self.prompt = Some(Prompt::Recover { path });
        }
    }

    /// At exit (a signal, a hang-up, `q` after a failed save): marks still unsaved are written to a
    /// recovery file. Returns the line to print once the terminal is restored, if any.
    pub fn unsaved_at_exit(&mut self) -> Option<String> {
        if let Some(note) = self.exit_note.take() {
            return Some(note);
        }
        if !self.store.has_unsaved_changes() {
            return None;
        }
        let n = self.store.pending_changes();
        Some(match self.store.write_recovery() {
            Ok(Some(p)) => format!(
                "reading state not saved; {n} marks kept in {} (offered at the next start)",
                p.display()
            ),
            Ok(None) => return None,
            Err(e) => {
                format!("reading state not saved and no recovery file could be written ({e}); {n} marks lost")
            }
        })
    }

    /// A key while a prompt is shown.
    pub(super) fn prompt_key(&mut self, k: KeyEvent) {
        let Some(prompt) = self.prompt.clone() else { return };
        let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
        match (prompt, k.code) {
            (Prompt::Quit { .. }, KeyCode::Char('r')) => {
                self.prompt = None;
                self.request_quit();
            }
            (Prompt::Quit { .. }, KeyCode::Char('w')) => {
                self.prompt = None;
                self.exit_note = self.unsaved_at_exit();
                self.quit = true;
            }
            (Prompt::Quit { reason }, KeyCode::Char('q')) => {
                let n = self.store.pending_changes();
                self.exit_note = Some(format!("{n} unsaved marks discarded on quit: {reason}"));
                self.store.discard_changes();
                self.prompt = None;
                self.quit = true;
            }
            (Prompt::Quit { .. }, KeyCode::Esc) => self.prompt = None,
            (Prompt::Quit { .. }, _) if ctrl_c => {
                self.prompt = None;
                self.exit_note = self.unsaved_at_exit();
                self.quit = true;
            }
            (Prompt::Recover { path }, KeyCode::Char('m')) => {
                self.prompt = None;
                self.status = Some(match self.store.apply_recovery(&path) {
                    Ok(n) => match self.store.save() {
                        Ok(()) => {
                            let _ = std::fs::remove_file(&path);
                            format!("{n} recovered marks merged and saved")
                        }
                        Err(e) => format!("{n} recovered marks merged, not saved yet: {e}"),
                    },
                    Err(e) => format!("cannot recover the marks: {e}"),
                });
                self.relayout();
                self.offer_recovery_after(&path);
            }
            (Prompt::Recover { path }, KeyCode::Char('k') | KeyCode::Esc) => {
                self.prompt = None;
                self.status = Some(format!("recovered marks kept in {}", path.display()));
            }
            (Prompt::Recover { path }, KeyCode::Char('d')) => {
                self.prompt = None;
                self.status = Some(match std::fs::remove_file(&path) {
                    Ok(()) => "recovered marks deleted".into(),
                    Err(e) => format!("cannot delete {}: {e}", path.display()),
                });
                self.offer_recovery_after(&path);
            }
            _ => {}
        }
    }

    /// Offers the next recovery file after `done`, if there is one.
    fn offer_recovery_after(&mut self, done: &std::path::Path) {
        if let Some(path) = self.store.recovery_files().into_iter().find(|p| p.as_path() > done) {
            self.prompt = Some(Prompt::Recover { path });
        }
    }
}
