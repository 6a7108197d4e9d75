//! The inline note editor. The note is kept in logical order (as typed and as stored); it is shown
//! laid out like any paragraph, so typed Arabic reads right to left, and the arrow keys move the
//! cursor visually: Left goes to the cell on the left, whichever direction the text around it runs.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{self, LayoutOptions, Order, Row};

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// An article (by id).
    Article(String),
    /// A quote of an article (article id, quote key).
    Quote(String, String),
}

/// What a key did to the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Still editing.
    Editing,
    /// Enter: keep the text.
    Save,
    /// Esc: drop the changes.
    Cancel,
}

/// An open note editor.
#[derive(Debug, Clone)]
pub struct Editor {
    /// What the note belongs to.
    pub target: NoteTarget,
    /// Shown in the editor's title (the article's title or the quote's speaker).
    pub label: String,
    /// The note, logical order.
    pub text: String,
    /// Byte offset of the cursor in `text` (on a grapheme boundary).
    pub cursor: usize,
}

/// A cursor slot on screen: row, column (cell) and the logical offset it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Row index.
    pub row: usize,
    /// Cell column within the row's text (may be -1 for the end of an RTL row: left of its text).
    pub x: isize,
    /// Logical byte offset.
    pub offset: usize,
}

impl Editor {
    /// Opens the editor on an existing note (cursor at its end).
    pub fn new(target: NoteTarget, label: String, note: Option<&str>) -> Editor {
        let text = note.unwrap_or_default().to_string();
        Editor { target, label, cursor: text.len(), text }
    }

    /// The note laid out at `width`, paragraph by paragraph (a line break starts a new one), in
    /// visual order so the cursor can move visually. Cells are offsets into the whole note.
    pub fn rows(&self, width: usize, base: &LayoutOptions) -> Vec<Row> {
        self.lines(width, base).into_iter().map(|l| l.row).collect()
    }

    /// [`Editor::rows`] with where each paragraph ends.
    pub fn lines(&self, width: usize, base: &LayoutOptions) -> Vec<Line> {
        let opts = LayoutOptions { width: width.saturating_sub(1).max(1), order: Order::Visual, ..*base };
        let mut out = Vec::new();
        let mut start = 0;
        for para in self.text.split('\n') {
            let mut rows = text::layout(para, &[], &opts);
            if rows.is_empty() {
                rows.push(Row::default());
            }
            let n = rows.len();
            for (i, mut row) in rows.into_iter().enumerate() {
                for c in &mut row.cells {
                    *c = c.start + start..c.end + start;
                }
                out.push(Line { row, end: (i + 1 == n).then_some(start + para.len()) });
            }
            start += para.len() + 1;
        }
        out
    }

    /// Every cursor slot, row by row, left to right, including each paragraph's end slot.
    pub fn slots(&self, lines: &[Line]) -> Vec<Slot> {
        let mut slots = Vec::new();
        for (r, line) in lines.iter().enumerate() {
            let row = &line.row;
            let mut last = None;
            for (x, cell) in row.cells.iter().enumerate() {
                if last != Some(cell.start) && cell.start < self.text.len() && cell.start != cell.end {
                    slots.push(Slot { row: r, x: (row.offset + x) as isize, offset: cell.start });
                }
                last = Some(cell.start);
            }
            if let Some(end) = line.end {
                let x = if row.rtl { row.offset as isize - 1 } else { (row.offset + row.width) as isize };
                slots.push(Slot { row: r, x, offset: end });
            }
        }
        slots.sort_by_key(|s| (s.row, s.x));
        slots
    }

    /// Where the cursor is drawn, among laid-out lines.
    pub fn cursor_in(&self, lines: &[Line]) -> Slot {
        let slots = self.slots(lines);
        slots
            .iter()
            .copied()
            .find(|s| s.offset == self.cursor)
            .or_else(|| slots.last().copied())
            .unwrap_or(Slot { row: 0, x: 0, offset: 0 })
    }

    /// Inserts pasted (or typed) text at the cursor: line breaks kept (CR LF and CR become LF),
    /// other controls and bidi controls dropped.
    pub fn insert(&mut self, s: &str) {
        let clean: String = s
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if c == '\r' { '\n' } else { c })
            .filter(|&c| c == '\n' || !(c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')))
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Handles a key; `width` is the editor's text width (for visual movement).
    ///
    /// Enter or Ctrl-S saves; Alt-Enter or Ctrl-J breaks the line; Esc or Ctrl-C cancels. Left and
    /// Right move visually (Ctrl: by word, in the direction the cells go on screen); Ctrl-B and
    /// Ctrl-F, Alt-B and Alt-F move logically (a letter, a word) back and forward; Home and End go
    /// to the line's start and end (with Ctrl: the note's).
    pub fn key(&mut self, k: KeyEvent, width: usize, base: &LayoutOptions) -> Outcome {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let alt = k.modifiers.contains(KeyModifiers::ALT);
        match k.code {
            KeyCode::Enter if alt => self.insert("\n"),
            KeyCode::Char('j') if ctrl => self.insert("\n"),
            KeyCode::Enter => return Outcome::Save,
            KeyCode::Char('s') if ctrl => return Outcome::Save,
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Char('c') if ctrl => return Outcome::Cancel,
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char('b') if ctrl => self.cursor = self.prev_grapheme(),
            KeyCode::Char('f') if ctrl => self.cursor = self.next_grapheme(),
            KeyCode::Char('b') if alt => self.cursor = self.word_back(),
            KeyCode::Char('f') if alt => self.cursor = self.word_forward(),
            KeyCode::Char('a') if ctrl => self.cursor = self.line_start(),
            KeyCode::Char('e') if ctrl => self.cursor = self.line_end(),
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            KeyCode::Backspace => {
                let i = if ctrl || alt { self.word_back() } else { self.prev_grapheme() };
                self.text.replace_range(i..self.cursor, "");
                self.cursor = i;
            }
            KeyCode::Delete => {
                let end = self.next_grapheme();
                self.text.replace_range(self.cursor..end, "");
            }
            KeyCode::Home if ctrl => self.cursor = 0,
            KeyCode::End if ctrl => self.cursor = self.text.len(),
            KeyCode::Home => self.cursor = self.line_start(),
            KeyCode::End => self.cursor = self.line_end(),
            KeyCode::Left | KeyCode::Right if ctrl || alt => self.word_visual(k.code, width, base),
            KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down => {
                self.move_visual(k.code, width, base)
            }
            _ => {}
        }
        Outcome::Editing
    }

    fn prev_grapheme(&self) -> usize {
        self.text[..self.cursor].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
    }

    fn next_grapheme(&self) -> usize {
        self.text[self.cursor..].graphemes(true).next().map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..].find('\n').map_or(self.text.len(), |i| self.cursor + i)
    }

    /// The start of the word before the cursor (logical order).
    pub fn word_back(&self) -> usize {
        self.text[..self.cursor].unicode_word_indices().next_back().map_or(0, |(i, _)| i)
    }

    /// The end of the word at or after the cursor (logical order).
    pub fn word_forward(&self) -> usize {
        self.text[self.cursor..]
            .unicode_word_indices()
            .next()
            .map_or(self.text.len(), |(i, w)| self.cursor + i + w.len())
    }

    /// Ctrl-Left / Ctrl-Right: a word in the direction the key points on screen: in a
    /// right-to-left line, Left reads on (forward), in a left-to-right one it goes back.
    fn word_visual(&mut self, code: KeyCode, width: usize, base: &LayoutOptions) {
        let lines = self.lines(width, base);
        let here = self.cursor_in(&lines);
        let rtl = lines.get(here.row).is_some_and(|l| l.row.rtl);
        let forward = (code == KeyCode::Left) == rtl;
        self.cursor = if forward { self.word_forward() } else { self.word_back() };
    }

    fn move_visual(&mut self, code: KeyCode, width: usize, base: &LayoutOptions) {
        let lines = self.lines(width, base);
        let slots = self.slots(&lines);
        let Some(i) = slots.iter().position(|s| s.offset == self.cursor) else { return };
        let here = slots[i];
        let rtl = lines[here.row].row.rtl;
        let target = match code {
            KeyCode::Left if i > 0 && slots[i - 1].row == here.row => Some(slots[i - 1]),
            KeyCode::Right if i + 1 < slots.len() && slots[i + 1].row == here.row => Some(slots[i + 1]),
            // Past a row's edge the text goes on in the next row (or came from the previous one):
            // for RTL text, leaving on the left means reading on.
            KeyCode::Left => row_edge(&slots, here.row, rtl, true),
            KeyCode::Right => row_edge(&slots, here.row, rtl, false),
            KeyCode::Up | KeyCode::Down => {
                let r = if code == KeyCode::Up { here.row.checked_sub(1) } else { Some(here.row + 1) };
                r.and_then(|r| {
                    slots.iter().filter(|s| s.row == r).min_by_key(|s| (s.x - here.x).abs()).copied()
                })
            }
            _ => None,
        };
        if let Some(t) = target {
            self.cursor = t.offset;
        }
    }
}

/// A row of the note as laid out, and the offset its paragraph ends at when it is the
/// paragraph's last row (the slot after the last letter).
#[derive(Debug, Clone)]
pub struct Line {
    /// The row.
    pub row: Row,
    /// The paragraph's end offset, on its last row.
    pub end: Option<usize>,
}

fn row_edge(slots: &[Slot], row: usize, rtl: bool, left: bool) -> Option<Slot> {
    let forward = rtl == left;
    let next_row = if forward { row.checked_add(1) } else { row.checked_sub(1) }?;
    let in_row = slots.iter().filter(|s| s.row == next_row);
    // Entering the next row of RTL text from its right end, the previous one from its left end.
    if left { in_row.max_by_key(|s| s.x).copied() } else { in_row.min_by_key(|s| s.x).copied() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(s: &str) -> Editor {
        Editor::new(NoteTarget::Article("x".into()), String::new(), Some(s))
    }

    fn press(e: &mut Editor, code: KeyCode) {
        let opts = LayoutOptions { shape: false, ..LayoutOptions::default() };
        e.key(KeyEvent::new(code, KeyModifiers::NONE), 40, &opts);
    }

    #[test]
    fn typing_keeps_logical_order() {
        let mut e = ed("");
        for c in "سلام".chars() {
            press(&mut e, KeyCode::Char(c));
        }
        assert_eq!(e.text, "سلام");
        press(&mut e, KeyCode::Backspace);
        assert_eq!(e.text, "سلا");
    }

    #[test]
    fn in_arabic_left_moves_forward_and_right_moves_back() {
        let mut e = ed("سلام عليكم");
        e.cursor = 0;
        press(&mut e, KeyCode::Left);
        assert_eq!(e.cursor, "س".len(), "Left reads on in RTL text");
        press(&mut e, KeyCode::Right);
        assert_eq!(e.cursor, 0);
        press(&mut e, KeyCode::End);
        press(&mut e, KeyCode::Right);
        assert_eq!(e.cursor, e.text.len() - "م".len(), "from the end, Right steps back onto the last letter");
    }

    #[test]
    fn in_latin_left_moves_back() {
        let mut e = ed("hello");
        press(&mut e, KeyCode::Left);
        assert_eq!(e.cursor, 4);
        press(&mut e, KeyCode::Home);
        press(&mut e, KeyCode::Right);
        assert_eq!(e.cursor, 1);
    }

    #[test]
    fn digits_inside_arabic_move_visually() {
        // "في 2024 قال": the digits run left to right inside the RTL line.
        let mut e = ed("في 2024 قال");
        e.cursor = "في ".len(); // on the '2'
        press(&mut e, KeyCode::Right);
        assert_eq!(e.cursor, "في 2".len(), "Right goes to the cell right of '2', which is '0'");
    }

    #[test]
    fn insert_in_the_middle_and_delete() {
        let mut e = ed("ab");
        e.cursor = 1;
        press(&mut e, KeyCode::Char('x'));
        assert_eq!(e.text, "axb");
        press(&mut e, KeyCode::Delete);
        assert_eq!(e.text, "ax");
    }

    fn press_mod(e: &mut Editor, code: KeyCode, m: KeyModifiers) -> Outcome {
        let opts = LayoutOptions { shape: false, ..LayoutOptions::default() };
        e.key(KeyEvent::new(code, m), 40, &opts)
    }

    #[test]
    fn alt_enter_breaks_the_line_and_home_end_stay_on_it() {
        let mut e = ed("سطر أول");
        assert_eq!(press_mod(&mut e, KeyCode::Enter, KeyModifiers::ALT), Outcome::Editing);
        for c in "ثانٍ".chars() {
            press(&mut e, KeyCode::Char(c));
        }
        assert_eq!(e.text, "سطر أول\nثانٍ");
        press(&mut e, KeyCode::Home);
        assert_eq!(e.cursor, "سطر أول\n".len(), "Home: the start of this line");
        press(&mut e, KeyCode::Up);
        assert!(e.cursor <= "سطر أول".len(), "Up goes to the first line");
        press(&mut e, KeyCode::End);
        assert_eq!(e.cursor, "سطر أول".len(), "End: the end of that line, before the break");
        press_mod(&mut e, KeyCode::End, KeyModifiers::CONTROL);
        assert_eq!(e.cursor, e.text.len());
        let opts = LayoutOptions { shape: false, ..LayoutOptions::default() };
        assert_eq!(e.rows(40, &opts).len(), 2, "two paragraphs, two rows");
    }

    #[test]
    fn word_jumps_logical_and_visual() {
        let mut e = ed("قال الوزير أمس");
        press_mod(&mut e, KeyCode::Char('b'), KeyModifiers::ALT);
        assert_eq!(e.cursor, "قال الوزير ".len(), "Alt-B: back to the word's start");
        press_mod(&mut e, KeyCode::Char('b'), KeyModifiers::ALT);
        assert_eq!(e.cursor, "قال ".len());
        // Right-to-left text: Ctrl-Left reads on (forward), Ctrl-Right goes back.
        press_mod(&mut e, KeyCode::Left, KeyModifiers::CONTROL);
        assert_eq!(e.cursor, "قال الوزير".len());
        press_mod(&mut e, KeyCode::Right, KeyModifiers::CONTROL);
        assert_eq!(e.cursor, "قال ".len());
        let mut l = ed("hello big world");
        press_mod(&mut l, KeyCode::Left, KeyModifiers::CONTROL);
        assert_eq!(l.cursor, "hello big ".len(), "Latin: Ctrl-Left goes back");
    }

    #[test]
    fn ctrl_c_cancels_and_ctrl_s_saves_and_paste_keeps_lines() {
        let mut e = ed("");
        assert_eq!(press_mod(&mut e, KeyCode::Char('c'), KeyModifiers::CONTROL), Outcome::Cancel);
        assert_eq!(press_mod(&mut e, KeyCode::Char('s'), KeyModifiers::CONTROL), Outcome::Save);
        e.insert("a\r\nb\u{202E}c\u{7}");
        assert_eq!(e.text, "a\nbc");
        assert_eq!(e.cursor, e.text.len());
    }
}
