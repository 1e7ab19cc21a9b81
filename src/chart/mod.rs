//! Charts of strength over time (the `chart` feature): [`chart`] and
//! [`chart_with`] (days from and to) compute a subject's series from the
//! ledger — its whole, its largest parts (a nation by location, a host
//! country by nation), planned steps from each day's projected posture,
//! and series that disagree drawn apart; [`render_svg`] draws them as SVG
//! with the line at each figure (or the middle of its range), the
//! uncertainty as a band, open bounds reaching the top, planned steps
//! dashed, flagged points as diamonds, calendar ticks, thousands
//! separators, a caption naming what is counted and the sources, a
//! legend below the plot, and the records of each point in its `<title>`
//! (shown on hover). With the `png` feature, [`render_png`] rasterises
//! the same picture.
//!
//! The series are plain data ([`Chart`] serializes), so a caller can
//! draw them with any tool; plotters is used only with its SVG backend
//! and resvg with an embedded font, so no system library or font is
//! needed.

mod apart;
mod days;
mod figures;
mod legend;
mod marks;
#[cfg(feature = "png")]
mod png;
mod series;
mod svg;
mod ticks;

pub(crate) use marks::escape as escape_markup;
#[cfg(feature = "png")]
pub use png::{render_png, svg_to_png};
pub use series::{chart, chart_with, Chart, ChartOptions, Point, Role, Series, MOST_PARTS};
pub use svg::{render_svg, ChartError, DEFAULT_SIZE};
pub use ticks::thousands;
