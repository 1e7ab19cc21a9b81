//! One cell at a time: the formula guard on free text, and parsing a
//! row's cells so that every bad cell is reported, not only the first.

use std::borrow::Cow;
use std::str::FromStr;
use std::sync::Arc;

use crate::csv::{FieldError, Position, Problem, ProblemKind};
use crate::fasthash::FastSet;
use crate::id::{MissionId, SourceId};
use crate::location::Location;
use crate::source::Citation;

const TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Guards a text cell against formula injection: text starting with `=`,
/// `+`, `-`, `@`, tab, CR or LF gets a leading `'`, and so does text that
/// already starts with `'` followed by one of those or by another `'`, so
/// that [`restore`] can always undo it exactly.
///
/// The same guard applies after every `;`: Excel and LibreOffice in
/// locales whose list separator is `;` split a comma-separated line there
/// (quotes do not help, since the quote no longer starts a field), so
/// `x;=1+1` would put the formula `=1+1` in a cell of its own.
///
/// A NUL byte has no place in a spreadsheet cell (several programs cut
/// the text there); it is written as U+FFFD, the replacement character,
/// so that it is visible rather than silently lost. The loader rejects
/// NUL bytes in its input, so a loaded dataset never holds one.
///
/// ```
/// use troop_tracker::export::{neutralize, restore};
/// assert_eq!(neutralize("=1+2"), "'=1+2");
/// assert_eq!(neutralize("'Good luck'"), "'Good luck'");
/// assert_eq!(neutralize("x;=1+1"), "x;'=1+1");
/// assert_eq!(restore(&neutralize("'=x")), "'=x");
/// assert_eq!(restore(&neutralize("a;'-b")), "a;'-b");
/// ```
pub fn neutralize(text: &str) -> Cow<'_, str> {
    let text: Cow<'_, str> = if text.contains('\0') {
        Cow::Owned(text.replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(text)
    };
    if !text.split(';').any(needs_guard) {
        return text;
    }
    Cow::Owned(per_part(&text, |part, out| {
        if needs_guard(part) {
            out.push('\'');
        }
        out.push_str(part);
    }))
}

/// `text` rebuilt part by part (the parts between `;`), each written by
/// `write`: the guard and its undoing work on the same parts.
fn per_part(text: &str, mut write: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for (i, part) in text.split(';').enumerate() {
        if i > 0 {
            out.push(';');
        }
        write(part, &mut out);
    }
    out
}

/// Whether a cell, or a part of one after a `;`, must get a leading `'`.
fn needs_guard(segment: &str) -> bool {
    // Text that already looks guarded is guarded once more, so that
    // `restore` takes off exactly one `'`.
    segment.starts_with(TRIGGERS) || guarded(segment)
}

/// Whether a part of a written cell carries the guard [`neutralize`] added.
fn guarded(segment: &str) -> bool {
    segment
        .strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with(|c: char| c == '\'' || TRIGGERS.contains(&c)))
}

/// Undoes [`neutralize`]: a cell, or a part of one after a `;`, starting
/// with `'` followed by a formula character or another `'` loses the
/// first `'`; anything else is kept.
pub fn restore(cell: &str) -> Cow<'_, str> {
    if !cell.split(';').any(guarded) {
        return Cow::Borrowed(cell);
    }
    Cow::Owned(per_part(cell, |part, out| {
        out.push_str(if guarded(part) { &part[1..] } else { part });
    }))
}

/// Shared copies of strings that repeat across rows (source and mission
/// ids, quotes, notes, area names), so that a large ledger holds each once.
#[derive(Default)]
pub(crate) struct Shared(FastSet<Arc<str>>);

impl Shared {
    pub(crate) fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        a
    }
}

/// The cells of one row being parsed. Each method parses one cell and
/// returns `None` after noting a problem, so a row's parser reads every
/// cell before it gives up and the user sees all of a row's faults at once.
pub(crate) struct Cells<'a> {
    pub(crate) file: &'a str,
    pub(crate) line: u64,
    pub(crate) shared: &'a mut Shared,
    pub(crate) problems: Vec<Problem>,
}

/// Parses the cell of `row.$field` through `$method`, naming the column
/// after the field, so a column's name is never typed twice.
macro_rules! cell {
    ($cells:ident . $method:ident ( $row:ident . $field:ident )) => {
        $cells.$method(stringify!($field), &$row.$field)
    };
}
pub(crate) use cell;

impl Cells<'_> {
    pub(crate) fn position(&self, column: &str) -> Position {
        Position::cell(self.file, self.line, column)
    }

    pub(crate) fn fail(&mut self, column: &str, kind: impl Into<ProblemKind>) {
        let p = Problem::new(self.position(column), kind);
        self.problems.push(p);
    }

    fn parse_with<T, E: Into<FieldError>>(
        &mut self,
        column: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        let text = text.trim();
        if text.is_empty() {
            return Some(None);
        }
        match parse(text) {
            Ok(v) => Some(Some(v)),
            Err(e) => {
                self.fail(column, ProblemKind::Field(e.into()));
                None
            }
        }
    }

    /// An optional cell: `Some(None)` when empty, `None` when it does not
    /// parse.
    pub(crate) fn opt<T: FromStr>(&mut self, column: &str, text: &str) -> Option<Option<T>>
    where
        T::Err: Into<FieldError>,
    {
        self.parse_with(column, text, str::parse)
    }

    /// An optional cell with its own parser.
    pub(crate) fn opt_with<T, E: Into<FieldError>>(
        &mut self,
        column: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Option<Option<T>> {
        self.parse_with(column, text, parse)
    }

    /// A required cell.
    pub(crate) fn req<T: FromStr>(&mut self, column: &str, text: &str) -> Option<T>
    where
        T::Err: Into<FieldError>,
    {
        let v = self.opt(column, text)?;
        self.required(column, v)
    }

    /// `Some(v)` for a value, a problem for an empty cell.
    pub(crate) fn required<T>(&mut self, column: &str, v: Option<T>) -> Option<T> {
        if v.is_none() {
            self.fail(column, ProblemKind::Field(FieldError::Required));
        }
        v
    }

    /// A free-text cell with the formula guard taken off; `None` if empty.
    pub(crate) fn opt_text(&mut self, column: &str, text: &str) -> Option<String> {
        self.check_nul(column, text);
        (!text.trim().is_empty()).then(|| restore(text).into_owned())
    }

    /// Reports a NUL byte in `text`, which the export could not write
    /// back (see [`neutralize`]). The text is still read, so that the
    /// row's other problems are reported and a required cell is not also
    /// called empty.
    fn check_nul(&mut self, column: &str, text: &str) {
        if let Some(at) = text.find('\0') {
            let before = text[..at].chars().count();
            self.fail(column, ProblemKind::Field(FieldError::Nul { before }));
        }
    }

    /// A required free-text cell.
    pub(crate) fn text(&mut self, column: &str, text: &str) -> Option<String> {
        let v = self.opt_text(column, text);
        self.required(column, v)
    }

    /// A free-text cell in shared storage.
    pub(crate) fn shared_text(&mut self, column: &str, text: &str) -> Option<Arc<str>> {
        self.check_nul(column, text);
        (!text.trim().is_empty()).then(|| self.shared.get(&restore(text)))
    }

    pub(crate) fn yes_no(&mut self, column: &str, text: &str) -> Option<Option<bool>> {
        self.parse_with(column, text, |t| match t {
            "yes" => Ok(true),
            "no" => Ok(false),
            _ => Err(FieldError::Bool {
                found: t.to_owned(),
            }),
        })
    }

    pub(crate) fn opt_source(&mut self, column: &str, text: &str) -> Option<Option<SourceId>> {
        if text.trim().is_empty() {
            return Some(None);
        }
        let shared = self.shared.get(text.trim());
        self.parse_with(column, text, |_| SourceId::from_shared(shared))
    }

    pub(crate) fn opt_mission(&mut self, column: &str, text: &str) -> Option<Option<MissionId>> {
        if text.trim().is_empty() {
            return Some(None);
        }
        let shared = self.shared.get(text.trim());
        self.parse_with(column, text, |_| MissionId::from_shared(shared))
    }

    pub(crate) fn mission(&mut self, column: &str, text: &str) -> Option<MissionId> {
        let v = self.opt_mission(column, text)?;
        self.required(column, v)
    }

    pub(crate) fn opt_location(&mut self, column: &str, text: &str) -> Option<Option<Location>> {
        let l: Option<Location> = self.opt(column, text)?;
        let shared = &mut *self.shared;
        Some(l.map(|l| l.share_area(|a| shared.get(a))))
    }

    pub(crate) fn location(&mut self, column: &str, text: &str) -> Option<Location> {
        let v = self.opt_location(column, text)?;
        self.required(column, v)
    }

    /// The citation in a row's `source`, `quote`, `words` and `note` cells
    /// (the last two empty where the table has none).
    pub(crate) fn citation(
        &mut self,
        source: &str,
        quote: &str,
        words: &str,
        note: &str,
    ) -> Option<Citation> {
        let s = self.opt_source("source", source);
        let s = s.and_then(|s| self.required("source", s));
        let q = self.shared_text("quote", quote);
        let q = self.required("quote", q);
        let w = self.shared_text("words", words);
        let n = self.shared_text("note", note);
        Some(Citation::new(s?, q?, w).with_note(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_undoes_neutralize() {
        for t in [
            "=1", "'=1", "''", "'a", "plain", "-5", "@x", "\ttab", "", "a;=1", "a;'=1", ";;-",
            "a;'b",
        ] {
            assert_eq!(restore(&neutralize(t)), t);
        }
        assert_eq!(neutralize("plain"), "plain");
        assert_eq!(neutralize("-5"), "'-5");
        assert!(matches!(neutralize("a;b"), Cow::Borrowed("a;b")));
        assert_eq!(neutralize("a;=1;+2;c"), "a;'=1;'+2;c");
        assert_eq!(neutralize("'a;''"), "'a;'''");
        assert_eq!(neutralize("x\0y"), "x\u{FFFD}y");
        assert_eq!(neutralize("=x\0"), "'=x\u{FFFD}");
        assert!(matches!(restore("a;'b"), Cow::Borrowed("a;'b")));
        assert_eq!(restore("a;'=1;''"), "a;=1;'");
    }
}
