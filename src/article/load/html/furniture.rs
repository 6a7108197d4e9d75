//! Which elements are page furniture: skipped with everything inside them, by tag, by ARIA role,
//! by being hidden, or by the words of their class and id (`[html]` in `assets/boilerplate.toml`).

use scraper::node::Element;

use crate::article::rules::rules;

/// Whether an element is furniture. `in_article` is set inside the chosen article root, where
/// `<header>` (and a "header" class) is the article's own header: headline, standfirst, byline.
pub fn skip_element(e: &Element, in_article: bool) -> bool {
    let r = rules();
    let name = e.name();
    if r.html_skip_tags.iter().any(|t| t == name) {
        return !(in_article && name == "header");
    }
    // One pass over the attributes (each `attr` look-up would be a scan of its own).
    for (k, v) in e.attrs() {
        let hidden = match k {
            "hidden" => true,
            "aria-hidden" => v == "true",
            "style" => hidden_by_style(v),
            "role" => r.html_skip_roles.iter().any(|t| t.eq_ignore_ascii_case(v.trim())),
            _ => false,
        };
        if hidden {
            return true;
        }
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    for class in e.classes().chain(e.id()) {
        if in_set(&r.html_skip_class_names, class) {
            return true;
        }
        if is_taxonomy(class) {
            continue;
        }
        let whole = |w: &str| in_set(&r.html_skip_classes, w);
        if whole(class) && !(in_article && class.eq_ignore_ascii_case("header")) {
            return true;
        }
        if any_class_word(class, |w| whole(w) && !(in_article && w.eq_ignore_ascii_case("header"))) {
            return true;
        }
    }
    false
}

/// Whether the lower-cased `word` is in `set` (lower case), without allocating for short words.
fn in_set(set: &crate::article::rules::WordSet, word: &str) -> bool {
    let mut buf = [0u8; 48];
    match buf.get_mut(..word.len()) {
        Some(b) if word.is_ascii() => {
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).is_ok_and(|w| set.contains(w))
        }
        _ => set.contains(&word.to_ascii_lowercase()),
    }
}

/// `style="display: none"` / `visibility: hidden`.
fn hidden_by_style(style: &str) -> bool {
    let squeezed: String =
        style.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect();
    squeezed.contains("display:none") || squeezed.contains("visibility:hidden")
}

/// Classes that name what the article is about, not what the element is: WordPress puts
/// `tag-social-media` or `category-ads` on the element around the post.
fn is_taxonomy(class: &str) -> bool {
    let lower = |p: &str| class.len() > p.len() && class[..p.len()].eq_ignore_ascii_case(p);
    lower("tag-") || lower("category-") || lower("term-")
}

/// Whether `f` holds for a word of a class or id: words are split at `-`, `_` and where a
/// lower-case letter meets an upper-case one (`relatedNews` → `related`, `News`).
pub fn any_class_word(class: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    for part in class.split(['-', '_', ' ']) {
        let b = part.as_bytes();
        let mut start = 0;
        for i in 1..b.len() {
            if b[i - 1].is_ascii_lowercase() && b[i].is_ascii_uppercase() {
                if f(&part[start..i]) {
                    return true;
                }
                start = i;
            }
        }
        if f(&part[start..]) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(html: &str) -> scraper::Html {
        scraper::Html::parse_fragment(html)
    }

    fn skipped(html: &str, in_article: bool) -> bool {
        let doc = first(html);
        let e = doc.root_element().children().find_map(scraper::ElementRef::wrap).unwrap();
        skip_element(e.value(), in_article)
    }

    #[test]
    fn words_of_classes() {
        let words = |c: &str| {
            let mut v = Vec::new();
            any_class_word(c, |w| {
                v.push(w.to_string());
                false
            });
            v
        };
        assert_eq!(words("relatedNews"), ["related", "News"]);
        assert_eq!(words("share-buttons_top"), ["share", "buttons", "top"]);
        assert_eq!(words("HTML5"), ["HTML5"]);
    }

    #[test]
    fn furniture_by_class_role_style_and_tag() {
        assert!(skipped(r#"<div class="commentsSec">x</div>"#, false));
        assert!(skipped(r#"<div class="sidebar">x</div>"#, false));
        assert!(skipped(r#"<div role="navigation">x</div>"#, false));
        assert!(skipped(r#"<span class="visually-hidden">x</span>"#, false));
        assert!(skipped(r#"<div style="display: none">x</div>"#, false));
        assert!(skipped(r#"<amp-ad>x</amp-ad>"#, false));
        assert!(!skipped(r#"<div class="post-4512 post tag-social-media category-ads">x</div>"#, false));
        assert!(!skipped(r#"<div class="hidden-xs article-text">x</div>"#, false));
        assert!(skipped(r#"<header class="article-header">x</header>"#, false));
        assert!(!skipped(r#"<header class="article-header">x</header>"#, true));
    }
}
