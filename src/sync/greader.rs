//! The Google Reader API as FreshRSS (`<url>` = `https://host/api/greader.php`), Miniflux
//! (`<url>` = `https://host`), Inoreader, The Old Reader and BazQux serve it, written on ureq (the
//! maintained Rust client, news-flash's `greader_api`, is GPL-3.0-or-later and async on reqwest).
//!
//! Calls used: `POST accounts/ClientLogin` (Email, Passwd → `Auth=` token, sent as
//! `Authorization: GoogleLogin auth=…`), `GET reader/api/0/token` (the write token `T`),
//! `subscription/list`, `subscription/quickadd`, `subscription/edit` (ac=unsubscribe),
//! `stream/items/ids` (the reading list; unread with `xt=…/read`; starred), `stream/items/contents`
//! (the articles not seen yet, 100 a request), `edit-tag` (`a=`/`r=` read or starred, and the
//! user labels of mirrored notes, [`super::notes`]). Item ids are kept in their short decimal
//! form; the long form (`tag:google.com,2005:reader/item/<hex>`) in contents is converted, and
//! `i=` is always sent in the long form ([`long_id`]). A 401 (expired token) logs in again once.

use std::collections::HashSet;

use serde_json::Value;

use super::notes::{Mirrored, NOTE_LABEL, NoteChange, QUOTE_LABEL};
use super::{Articles, RemoteArticle, RemoteFeed, Secret, SyncBackend, SyncError, status_error, transport};
use crate::db::Flag;

const READING_LIST: &str = "user/-/state/com.google/reading-list";
const READ: &str = "user/-/state/com.google/read";
const STARRED: &str = "user/-/state/com.google/starred";
/// Ids asked per `stream/items/ids` page.
const IDS_PAGE: usize = 1000;
/// Most recent articles considered per sync (older ones stay on the server).
const MAX_ITEMS: usize = 5000;
/// Articles per `stream/items/contents` request.
const CONTENTS_BATCH: usize = 100;

/// A Google Reader API account.
#[derive(Debug)]
pub struct GReader {
    agent: ureq::Agent,
    base: String,
    user: String,
    password: Secret,
    auth: Option<Secret>,
    token: Option<Secret>,
}

enum Body<'a> {
    None,
    Form(&'a [(&'a str, String)]),
}

impl GReader {
    /// A client for the API at `base`.
    pub fn new(agent: ureq::Agent, base: &str, user: &str, password: Secret) -> GReader {
        GReader {
            agent,
            base: base.trim_end_matches('/').to_string(),
            user: user.to_string(),
            password,
            auth: None,
            token: None,
        }
    }

    fn login(&mut self) -> Result<Secret, SyncError> {
        let url = format!("{}/accounts/ClientLogin", self.base);
        let form = [("Email", self.user.as_str()), ("Passwd", self.password.expose())];
        let mut resp = self.agent.post(&url).send_form(form).map_err(transport)?;
        let code = resp.status().as_u16();
        let text = resp.body_mut().read_to_string().map_err(transport)?;
        if code == 401 || code == 403 {
            return Err(SyncError::Auth(format!(
                "wrong user name or password for {} (HTTP {code})",
                self.user
            )));
        }
        if !(200..300).contains(&code) {
            return Err(status_error(code, &text));
        }
        // Text (`Auth=…` on a line) or, from some servers, JSON (`{"Auth": "…"}`).
        let auth = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Auth=").map(str::to_string))
            .or_else(|| serde_json::from_str::<Value>(&text).ok()?["Auth"].as_str().map(str::to_string))
            .filter(|a| !a.is_empty())
            .ok_or_else(|| SyncError::Auth("the server gave no Auth token".into()))?;
        let auth = Secret::new(auth);
        self.auth = Some(auth.clone());
        Ok(auth)
    }

    /// One API request under `reader/api/0/`, logged in; a 401 logs in again once. Its body, or
    /// the error its status means.
    fn request(
        &mut self,
        method: &str,
        path: &str,
        query: &[(&str, String)],
        body: Body,
    ) -> Result<String, SyncError> {
        let (code, text) = self.request_status(method, path, query, body)?;
        if !(200..300).contains(&code) {
            return Err(status_error(code, &text));
        }
        Ok(text)
    }

    /// [`GReader::request`], with the status and body whatever the status.
    fn request_status(
        &mut self,
        method: &str,
        path: &str,
        query: &[(&str, String)],
        body: Body,
    ) -> Result<(u16, String), SyncError> {
        for attempt in 0..2 {
            let auth = match &self.auth {
                Some(a) => a.clone(),
                None => self.login()?,
            };
            let url = format!("{}/reader/api/0/{path}", self.base);
            let header = format!("GoogleLogin auth={}", auth.expose());
            let res = if method == "POST" {
                let mut req = self.agent.post(&url).header("Authorization", &header);
                for (k, v) in query {
                    req = req.query(k, v);
                }
                match &body {
                    Body::Form(f) => req.send_form(f.iter().map(|(k, v)| (*k, v.as_str()))),
                    Body::None => req.send_empty(),
                }
            } else {
                let mut req = self.agent.get(&url).header("Authorization", &header);
                for (k, v) in query {
                    req = req.query(k, v);
                }
                req.call()
            };
            let mut resp = res.map_err(transport)?;
            let code = resp.status().as_u16();
            let text =
                resp.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().map_err(transport)?;
            if code == 401 && attempt == 0 {
                self.auth = None;
                self.token = None;
                continue;
            }
            return Ok((code, text));
        }
        Err(SyncError::Auth("the server refused the login token twice".into()))
    }

    fn json(&mut self, path: &str, query: &[(&str, String)], body: Body) -> Result<Value, SyncError> {
        let method = if matches!(body, Body::None) { "GET" } else { "POST" };
        let text = self.request(method, path, query, body)?;
        serde_json::from_str(&text).map_err(|_| {
            let head: String = crate::text::sanitize(&text).chars().take(80).collect();
            SyncError::Protocol(format!("{path}: not JSON: {}", head.replace('\n', " ")))
        })
    }

    /// The write token for POSTs (asked once per session).
    fn write_token(&mut self) -> Result<String, SyncError> {
        if let Some(t) = &self.token {
            return Ok(t.expose().to_string());
        }
        let t = self.request("GET", "token", &[], Body::None)?.trim().to_string();
        self.token = Some(Secret::new(t.clone()));
        Ok(t)
    }

    /// A POST that changes something; the server answers `OK`.
    fn edit(&mut self, path: &str, form: Vec<(&str, String)>) -> Result<String, SyncError> {
        let (code, text) = self.edit_status(path, form)?;
        if !(200..300).contains(&code) {
            return Err(status_error(code, &text));
        }
        Ok(text)
    }

    /// [`GReader::edit`], with the status and body whatever the status.
    fn edit_status(&mut self, path: &str, mut form: Vec<(&str, String)>) -> Result<(u16, String), SyncError> {
        let t = self.write_token()?;
        form.push(("T", t));
        self.request_status("POST", path, &[], Body::Form(&form))
    }

    /// Adds (`on`) or removes one user label on items; the server answers `OK`.
    fn label(&mut self, ids: &[&str], label: &str, on: bool) -> Result<(), SyncError> {
        let mut form: Vec<(&str, String)> = ids.iter().map(|i| ("i", long_id(i))).collect();
        form.push((if on { "a" } else { "r" }, format!("user/-/label/{label}")));
        let (code, text) = self.edit_status("edit-tag", form)?;
        // Miniflux: HTTP 500 {"error_message": "googlereader: unsupported tag type: LabelStream"}.
        if code >= 400 && text.contains("unsupported tag type") {
            let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let why = v["error_message"].as_str().unwrap_or("unsupported tag type");
            return Err(SyncError::NotesRefused(format!(
                "no labels on articles here: {}",
                crate::text::sanitize(why)
            )));
        }
        if !(200..300).contains(&code) {
            return Err(status_error(code, &text));
        }
        if text.trim() == "OK" {
            Ok(())
        } else {
            let head: String = crate::text::sanitize(&text).chars().take(80).collect();
            Err(SyncError::Protocol(format!("edit-tag answered {head}")))
        }
    }

    /// Ids (short form) of a stream, newest first, at most `max`.
    fn item_ids(
        &mut self,
        stream: &str,
        exclude: Option<&str>,
        max: usize,
    ) -> Result<Vec<String>, SyncError> {
        let mut out = Vec::new();
        let mut continuation: Option<String> = None;
        loop {
            let mut q =
                vec![("s", stream.to_string()), ("n", IDS_PAGE.to_string()), ("output", "json".to_string())];
            if let Some(x) = exclude {
                q.push(("xt", x.to_string()));
            }
            if let Some(c) = &continuation {
                q.push(("c", c.clone()));
            }
            let v = self.json("stream/items/ids", &q, Body::None)?;
            let refs = v["itemRefs"].as_array().cloned().unwrap_or_default();
            out.extend(refs.iter().filter_map(|r| short_id(&r["id"])));
            continuation = v["continuation"]
                .as_str()
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .or_else(|| v["continuation"].as_i64().map(|n| n.to_string()));
            if refs.is_empty() || continuation.is_none() || out.len() >= max {
                out.truncate(max);
                return Ok(out);
            }
        }
    }
}

/// An item id in its long form (`tag:google.com,2005:reader/item/<16 hex digits>`) for `i=`:
/// every server reads it (Miniflux reads a bare `i=` as hexadecimal, FreshRSS and Inoreader as
/// decimal). An id that is not a number is sent as it is.
pub fn long_id(short: &str) -> String {
    match short.parse::<u64>() {
        Ok(n) => format!("tag:google.com,2005:reader/item/{n:016x}"),
        Err(_) => short.to_string(),
    }
}

/// An item id in its short decimal form, from either form (a JSON string or number).
pub fn short_id(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Number(n) => return Some(n.to_string()),
        _ => return None,
    };
    match s.rsplit_once("/item/") {
        Some((_, hex)) => u64::from_str_radix(hex, 16).ok().map(|n| n.to_string()),
        None if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            Some(s.trim_start_matches('0').to_string()).map(|t| if t.is_empty() { "0".into() } else { t })
        }
        None => None,
    }
}

fn item(v: &Value) -> Option<RemoteArticle> {
    let id = short_id(&v["id"])?;
    let cats: Vec<&str> =
        v["categories"].as_array().map(|c| c.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    // "user/-/state/…" or "user/<user id>/state/…" (Inoreader, Miniflux).
    let has = |state: &str| cats.iter().any(|c| c.ends_with(state) && c.starts_with("user/"));
    let link = ["canonical", "alternate"].iter().find_map(|k| {
        v[k].as_array()?.first()?["href"].as_str().filter(|s| !s.is_empty()).map(str::to_string)
    });
    let html = v["summary"]["content"].as_str().or_else(|| v["content"]["content"].as_str()).unwrap_or("");
    Some(RemoteArticle {
        id,
        feed_id: v["origin"]["streamId"].as_str().unwrap_or("").to_string(),
        guid: None,
        title: v["title"].as_str().unwrap_or("").to_string(),
        html: html.to_string(),
        link,
        author: v["author"].as_str().filter(|s| !s.is_empty()).map(str::to_string),
        published: v["published"].as_i64(),
        read: has("/state/com.google/read"),
        starred: has("/state/com.google/starred"),
    })
}

impl SyncBackend for GReader {
    fn subscriptions(&mut self) -> Result<Vec<RemoteFeed>, SyncError> {
        let v = self.json("subscription/list", &[("output", "json".into())], Body::None)?;
        let subs = v["subscriptions"]
            .as_array()
            .ok_or_else(|| SyncError::Protocol("subscription/list: no list".into()))?;
        Ok(subs
            .iter()
            .filter_map(|s| {
                Some(RemoteFeed {
                    id: s["id"].as_str()?.to_string(),
                    url: s["url"].as_str().filter(|u| !u.is_empty())?.to_string(),
                    title: s["title"].as_str().map(str::to_string),
                })
            })
            .collect())
    }

    fn subscribe(&mut self, url: &str) -> Result<(), SyncError> {
        let text = self.edit("subscription/quickadd", vec![("quickadd", url.to_string())])?;
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if v["numResults"].as_i64().unwrap_or(0) >= 1 {
            return Ok(());
        }
        let why = v["error"].as_str().unwrap_or("no feed found there");
        Err(SyncError::Rejected(format!("subscribing to {url}: {}", crate::text::sanitize(why))))
    }

    fn unsubscribe(&mut self, feed_id: &str) -> Result<(), SyncError> {
        self.edit("subscription/edit", vec![("ac", "unsubscribe".into()), ("s", feed_id.to_string())])
            .map(|_| ())
    }

    fn articles(&mut self, _token: Option<&str>, known: &HashSet<String>) -> Result<Articles, SyncError> {
        let ids = self.item_ids(READING_LIST, None, MAX_ITEMS)?;
        let new: Vec<String> = ids.into_iter().filter(|i| !known.contains(i)).collect();
        let mut articles = Vec::with_capacity(new.len());
        for chunk in new.chunks(CONTENTS_BATCH) {
            let form: Vec<(&str, String)> = chunk.iter().map(|i| ("i", long_id(i))).collect();
            let v = self.json("stream/items/contents", &[("output", "json".into())], Body::Form(&form))?;
            articles.extend(v["items"].as_array().into_iter().flatten().filter_map(item));
        }
        Ok(Articles { articles, token: None })
    }

    fn unread_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        Ok(self.item_ids(READING_LIST, Some(READ), usize::MAX)?.into_iter().collect())
    }

    fn starred_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        Ok(self.item_ids(STARRED, None, usize::MAX)?.into_iter().collect())
    }

    fn notes_unsupported(&self) -> Option<&'static str> {
        None
    }

    /// Labels [`NOTE_LABEL`] and [`QUOTE_LABEL`]: one `edit-tag` per label added or removed.
    fn annotate(&mut self, changes: &[NoteChange]) -> Result<Vec<Mirrored>, SyncError> {
        for (label, on, ids) in Self::label_edits(changes) {
            self.label(&ids, label, on)?;
        }
        Ok(changes
            .iter()
            .map(
                |c| {
                    if c.after.labels() == c.before.labels() {
                        Mirrored::Unchanged
                    } else {
                        Mirrored::Written
                    }
                },
            )
            .collect())
    }

    fn set_flag(&mut self, ids: &[String], flag: Flag, on: bool) -> Result<(), SyncError> {
        let tag = match flag {
            Flag::Read => READ,
            Flag::Starred => STARRED,
        };
        let mut form: Vec<(&str, String)> = ids.iter().map(|i| ("i", long_id(i))).collect();
        form.push((if on { "a" } else { "r" }, tag.to_string()));
        let text = self.edit("edit-tag", form)?;
        if text.trim() == "OK" {
            Ok(())
        } else {
            let head: String = crate::text::sanitize(&text).chars().take(80).collect();
            Err(SyncError::Protocol(format!("edit-tag answered {head}")))
        }
    }
}

impl GReader {
    /// The labels to add and remove for these changes: (label, add?, item ids), in a fixed order.
    fn label_edits(changes: &[NoteChange]) -> Vec<(&'static str, bool, Vec<&str>)> {
        let mut out = Vec::new();
        for label in [NOTE_LABEL, QUOTE_LABEL] {
            for on in [true, false] {
                let ids: Vec<&str> = changes
                    .iter()
                    .filter(|c| {
                        c.after.labels().contains(&label) == on && c.before.labels().contains(&label) != on
                    })
                    .map(|c| c.id.as_str())
                    .collect();
                if !ids.is_empty() {
                    out.push((label, on, ids));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn item_ids_in_both_forms() {
        assert_eq!(
            short_id(&json!("tag:google.com,2005:reader/item/000000000000001f")).as_deref(),
            Some("31")
        );
        assert_eq!(
            short_id(&json!("tag:google.com,2005:reader/item/00060a24181e4003")).as_deref(),
            Some("1700000000000003")
        );
        assert_eq!(short_id(&json!("31")).as_deref(), Some("31"));
        assert_eq!(short_id(&json!(31)).as_deref(), Some("31"));
        assert_eq!(short_id(&json!("tag:x/item/zz")), None);
    }

    #[test]
    fn items_read_starred_and_links() {
        let v = json!({
            "id": "tag:google.com,2005:reader/item/0000000000000002",
            "title": "عنوان", "published": 1796299463,
            "canonical": [{"href": "https://example.org/a"}],
            "summary": {"content": "<p>نص</p>"},
            "categories": ["user/1/state/com.google/reading-list", "user/1/state/com.google/starred"],
            "origin": {"streamId": "feed/7"}
        });
        let a = item(&v).unwrap();
        assert_eq!((a.id.as_str(), a.feed_id.as_str(), a.read, a.starred), ("2", "feed/7", false, true));
        assert_eq!(a.link.as_deref(), Some("https://example.org/a"));
    }
}
