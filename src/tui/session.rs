//! Where the reader was left: the selected article, kept beside the reading state
//! (`<data dir>/session.json`) so the next start opens on it. Losing it costs only the position, so
//! errors are ignored; the write is atomic like the state's.

use std::path::{Path, PathBuf};

#[derive(serde::Serialize, serde::Deserialize)]
struct Session {
    selected: String,
}

/// The session file beside the state file.
pub fn path_beside(state_file: Option<&Path>) -> Option<PathBuf> {
    Some(state_file?.parent()?.join("session.json"))
}

/// The id of the article selected when the reader last quit.
pub fn load(path: Option<&Path>) -> Option<String> {
    let bytes = std::fs::read(path?).ok()?;
    serde_json::from_slice::<Session>(&bytes).ok().map(|s| s.selected)
}

/// Remembers the selected article.
pub fn save(path: Option<&Path>, selected: &str) {
    if let (Some(p), Ok(bytes)) = (path, serde_json::to_vec(&Session { selected: selected.to_string() })) {
        let _ = crate::store::file::write_atomic(p, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_garbage_is_ignored() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("session.json");
        assert_eq!(load(Some(&p)), None);
        save(Some(&p), "abc");
        assert_eq!(load(Some(&p)).as_deref(), Some("abc"));
        std::fs::write(&p, b"{not json").unwrap();
        assert_eq!(load(Some(&p)), None);
    }
}
