//! The fields of the text formats (`list`, `search`, `actors`, `extract --format text`) as the
//! terminal will show them.
//!
//! Into a pipe or a file the text formats print every field in logical order, as stored: scripts and
//! `grep` need that, and it is what they have always printed. On a terminal, or with `--bidi
//! visual`, every field that holds right-to-left text goes through the layout engine `render` uses
//! ([`Layouter`], visual order, shaped unless `--no-shape`), so that a terminal without bidi (xterm,
//! tmux, most SSH sessions) shows it right to left and joined. Widths are then the engine's (grapheme
//! clusters of the shaped visual text, what the terminal draws), and a field too long for its room is
//! cut or wrapped by the engine's line breaking, never by bytes. Right-to-left fields are
//! right-aligned in their column, so that they start at its right edge.
//!
//! Nothing here writes a control sequence: the engine sanitises every field it lays out, and the
//! logical path prints what the commands sanitised at load.

use std::io::{self, IsTerminal, Write};

use unicode_bidi::BidiClass;
use unicode_width::UnicodeWidthStr;

use crate::cli::{BidiChoice, FieldDisplayArgs};
use crate::term::Mode;
use crate::text::bidi::bidi_class;
use crate::text::{BaseDirection, LayoutOptions, Layouter, Order, str_width};

/// Layout width when lines are not limited (visual output into a pipe without `--width`).
const UNLIMITED: usize = u32::MAX as usize;
/// The fewest cells a last column is given, however narrow the line: fewer would hold one word a row.
pub const MIN_COLUMN: usize = 12;
/// A report field with less room than this after its label goes to lines of its own.
const MIN_ROOM: usize = 24;
/// Indent of a report field on lines of its own.
const OWN_INDENT: usize = 4;

/// A field as printed: its text in the order it is sent, its display width, and its direction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The text, in visual order when laid out (shaped unless `--no-shape`), as stored otherwise.
    pub text: String,
    /// Display width in cells.
    pub width: usize,
    /// Whether it was laid out as a right-to-left paragraph (then it is right-aligned).
    pub rtl: bool,
}

impl Cell {
    /// The cell filling `col` cells: a right-to-left cell padded on the left (it ends at the
    /// column's right edge), any other on the right.
    pub fn padded(&self, col: usize) -> String {
        let pad = " ".repeat(col.saturating_sub(self.width));
        if self.rtl { pad + &self.text } else { self.text.clone() + &pad }
    }

    /// The cell as the last of a line: right-to-left padded on the left to `col` cells, any other
    /// as it is (no trailing spaces).
    pub fn last(&self, col: usize) -> String {
        if self.rtl { self.padded(col) } else { self.text.clone() }
    }
}

/// How fields are printed, resolved once per command from the flags and the terminal.
#[derive(Debug)]
pub struct Fields {
    /// Layout options in visual order; `None` prints fields as stored.
    visual: Option<LayoutOptions>,
    /// Cells a line may take (visual only); `None` is unlimited.
    line: Option<usize>,
    lay: Layouter,
    /// Sent before and after the output (see [`Fields::enter`]).
    switch: (&'static str, &'static str),
}

impl Fields {
    /// From the flags, for stdout: `--bidi auto` is visual exactly when stdout is a terminal.
    pub fn new(args: &FieldDisplayArgs) -> Fields {
        let tty = io::stdout().is_terminal();
        let detected = (tty && args.bidi == BidiChoice::Auto)
            .then(|| crate::term::resolve(None, crate::term::Use::Print).0);
        let mut f = Fields::resolve_in(args, tty, if tty { super::terminal_width() } else { None }, detected);
        if let Some(m) = detected.filter(|_| f.is_visual()) {
            let spec = crate::term::Catalog::builtin().mode(m);
            f.switch = (spec.print_enter.as_str(), spec.print_leave.as_str());
        }
        f
    }

    /// Sent before the output when the terminal's bidi must be switched off for it (VTE's
    /// explicit mode), else empty.
    pub fn enter(&self) -> &'static str {
        self.switch.0
    }

    /// Sent after the output: the terminal's bidi back.
    pub fn leave(&self) -> &'static str {
        self.switch.1
    }

    /// From the flags, given whether stdout is a terminal and its width (`auto` on a terminal is
    /// visual, as for a terminal without bidi).
    pub fn resolve(args: &FieldDisplayArgs, tty: bool, term_width: Option<usize>) -> Fields {
        Fields::resolve_in(args, tty, term_width, None)
    }

    /// [`Fields::resolve`] with the mode detected for the terminal, when it was.
    pub fn resolve_in(
        args: &FieldDisplayArgs,
        tty: bool,
        term_width: Option<usize>,
        detected: Option<Mode>,
    ) -> Fields {
        let order = match args.bidi {
            BidiChoice::Auto if tty => detected.map_or(Order::Visual, Mode::order),
            BidiChoice::Auto | BidiChoice::Logical => Order::Logical,
            BidiChoice::Visual => Order::Visual,
            BidiChoice::Kitty => Order::Runs,
            BidiChoice::Konsole => Order::Isolated,
        };
        let visual = order != Order::Logical;
        let opts =
            LayoutOptions { width: UNLIMITED, direction: BaseDirection::Auto, order, shape: !args.no_shape };
        Fields {
            visual: visual.then_some(opts),
            line: args.width.or(term_width).map(|w| w.max(1)),
            lay: Layouter::new(),
            switch: ("", ""),
        }
    }

    /// Fields as stored, whatever the terminal: what pipes get by default.
    pub fn logical() -> Fields {
        Fields { visual: None, line: None, lay: Layouter::new(), switch: ("", "") }
    }

    /// Whether fields are laid out in visual order.
    pub fn is_visual(&self) -> bool {
        self.visual.is_some()
    }

    /// Cells a line may take in visual output; `None` when unlimited or in logical order.
    pub fn line_width(&self) -> Option<usize> {
        self.visual.and(self.line)
    }

    /// Room for a table's last column after `indent` cells (at least [`MIN_COLUMN`]).
    pub fn room(&self, indent: usize) -> Option<usize> {
        self.line_width().map(|w| w.saturating_sub(indent).max(MIN_COLUMN))
    }

    /// The field on one row. As stored in logical order (measured with unicode-width, as the table
    /// always was); in visual order laid out when it holds right-to-left text.
    pub fn cell(&mut self, s: &str) -> Cell {
        if !self.is_visual() {
            return Cell { text: s.to_string(), width: s.width(), rtl: false };
        }
        if !needs_layout(s) {
            return Cell { text: s.to_string(), width: str_width(s), rtl: false };
        }
        // Fields hold no line breaks (the engine makes any a space), so one unlimited row.
        self.rows(s, UNLIMITED).into_iter().next().unwrap_or_default()
    }

    /// The field on one row of at most `max` cells (visual order only): when it is wider, its first
    /// row at `max - 1` cells and an ellipsis at its logical end (the left of a right-to-left row).
    pub fn fit(&mut self, s: &str, max: Option<usize>) -> Cell {
        let c = self.cell(s);
        match max {
            Some(max) if self.is_visual() && c.width > max => {
                let mut first = self.rows(s, max.saturating_sub(1)).into_iter().next().unwrap_or_default();
                if first.rtl {
                    first.text.insert(0, '…');
                } else {
                    first.text.push('…');
                }
                first.width += 1;
                first
            }
            _ => c,
        }
    }

    /// The field in rows of at most `room` cells (visual order only; one row otherwise).
    pub fn wrap(&mut self, s: &str, room: Option<usize>) -> Vec<Cell> {
        let c = self.cell(s);
        match room {
            Some(room) if self.is_visual() && c.width > room => self.rows(s, room),
            _ => vec![c],
        }
    }

    /// Writes `prefix` and the field `s` after it, ending the line: in visual order wrapped into
    /// what is left of the line, the rows under each other and right-to-left rows ending at one
    /// edge; on lines of their own, indented, when too little is left after the prefix.
    pub fn write_tail(&mut self, out: &mut dyn Write, prefix: &str, s: &str) -> io::Result<()> {
        let c = self.cell(s);
        let indent = str_width(prefix);
        let line = match self.line_width() {
            Some(line) if c.width > line.saturating_sub(indent) => line,
            _ => return writeln!(out, "{prefix}{}", c.text),
        };
        if line.saturating_sub(indent) >= MIN_ROOM {
            let rows = self.wrap(s, Some(line - indent));
            let col = rows.iter().map(|r| r.width).max().unwrap_or(0);
            return write_rows(out, prefix, indent, &rows, col);
        }
        writeln!(out, "{}", prefix.trim_end())?;
        let rows = self.wrap(s, Some(line.saturating_sub(OWN_INDENT).max(MIN_ROOM)));
        let col = rows.iter().map(|r| r.width).max().unwrap_or(0);
        let indent = " ".repeat(OWN_INDENT);
        write_rows(out, &indent, OWN_INDENT, &rows, col)
    }

    /// The engine's rows of `s` at `width` cells.
    fn rows(&mut self, s: &str, width: usize) -> Vec<Cell> {
        let Some(opts) = self.visual else {
            return vec![Cell { text: s.to_string(), width: s.width(), rtl: false }];
        };
        let opts = LayoutOptions { width: width.max(1), ..opts };
        let mut rows = Vec::new();
        self.lay.rows(s, &opts, false, &mut |r| {
            rows.push(Cell { text: r.text.to_string(), width: r.width, rtl: r.rtl })
        });
        rows
    }
}

/// Writes `prefix` and `rows`, the first on the prefix's line, the others under it after `indent`
/// blank cells; right-to-left rows are padded on the left to `col` cells, others get no trailing
/// spaces.
pub fn write_rows(
    out: &mut dyn Write,
    prefix: &str,
    indent: usize,
    rows: &[Cell],
    col: usize,
) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "{prefix}");
    }
    let blank = " ".repeat(indent);
    for (i, r) in rows.iter().enumerate() {
        let lead = if i == 0 { prefix } else { &blank };
        writeln!(out, "{lead}{}", r.last(col))?;
    }
    Ok(())
}

/// Whether `s` holds right-to-left letters or Arabic digits: anything else reads the same in
/// either order and is printed as it is.
fn needs_layout(s: &str) -> bool {
    s.chars().any(|c| c >= '\u{590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::layout;

    fn visual(width: Option<usize>) -> Fields {
        let args = FieldDisplayArgs { bidi: BidiChoice::Visual, width, ..Default::default() };
        Fields::resolve(&args, false, None)
    }

    fn engine(s: &str, width: usize) -> Vec<String> {
        let opts = LayoutOptions { width, ..LayoutOptions::default() };
        layout(s, &[], &opts).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn auto_follows_the_terminal_and_the_flags_force_either_way() {
        let args = |bidi| FieldDisplayArgs { bidi, ..Default::default() };
        assert!(Fields::resolve(&args(BidiChoice::Auto), true, Some(80)).is_visual());
        assert!(!Fields::resolve(&args(BidiChoice::Auto), false, None).is_visual());
        assert!(Fields::resolve(&args(BidiChoice::Visual), false, None).is_visual());
        assert!(!Fields::resolve(&args(BidiChoice::Logical), true, Some(80)).is_visual());
        assert_eq!(Fields::resolve(&args(BidiChoice::Auto), true, Some(80)).line_width(), Some(80));
        assert_eq!(Fields::resolve(&args(BidiChoice::Logical), true, Some(80)).line_width(), None);
    }

    #[test]
    fn logical_fields_are_untouched() {
        let mut f = Fields::logical();
        let s = "أذربيجان تشن هجوماً";
        assert_eq!(f.cell(s), Cell { text: s.into(), width: s.width(), rtl: false });
        assert_eq!(f.fit(s, Some(3)).text, s);
        assert_eq!(f.wrap(s, Some(3)).len(), 1);
    }

    #[test]
    fn arabic_is_laid_out_by_the_engine_and_latin_is_kept() {
        let mut f = visual(None);
        let s = "أذربيجان تشن هجوماً";
        let c = f.cell(s);
        assert_eq!(c.text, engine(s, UNLIMITED)[0]);
        assert!(c.rtl);
        assert_eq!(c.width, str_width(&c.text));
        assert_eq!(c.width, c.text.width());
        assert_eq!(f.cell("seeds/a.txt"), Cell { text: "seeds/a.txt".into(), width: 11, rtl: false });
        // Hand-checked: reversed, shaped, lam-alef joined (السلام: alef, lam, seen, lam-alef, meem).
        assert_eq!(f.cell("السلام").text, "ﻡﻼﺴﻟﺍ");
    }

    #[test]
    fn fit_cuts_at_a_word_and_marks_the_logical_end() {
        let mut f = visual(None);
        let s = "أذربيجان تشن هجوماً على ناغورنو كاراباخ";
        let c = f.fit(s, Some(20));
        assert!(c.width <= 20 && c.rtl);
        assert!(c.text.starts_with('…'), "{}", c.text);
        assert_eq!(&c.text['…'.len_utf8()..], engine(s, 19)[0]);
        assert_eq!(f.fit("short", Some(20)).text, "short");
        let l = f.fit("a long latin title that is cut", Some(12));
        assert!(l.text.ends_with('…') && l.width <= 12, "{l:?}");
    }

    #[test]
    fn tails_wrap_into_the_line_with_rtl_rows_right_aligned() {
        let mut f = visual(Some(40));
        let s = "أذربيجان تشن هجوماً على ناغورنو كاراباخ وتعلن عن إجلاء السكان الأرمن";
        let mut out = Vec::new();
        f.write_tail(&mut out, "  article: x  ", s).unwrap_or_default();
        let text = String::from_utf8(out).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| str_width(l) == str_width(lines[0])), "{text}");
        assert!(lines.iter().all(|l| str_width(l) <= 40));
        assert_eq!(
            lines[0].strip_prefix("  article: x  ").map(str::trim_start),
            Some(engine(s, 26)[0].as_str())
        );
        // Little room after a long label: the field gets lines of its own.
        let mut out = Vec::new();
        f.write_tail(&mut out, "  quote (indirect, seeds/a.txt #0): ", s).unwrap_or_default();
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.starts_with("  quote (indirect, seeds/a.txt #0):\n    "), "{text}");
        assert!(text.lines().all(|l| str_width(l) <= 40));
    }
}
