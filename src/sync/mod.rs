//! Sync with the feed server the user already runs: subscriptions, articles, read and starred, in
//! both directions, through one [`SyncBackend`] trait with one small HTTP client per API
//! ([`ttrss`]: Tiny Tiny RSS JSON API; [`greader`]: the Google Reader API of FreshRSS, Miniflux,
//! Inoreader, The Old Reader, BazQux; [`fever`]: the Fever API).
//!
//! [`engine::sync`] runs one sync over the library ([`crate::db`]): local changes are queued first
//! (so they survive a server that does not answer), the server's subscriptions, new articles and
//! flags are pulled and applied, then the queue is sent in order. A conflict (both sides changed a
//! flag since the last sync) goes to the newest change. Credentials come from [`config`]; the
//! password is never logged, printed, or stored in the database or the state file.

pub mod background;
pub mod config;
pub mod engine;
pub mod fever;
pub mod greader;
pub mod local;
pub mod notes;
pub mod status;
pub mod ttrss;

use std::collections::HashSet;

pub use config::{BackendKind, Secret, SyncConfig};
pub use engine::{Report, sync, sync_notes};
pub use notes::{Mirror, Mirrored, NoteChange};
pub use status::{SyncStatus, status};

use crate::db::{DbError, Flag};

/// A subscription on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteFeed {
    /// The server's id for it.
    pub id: String,
    /// Its URL.
    pub url: String,
    /// Its title there.
    pub title: Option<String>,
}

/// An article on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteArticle {
    /// The server's id for it.
    pub id: String,
    /// The server's id of its feed.
    pub feed_id: String,
    /// Its guid as the server gives it.
    pub guid: Option<String>,
    /// Headline (may hold markup and entities).
    pub title: String,
    /// Content, HTML.
    pub html: String,
    /// Link to the original.
    pub link: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Unix seconds of publication.
    pub published: Option<i64>,
    /// Read there.
    pub read: bool,
    /// Starred there.
    pub starred: bool,
}

/// New articles since a mark, and the mark to ask from next time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Articles {
    /// The articles.
    pub articles: Vec<RemoteArticle>,
    /// The next mark (`None`: keep the old one).
    pub token: Option<String>,
}

/// Why a sync stopped; one line, never holding a credential.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The server could not be reached or did not answer (queued changes wait for the next sync).
    #[error("cannot reach the sync server: {0}")]
    Unreachable(String),
    /// The server refused the credentials.
    #[error("the sync server refused the login: {0}")]
    Auth(String),
    /// The server answered something this client does not understand.
    #[error("unexpected answer from the sync server: {0}")]
    Protocol(String),
    /// The server refused one action (a bad feed URL …); the others go on.
    #[error("the sync server refused: {0}")]
    Rejected(String),
    /// The server refuses the notes sahifa mirrors (Miniflux: no labels on articles); the rest of
    /// the sync goes on, and no more notes are queued for the account.
    #[error("the sync server does not keep notes: {0}")]
    NotesRefused(String),
    /// The sync settings are missing or wrong.
    #[error("{0}")]
    Config(String),
    /// The library failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl SyncError {
    /// Whether the server was out of reach (changes stay queued; the reader says "offline").
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Unreachable(_))
    }
}

/// One API to a feed server. Every call may fail with [`SyncError::Unreachable`]; none is
/// retried here, so a sync cut off half-way leaves the rest queued.
pub trait SyncBackend {
    /// The account's subscriptions.
    fn subscriptions(&mut self) -> Result<Vec<RemoteFeed>, SyncError>;
    /// Subscribes to a feed URL.
    fn subscribe(&mut self, url: &str) -> Result<(), SyncError>;
    /// Unsubscribes from a feed (its remote id).
    fn unsubscribe(&mut self, feed_id: &str) -> Result<(), SyncError>;
    /// Articles new since `token` (the mark this returned last time; `None` the first time), or
    /// not among `known` (the remote ids already mapped), as the API finds cheaper.
    fn articles(&mut self, token: Option<&str>, known: &HashSet<String>) -> Result<Articles, SyncError>;
    /// Ids of every unread article (anything else the server has is read).
    fn unread_ids(&mut self) -> Result<HashSet<String>, SyncError>;
    /// Ids of every starred article.
    fn starred_ids(&mut self) -> Result<HashSet<String>, SyncError>;
    /// Whether feeds can be added and removed through this API (Fever cannot: its feeds only
    /// come from the server).
    fn manages_subscriptions(&self) -> bool {
        true
    }
    /// Sets a flag on articles.
    fn set_flag(&mut self, ids: &[String], flag: Flag, on: bool) -> Result<(), SyncError>;
    /// When the flag of an item last changed on the server (Unix ms), where the API says; most do
    /// not, and the engine then dates the change to the last sync.
    fn changed_at(&self, _id: &str, _flag: Flag) -> Option<i64> {
        None
    }
    /// Why this API cannot hold the notes sahifa mirrors ([`notes`]); None when it can.
    fn notes_unsupported(&self) -> Option<&'static str> {
        Some("this API has no notes or tags")
    }
    /// Mirrors notes and starred quotes ([`notes`]): one outcome per change, in order. Fails with
    /// [`SyncError::NotesRefused`] when the server refuses them all.
    fn annotate(&mut self, _changes: &[NoteChange]) -> Result<Vec<Mirrored>, SyncError> {
        Err(SyncError::NotesRefused(self.notes_unsupported().unwrap_or("not supported").to_string()))
    }
}

/// Maps a ureq error to [`SyncError::Unreachable`] (transport) in one line.
pub(crate) fn transport(e: ureq::Error) -> SyncError {
    let s = match e {
        ureq::Error::Timeout(_) => "no answer (timed out)".to_string(),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "cannot connect".into(),
        ureq::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    };
    SyncError::Unreachable(crate::text::sanitize(&s).replace('\n', " "))
}

/// An HTTP status that is not success, as an error: a server that is down or restarting behind a
/// proxy (5xx) counts as unreachable.
pub(crate) fn status_error(code: u16, body: &str) -> SyncError {
    let head: String = crate::text::sanitize(body).chars().take(120).collect::<String>().replace('\n', " ");
    match code {
        401 | 403 => SyncError::Auth(format!("HTTP {code} {head}").trim().to_string()),
        500..=599 => SyncError::Unreachable(format!("HTTP {code}")),
        _ => SyncError::Protocol(format!("HTTP {code} {head}").trim().to_string()),
    }
}

/// One sync of the library in `dir` with the reader's state file around it ([`local`]): the
/// state file's recent marks go out, the server's changes come back into it. A state file that
/// cannot be saved is a warning in the report, not a failure.
/// With `mirror` on, the state file's notes and starred quotes go to the server too ([`notes`]).
pub fn sync_dir(
    db: &mut crate::db::Db,
    dir: &std::path::Path,
    account: &str,
    backend: &mut dyn SyncBackend,
    mirror: Mirror,
) -> Result<Report, SyncError> {
    let (mut store, warnings) = crate::store::Store::open(Some(dir.to_path_buf()));
    local::import(db, &store)?;
    let annotations = match mirror {
        Mirror::Off => None,
        Mirror::On | Mirror::Retry => Some(notes::collect(db, &store)?),
    };
    let res = sync_notes(db, account, backend, annotations.as_ref().map(|a| (a, mirror == Mirror::Retry)));
    let exported = local::export(db, account, &mut store);
    let mut report = res?;
    report.warnings.extend(warnings);
    if let Err(e) = exported {
        report.warnings.push(format!("reading state: {e}"));
    }
    Ok(report)
}

/// Opens the backend a config names, with its password.
pub fn open_backend(cfg: &SyncConfig, password: Secret) -> Box<dyn SyncBackend> {
    let agent = crate::feeds::http::Client::new(cfg.timeout()).agent().clone();
    match cfg.backend {
        BackendKind::Ttrss => Box::new(ttrss::TtRss::new(agent, &cfg.url, &cfg.user, password)),
        BackendKind::Greader => Box::new(greader::GReader::new(agent, &cfg.url, &cfg.user, password)),
        BackendKind::Fever => Box::new(fever::Fever::new(agent, &cfg.url, &cfg.user, password)),
    }
}

#[cfg(test)]
mod tests;
