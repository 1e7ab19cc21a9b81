//! Charts of strength over time (the `chart` feature): [`chart`] computes
//! a subject's series from the ledger, [`render_svg`] draws them as SVG
//! with the uncertainty as a band, open bounds reaching the top, planned
//! figures dashed and the records of each point in its `<title>`.
//!
//! The series are plain data ([`Chart`] serializes), so a caller can
//! draw them with any tool; plotters is used only with its SVG backend,
//! so no system library is needed.

mod apart;
mod marks;
mod series;
mod svg;

pub use series::{chart, Chart, Point, Series};
pub use svg::{render_svg, ChartError, DEFAULT_SIZE};
