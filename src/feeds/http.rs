//! The HTTP client for feeds: ureq 3 (blocking, rustls, gzip), conditional GET, redirects,
//! timeouts and proxies from the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`).

use std::time::Duration;

/// Largest body accepted (after decompression).
pub const MAX_BODY: u64 = 32 * 1024 * 1024;

/// A configured client; cheap to share between threads (`Agent` is a handle).
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    timeout: Duration,
}

/// What a GET returned.
#[derive(Debug)]
pub enum Got {
    /// 304: the copy we have is current.
    NotModified,
    /// A body with its validators.
    Body {
        /// The bytes, decompressed.
        bytes: Vec<u8>,
        /// `ETag`.
        etag: Option<String>,
        /// `Last-Modified`.
        last_modified: Option<String>,
        /// `Content-Type`.
        content_type: Option<String>,
    },
}

impl Client {
    /// A client whose every request (connect, redirects, body) ends within `timeout`.
    pub fn new(timeout: Duration) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(15))))
            .http_status_as_error(false)
            .max_redirects(10)
            .proxy(ureq::Proxy::try_from_env())
            .user_agent(concat!("sahifa/", env!("CARGO_PKG_VERSION"), " (terminal news reader)"))
            .build();
        Client { agent: config.into(), timeout }
    }

    /// The configured agent (proxies, timeouts, user agent), for the sync clients.
    pub fn agent(&self) -> &ureq::Agent {
        &self.agent
    }

    /// GETs `url`, conditional on the validators given; the error is one line for the user.
    pub fn get(&self, url: &str, etag: Option<&str>, last_modified: Option<&str>) -> Result<Got, String> {
        let mut req = self.agent.get(url).header(
            "Accept",
            "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
        );
        if let Some(e) = etag {
            req = req.header("If-None-Match", e);
        }
        if let Some(lm) = last_modified {
            req = req.header("If-Modified-Since", lm);
        }
        let mut resp = req.call().map_err(|e| self.describe(e))?;
        let status = resp.status();
        if status.as_u16() == 304 {
            return Ok(Got::NotModified);
        }
        if !status.is_success() {
            return Err(format!("HTTP {} {}", status.as_u16(), status.canonical_reason().unwrap_or(""))
                .trim()
                .into());
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
                .filter(|v| !v.is_empty())
        };
        let (etag, last_modified, content_type) =
            (header("etag"), header("last-modified"), header("content-type"));
        let bytes =
            resp.body_mut().with_config().limit(MAX_BODY).read_to_vec().map_err(|e| self.describe(e))?;
        Ok(Got::Body { bytes, etag, last_modified, content_type })
    }

    /// A ureq error as a phrase a reader understands.
    fn describe(&self, e: ureq::Error) -> String {
        let s = match e {
            ureq::Error::Timeout(_) => format!("no answer within {} s (timed out)", self.timeout.as_secs()),
            ureq::Error::HostNotFound => "host not found".into(),
            ureq::Error::ConnectionFailed => "cannot connect".into(),
            ureq::Error::BodyExceedsLimit(_) => format!("larger than {} MB", MAX_BODY / 1024 / 1024),
            ureq::Error::TooManyRedirects => "too many redirects".into(),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                format!("no answer within {} s (timed out)", self.timeout.as_secs())
            }
            other => other.to_string(),
        };
        crate::text::sanitize(&s).replace('\n', " ")
    }
}
