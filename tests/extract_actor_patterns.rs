//! Actor precision, one test per pattern, on sentences written for these tests: which names become
//! actors, of what kind, and which spellings are one actor (in an article and across articles).

use sahifa::extract::{ActorKind, Extraction, extract_text};
use sahifa::library::merge_actors;

/// (name, kind) of every actor.
fn actors(x: &Extraction) -> Vec<(String, ActorKind)> {
    x.actors.iter().map(|a| (a.name.clone(), a.kind)).collect()
}

fn named(x: &Extraction, name: &str) -> usize {
    x.actors.iter().filter(|a| a.name == name).count()
}

#[test]
fn countries_whose_skeletons_collide_stay_apart() {
    // اليمن and ألمانيا fold to one consonant skeleton; a skeleton alone is no proof of one name.
    let x = extract_text("وصلت وفود من اليمن وألمانيا إلى جنيف، كما حضر ممثلون عن باريس وبرشلونة.");
    assert_eq!(named(&x, "اليمن"), 1, "{:?}", actors(&x));
    assert_eq!(named(&x, "ألمانيا"), 1, "{:?}", actors(&x));
    let yemen = x.actors.iter().find(|a| a.name == "اليمن").expect("Yemen");
    assert!(!yemen.aliases.iter().any(|s| s.contains("ألمانيا")), "{:?}", yemen.aliases);
}

#[test]
fn a_feminine_elative_after_a_feminine_noun_is_no_nisba() {
    // اليمنى "right" (القدم اليمنى، الزاوية اليمنى) folds onto اليمني "Yemeni".
    let x = extract_text("سدد اللاعب الكرة بقدمه اليمنى في الزاوية اليمنى للمرمى بعد إصابة في ركبته اليمنى.");
    assert!(!x.actors.iter().any(|a| a.name == "اليمن"), "{:?}", actors(&x));
    let x = extract_text("وأعلن الجيش اليمني السيطرة على الميناء.");
    assert!(x.actors.iter().any(|a| a.name == "اليمن" && a.kind == ActorKind::Country), "{:?}", actors(&x));
}

#[test]
fn an_indefinite_head_with_an_indefinite_nisba_is_a_description() {
    // "a Ukrainian company", "a Chinese institution": nobody is named.
    let x = extract_text("وقعت شركة أوكرانية عقدا مع مؤسسة صينية لبناء جسر جديد فوق النهر.");
    assert!(
        !x.actors.iter().any(|a| a.kind == ActorKind::Organization && a.name.starts_with("شركة")),
        "{:?}",
        actors(&x)
    );
    assert!(!x.actors.iter().any(|a| a.name.starts_with("مؤسسة")), "{:?}", actors(&x));
    // A head with a proper name is a name.
    let x = extract_text("ووقعت شركة سامسونغ عقدا جديدا.");
    assert!(x.actors.iter().any(|a| a.kind == ActorKind::Organization), "{:?}", actors(&x));
}

#[test]
fn a_name_with_a_proclitic_is_the_same_person() {
    let x = extract_text(
        "شاركت الفنانة مي سليم في الحفل الكبير أمس. وغنت ومي سليم أغنية جديدة، وقدم الجمهور لمي سليم باقة ورد.",
    );
    let mays: Vec<_> = x.actors.iter().filter(|a| a.name.contains("مي سليم")).collect();
    assert_eq!(mays.len(), 1, "{:?}", actors(&x));
    assert_eq!(mays[0].name, "مي سليم");
}

#[test]
fn a_family_name_first_joins_the_full_name() {
    // Korean names put the family name first: كيم alone is كيم جونغ أون.
    let x = extract_text(
        "التقى الزعيم الكوري الشمالي كيم جونغ أون بالرئيس الصيني في بكين. وقال كيم إن المحادثات كانت مثمرة.",
    );
    let kims: Vec<_> = x.actors.iter().filter(|a| a.name.starts_with("كيم")).collect();
    assert_eq!(kims.len(), 1, "{:?}", actors(&x));
    assert!(kims[0].aliases.iter().any(|s| s == "كيم"), "{:?}", kims[0].aliases);
}

#[test]
fn a_common_word_that_only_resembles_a_surname_is_that_word() {
    // السياسي "political" shares its consonants with السيسي and is one letter away from it.
    let x = extract_text(
        "وقال الرئيس المصري عبد الفتاح السيسي إن البلاد ماضية في الإصلاح. وتحدث المحلل السياسي عن الأزمة السياسية.",
    );
    let sisi = x.actors.iter().find(|a| a.name.contains("السيسي")).expect("Sisi");
    assert!(!sisi.aliases.iter().any(|s| s.contains("السياسي")), "{:?}", sisi.aliases);
    assert_eq!(sisi.mentions.len(), 1, "{:?}", sisi.aliases);
}

#[test]
fn across_articles_countries_merge_by_name_and_a_family_name_joins_its_person() {
    let a = extract_text("وصل وفد من كندا إلى أوغندا لبحث التعاون. والتقى كيم جونغ أون بالوفد.");
    let b = extract_text("أعلنت كندا دعمها للاتفاق. وقال كيم إن بلاده مستعدة.");
    let merged = merge_actors(&[a, b]);
    let canada = merged.iter().find(|m| m.name == "كندا").expect("Canada");
    assert_eq!(canada.articles, vec![0, 1]);
    assert!(!canada.aliases.iter().any(|s| s.contains("أوغندا")), "{:?}", canada.aliases);
    assert!(merged.iter().any(|m| m.name == "أوغندا"));
    let kim: Vec<_> = merged.iter().filter(|m| m.name.starts_with("كيم")).collect();
    assert_eq!(kim.len(), 1, "{:?}", merged.iter().map(|m| &m.name).collect::<Vec<_>>());
    assert_eq!(kim[0].name, "كيم جونغ أون");
}

#[test]
fn a_nisba_that_names_a_language_is_no_country() {
    let x = extract_text("وتحدث اللاعب بالفرنسية مع الصحفيين، ثم ترجم أقواله إلى اللغة الإسبانية.");
    assert!(!x.actors.iter().any(|a| a.kind == ActorKind::Country), "{:?}", actors(&x));
    let x = extract_text("وأعلنت الحكومة الفرنسية دعمها للاتفاق.");
    assert!(x.actors.iter().any(|a| a.name == "فرنسا"), "{:?}", actors(&x));
}

#[test]
fn a_verbal_noun_after_a_preposition_does_not_begin_a_name() {
    // (The masdar of a derived form, استعداد، اعتقال, is no name word.)
    let x = extract_text(
        "وقد يحقق الرئيس انتصارا تاريخيا في حال نجاحه بإقناع الإدارة الأميركية باستعداد بيونغيانغ للتخلي عن برنامجها النووي.",
    );
    assert!(!x.actors.iter().any(|a| a.name.starts_with("باستعداد")), "{:?}", actors(&x));
}

#[test]
fn a_family_name_or_a_club_s_last_word_joins_the_full_name() {
    let x = extract_text(
        "أعلن رئيس هيئة الرياضة تركي آل الشيخ دعمه للنادي. وقال آل الشيخ إن الدعم سيستمر. \
         وفاز مانشستر يونايتد على ضيفه، وتقدم يونايتد إلى المركز الثاني.",
    );
    let turki: Vec<_> = x.actors.iter().filter(|a| a.name.contains("آل الشيخ")).collect();
    assert_eq!(turki.len(), 1, "{:?}", actors(&x));
    let united: Vec<_> = x.actors.iter().filter(|a| a.name.contains("يونايتد")).collect();
    assert_eq!(united.len(), 1, "{:?}", actors(&x));
}

#[test]
fn a_transliterated_name_keeps_its_initial_fa() {
    let x = sahifa::extract::extract_text(
        "وقال الدبلوماسي فلاديمير تيتورينكو إن العلاقات جيدة، وأضاف فلاديمير تيتورينكو أن الزيارة مفيدة.",
    );
    let names: Vec<&str> = x.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"فلاديمير تيتورينكو"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("لاديمير")), "{names:?}");
}

#[test]
fn an_office_named_by_its_holder_keeps_the_holders_name() {
    // Not "إدارة الرئيس الأميركي", a description cut before the name it is about.
    let x = extract_text("وقالت إدارة الرئيس الأميركي دونالد ترمب إن العقوبات ستبقى.");
    let a = actors(&x);
    assert!(a.contains(&("دونالد ترمب".into(), ActorKind::Person)), "{a:?}");
    assert!(a.contains(&("إدارة الرئيس الأميركي دونالد ترمب".into(), ActorKind::Organization)), "{a:?}");
    assert!(!a.iter().any(|(n, _)| n == "إدارة الرئيس الأميركي"), "{a:?}");
}

#[test]
fn a_description_before_an_organisations_name_is_its_epithet() {
    let x = extract_text("قالت شركة النفط والطاقة الفرنسية توتال، الأربعاء، إنها قد تنسحب من المشروع.");
    assert_eq!(x.quotes.len(), 1, "{:?}", actors(&x));
    assert_eq!(x.speaker_name(&x.quotes[0]), Some("توتال"), "{:?}", actors(&x));
}

#[test]
fn an_indefinite_head_keeps_every_word_of_the_name_after_it() {
    // Not "وكالة أنباء" ("news agency of"), which has lost the name.
    let x = extract_text("وقالت وكالة أنباء فارس الإيرانية إن الصواريخ أصابت أهدافها.");
    assert_eq!(x.quotes.len(), 1, "{:?}", actors(&x));
    assert_eq!(x.speaker_name(&x.quotes[0]), Some("وكالة أنباء فارس"), "{:?}", actors(&x));
}
