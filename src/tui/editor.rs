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

    /// The note laid out at `width` (visual order, so the cursor can move visually).
    pub fn rows(&self, width: usize, base: &LayoutOptions) -> Vec<Row> {
        let opts = LayoutOptions { width: width.saturating_sub(1).max(1), order: Order::Visual, ..*base };
        let mut rows = text::layout(&self.text, &[], &opts);
        if rows.is_empty() {
            rows.push(Row::default());
        }
        rows
    }

    /// Every cursor slot, row by row, left to right, including the end-of-text slot.
    pub fn slots(&self, rows: &[Row]) -> Vec<Slot> {
        let mut slots = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut last = None;
            for (x, cell) in row.cells.iter().enumerate() {
                if last != Some(cell.start) && cell.start < self.text.len() {
                    slots.push(Slot { row: r, x: (row.offset + x) as isize, offset: cell.start });
                }
                last = Some(cell.start);
            }
        }
        let last_row = rows.len().saturating_sub(1);
        let row = &rows[last_row];
        let x = if row.rtl { row.offset as isize - 1 } else { (row.offset + row.width) as isize };
        slots.push(Slot { row: last_row, x, offset: self.text.len() });
        slots.sort_by_key(|s| (s.row, s.x));
        slots
    }

    /// Where the cursor is drawn.
    pub fn cursor_slot(&self, rows: &[Row]) -> Slot {
        let slots = self.slots(rows);
        slots.iter().copied().find(|s| s.offset == self.cursor).unwrap_or(slots[slots.len() - 1])
    }

    /// Handles a key; `width` is the editor's text width (for visual movement).
    pub fn key(&mut self, k: KeyEvent, width: usize, base: &LayoutOptions) -> Outcome {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Enter => return Outcome::Save,
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            KeyCode::Backspace => {
                if let Some((i, _)) = self.text[..self.cursor].grapheme_indices(true).next_back() {
                    self.text.replace_range(i..self.cursor, "");
                    self.cursor = i;
                }
            }
            KeyCode::Delete => {
                if let Some(g) = self.text[self.cursor..].graphemes(true).next() {
                    let end = self.cursor + g.len();
                    self.text.replace_range(self.cursor..end, "");
                }
            }
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.len(),
            KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down => {
                self.move_visual(k.code, width, base)
            }
            _ => {}
        }
        Outcome::Editing
    }

    fn move_visual(&mut self, code: KeyCode, width: usize, base: &LayoutOptions) {
        let rows = self.rows(width, base);
        let slots = self.slots(&rows);
        let Some(i) = slots.iter().position(|s| s.offset == self.cursor) else { return };
        let here = slots[i];
        let rtl = rows[here.row].rtl;
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
}
