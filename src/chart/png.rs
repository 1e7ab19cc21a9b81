//! Charts as PNG (the `png` feature): the SVG rasterised by resvg, a
//! pure-Rust renderer, with DejaVu Sans embedded, so that a machine with
//! no fonts and no graphics library draws the same picture. No system
//! font is read.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::chart::series::Chart;
use crate::chart::svg::{render_svg, ChartError};

/// The embedded fonts, loaded once per process: every `sans-serif` text
/// of a chart is DejaVu Sans.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(dejavu::sans::regular().to_vec());
            db.load_font_data(dejavu::sans::bold().to_vec());
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// Draws a chart as a PNG image of `size` pixels: [`render_svg`]'s
/// picture, rasterised.
///
/// ```
/// use troop_tracker::chart::{chart, render_png, DEFAULT_SIZE};
/// use troop_tracker::{Dataset, Ledger, Subject};
/// let data = Dataset::bundled()?;
/// let png = render_png(&chart(&Ledger::new(&data), &Subject::Mission("NMI".parse()?)), DEFAULT_SIZE)?;
/// assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`render_svg`]; [`ChartError::Drawing`] when the picture cannot be
/// rasterised.
pub fn render_png(chart: &Chart, size: (u32, u32)) -> Result<Vec<u8>, ChartError> {
    svg_to_png(&render_svg(chart, size)?)
}

/// Rasterises an SVG document (a chart's) as PNG, its text in the
/// embedded DejaVu Sans.
///
/// # Errors
///
/// [`ChartError::Drawing`] when the document cannot be read or encoded.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ChartError> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let drawing = |e: &dyn std::fmt::Display| ChartError::Drawing(e.to_string());
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| drawing(&e))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| drawing(&"the picture has no pixels"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| drawing(&e))
}
