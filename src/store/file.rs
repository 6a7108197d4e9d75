//! The state file on disk: reading, atomic replacement, the advisory lock, moving a damaged file aside.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::StoreError;

/// Name of the state file in the data dir.
pub const STATE_FILE: &str = "state.json";
/// Name of the lock file in the data dir (the state file itself is replaced, so it cannot carry the lock).
pub const LOCK_FILE: &str = "state.lock";
/// Prefix of temporary files; one left over means a writer died before its rename.
const TMP_PREFIX: &str = ".state.json.tmp-";
/// How long a save waits for another instance to release the lock.
pub const LOCK_TIMEOUT: Duration = Duration::from_millis(1500);

/// An exclusive advisory lock on the data dir, released on drop.
#[derive(Debug)]
pub struct Lock {
    file: File,
    /// False when the file system does not support locks and we carry on without.
    pub held: bool,
}

impl Drop for Lock {
    fn drop(&mut self) {
        if self.held {
            // Closing the file releases the lock anyway; unlocking first is just explicit.
            let _ = fs4::FileExt::unlock(&self.file);
        }
    }
}

/// Takes the exclusive lock of `dir` (created if missing), waiting up to `timeout`.
pub fn lock(dir: &Path, timeout: Duration) -> Result<Lock, StoreError> {
    fs::create_dir_all(dir).map_err(|source| StoreError::Write { path: dir.to_path_buf(), source })?;
    let path = dir.join(LOCK_FILE);
    let file = private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| StoreError::Lock { path: path.clone(), source })?;
    let start = Instant::now();
    loop {
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => return Ok(Lock { file, held: true }),
            Err(fs4::TryLockError::WouldBlock) if start.elapsed() < timeout => {
                thread::sleep(Duration::from_millis(5))
            }
            Err(fs4::TryLockError::WouldBlock) => return Err(StoreError::Busy { path }),
            // NFS without lockd, some FUSE mounts: locking is impossible, saving still is.
            Err(fs4::TryLockError::Error(e)) if locks_unsupported(&e) => {
                return Ok(Lock { file, held: false });
            }
            Err(fs4::TryLockError::Error(source)) => return Err(StoreError::Lock { path, source }),
        }
    }
}

fn locks_unsupported(e: &io::Error) -> bool {
    e.kind() == ErrorKind::Unsupported
        || matches!(e.raw_os_error(), Some(code) if code == 37 /* ENOLCK */ || code == 95 /* EOPNOTSUPP */ || code == 38 /* ENOSYS */)
}

/// Options for files only the user may read (the state holds their notes).
fn private_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

/// What reading the state file gave.
#[derive(Debug)]
pub enum Read {
    /// No state file yet.
    Missing,
    /// Its bytes.
    Bytes(Vec<u8>),
    /// It exists but cannot be read (permissions, a folder in its place): to be moved aside.
    Unreadable(io::Error),
}

/// Reads the state file. Errors that may pass (out of file handles, I/O trouble) are returned as such.
///
/// Only a regular file is read, and a symbolic link is followed only to a file that is sahifa's
/// own (see [`is_own`]): a link to another program's JSON is reported as unusable (to be moved
/// aside, which renames the link, not its target). A named pipe or a device in its place is
/// never read (it would block, or never end).
pub fn read(path: &Path) -> Result<Read, StoreError> {
    let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let opened = read_regular(path, link);
    match opened {
        Ok(bytes) if link && !is_own(&bytes) => {
            let to = fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
            Ok(Read::Unreadable(io::Error::new(
                ErrorKind::InvalidData,
                format!("a symbolic link to {to}, which is not a sahifa state file"),
            )))
        }
        Ok(bytes) => Ok(Read::Bytes(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Read::Missing),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::PermissionDenied | ErrorKind::IsADirectory | ErrorKind::InvalidData
            ) || e.raw_os_error() == Some(libc::ELOOP) =>
        {
            Ok(Read::Unreadable(e))
        }
        Err(source) => Err(StoreError::Read { path: path.to_path_buf(), source }),
    }
}

/// The bytes of the regular file at `path` (a link followed only when `follow`), never blocking
/// on a named pipe and never more than [`MAX_STATE`].
fn read_regular(path: &Path, follow: bool) -> io::Result<Vec<u8>> {
    let mut open = OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO for reading does not wait for a writer.
        open.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | if follow { 0 } else { libc::O_NOFOLLOW });
    }
    let f = open.open(path)?;
    let m = f.metadata()?;
    if !m.is_file() {
        let what = if m.is_dir() { "a folder" } else { "not a regular file" };
        return Err(io::Error::new(ErrorKind::InvalidData, what));
    }
    let mut bytes = Vec::with_capacity(m.len().min(MAX_STATE) as usize);
    io::Read::read_to_end(&mut io::Read::take(f, MAX_STATE + 1), &mut bytes)?;
    if bytes.len() as u64 > MAX_STATE {
        return Err(io::Error::new(ErrorKind::InvalidData, "larger than 1 GB"));
    }
    Ok(bytes)
}

/// The largest state file read (a bound on memory; real ones are a few MB at most).
const MAX_STATE: u64 = 1 << 30;

/// Whether `bytes` are a state file sahifa wrote: a JSON object with a numeric `"version"` and
/// sahifa's fields (`articles`, or version 1's `read` / `starred` / `positions`).
pub fn is_own(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(bytes);
    let Ok(serde_json::Value::Object(o)) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return false;
    };
    o.get("version").is_some_and(serde_json::Value::is_u64)
        && ["articles", "read", "starred", "positions"].iter().any(|k| o.contains_key(*k))
}

/// Replaces `path` with `bytes` atomically: a temporary file in the same folder is written and
/// fsynced, renamed over `path`, and the folder fsynced. A crash at any moment leaves the old
/// file or the new one. A symlink at `path` is followed only to a state file of sahifa's own (a
/// dotfiles repository, say); any other link is replaced, never its target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(t) if read_regular(&t, false).is_ok_and(|b| is_own(&b)) => t,
            _ => path.to_path_buf(),
        },
        _ => path.to_path_buf(),
    };
    let dir = parent_dir(&target);
    let err = |source| StoreError::Write { path: target.clone(), source };
    let tmp = dir.join(tmp_name());
    let written = (|| {
        let mut f = private_options().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(err(e));
    }
    sync_dir(&dir).map_err(err)
}

/// The folder of a file (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// fsyncs a folder so that a rename in it is durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        // Some file systems cannot fsync a folder; the rename is then as durable as they allow.
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::InvalidInput | ErrorKind::Unsupported | ErrorKind::PermissionDenied
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

fn tmp_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!("{TMP_PREFIX}{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// Removes temporary files left by writers that died before their rename. Only call it while
/// holding the lock: temporary files are only written under the lock, so any found are stale.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Moves a damaged state file to `<name>.damaged-<UTC time>` (never over an existing file) and
/// returns the new path.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = utc_stamp(SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0));
    let name =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| STATE_FILE.into());
    for n in 0..1000u32 {
        let suffix = if n == 0 { String::new() } else { format!(".{n}") };
        let aside = path.with_file_name(format!("{name}.damaged-{stamp}{suffix}"));
        // A hard link cannot clobber an existing file, unlike rename; fall back where links are impossible.
        let moved = match fs::hard_link(path, &aside) {
            Ok(()) => fs::remove_file(path),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(_) if aside.symlink_metadata().is_err() => fs::rename(path, &aside),
            Err(e) => Err(e),
        };
        return moved.map(|()| aside);
    }
    Err(io::Error::new(ErrorKind::AlreadyExists, "too many damaged copies already"))
}

/// `YYYYMMDDTHHMMSSZ` for a Unix time in seconds.
fn utc_stamp(secs: u64) -> String {
    let (y, m, d, hh, mm, ss) = crate::clock::utc(secs);
    format!("{y:04}{m:02}{d:02}T{hh:02}{mm:02}{ss:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_dates() {
        assert_eq!(utc_stamp(0), "19700101T000000Z");
        assert_eq!(utc_stamp(1_795_315_293), "20261122T024133Z");
        assert_eq!(utc_stamp(951_782_400), "20000229T000000Z");
    }

    #[test]
    fn a_bare_file_name_lives_in_the_current_folder() {
        assert_eq!(parent_dir(Path::new(STATE_FILE)), PathBuf::from("."));
        assert_eq!(parent_dir(Path::new("d/state.json")), PathBuf::from("d"));
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join(STATE_FILE);
        write_atomic(&p, b"one").expect("first write");
        write_atomic(&p, b"two").expect("second write");
        assert_eq!(fs::read(&p).expect("read"), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("ls").flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn move_aside_never_clobbers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join(STATE_FILE);
        fs::write(&p, "first").expect("write");
        let a = move_aside(&p).expect("moved");
        fs::write(&p, "second").expect("write");
        let b = move_aside(&p).expect("moved again");
        assert_ne!(a, b);
        assert_eq!(fs::read_to_string(a).expect("a"), "first");
        assert_eq!(fs::read_to_string(b).expect("b"), "second");
        assert!(!p.exists());
    }

    #[test]
    fn lock_excludes_a_second_holder_until_dropped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = lock(dir.path(), Duration::ZERO).expect("first lock");
        assert!(first.held);
        assert!(matches!(lock(dir.path(), Duration::from_millis(20)), Err(StoreError::Busy { .. })));
        drop(first);
        assert!(lock(dir.path(), Duration::ZERO).is_ok());
    }
}
