//! Quote detection, one construction per test: which spans are quotes and where they end, on
//! sentences written for these tests (speakers are checked only where the construction decides them).

use sahifa::extract::{Extraction, QuoteKind, extract_text};

/// (text, speaker or unnamed source, kind) of every quote.
fn quotes(x: &Extraction) -> Vec<(String, Option<String>, QuoteKind)> {
    x.quotes
        .iter()
        .map(|q| (q.text.clone(), x.speaker_name(q).map(str::to_string).or(q.source.clone()), q.kind))
        .collect()
}

fn texts(x: &Extraction) -> Vec<&str> {
    x.quotes.iter().map(|q| q.text.as_str()).collect()
}

#[test]
fn reported_speech_of_a_described_subject_is_kept_as_an_unnamed_source() {
    let x = extract_text("وقال الباحثون في حينه إن النتائج الأولية مشجعة جدا. ثم بدأت المرحلة الثانية.");
    let q = &x.quotes;
    assert_eq!(q.len(), 1, "{:?}", quotes(&x));
    assert_eq!(q[0].text, "النتائج الأولية مشجعة جدا");
    assert_eq!(q[0].kind, QuoteKind::Indirect);
    assert_eq!(q[0].speaker, None);
    assert_eq!(q[0].source.as_deref(), Some("الباحثون"));
}

#[test]
fn an_indefinite_described_subject_keeps_its_prepositional_phrase() {
    let x = extract_text("وقالت تقارير صحفية إن المفاوضات توقفت مساء أمس.");
    assert_eq!(
        quotes(&x),
        [("المفاوضات توقفت مساء أمس".into(), Some("تقارير صحفية".into()), QuoteKind::Indirect)]
    );
}

#[test]
fn a_quoted_phrase_after_a_described_subject_is_speech() {
    let x = extract_text("وانتقد المحتجون في الساحة \"الصمت المريب\" للحكومة.");
    let q = quotes(&x);
    assert!(q.iter().any(|(t, s, _)| t == "الصمت المريب" && s.as_deref() == Some("المحتجون")), "{q:?}");
}

#[test]
fn no_subject_no_reported_speech() {
    // An impersonal report is the writer's, not anyone's.
    let x = extract_text("ويذكر أن المصنع أغلق أبوابه منذ عامين.");
    assert!(x.quotes.is_empty(), "{:?}", quotes(&x));
}

#[test]
fn a_name_given_by_a_naming_verb_is_no_quote() {
    for s in [
        "وقالت الشركة إن الجهاز الجديد، الذي يطلق عليه \"النجم الساطع\"، سيطرح الشهر المقبل.",
        "وقالت الشركة إن الجهاز، المعروف بـ\"النجم الساطع\"، سيطرح الشهر المقبل.",
        "وقالت الشركة إن ما يسمى \"النجم الساطع\" سيطرح الشهر المقبل.",
        "وقالت الشركة إن اللاعب الملقب بـ\"الساحر الصغير\" سيغيب عن المباراة.",
    ] {
        let x = extract_text(s);
        let t = texts(&x);
        assert!(!t.iter().any(|t| *t == "النجم الساطع" || *t == "الساحر الصغير"), "{s}: {t:?}");
        assert_eq!(x.quotes.iter().filter(|q| q.kind == QuoteKind::Indirect).count(), 1, "{s}: {t:?}");
    }
}

#[test]
fn a_quotation_after_a_coordinated_subject_is_the_statement() {
    // إن + a subject of joined nouns + a quotation: the quotation alone is listed.
    let x = extract_text(
        "وقال المتحدث إن الحكومة ووزارة المالية والبنك المركزي \"سيعملون معا لخفض التضخم هذا العام\".",
    );
    let t = texts(&x);
    assert!(t.contains(&"سيعملون معا لخفض التضخم هذا العام"), "{t:?}");
    assert!(!t.iter().any(|t| t.starts_with("الحكومة")), "{t:?}");
}

#[test]
fn a_name_quoted_again_later_is_still_a_name() {
    let x = extract_text(
        "وطورت الشركة جهازا جديدا يطلق عليه \"النجم الساطع\". وقال مديرها إن الشركة ستطرح \"النجم الساطع\" في الأسواق قريبا.",
    );
    let t = texts(&x);
    assert!(!t.contains(&"النجم الساطع"), "{t:?}");
    assert!(t.iter().any(|t| t.ends_with("في الأسواق قريبا")), "{t:?}");
}

#[test]
fn a_fronted_source_that_names_no_actor_still_attributes() {
    let x = extract_text("وحسب التقرير، فإن الأسعار سترتفع مطلع العام المقبل.");
    assert_eq!(
        quotes(&x),
        [("الأسعار سترتفع مطلع العام المقبل".into(), Some("التقرير".into()), QuoteKind::Indirect)]
    );
    // بحسب ما نقل …: the verb inside the phrase is not the source.
    let x = extract_text("وبحسب ما نقل موقع \"تك نيوز\" المتخصص، فإن الجهاز سيطرح في ثلاث دول.");
    let q = quotes(&x);
    assert!(
        q.iter()
            .any(|(t, s, _)| t == "الجهاز سيطرح في ثلاث دول"
                && s.as_deref().is_some_and(|s| s.starts_with("موقع"))),
        "{q:?}"
    );
}

#[test]
fn a_fronted_source_clause_ends_before_the_next_reporting_verb() {
    let x = extract_text("وبحسب البيان، فإن الشركة ربحت كثيرا هذا العام، وقال مديرها إن الأرباح ستوزع قريبا.");
    let t = texts(&x);
    assert!(t.contains(&"الشركة ربحت كثيرا هذا العام"), "{t:?}");
    assert!(t.contains(&"الأرباح ستوزع قريبا"), "{t:?}");
}

#[test]
fn a_one_word_clause_is_speech_when_it_is_a_verb() {
    let x = extract_text("وقالت الممثلة سارة نبيل إنها تصدقه. ثم غادرت القاعة.");
    assert!(texts(&x).contains(&"تصدقه"), "{:?}", quotes(&x));
    // One word that is no verb is a fragment, not a statement.
    let x = extract_text("وقال الوزير سامي حداد إن كذلك. ثم غادر القاعة.");
    assert!(x.quotes.is_empty(), "{:?}", quotes(&x));
}

#[test]
fn a_statement_noun_subject_reports_as_an_unnamed_source() {
    let x = extract_text("وخلصت دراسة جامعية إلى أن النوم المبكر يحسن الذاكرة.");
    assert_eq!(
        quotes(&x),
        [("النوم المبكر يحسن الذاكرة".into(), Some("دراسة جامعية".into()), QuoteKind::Indirect)]
    );
}

#[test]
fn a_fronted_source_may_open_its_clause_with_faqad() {
    let x = extract_text("وبحسب ما أعلنه المتحدث باسم الوزارة فقد وصلت ثلاث شحنات إلى الميناء.");
    assert!(texts(&x).contains(&"وصلت ثلاث شحنات إلى الميناء"), "{:?}", quotes(&x));
}

#[test]
fn a_description_before_the_verb_is_an_unnamed_source() {
    let x = extract_text("لكن مسؤولا في الوزارة قال الخميس، إن الافتتاح سيؤجل شهرا.");
    assert_eq!(
        quotes(&x),
        [("الافتتاح سيؤجل شهرا".into(), Some("مسؤولا في الوزارة".into()), QuoteKind::Indirect)]
    );
    // A pronoun (لكنهم قالوا) or a prepositional phrase (وفي المؤتمر قال) is no description.
    for s in ["لكنهم قالوا إن الافتتاح سيؤجل شهرا.", "وفي المؤتمر قال إن الافتتاح سيؤجل شهرا."]
    {
        let x = extract_text(s);
        assert!(x.quotes.iter().all(|q| q.source.is_none()), "{s}: {:?}", quotes(&x));
    }
}

#[test]
fn verbs_of_condemning_proposing_and_stipulating_attribute_quoted_words() {
    let x = extract_text("ودانت الوزيرة ليلى عمر الاثنين \"تراجع الخدمات العامة\" في المدن الكبرى.");
    assert!(texts(&x).contains(&"تراجع الخدمات العامة"), "{:?}", quotes(&x));
    let x = extract_text("واقترح الرئيس سامي حداد إقامة \"مناطق آمنة\" على الحدود.");
    assert!(texts(&x).contains(&"مناطق آمنة"), "{:?}", quotes(&x));
    let x = extract_text("وتنص الاتفاقية الموقعة بين الطرفين على أن الانسحاب يبدأ بعد شهر.");
    assert!(texts(&x).contains(&"الانسحاب يبدأ بعد شهر"), "{:?}", quotes(&x));
}

#[test]
fn an_accusative_participle_after_a_comma_ends_the_reported_clause() {
    let x = extract_text(
        "واعترف اللاعب سامي حداد بأنه نادم على رحيله، متقبلا كل قرار تتخذه الإدارة بحقه بعد غيابه الطويل.",
    );
    assert!(texts(&x).contains(&"نادم على رحيله"), "{:?}", quotes(&x));
}

#[test]
fn a_statement_with_the_article_is_its_issuers() {
    // The report named earlier with its issuer (تقرير لمنظمة …، أصدرت … بيانا) speaks for them later.
    for (text, who) in [
        (
            "نشرت منظمة العفو الدولية تقريرها السنوي يوم الخميس. وانتقد التقرير \"الرد الضعيف\" لزعماء العالم على الأزمات.",
            "منظمة العفو الدولية",
        ),
        (
            "وصدر بيان لوزارة الخارجية الفرنسية مساء الأحد. وقال البيان إن باريس تتابع الوضع عن كثب.",
            "وزارة الخارجية الفرنسية",
        ),
    ] {
        let x = extract_text(text);
        let q = quotes(&x);
        assert!(!q.is_empty() && q.iter().all(|(_, s, _)| s.as_deref() == Some(who)), "{text}: {q:?}");
    }
    // Without an issuer named, the statement stays an unnamed source.
    let x = extract_text("وقال البيان إن باريس تتابع الوضع عن كثب.");
    assert_eq!(quotes(&x), [("باريس تتابع الوضع عن كثب".into(), Some("البيان".into()), QuoteKind::Indirect)]);
}

#[test]
fn a_description_that_holds_a_name_is_that_person() {
    let x = extract_text(
        "وقال معد الدراسة يوهانس كرايمر إن النتائج تحتاج إلى مزيد من البحث قبل اعتمادها في المستشفيات.",
    );
    let q = quotes(&x);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(
        x.quotes[0].speaker.is_some() && q[0].1.as_deref().is_some_and(|s| s.contains("كرايمر")),
        "{q:?}"
    );
}

#[test]
fn any_of_a_persons_joined_titles_names_them_later() {
    let x = extract_text(
        "قال نائب رئيس الوزراء ووزير الداخلية الإيطالي ماتيو سالفيني إن الحكومة ستغلق الموانئ. \
         وأعلن وزير الداخلية الإيطالي، وهو أيضا زعيم الرابطة، أن روما ستقترح خطة جديدة للهجرة.",
    );
    let q = quotes(&x);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|(_, s, _)| s.as_deref() == Some("ماتيو سالفيني")), "{q:?}");
}

#[test]
fn a_quoted_product_campaign_or_charge_is_a_name_not_a_quote() {
    for s in [
        "وكشفت الشركة الصينية عن هاتف \"أونر بلاي\" في حفل بالعاصمة الماليزية.",
        "وقضت المحكمة بسجنه خمس سنوات بتهمة \"التآمر على أمن الدولة\" بعد محاكمة سريعة.",
        "وأطلق ناشطون حملة \"صوتي لشوكان\" على مواقع التواصل.",
    ] {
        let x = extract_text(s);
        assert!(x.quotes.is_empty(), "{s}: {:?}", quotes(&x));
    }
}

#[test]
fn the_writers_context_after_a_reported_clause_is_not_reported() {
    for (s, said) in [
        (
            "وقال مصدر أمني إن الصحفي قتل داخل القنصلية، وهو الأمر الذي تنفيه السلطات في البلاد.",
            "الصحفي قتل داخل القنصلية",
        ),
        (
            "وقال الرئيس الأمريكي دونالد ترامب إن سقف توقعاته منخفض، بعد أيام من توجيه اتهامات إلى ضباط روس.",
            "سقف توقعاته منخفض",
        ),
        (
            "وأكد الوزير أن الدور الذي تؤديه بلاده قد تم تشويهه إثر انتقادات طالتها من حلفائها.",
            "الدور الذي تؤديه بلاده قد تم تشويهه",
        ),
    ] {
        let x = extract_text(s);
        assert_eq!(texts(&x), [said], "{s}");
    }
}

#[test]
fn a_datelines_places_are_not_the_sentences_subject() {
    let x = extract_text(
        "أتلانتا، الولايات المتحدة الأمريكية (CNN) – وصف الرئيس الأمريكي دونالد ترامب، الاتفاق النووي، بـ\"الفظيع\" و\"السخيف\" خلال اجتماع في البيت الأبيض.",
    );
    let q = quotes(&x);
    assert!(!q.is_empty(), "{q:?}");
    assert!(q.iter().all(|(_, s, _)| s.as_deref() == Some("دونالد ترامب")), "{q:?}");
}

#[test]
fn a_nisba_alone_as_the_subject_is_a_person_not_the_country() {
    let x = extract_text(
        "أشاد اللاعب الإسباني سيرخيو راموس بزملائه. وقال الإسباني إن الفريق قدم مباراة كبيرة أمام الجماهير.",
    );
    let q = quotes(&x);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("سيرخيو راموس"), "{q:?}");
    // Nobody named with it: someone the article describes, never the country.
    let x = extract_text("وقال الإسباني إن الفريق قدم مباراة كبيرة أمام الجماهير.");
    assert!(x.quotes.iter().all(|q| x.speaker_name(q) != Some("إسبانيا")), "{:?}", quotes(&x));
}

#[test]
fn a_definite_role_held_by_a_named_person_is_that_person() {
    let x = extract_text(
        "أكد وزير الخارجية السعودي عادل الجبير أن الرياض تدعم الحل السياسي في اليمن. \
         وقال وزير خارجية المملكة إن الحوثيين يرفضون كل المبادرات.",
    );
    let q = quotes(&x);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|(_, s, _)| s.as_deref() == Some("عادل الجبير")), "{q:?}");
    // An indefinite one (مسؤول سعودي) is someone the article does not name.
    let x = extract_text(
        "أكد وزير الخارجية السعودي عادل الجبير أن الرياض تدعم الحل السياسي. وقال مسؤول سعودي إن الحوثيين يرفضون كل المبادرات.",
    );
    let q = quotes(&x);
    assert!(
        q.iter().any(|(t, s, _)| t.starts_with("الحوثيين") && s.as_deref() == Some("مسؤول سعودي")),
        "{q:?}"
    );
}
