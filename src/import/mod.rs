//! Other people's tables read into records, each figure citing the table
//! row it came from (file, line and the row's own text).
//!
//! [`troopdata`] reads the US Defense Manpower Data Center's counts of US
//! troops abroad as compiled by the troopdata R package. An import never
//! drops a row silently: a row that cannot become a record is a
//! [`RowProblem`] naming its file and line.

pub mod doubts;
mod problem;
pub mod troopdata;

pub use problem::{ImportError, RowProblem, RowProblemKind};
