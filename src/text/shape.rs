//! Arabic shaping for terminals: letters to their presentation forms (isolated, final, initial,
//! medial) and lam-alef ligatures, from our own table generated from ArabicShaping.txt and
//! UnicodeData.txt (`tables.rs`).
//!
//! Why not a crate: ar-reshaper deletes harakat by default and panics on text that starts with one.
//! Here harakat stay on their letters (joining type T: transparent, never a break in joining), there is
//! no ALLAH ligature, tatweel and ZWJ join (type C), ZWNJ breaks.
//!
//! Shaping works on display units (grapheme clusters), in logical order, and never changes which
//! units exist or their order: it sets [`Unit::shaped`] (the form of the unit's letter) and
//! [`Unit::lig`] (on a lam followed by an alef). The ligature is drawn as ONE cell only when
//! both land on the same row. An alef that carries marks itself (بديلاً، إلاّ) is ligated as GNU FriBidi
//! does: the ligature cell holds the lam-alef form, then the lam's marks, then the alef's
//! (`tests/shaping_fribidi.rs` checks every word of the corpus against FriBidi).

use super::tables::{FORMS, JOINING, JOINING_START};
use super::width::Unit;

/// Joining type (ArabicShaping.txt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joining {
    /// Non-joining.
    U,
    /// Right-joining: joins the letter before it (in logical order) only.
    R,
    /// Left-joining: joins the letter after it only.
    L,
    /// Dual-joining.
    D,
    /// Join-causing (tatweel, ZWJ).
    C,
    /// Transparent (harakat and other marks).
    T,
}

/// Joining type of `c`. Outside U+0600–U+08FF: ZWJ is C, ZWNJ U, zero-width marks and format
/// characters T, everything else U.
#[inline]
pub fn joining(c: char) -> Joining {
    let u = c as u32;
    if u < 0x300 {
        return if u == 0xAD { Joining::T } else { Joining::U };
    }
    let idx = u.wrapping_sub(JOINING_START) as usize;
    if let Some(&j) = JOINING.get(idx) {
        return match j {
            1 => Joining::R,
            2 => Joining::L,
            3 => Joining::D,
            4 => Joining::C,
            5 => Joining::T,
            _ => Joining::U,
        };
    }
    match c {
        '\u{200D}' => Joining::C,
        '\u{200C}' => Joining::U,
        _ if unicode_width::UnicodeWidthChar::width(c) == Some(0) => Joining::T,
        _ => Joining::U,
    }
}

fn joins_before(j: Joining) -> bool {
    matches!(j, Joining::R | Joining::D | Joining::C)
}

fn joins_after(j: Joining) -> bool {
    matches!(j, Joining::L | Joining::D | Joining::C)
}

/// The presentation form of `c` (0 isolated, 1 final, 2 initial, 3 medial), if Unicode has one.
fn form(c: char, which: usize) -> Option<char> {
    let u = c as u32;
    if !(0x0600..0x0700).contains(&u) {
        return None;
    }
    match FORMS[(u - 0x0600) as usize][which] {
        0 => None,
        f => char::from_u32(f as u32),
    }
}

/// Lam-alef ligature for `alef` (isolated or final), if it is one of the four alefs.
fn lam_alef(alef: char, final_form: bool) -> Option<char> {
    let base = match alef {
        '\u{0622}' => 0xFEF5,
        '\u{0623}' => 0xFEF7,
        '\u{0625}' => 0xFEF9,
        '\u{0627}' => 0xFEFB,
        _ => return None,
    };
    char::from_u32(base + final_form as u32)
}

/// How a unit joins: `left` is what the unit before it sees (its first non-transparent character),
/// `right` what the unit after it sees (its last one), `letter` the character that takes a form.
/// A ZWJ inside the unit (GB9 glues it to the letter) joins the letter on that side by itself.
#[derive(Debug, Clone, Copy)]
struct UnitJoining {
    left: Joining,
    right: Joining,
    letter: char,
    letter_j: Joining,
    causing_before: bool,
    causing_after: bool,
}

/// Joining of a unit that is one letter (and transparent marks).
#[inline]
fn single(c: char) -> Option<UnitJoining> {
    let j = joining(c);
    (j != Joining::T).then_some(UnitJoining {
        left: j,
        right: j,
        letter: c,
        letter_j: j,
        causing_before: false,
        causing_after: false,
    })
}

/// `None` when the whole unit is transparent.
fn unit_joining(text: &str, u: &Unit) -> Option<UnitJoining> {
    let s = text.get(u.range())?;
    if s.len() == u.first.len_utf8() {
        return single(u.first);
    }
    let mut out: Option<UnitJoining> = None;
    let mut seen_letter = false;
    for c in s.chars() {
        let j = joining(c);
        if j == Joining::T {
            continue;
        }
        let o = out.get_or_insert(UnitJoining {
            left: j,
            right: j,
            letter: c,
            letter_j: j,
            causing_before: false,
            causing_after: false,
        });
        o.right = j;
        let is_letter = matches!(j, Joining::R | Joining::L | Joining::D);
        if is_letter && !seen_letter {
            seen_letter = true;
            o.letter = c;
            o.letter_j = j;
        } else if j == Joining::C {
            if seen_letter {
                o.causing_after = true;
            } else {
                o.causing_before = true;
            }
        }
    }
    out
}

/// Sets [`Unit::shaped`] and [`Unit::lig`] on the units of `text` (one paragraph, logical order).
///
/// With `simple` (what [`super::width::units_into`] returned) every unit is a letter and its marks,
/// so its joining is read from [`Unit::first`] alone.
pub fn shape_units(text: &str, units: &mut [Unit], simple: bool) {
    // Fast exit for text without Arabic letters (no byte of U+0600–U+08FF: lead bytes D8–E0).
    if !text.bytes().any(|b| (0xD8..=0xDF).contains(&b) || b == 0xE0) {
        return;
    }
    let mut prev_joins = false; // the previous non-transparent unit joins toward this one
    if simple {
        shape_simple(units);
        return;
    }
    let uj = |u: &Unit| unit_joining(text, u);
    let mut cur = units.first().and_then(uj);
    for i in 0..units.len() {
        units[i].shaped = '\0';
        units[i].lig = '\0';
        // Look ahead to the next non-transparent unit; it becomes `cur` for that unit.
        let mut k = i + 1;
        let mut next = None;
        while k < units.len() {
            next = uj(&units[k]);
            if next.is_some() {
                break;
            }
            k += 1;
        }
        let Some(UnitJoining { left: _, right, letter: c, letter_j, causing_before, causing_after }) = cur
        else {
            cur = if k == i + 1 { next } else { None };
            continue;
        };
        let join_prev = joins_before(letter_j) && (prev_joins || causing_before);
        let join_next = joins_after(letter_j)
            && (causing_after || (joins_after(right) && next.is_some_and(|n| joins_before(n.left))));
        let which = match (join_prev, join_next) {
            (false, false) => 0,
            (true, false) => 1,
            (false, true) => 2,
            (true, true) => 3,
        };
        // A letter without the needed form keeps its base character.
        units[i].shaped = form(c, which).unwrap_or('\0');
        if c == '\u{0644}' && k == i + 1 {
            // Marks on the alef (تنوين، شدة) are drawn after the ligature, in its cell.
            if let Some(a) = units.get(k) {
                units[i].lig = lam_alef(a.first, join_prev).unwrap_or('\0');
            }
        }
        prev_joins = joins_after(right);
        cur = if k == i + 1 { next } else { None };
    }
}

/// Joins toward the previous letter (bit 0) / the next one (bit 1), by joining type.
#[inline]
fn join_bits(c: char) -> u8 {
    match joining(c) {
        Joining::R => 1,
        Joining::L => 2,
        Joining::D | Joining::C => 3,
        Joining::U | Joining::T => 0,
    }
}

/// [`shape_units`] when every unit is one letter and its marks: no transparent units to skip, so
/// the neighbours of unit `i` are `i - 1` and `i + 1`.
fn shape_simple(units: &mut [Unit]) {
    let n = units.len();
    let mut prev_after = false;
    let mut cur = units.first().map_or(0, |u| join_bits(u.first));
    for i in 0..n {
        let next = units.get(i + 1).map_or(0, |u| join_bits(u.first));
        let u = &mut units[i];
        u.shaped = '\0';
        u.lig = '\0';
        if cur != 0 {
            let join_prev = prev_after && cur & 1 != 0;
            let join_next = cur & 2 != 0 && next & 1 != 0;
            let which = join_prev as usize | (join_next as usize) << 1;
            // which: 0 isolated, 1 final, 2 initial, 3 medial
            u.shaped = form(u.first, which).unwrap_or('\0');
            if let (true, Some(a)) = (units[i].first == '\u{0644}', units.get(i + 1)) {
                units[i].lig = lam_alef(a.first, join_prev).unwrap_or('\0');
            }
        }
        prev_after = cur & 2 != 0;
        cur = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::units_into;

    fn shaped(s: &str) -> String {
        let mut units = Vec::new();
        let simple = units_into(s, &mut units);
        shape_units(s, &mut units, simple);
        let mut out = String::new();
        for u in &units {
            let t = &s[u.range()];
            let mut cs = t.chars();
            let first = cs.next().unwrap_or(' ');
            out.push(if u.shaped != '\0' { u.shaped } else { first });
            out.extend(cs);
        }
        out
    }

    /// `shape_simple` relies on this: fast-path base characters are never transparent.
    #[test]
    fn fast_path_bases_are_not_transparent() {
        for u in 0..0x3000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if crate::text::width::simple_width(c) == Some(1) {
                assert_ne!(joining(c), Joining::T, "U+{u:04X}");
            }
        }
    }

    #[test]
    fn joining_types() {
        assert_eq!(joining('ب'), Joining::D);
        assert_eq!(joining('ا'), Joining::R);
        assert_eq!(joining('\u{64E}'), Joining::T);
        assert_eq!(joining('\u{640}'), Joining::C);
        assert_eq!(joining('\u{200D}'), Joining::C);
        assert_eq!(joining('\u{200C}'), Joining::U);
        assert_eq!(joining('a'), Joining::U);
    }

    #[test]
    fn forms_follow_neighbours() {
        // بيت: initial beh, medial yeh, final teh
        assert_eq!(shaped("بيت"), "\u{FE91}\u{FEF4}\u{FE96}");
        // دار: dal isolated, alef final? dal is R so alef is isolated, reh isolated
        assert_eq!(shaped("دار"), "\u{FEA9}\u{FE8D}\u{FEAD}");
        assert_eq!(shaped("ب"), "\u{FE8F}");
    }

    #[test]
    fn harakat_are_transparent_and_kept() {
        // بَيْت: the fatha and sukun stay, joining goes through them
        assert_eq!(shaped("بَيْت"), "\u{FE91}\u{64E}\u{FEF4}\u{652}\u{FE96}");
    }

    #[test]
    fn tatweel_and_zw_joiners() {
        assert_eq!(shaped("بـ"), "\u{FE91}\u{640}");
        assert_eq!(shaped("ب\u{200D}"), "\u{FE91}\u{200D}");
        assert_eq!(shaped("ب\u{200C}ت"), "\u{FE8F}\u{200C}\u{FE95}");
    }

    #[test]
    fn lam_alef_candidates() {
        let s = "سلام";
        let mut units = Vec::new();
        let simple = units_into(s, &mut units);
        shape_units(s, &mut units, simple);
        assert_eq!(units[1].lig, '\u{FEFC}');
        assert_eq!(units[1].shaped, '\u{FEE0}');
        let s = "لا";
        let simple = units_into(s, &mut units);
        shape_units(s, &mut units, simple);
        assert_eq!(units[0].lig, '\u{FEFB}');
        // alef with tanween: ligated, as FriBidi does
        let s = "لاً";
        let simple = units_into(s, &mut units);
        shape_units(s, &mut units, simple);
        assert_eq!(units[0].lig, '\u{FEFB}');
    }

    #[test]
    fn no_allah_ligature() {
        assert_eq!(shaped("الله").chars().count(), 4);
    }
}
