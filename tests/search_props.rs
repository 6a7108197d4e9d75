//! Properties of the matcher on arbitrary text: spans are valid, sorted and disjoint; the index
//! and the one-text matcher agree; nothing panics.

use proptest::prelude::*;
use sahifa::article::{Article, Format};
use sahifa::search::{Index, Query, snippet};

/// Text made of Arabic words with clitics, harakat, tatweel, digits, punctuation and controls.
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "أذربيجان",
        "وأذربيجان",
        "الأذربيجانية",
        "لبنان",
        "بقاء",
        "لقاء",
        "قَالَ",
        "جـــديد",
        "٢٠٢٣",
        "،",
        " ",
        "\n\n",
        "\u{00A0}",
        "\u{202E}",
        "\u{1b}[2J",
        "\u{FEFB}",
        "ال",
        "و",
        "ـ",
        "\u{064E}",
        "abc",
        "\"",
        "«",
        "=",
    ]);
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

fn query() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "أذربيجان",
        "اذربيجان",
        "الأذربيجانية",
        "=وأذربيجان",
        "لبنان",
        "قال",
        "\"",
        " ",
        "أذرب",
        "2023",
        "ال",
        "=",
    ]);
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_are_valid_sorted_and_disjoint(t in text(), q in query()) {
        for query in [Query::parse(&q), Query::parse_typing(&q)] {
            let hits = query.find(&t);
            for h in &hits {
                prop_assert!(h.start < h.end && h.end <= t.len());
                prop_assert!(t.is_char_boundary(h.start) && t.is_char_boundary(h.end));
                let _ = snippet(&t, h.clone(), 80);
            }
            prop_assert!(hits.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }

    #[test]
    fn index_agrees_with_matches_article(titles in prop::collection::vec(text(), 1..6), bodies in prop::collection::vec(text(), 1..6), q in query()) {
        let articles: Vec<Article> = titles
            .iter()
            .zip(&bodies)
            .enumerate()
            .map(|(i, (t, b))| Article::new("p.txt", i, Format::Text, "UTF-8", t.clone(), vec![b.clone()]))
            .collect();
        let index = Index::build(&articles);
        for query in [Query::parse(&q), Query::parse_typing(&q)] {
            let got: Vec<usize> = index.search(&query).into_iter().map(|(a, _)| a).collect();
            let want: Vec<usize> = (0..articles.len()).filter(|&i| query.matches_article(&articles[i])).collect();
            prop_assert_eq!(got, want, "{:?}", query);
        }
    }
}
