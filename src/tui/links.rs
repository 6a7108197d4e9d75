//! An article's link: opened with `$BROWSER` (or `xdg-open`) run directly, never through a shell;
//! copied with OSC 52 (the terminal sets the clipboard, so it works over SSH); shown as an OSC 8
//! hyperlink. A link comes from a feed: only `http(s)` URLs of printable ASCII are used, so nothing
//! in it can end the escape sequence early or reach a program as an option.

use base64::Engine;

/// The link if it is safe to hand to a browser or put in an escape sequence: `http://` or
/// `https://`, without control characters (C0, DEL, C1: no ESC, no BEL), as printable ASCII: the
/// bytes of other characters (Arabic paths, spaces) percent-encoded, as browsers send them.
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let scheme = lower.starts_with("https://") || lower.starts_with("http://");
    if !scheme || u.chars().count() <= 8 || u.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(u.len());
    for b in u.bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// The link opener from `$BROWSER` (its first entry when it lists several, `:`-separated), else
/// `xdg-open`; split on whitespace into the program and its arguments.
pub fn browser_from_env() -> Vec<String> {
    let var = std::env::var("BROWSER").unwrap_or_default();
    let first = var.split(':').map(str::trim).find(|s| !s.is_empty()).unwrap_or("xdg-open");
    first.split_whitespace().map(str::to_string).collect()
}

/// Starts `browser` on `url` (as one argument, in place of `%s` or last), without a shell, with no
/// terminal input or output; does not wait for it.
pub fn open(browser: &[String], url: &str) -> Result<(), String> {
    let url = safe_url(url).ok_or_else(|| "not an http(s) link; not opened".to_string())?;
    let url = url.as_str();
    let (prog, args) = browser.split_first().ok_or_else(|| "no browser: set $BROWSER".to_string())?;
    let mut args: Vec<String> = args.to_vec();
    match args.iter_mut().find(|a| a.contains("%s")) {
        Some(a) => *a = a.replace("%s", url),
        None => args.push(url.to_string()),
    }
    let child = std::process::Command::new(prog)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {prog}: {e}"))?;
    // Reaped off the UI thread, so no zombie is left behind and the reader never waits.
    let _ = std::thread::Builder::new().name("sahifa-browser".into()).spawn(move || {
        let mut child = child;
        let _ = child.wait();
    });
    Ok(())
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text))
}

/// Opening and closing sequences of an OSC 8 hyperlink to `url` (already [`safe_url`]).
pub fn osc8(url: &str) -> (String, &'static str) {
    (format!("\x1b]8;;{url}\x1b\\"), "\x1b]8;;\x1b\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_links_are_safe() {
        let ok = |s: &str| Some(s.to_string());
        assert_eq!(safe_url("https://example.com/a?b=1"), ok("https://example.com/a?b=1"));
        assert_eq!(safe_url("HTTP://x.org"), ok("HTTP://x.org"));
        assert_eq!(safe_url("https://x.org/\x1b]8;;evil\x07"), None);
        assert_eq!(safe_url("https://x.org/\u{9b}31m"), None);
        assert_eq!(safe_url("https://x.org/a b"), ok("https://x.org/a%20b"));
        assert_eq!(safe_url("http://a.net/ar/تجارب"), ok("http://a.net/ar/%D8%AA%D8%AC%D8%A7%D8%B1%D8%A8"));
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(safe_url("--help"), None);
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("https://"), None);
    }

    #[test]
    fn osc52_is_base64_between_the_markers() {
        assert_eq!(osc52("https://a.b/"), "\x1b]52;c;aHR0cHM6Ly9hLmIv\x07");
    }
}
