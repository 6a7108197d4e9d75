//! OPML subscription lists: reading every outline that has an `xmlUrl` (its enclosing folders
//! become its tags) and writing the library's feeds back, one folder per tag.

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use crate::db::Feed;

/// A feed found in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// `xmlUrl`.
    pub url: String,
    /// `title`, else `text`.
    pub title: Option<String>,
    /// The titles of the folders around it, outermost first.
    pub tags: Vec<String>,
}

/// The feeds of an OPML document, in document order; an error (a phrase) when it is not OPML or
/// its XML is broken.
pub fn parse(text: &str) -> Result<Vec<Outline>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut out = Vec::new();
    let mut saw_opml = false;
    loop {
        let ev = reader.read_event().map_err(|e| format!("not valid OPML: {e}"))?;
        match ev {
            Event::Start(e) if e.local_name().as_ref() == "opml" => saw_opml = true,
            Event::Empty(e) if e.local_name().as_ref() == "opml" => saw_opml = true,
            Event::Start(e) if e.local_name().as_ref() == "outline" => {
                let o = outline(&e);
                match o.url {
                    Some(url) => {
                        out.push(feed(url, o.title, &folders));
                        folders.push(None);
                    }
                    None => folders.push(o.title),
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == "outline" => {
                let o = outline(&e);
                if let Some(url) = o.url {
                    out.push(feed(url, o.title, &folders));
                }
            }
            Event::End(e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err("not an OPML file (no <opml> element)".into());
    }
    Ok(out)
}

struct Attrs {
    url: Option<String>,
    title: Option<String>,
}

fn outline(e: &BytesStart) -> Attrs {
    let mut url = None;
    let mut title = None;
    let mut text = None;
    for a in e.attributes().flatten() {
        let Ok(v) = a.normalized_value(XmlVersion::Implicit1_0) else { continue };
        let v = crate::text::sanitize(v.trim()).into_owned();
        if v.is_empty() {
            continue;
        }
        match a.key.local_name().as_ref() {
            "xmlUrl" | "xmlurl" => url = Some(v),
            "title" => title = Some(v),
            "text" => text = Some(v),
            _ => {}
        }
    }
    Attrs { url, title: title.or(text) }
}

/// A feed's outline; a title that only repeats the URL (as exports write for untitled feeds) is none.
fn feed(url: String, title: Option<String>, folders: &[Option<String>]) -> Outline {
    let title = title.filter(|t| *t != url);
    Outline { url, title, tags: tags(folders) }
}

fn tags(folders: &[Option<String>]) -> Vec<String> {
    let mut t: Vec<String> = Vec::new();
    for f in folders.iter().flatten() {
        if !t.contains(f) {
            t.push(f.clone());
        }
    }
    t
}

/// The feeds as an OPML 2.0 document: untagged feeds at the top, then one folder per tag holding
/// every feed that carries it (reading it back gives each feed all its tags again).
pub fn write(feeds: &[Feed]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>sahifa feeds</title>\n  </head>\n  <body>\n",
    );
    let line = |s: &mut String, indent: &str, f: &Feed| {
        let title = f.title.as_deref().unwrap_or(&f.url);
        s.push_str(&format!(
            "{indent}<outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{u}\"/>\n",
            t = attr(title),
            u = attr(&f.url)
        ));
    };
    for f in feeds.iter().filter(|f| f.tags.is_empty()) {
        line(&mut s, "    ", f);
    }
    let mut tags: Vec<&str> = Vec::new();
    for t in feeds.iter().flat_map(|f| &f.tags) {
        if !tags.contains(&t.as_str()) {
            tags.push(t);
        }
    }
    for t in tags {
        s.push_str(&format!("    <outline text=\"{0}\" title=\"{0}\">\n", attr(t)));
        for f in feeds.iter().filter(|f| f.tags.iter().any(|x| x == t)) {
            line(&mut s, "      ", f);
        }
        s.push_str("    </outline>\n");
    }
    s.push_str("  </body>\n</opml>\n");
    s
}

/// An attribute value: escaped, and with newlines and tabs as character references so that a
/// reader's attribute normalisation gives them back.
fn attr(v: &str) -> String {
    quick_xml::escape::escape(v).replace('\n', "&#10;").replace('\t', "&#9;").replace('\r', "&#13;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="top" type="rss" xmlUrl="https://a.example/rss"/>
  <outline text="أخبار" title="أخبار">
    <outline text="عربي" xmlUrl="https://b.example/feed?x=1&amp;y=2"/>
    <outline text="sub"><outline title="deep" xmlUrl="http://c.example/atom"></outline></outline>
  </outline>
</body></opml>"#;

    #[test]
    fn reads_every_outline_with_folders_as_tags() {
        let o = parse(SAMPLE).unwrap();
        assert_eq!(o.len(), 3);
        assert_eq!(
            o[0],
            Outline { url: "https://a.example/rss".into(), title: Some("top".into()), tags: vec![] }
        );
        assert_eq!(o[1].url, "https://b.example/feed?x=1&y=2");
        assert_eq!(o[1].tags, vec!["أخبار".to_string()]);
        assert_eq!(o[2].tags, vec!["أخبار".to_string(), "sub".to_string()]);
        assert_eq!(o[2].title.as_deref(), Some("deep"));
    }

    #[test]
    fn not_opml_and_broken_xml_are_errors() {
        assert!(parse("<rss><channel/></rss>").unwrap_err().contains("not an OPML"));
        assert!(parse("<opml><body><outline></body>").is_err());
    }

    #[test]
    fn round_trip_keeps_urls_titles_and_tags() {
        let feed = |id, url: &str, title: &str, tags: &[&str]| Feed {
            id,
            url: url.into(),
            title: Some(title.into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            full_text: false,
            etag: None,
            last_modified: None,
            last_fetched: None,
            last_error: None,
            articles: 0,
        };
        let feeds = vec![
            feed(1, "https://a.example/rss?a=1&b=\"2\"", "الجزيرة <نت>", &[]),
            feed(2, "https://b.example/feed", "عربي", &["أخبار", "sport"]),
        ];
        let back = parse(&write(&feeds)).unwrap();
        let mut urls: Vec<_> = back.iter().map(|o| o.url.as_str()).collect();
        urls.dedup();
        assert_eq!(urls, vec!["https://a.example/rss?a=1&b=\"2\"", "https://b.example/feed"]);
        assert_eq!(back[0].title.as_deref(), Some("الجزيرة <نت>"));
        let tags: Vec<_> =
            back.iter().filter(|o| o.url.contains("b.example")).flat_map(|o| o.tags.clone()).collect();
        assert_eq!(tags, vec!["أخبار".to_string(), "sport".to_string()]);
    }
}
