//! The `[sync]` section of `config.toml` and where the password comes from: the environment
//! variable [`PASSWORD_ENV`], else the output of `password_command`, else `password` in the file.
//! The password is held in a [`Secret`], which never prints.

use std::time::Duration;

use serde::Deserialize;

use super::SyncError;

/// The environment variable holding the sync password (it wins over the config file).
pub const PASSWORD_ENV: &str = "SAHIFA_SYNC_PASSWORD";

/// Which API the server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// Tiny Tiny RSS's JSON API (`<url>/api/`).
    Ttrss,
    /// The Google Reader API (FreshRSS: `<url>/api/greader.php`; Miniflux: `<url>`; Inoreader …).
    Greader,
    /// The Fever API (`<url>` = the endpoint, e.g. `https://host/fever/`); read and starred only.
    Fever,
}

impl BackendKind {
    /// Its name in the config file.
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Ttrss => "ttrss",
            BackendKind::Greader => "greader",
            BackendKind::Fever => "fever",
        }
    }
}

/// `[sync]` in `config.toml`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// `ttrss`, `greader` or `fever`.
    pub backend: BackendKind,
    /// The server's address (TT-RSS: its base URL; Google Reader API: the API's base).
    pub url: String,
    /// The user name.
    pub user: String,
    /// The password in the file (prefer `password_command` or the environment variable).
    #[serde(default)]
    pub password: Option<String>,
    /// A shell command whose first output line is the password (`pass show rss`).
    #[serde(default)]
    pub password_command: Option<String>,
    /// Minutes between background syncs in the reader (0: never).
    #[serde(default)]
    pub interval: Option<u64>,
    /// Seconds before a request that does not answer fails (default 30).
    #[serde(default)]
    pub timeout: Option<u64>,
    /// Mirror notes and starred quotes to the server where its API can hold them (default false;
    /// see [`super::notes`]).
    #[serde(default)]
    pub mirror_notes: Option<bool>,
}

impl std::fmt::Debug for SyncConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncConfig")
            .field("backend", &self.backend)
            .field("url", &self.url)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<hidden>"))
            .field("password_command", &self.password_command.as_ref().map(|_| "<hidden>"))
            .field("interval", &self.interval)
            .field("timeout", &self.timeout)
            .field("mirror_notes", &self.mirror_notes)
            .finish()
    }
}

/// A password: no `Display`, `Debug` prints `<hidden>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a password.
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }

    /// The password, for the one request that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<hidden>")
    }
}

impl SyncConfig {
    /// The account's name in the library: backend, URL and user (no secret).
    pub fn account(&self) -> String {
        format!("{} {} {}", self.backend.name(), self.url.trim_end_matches('/'), self.user)
    }

    /// Whether syncs mirror notes (`mirror_notes`; off unless set).
    pub fn mirror(&self) -> super::Mirror {
        if self.mirror_notes.unwrap_or(false) { super::Mirror::On } else { super::Mirror::Off }
    }

    /// Per-request time limit.
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout.unwrap_or(30).clamp(1, 3600))
    }

    /// Checks what can be checked without the network.
    pub fn validate(&self) -> Result<(), SyncError> {
        crate::feeds::check_url(&self.url).map_err(|e| SyncError::Config(format!("[sync] url: {e}")))?;
        if self.user.trim().is_empty() {
            return Err(SyncError::Config("[sync] user is empty".into()));
        }
        Ok(())
    }

    /// The password: [`PASSWORD_ENV`], else `password_command`'s first line, else `password`.
    pub fn password(&self) -> Result<Secret, SyncError> {
        if let Some(p) =
            std::env::var_os(PASSWORD_ENV).and_then(|v| v.into_string().ok()).filter(|v| !v.is_empty())
        {
            return Ok(Secret(p));
        }
        if let Some(cmd) = &self.password_command {
            return run_password_command(cmd);
        }
        if let Some(p) = &self.password {
            return Ok(Secret(p.clone()));
        }
        Err(SyncError::Config(format!(
            "no sync password: set {PASSWORD_ENV}, or password_command (or password) under [sync] in config.toml"
        )))
    }
}

/// Runs the user's password command through `sh -c` (it is theirs, from their config file); its
/// first line is the password. Its stderr goes to the terminal (a pinentry may ask there); its
/// output is never echoed, and a failure names the command's exit status, not its output.
fn run_password_command(cmd: &str) -> Result<Secret, SyncError> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| SyncError::Config(format!("[sync] password_command could not run: {e}")))?;
    if !out.status.success() {
        return Err(SyncError::Config(format!("[sync] password_command failed ({})", out.status)));
    }
    let text = String::from_utf8(out.stdout).map_err(|_| {
        SyncError::Config("[sync] password_command printed something that is not UTF-8".into())
    })?;
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        return Err(SyncError::Config("[sync] password_command printed nothing".into()));
    }
    Ok(Secret(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(extra: &str) -> SyncConfig {
        toml::from_str(&format!("backend = \"ttrss\"\nurl = \"http://127.0.0.1:1/\"\nuser = \"u\"\n{extra}"))
            .unwrap()
    }

    #[test]
    fn password_command_first_line_and_debug_hides_it() {
        let c = cfg("password_command = \"printf 'hunter2\\\\nrest'\"\npassword = \"infile\"");
        // The environment variable would win; tests in this binary do not set it.
        if std::env::var_os(PASSWORD_ENV).is_none() {
            assert_eq!(c.password().unwrap().expose(), "hunter2");
        }
        let shown = format!("{c:?} {:?}", Secret::new("hunter2"));
        assert!(
            !shown.contains("hunter2") && !shown.contains("infile") && !shown.contains("printf"),
            "{shown}"
        );
    }

    #[test]
    fn failing_password_command_says_so_without_output() {
        let c = cfg("password_command = \"echo topsecret; exit 3\"");
        if std::env::var_os(PASSWORD_ENV).is_none() {
            let e = c.password().unwrap_err().to_string();
            assert!(e.contains("password_command failed") && !e.contains("topsecret"), "{e}");
        }
    }

    #[test]
    fn account_names_no_secret() {
        let c = cfg("password = \"pw\"");
        assert_eq!(c.account(), "ttrss http://127.0.0.1:1 u");
        assert!(cfg("").validate().is_ok());
        let mut bad = cfg("");
        bad.url = "ftp://x/".into();
        assert!(bad.validate().is_err());
    }
}
