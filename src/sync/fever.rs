//! The Fever API (coldsweat, Miniflux, FreshRSS, Tiny Tiny RSS's plugin …), written on ureq (the
//! Rust client is news-flash's `fever_api`, async on reqwest like its `greader_api`).
//!
//! Every call is `POST <url>?api&…` with the form field `api_key` = md5 of `user:password`
//! (`auth: 0` in the answer means a wrong key). Calls used: `&feeds`, `&items&since_id=N` (50 a
//! page, oldest first), `&unread_item_ids`, `&saved_item_ids`, and `mark=item&as=read|unread|
//! saved|unsaved&id=N` (one item a request). Fever cannot add or remove feeds: subscriptions only
//! come from the server ([`SyncBackend::manages_subscriptions`] is false).

use std::collections::HashSet;

use md5::{Digest, Md5};
use serde_json::Value;

use super::{Articles, RemoteArticle, RemoteFeed, Secret, SyncBackend, SyncError, status_error, transport};
use crate::db::Flag;

/// Most items fetched in one sync (the rest come with the next).
const MAX_ITEMS: usize = 5000;
/// Why notes are not mirrored to a Fever server.
pub const NO_NOTES: &str = "the Fever API has no notes or tags";

/// A Fever account.
#[derive(Debug)]
pub struct Fever {
    agent: ureq::Agent,
    url: String,
    key: Secret,
}

impl Fever {
    /// A client for the Fever endpoint `url` (e.g. `https://host/fever/`).
    pub fn new(agent: ureq::Agent, url: &str, user: &str, password: Secret) -> Fever {
        let digest = Md5::digest(format!("{user}:{}", password.expose()).as_bytes());
        let key: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        Fever { agent, url: url.to_string(), key: Secret::new(key) }
    }

    /// One call: `extra` is appended to `?api`, `form` sent with the key.
    fn call(&self, extra: &str, form: &[(&str, String)]) -> Result<Value, SyncError> {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        let url = format!("{}{sep}api{extra}", self.url);
        let mut fields: Vec<(&str, &str)> = vec![("api_key", self.key.expose())];
        fields.extend(form.iter().map(|(k, v)| (*k, v.as_str())));
        let mut resp = self.agent.post(&url).send_form(fields).map_err(transport)?;
        let code = resp.status().as_u16();
        let text =
            resp.body_mut().with_config().limit(64 * 1024 * 1024).read_to_string().map_err(transport)?;
        if !(200..300).contains(&code) {
            return Err(status_error(code, &text));
        }
        let v: Value = serde_json::from_str(&text).map_err(|_| {
            let head: String = crate::text::sanitize(&text).chars().take(80).collect();
            SyncError::Protocol(format!("not JSON: {}", head.replace('\n', " ")))
        })?;
        if v["auth"].as_i64() != Some(1) {
            return Err(SyncError::Auth("the Fever API key (user and password) was refused".into()));
        }
        Ok(v)
    }

    fn id_list(&self, what: &str) -> Result<HashSet<String>, SyncError> {
        let v = self.call(&format!("&{what}"), &[])?;
        let s = v[what].as_str().unwrap_or("");
        Ok(s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect())
    }
}

fn num(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn truthy(v: &Value) -> bool {
    v.as_i64().is_some_and(|n| n != 0) || v.as_bool() == Some(true)
}

impl SyncBackend for Fever {
    fn notes_unsupported(&self) -> Option<&'static str> {
        Some(NO_NOTES)
    }

    fn subscriptions(&mut self) -> Result<Vec<RemoteFeed>, SyncError> {
        let v = self.call("&feeds", &[])?;
        Ok(v["feeds"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| {
                Some(RemoteFeed {
                    id: num(&f["id"])?,
                    url: f["url"].as_str().filter(|u| !u.is_empty())?.to_string(),
                    title: f["title"].as_str().map(str::to_string),
                })
            })
            .collect())
    }

    fn manages_subscriptions(&self) -> bool {
        false
    }

    fn subscribe(&mut self, url: &str) -> Result<(), SyncError> {
        Err(SyncError::Rejected(format!("the Fever API cannot subscribe to {url}: add it on the server")))
    }

    fn unsubscribe(&mut self, feed_id: &str) -> Result<(), SyncError> {
        Err(SyncError::Rejected(format!(
            "the Fever API cannot remove feed {feed_id}: remove it on the server"
        )))
    }

    fn articles(&mut self, token: Option<&str>, _known: &HashSet<String>) -> Result<Articles, SyncError> {
        let mut since: u64 = token.and_then(|t| t.parse().ok()).unwrap_or(0);
        let start = since;
        let mut articles = Vec::new();
        while articles.len() < MAX_ITEMS {
            let v = self.call(&format!("&items&since_id={since}"), &[])?;
            let items = v["items"].as_array().cloned().unwrap_or_default();
            let mut max = since;
            for it in &items {
                let Some(id) = num(&it["id"]) else { continue };
                max = max.max(id.parse().unwrap_or(0));
                articles.push(RemoteArticle {
                    feed_id: num(&it["feed_id"]).unwrap_or_default(),
                    guid: None,
                    title: it["title"].as_str().unwrap_or("").to_string(),
                    html: it["html"].as_str().unwrap_or("").to_string(),
                    link: it["url"].as_str().filter(|s| !s.is_empty()).map(str::to_string),
                    author: it["author"].as_str().filter(|s| !s.is_empty()).map(str::to_string),
                    published: it["created_on_time"].as_i64(),
                    read: truthy(&it["is_read"]),
                    starred: truthy(&it["is_saved"]),
                    id,
                });
            }
            if items.is_empty() || max == since {
                break;
            }
            since = max;
        }
        Ok(Articles { articles, token: (since > start).then(|| since.to_string()) })
    }

    fn unread_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        self.id_list("unread_item_ids")
    }

    fn starred_ids(&mut self) -> Result<HashSet<String>, SyncError> {
        self.id_list("saved_item_ids")
    }

    fn set_flag(&mut self, ids: &[String], flag: Flag, on: bool) -> Result<(), SyncError> {
        let to = match (flag, on) {
            (Flag::Read, true) => "read",
            (Flag::Read, false) => "unread",
            (Flag::Starred, true) => "saved",
            (Flag::Starred, false) => "unsaved",
        };
        for id in ids {
            self.call("", &[("mark", "item".into()), ("as", to.into()), ("id", id.clone())])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_api_key_is_md5_of_user_and_password() {
        let f = Fever::new(
            ureq::Agent::new_with_defaults(),
            "http://x/fever/",
            "tester@example.com",
            Secret::new("testpass1234"),
        );
        // printf '%s' 'tester@example.com:testpass1234' | md5sum
        assert_eq!(f.key.expose(), "260e85f724911223de99024cfbb1549e");
    }
}
