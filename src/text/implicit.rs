//! A fast UAX #9 resolver for the paragraphs sahifa actually lays out.
//!
//! Sanitising removes every explicit embedding, override and isolate control and every paragraph
//! and segment separator, so an article paragraph is a single isolating run sequence at the
//! paragraph level, with sos = eos = the paragraph direction. For such text the rules reduce to
//! W1–W7, N0 (bracket pairs), N1–N2 and I1–I2 on one array of classes, done here in a few linear
//! passes over reused buffers. unicode-bidi's general implementation allocates several per-byte
//! vectors per paragraph and dominated the profile; it remains the path for anything else
//! (explicit controls, BN characters), see [`super::bidi::resolve`]. The BidiCharacterTest cases
//! without explicit controls run through this file.

use unicode_bidi::BidiClass::{self, *};
use unicode_bidi::BidiDataSource;

use super::bidi::{Table, bidi_class};

/// Buffers for [`resolve_simple`], reused between paragraphs.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The items (characters, or the first character of each cluster).
    pub chars: Vec<char>,
    /// Byte offset of each character (of [`resolve_simple`]'s last paragraph).
    pub offsets: Vec<u32>,
    /// Original bidi class of each item.
    pub orig: Vec<BidiClass>,
    cls: Vec<BidiClass>,
    /// Resolved level of each character of the last paragraph.
    pub levels: Vec<u8>,
    stack: Vec<(char, usize)>,
    pairs: Vec<(usize, usize)>,
}

/// Direction of a resolved class for N0/N1 (EN and AN count as R); `None` for neutrals.
#[inline]
fn strong(c: BidiClass) -> Option<BidiClass> {
    match c {
        L => Some(L),
        R | AL | EN | AN => Some(R),
        _ => None,
    }
}

/// Resolves the levels of `text` into `s.levels` (one per character; byte offsets in `s.offsets`,
/// classes in `s.orig`) and returns the paragraph level: `para`, or with `None` the direction of
/// the first strong character (P2–P3). Returns `None` (leaving the buffers in any state) when the
/// text holds a class this resolver does not handle: explicit embeddings, overrides, isolates,
/// separators, BN.
pub fn resolve_simple(text: &str, para: Option<u8>, s: &mut Scratch) -> Option<u8> {
    s.chars.clear();
    s.orig.clear();
    s.offsets.clear();
    for (i, c) in text.char_indices() {
        s.chars.push(c);
        s.orig.push(bidi_class(c));
        s.offsets.push(i as u32);
    }
    resolve_items(para, s)
}

/// The resolver proper, over items already in `s.chars` / `s.orig` (characters, or grapheme
/// clusters made of one base character and nonspacing marks, which resolve like their base: W1
/// gives the marks their base's class). Fills `s.levels`.
pub fn resolve_items(para: Option<u8>, s: &mut Scratch) -> Option<u8> {
    let mut any_rtl = false;
    let mut first_strong = None;
    let mut mask = 0u32; // which classes occur, to skip rules that cannot apply
    for &k in &s.orig {
        mask |= 1 << (k as u32);
        match k {
            RLE | LRE | RLO | LRO | PDF | RLI | LRI | FSI | PDI | B | S | BN => return None,
            R | AL => {
                any_rtl = true;
                first_strong.get_or_insert(1);
            }
            AN => any_rtl = true,
            L => {
                first_strong.get_or_insert(0);
            }
            _ => {}
        }
    }
    let para = para.unwrap_or(first_strong.unwrap_or(0));
    any_rtl |= para % 2 == 1;
    let n = s.chars.len();
    s.levels.clear();
    if !any_rtl {
        // LTR paragraph without R, AL or AN: every character resolves to L at level 0 (W7, N1).
        s.levels.resize(n, para);
        return Some(para);
    }
    let has = |c: BidiClass| mask & (1 << (c as u32)) != 0;
    if para % 2 == 1 && !has(L) && !has(EN) && !has(AN) {
        // RTL paragraph with nothing left-to-right and no numbers: every neutral sits between R
        // (or sos/eos, also R), so everything resolves to the paragraph level.
        s.levels.resize(n, para);
        return Some(para);
    }
    let e_dir = if para % 2 == 1 { R } else { L };
    let sos = e_dir;
    s.cls.clear();
    s.cls.extend_from_slice(&s.orig);
    let cls = &mut s.cls;
    // W1–W3.
    let mut last_strong = sos;
    // W1 copies the previous character's class as W1 left it, before W2 and W3 change it (an NSM
    // after AL is AL for W2, not the R that W3 makes of the AL).
    let mut prev = sos;
    for c in cls.iter_mut() {
        if *c == NSM {
            *c = prev;
        }
        prev = *c;
        match *c {
            L | R => last_strong = *c,
            AL => {
                last_strong = AL;
                *c = R;
            }
            EN if last_strong == AL => *c = AN,
            _ => {}
        }
    }
    let numbers = has(EN) || has(AN);
    // W4: a single separator between two numbers of the same kind.
    let w4 = numbers && (has(ES) || has(CS));
    for i in (1..n.saturating_sub(1)).filter(|_| w4) {
        let (p, q) = (cls[i - 1], cls[i + 1]);
        match cls[i] {
            ES if p == EN && q == EN => cls[i] = EN,
            CS if p == q && (p == EN || p == AN) => cls[i] = p,
            _ => {}
        }
    }
    // W5: terminators next to a European number; W6: other separators and terminators to ON.
    let mut i = if has(ES) || has(CS) || has(ET) { 0 } else { n };
    while i < n {
        if cls[i] == ET {
            let a = i;
            while i < n && cls[i] == ET {
                i += 1;
            }
            let to = if (a > 0 && cls[a - 1] == EN) || (i < n && cls[i] == EN) { EN } else { ON };
            cls[a..i].fill(to);
        } else {
            if matches!(cls[i], ES | CS) {
                cls[i] = ON;
            }
            i += 1;
        }
    }
    // W7 (EN may also come from ET by W5).
    let mut last_strong = sos;
    let w7 = has(EN) && (has(L) || sos == L);
    for c in cls.iter_mut().filter(|_| w7) {
        match *c {
            L | R => last_strong = *c,
            EN if last_strong == L => *c = L,
            _ => {}
        }
    }
    if has(ON) {
        bracket_pairs(s, e_dir);
    }
    let cls = &mut s.cls;
    // N1–N2.
    let mut i = 0;
    while i < n {
        if strong(cls[i]).is_some() {
            i += 1;
            continue;
        }
        let a = i;
        while i < n && strong(cls[i]).is_none() {
            i += 1;
        }
        let before = if a == 0 { sos } else { strong(cls[a - 1]).unwrap_or(e_dir) };
        let after = if i == n { sos } else { strong(cls[i]).unwrap_or(e_dir) };
        cls[a..i].fill(if before == after { before } else { e_dir });
    }
    // I1–I2.
    s.levels.extend(cls.iter().map(|&c| match (para % 2, c) {
        (0, R) => para + 1,
        (0, AN | EN) => para + 2,
        (1, L | EN | AN) => para + 1,
        _ => para,
    }));
    Some(para)
}

/// N0: bracket pairs (BD16) take the direction of what they enclose, or of their context.
fn bracket_pairs(s: &mut Scratch, e_dir: BidiClass) {
    let n = s.chars.len();
    s.stack.clear();
    s.pairs.clear();
    for i in 0..n {
        if s.cls[i] != ON {
            continue;
        }
        let Some(b) = Table.bidi_matched_opening_bracket(s.chars[i]) else { continue };
        if b.is_open {
            if s.stack.len() == 63 {
                break;
            }
            s.stack.push((b.opening, i));
        } else if let Some(k) = s.stack.iter().rposition(|&(o, _)| o == b.opening) {
            s.pairs.push((s.stack[k].1, i));
            s.stack.truncate(k);
        }
    }
    if s.pairs.is_empty() {
        return;
    }
    s.pairs.sort_unstable();
    let sos = e_dir;
    for pi in 0..s.pairs.len() {
        let (o, c) = s.pairs[pi];
        let mut found_e = false;
        let mut found_opp = false;
        for &k in &s.cls[o + 1..c] {
            match strong(k) {
                Some(d) if d == e_dir => {
                    found_e = true;
                    break;
                }
                Some(_) => found_opp = true,
                None => {}
            }
        }
        let to = if found_e {
            e_dir
        } else if found_opp {
            let ctx = s.cls[..o].iter().rev().find_map(|&k| strong(k)).unwrap_or(sos);
            if ctx != e_dir { ctx } else { e_dir }
        } else {
            continue;
        };
        for b in [o, c] {
            s.cls[b] = to;
            // Marks after a bracket follow it (W1 had made them ON like the bracket).
            let mut k = b + 1;
            while k < n && s.orig[k] == NSM {
                s.cls[k] = to;
                k += 1;
            }
        }
    }
}
