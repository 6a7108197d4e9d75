//! The three formats over hand-built extractions and an in-memory store with stars and notes.

use super::*;
use crate::extract::{Actor, Quote};

fn library() -> (Vec<Article>, Vec<Extraction>) {
    let a0 = crate::article::from_plain_text(
        "a.txt",
        "باشينيان يتحدث\nقال نيكول باشينيان «لن نتراجع» وأضاف «نريد السلام»",
    );
    let a1 = crate::article::from_plain_text("b.txt", "English title\nNo quotes, \"=cmd\" here");
    let q = |text: &str, body: &str| {
        let start = body.find(text).unwrap_or(0);
        Quote {
            text: text.into(),
            span: start..start + text.len(),
            speaker: Some(0),
            speaker_span: None,
            source: None,
            kind: QuoteKind::Direct,
            cue: Some("قال".into()),
            in_title: false,
        }
    };
    let e0 = Extraction {
        actors: vec![Actor {
            name: "نيكول باشينيان".into(),
            kind: ActorKind::Person,
            aliases: vec![],
            mentions: vec![0..5, 30..35],
        }],
        quotes: vec![q("لن نتراجع", &a0.body), q("نريد السلام", &a0.body)],
    };
    (vec![a0, a1], vec![e0, Extraction::default()])
}

fn out(format: ExportFormat, store: &Store, starred: bool) -> String {
    let (articles, ex) = library();
    let mut buf = Vec::new();
    write(format, &articles, &ex, store, starred, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn marked_store() -> Store {
    let (articles, ex) = library();
    let mut s = Store::in_memory();
    let id = &articles[0].id;
    s.set_starred(id, true);
    s.set_note(id, Some("ملاحظة على المقال".into()));
    let q = &ex[0].quotes[1];
    let key = quote_key(&q.text, q.span.start);
    s.set_quote_starred(id, &key, true);
    s.set_quote_note(id, &key, Some("=SUM(A1) مهم".into()));
    s
}

#[test]
fn csv_has_bom_and_one_row_per_quote() {
    let csv = out(ExportFormat::Csv, &Store::in_memory(), false);
    assert!(csv.starts_with('\u{FEFF}'));
    let mut r = ::csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, ["file", "index", "title", "speaker", "kind", "quote", "starred", "note"]);
    let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][3], "نيكول باشينيان");
    assert_eq!(&rows[0][5], "لن نتراجع");
    assert_eq!(&rows[1][6], "no");
}

#[test]
fn csv_carries_stars_and_notes_and_defuses_formulas() {
    let csv = out(ExportFormat::Csv, &marked_store(), false);
    let mut r = ::csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let rows: Vec<::csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!((&rows[0][4], &rows[0][6], &rows[0][7]), ("article", "yes", "ملاحظة على المقال"));
    assert_eq!((&rows[2][5], &rows[2][6], &rows[2][7]), ("نريد السلام", "yes", "'=SUM(A1) مهم"));
}

#[test]
fn json_is_complete_and_parses() {
    let json: serde_json::Value =
        serde_json::from_str(&out(ExportFormat::Json, &marked_store(), false)).unwrap();
    let arts = json["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 2);
    assert_eq!(arts[0]["starred"], true);
    assert_eq!(arts[0]["note"], "ملاحظة على المقال");
    assert_eq!(arts[0]["actors"][0]["kind"], "person");
    assert_eq!(arts[0]["quotes"][1]["speaker"], "نيكول باشينيان");
    assert_eq!(arts[0]["quotes"][1]["starred"], true);
    assert_eq!(arts[0]["quotes"][0]["starred"], false);
    assert_eq!(arts[1]["direction"], "ltr");
}

#[test]
fn markdown_is_readable_with_rtl_blocks() {
    let md = out(ExportFormat::Markdown, &marked_store(), false);
    assert!(md.contains("<div dir=\"rtl\">"));
    assert!(md.contains("ملاحظة على المقال"));
    assert!(md.contains("«نريد السلام» ★"));
    assert!(md.contains("**نيكول باشينيان**"));
    // The English article is not wrapped: its title stands outside any rtl block.
    let en = md.find("English title").unwrap();
    assert!(md[..en].rfind("<div dir=\"rtl\">") < md[..en].rfind("</div>"));
}

#[test]
fn starred_only_keeps_starred_articles_and_quotes() {
    let json: serde_json::Value =
        serde_json::from_str(&out(ExportFormat::Json, &marked_store(), true)).unwrap();
    let arts = json["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0]["quotes"].as_array().unwrap().len(), 1);
    assert_eq!(arts[0]["quotes"][0]["text"], "نريد السلام");
    let none: serde_json::Value =
        serde_json::from_str(&out(ExportFormat::Json, &Store::in_memory(), true)).unwrap();
    assert!(none["articles"].as_array().unwrap().is_empty());
}

#[test]
fn notes_on_quotes_drawn_differently_are_found_by_text_or_kept_unmatched() {
    let (articles, ex) = library();
    let id = &articles[0].id;
    let mut s = Store::in_memory();
    let q = &ex[0].quotes[0];
    // Same text, other span: found by the text's hash.
    s.set_quote_note(id, &quote_key(&q.text, q.span.start + 3), Some("بالنص".into()));
    s.set_quote_note(id, &quote_key("نص قديم", 1), Some("يتيمة".into()));
    let r = report(&articles, &ex, &s, false);
    assert_eq!(r.articles[0].quotes[0].note.as_deref(), Some("بالنص"));
    assert_eq!(r.articles[0].unmatched.len(), 1);
    assert_eq!(r.articles[0].unmatched[0].note.as_deref(), Some("يتيمة"));
}

#[test]
fn hostile_text_is_sanitised() {
    let a = crate::article::from_plain_text("x.txt", "عنوان\u{1b}[2J\u{202E}\nنص");
    let mut buf = Vec::new();
    write(ExportFormat::Markdown, &[a], &[], &Store::in_memory(), false, &mut buf).unwrap();
    let s = String::from_utf8(buf).unwrap();
    assert!(!s.contains('\u{1b}') && !s.contains('\u{202E}'));
}
