//! Golden layout tests: a paragraph in, screen rows out (padding included), at several widths.
//!
//! Visual rows were checked against GNU FriBidi's visual order of each logical row, except where a
//! row starts with a number that follows Arabic letters on the row before: sahifa resolves levels
//! over the whole paragraph (UAX #9: resolve, then break lines), so "12.5%" after "بنسبة" is an
//! Arabic number (W2) and shows as "%12.5" wherever the line breaks; FriBidi, fed the row alone,
//! would see a European number there.

use sahifa::text::{BaseDirection, LayoutOptions, Order, Row, StyleSpan, layout};

fn opts(width: usize, shape: bool) -> LayoutOptions {
    LayoutOptions { width, direction: BaseDirection::Auto, order: Order::Visual, shape }
}

/// Each row as the screen shows it: `offset` spaces, then the text.
fn screen(par: &str, width: usize, shape: bool) -> Vec<String> {
    layout(par, &[], &opts(width, shape))
        .iter()
        .map(|r| format!("{}{}", " ".repeat(r.offset), r.text))
        .collect()
}

const NEWS: &str = "ارتفعت الأسعار بنسبة 12.5% في عام 2023 وفق تقرير IMF الصادر في 15/03/2024.";

#[test]
fn arabic_with_digits_percent_date_and_acronym() {
    assert_eq!(
        screen(NEWS, 80, false),
        ["      .15/03/2024 يف رداصلا IMF ريرقت قفو 2023 ماع يف %12.5 ةبسنب راعسألا تعفترا"]
    );
    assert_eq!(
        screen(NEWS, 30, false),
        [" يف %12.5 ةبسنب راعسألا تعفترا", " رداصلا IMF ريرقت قفو 2023 ماع", "                .15/03/2024 يف"]
    );
    assert_eq!(
        screen(NEWS, 20, false),
        ["ةبسنب راعسألا تعفترا", "   2023 ماع يف %12.5", "رداصلا IMF ريرقت قفو", "      .15/03/2024 يف"]
    );
}

#[test]
fn brackets_mirror_and_quotes_keep_their_glyph() {
    let par = "قال الوزير (في مؤتمر صحفي) إن «الاتفاق نهائي» وإن “المفاوضات انتهت”.";
    assert_eq!(
        screen(par, 80, false),
        ["            .”تهتنا تاضوافملا“ نإو «يئاهن قافتالا» نإ (يفحص رمتؤم يف) ريزولا لاق"]
    );
    assert_eq!(
        screen(par, 25, false),
        ["     رمتؤم يف) ريزولا لاق", " «يئاهن قافتالا» نإ (يفحص", "   .”تهتنا تاضوافملا“ نإو"]
    );
}

#[test]
fn harakat_and_shadda_stay_on_their_letter() {
    let par = "إنَّ العِلْمَ نُورٌ والجَهْلَ ظَلامٌ";
    assert_eq!(screen(par, 12, false), ["رٌونُ مَلْعِلا نَّإ", " مٌالظَ لَهْجَلاو"]);
    // Shaped: the marks follow the presentation form of their letter.
    let rows = layout(par, &[], &opts(12, true));
    assert_eq!(
        rows[0].text,
        "\u{FEAD}\u{64C}\u{FEEE}\u{FEE7}\u{64F} \u{FEE2}\u{64E}\u{FEE0}\u{652}\u{FECC}\u{650}\u{FEDF}\u{FE8D} \u{FEE5}\u{64E}\u{651}\u{FE87}"
    );
    assert_eq!(rows[0].width, 12);
}

#[test]
fn lam_alef_is_one_cell_and_rows_right_align() {
    let par = "السلام عليكم، لا بأس.";
    assert_eq!(screen(par, 80, false), [format!("{}.سأب ال ،مكيلع مالسلا", " ".repeat(59))]);
    let rows = layout(par, &[], &opts(80, true));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].text,
        ".\u{FEB1}\u{FE84}\u{FE91} \u{FEFB} \u{60C}\u{FEE2}\u{FEDC}\u{FEF4}\u{FEE0}\u{FECB} \u{FEE1}\u{FEFC}\u{FEB4}\u{FEDF}\u{FE8D}"
    );
    assert_eq!(rows[0].width, 19);
    assert_eq!(rows[0].offset, 61);
    assert_eq!(rows[0].cells.len(), 19);
    // The ligature's cell covers both logical letters.
    let lig = rows[0].text.chars().position(|c| c == '\u{FEFB}').unwrap_or(usize::MAX);
    assert_eq!(&par[rows[0].cells[lig].clone()], "لا");
}

#[test]
fn lam_alef_split_by_a_narrow_row_is_not_ligated() {
    let rows = layout("لا", &[], &opts(1, true));
    assert_eq!(rows.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), ["\u{FEDF}", "\u{FE8E}"]);
}

#[test]
fn latin_paragraph() {
    let par = "The quick brown fox (a test) jumps over the lazy dog.";
    assert_eq!(screen(par, 80, true), [par]);
    assert_eq!(screen(par, 12, true), ["The quick", "brown fox (a", "test) jumps", "over the", "lazy dog."]);
    assert!(layout(par, &[], &opts(12, true)).iter().all(|r| !r.rtl && r.offset == 0));
}

#[test]
fn empty_paragraph_is_one_empty_row() {
    let rows = layout("", &[], &opts(40, true));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0], Row::default());
}

#[test]
fn word_longer_than_the_row_is_split() {
    assert_eq!(screen("استراتيجيات كثيرة", 5, false), ["ارتسا", "ايجيت", "    ت", "ةريثك"]);
}

#[test]
fn width_one() {
    assert_eq!(screen("ab ج", 1, false), ["a", "b", "ج"]);
    assert_eq!(screen("مَا", 1, true).len(), 2);
}

#[test]
fn logical_order_keeps_breaks_unshaped_unpadded() {
    let o = LayoutOptions { order: Order::Logical, ..opts(30, true) };
    let rows: Vec<String> = layout(NEWS, &[], &o).into_iter().map(|r| r.text).collect();
    assert_eq!(rows, ["ارتفعت الأسعار بنسبة 12.5% في", "عام 2023 وفق تقرير IMF الصادر", "في 15/03/2024."]);
}

#[test]
fn forced_direction() {
    let o = LayoutOptions { direction: BaseDirection::Ltr, ..opts(20, false) };
    let rows = layout("مرحبا world", &[], &o);
    assert_eq!(rows[0].text, "ابحرم world");
    assert_eq!(rows[0].offset, 0);
}

#[test]
fn cells_point_at_logical_bytes() {
    let par = "في (2024) قال";
    let rows = layout(par, &[], &opts(80, false));
    let row = &rows[0];
    assert_eq!(row.text, "لاق (2024) يف");
    let shown: Vec<&str> = row.cells.iter().map(|r| &par[r.clone()]).collect();
    assert_eq!(shown, ["ل", "ا", "ق", " ", ")", "2", "0", "2", "4", "(", " ", "ي", "ف"]);
}

#[test]
fn runs_follow_spans() {
    let par = "قال محمد إن الخطة جاهزة";
    let name = par.find("محمد").unwrap_or(0);
    let spans = [
        StyleSpan { range: name..name + "محمد".len(), style: 7 },
        StyleSpan { range: 0..name + "محمد".len(), style: 9 },
    ];
    let rows = layout(par, &spans, &opts(80, false));
    let row = &rows[0];
    assert_eq!(row.text, "ةزهاج ةطخلا نإ دمحم لاق");
    // Visual order: "دمحم" (both spans) is left of " لاق" (span 9 only), whose space is covered too.
    let runs: Vec<(&str, Vec<u32>)> =
        row.runs.iter().map(|r| (&row.text[r.bytes.clone()], r.styles.clone())).collect();
    assert_eq!(runs, [("دمحم", vec![7, 9]), (" لاق", vec![9])]);
    assert_eq!(row.runs[0].cells, 15..19);
}

#[test]
fn controls_never_reach_the_row() {
    let par = "a\u{1b}[2Jb \u{202E}قال\u{202C} c\u{9b}d";
    let rows = layout(par, &[], &opts(80, true));
    let t = &rows[0].text;
    assert!(!t.chars().any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)), "{t:?}");
    // Cells still point into the caller's bytes.
    let last = rows[0].cells.last().cloned().unwrap_or(0..0);
    assert_eq!(&par[last], "d");
}
