//! Source articles and citations into them.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::date::Date;
use crate::id::SourceId;

/// What kind of evidence a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceKind {
    /// An article: a quote is any passage of its text.
    Article,
    /// A table: a quote is one whole line of it, cited by line number
    /// ([`Citation::line`]), so checking it costs one lookup.
    Table,
}

/// A source: an article or a table, the evidence that records cite.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    id: SourceId,
    kind: SourceKind,
    file: Option<String>,
    title: String,
    outlet: String,
    published: Date,
    date_basis: String,
    #[serde(skip)]
    // Shared: a dataset is cloned for each explanation of an error, and
    // a table's text runs to megabytes.
    text: Option<Arc<str>>,
    /// For a table: the byte offset where each line starts.
    #[serde(skip)]
    lines: Arc<[usize]>,
    /// For an imported table: every day it has rows for, sorted (its
    /// editions), rows without a figure among them.
    #[serde(skip)]
    editions: Arc<[crate::date::Day]>,
}

impl Source {
    /// Whether `other` is the same source: id, title, outlet, date (by
    /// notation), basis and article text; not the article's path, which
    /// an export rewrites.
    pub fn same_record(&self, other: &Source) -> bool {
        self.id == other.id
            && self.kind == other.kind
            && self.title == other.title
            && self.outlet == other.outlet
            && self.published.same_notation(&other.published)
            && self.date_basis == other.date_basis
            && self.text == other.text
    }

    /// A source record. `file` is the article's path relative to the data
    /// folder; `date_basis` says how the publication date was established.
    pub fn new(
        id: SourceId,
        file: Option<String>,
        title: impl Into<String>,
        outlet: impl Into<String>,
        published: Date,
        date_basis: impl Into<String>,
    ) -> Source {
        Source {
            id,
            kind: SourceKind::Article,
            file,
            title: title.into(),
            outlet: outlet.into(),
            published,
            date_basis: date_basis.into(),
            text: None,
            lines: Arc::from([]),
            editions: Arc::from([]),
        }
    }

    /// A table source whose rows records cite by line: `file` is the path
    /// it was read from, `text` its contents (indexed by line here, once).
    pub fn table(
        id: SourceId,
        file: String,
        title: impl Into<String>,
        outlet: impl Into<String>,
        published: Date,
        text: String,
    ) -> Source {
        // Line ends as the loader's guard counts them: LF, CRLF, or a
        // lone CR, so that a citation's line is the row's on any file.
        let bytes = text.as_bytes();
        let mut lines = vec![0];
        lines.extend(bytes.iter().enumerate().filter_map(|(i, &b)| {
            let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            ends.then_some(i + 1)
        }));
        let lines: Arc<[usize]> = lines.into();
        Source {
            kind: SourceKind::Table,
            text: Some(text.into()),
            lines,
            ..Source::new(
                id,
                Some(file),
                title,
                outlet,
                published,
                "the table's own date",
            )
        }
    }

    /// The same source with its publication date and how it was
    /// established (a table's latest row, known only once read).
    pub(crate) fn published_on(mut self, published: Date, basis: &str) -> Source {
        self.published = published;
        self.date_basis = basis.to_owned();
        self
    }

    /// The same source with the days it has rows for: its editions,
    /// whether or not a row of the day gives a figure (a month whose only
    /// rows are police or totals is still an edition, and what it does
    /// not list has ended).
    pub(crate) fn with_editions(mut self, mut days: Vec<crate::date::Day>) -> Source {
        days.sort_unstable();
        days.dedup();
        self.editions = days.into();
        self
    }

    /// For an imported table, every day it has rows for, sorted; empty
    /// for an article, or a table whose editions are its records' days.
    pub fn editions(&self) -> &[crate::date::Day] {
        &self.editions
    }

    /// Whether the source is an article or a table.
    pub fn kind(&self) -> SourceKind {
        self.kind
    }

    /// Line `n` of a table (counting from 1, the header), without its line
    /// break; `None` for an article or past the end.
    ///
    /// ```
    /// use troop_tracker::{Date, Source};
    /// let t = Source::table("t".parse()?, "t.csv".into(), "T", "us", "2026-06".parse::<Date>()?, "a,b\r\n1,2\n".into());
    /// assert_eq!((t.line(1), t.line(2), t.line(3)), (Some("a,b"), Some("1,2"), None));
    /// let old_mac = Source::table("t".parse()?, "t.csv".into(), "T", "us", "2026-06".parse::<Date>()?, "a,b\r1,2\r".into());
    /// assert_eq!((old_mac.line(1), old_mac.line(2), old_mac.line(3)), (Some("a,b"), Some("1,2"), None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(&self, n: usize) -> Option<&str> {
        let text = self.text.as_deref()?;
        let start = *self.lines.get(n.checked_sub(1)?)?;
        let end = self.lines.get(n).map_or(text.len(), |&e| e - 1);
        let line = text.get(start..end)?;
        (start < text.len()).then(|| line.strip_suffix('\r').unwrap_or(line))
    }

    /// Whether `citation` quotes this source: a passage of an article's
    /// text (when loaded), or exactly the line of a table it names —
    /// one lookup, however long the table.
    pub fn is_quoted_by(&self, citation: &Citation) -> bool {
        match (self.kind, citation.line()) {
            (SourceKind::Table, Some(n)) => self.line(n) == Some(citation.quote()),
            (SourceKind::Table, None) => false,
            (SourceKind::Article, _) => self
                .text
                .as_deref()
                .is_none_or(|t| t.contains(citation.quote())),
        }
    }

    /// The source's id.
    pub fn id(&self) -> &SourceId {
        &self.id
    }

    /// The article's path relative to the data folder, if it is on file.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The article's headline.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Who published it.
    pub fn outlet(&self) -> &str {
        &self.outlet
    }

    /// When it was published.
    pub fn published(&self) -> Date {
        self.published
    }

    /// How the publication date was established (stated, or inferred and
    /// how).
    pub fn date_basis(&self) -> &str {
        &self.date_basis
    }

    /// The article's full text, when it was loaded with the dataset.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The article's text, shared with every other source naming it.
    pub(crate) fn share_text(&mut self, text: Arc<str>) {
        self.text = Some(text);
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: \"{}\", {}, {}",
            self.id, self.title, self.outlet, self.published
        )
    }
}

/// Where a record's figure comes from: a source and a verbatim quote from
/// it, plus the words inside the quote that state the figure and the
/// curator's note on how it was read.
///
/// The loader checks that the quote is an exact substring of the source
/// text and that the figure words are an exact substring of the quote.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Citation {
    source: SourceId,
    quote: Arc<str>,
    words: Option<Arc<str>>,
    note: Option<Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

impl Citation {
    /// A citation. `words`, when given, are the words of the quote that
    /// state the record's figure ("about 500", "a couple of hundred").
    pub fn new(
        source: SourceId,
        quote: impl Into<Arc<str>>,
        words: Option<impl Into<Arc<str>>>,
    ) -> Citation {
        Citation {
            source,
            quote: quote.into(),
            words: words.map(Into::into),
            note: None,
            line: None,
        }
    }

    /// Names the line of a table source the quote is (counting from 1,
    /// the header).
    pub fn at_line(mut self, line: usize) -> Citation {
        self.line = Some(line);
        self
    }

    /// The line of a table source the quote is, for a table row.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// Adds the curator's note on how the quote was read (how a weekday
    /// was resolved, why a figure has the kind it has).
    pub fn with_note(mut self, note: Option<impl Into<Arc<str>>>) -> Citation {
        self.note = note.map(Into::into);
        self
    }

    /// The curator's note, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The cited source.
    pub fn source(&self) -> &SourceId {
        &self.source
    }

    /// The verbatim quote.
    pub fn quote(&self) -> &str {
        &self.quote
    }

    /// The words of the quote that state the figure, if any.
    pub fn words(&self) -> Option<&str> {
        self.words.as_deref()
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "{} line {n}: \"{}\"", self.source, self.quote),
            None => write!(f, "{}: \"{}\"", self.source, self.quote),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Source {
        let published = "2026-06".parse().expect("a date");
        Source::table(
            "t".parse().expect("id"),
            "t.csv".into(),
            "T",
            "us",
            published,
            text.into(),
        )
    }

    fn cite(quote: &str, line: Option<usize>) -> Citation {
        let c = Citation::new("t".parse().expect("id"), quote, None::<&str>);
        match line {
            Some(n) => c.at_line(n),
            None => c,
        }
    }

    #[test]
    fn lines_are_found_by_number_and_end_at_the_text() {
        let t = table("h\na,b\r\n1,2\n");
        assert_eq!(
            (t.line(0), t.line(1), t.line(2), t.line(3)),
            (None, Some("h"), Some("a,b"), Some("1,2"))
        );
        // The text ends with a line break: there is no fourth line.
        assert_eq!(t.line(4), None);
        let unterminated = table("h\nx");
        assert_eq!(unterminated.line(2), Some("x"));
        assert_eq!(unterminated.line(3), None);
    }

    #[test]
    fn a_table_row_is_quoted_only_by_its_own_line() {
        let t = table("h\na,b\n1,2\n");
        assert!(t.is_quoted_by(&cite("1,2", Some(3))));
        assert!(!t.is_quoted_by(&cite("1,2", Some(2))), "another line");
        assert!(!t.is_quoted_by(&cite("1,", Some(3))), "part of the line");
        assert!(!t.is_quoted_by(&cite("1,2", None)), "no line named");
        let mut article = Source::new(
            "a".parse().expect("id"),
            None,
            "A",
            "o",
            "2020".parse().expect("date"),
            "b",
        );
        assert!(
            article.is_quoted_by(&cite("anything", None)),
            "text not loaded: checked by the loader"
        );
        article.share_text("some of its 500 troops".into());
        assert!(article.is_quoted_by(&cite("its 500", None)));
        assert!(!article.is_quoted_by(&cite("its 600", None)));
    }

    #[test]
    fn a_citation_names_its_line() {
        assert_eq!(cite("1,2", Some(3)).to_string(), "t line 3: \"1,2\"");
        assert_eq!(cite("1,2", None).to_string(), "t: \"1,2\"");
    }
}
