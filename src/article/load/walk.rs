//! Turning the paths a user named into the files to read: folders recursively, sorted by name,
//! hidden entries and obvious non-text files (images, archives of other kinds) skipped, symlink
//! loops detected.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Extensions never read when met inside a folder (a named file is always tried).
const SKIPPED_IN_FOLDERS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "pdf", "zip", "tar", "tgz", "bz2", "xz", "7z",
    "css", "js", "woff", "woff2", "ttf", "otf", "mp3", "mp4", "webm", "ogg", "exe", "so", "dll", "o",
];

/// Appends the files under `path` to `files`; problems go to `warnings` as `PATH: problem`.
pub fn collect(path: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<String>) {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            let mut seen = HashSet::new();
            walk_dir(path, files, warnings, &mut seen);
        }
        Ok(_) => files.push(path.to_path_buf()),
        // Let the reader report it, in the same words as other read errors.
        Err(_) => files.push(path.to_path_buf()),
    }
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<String>, seen: &mut HashSet<PathBuf>) {
    let canon = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            warnings.push(format!("{}: cannot open folder: {e}", dir.display()));
            return;
        }
    };
    if !seen.insert(canon) {
        warnings.push(format!("{}: folder loop (already visited): skipped", dir.display()));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            warnings.push(format!("{}: cannot open folder: {e}", dir.display()));
            return;
        }
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    names.sort();
    for p in names {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk_dir(&p, files, warnings, seen),
            Ok(m) if m.is_file() => {
                let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
                if !ext.is_some_and(|e| SKIPPED_IN_FOLDERS.contains(&e.as_str())) {
                    files.push(p);
                }
            }
            Ok(_) => {}
            Err(e) => warnings.push(format!("{}: cannot read: {e}", p.display())),
        }
    }
}
