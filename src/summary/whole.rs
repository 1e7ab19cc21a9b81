//! Numbers kept whole when a table wraps to fit its width.
//!
//! comfy-table breaks a cell between words, and cuts a word only when it
//! is wider than its column; so each column is made at least as wide as
//! the widest number in it (`1..499`, `>=1`, `(2020-01-09)`), and text
//! columns take the wrapping. The source numbers of a `Src` column wrap
//! at their commas.

use comfy_table::{ColumnConstraint, Table, TableComponent, Width};

/// The heading of the columns of numbered sources.
const SOURCES: &str = "Src";

/// Lets the sources of a table's `Src` column (`1,2,10`) wrap between
/// numbers rather than inside one.
pub(super) fn wrap_sources_at_commas(t: &mut Table) {
    if let Some(i) = heading_index(t, SOURCES) {
        if let Some(c) = t.column_mut(i) {
            c.set_delimiter(',');
        }
    }
}

/// The table as text, no number cut across lines.
///
/// Drawn once as comfy-table fits it; a column left narrower than its
/// widest number is then given that width as its least, and the table
/// drawn again. Only such columns are bound: a least width on every
/// column would fix each at its least before comfy-table shares out the
/// space, leaving `500 (2020-01-09)` on two lines where it fits on one.
pub(super) fn render(mut t: Table) -> String {
    let text = t.to_string();
    let Some(drawn) = drawn_widths(&mut t, &text) else {
        return text;
    };
    let mut cut = false;
    for (i, drawn) in drawn.into_iter().enumerate() {
        let Some(least) = widest_number(&t, i) else {
            continue;
        };
        let Some(column) = t.column_mut(i) else {
            continue;
        };
        // A drawn width and a constraint's width both count the padding.
        let least = least.saturating_add(column.padding_width());
        if usize::from(least) <= drawn {
            continue;
        }
        let constraint = match column.constraint() {
            None => ColumnConstraint::LowerBoundary(Width::Fixed(least)),
            Some(ColumnConstraint::UpperBoundary(Width::Fixed(most))) => {
                ColumnConstraint::Boundaries {
                    lower: Width::Fixed(least),
                    upper: Width::Fixed((*most).max(least)),
                }
            }
            // No table here sets another; left as its caller chose.
            Some(_) => continue,
        };
        column.set_constraint(constraint);
        cut = true;
    }
    if cut {
        t.to_string()
    } else {
        text
    }
}

/// The width of column `i`'s widest number, if it has one.
fn widest_number(t: &Table, i: usize) -> Option<u16> {
    // The words comfy-table wraps between: at commas in `Src`, at spaces
    // elsewhere (its default delimiter), and at line breaks.
    let delimiter = if heading_index(t, SOURCES) == Some(i) {
        ','
    } else {
        ' '
    };
    let widest = t
        .column_cells_iter(i)
        .flatten()
        .flat_map(|cell| {
            cell.content()
                .split(['\n', delimiter])
                .filter(|w| is_number(w))
                .map(|w| w.chars().count())
                .max()
        })
        .max()?;
    Some(u16::try_from(widest).unwrap_or(u16::MAX))
}

/// The drawn width of each column, padding included, read off the
/// table's top border (`┌────┬───┐`).
fn drawn_widths(t: &mut Table, text: &str) -> Option<Vec<usize>> {
    let left = t.style(TableComponent::TopLeftCorner)?;
    let right = t.style(TableComponent::TopRightCorner)?;
    let cross = t.style(TableComponent::TopBorderIntersections)?;
    let top = text.lines().next()?;
    let inner = top.strip_prefix(left)?.strip_suffix(right)?;
    let widths: Vec<usize> = inner.split(cross).map(|c| c.chars().count()).collect();
    (widths.len() == t.column_count()).then_some(widths)
}

/// The index of the column headed `heading`.
fn heading_index(t: &Table, heading: &str) -> Option<usize> {
    t.header()?.cell_iter().position(|c| c.content() == heading)
}

/// Whether `word` is a number as the tables write them: digits with the
/// signs of ranges, bounds, dates and lists (`1..499`, `>=1`,
/// `(2020-01-09);`), and no letters (`D-DEU-IRQ-2020-01-09` is a name).
fn is_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) && !word.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_digits_and_signs_without_letters() {
        for number in ["500", "1..499", ">=1", "(2020-01-09);", "30,"] {
            assert!(is_number(number), "{number}");
        }
        for word in ["", "n/r", "IRQ", "D-DEU-IRQ-2020-01-09", "500-strong"] {
            assert!(!is_number(word), "{word}");
        }
    }

    #[test]
    fn a_narrow_table_wraps_its_text_and_keeps_its_numbers_whole() {
        let mut t = super::super::table(30, &["Where", "Strength", "Src"], &[1]);
        t.add_row(vec![
            "somewhere far away indeed",
            "531439..1074754",
            "1,2,10,11",
        ]);
        wrap_sources_at_commas(&mut t);
        let text = render(t);
        assert!(text.contains("531439..1074754"), "{text}");
        for number in ["10", "11"] {
            assert!(
                text.split(|c: char| !c.is_ascii_digit())
                    .any(|w| w == number),
                "{text}"
            );
        }
    }

    /// A long list of sources wraps at its commas: the list is not one
    /// number the column must hold on one line, so the table keeps to its
    /// width.
    #[test]
    fn a_long_list_of_sources_wraps_between_numbers() {
        let sources = "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16";
        let mut t = super::super::table(30, &["Where", "Strength", "Src"], &[1]);
        t.add_row(vec!["somewhere", "500", sources]);
        wrap_sources_at_commas(&mut t);
        let text = render(t);
        assert!(text.lines().all(|l| l.chars().count() <= 30), "{text}");
        let mut seen: Vec<&str> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| !w.is_empty() && *w != "500")
            .collect();
        seen.sort_by_key(|w| w.parse::<u32>().ok());
        let expected: Vec<&str> = sources.split(',').collect();
        assert_eq!(seen, expected, "{text}");
    }
}
