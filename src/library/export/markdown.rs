//! The report as Markdown: readable as plain text in a pager, and in a browser, where right-to-left
//! text sits in `<div dir="rtl">` blocks (blank lines inside, so Markdown in them still renders).

use std::io::{self, Write};

use super::{ArticleReport, Report, kind_name};

/// Escapes what Markdown or HTML would take as markup (rare in news text; kept readable).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `u` as an autolink target when it is a web address (`http:` or `https:`), `None` otherwise.
/// The scheme is read as a browser reads it: case and the tabs, newlines and spaces a browser
/// strips ignored (`JaVa\tScRipt:` is `javascript:`).
fn web_link(u: &str) -> Option<String> {
    let u: String =
        u.chars().filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>')).collect();
    let scheme = u.split_once(':')?.0.to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https").then_some(u)
}

/// Whether the first strong letter of `s` is right-to-left.
fn is_rtl(s: &str) -> bool {
    use unicode_bidi::{BidiClass, bidi_class};
    s.chars()
        .find_map(|c| match bidi_class(c) {
            BidiClass::L => Some(false),
            BidiClass::R | BidiClass::AL => Some(true),
            _ => None,
        })
        .unwrap_or(false)
}

/// Writes `body` inside a right-to-left block when `rtl`.
fn block(
    out: &mut dyn Write,
    rtl: bool,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if rtl {
        writeln!(out, "<div dir=\"rtl\">\n")?;
    }
    body(out)?;
    if rtl {
        writeln!(out, "\n</div>")?;
    }
    writeln!(out)
}

/// Writes the report as Markdown.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let quotes: usize = r.articles.iter().map(|a| a.quotes.len()).sum();
    writeln!(out, "# Review report\n")?;
    let only = if r.starred_only { " (starred only)" } else { "" };
    writeln!(out, "{} articles, {quotes} quotes{only}. Written by {}.\n", r.articles.len(), r.generator)?;
    for (n, a) in r.articles.iter().enumerate() {
        article(out, n + 1, a)?;
    }
    Ok(())
}

fn article(out: &mut dyn Write, n: usize, a: &ArticleReport) -> io::Result<()> {
    let rtl = a.direction == "rtl";
    writeln!(out, "---\n")?;
    let star = if a.starred { " ★" } else { "" };
    block(out, rtl || is_rtl(&a.title), |out| writeln!(out, "## {n}. {}{star}", md(&a.title)))?;
    writeln!(out, "- File: `{}` (article {})", a.file.replace('`', "'"), a.index)?;
    let source: Vec<String> = [&a.source, &a.author, &a.date].into_iter().flatten().map(|s| md(s)).collect();
    if !source.is_empty() {
        writeln!(out, "- Source: {}", source.join(" · "))?;
    }
    if let Some(u) = &a.url {
        match web_link(u) {
            Some(u) => writeln!(out, "- Link: <{u}>")?,
            // javascript:, data:, vbscript: and the like are shown, never made a link.
            None => writeln!(out, "- Link (not a web address, not linked): `{}`", u.replace('`', "'"))?,
        }
    }
    let marks = [(a.starred, "starred"), (a.read, "read")];
    let marks: Vec<&str> = marks.iter().filter(|(on, _)| *on).map(|(_, s)| *s).collect();
    if !marks.is_empty() {
        writeln!(out, "- Marked: {}", marks.join(", "))?;
    }
    writeln!(out)?;
    if let Some(note) = &a.note {
        writeln!(out, "**Note:**\n")?;
        block(out, is_rtl(note), |out| writeln!(out, "{}", md(note)))?;
    }
    if !a.actors.is_empty() {
        writeln!(out, "**Actors:**\n")?;
        block(out, rtl, |out| {
            for x in &a.actors {
                let s = if x.mentions == 1 { "" } else { "s" };
                writeln!(out, "- {} ({}, {} mention{s})", md(&x.name), kind_name(&x.kind), x.mentions)?;
            }
            Ok(())
        })?;
    }
    if !a.quotes.is_empty() {
        writeln!(out, "**Quotes:**\n")?;
        block(out, rtl, |out| {
            for q in &a.quotes {
                let star = if q.starred { " ★" } else { "" };
                writeln!(out, "> «{}»{star}", md(&q.text))?;
                let who = q
                    .speaker
                    .as_deref()
                    .map_or_else(|| "*unattributed*".to_string(), |s| format!("**{}**", md(s)));
                writeln!(out, ">\n> — {who} ({})", kind_name(&q.kind))?;
                if let Some(note) = &q.note {
                    writeln!(out, ">\n> 📝 {}", md(note))?;
                }
                writeln!(out)?;
            }
            Ok(())
        })?;
    }
    for u in &a.unmatched {
        let star = if u.starred { "★ " } else { "" };
        writeln!(
            out,
            "- {star}Note on a quote no longer found ({}): {}",
            md(&u.key),
            u.note.as_deref().map_or_else(String::new, md)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::web_link;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_link("https://example.com/a b").as_deref(), Some("https://example.com/ab"));
        assert_eq!(web_link("HTTP://x.example").as_deref(), Some("HTTP://x.example"));
        for bad in [
            "javascript:alert(1)",
            "JaVa\tScRipt:alert(1)",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "no scheme",
        ] {
            assert_eq!(web_link(bad), None, "{bad:?}");
        }
    }
}
