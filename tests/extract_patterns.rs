//! One test per extraction pattern, on sentences written for these tests.

use sahifa::extract::{Extraction, QuoteKind, extract_text};

fn run(s: &str) -> Extraction {
    extract_text(s)
}

/// (text, speaker, kind) of every quote.
fn quotes(x: &Extraction) -> Vec<(String, Option<String>, QuoteKind)> {
    x.quotes.iter().map(|q| (q.text.clone(), x.speaker_name(q).map(str::to_string), q.kind)).collect()
}

fn has(x: &Extraction, text: &str, speaker: Option<&str>) -> bool {
    quotes(x).iter().any(|(t, s, _)| t == text && s.as_deref() == speaker)
}

#[test]
fn speaker_before_direct_quote_with_colon() {
    let x = run("وقال المدرب خالد منصور: «سنقاتل حتى آخر دقيقة من المباراة».");
    assert!(has(&x, "سنقاتل حتى آخر دقيقة من المباراة", Some("خالد منصور")), "{:?}", quotes(&x));
}

#[test]
fn speaker_after_the_quote() {
    let x = run("«الأسعار ستنخفض خلال الربع المقبل بشكل واضح»، قال وزير المالية سامر حداد.");
    assert!(has(&x, "الأسعار ستنخفض خلال الربع المقبل بشكل واضح", Some("سامر حداد")), "{:?}", quotes(&x));
}

#[test]
fn indirect_speech_to_the_end_of_the_clause() {
    let x = run("وقالت وزارة الصحة المصرية إن عدد الإصابات تراجع هذا الأسبوع. ثم انتهى الاجتماع.");
    assert!(has(&x, "عدد الإصابات تراجع هذا الأسبوع", Some("وزارة الصحة المصرية")), "{:?}", quotes(&x));
    assert_eq!(x.quotes[0].kind, QuoteKind::Indirect);
}

#[test]
fn complementizer_with_pronoun() {
    let x = run("وأكدت الحكومة الأردنية أنها ستواصل دعم المزارعين.");
    assert!(has(&x, "ستواصل دعم المزارعين", Some("الأردن")), "{:?}", quotes(&x));
}

#[test]
fn apposition_title_then_name() {
    let x = run("وقال المتحدث باسم الجيش، العقيد سامي الخطيب، إن القوات انسحبت من المنطقة.");
    let q = quotes(&x);
    assert!(
        q.iter().any(|(t, s, _)| t == "القوات انسحبت من المنطقة" && s.as_deref() == Some("سامي الخطيب")),
        "{q:?}"
    );
}

#[test]
fn pro_drop_continuation_agrees_in_gender() {
    let s = "وقالت الوزيرة ليلى عمر إن الخطة جاهزة. وقال المدير كريم حسن إن التمويل متوفر. وأضافت أن التنفيذ يبدأ غدا.";
    let x = run(s);
    assert!(has(&x, "التنفيذ يبدأ غدا", Some("ليلى عمر")), "{:?}", quotes(&x));
}

#[test]
fn second_quoted_sentence_keeps_the_speaker() {
    let x = run("وقال اللاعب أحمد سالم: «كان يوما صعبا علينا جميعا». «لكننا سنعود أقوى في المباراة القادمة».");
    assert!(has(&x, "لكننا سنعود أقوى في المباراة القادمة", Some("أحمد سالم")), "{:?}", quotes(&x));
}

#[test]
fn quoted_name_after_naming_head_is_not_a_quote() {
    let x = run("أعلنت حركة «النهضة» مشاركتها، وبثت قناة \"الأفق\" الخبر.");
    assert!(x.quotes.iter().all(|q| q.text != "النهضة" && q.text != "الأفق"), "{:?}", quotes(&x));
}

#[test]
fn scare_quote_without_speaker_is_dropped() {
    let x = run("شهدت الأسواق ما يشبه «الانهيار» خلال يومين.");
    assert!(x.quotes.is_empty(), "{:?}", quotes(&x));
}

#[test]
fn partial_quote_inside_indirect_speech() {
    let x = run("وقال رئيس البنك المركزي فادي نجم إن التضخم «تحت السيطرة» حاليا.");
    let q = quotes(&x);
    assert!(
        q.iter().any(|(t, s, k)| t == "تحت السيطرة"
            && s.as_deref() == Some("فادي نجم")
            && *k == QuoteKind::Partial),
        "{q:?}"
    );
}

#[test]
fn anonymous_source_speaks_as_itself() {
    let x = run("وقال مصدر مطلع إن المفاوضات ستستأنف الأسبوع المقبل.");
    assert!(has(&x, "المفاوضات ستستأنف الأسبوع المقبل", Some("مصدر مطلع")), "{:?}", quotes(&x));
}

#[test]
fn source_phrase_attributes_a_quote() {
    let x = run("ووصف القرار بأنه «خطوة في الاتجاه الصحيح نحو الإصلاح الشامل»، بحسب وزارة الاقتصاد.");
    let q = quotes(&x);
    assert!(
        q.iter().any(|(t, s, _)| t.starts_with("خطوة") && s.as_deref() == Some("وزارة الاقتصاد")),
        "{q:?}"
    );
}

#[test]
fn nisba_and_capital_fold_into_the_country() {
    let x = run("قالت الخارجية التركية إن أنقرة ترفض القرار. وقال مسؤولون أتراك إن واشنطن لم ترد.");
    let tr = x.actors.iter().find(|a| a.name == "تركيا").expect("Turkey");
    assert!(tr.aliases.iter().any(|a| a == "أنقرة"), "{:?}", tr.aliases);
    assert!(x.actors.iter().any(|a| a.name == "الولايات المتحدة"));
}

#[test]
fn surname_joins_the_full_name() {
    let x = run("وقال الرئيس سيريل رامافوزا إن الاقتصاد يتعافى. وأكد رامافوزا أن البطالة ستنخفض.");
    let p: Vec<_> = x.actors.iter().filter(|a| a.name == "سيريل رامافوزا").collect();
    assert_eq!(p.len(), 1, "{:?}", x.actors);
    assert_eq!(p[0].mentions.len(), 2);
    assert!(has(&x, "البطالة ستنخفض", Some("سيريل رامافوزا")));
}

#[test]
fn place_variants_merge() {
    let x = run("زار الوفد ناغورنو كاراباخ ثم ناجورنو كاراباخ مرة أخرى.");
    let k: Vec<_> = x.actors.iter().filter(|a| a.name == "ناغورنو كاراباخ").collect();
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].aliases.len(), 2);
}

#[test]
fn relayed_speaker_is_the_person_quoted() {
    let x = run("ونقلت وكالة «سبوتنيك» عن يوري كوفال قوله إن المحادثات مثمرة.");
    assert!(has(&x, "المحادثات مثمرة", Some("يوري كوفال")), "{:?}", quotes(&x));
}

#[test]
fn spans_point_into_the_text() {
    let s = "وقالَ الوزيرُ حسن علي: «نعمل بجدّ كل يوم من أجل الناس».";
    let x = run(s);
    for q in &x.quotes {
        assert_eq!(&s[q.span.clone()], q.text);
    }
    for a in &x.actors {
        for m in &a.mentions {
            assert!(s.get(m.clone()).is_some());
        }
    }
}

#[test]
fn hostile_input_does_not_panic() {
    for s in ["«", "»«", "\"\"\"", "قال إن", "قال", "\u{202E}«قال»", "ـــ", "", "«\n\n»", "إن أن بأن"]
    {
        let _ = run(s);
    }
}

#[test]
fn participle_takes_its_sentence_subject() {
    let x = run("وتعهدت رئيسة الوزراء سارة لين بدعم المزارعين، مضيفة أن الحكومة ستخفض الضرائب.");
    assert!(has(&x, "الحكومة ستخفض الضرائب", Some("سارة لين")), "{:?}", quotes(&x));
}

#[test]
fn subject_survives_a_relative_clause() {
    let x = run("وقالت كينيا، التي استضافت المحادثات الأسبوع الماضي، إن الاتفاق سيوقع قريبا.");
    assert!(has(&x, "الاتفاق سيوقع قريبا", Some("كينيا")), "{:?}", quotes(&x));
}

#[test]
fn title_without_a_name_abstains() {
    let x = run("وقال المدرب الإسباني إن الفريق لعب جيدا.");
    let q = quotes(&x);
    assert!(q.iter().all(|(_, s, _)| s.as_deref() != Some("إسبانيا")), "{q:?}");
}

#[test]
fn quoted_brand_in_latin_letters_is_a_name() {
    let x = run("وقال المدير خالد سعيد إن الشركة ستتعاون مع «Nvidia» في المشروع.");
    assert!(x.quotes.iter().all(|q| q.text != "Nvidia"), "{:?}", quotes(&x));
}

#[test]
fn many_broken_marks_stay_fast() {
    // Thousands of marks never closed in one long sentence: a quadratic pairing would not finish.
    let s = "قال الوزير إن «كلام ".repeat(5_000);
    let x = run(&s);
    assert!(x.quotes.len() <= 10_000);
}
