//! Feed subscriptions: OPML lists ([`opml`]), URL checks, and fetching feeds into the library
//! ([`fetch`]).

pub mod fetch;
pub mod http;
pub mod opml;

/// Checks that `s` is an http or https URL with a host; the error is a phrase for the user.
pub fn check_url(s: &str) -> Result<(), String> {
    let uri: ureq::http::Uri = s.parse().map_err(|e| format!("not a URL: {e}"))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(other) => return Err(format!("only http and https feeds can be fetched, not {other}")),
        None => return Err("not a URL (http:// or https:// expected)".into()),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err("URL without a host".into());
    }
    Ok(())
}

/// Whether a command-line argument names a URL rather than a file.
pub fn looks_like_url(s: &str) -> bool {
    s.contains("://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked() {
        assert!(check_url("https://a.example/rss").is_ok());
        assert!(check_url("http://127.0.0.1:8080/x.xml").is_ok());
        assert!(check_url("ftp://a.example/x").unwrap_err().contains("only http"));
        assert!(check_url("http:///x").is_err());
        assert!(check_url("http://a b/").is_err());
    }
}
