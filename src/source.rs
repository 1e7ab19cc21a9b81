//! Source articles and citations into them.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::date::Date;
use crate::id::SourceId;

/// A source article: the evidence that records cite.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    id: SourceId,
    file: Option<String>,
    title: String,
    outlet: String,
    published: Date,
    date_basis: String,
    #[serde(skip)]
    text: Option<String>,
}

impl Source {
    /// Whether `other` is the same source: id, title, outlet, date (by
    /// notation), basis and article text; not the article's path, which
    /// an export rewrites.
    pub fn same_record(&self, other: &Source) -> bool {
        self.id == other.id
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
            file,
            title: title.into(),
            outlet: outlet.into(),
            published,
            date_basis: date_basis.into(),
            text: None,
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

    pub(crate) fn set_text(&mut self, text: String) {
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
        }
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
        write!(f, "{}: \"{}\"", self.source, self.quote)
    }
}
