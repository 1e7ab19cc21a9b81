//! The CSV layer: a data folder in, a data folder out.
//!
//! It owns the schema (`schema`: one row struct per file, the only place a
//! column is named), the bytes between file and parser (`guard`: byte
//! order mark, line counting, size limits), one cell at a time (`cell`:
//! the formula guard and per-cell parsing), rows into records (`records`),
//! reading a file (`read`; a large one on every core, `split`), where files come from and which articles may be
//! read (`folder`), the checks across files (`cross`), loading a whole
//! folder into a [`Dataset`](crate::Dataset) (`load`) and writing one back
//! (`write`). It knows records and the dataset; it knows nothing of the
//! ledger, postures or validation.

pub(crate) mod cell;
pub(crate) mod confine;
mod cross;
pub(crate) mod error;
mod folder;
mod guard;
mod load;
mod problem;
pub(crate) mod read;
mod records;
pub(crate) mod schema;
mod split;
pub(crate) mod write;

pub use cell::{neutralize, restore};
pub use error::{FieldError, ProblemKind};
pub use folder::{LoadOptions, MAX_ARTICLES_BYTES, MAX_ARTICLE_BYTES};
pub use guard::{MAX_LINE_BYTES, MAX_RECORD_BYTES};
pub use problem::{LoadError, Position, Problem};
pub use read::{MAX_FIELD_BYTES, MAX_ROWS};
pub use schema::schema;
pub use write::{write_ledger, write_table, ExportError, ExportOptions};
