//! Loading per format and per encoding, on Arabic fixtures (tests/fixtures/library) and on bytes
//! generated here (Windows-1256, ISO-8859-6, UTF-16, gzip).

use std::io::Write;
use std::path::PathBuf;

use sahifa::article::{Article, Format, LoadOptions, Loaded, load_bytes, load_paths};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library").join(name)
}

fn load(name: &str) -> Loaded {
    load_paths(&[fixture(name)], &LoadOptions::default())
}

fn pars(a: &Article) -> Vec<&str> {
    a.paragraph_texts().collect()
}

fn all_text(a: &Article) -> String {
    format!("{}\n{}", a.title, a.body)
}

#[test]
fn plain_text_cleaned() {
    let l = load("article.txt");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let a = &l.articles[0];
    assert_eq!(a.format, Format::Text);
    assert_eq!(a.title, "البنك المركزي يرفع سعر الفائدة ربع نقطة مئوية");
    assert_eq!(pars(a).len(), 5);
    assert_eq!(pars(a)[2], "التضخم", "a one-word section heading is article text");
    for gone in [
        "آخر تحديث",
        "[ad_",
        "(رويترز)",
        "فريق كرة القدم",
        "اقرأ أيضاً",
        "تابعونا",
        "ذات صلة",
        "الذهب",
        "Source link",
    ] {
        assert!(!a.body.contains(gone), "{gone} kept");
    }
}

#[test]
fn plain_text_raw_keeps_everything() {
    let l = load_paths(&[fixture("article.txt")], &LoadOptions { raw: true, ..Default::default() });
    let a = &l.articles[0];
    assert_eq!(a.title, "اقتصاد آخر تحديث في 12/03/2024");
    assert_eq!(pars(a).len(), 17);
}

#[test]
fn markdown_reduced_to_text() {
    let a = &load("article.md").articles[0];
    assert_eq!(a.format, Format::Markdown);
    assert_eq!(a.title, "افتتاح معرض الكتاب الدولي في دورته الجديدة");
    assert!(pars(a).contains(&"ندوات فكرية يومية"));
    assert!(pars(a).contains(&"أبرز الفعاليات"));
    let t = all_text(a);
    for markup in ["**", "#", "](", "https://", "opening.jpg", "صورة الافتتاح", "`", "> "] {
        assert!(!t.contains(markup), "{markup} left in the text");
    }
}

#[test]
fn html_main_text_without_furniture() {
    let l = load("page.html");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let a = &l.articles[0];
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title, "الحكومة تعلن خطة جديدة لدعم المزارعين");
    assert_eq!(a.url.as_deref(), Some("https://example.org/news/farmers"));
    assert_eq!(a.author.as_deref(), Some("سلمى الحسيني"));
    assert_eq!(a.source.as_deref(), Some("جريدة المساء"));
    assert_eq!(a.date.as_deref(), Some("2024-03-05T09:30:00+02:00"));
    assert_eq!(
        pars(a),
        [
            "أعلنت الحكومة، اليوم الثلاثاء، عن خطة جديدة لدعم المزارعين في المناطق الريفية، تتضمن قروضاً ميسرة وإعفاءات ضريبية لمدة ثلاث سنوات.",
            "وقال وزير الزراعة في مؤتمر صحافي إن «الخطة تهدف إلى رفع الإنتاج المحلي وتقليل الاعتماد على الاستيراد».",
            "تفاصيل الخطة",
            "وتشمل الخطة توزيع بذور محسنة على عشرة آلاف مزارع، وإنشاء مراكز إرشاد في كل محافظة.",
            "ومن المتوقع أن يبدأ تنفيذ الخطة مطلع الشهر المقبل.",
            "وستصدر الوزارة تقريراً دورياً عن سير العمل.",
        ]
    );
}

#[test]
fn html_densest_block_and_title_element() {
    let a = &load("page-noarticle.html").articles[0];
    assert_eq!(a.title, "انخفاض درجات الحرارة في نهاية الأسبوع");
    assert_eq!(pars(a).len(), 3);
    assert!(!a.body.contains("إعلانات") && !a.body.contains("الرئيسية") && !a.body.contains("حقوق"));
}

#[test]
fn rss_items_with_link_date_author() {
    let l = load("feed-rss.xml");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    assert_eq!(l.articles.len(), 2);
    let a = &l.articles[0];
    assert_eq!(a.format, Format::Rss);
    assert_eq!(a.title, "افتتاح جسر جديد يربط ضفتي النهر");
    assert_eq!(a.url.as_deref(), Some("https://example.org/bridge"));
    assert_eq!(a.date.as_deref(), Some("2024-03-05T10:00:00+00:00"));
    assert_eq!(a.author.as_deref(), Some("أحمد يوسف"));
    assert_eq!(a.source.as_deref(), Some("وكالة الأنباء المحلية"));
    assert_eq!(
        pars(a),
        [
            "افتتح رئيس الوزراء، اليوم، جسراً جديداً يربط ضفتي النهر بطول كيلومترين.",
            "وقال إن المشروع سيخفف الازدحام في وسط المدينة."
        ]
    );
    let b = &l.articles[1];
    assert_eq!((b.index, b.title.as_str()), (1, "\"الصحة\" تطلق حملة تطعيم وطنية"));
    assert_eq!(pars(b), ["أطلقت وزارة الصحة حملة تطعيم وطنية تستهدف مليون طفل.", "وتستمر الحملة أسبوعين."]);
}

#[test]
fn atom_and_json_feed() {
    let a = &load("feed-atom.xml").articles[0];
    assert_eq!(a.format, Format::Atom);
    assert_eq!(a.title, "ارتفاع صادرات التمور بنسبة عشرين في المئة");
    assert_eq!(a.url.as_deref(), Some("https://example.org/dates"));
    assert_eq!(a.author.as_deref(), Some("ليلى منصور"));
    assert_eq!(pars(a).len(), 2);
    let l = load("feed.json");
    assert_eq!(l.articles.len(), 2);
    assert_eq!(l.articles[0].format, Format::JsonFeed);
    assert_eq!(l.articles[0].author.as_deref(), Some("كريم سالم"));
    assert_eq!(
        pars(&l.articles[0]),
        ["أغلقت السلطات عدة طرق رئيسية بعد هطول أمطار غزيرة طوال الليل.", "ولم تسجل إصابات."]
    );
    assert_eq!(pars(&l.articles[1]).len(), 2);
}

#[test]
fn json_and_json_lines() {
    let l = load("items.json");
    assert_eq!(l.articles.len(), 2);
    let a = &l.articles[0];
    assert_eq!(a.format, Format::Json);
    assert_eq!(a.title, "تراجع أسعار النفط في التعاملات المبكرة");
    assert_eq!(
        (a.source.as_deref(), a.author.as_deref(), a.date.as_deref()),
        (Some("صحيفة الاقتصاد"), Some("منى علي"), Some("2024-03-04"))
    );
    assert_eq!(pars(a).len(), 2);
    assert_eq!(pars(&l.articles[1]), ["افتتحت البلدية مكتبة عامة جديدة.", "وتضم المكتبة عشرة آلاف كتاب."]);
    let l = load("items.jsonl");
    assert_eq!(l.articles.len(), 2);
    assert_eq!(l.articles[0].format, Format::JsonLines);
    assert_eq!(l.articles[0].url.as_deref(), Some("https://example.org/match"));
    assert_eq!(l.articles[1].index, 1);
}

const ARABIC: &str = "انتخابات بلدية في المدن الكبرى\n\nتوجه الناخبون اليوم إلى صناديق الاقتراع لاختيار المجالس البلدية في المدن الكبرى، وسط إقبال متوسط.\n\nوقال رئيس اللجنة إن النتائج ستعلن غداً.\n";

fn expect_same_as_utf8(loaded: &Loaded, encoding: &str) {
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let utf8 = &load_bytes("x.txt", ARABIC.as_bytes(), Some("txt"), &LoadOptions::default()).articles[0];
    let a = &loaded.articles[0];
    assert_eq!(a.encoding, encoding);
    assert_eq!((&a.title, &a.body), (&utf8.title, &utf8.body));
    assert_eq!(a.id, utf8.id);
}

#[test]
fn windows_1256_detected() {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(ARABIC);
    assert!(!unmappable);
    expect_same_as_utf8(&load_bytes("x.txt", &bytes, Some("txt"), &LoadOptions::default()), "windows-1256");
}

#[test]
fn iso_8859_6_declared_in_html_and_xml() {
    let page = format!(
        "<html><head><meta charset=\"ISO-8859-6\"><title>عنوان</title></head><body><p>{}</p></body></html>",
        "توجه الناخبون اليوم إلى صناديق الاقتراع لاختيار المجالس البلدية في المدن الكبرى"
    );
    let (bytes, _, unmappable) = encoding_rs::ISO_8859_6.encode(&page);
    assert!(!unmappable);
    let l = load_bytes("x.html", &bytes, Some("html"), &LoadOptions::default());
    assert_eq!(l.articles[0].encoding, "ISO-8859-6");
    assert!(l.articles[0].body.starts_with("توجه الناخبون"));
    let feed = "<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss version=\"2.0\"><channel><title>قناة</title><item><title>خبر عاجل</title><description>نص الخبر العاجل.</description></item></channel></rss>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(feed);
    let l = load_bytes("x.xml", &bytes, Some("xml"), &LoadOptions::default());
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    assert_eq!((l.articles[0].title.as_str(), l.articles[0].encoding.as_str()), ("خبر عاجل", "windows-1256"));
}

#[test]
fn iso_8859_6_undeclared_text_decodes_to_arabic() {
    let text = "انتخابات بلدية في المدن الكبرى\n\nتوجه الناخبون اليوم الى صناديق الاقتراع لاختيار المجالس البلدية في المدن الكبرى وسط اقبال متوسط.\n";
    let (bytes, _, _) = encoding_rs::ISO_8859_6.encode(text);
    let l = load_bytes("x.txt", &bytes, None, &LoadOptions::default());
    assert_eq!(l.articles[0].title, "انتخابات بلدية في المدن الكبرى");
    assert!(["ISO-8859-6", "windows-1256"].contains(&l.articles[0].encoding.as_str()));
}

#[test]
fn utf8_bom_and_utf16_boms() {
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(ARABIC.as_bytes());
    expect_same_as_utf8(&load_bytes("x.txt", &bom, None, &LoadOptions::default()), "UTF-8");
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in ARABIC.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    expect_same_as_utf8(&load_bytes("x.txt", &le, None, &LoadOptions::default()), "UTF-16LE");
    expect_same_as_utf8(&load_bytes("x.txt", &be, None, &LoadOptions::default()), "UTF-16BE");
}

#[test]
fn undecodable_bytes_replaced_and_reported() {
    let mut bytes = ARABIC.as_bytes().to_vec();
    bytes.insert(10, 0xff);
    let l = load_bytes("bad.txt", &bytes, None, &LoadOptions::default());
    assert_eq!(l.articles.len(), 1);
    assert_eq!(l.articles[0].encoding, "UTF-8");
    assert!(l.articles[0].title.contains('\u{fffd}'));
    assert_eq!(l.warnings.len(), 1);
    assert!(l.warnings[0].starts_with("bad.txt: "), "{}", l.warnings[0]);
}

#[test]
fn gzip_read_transparently() {
    let gz = |data: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    let jsonl = std::fs::read(fixture("items.jsonl")).unwrap();
    let l = load_bytes("items.jsonl.gz", &gz(&jsonl), Some("gz"), &LoadOptions::default());
    assert_eq!(l.articles.len(), 2);
    assert_eq!(l.articles[0].format, Format::JsonLines);
    let (cp, _, _) = encoding_rs::WINDOWS_1256.encode(ARABIC);
    let l = load_bytes("a.txt.gz", &gz(&cp), Some("gz"), &LoadOptions::default());
    assert_eq!(l.articles[0].encoding, "windows-1256");
    let md = std::fs::read(fixture("article.md")).unwrap();
    let l = load_bytes("a.gz", &gz(&md), Some("gz"), &LoadOptions::default());
    assert_eq!(l.articles[0].format, Format::Markdown);
}

#[test]
fn controls_never_reach_the_article() {
    let text = "عنوان\u{0}\u{1b}[31m الخبر\r\nفقرة\u{7}\u{9b}2J أولى.\rفقرة ثانية.";
    let a = &load_bytes("c.txt", text.as_bytes(), None, &LoadOptions::default()).articles[0];
    assert_eq!(a.title, "عنوان[31m الخبر");
    assert_eq!(pars(a), ["فقرة2J أولى.", "فقرة ثانية."]);
    assert!(!all_text(a).chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn long_single_line_and_big_file_load() {
    let word = "كلمة ";
    let line = word.repeat(2 * 1024 * 1024 / word.len());
    let l = load_bytes("long.txt", format!("عنوان\n{line}\n").as_bytes(), None, &LoadOptions::default());
    assert_eq!(l.articles[0].paragraphs.len(), 1);
    let mut big = String::from("عنوان كبير\n");
    for i in 0..40_000 {
        big.push_str(&format!("هذه الفقرة رقم {i} من نص طويل جدا لاختبار السرعة.\n"));
    }
    let l = load_bytes("big.txt", big.as_bytes(), None, &LoadOptions::default());
    assert_eq!(l.articles[0].paragraphs.len(), 40_000);
}

#[test]
fn hostile_html_does_not_break_the_loader() {
    let deep = format!("<html><body>{}<p>نص عميق.</p></body></html>", "<div>".repeat(3_000));
    let l = load_bytes("deep.html", deep.as_bytes(), None, &LoadOptions::default());
    assert!(l.articles.iter().any(|a| all_text(a).contains("نص عميق")));
    let broken = "<html><body><article><p>فقرة غير مغلقة <b>عريض <p>ثانية</article></div></span>";
    let l = load_bytes("broken.html", broken.as_bytes(), None, &LoadOptions::default());
    assert!(l.articles[0].body.contains("ثانية"));
}
