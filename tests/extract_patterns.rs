//! One test per extraction pattern, on sentences written for these tests.

use sahifa::extract::{ActorKind, Extraction, QuoteKind, extract_text};

fn run(s: &str) -> Extraction {
    extract_text(s)
}

/// (text, speaker or unnamed source, kind) of every quote.
fn quotes(x: &Extraction) -> Vec<(String, Option<String>, QuoteKind)> {
    x.quotes
        .iter()
        .map(|q| (q.text.clone(), x.speaker_name(q).map(str::to_string).or(q.source.clone()), q.kind))
        .collect()
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
    // No named actor said it: the speaker stays empty, the source carries the description, and the
    // description is no actor.
    assert_eq!(x.quotes[0].speaker, None);
    assert_eq!(x.quotes[0].source.as_deref(), Some("مصدر مطلع"));
    assert!(x.actors.iter().all(|a| a.name != "مصدر مطلع"), "{:?}", x.actors);
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

fn actor_names(x: &Extraction) -> Vec<String> {
    x.actors.iter().map(|a| a.name.clone()).collect()
}

#[test]
fn indefinite_title_without_a_name_speaks_as_its_description() {
    let x = run("وقال متحدث باسم وزارة الزراعة إن محصول القمح تضاعف هذا العام.");
    assert!(has(&x, "محصول القمح تضاعف هذا العام", Some("متحدث باسم وزارة الزراعة")), "{:?}", quotes(&x));
}

#[test]
fn definite_title_refers_back_to_the_unnamed_source() {
    let x = run("وقال متحدث رسمي إن الفريق سيسافر غدا. وأضاف المتحدث الرسمي أن اللاعبين جاهزون تماما.");
    assert!(has(&x, "اللاعبين جاهزون تماما", Some("متحدث رسمي")), "{:?}", quotes(&x));
}

#[test]
fn several_titles_in_apposition_lead_to_the_name() {
    let x = run(
        "وقالت وزيرة الدولة لشؤون الشباب، الناطقة الرسمية باسم الحكومة، هالة يوسف، إن البرنامج سيشمل كل المحافظات.",
    );
    assert!(has(&x, "البرنامج سيشمل كل المحافظات", Some("هالة يوسف")), "{:?}", quotes(&x));
    assert!(!actor_names(&x).iter().any(|n| n.contains("لشؤون")), "{:?}", actor_names(&x));
}

#[test]
fn no_name_after_a_verb_without_speech() {
    let x = run("وأضاف الطاهي مكونات جديدة إلى الوصفة التقليدية قبل تقديمها للضيوف.");
    assert!(!actor_names(&x).iter().any(|n| n.contains("مكونات")), "{:?}", actor_names(&x));
}

#[test]
fn a_rank_is_not_an_organisation() {
    let x = run("احتل الفريق المركز الثالث في الدوري بعد فوزه الأخير.");
    assert!(!actor_names(&x).iter().any(|n| n.contains("المركز")), "{:?}", actor_names(&x));
}

#[test]
fn title_after_a_name_makes_the_title_refer_to_the_person() {
    let x = run(
        "قال سمير داود، رئيس اتحاد الكرة، إن الموسم سينطلق في أغسطس. وقال رئيس اتحاد الكرة إن الجماهير ستعود إلى الملاعب.",
    );
    assert!(has(&x, "الجماهير ستعود إلى الملاعب", Some("سمير داود")), "{:?}", quotes(&x));
}

#[test]
fn the_author_of_a_statement_speaks() {
    let x = run("وقال بيان لوزارة الخارجية الكندية إن الحوار مع الشركاء مستمر.");
    assert!(has(&x, "الحوار مع الشركاء مستمر", Some("وزارة الخارجية الكندية")), "{:?}", quotes(&x));
}

#[test]
fn a_relative_clause_verb_has_its_antecedent_as_subject() {
    let x = run("التقى الوزير نظيره الفرنسي، جان مارتان، الذي اعتبر أن الاتفاق خطوة تاريخية للبلدين.");
    assert!(has(&x, "الاتفاق خطوة تاريخية للبلدين", Some("جان مارتان")), "{:?}", quotes(&x));
}

#[test]
fn fronted_source_phrase_with_fa_inna() {
    let x = run("وبحسب وزارة الصحة، فإن عدد المصابين ارتفع إلى مئة شخص.");
    assert!(has(&x, "عدد المصابين ارتفع إلى مئة شخص", Some("وزارة الصحة")), "{:?}", quotes(&x));
}

#[test]
fn trailing_source_phrase_attributes_its_sentence() {
    let x = run("ارتفعت أسعار الخبز بنسبة عشرة بالمئة هذا الشهر، بحسب ما أعلن البنك المركزي.");
    assert!(
        has(&x, "ارتفعت أسعار الخبز بنسبة عشرة بالمئة هذا الشهر", Some("البنك المركزي")),
        "{:?}",
        quotes(&x)
    );
}

#[test]
fn impersonal_reports_have_no_quote() {
    let x = run("وقال المدرب إن الفريق جاهز. يذكر أن المباراة ستقام يوم الجمعة في العاصمة.");
    assert!(!quotes(&x).iter().any(|(t, _, _)| t.contains("المباراة ستقام")), "{:?}", quotes(&x));
}

#[test]
fn a_decimal_point_does_not_end_the_clause() {
    let x = run("وقال الخبير الاقتصادي سامي نصر إن النمو سيبلغ 2.5 بالمئة العام المقبل.");
    assert!(has(&x, "النمو سيبلغ 2.5 بالمئة العام المقبل", Some("سامي نصر")), "{:?}", quotes(&x));
}

#[test]
fn a_hashtag_joins_its_name() {
    let x = run("وقال الرئيس دونالد #ترمب إن المحادثات كانت مثمرة جدا.");
    assert!(has(&x, "المحادثات كانت مثمرة جدا", Some("دونالد ترمب")), "{:?}", quotes(&x));
}

#[test]
fn subject_before_the_verb_is_kept_over_an_adverb() {
    let x = run("إلا أن فرنسا قالت بوضوح إن المساعدات لن تصل قبل الاتفاق.");
    assert!(has(&x, "المساعدات لن تصل قبل الاتفاق", Some("فرنسا")), "{:?}", quotes(&x));
}

#[test]
fn pro_drop_prefers_the_person_just_named() {
    let s = "وقالت الصحفية منى علي إن الاجتماع تأجل. ووجهت المستشارة سارة كلاين رسالة إلى الوزير. وقالت إن الوقت ينفد.";
    let x = run(s);
    assert!(has(&x, "الوقت ينفد", Some("سارة كلاين")), "{:?}", quotes(&x));
}

#[test]
fn a_word_with_the_same_consonants_is_not_the_surname() {
    let x = run("قال الرئيس عبد الفتاح السيسي إن الرسوم تشمل السلع غير الأساسية.");
    let sisi = x.actors.iter().find(|a| a.name.contains("السيسي")).expect("the president");
    assert!(!sisi.aliases.iter().any(|a| a.contains("الأساسية")), "{:?}", sisi.aliases);
}

#[test]
fn a_quotation_after_a_short_subject_is_the_statement() {
    let x = run("وقالت الوزارة إن مخطط الهجوم \"محض تلفيق من الخصوم\".");
    let q = quotes(&x);
    assert!(q.iter().any(|(t, _, k)| t == "محض تلفيق من الخصوم" && *k != QuoteKind::Indirect), "{q:?}");
    assert!(!q.iter().any(|(_, _, k)| *k == QuoteKind::Indirect), "{q:?}");
}

#[test]
fn a_quoted_name_after_a_statement_is_no_quote() {
    let x = run("وأوضح بيان \"الأونروا\" أن الوكالة ستواصل عملها في المخيمات.");
    assert!(!quotes(&x).iter().any(|(t, _, _)| t == "الأونروا"), "{:?}", quotes(&x));
}

#[test]
fn a_club_name_is_an_organisation_inside_a_title() {
    let x = run("وقال قائد ريال مدريد سيرجيو راموس إن الفريق سيقاتل على كل الألقاب.");
    assert!(has(&x, "الفريق سيقاتل على كل الألقاب", Some("سيرجيو راموس")), "{:?}", quotes(&x));
    let club = x.actors.iter().find(|a| a.name == "ريال مدريد").expect("the club");
    assert_eq!(club.kind, sahifa::extract::ActorKind::Organization);
}

#[test]
fn a_shorter_title_refers_to_the_person_named_with_the_longer_one() {
    let s = "قال وزير النقل المغربي كريم بناني إن الطريق سيفتح قريبا. وأضاف الوزير المغربي أن الأشغال انتهت.";
    let x = run(s);
    assert!(has(&x, "الأشغال انتهت", Some("كريم بناني")), "{:?}", quotes(&x));
}

#[test]
fn the_topic_of_amma_is_the_subject_after_fa() {
    let x = run("أما الباحثة نادية سالم فقالت إن النتائج مشجعة للغاية.");
    assert!(has(&x, "النتائج مشجعة للغاية", Some("نادية سالم")), "{:?}", quotes(&x));
}

#[test]
fn a_given_name_with_the_article() {
    let x = run("وأضاف الحسن طاهر: \"سنعيد فتح المدارس في كل المديريات\".");
    assert!(has(&x, "سنعيد فتح المدارس في كل المديريات", Some("الحسن طاهر")), "{:?}", quotes(&x));
}

#[test]
fn a_name_with_a_glued_preposition_is_no_subject() {
    let s = "التقى رئيس الوزراء يوسف كامل بالمستشارة آنا ماير. وقال لماير إنه يريد تعاونا أوسع.";
    let x = run(s);
    assert!(has(&x, "يريد تعاونا أوسع", Some("يوسف كامل")), "{:?}", quotes(&x));
}

#[test]
fn the_person_quoted_on_behalf_of_a_broadcaster() {
    let x = run("ونقلت الإذاعة الرسمية على لسان الوزير سامي حداد قوله: \"لن نتراجع عن القرار\".");
    assert!(has(&x, "لن نتراجع عن القرار", Some("سامي حداد")), "{:?}", quotes(&x));
}

#[test]
fn a_subject_in_quotation_marks() {
    let x = run("وأشارت \"موديز\" إلى أن الاقتصاد سيتعافى تدريجيا هذا العام.");
    assert!(has(&x, "الاقتصاد سيتعافى تدريجيا هذا العام", Some("موديز")), "{:?}", quotes(&x));
}

#[test]
fn a_participle_after_a_comma_ends_the_reported_clause() {
    let x = run("وأكد المحافظ سالم بكري أن المدارس ستفتح الأحد، داعيا الأهالي إلى التعاون.");
    assert!(has(&x, "المدارس ستفتح الأحد", Some("سالم بكري")), "{:?}", quotes(&x));
}

#[test]
fn the_topic_of_amma_may_be_closed_by_a_comma() {
    let x = run("أما المدرب نبيل خوري، فقال إن الفريق يحتاج إلى وقت أطول.");
    assert!(has(&x, "الفريق يحتاج إلى وقت أطول", Some("نبيل خوري")), "{:?}", quotes(&x));
}

#[test]
fn insisting_reports_a_clause() {
    let x = run("وأصر رئيس الوزراء عمر فارس على أن الانتخابات ستجري في موعدها.");
    assert!(has(&x, "الانتخابات ستجري في موعدها", Some("عمر فارس")), "{:?}", quotes(&x));
}

#[test]
fn a_named_antecedent_of_a_speaking_relative_clause_is_a_person() {
    let x = run("وانتقد القرار نواب كثيرون، مثل ماركو ريفيرا، الذي قال إن الخطوة متسرعة جدا.");
    assert!(has(&x, "الخطوة متسرعة جدا", Some("ماركو ريفيرا")), "{:?}", quotes(&x));
}

#[test]
fn a_quoted_organisation_inside_a_title_then_the_name() {
    let x = run("وذكر المتحدث باسم \"الهلال الأخضر\"، سامر نادر، أن فرق الإغاثة وصلت إلى القرى.");
    assert!(has(&x, "فرق الإغاثة وصلت إلى القرى", Some("سامر نادر")), "{:?}", quotes(&x));
}

#[test]
fn the_source_again_with_the_article() {
    let x = run("وقال مصدر أمني إن الطريق أغلق صباحا. وأضاف المصدر أن حركة المرور عادت ظهرا.");
    assert!(has(&x, "حركة المرور عادت ظهرا", Some("مصدر أمني")), "{:?}", quotes(&x));
}

#[test]
fn the_subject_before_a_relative_clause() {
    let x = run("الناشطة سلمى حداد التي تنتمي إلى حزب \"الأمل\" اعترفت أمام المحكمة أنها كانت تخطط للسفر.");
    assert!(has(&x, "كانت تخطط للسفر", Some("سلمى حداد")), "{:?}", quotes(&x));
}

#[test]
fn the_name_between_kana_and_qad_is_the_subject() {
    let x = run("وكانت ليلى منصور قد قالت في مقابلة سابقة إن القرار لم يكن مفاجئا.");
    assert!(has(&x, "القرار لم يكن مفاجئا", Some("ليلى منصور")), "{:?}", quotes(&x));
}

#[test]
fn the_object_of_a_preposition_before_a_participle_is_no_subject() {
    let s = "وقال المدافع كريم ناصر إن الفريق جاهز. وفتح ناصر النار على الحكم قائلا: \"لم يكن عادلا معنا\".";
    let x = run(s);
    assert!(has(&x, "لم يكن عادلا معنا", Some("كريم ناصر")), "{:?}", quotes(&x));
}

#[test]
fn speech_after_a_colon_without_quotation_marks() {
    let x = run("وقال المدرب سامي عادل: تدريباتنا هذا الأسبوع سارت بشكل جيد للغاية. ثم غادر القاعة.");
    assert!(has(&x, "تدريباتنا هذا الأسبوع سارت بشكل جيد للغاية", Some("سامي عادل")), "{:?}", quotes(&x));
}

#[test]
fn a_reporting_verb_inside_a_quotation_is_part_of_it() {
    let x = run("وقال اللاعب مراد حسن: \"هم رفضوا أن ينظموا لنا ممرا شرفيا في الملعب\".");
    assert!(!quotes(&x).iter().any(|(_, _, k)| *k == QuoteKind::Indirect), "{:?}", quotes(&x));
}

#[test]
fn what_a_statement_says_is_its_authors() {
    let x = run("وجاء في بيان للجيش المصري أن الفرقاطة الجديدة دخلت الخدمة هذا الشهر.");
    assert!(has(&x, "الفرقاطة الجديدة دخلت الخدمة هذا الشهر", Some("الجيش المصري")), "{:?}", quotes(&x));
}

#[test]
fn written_on_a_platform_is_reported_speech() {
    let x = run("وكتب الوزير رامي جابر على تويتر أن الطائرة كانت ممتلئة بالركاب.");
    assert!(has(&x, "الطائرة كانت ممتلئة بالركاب", Some("رامي جابر")), "{:?}", quotes(&x));
}

#[test]
fn a_long_quoted_title_after_a_naming_word_is_a_name() {
    let x = run("وقالت الشركة المنتجة إن الفيلم سيحمل اسم \"حكاية قديمة في مدينة بعيدة جدا\" عند عرضه.");
    assert!(!quotes(&x).iter().any(|(t, _, _)| t.starts_with("حكاية")), "{:?}", quotes(&x));
}

#[test]
fn a_generic_noun_refers_back_to_a_named_organisation() {
    let s = "أعلن توتنهام أن المهاجم سيغيب أسبوعين. وقال النادي إن اللاعب بدأ العلاج.";
    let x = run(s);
    assert!(has(&x, "اللاعب بدأ العلاج", Some("توتنهام")), "{:?}", quotes(&x));
    let s = "قالت شركة توتال إن المشروع متوقف. وأوضحت الشركة الفرنسية أنها أنفقت مبالغ كبيرة.";
    let x = run(s);
    assert!(has(&x, "أنفقت مبالغ كبيرة", Some("توتال")), "{:?}", quotes(&x));
}

#[test]
fn said_to_the_crowd_then_a_colon() {
    let x = run("وقال بيكيه للجماهير التي حضرت المباراة: \"نحن عائلة واحدة وهم رفضوا أن يصفقوا لنا\".");
    let q = quotes(&x);
    assert!(
        q.iter().any(|(t, s, k)| t.starts_with("نحن عائلة")
            && s.as_deref() == Some("بيكيه")
            && *k == QuoteKind::Direct),
        "{q:?}"
    );
    assert!(!q.iter().any(|(_, _, k)| *k == QuoteKind::Indirect), "{q:?}");
}

#[test]
fn kana_name_apposition_qad() {
    let x = run("وكان مارك زوكربيرغ، الرئيس التنفيذي للشركة، قد أصر على أن الفكرة مجرد نظرية مؤامرة.");
    assert!(has(&x, "الفكرة مجرد نظرية مؤامرة", Some("مارك زوكربيرغ")), "{:?}", quotes(&x));
}

#[test]
fn a_name_stops_before_a_noun_with_a_pronoun() {
    let x = run("وأعلن الرئيس دونالد ترامب انسحاب بلاده من الاتفاق، وقال إن القرار نهائي.");
    assert!(actor_names(&x).contains(&"دونالد ترامب".to_string()), "{:?}", actor_names(&x));
    assert!(!actor_names(&x).iter().any(|n| n.contains("بلاده")), "{:?}", actor_names(&x));
}

#[test]
fn names_are_recognised_where_no_title_or_verb_stands() {
    // A line-up: names with no title, no reporting verb.
    let x = run("وشارك في المباراة كل من ليونيل ميسي ولويس سواريز وفيليب كوتينيو في ملعب كامب نو.");
    let people: Vec<&str> =
        x.actors.iter().filter(|a| a.kind == ActorKind::Person).map(|a| a.name.as_str()).collect();
    for want in ["ميسي", "سواريز", "كوتينيو"] {
        assert!(people.iter().any(|p| p.ends_with(want)), "{want} missing from {people:?}");
    }
    // The conjunction before a name in the list is not part of the name.
    assert!(people.iter().all(|p| !p.starts_with("ولويس")), "{people:?}");
}

#[test]
fn a_word_after_a_title_is_not_a_name_unless_it_is_one() {
    let x = run("وتحدث الرئيس الأمريكي بشكل مباشر عن الأزمة أمام الصحفيين.");
    assert!(x.actors.iter().all(|a| !a.name.contains("بشكل")), "{:?}", x.actors);
}

#[test]
fn a_bare_generic_noun_is_no_actor_unless_it_speaks() {
    let x = run("وأغلقت الشرطة الطريق المؤدي إلى الساحة مساء أمس.");
    assert!(x.actors.iter().all(|a| a.name != "الشرطة"), "{:?}", x.actors);
    let x = run("وقالت الشرطة إن الطريق سيفتح صباح الغد.");
    assert!(has(&x, "الطريق سيفتح صباح الغد", Some("الشرطة")), "{:?}", quotes(&x));
}

// Verb forms generated from lemmas (src/extract/morph): shadda, future, object pronouns, jussive,
// feminine plural; and the passive, which is not speech.

#[test]
fn verb_with_shadda_and_participle() {
    let x = run("وعلّق الوزير سامر حداد قائلا: «لن نتراجع عن هذا القرار مهما حدث».");
    assert!(has(&x, "لن نتراجع عن هذا القرار مهما حدث", Some("سامر حداد")), "{:?}", quotes(&x));
}

#[test]
fn future_verb() {
    let x = run("وسيؤكد الرئيس كريم حسن أن الانتخابات ستجري في موعدها المحدد.");
    assert!(has(&x, "الانتخابات ستجري في موعدها المحدد", Some("كريم حسن")), "{:?}", quotes(&x));
}

#[test]
fn verb_with_object_pronoun() {
    let x = run("وأبلغهم الوزير سامر حداد أن المفاوضات ستستأنف الأسبوع المقبل.");
    assert!(has(&x, "المفاوضات ستستأنف الأسبوع المقبل", Some("سامر حداد")), "{:?}", quotes(&x));
}

#[test]
fn jussive_after_lam() {
    let x = run("ولم يقل الوزير سامر حداد إن الحكومة ستستقيل قريبا.");
    assert!(has(&x, "الحكومة ستستقيل قريبا", Some("سامر حداد")), "{:?}", quotes(&x));
    // Without لم, يقل is "decreases": no speech.
    let x = run("عدد السكان يقل عن مليون نسمة، وإن الهجرة مستمرة.");
    assert!(x.quotes.is_empty(), "{:?}", quotes(&x));
}

#[test]
fn passive_with_harakat_is_not_speech() {
    let x = run("اُتهم الوزير سامر حداد بأنه أخفى وثائق مهمة عن البرلمان.");
    assert!(x.quotes.iter().all(|q| x.speaker_name(q) != Some("سامر حداد")), "{:?}", quotes(&x));
    let x = run("وأُعلن أن الاجتماع سيعقد غدا في العاصمة.");
    assert!(x.quotes.is_empty(), "{:?}", quotes(&x));
}

#[test]
fn a_noun_with_a_pronoun_after_a_reporting_verb_is_no_name() {
    for s in [
        "وكان النادي قد نفى تحركه لضم اللاعب، وذكر في بيان \"لا نخطط لتقديم أي عروض للاعب\".",
        // Even where the tagger runs a person's span over it.
        "كذلك كان ريال مدريد قد نفى تحركه لضم نيمار، وذكر في بيان \"لا نخطط لتقديم أي عروض للاعب\".",
    ] {
        let x = run(s);
        assert!(x.actors.iter().all(|a| !a.name.contains("تحركه")), "{:?}", x.actors);
    }
}

#[test]
fn header_without_a_verb_attributes_what_follows_the_colon() {
    let x = run("أعلنت الحكومة خطة جديدة.\n\nالوزير سامر حداد: الأسعار ستنخفض في الربع المقبل.");
    assert!(has(&x, "الأسعار ستنخفض في الربع المقبل", Some("سامر حداد")), "{:?}", quotes(&x));
    // A dateline is a place, not a speaker.
    let x = run("افتتاح المعرض.\n\nالقاهرة: افتتح المعرض الدولي للكتاب أبوابه أمس وسط إقبال كبير.");
    assert!(x.quotes.is_empty(), "{:?}", quotes(&x));
}

#[test]
fn headline_quotes_are_extracted_and_its_names_link_to_the_body() {
    let x = sahifa::extract::extract_titled(
        "حداد: الاقتصاد \"بخير\".. والمعارضة تشكك",
        "وقال وزير المالية سامر حداد إن النمو سيستمر هذا العام.",
    );
    let title: Vec<_> = x.quotes.iter().filter(|q| q.in_title).collect();
    assert_eq!(title.len(), 1, "{:?}", quotes(&x));
    assert_eq!(title[0].text, "بخير");
    assert_eq!(x.speaker_name(title[0]), Some("سامر حداد"));
    // Spans of a headline quote point into the title; the body's into the body.
    assert_eq!(&"حداد: الاقتصاد \"بخير\".. والمعارضة تشكك"[title[0].span.clone()], "بخير");
    let body = x.quotes.iter().find(|q| !q.in_title).unwrap();
    assert_eq!(&"وقال وزير المالية سامر حداد إن النمو سيستمر هذا العام."[body.span.clone()], body.text);
    // The actor's mentions are body spans only.
    let a = x.actors.iter().find(|a| a.name == "سامر حداد").unwrap();
    assert!(
        a.mentions.iter().all(|m| m.end <= "وقال وزير المالية سامر حداد إن النمو سيستمر هذا العام.".len())
    );
}

#[test]
fn a_description_after_a_continuing_verb_is_the_last_speaker() {
    let s = "وقال المهاجم عمر السومة إن الفريق سيعود أقوى. وأضاف هداف الدوري السعودي \"أنا باق في النادي وسنمضي معا\".";
    let x = run(s);
    assert!(has(&x, "أنا باق في النادي وسنمضي معا", Some("عمر السومة")), "{:?}", quotes(&x));
}

#[test]
fn a_spokesman_of_a_named_person_is_an_unnamed_source() {
    let x = run("قال المتحدث باسم الرئيس التركي رجب طيب أردوغان، الخميس، إن بلاده لن تسلم المدينة.");
    assert!(has(&x, "بلاده لن تسلم المدينة", Some("المتحدث باسم الرئيس التركي")), "{:?}", quotes(&x));
    assert!(x.actors.iter().any(|a| a.name == "رجب طيب أردوغان"));
}

#[test]
fn about_after_a_persons_verb_is_not_a_relay() {
    let x = run("وقال بارو في كلمة بمناسبة ذكرى الاستقلال عن بريطانيا: \"سأعلن وقف عقوبة الإعدام في البلاد\".");
    assert!(has(&x, "سأعلن وقف عقوبة الإعدام في البلاد", Some("بارو")), "{:?}", quotes(&x));
}

#[test]
fn a_nisba_before_a_name_is_an_epithet_not_the_subject() {
    let x = run("أكد الألماني يورغن كلوب مدرب فريق ليفربول أن اللاعبين سيكونان جاهزين للمباراة.");
    assert!(has(&x, "اللاعبين سيكونان جاهزين للمباراة", Some("يورغن كلوب")), "{:?}", quotes(&x));
}

#[test]
fn a_preposition_glued_to_a_later_word_ends_a_name() {
    // "Rivaldo to Neymar": two people, not one named ريفالدو لنيمار.
    let x = run("وجه ريفالدو لنيمار نصيحة أمس. ويلعب نيمار في باريس منذ عام.");
    let names: Vec<&str> = x.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("لنيمار")), "{names:?}");
    assert!(names.contains(&"ريفالدو") && names.contains(&"نيمار"), "{names:?}");
}

#[test]
fn a_verb_after_its_object_keeps_the_sentences_speaker() {
    // وأكد التمسك …: the noun after the conjoined verb is its object; the speaker is the subject
    // of the sentence (ranked above abstaining, which an unknown noun after the verb suggests).
    let x = run(
        "مد الرئيس الفرنسي إيمانويل ماكرون اليد إلى روسيا، وأكد التمسك بالتعددية وعلى أن العلاقة مع موسكو إستراتيجية.",
    );
    assert!(
        quotes(&x)
            .iter()
            .any(|(t, s, _)| t.contains("العلاقة مع موسكو") && s.as_deref() == Some("إيمانويل ماكرون")),
        "{:?}",
        quotes(&x)
    );
}

#[test]
fn a_plural_of_agents_after_the_verb_is_an_unnamed_source() {
    // محللون، مديرو صناديق، مصرفيون: groups nobody names speak as unnamed sources, not as people.
    let x = run(
        "تراجعت الأسهم في البورصة أمس. وقال مديرو صناديق إن عمليات البيع العالمية كانت من بين أسباب التراجع.",
    );
    let q = x.quotes.iter().find(|q| q.text.contains("عمليات البيع")).expect("the reported clause");
    assert_eq!(q.speaker, None, "{:?}", quotes(&x));
    assert_eq!(q.source.as_deref(), Some("مديرو صناديق"));
    assert!(x.actors.iter().all(|a| !a.name.contains("مديرو")), "not a named actor: {:?}", x.actors);
}

#[test]
fn a_geographic_head_makes_a_place_without_its_conjunction() {
    let x = run("أبحرت السفينة في رحلة بين ويلز وجزر مالوكو قبل أن تختفي في عام 1876.");
    let a = x.actors.iter().find(|a| a.name.contains("مالوكو")).expect("the islands");
    assert_eq!((a.name.as_str(), a.kind), ("جزر مالوكو", ActorKind::Place), "{:?}", x.actors);
}

#[test]
fn a_name_inside_an_earlier_quotation_does_not_speak() {
    // The coach is thanked inside the player's quoted post: the next pro-drop verb is the player's.
    let s = "نشر اللاعب أحمد حسن صورة له في المستشفى. وكتب على حسابه \"أشكر المدرب محمود الخطيب على دعمه الكبير طوال الموسم\". ثم قال إنه سيعود إلى الملاعب قريبا.";
    let x = run(s);
    assert!(has(&x, "سيعود إلى الملاعب قريبا", Some("أحمد حسن")), "{:?}", quotes(&x));
}

#[test]
fn offices_joined_by_and_before_a_name_are_one_persons_titles() {
    let s = "قال نائب رئيس الوزراء ووزير الداخلية الإيطالي ماتيو سالفيني، خلال زيارته إلى طرابلس، إن بلاده قدمت اقتراحا جديدا.";
    let x = run(s);
    assert!(has(&x, "بلاده قدمت اقتراحا جديدا", Some("ماتيو سالفيني")), "{:?}", quotes(&x));
    // Two office holders, no name after the second: nobody is named for the first.
    let y = run("وقال الرئيس ووزير الخارجية إن المفاوضات مستمرة.");
    let q = quotes(&y);
    assert!(
        q.iter().any(|(t, s, _)| t == "المفاوضات مستمرة" && s.as_deref() == Some("الرئيس ووزير الخارجية")),
        "{q:?}"
    );
}

#[test]
fn a_datelines_agency_is_not_the_sentences_subject() {
    let s =
        "(CNN)-- دعا رجل الدين العراقي، مقتدى الصدر، الخميس، إلى حل الأزمة في البصرة، قائلاً: \"صبرنا ينفد\".";
    let x = run(s);
    assert!(has(&x, "صبرنا ينفد", Some("مقتدى الصدر")), "{:?}", quotes(&x));
}

#[test]
fn the_agency_after_according_to_relays_and_does_not_speak() {
    // The subject is not a name the rules know: better no speaker than the relaying agency.
    let x = run("وبحسب وكالة \"فرانس برس\" قالت الحكومتان في بيان مشترك، إن \"الطريق سيفتح الشهر المقبل\".");
    let q = quotes(&x);
    assert!(q.iter().any(|(t, _, _)| t == "الطريق سيفتح الشهر المقبل"), "{q:?}");
    assert!(!q.iter().any(|(_, s, _)| s.as_deref().is_some_and(|s| s.contains("فرانس"))), "{q:?}");
}

#[test]
fn a_generic_description_speaks_for_the_organisation_of_the_same_head() {
    let s = "خفضت وكالة \"موديز\" تصنيف ثلاثة مصارف روسية. وأشارت وكالة التصنيفات إلى أن أرباح النظام المصرفي تكفي لاستيعاب الخسائر.";
    let x = run(s);
    assert!(
        has(&x, "أرباح النظام المصرفي تكفي لاستيعاب الخسائر", Some("وكالة \"موديز\"")),
        "{:?}",
        quotes(&x)
    );
}
