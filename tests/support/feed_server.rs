//! An HTTP server on 127.0.0.1 for the fetch tests (tiny_http, in-process): routes set and changed
//! by the test, conditional GET (ETag, Last-Modified), gzip when asked, redirects, errors, a slow
//! route, and a log of every request. Feeds are built from the bundled Arabic articles.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Response, Server};

/// What a path answers.
#[derive(Debug, Clone, Default)]
pub struct Route {
    /// Status code (200 when 0).
    pub status: u16,
    /// Body.
    pub body: Vec<u8>,
    /// Content-Type.
    pub content_type: String,
    /// ETag sent, and honoured in If-None-Match.
    pub etag: Option<String>,
    /// Last-Modified sent, and honoured in If-Modified-Since (exact match).
    pub last_modified: Option<String>,
    /// Gzip the body when the client accepts it.
    pub gzip: bool,
    /// Location of a redirect (with `status` 301/302).
    pub location: Option<String>,
    /// Wait before answering.
    pub delay: Option<Duration>,
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Path (and query).
    pub path: String,
    /// If-None-Match sent.
    pub if_none_match: Option<String>,
    /// If-Modified-Since sent.
    pub if_modified_since: Option<String>,
    /// Accept-Encoding sent.
    pub accept_encoding: Option<String>,
    /// What was answered.
    pub status: u16,
}

/// The running server; stops when dropped.
pub struct FeedServer {
    server: Arc<Server>,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    log: Arc<Mutex<Vec<Seen>>>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl FeedServer {
    /// Starts on a free port of 127.0.0.1.
    pub fn start() -> FeedServer {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let routes: Arc<Mutex<HashMap<String, Route>>> = Arc::default();
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let (s, r, l) = (Arc::clone(&server), Arc::clone(&routes), Arc::clone(&log));
        thread::spawn(move || {
            for req in s.incoming_requests() {
                let (r, l) = (Arc::clone(&r), Arc::clone(&l));
                // One thread a request, so a slow route does not hold the others.
                thread::spawn(move || answer(req, &r, &l));
            }
        });
        FeedServer { server, routes, log, base: format!("http://127.0.0.1:{port}") }
    }

    /// Sets what `path` answers.
    pub fn route(&self, path: &str, route: Route) {
        self.routes.lock().unwrap().insert(path.to_string(), route);
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Requests seen so far for `path`.
    pub fn seen(&self, path: &str) -> Vec<Seen> {
        self.log.lock().unwrap().iter().filter(|s| s.path == path).cloned().collect()
    }
}

impl Drop for FeedServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn header(req: &tiny_http::Request, name: &'static str) -> Option<String> {
    req.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string())
}

fn answer(req: tiny_http::Request, routes: &Mutex<HashMap<String, Route>>, log: &Mutex<Vec<Seen>>) {
    let path = req.url().to_string();
    let route = routes.lock().unwrap().get(&path).cloned();
    let inm = header(&req, "If-None-Match");
    let ims = header(&req, "If-Modified-Since");
    let ae = header(&req, "Accept-Encoding");
    let mut seen = Seen {
        path: path.clone(),
        if_none_match: inm.clone(),
        if_modified_since: ims.clone(),
        accept_encoding: ae.clone(),
        status: 404,
    };
    let Some(route) = route else {
        log.lock().unwrap().push(seen);
        let _ = req.respond(Response::from_string("not found").with_status_code(404));
        return;
    };
    if let Some(d) = route.delay {
        thread::sleep(d);
    }
    let h = |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("header");
    let fresh = (route.etag.is_some() && inm == route.etag)
        || (route.last_modified.is_some() && ims == route.last_modified);
    if fresh {
        seen.status = 304;
        log.lock().unwrap().push(seen);
        let _ = req.respond(Response::empty(304));
        return;
    }
    let status = if route.status == 0 { 200 } else { route.status };
    seen.status = status;
    log.lock().unwrap().push(seen);
    let gzip = route.gzip && ae.as_deref().is_some_and(|a| a.contains("gzip"));
    let body = if gzip {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&route.body).unwrap();
        e.finish().unwrap()
    } else {
        route.body.clone()
    };
    let mut resp = Response::from_data(body).with_status_code(status);
    if !route.content_type.is_empty() {
        resp = resp.with_header(h("Content-Type", &route.content_type));
    }
    if let Some(e) = &route.etag {
        resp = resp.with_header(h("ETag", e));
    }
    if let Some(lm) = &route.last_modified {
        resp = resp.with_header(h("Last-Modified", lm));
    }
    if let Some(loc) = &route.location {
        resp = resp.with_header(h("Location", loc));
    }
    if gzip {
        resp = resp.with_header(h("Content-Encoding", "gzip"));
    }
    let _ = req.respond(resp);
}

/// A fixture article: title and paragraphs (from the bundled seeds).
#[derive(Debug, Clone)]
pub struct Item {
    pub guid: String,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub date: &'static str,
}

/// The bundled Arabic articles, as sahifa cleans them, as feed items dated a day apart (newest last).
pub fn seed_items() -> Vec<Item> {
    const DATES: [&str; 5] = [
        "2026-11-01T08:00:00Z",
        "2026-11-02T08:00:00Z",
        "2026-11-03T08:00:00Z",
        "2026-11-04T08:00:00Z",
        "2026-11-05T08:00:00Z",
    ];
    let loaded = sahifa::article::load_bundled(&sahifa::article::LoadOptions::default());
    loaded
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| Item {
            guid: format!("urn:sahifa-test:{}", a.id),
            title: a.title.clone(),
            paragraphs: a.paragraph_texts().map(str::to_string).collect(),
            date: DATES[i % DATES.len()],
        })
        .collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn html(paragraphs: &[String]) -> String {
    paragraphs.iter().map(|p| format!("<p>{}</p>", esc(p))).collect()
}

/// RFC 2822 date of an item (RSS wants it).
fn rfc2822(date: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(date).unwrap().to_rfc2822()
}

/// An RSS 2.0 feed of `items`; `encoding` goes in the XML declaration; `link` gives each item's link.
pub fn rss(title: &str, items: &[Item], encoding: &str, link: impl Fn(usize) -> String) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<rss version=\"2.0\"><channel><title>{}</title><link>http://example.invalid/</link><description>اختبار</description>\n",
        esc(title)
    );
    for (i, it) in items.iter().enumerate() {
        s.push_str(&format!(
            "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">{}</guid><pubDate>{}</pubDate><author>مراسل</author><description>{}</description></item>\n",
            esc(&it.title),
            esc(&link(i)),
            esc(&it.guid),
            rfc2822(it.date),
            esc(&html(&it.paragraphs))
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}

/// An Atom feed of `items`.
pub fn atom(title: &str, items: &[Item]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{}</title><id>urn:test:atom</id><updated>2026-11-05T08:00:00Z</updated>\n",
        esc(title)
    );
    for it in items {
        s.push_str(&format!(
            "<entry><title>{}</title><id>{}</id><updated>{}</updated><link href=\"http://example.invalid/{}\"/><author><name>كاتب</name></author><content type=\"html\">{}</content></entry>\n",
            esc(&it.title),
            esc(&it.guid),
            it.date,
            esc(&it.guid),
            esc(&html(&it.paragraphs))
        ));
    }
    s.push_str("</feed>\n");
    s
}

/// A JSON Feed 1.1 of `items`.
pub fn json_feed(title: &str, items: &[Item]) -> String {
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|it| {
            serde_json::json!({
                "id": it.guid,
                "title": it.title,
                "content_html": html(&it.paragraphs),
                "date_published": it.date,
                "url": format!("http://example.invalid/{}", it.guid),
            })
        })
        .collect();
    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": title, "items": items})
        .to_string()
}

/// A web page holding an article (for full-text feeds), with site furniture around it.
pub fn page(item: &Item) -> String {
    format!(
        "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>{t}</title></head><body><nav><a href=\"/\">الرئيسية</a></nav><article><h1>{t}</h1>{}</article><footer>جميع الحقوق محفوظة</footer></body></html>",
        html(&item.paragraphs),
        t = esc(&item.title)
    )
}

/// `text` in Windows-1256 (for an XML document).
pub fn cp1256(text: &str) -> Vec<u8> {
    // A character Windows-1256 lacks becomes a numeric character reference, which XML reads back.
    encoding_rs::WINDOWS_1256.encode(text).0.into_owned()
}
