//! Turning the paths a user named into the files to read: folders recursively, sorted by name,
//! hidden entries and obvious non-text files (images, archives of other kinds) skipped.
//!
//! A walk stays inside the folder it was given: a symbolic link whose target lies outside it is
//! reported and skipped unless [`super::LoadOptions::follow_links`]; `/proc`, `/sys` and `/dev` are
//! never walked (their files never end, or block); a folder met twice (a link loop) is walked once;
//! dangling links, link loops and anything that is not a regular file (named pipes, devices,
//! sockets) are reported on one line each and skipped.

use std::collections::HashSet;
use std::fs::{self, FileType};
use std::path::{Path, PathBuf};

/// Extensions never read when met inside a folder (a named file is always tried).
const SKIPPED_IN_FOLDERS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "pdf", "zip", "tar", "tgz", "bz2", "xz", "7z",
    "css", "js", "woff", "woff2", "ttf", "otf", "mp3", "mp4", "webm", "ogg", "exe", "so", "dll", "o",
];

/// Virtual filesystems: never walked, even through `--follow-links`.
const SYSTEM: &[&str] = &["/proc", "/sys", "/dev"];

/// What a walk met, and how.
struct Walk<'a> {
    root: PathBuf,
    follow_links: bool,
    files: &'a mut Vec<PathBuf>,
    warnings: &'a mut Vec<String>,
    /// Folders walked, by (device, inode).
    seen: HashSet<(u64, u64)>,
}

/// Appends the files under `path` to `files`; problems go to `warnings` as `PATH: problem`.
pub fn collect(path: &Path, follow_links: bool, files: &mut Vec<PathBuf>, warnings: &mut Vec<String>) {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            let root = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if is_system(&root) {
                warnings.push(format!(
                    "{}: a system folder ({}): not walked",
                    path.display(),
                    root.display()
                ));
                return;
            }
            let mut w = Walk { root, follow_links, files, warnings, seen: HashSet::new() };
            w.dir(path);
        }
        // A named file (or a missing one) goes to the reader, which reports what it is.
        _ => files.push(path.to_path_buf()),
    }
}

/// Why a file of this type is not read, or `None` for a regular file or a folder.
pub fn not_regular(t: FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO), not a regular file: skipped");
        }
        if t.is_socket() {
            return Some("a socket, not a regular file: skipped");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device, not a regular file: skipped");
        }
    }
    if t.is_file() || t.is_dir() { None } else { Some("not a regular file: skipped") }
}

fn is_system(p: &Path) -> bool {
    SYSTEM.iter().any(|s| p.starts_with(s))
}

#[cfg(unix)]
fn identity(m: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

impl Walk<'_> {
    fn warn(&mut self, p: &Path, problem: impl std::fmt::Display) {
        self.warnings.push(format!("{}: {problem}", p.display()));
    }

    fn dir(&mut self, dir: &Path) {
        match fs::metadata(dir) {
            Ok(m) if !self.seen.insert(identity(&m)) => {
                return self.warn(dir, "folder loop (already visited): skipped");
            }
            Ok(_) => {}
            Err(e) => return self.warn(dir, format!("cannot open folder: {}", super::io_problem(&e))),
        }
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return self.warn(dir, format!("cannot open folder: {}", super::io_problem(&e))),
        };
        let mut names: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        names.sort();
        for p in names {
            self.entry(&p);
        }
    }

    fn entry(&mut self, p: &Path) {
        let lm = match fs::symlink_metadata(p) {
            Ok(m) => m,
            Err(e) => return self.warn(p, super::io_problem(&e)),
        };
        let m = if lm.file_type().is_symlink() {
            match self.link_target(p) {
                Some(m) => m,
                None => return,
            }
        } else {
            lm
        };
        if m.is_dir() {
            self.dir(p);
        } else if let Some(why) = not_regular(m.file_type()) {
            self.warn(p, why);
        } else {
            let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
            if !ext.is_some_and(|e| SKIPPED_IN_FOLDERS.contains(&e.as_str())) {
                self.files.push(p.to_path_buf());
            }
        }
    }

    /// The metadata of what the link `p` points to, when it is to be followed; otherwise the
    /// reason is reported and `None` returned.
    fn link_target(&mut self, p: &Path) -> Option<fs::Metadata> {
        let target = match fs::canonicalize(p) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let to = fs::read_link(p).map(|t| t.display().to_string()).unwrap_or_default();
                self.warn(p, format!("dangling symbolic link (to {to}): skipped"));
                return None;
            }
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                self.warn(p, "symbolic link loop: skipped");
                return None;
            }
            Err(e) => {
                self.warn(p, format!("cannot follow symbolic link: {}", super::io_problem(&e)));
                return None;
            }
        };
        if is_system(&target) {
            self.warn(p, format!("symbolic link to a system folder ({}): skipped", target.display()));
            return None;
        }
        if !self.follow_links && !target.starts_with(&self.root) {
            self.warn(
                p,
                format!(
                    "symbolic link out of the folder (to {}): skipped (--follow-links follows it)",
                    target.display()
                ),
            );
            return None;
        }
        match fs::metadata(&target) {
            Ok(m) => Some(m),
            Err(e) => {
                self.warn(p, super::io_problem(&e));
                None
            }
        }
    }
}
