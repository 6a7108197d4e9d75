//! Quotes: text in quotation marks attributed to the speaker of the nearest cue (a reporting verb
//! before or just after it, a colon, a source phrase, or the previous quote), and indirect speech
//! (verb + subject + إن/أن + clause). Speakers of pro-drop verbs (وأضاف، وتابعت) are the last
//! explicit subject whose gender and number agree. No cue, no speaker: short quoted phrases without
//! one are scare quotes or names and are dropped.

use super::actors::Actors;
use super::attribution::{self, Context, Facts, Rule};
use super::doc::{Doc, TokKind, is_complementizer};
use super::lexicon::{Gender, Strength, Tag};
use super::marks::{Pair, pair};
use super::normalize::normalize_key;
use super::{Quote, QuoteKind};

/// How far a cue may be from its quote, in tokens (bounds every look-back).
const WINDOW: usize = 40;

/// A reporting verb and who it attributes to.
#[derive(Debug, Clone)]
struct Cue {
    verb: usize,
    strength: Strength,
    speaker: Option<usize>,
    speaker_tok: Option<(usize, usize)>,
    /// Token where the subject search stopped (a complementizer, colon or mark, or the limit).
    stop: usize,
    /// The verb has a subject the rules do not know as an actor (قالت الكوريتان): a source phrase
    /// nearby (بحسب وكالة …) relays it and is not the speaker.
    unknown_subject: bool,
    /// The ranked candidates (nobody first) and their features, for training.
    ranked: Vec<(Option<usize>, Vec<u16>)>,
}

/// A candidate speaker: the actor, its mention when a rule found one, the rules that proposed it.
type Proposal = (usize, Option<(usize, usize)>, Vec<Rule>);

/// Prepositions after which an actor is not a subject.
fn is_prep(w: &str) -> bool {
    // (A conjunction before it changes nothing: وبحسب، وفي.)
    let w = match w.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => w,
    };
    matches!(
        w,
        "في" | "من"
            | "عن"
            | "الي"
            | "علي"
            | "مع"
            | "بين"
            | "امام"
            | "لدي"
            | "حول"
            | "ضد"
            | "نحو"
            | "عبر"
            | "بشان"
            // "According to" names who relays the news, not who speaks (وبحسب وكالة فرانس برس
            // قالت الكوريتان).
            | "حسب"
            | "بحسب"
            | "وفق"
            | "وفقا"
            | "طبقا"
    )
}

/// Resolves the subjects of all reporting verbs, in order (pro-drop from the last agreeing subject).
fn cues(doc: &Doc, actors: &mut Actors, pairs: &[Pair]) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut history: Vec<(usize, usize)> = Vec::new();
    let n = doc.toks.len();
    let first_end = (0..n).find(|&t| doc.ends_sentence(t)).unwrap_or(n);
    // A name inside quotation marks is spoken about, not speaking: the generators that look back
    // for a subject (the sentence's, the previous one's, the last person named) skip it, unless
    // the verb is inside the same marks.
    let quoted_in = |t: usize| marks_around(pairs, t);
    let mut i = 0;
    while i < n {
        let Some((gender, strength)) = doc.verb(i) else {
            i += 1;
            continue;
        };
        if impersonal(doc, i) {
            i = doc.next(i);
            continue;
        }
        let v_end = doc.next(i);
        let mut speaker = None;
        let mut speaker_tok = None;
        let mut stop = v_end;
        let mut relay = false;
        let mut unknown_subject = false;
        let mut relative = false;
        let mut blocked = false;
        let mut nameless_at = None;
        let mut limit = v_end + 25;
        while stop < n && stop < limit {
            let t = doc.toks[stop];
            // A relative clause after the subject (أذربيجان، التي اتهمت …، إن) is skipped to its comma.
            // (A colon or a quotation mark ends it too: what follows is the speech itself.)
            if relative && doc.is_punct(stop, &[':', '"', '«', '»', '“', '”']) {
                relative = false;
            }
            if relative {
                if doc.is_punct(stop, &['،', ',']) {
                    relative = false;
                } else if doc.ends_sentence(stop) {
                    break;
                }
                stop += 1;
                continue;
            }
            // Also before any subject (وقال في المقابلة، التي نشر الكرملين محتواها، …): an actor
            // inside a relative clause is never the verb's subject.
            if matches!(doc.key(stop), "التي" | "الذي" | "الذين" | "اللذين" | "اللتين")
            {
                relative = true;
                limit = (limit + 25).min(v_end + 60);
                stop += 1;
                continue;
            }
            // A mark glued to a one-letter preposition (لـ«وكالة …») quotes an object, not speech.
            let glued = stop > 0 && doc.is_word(stop - 1) && doc.key(stop - 1).chars().count() == 1;
            match t.kind {
                TokKind::Break => break,
                TokKind::Punct(c) if glued && "«»“”„\"".contains(c) => {}
                // A subject in quotation marks (وأشارت "موديز" إلى أن): the name inside the marks.
                TokKind::Punct(c)
                    if speaker.is_none()
                        && "«»“”„\"".contains(c)
                        && actors
                            .at
                            .get(&(stop + 1))
                            .is_some_and(|&(_, e)| doc.is_punct(e, &['"', '»', '”', '«', '“'])) =>
                {
                    if let Some(&(a, e)) = actors.at.get(&(stop + 1)) {
                        speaker = Some(a);
                        speaker_tok = Some((stop + 1, e));
                        stop = e + 1;
                        continue;
                    }
                }
                TokKind::Punct(c) if c == ':' || super::doc::is_sentence_end(c) || "«»“”„\"".contains(c) =>
                {
                    break;
                }
                TokKind::Word if is_complementizer(doc.key(stop)) => break,
                _ => {}
            }
            if doc.verb(stop).is_some() && stop > v_end {
                break;
            }
            if speaker.is_none() && actors.nameless.get(stop).copied().unwrap_or(false) {
                // Keep looking for the complement, but nobody after this is the subject.
                unknown_subject = true;
                blocked = true;
                nameless_at = Some(stop);
            }
            // A nisba alone as the subject (وقال السويدي، وأضاف الإسباني) is a person called by it
            // (a family name, an epithet), never the country: the person named with it, else
            // someone the rules do not know.
            if speaker.is_none()
                && stop == v_end
                && let Some(&(a, e)) = actors.at.get(&stop)
                && e == stop + 1
                && actors.list[a].actor.kind == super::ActorKind::Country
                && doc.has(stop, |t| matches!(t, Tag::Nisba(_)))
                && let nisba = doc.key(stop).trim_start_matches(['و', 'ف'])
                && nisba.starts_with("ال")
                && nisba.ends_with('ي')
                && (doc.is_punct(e, &['،', ',', ':'])
                    || is_complementizer(doc.key(e))
                    || doc.ends_sentence(e))
            {
                match actors.person_called(nisba) {
                    Some(p) => {
                        speaker = Some(p);
                        speaker_tok = Some((stop, e));
                    }
                    None => {
                        unknown_subject = true;
                        blocked = true;
                    }
                }
                stop = e;
                continue;
            }
            // A nisba before a person's name is their epithet (أكد الألماني يورغن كلوب): the
            // person is the subject, not the country.
            if speaker.is_none()
                && let Some(&(_, e)) = actors.at.get(&stop)
                && doc.has(stop, |t| matches!(t, Tag::Nisba(_)))
                && actors
                    .at
                    .get(&e)
                    .is_some_and(|&(p, _)| actors.list[p].actor.kind == super::ActorKind::Person)
            {
                stop = e;
                continue;
            }
            if let Some(&(a, e)) = actors.at.get(&stop) {
                let prev = if stop > 0 { doc.key(stop - 1) } else { "" };
                // A preposition glued to a name found without the lexicon (لماي، بترامب).
                let glued_prep = doc.hit(stop).is_none() && {
                    let k = doc.key(stop);
                    let name = normalize_key(&actors.list[a].actor.name);
                    let words: Vec<&str> = name.split(' ').collect();
                    k.starts_with(['ل', 'ب'])
                        && !words.contains(&k)
                        && k.get(2..).is_some_and(|rest| words.contains(&rest))
                };
                let prep = doc.hit(stop).is_some_and(|h| h.prep) || glued_prep;
                // بيان لوزارة الخارجية، تقرير جديد للأمم المتحدة: the statement's author speaks.
                let author = prep && speaker.is_none() && !blocked && statement_before(doc, stop, v_end);
                // The complement of a noun with a preposition (أمام … بقصر الكرملين) is no subject.
                let in_pp = stop > v_end
                    && doc.is_word(stop - 1)
                    && doc.toks[stop - 1].hit.is_none()
                    && prev.starts_with(['ب', 'ل'])
                    && !actors.at.contains_key(&(stop - 1));
                if author || relay || (speaker.is_none() && !blocked && !prep && !is_prep(prev) && !in_pp) {
                    speaker = Some(a);
                    speaker_tok = Some((stop, e));
                    relay = false;
                }
                stop = e.max(stop + 1);
                continue;
            }
            if doc.is_word(stop) && speaker.is_none() && stop == v_end {
                let k = doc.key(stop);
                let adverbial = doc.is_stop(stop)
                    || k.starts_with(['ل', 'ب'])
                    || doc.has(stop, |t| matches!(t, Tag::Source))
                    || matches!(k, "ايضا" | "مجددا" | "كذلك" | "بدوره" | "بدورها" | "لاحقا");
                unknown_subject = !adverbial;
                // An unknown noun phrase is the subject (قال أحد السكان …): nothing later is.
                blocked = !adverbial;
            }
            if doc.key(stop) == "علي" && doc.key(stop + 1) == "لسان" && speaker.is_some() {
                // نقلت هيئة الإذاعة على لسان ليبرمان قوله: the person quoted.
                relay = true;
                stop += 2;
                continue;
            }
            // نقلت وكالة X عن Y قوله: the person quoted, not the agency. After a person's قال,
            // عن is "about" (قال بارو … عن بريطانيا): only a relay verb or an organisation relays.
            if doc.key(stop) == "عن"
                && speaker.is_some_and(|a| {
                    doc.key(i).trim_start_matches(['و', 'ف']).starts_with("نقل")
                        || actors.list[a].actor.kind == super::ActorKind::Organization
                })
                && actors.at.contains_key(&(stop + 1))
            {
                relay = true;
            }
            stop += 1;
        }
        // Candidates, each from the generators that propose it; ranked by the attribution
        // model (`attribution.rs`) against abstaining.
        let mut cands: Vec<Proposal> = Vec::new();
        let mut add = |a: usize, tok: Option<(usize, usize)>, r: Rule| {
            if let Some(c) = cands.iter_mut().find(|c| c.0 == a) {
                if !c.2.contains(&r) {
                    c.2.push(r);
                }
                if c.1.is_none() {
                    c.1 = tok;
                }
            } else {
                cands.push((a, tok, vec![r]));
            }
        };
        if let Some(a) = speaker {
            add(a, speaker_tok, Rule::PostVerb);
        }
        let agrees = |a: usize| actors.list[a].gender.agrees(gender);
        let person = |a: usize| actors.list[a].actor.kind == super::ActorKind::Person && !actors.list[a].anon;
        let verb_marks = quoted_in(i);
        let outside = |k: usize| quoted_in(k).is_none_or(|o| Some(o) == verb_marks);
        let continues = is_continuation(doc.key(i));
        let described = nameless_at.is_some() || described_subject(doc, v_end);
        let last_speaker = history.iter().rev().find(|&&(v, _)| v + 150 > i).map(|&(_, a)| a);
        if speaker.is_none() && unknown_subject {
            // Coreference: a title or description standing for someone named before (وأضاف وزير
            // الخارجية البريطاني، وأضاف هداف الدوري): the person that title was given to, or the
            // last speaker, when the context says it is them: the verb continues a statement
            // (أضاف، تابع), or that person spoke last.
            let referent = nameless_at
                .and_then(|t| actors.nameless_ref.get(t).copied().flatten())
                .filter(|&p| agrees(p));
            match referent {
                Some(p) if continues || last_speaker == Some(p) => add(p, None, Rule::Nameless),
                _ if continues && described => {
                    if let Some(p) = last_speaker
                        .filter(|&p| agrees(p) && person(p))
                        .or_else(|| recent_person(actors, i, &outside, |p| agrees(p) && person(p)))
                    {
                        add(p, None, Rule::Continuation);
                    }
                }
                _ => {}
            }
        }
        // A generic description after the verb (وأشارت وكالة التصنيفات، وقالت الوزارة) most often
        // stands for the organisation of the same head named before it (وكالة موديز).
        if let Some(a) = speaker
            && actors.list[a].generic
            && actors.list[a].actor.kind == super::ActorKind::Organization
            && let Some(p) = same_head_org(actors, a, i)
        {
            add(p, None, Rule::Nameless);
        }
        if i >= 2 && matches!(doc.key(i - 1), "الذي" | "التي" | "الذين") {
            // A verb in a relative clause (نظيره الروسي، فلاديمير بوتين، الذي اعتبر أن): the antecedent.
            let r = i - 1;
            let b = if r > 0 && doc.is_punct(r - 1, &['،', ',']) { r - 1 } else { r };
            if let Some((j, a, e)) =
                (b.saturating_sub(6)..b).rev().find_map(|j| actors.at.get(&j).map(|&(a, e)| (j, a, e)))
                && (e == b || (e + 1 == b && doc.is_punct(e, &['،', ','])))
            {
                add(a, Some((j, e)), Rule::Relative);
            }
        }
        {
            // Subject before the verb (X قال …) at the start of a clause: an unknown word after the
            // verb is then an adverb or object (فرنسا قالت بوضوح).
            // (أما X فقالت: the topic of أما is the subject of the verb after ف.)
            let topic = doc.key(i).starts_with('ف') && (i.saturating_sub(8)..i).any(|j| doc.key(j) == "اما");
            let conj = doc.hit(i).is_some_and(|h| h.core > h.start) && !topic;
            let before =
                (i.saturating_sub(6)..i).rev().find_map(|j| actors.at.get(&j).map(|&(a, e)| (j, a, e)));
            // (أما مجاهد، فقال: a comma may close the topic; وكانت فارو قد قالت: قد may stand between.)
            let adjacent = |e: usize| {
                // (… زوكربيرغ، الرئيس التنفيذي للشركة، قد أصر: a comma and قد may stand between.)
                let e = if doc.is_punct(e, &['،', ',']) && doc.key(e + 1) == "قد" { e + 1 } else { e };
                e == i
                    || (topic && e + 1 == i && doc.is_punct(e, &['،', ',']))
                    || (e + 1 == i && doc.key(e) == "قد")
            };
            // The object of a preposition (على تويتر قال، على رونالدو قائلا) is no subject, and a
            // participle's subject is its sentence's, not the word before it.
            let free = |j: usize| {
                strength != Strength::Participle
                    && !doc.hit(j).is_some_and(|h| h.prep)
                    && !(j > 0 && is_prep(doc.key(j - 1)))
            };
            // الفتاة صفاء بولار التي تتبنى أفكار تنظيم "داعش" اعترفت: the subject is the
            // antecedent of the relative clause, not the last name inside it.
            if !conj
                && let Some((j, a, e)) =
                    antecedent_before(doc, actors, i).or(before.filter(|&(j, _, e)| adjacent(e) && free(j)))
            {
                add(a, Some((j, e)), Rule::PreVerb);
            }
        }
        // Pro-drop: the subject its sentence already has (قال X …، مضيفا أن …; وترفض X … وتقول
        // إن), the previous sentence's subject (ووجهت ميركل برقية … . وقالت إن …), the last speakers.
        if let Some((k, a, e)) = first_subject(doc, actors, i, agrees)
            && outside(k)
        {
            add(a, Some((k, e)), Rule::Own);
        }
        let mut j = i;
        while j > 0 && i - j < 80 && !doc.ends_sentence(j - 1) {
            j -= 1;
        }
        if strength != Strength::Participle
            && let Some((_, a, _)) = j
                .checked_sub(1)
                .and_then(|p| first_subject(doc, actors, p, agrees))
                .filter(|&(k, _, _)| outside(k))
        {
            add(a, None, Rule::Previous);
        }
        let mut seen: Vec<usize> = Vec::new();
        for &(_, a) in history.iter().rev().take_while(|&&(v, _)| v + 150 > i) {
            if seen.contains(&a) {
                continue;
            }
            seen.push(a);
            let r = match seen.len() {
                1 => Rule::Hist0,
                2 => Rule::Hist1,
                _ => Rule::Hist2,
            };
            add(a, None, r);
            if seen.len() == 4 {
                break;
            }
        }
        if let Some(p) = recent_person(actors, i, &outside, |p| agrees(p) && person(p)) {
            add(p, None, Rule::Recent);
        }
        let ctx = Context {
            unknown_np: unknown_subject && speaker.is_none(),
            continuing_verb: continues,
            conj_verb: doc.hit(i).is_some_and(|h| h.core > h.start),
            participle: strength == Strength::Participle,
            weak: strength == Strength::Weak,
            nameless_np: nameless_at.is_some(),
            described,
            first_sentence: i <= first_end,
        };
        let spoken: Vec<usize> = history.iter().map(|&(_, a)| a).collect();
        let weights = &*attribution::WEIGHTS;
        let mut ranked: Vec<(Option<usize>, Vec<u16>)> = Vec::with_capacity(cands.len() + 1);
        ranked.push((None, attribution::null_features(&ctx)));
        for (a, tok, rules) in &cands {
            let facts = candidate_facts(doc, actors, i, gender, *a, *tok, rules, &spoken, first_end);
            ranked.push((Some(*a), attribution::features(&facts, &ctx)));
        }
        let best = ranked
            .iter()
            .enumerate()
            .map(|(k, (_, f))| (k, attribution::score(weights, f)))
            .fold((0, f32::MIN), |acc, x| if x.1 > acc.1 { x } else { acc })
            .0;
        if best == 0 {
            speaker = None;
            speaker_tok = None;
        } else {
            let (a, tok, _) = &cands[best - 1];
            speaker = Some(*a);
            speaker_tok = *tok;
            unknown_subject = false;
        }
        if let Some(a) = speaker {
            if speaker_tok.is_some() && actors.list[a].gender == Gender::Unknown {
                actors.list[a].gender = gender;
            }
            // A pro-drop speaker keeps the chain alive (وقال: … وتابع أنه …).
            history.push((i, a));
        }
        out.push(Cue { verb: i, strength, speaker, speaker_tok, stop, unknown_subject, ranked });
        i = v_end;
    }
    out
}

/// What the attribution model knows of actor `a` as a candidate speaker of the verb at `i`:
/// its mention `tok` when a rule found one there, else its nearest mention before the verb.
#[allow(clippy::too_many_arguments)]
fn candidate_facts(
    doc: &Doc,
    actors: &Actors,
    i: usize,
    gender: Gender,
    a: usize,
    tok: Option<(usize, usize)>,
    rules: &[Rule],
    spoken: &[usize],
    first_end: usize,
) -> Facts {
    let f = &actors.list[a];
    let at = tok.map(|(s, _)| s).or_else(|| {
        (i.saturating_sub(150)..i).rev().find(|j| actors.at.get(j).is_some_and(|&(b, _)| b == a))
    });
    let agrees = (f.gender != Gender::Unknown && gender != Gender::Unknown).then_some(f.gender == gender);
    Facts {
        rules: rules.to_vec(),
        agrees,
        kind: attribution::kind_atom(f.actor.kind),
        anon: f.anon,
        generic: f.generic,
        distance: at.map(|m| m.abs_diff(i)),
        same_sentence: at.is_some_and(|m| {
            let (lo, hi) = if m < i { (m, i) } else { (i, m) };
            (lo..hi).all(|t| !doc.ends_sentence(t))
        }),
        spoke_before: spoken.contains(&a),
        mentions: f.actor.mentions.len(),
        in_title: (0..first_end.min(i)).any(|t| actors.at.get(&t).is_some_and(|&(b, _)| b == a)),
        after_prep: at
            .is_some_and(|m| doc.hit(m).is_some_and(|h| h.prep) || (m > 0 && is_prep(doc.key(m - 1)))),
    }
}

/// A subject before the verb at `i` separated from it by a relative clause (X التي … verb): the
/// actor that ends at the relative pronoun, when no punctuation stands in the clause.
fn antecedent_before(doc: &Doc, actors: &Actors, i: usize) -> Option<(usize, usize, usize)> {
    let lo = i.saturating_sub(15);
    let r = (lo..i)
        .rev()
        .take_while(|&j| doc.is_word(j) || doc.is_punct(j, &['"', '«', '»', '“', '”']))
        .find(|&j| matches!(doc.key(j), "التي" | "الذي"))?;
    (r.saturating_sub(6)..r)
        .rev()
        .find_map(|j| actors.at.get(&j).filter(|&&(_, e)| e == r).map(|&(a, e)| (j, a, e)))
}

/// Whether tokens `s..e` are a short noun phrase (a subject: بروكسل، مخطط التفجيرات، الحكومة
/// الفرنسية), with no verb: a quotation right after it is the statement itself.
fn noun_phrase(doc: &Doc, s: usize, e: usize) -> bool {
    if e <= s || e - s > 6 {
        return false;
    }
    // Nouns joined by و count as one subject (الأمم المتحدة ووكالات الإغاثة).
    let coordinated = |j: usize| doc.key(j).starts_with('و') && doc.key(j).chars().count() > 3;
    (e - s <= 3 || (s..e).any(coordinated))
        && (s..e).all(|j| {
            doc.is_word(j)
                && doc.verb(j).is_none()
                && !doc.is_stop(j)
                && (j == s
                    || doc.key(j).starts_with("ال")
                    || coordinated(j)
                    || doc.has(j, |t| matches!(t, Tag::Nisba(_))))
        })
}

/// Impersonal forms that report without a speaker (يذكر أن، ويتوقع أن، يقال إن): the writer's voice.
fn impersonal(doc: &Doc, i: usize) -> bool {
    matches!(
        doc.key(i).trim_start_matches(['و', 'ف']),
        "يذكر" | "يتوقع" | "يعتقد" | "يقال" | "يشار" | "يبدو" | "يرجح"
    ) && is_complementizer(doc.key(doc.next(i)))
}

/// The one named right before the colon at `colon` at the start of a sentence (a headline's or
/// a paragraph's ترامب: …، وماكرون: …): a person, organisation or country, not a place (a
/// dateline: القاهرة: …).
fn header_speaker(doc: &Doc, actors: &Actors, colon: usize) -> Option<(usize, (usize, usize))> {
    let (j, a) = (colon.saturating_sub(6)..colon)
        .find_map(|j| actors.at.get(&j).filter(|&&(_, e)| e == colon).map(|&(a, _)| (j, a)))?;
    let starts = j == 0 || doc.ends_sentence(j - 1) || doc.is_punct(j - 1, &['.', '…']);
    if doc.has(j, |t| matches!(t, Tag::Capital(_) | Tag::Place(_))) {
        return None;
    }
    let kind = actors.list[a].actor.kind;
    (starts
        && matches!(
            kind,
            super::ActorKind::Person | super::ActorKind::Organization | super::ActorKind::Country
        ))
    .then_some((a, (j, colon)))
}

/// A header (NAME: …) earlier in the sentence of the quotation that opens at `open`.
fn header_before(doc: &Doc, actors: &Actors, open: usize) -> Option<(usize, (usize, usize))> {
    let mut c = open;
    while c > 0 && open - c < 30 && !doc.ends_sentence(c - 1) {
        c -= 1;
        if doc.is_punct(c, &[':'])
            && let Some(h) = header_speaker(doc, actors, c)
        {
            return Some(h);
        }
    }
    None
}

/// The person last mentioned before token `i` (within a paragraph's reach) that `fits`.
fn recent_person(
    actors: &Actors,
    i: usize,
    at: &dyn Fn(usize) -> bool,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    (i.saturating_sub(150)..i)
        .rev()
        .find_map(|j| actors.at.get(&j).map(|&(a, _)| a).filter(|&a| fits(a) && at(j)))
}

/// The author of a text quoted after جاء فيه / جاء فيها (ونشر السومة تغريدة جاء فيها "…": the
/// subject of the sentence that published it) or after جاء في بيان لـ… (the body after the
/// statement noun).
fn statement_author(doc: &Doc, actors: &Actors, open: usize) -> Option<(usize, Option<(usize, usize)>)> {
    let lo = open.saturating_sub(8);
    let j = (lo..open).rev().find(|&j| matches!(doc.key(j), "جاء" | "وجاء" | "ورد" | "وورد"))?;
    if (j..open).any(|k| doc.ends_sentence(k)) {
        return None;
    }
    let next = doc.key(j + 1);
    if matches!(next, "فيه" | "فيها" | "فيهما") && j + 2 >= open.saturating_sub(1) {
        let person_like = |a: usize| {
            !actors.list[a].anon
                && matches!(
                    actors.list[a].actor.kind,
                    super::ActorKind::Person | super::ActorKind::Organization
                )
        };
        return first_subject(doc, actors, j, person_like).map(|(k, a, e)| (a, Some((k, e))));
    }
    if next == "في" && is_statement(doc.key(j + 2)) {
        return (j + 3..open).find_map(|k| actors.at.get(&k).map(|&(a, e)| (a, Some((k, e)))));
    }
    None
}

/// Verbs that continue a statement already begun (وأضاف، وتابعت، وأردف): a description as their
/// subject is most often the last speaker again.
pub(super) fn is_continuation(k: &str) -> bool {
    matches!(
        k.trim_start_matches(['و', 'ف']),
        "اضاف"
            | "اضافت"
            | "تابع"
            | "تابعت"
            | "اردف"
            | "اردفت"
            | "استطرد"
            | "استطردت"
            | "يضيف"
            | "تضيف"
            | "يتابع"
            | "تتابع"
    )
}

/// Whether a definite description (اللاعب البالغ 37 عاما، هداف الدوري) and not a name, a statement
/// or a clause starts at `i`.
fn described_subject(doc: &Doc, i: usize) -> bool {
    if !doc.is_word(i) || doc.is_stop(i) || doc.verb(i).is_some() || is_statement(doc.key(i)) {
        return false;
    }
    let k = doc.key(i);
    let next_definite = doc.is_word(i + 1) && doc.key(i + 1).starts_with("ال");
    k.starts_with("ال") || next_definite
}

/// A participle-looking form (داعيا، مطالبة، منتقدين): after a comma it starts a new clause even
/// when its verb only attributes quotations.
fn is_participle_form(k: &str) -> bool {
    (k.starts_with('م') && (k.ends_with('ا') || k.ends_with('ه') || k.ends_with("ين"))) || k.starts_with("دا")
}

/// Nouns for a statement or report whose author is the one speaking.
fn is_statement(k: &str) -> bool {
    matches!(
        k.trim_start_matches(['و', 'ف']),
        "بيان"
            | "بيانا"
            | "تقرير"
            | "تقريرا"
            | "تصريح"
            | "تصريحات"
            | "رساله"
            | "تغريده"
            | "دراسه"
            | "وثيقه"
            | "مذكره"
            | "بلاغ"
    )
}

/// Whether a statement noun stands between the verb's end and `at`, with at most one word (an
/// adjective: تقرير جديد) between it and `at`.
fn statement_before(doc: &Doc, at: usize, v_end: usize) -> bool {
    (at.saturating_sub(2).max(v_end)..at).any(|j| is_statement(doc.key(j)))
}

/// The first actor of the sentence that holds token `i`, before `i`, not after a preposition, that
/// `agrees` with the verb (العاهل الأردني، الملك عبد الله، توعد: the king, not Jordan).
fn first_subject(
    doc: &Doc,
    actors: &Actors,
    i: usize,
    agrees: impl Fn(usize) -> bool,
) -> Option<(usize, usize, usize)> {
    let mut j = i;
    while j > 0 && i - j < 60 && !doc.ends_sentence(j - 1) {
        j -= 1;
    }
    // A dateline (أتلانتا، الولايات المتحدة (CNN) –) heads the paragraph: its places are not the
    // sentence's subject, which starts after its dash.
    if let Some(d) =
        (j + 1..i.min(j + 16)).find(|&k| doc.is_punct(k, &['-', '–', '—']) && doc.is_punct(k - 1, &[')']))
    {
        j = d + 1;
        while j < i && doc.is_punct(j, &['-', '–', '—']) {
            j += 1;
        }
    }
    (j..i).find_map(|k| {
        actors
            .at
            .get(&k)
            .filter(|&&(a, e)| (k == 0 || !is_prep(doc.key(k - 1))) && agrees(a) && !dateline(doc, e))
            .map(|&(a, e)| (k, a, e))
    })
}

/// The nearest named organisation before token `i` whose head word is the head of the generic
/// organisation `a` (وكالة موديز for وكالة التصنيفات).
fn same_head_org(actors: &Actors, a: usize, i: usize) -> Option<usize> {
    let head = |b: usize| {
        let k = normalize_key(&actors.list[b].actor.name);
        let w = k.split(' ').next().unwrap_or("").to_string();
        w.strip_prefix("ال").filter(|r| r.chars().count() >= 3).map(str::to_string).unwrap_or(w)
    };
    let h = head(a);
    if h.chars().count() < 3 {
        return None;
    }
    (i.saturating_sub(400)..i).rev().find_map(|j| {
        let &(b, _) = actors.at.get(&j)?;
        let f = &actors.list[b];
        (b != a && !f.generic && !f.anon && f.actor.kind == super::ActorKind::Organization && head(b) == h)
            .then_some(b)
    })
}

/// The opening mark of the quotation marks around token `t`, if it stands inside a pair.
fn marks_around(pairs: &[Pair], t: usize) -> Option<usize> {
    let k = pairs.partition_point(|p| p.open < t);
    pairs[k.saturating_sub(4)..k].iter().find(|p| p.has_open && p.open < t && t < p.close).map(|p| p.open)
}

/// Whether a mention ending before token `e` is a dateline's agency (`(CNN)--`, `(رويترز) -`,
/// `أ ف ب -`): it sent the story, it is not the sentence's subject.
fn dateline(doc: &Doc, e: usize) -> bool {
    let e = if doc.is_punct(e, &[')']) { e + 1 } else { e };
    doc.is_punct(e, &['-', '–', '—'])
}
/// End token of the clause that starts at `s`: the sentence end, or where a new cue starts.
fn clause_end(doc: &Doc, s: usize, cues: &[Cue]) -> usize {
    let mut j = s;
    let limit = doc.toks.len().min(s + 300);
    while j < limit && !doc.ends_sentence(j) {
        // A new reporting verb after a comma (، مضيفا أن …، وقال: …) starts the next statement.
        let new_cue = cue_index(cues, j + 1)
            .and_then(|k| cues.get(k))
            .is_some_and(|c| c.strength != Strength::Weak || is_participle_form(doc.key(c.verb)));
        let writer = matches!(
            doc.key(j + 1),
            "فيما" | "لكن" | "لكنه" | "لكنها" | "ولكن" | "ولكنه" | "ولكنها" | "بينما" | "غير"
        );
        // An accusative participle after a comma (…، متقبلا كل قرار) is a circumstantial clause
        // about the subject: the writer's description, not the reported words.
        let circumstance = {
            let k = doc.key(j + 1);
            k.starts_with('م') && k.ends_with('ا') && k.chars().count() >= 5 && doc.verb(j + 1).is_none()
        };
        // The writer's own context after a comma: وذلك …، an explanatory apposition (وهو من،
        // وهي التي), a time after the event (، بعد أيام من، بعد ساعة على).
        let context = {
            let (k1, k2) = (doc.key(j + 1), doc.key(j + 2));
            k1 == "وذلك"
                || (matches!(k1, "وهو" | "وهي")
                    && matches!(k2, "من" | "ما" | "الذي" | "التي" | "احد" | "احدي" | "الامر"))
                || (matches!(k1, "بعد" | "وبعد" | "قبل" | "وقبل") && is_time_noun(k2))
        };
        if doc.is_punct(j, &['،', ',', '؛', ';']) && (new_cue || writer || circumstance || context) {
            break;
        }
        // A cause the writer adds (… إثر انتقادات طالتها، على خلفية …) once the clause has said
        // something.
        if j > s + 4
            && doc.is_word(j)
            && (doc.key(j + 1) == "اثر" || (doc.key(j + 1) == "علي" && doc.key(j + 2) == "خلفيه"))
        {
            j += 1;
            break;
        }
        // A participle of a reporting verb (… معبرا عن استغرابه، مشيرة إلى أنها …) starts the
        // next statement even without a comma: the reported clause ends before it.
        // (Not after a verb that the participle completes: تابع قائلا إن.)
        if j > s
            && doc.is_word(j)
            && cue_index(cues, j).is_none()
            && cue_index(cues, j + 1)
                .and_then(|k| cues.get(k))
                .is_some_and(|c| c.strength == Strength::Participle)
        {
            j += 1;
            break;
        }
        j += 1;
    }
    j
}

/// Nouns of a span of time (أيام، ساعات، أسبوعين): بعد أيام من … dates an event, in the writer's voice.
fn is_time_noun(k: &str) -> bool {
    matches!(
        k,
        "ساعه"
            | "ساعات"
            | "ساعتين"
            | "يوم"
            | "يومين"
            | "ايام"
            | "اسبوع"
            | "اسبوعين"
            | "اسابيع"
            | "شهر"
            | "شهرين"
            | "اشهر"
            | "شهور"
            | "عام"
            | "عامين"
            | "اعوام"
            | "سنه"
            | "سنوات"
            | "دقايق"
    )
}

/// The cue whose verb is token `t` (cues are sorted by their verb).
fn cue_index(cues: &[Cue], t: usize) -> Option<usize> {
    cues.binary_search_by_key(&t, |c| c.verb).ok()
}

/// Finds the quotes of `doc`, given its actors.
pub fn find(doc: &Doc, actors: &mut Actors) -> Vec<Quote> {
    find_recording(doc, actors, None).0
}

/// A quote (or reported clause, abstained or not) and the ranked candidates of the verb it was
/// attributed by: what the attribution model is trained on.
pub struct Sample {
    /// The quote's text.
    pub text: String,
    /// Candidates, nobody first.
    pub candidates: Vec<Candidate>,
    /// Index of the candidate the model chose.
    pub chosen: usize,
}

/// A candidate speaker of a [`Sample`].
pub struct Candidate {
    /// The actor's name and aliases; `None` for nobody (abstaining).
    pub actor: Option<(String, Vec<String>)>,
    /// The actor is an anonymous source (مصدر مطلع).
    pub anon: bool,
    /// Feature ids ([`super::attribution::feature_name`]).
    pub features: Vec<u16>,
}

/// Every quote attributed through a reporting verb, with that verb's ranked candidates.
pub fn samples(doc: &Doc, actors: &mut Actors) -> Vec<Sample> {
    let mut rec = Vec::new();
    let (_, cues) = find_recording(doc, actors, Some(&mut rec));
    rec.into_iter()
        .filter_map(|(s, e, k)| {
            let c = cues.get(k)?;
            let span = doc.span(s, e);
            let chosen = c.ranked.iter().position(|(a, _)| *a == c.speaker).unwrap_or(0);
            Some(Sample {
                text: doc.text.get(span).unwrap_or("").trim().to_string(),
                candidates: c
                    .ranked
                    .iter()
                    .map(|(a, f)| Candidate {
                        actor: a.map(|a| {
                            let x = &actors.list[a].actor;
                            (x.name.clone(), x.aliases.clone())
                        }),
                        anon: a.is_some_and(|a| actors.list[a].anon),
                        features: f.clone(),
                    })
                    .collect(),
                chosen,
            })
        })
        .collect()
}

/// [`find`], recording in `rec` the tokens `(start, end, cue)` of every quote a cue attributes
/// (reported clauses it abstains on included).
fn find_recording(
    doc: &Doc,
    actors: &mut Actors,
    mut rec: Option<&mut Vec<(usize, usize, usize)>>,
) -> (Vec<Quote>, Vec<Cue>) {
    let pairs = pair(doc);
    let cues = cues(doc, actors, &pairs);
    let mut out: Vec<(Quote, usize, usize)> = Vec::new();
    // Indirect speech.
    let mut clauses: Vec<(usize, usize, usize, bool)> = Vec::new();
    let mut last_emitted: Option<(usize, Option<usize>)> = None;
    // A reporting verb inside quotation marks belongs to the quotation ("رفضوا أن …").
    let quoted = |t: usize| marks_around(&pairs, t).is_some();
    for (k, c) in cues.iter().enumerate() {
        if c.strength == Strength::Weak
            || c.stop >= doc.toks.len()
            || !is_complementizer(doc.key(c.stop))
            || quoted(c.verb)
        {
            continue;
        }
        let s = c.stop + 1;
        let e = clause_end(doc, s, &cues);
        // A verb inside the subject's relative clause shares the main verb's complement: the first
        // verb owns it.
        if clauses.last().is_some_and(|&(cs, _, _, _)| cs == s) {
            continue;
        }
        // A continuation inside the previous clause of the same speaker (…، ويتوقع أن …) is part of it.
        if last_emitted.is_some_and(|(ce, sp)| ce >= e && sp == c.speaker) {
            continue;
        }
        // One word is a clause only when it is a verb in the imperfect (وقالت إنها تصدقه، وحذرت من
        // أنها سترد): anything else is a fragment.
        if e <= s || (e == s + 1 && !imperfect_shape(doc.key(s))) {
            continue;
        }
        // A clause that opens with a quotation (إن “…”، أنها “قلقة” من …) is listed as its quotes only.
        // Only a pronoun (أنها “…”) or a bare subject (إن بروكسل “…”) outside the marks: the
        // quotation is the statement. A verb outside (إنها ستطلق “…”) makes it indirect speech.
        let bare = !doc.key(c.stop).ends_with(['ه', 'ا', 'م', 'ي']) || doc.key(c.stop).ends_with("ان");
        let pi = pairs.partition_point(|p| p.open < s);
        let whole = pairs[pi..]
            .iter()
            .take_while(|p| p.open <= s + 6)
            .any(|p| p.has_open && (p.open == s || (bare && noun_phrase(doc, s, p.open))));
        clauses.push((s, e, k, !whole));
        if whole {
            continue;
        }
        last_emitted = Some((e, c.speaker));
        if let Some(r) = rec.as_deref_mut() {
            r.push((s, e, k));
        }
        // Reported speech whose subject is a description no actor stands for (وقال الباحثون إن،
        // قالت تقارير بريطانية إن) is kept as an unnamed source's; nobody at all: abstain.
        let mut q = make(doc, s, e, c, QuoteKind::Indirect);
        if c.speaker.is_none() {
            let Some(src) = described_source(doc, c) else { continue };
            attribute_described(doc, actors, src, &mut q);
        }
        out.push((q, s, e));
    }
    // Reported speech attributed by a source phrase, where no verb's clause covers it already.
    for (q, s, e) in super::sources::find(doc, actors) {
        if !out.iter().any(|(_, os, oe)| *os < e && s < *oe)
            && !clauses.iter().any(|&(cs, ce, _, _)| cs < e && s < ce)
        {
            out.push((q, s, e));
        }
    }
    let mut last_speaker: Option<(Option<usize>, usize)> = None;
    // Keys of quoted texts judged names so far.
    let mut names: Vec<&str> = Vec::new();
    for p in &pairs {
        let (s, e) = (p.text_start(), p.close);
        if e <= s {
            continue;
        }
        let words = (s..e).filter(|&j| doc.is_word(j)).count();
        // A short quoted name after a naming head (حركة "حماس"، وكالة «تاس»).
        let head = p.open.checked_sub(1).is_some_and(|j| {
            doc.has(j, |t| matches!(t, Tag::NamingHead | Tag::OrgHead(_)))
                || (j > 0 && doc.has(j - 1, |t| matches!(t, Tag::NamingHead)))
        });
        // After اسم، بعنوان، تدعى the quoted name may be a long title (of a film, a book).
        let titled = naming_before(doc, p.open) && words <= 12;
        let named = (doc.has(s, |t| matches!(t, Tag::NamingHead | Tag::OrgHead(_))) && words <= 5) || titled;
        // A short quoted name right after an organisation's name (منظمة … «بتسيلم»، الوكالة الرسمية «سانا»).
        let after_org = words <= 2
            && (p.open.saturating_sub(8)..p.open).any(|j| {
                actors.at.get(&j).is_some_and(|&(a, e)| {
                    e == p.open && actors.list[a].actor.kind == super::ActorKind::Organization
                })
            });
        // A short quoted phrase in Latin letters or right after a preposition is a name
        // (لـ«سكاي نيوز»، عبر «API»).
        let short_name = words <= 3
            && (doc.text.get(text_range(doc, p)).is_some_and(|t| t.chars().any(|c| c.is_ascii_alphabetic()))
                || p.open.checked_sub(1).is_some_and(|j| {
                    doc.is_word(j) && doc.key(j) == "ل" && doc.toks[j].end == doc.toks[p.open].start
                }));
        // One quoted word after على، عبر، في، من is a place or platform (على "تويتر"، في "الرياض").
        let after_locative = words == 1
            && p.open
                .checked_sub(1)
                .is_some_and(|j| matches!(doc.key(j), "علي" | "عبر" | "في" | "من" | "لدي"));
        // The marks hold exactly a known actor's name ("حزب الله"، «موديز»), or sit inside one
        // (هيئة الإذاعة الإسرائيلية "مكان").
        let just_a_name = actors.at.get(&s).is_some_and(|&(_, end)| end == e)
            || (p.open.saturating_sub(8)..p.open).any(|j| actors.at.get(&j).is_some_and(|&(_, end)| end > e));
        // The same words again (a test, a product, a term named once: اختبار "…" after الذي يطلق
        // عليه "…") are that name again.
        let key = doc.norm.key.get(doc.toks[s].start..doc.toks[e - 1].end).unwrap_or("");
        if (head && words <= 4)
            || named
            || after_org
            || short_name
            || after_locative
            || just_a_name
            || names.contains(&key)
        {
            if words <= 12 && !names.contains(&key) {
                names.push(key);
            }
            continue;
        }
        // Clauses and cues are sorted by position: binary search, then a bounded walk.
        let ci = clauses.partition_point(|&(cs, _, _, _)| cs <= s);
        let inside =
            clauses[ci.saturating_sub(3)..ci].iter().rev().find(|&&(cs, ce, _, _)| cs <= s && e <= ce + 1);
        let k_open = cues.partition_point(|c| c.verb < p.open);
        let before = cues[..k_open]
            .iter()
            .rev()
            .take_while(|c| c.verb + WINDOW > p.open)
            .find(|c| !(c.verb..p.open).any(|j| doc.ends_sentence(j) && !doc.is_punct(j, &['…'])));
        let k_after = cues.partition_point(|c| c.verb < e);
        let after = cues[k_after..]
            .iter()
            .take_while(|c| c.verb <= e + 4)
            .find(|c| (e + 1..c.verb).all(|j| !doc.ends_sentence(j) || doc.is_punct(j, &['.'])));
        let colon = p.open > 0 && doc.is_punct(p.open - 1, &[':']);
        let cue =
            inside.map(|&(_, _, k, _)| &cues[k]).or(before).or(if colon { None } else { after }).or(after);
        let continuing = last_speaker.is_some_and(|(_, end)| end + 3 >= p.open);
        let (speaker, tok, cue) = match cue {
            // بحسب وكالة … قالت الكوريتان: a source before a verb with its own (unknown) subject
            // relays that subject; a trailing source (…، بحسب الوزارة) still attributes.
            Some(c) if c.speaker.is_none() => match source_actor(doc, actors, p.open, e)
                .filter(|&(_, (t, _))| !(c.unknown_subject && t < c.verb))
            {
                Some((a, t)) => (Some(a), Some(t), Some(c)),
                None => (None, None, Some(c)),
            },
            Some(c) => (c.speaker, c.speaker_tok, Some(c)),
            None if continuing && words >= 3 => (last_speaker.and_then(|(s, _)| s), None, None),
            None if let Some((a, t)) = statement_author(doc, actors, p.open) => (Some(a), t, None),
            None if let Some((a, t)) = header_before(doc, actors, p.open) => (Some(a), Some(t), None),
            None => match source_actor(doc, actors, p.open, e) {
                Some((a, t)) => (Some(a), Some(t), None),
                None if words >= 6 => (None, None, None),
                // A few quoted words in a sentence whose subject is a person (مد ماكرون اليد إلى
                // روسيا لـ"ترسيخها في أوروبا"): that person's words.
                None => match first_subject(doc, actors, p.open, |a| {
                    actors.list[a].actor.kind == super::ActorKind::Person && !actors.list[a].anon
                }) {
                    Some((k, a, me)) if (2..=5).contains(&words) && marks_around(&pairs, k).is_none() => {
                        (Some(a), Some((k, me)), None)
                    }
                    _ => continue,
                },
            },
        };
        // (Words taken from a sentence with no reporting verb are a partial quote.)
        let by_subject = cue.is_none() && tok.is_some_and(|(t, _)| t < p.open) && words <= 5;
        let direct = words >= 4
            && !by_subject
            && !inside.is_some_and(|c| c.3)
            && (colon || cue.is_none_or(|c| c.stop + 1 >= p.open) || after.is_some());
        let kind = if direct { QuoteKind::Direct } else { QuoteKind::Partial };
        if let (Some(r), Some(c)) = (rec.as_deref_mut(), cue)
            && let Some(k) = cue_index(&cues, c.verb)
        {
            r.push((s, e, k));
        }
        // A cue whose subject is a description (وندد المسؤولون في الحزب بـ"…"، وأكد ضابط …):
        // an unnamed source's words.
        let described = if speaker.is_none() { cue.and_then(|c| described_source(doc, c)) } else { None };
        let source = described.map(|(a, b)| doc.slice(a, b));
        // A quoted phrase that nobody can be found to have said is the writer's own (scare quote).
        if kind == QuoteKind::Partial && speaker.is_none() && source.is_none() {
            continue;
        }
        let mut q = Quote {
            text: doc.text.get(text_range(doc, p)).unwrap_or("").to_string(),
            span: text_range(doc, p),
            speaker,
            speaker_span: tok.map(|(a, b)| doc.span(a, b)),
            source: source.map(str::to_string),
            kind,
            cue: cue.map(|c| doc.slice(c.verb, doc.next(c.verb)).to_string()),
            in_title: false,
        };
        if q.text.trim().is_empty() {
            continue;
        }
        q.text = q.text.trim().to_string();
        if let Some(d) = described {
            attribute_described(doc, actors, d, &mut q);
        }
        last_speaker = Some((q.speaker, e));
        out.push((q, s, e));
    }
    // Speech after a colon without quotation marks (وقال زيدان: تدريباتنا سارت جيدا.): a direct
    // quote to the end of its sentence.
    for c in &cues {
        if c.strength == Strength::Weak || !doc.is_punct(c.stop, &[':']) {
            continue;
        }
        let s = c.stop + 1;
        if c.speaker.is_none() || !doc.is_word(s) || quoted(c.verb) {
            continue;
        }
        let mut e = s;
        while e < doc.toks.len()
            && e < s + 200
            && !doc.ends_sentence(e)
            && !doc.is_punct(e, &['"', '«', '“', '»', '”'])
        {
            e += 1;
        }
        let words = (s..e).filter(|&j| doc.is_word(j)).count();
        if words < 4 || !doc.ends_sentence(e) || out.iter().any(|(_, os, oe)| *os < e && s < *oe) {
            continue;
        }
        let mut q = make(doc, s, e, c, QuoteKind::Direct);
        // Keep the sentence's own final mark out, as for quotations.
        q.text = q.text.trim().to_string();
        out.push((q, s, e));
    }
    // A header with no verb (ترامب: الاتفاق النووي سيء.. وماكرون: جزء من استراتيجية): the words
    // after the colon to the end of the sentence are the named one's.
    for c in 0..doc.toks.len() {
        if !doc.is_punct(c, &[':']) || !doc.is_word(c + 1) {
            continue;
        }
        let Some((a, t)) = header_speaker(doc, actors, c) else { continue };
        let s = c + 1;
        let mut e = s;
        while e < doc.toks.len()
            && e < s + 120
            && !doc.ends_sentence(e)
            && !doc.is_punct(e, &['"', '«', '“', '»', '”'])
        {
            e += 1;
        }
        let words = (s..e).filter(|&j| doc.is_word(j)).count();
        // (Not when a verb with its own subject follows: واشنطن: قال الرئيس …)
        let verb_led = (s..(s + 3).min(e)).any(|j| doc.verb(j).is_some());
        if words < 3 || verb_led || !doc.ends_sentence(e) || out.iter().any(|(_, os, oe)| *os < e && s < *oe)
        {
            continue;
        }
        let span = doc.span(s, e);
        let txt = doc.text.get(span.clone()).unwrap_or("");
        let trimmed = txt.trim_end_matches(|ch: char| ch.is_whitespace() || ".،,؛;:".contains(ch));
        out.push((
            Quote {
                text: trimmed.trim().to_string(),
                span: span.start..span.start + trimmed.len(),
                speaker: Some(a),
                speaker_span: Some(doc.span(t.0, t.1)),
                source: None,
                kind: QuoteKind::Direct,
                cue: None,
                in_title: false,
            },
            s,
            e,
        ));
    }
    // A quotation nested in a direct quote is part of it, not a quote of its own.
    // Directs do not overlap one another: the one starting last before a partial is the only
    // one that can hold it.
    let mut directs: Vec<(usize, usize)> =
        out.iter().filter(|(q, _, _)| q.kind == QuoteKind::Direct).map(|(_, s, e)| (*s, *e)).collect();
    directs.sort_unstable();
    out.retain(|(q, s, e)| {
        let k = directs.partition_point(|&(ds, _)| ds < *s);
        q.kind != QuoteKind::Partial || k.checked_sub(1).is_none_or(|k| *e >= directs[k].1)
    });
    out.sort_by_key(|(q, _, _)| (q.span.start, std::cmp::Reverse(q.span.end)));
    (out.into_iter().map(|(q, _, _)| q).collect(), cues)
}

/// Attributes `q` to the description `d` (tokens) of its source: to the actor it names or stands
/// for ([`described_actor`]), else to the description as written (an unnamed source).
fn attribute_described(doc: &Doc, actors: &Actors, d: (usize, usize), q: &mut Quote) {
    match described_actor(doc, actors, d.0, d.1) {
        Some((a, mention)) => said_by(doc, q, a, mention),
        None => {
            let desc = doc.slice(d.0, d.1);
            match actors.person_described(desc, q.span.start) {
                Some(p) => q.speaker = Some(p),
                None => q.source = Some(desc.to_string()),
            }
        }
    }
}

/// Gives `q` to actor `a`, named at the tokens `mention`: a named speaker, no unnamed source.
pub(super) fn said_by(doc: &Doc, q: &mut Quote, a: usize, mention: (usize, usize)) {
    q.speaker = Some(a);
    q.speaker_span = Some(doc.span(mention.0, mention.1));
    q.source = None;
}

/// The actor a source's description `s..e` names or stands for: a name inside it (معد الدراسة
/// فلان، موقع إثنولوغ، شركة النفط الفرنسية توتال), or, for a statement with the article (التقرير،
/// البيان), the one who issued it where the article first mentions it ([`issuer`]).
pub(super) fn described_actor(
    doc: &Doc,
    actors: &Actors,
    s: usize,
    e: usize,
) -> Option<(usize, (usize, usize))> {
    let named = |a: usize| {
        let f = &actors.list[a];
        !f.anon
            && !f.generic
            && matches!(f.actor.kind, super::ActorKind::Person | super::ActorKind::Organization)
    };
    if let Some(found) =
        (s..e).find_map(|j| actors.at.get(&j).filter(|&&(a, _)| named(a)).map(|&(a, me)| (a, (j, me))))
    {
        return Some(found);
    }
    let head = doc.key(s).trim_start_matches(['و', 'ف']);
    let bare = head.strip_prefix("ال")?;
    if !is_statement(bare) {
        return None;
    }
    issuer(doc, actors, bare, s, named)
}

/// Who issued the statement `noun` (بيان، تقرير …) that a definite mention at `at` refers back to:
/// at an earlier mention of the noun (بيانا، تقريرها، ببيان), the actor right after it (تقرير
/// منظمة العفو، بيان لوزارة الخارجية) or, else, the first actor of its sentence before it (أصدرت
/// الوزارة بيانا، قالت المنظمة في تقريرها). The nearest earlier mention that tells decides.
fn issuer(
    doc: &Doc,
    actors: &Actors,
    noun: &str,
    at: usize,
    named: impl Fn(usize) -> bool + Copy,
) -> Option<(usize, (usize, usize))> {
    // The noun's ending after its proclitics: None when the word is not the noun.
    fn ending<'k>(k: &'k str, noun: &str) -> Option<&'k str> {
        let k = k.trim_start_matches(['و', 'ف']);
        let k =
            k.strip_prefix("ب").or_else(|| k.strip_prefix("ل")).filter(|r| r.len() > noun.len()).unwrap_or(k);
        let k = k.strip_prefix("ال").or_else(|| k.strip_prefix("ل")).unwrap_or(k);
        let rest = k.strip_prefix(noun)?;
        matches!(rest, "" | "ا" | "ه" | "ها" | "هم" | "هما").then_some(rest)
    }
    (at.saturating_sub(400)..at)
        .rev()
        .filter_map(|k| doc.is_word(k).then(|| ending(doc.key(k), noun)).flatten().map(|r| (k, r)))
        .take(3)
        .find_map(|(k, rest)| {
            // (Not an actor joined by و: للدراسة والأستاذ بمعهد …)
            let genitive = |a: usize| {
                !doc.key(k + 1).starts_with('و') || normalize_key(&actors.list[a].actor.name).starts_with('و')
            };
            if let Some(&(a, me)) = actors.at.get(&(k + 1)).filter(|&&(a, _)| named(a) && genitive(a)) {
                return Some((a, (k + 1, me)));
            }
            // (Only a statement the subject made: its own (تقريرها) or one it issued (بيانا);
            // not one it is merely linked to, المعد للدراسة.)
            (!rest.is_empty())
                .then(|| first_subject(doc, actors, k, named))
                .flatten()
                .map(|(j, a, me)| (a, (j, me)))
        })
}

/// The subject of cue `c` as written when it is a description the rules know no actor for (الأطباء،
/// تقارير بريطانية، أحد قادة غرفة العمليات): the words after the verb up to a comma, the
/// complementizer or a prepositional phrase (في حينه، لصحفيين). A bare indefinite head keeps one
/// prepositional phrase (مسؤول في البنتاغون).
fn described_source(doc: &Doc, c: &Cue) -> Option<(usize, usize)> {
    let s = doc.next(c.verb);
    // (A statement noun is a subject too: خلصت دراسة حديثة إلى أن، وأشار التقرير إلى أن.)
    let statement = doc.is_word(s) && is_statement(doc.key(s).trim_start_matches("ال"));
    if !c.unknown_subject && !statement {
        return described_before(doc, c.verb);
    }
    let mut e = s;
    while e < c.stop && e < s + 6 && doc.is_word(e) {
        let k = doc.key(e);
        let pp = is_prep(k) || (e > s && doc.hit(e).is_some_and(|h| h.prep));
        if pp
            && !(e == s + 1
                && !doc.key(s).starts_with("ال")
                && is_prep(k)
                && doc.key(e + 1).starts_with("ال"))
        {
            break;
        }
        if pp {
            e += 2;
            break;
        }
        e += 1;
    }
    (e > s && (statement || !doc.is_stop(s))).then(|| (s, e.min(c.stop)))
}

/// A description standing as the subject before the verb at `v`, from the start of its sentence
/// (لكن مسؤولا في الوزارة قال، لكن الكثير منهم يقولون، وكان مصدر أمني قد قال): at most five words, no
/// verb, not opening with a preposition (وفي المؤتمر قال is pro-drop).
fn described_before(doc: &Doc, v: usize) -> Option<(usize, usize)> {
    let mut e = v;
    while e > 0 && matches!(doc.key(e - 1), "قد" | "فقد" | "لقد") {
        e -= 1;
    }
    let mut s = e;
    while s > 0
        && e - s < 6
        && doc.is_word(s - 1)
        && !matches!(doc.key(s - 1), "لكن" | "ولكن" | "و" | "كان" | "وكان")
    {
        s -= 1;
    }
    let starts =
        s == 0 || doc.ends_sentence(s - 1) || matches!(doc.key(s - 1), "لكن" | "ولكن" | "و" | "كان" | "وكان");
    let first = doc.key(s);
    let ok = starts
        && s < e
        && e - s <= 5
        && (s..e).all(|j| doc.is_word(j) && doc.verb(j).is_none() && !is_complementizer(doc.key(j)))
        && !is_prep(first.trim_start_matches(['و', 'ف']))
        // (لكنهم قالوا: a pronoun, not a description.)
        && !first.trim_start_matches('و').starts_with("لكن")
        && !doc.is_stop(s)
        && !(doc.hit(s).is_some_and(|h| h.prep));
    ok.then_some((s, e))
}

/// Whether a word looks like a verb in the imperfect, with its future س and conjunction (يصدقه،
/// سترد، وسنعود): a prefix ي ت ن or أ and at least three more letters.
fn imperfect_shape(k: &str) -> bool {
    let k = k.strip_prefix(['و', 'ف']).unwrap_or(k);
    let k = k.strip_prefix('س').filter(|r| r.starts_with(['ي', 'ت', 'ن', 'ا'])).unwrap_or(k);
    k.starts_with(['ي', 'ت', 'ن']) && k.chars().count() >= 4
}

/// Whether the quotation opening at `open` is what something is called: after اسم، بعنوان, or a
/// naming verb or participle in any person (تدعى "…"، الذي يطلق عليه "…"، ما يعرف بـ"…"، المعروفة
/// بـ"…"، الملقب بـ"…"، ما يسمى "…"): a name or a label, not anyone's words.
fn naming_before(doc: &Doc, open: usize) -> bool {
    let Some(j) = open.checked_sub(1) else { return false };
    let k = doc.key(j);
    if matches!(k, "اسم" | "باسم" | "بعنوان" | "عنوان") {
        return true;
    }
    let on = matches!(k, "عليه" | "عليها" | "عليهم" | "عليهما");
    let with_b = k == "ب";
    let v = if (on || with_b) && j > 0 { doc.key(j - 1) } else { k };
    let v = v.trim_start_matches(['و', 'ف']);
    // The stem after a present prefix, the participle's م (ال)م, or nothing (the past).
    let stem = v
        .strip_prefix("ال")
        .and_then(|r| r.strip_prefix('م'))
        .or_else(|| v.strip_prefix('م'))
        .or_else(|| v.strip_prefix(['ي', 'ت', 'ن']))
        .unwrap_or(v);
    let naming = stem.starts_with("سمي")
        || stem.starts_with("سما")
        || stem.starts_with("دعي")
        || stem.starts_with("دعو");
    let called_on = on && (stem.starts_with("طلق") || v.starts_with("اطلق"));
    let known_by = with_b && (stem.starts_with("عروف") || stem.starts_with("عرف") || stem.starts_with("لقب"));
    naming || called_on || known_by
}

/// Byte range of a pair's text in the original.
fn text_range(doc: &Doc, p: &Pair) -> std::ops::Range<usize> {
    let s = p.text_start();
    let start = doc.toks.get(s).map(|t| doc.norm.original_offset(t.start)).unwrap_or(0);
    let end = match doc.toks.get(p.close) {
        Some(t) if p.has_close => doc.norm.original_offset(t.start),
        _ => doc.span(s, p.close).end,
    };
    let r = start..end.max(start);
    let txt = doc.text.get(r.clone()).unwrap_or("");
    r.start..r.start + txt.trim_end().len()
}

fn make(doc: &Doc, s: usize, e: usize, c: &Cue, kind: QuoteKind) -> Quote {
    let mut span = doc.span(s, e);
    // End before the sentence-final punctuation.
    let txt = doc.text.get(span.clone()).unwrap_or("");
    let trimmed = txt.trim_end_matches(|ch: char| ch.is_whitespace() || ".،,؛;:".contains(ch));
    span.end = span.start + trimmed.len();
    Quote {
        text: trimmed.to_string(),
        span,
        speaker: c.speaker,
        speaker_span: c.speaker_tok.map(|(a, b)| doc.span(a, b)),
        source: None,
        kind,
        cue: Some(doc.slice(c.verb, doc.next(c.verb)).to_string()),
        in_title: false,
    }
}

/// The actor after a source phrase (بحسب، وفقا لـ، نقلا عن، على لسان) in the quote's sentence.
fn source_actor(doc: &Doc, actors: &Actors, open: usize, close: usize) -> Option<(usize, (usize, usize))> {
    let lo = open.saturating_sub(WINDOW);
    let mut from = open;
    while from > lo && !doc.ends_sentence(from - 1) {
        from -= 1;
    }
    let hi = doc.toks.len().min(close + 15);
    let mut j = from;
    while j < hi && (j <= close || !doc.ends_sentence(j)) {
        if doc.has(j, |t| matches!(t, Tag::Source)) {
            let k = doc.next(j);
            for m in k..(k + 3).min(hi) {
                if let Some(&(a, e)) = actors.at.get(&m) {
                    return Some((a, (m, e)));
                }
            }
        }
        j += 1;
    }
    None
}
