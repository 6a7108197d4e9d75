//! Tiny Tiny RSS's JSON API (`POST <url>/api/`, one JSON object per call; API level 8 or newer),
//! written on ureq: the Rust client `ttrss_api` (MIT/Apache) is unmaintained since 2022 and brings
//! reqwest; this is the handful of calls sync needs, on the client `fetch` already uses.
//!
//! Calls used: `login`, `getFeeds` (cat_id -3: every feed), `subscribeToFeed`, `unsubscribeFeed`,
//! `getHeadlines` (feed -4: all articles, `since_id`; feed -1: starred; view `unread`),
//! `updateArticle` (field 2 = unread, 0 = starred; mode 0/1; field 3 = the note, mode 2, text in
//! `data`), `getArticle` (the note now on the server, before replacing it: [`super::notes`]). The
//! session id is kept in memory only; a call answered `NOT_LOGGED_IN` (the server restarted, or
//! the session expired) logs in again once.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use super::notes::{Mirrored, NoteChange, render_note, written_by_sahifa};
use super::{Articles, RemoteArticle, RemoteFeed, Secret, SyncBackend, SyncError, status_error, transport};
use crate::db::Flag;

/// Headlines per request (TT-RSS caps `limit` at 200).
const PAGE: usize = 200;

/// A TT-RSS account.
#[derive(Debug)]
pub struct TtRss {
    agent: ureq::Agent,
    api: String,
    user: String,
    password: Secret,
    sid: Option<String>,
}

impl TtRss {
    /// A client for the TT-RSS at `base` (its web address; the API is `base/api/`).
    pub fn new(agent: ureq::Agent, base: &str, user: &str, password: Secret) -> TtRss {
        let api = format!("{}/api/", base.trim_end_matches('/'));
        TtRss { agent, api, user: user.to_string(), password, sid: None }
    }

    fn post(&self, body: &Value) -> Result<Value, SyncError> {
        let mut resp = self
            .agent
            .post(&self.api)
            .header("Content-Type", "application/json")
            .send(serde_json::to_vec(body).unwrap_or_default())
            .map_err(transport)?;
        let code = resp.status().as_u16();
        let text =
            resp.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().map_err(transport)?;
        if !(200..300).contains(&code) {
            return Err(status_error(code, &text));
        }
        serde_json::from_str(&text).map_err(|_| {
            let head: String = crate::text::sanitize(&text).chars().take(80).collect();
            SyncError::Protocol(format!("not JSON: {}", head.replace('\n', " ")))
        })
    }

    fn login(&mut self) -> Result<String, SyncError> {
        let v = self.post(&json!({"op": "login", "user": self.user, "password": self.password.expose()}))?;
        match (v["status"].as_i64(), v["content"]["session_id"].as_str()) {
            (Some(0), Some(sid)) => {
                self.sid = Some(sid.to_string());
                Ok(sid.to_string())
            }
            _ => {
                let e = v["content"]["error"].as_str().unwrap_or("no session").to_string();
                Err(match e.as_str() {
                    "API_DISABLED" => SyncError::Auth(format!(
                        "API access is disabled for {} (enable it in TT-RSS: Preferences → Enable API)",
                        self.user
                    )),
                    _ => SyncError::Auth(crate::text::sanitize(&e).into_owned()),
                })
            }
        }
    }

    /// One API call (logging in first, and once more if the session is gone); its `content`.
    fn call(&mut self, op: &str, params: Value) -> Result<Value, SyncError> {
        for attempt in 0..2 {
            let sid = match &self.sid {
                Some(s) => s.clone(),
                None => self.login()?,
            };
            let mut body: Map<String, Value> = match &params {
                Value::Object(m) => m.clone(),
                _ => Map::new(),
            };
            body.insert("op".into(), op.into());
            body.insert("sid".into(), sid.into());
            let v = self.post(&Value::Object(body))?;
            if v["status"].as_i64() == Some(0) {
                return Ok(v["content"].clone());
            }
            let err = v["content"]["error"].as_str().unwrap_or("").to_string();
            if err == "NOT_LOGGED_IN" && attempt == 0 {
                self.sid = None;
                continue;
            }
            return Err(SyncError::Protocol(format!("{op}: {}", crate::text::sanitize(&err))));
        }
        Err(SyncError::Auth("the session was refused twice".into()))
    }

    /// Every headline of a view, page by page.
    fn headlines(&mut self, params: Value, content: bool) -> Result<Vec<Value>, SyncError> {
        let mut out = Vec::new();
        loop {
            let mut p = params.clone();
            p["limit"] = PAGE.into();
            p["skip"] = out.len().into();
            p["show_content"] = content.into();
            let page = self.call("getHeadlines", p)?;
            let items = page.as_array().cloned().unwrap_or_default();
            let n = items.len();
            out.extend(items);
            if n < PAGE {
                return Ok(out);
            }
        }
    }

    /// `updateArticle`, which answers `{"status": "OK"}`.
    fn update(&mut self, params: Value) -> Result<(), SyncError> {
        let v = self.call("updateArticle", params)?;
        match v["status"].as_str() {
            Some("OK") => Ok(()),
            _ => {
                Err(SyncError::Protocol(format!("updateArticle: {}", crate::text::sanitize(&v.to_string()))))
            }
        }
    }

    fn ids(&mut self, params: Value) -> Result<HashSet<String>, SyncError> {
        Ok(self.headlines(params, false)?.iter().filter_map(|h| id_of(&h["id"])).collect())
    }
}

/// A TT-RSS id (a JSON number, or a string in some versions) as a string.
fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64() != Some(0),
        Value::String(s) => s == "t" || s == "true" || s == "1",
        _ => false,
    }
}

fn nonempty(v: &Value) -> Option<String> {
    v.as_str().filter(|s| !s.is_empty()).map(str::to_string)
}

impl SyncBackend for TtRss {
    fn subscriptions(&mut self) -> Result<Vec<RemoteFeed>, SyncError> {
        let v = self.call("getFeeds", json!({"cat_id": -3}))?;
        let feeds = v.as_array().ok_or_else(|| SyncError::Protocol("getFeeds: not a list".into()))?;
        Ok(feeds
            .iter()
            .filter_map(|f| {
                Some(RemoteFeed {
                    id: id_of(&f["id"])?,
                    url: nonempty(&f["feed_url"])?,
                    title: nonempty(&f["title"]),
                })
            })
            .collect())
    }

    fn subscribe(&mut self, url: &str) -> Result<(), SyncError> {
        let v = self.call("subscribeToFeed", json!({"feed_url": url}))?;
        match v["status"]["code"].as_i64() {
            Some(0 | 1) => Ok(()),
            code => {
                let msg = nonempty(&v["status"]["message"])
                    .unwrap_or_else(|| format!("code {}", code.unwrap_or(-1)));
                Err(SyncError::Rejected(format!("subscribing to {url}: {}", crate::text::sanitize(&msg))))
            }
        }
    }

    fn unsubscribe(&mut self, feed_id: &str) -> Result<(), SyncError> {
        let id: i64 = feed_id.parse().map_err(|_| SyncError::Rejected(format!("bad feed id {feed_id}")))?;
        self.call("unsubscribeFeed", json!({"feed_id": id})).map(|_| ())
    }

    fn articles(&mut self, token: Option<&str>, _known: &HashSet<String>) -> Result<Articles, SyncError> {
        let since: i64 = token.and_then(|t| t.parse().ok()).unwrap_or(0);
        let heads = self.headlines(
            json!({"feed_id": -4, "view_mode": "all_articles", "since_id": since, "order_by": "date_reverse"}),
            true,
        )?;
        let mut max = since;
        let mut articles = Vec::with_capacity(heads.len());
        for h in &heads {
            let Some(id) = id_of(&h["id"]) else { continue };
            max = max.max(id.parse().unwrap_or(0));
            articles.push(RemoteArticle {
                feed_id: id_of(&h["feed_id"]).unwrap_or_default(),
                guid: nonempty(&h["guid"]),
                title: h["title"].as_str().unwrap_or("").to_string(),
                html: h["content"].as_str().unwrap_or("").to_string(),
                link: nonempty(&h["link"]),
                author: nonempty(&h["author"]),
                published: h["updated"].as_i64(),
                read: !truthy(&h["unread"]),
                starred: truthy(&h["marked"]),
                id,
            });
        }
        Ok(Articles { articles, token: (max > since).then(|| max.to_string()) })
    }

    fn unread_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        self.ids(json!({"feed_id": -4, "view_mode": "unread"}))
    }

    fn starred_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        self.ids(json!({"feed_id": -1, "view_mode": "all_articles"}))
    }

    fn set_flag(&mut self, ids: &[String], flag: Flag, on: bool) -> Result<(), SyncError> {
        let (field, mode) = match flag {
            Flag::Read => (2, !on),
            Flag::Starred => (0, on),
        };
        self.update(json!({"article_ids": ids.join(","), "field": field, "mode": mode as i64}))
    }

    fn notes_unsupported(&self) -> Option<&'static str> {
        None
    }

    /// The article's note: read first (one `getArticle` for the batch), replaced only when it is
    /// empty or still exactly as a sahifa wrote it.
    fn annotate(&mut self, changes: &[NoteChange]) -> Result<Vec<Mirrored>, SyncError> {
        let ids: Vec<&str> = changes.iter().map(|c| c.id.as_str()).collect();
        let v = self.call("getArticle", json!({"article_id": ids.join(",")}))?;
        let theirs: HashMap<String, String> = v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| Some((id_of(&a["id"])?, a["note"].as_str().unwrap_or("").to_string())))
            .collect();
        let mut out = Vec::with_capacity(changes.len());
        for c in changes {
            let want = render_note(&c.after);
            let outcome = match theirs.get(&c.id) {
                // Gone from the server (purged): nowhere to put it.
                None => Mirrored::Unchanged,
                Some(now) if *now == want => Mirrored::Unchanged,
                Some(now) if !written_by_sahifa(now) => {
                    if c.after.is_empty() {
                        Mirrored::Unchanged
                    } else {
                        Mirrored::KeptTheirs
                    }
                }
                Some(_) => {
                    self.update(json!({"article_ids": c.id, "field": 3, "mode": 2, "data": want}))?;
                    Mirrored::Written
                }
            };
            out.push(outcome);
        }
        Ok(out)
    }
}
