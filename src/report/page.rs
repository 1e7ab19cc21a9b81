//! The page's parts in HTML: escaping, tables of rows (any row type,
//! chosen columns), the style sheet. Nothing here fetches anything: the
//! page carries its styles and pictures inline and a content security
//! policy that forbids every request.

use std::fmt::Write as _;

use crate::chart::thousands;
use crate::rows::{Row, Value};

/// Text made safe inside an element or a quoted attribute (the charts'
/// escaping: markup escaped, characters no document may hold replaced).
pub(super) use crate::chart::escape_markup as escape;

/// An id an anchor can carry: the record's id with anything but letters,
/// digits, `-` and `_` made `_`.
pub(super) fn anchor(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("rec-{safe}")
}

/// A cell's text: counts with thousands separators, flags as yes or
/// empty, days as ISO dates.
fn cell(value: Value<'_>) -> String {
    match value {
        Value::Text(t) => escape(t.unwrap_or_default()),
        Value::Count(n) => n.map(thousands).unwrap_or_default(),
        Value::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        Value::Flag(b) => if b == Some(true) { "yes" } else { "" }.to_owned(),
        // (`Value` may grow; a new kind shows as nothing rather than
        // failing a report.)
        #[allow(unreachable_patterns)]
        _ => String::new(),
    }
}

/// A last column made for each row: its title, and its cell (HTML).
pub(super) type Extra<'f, R> = (&'f str, &'f dyn Fn(&R) -> String);

/// A table of rows in the columns named (in that order), with an extra
/// last cell per row made by `extra` (already HTML), under a heading
/// row; columns are titled by name, with their meaning on hover.
pub(super) fn table<R: Row>(
    out: &mut String,
    rows: &[R],
    columns: &[&str],
    extra: Option<Extra<'_, R>>,
) {
    let chosen: Vec<(usize, &crate::rows::Column)> = columns
        .iter()
        .filter_map(|name| R::COLUMNS.iter().enumerate().find(|(_, c)| c.name == *name))
        .collect();
    out.push_str("<div class=\"wrap\"><table>\n<thead><tr>");
    for (_, c) in &chosen {
        let _ = write!(
            out,
            "<th title=\"{}\">{}</th>",
            escape(c.doc),
            escape(c.name)
        );
    }
    if let Some((title, _)) = extra {
        let _ = write!(out, "<th>{}</th>", escape(title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let values = row.values();
        out.push_str("<tr>");
        for (i, c) in &chosen {
            let value = values.get(*i).copied().unwrap_or(Value::Text(None));
            let class = match value {
                Value::Count(_) => " class=\"n\"",
                _ => "",
            };
            let _ = write!(
                out,
                "<td{class} data-column=\"{}\">{}</td>",
                c.name,
                cell(value)
            );
        }
        if let Some((_, make)) = extra {
            let _ = write!(out, "<td>{}</td>", make(row));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// The style sheet: readable on a phone (tables scroll sideways in their
/// own box, charts shrink to the width), and printable (sources open,
/// no scroll boxes, charts kept whole on a page).
pub(super) const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  margin: 0 auto; max-width: 1200px; padding: 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
p.meta { color: #444; margin: 0.2rem 0; }
.wrap { overflow-x: auto; margin: 0.5rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.45rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.flagged td { background: #fff4e5; }
figure { margin: 1rem 0; }
figure svg { width: 100%; height: auto; max-width: 960px; display: block; }
figcaption { font-size: 0.85rem; color: #444; }
details summary { cursor: pointer; color: #0b5394; }
blockquote { margin: 0.3rem 0 0.3rem 0.8rem; padding-left: 0.6rem; border-left: 3px solid #ccc; }
/* A table's line or a list of record ids has no space to break at. */
blockquote, ol.sources li, p { overflow-wrap: anywhere; }
.key { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 0.8rem 0; }
.key div { border: 1px solid #ddd; border-radius: 4px; padding: 0.4rem 0.7rem; }
.key b { display: block; font-size: 1.3rem; font-variant-numeric: tabular-nums; }
.note { color: #555; font-size: 0.85rem; }
ol.sources li { margin-bottom: 0.4rem; }
@media (max-width: 600px) { body { padding: 0.5rem; } table { font-size: 0.78rem; } }
@media print {
  body { max-width: none; padding: 0; }
  .wrap { overflow: visible; }
  th { position: static; }
  figure { break-inside: avoid; }
  details > summary { display: none; }
  details { display: block; }
  details::details-content { content-visibility: visible; display: contents; }
  a { color: inherit; text-decoration: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_elements_and_attributes() {
        assert_eq!(
            escape(r#"<b a="1">'&'</b>"#),
            "&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
        assert_eq!(escape("ok ↑"), "ok ↑");
        assert_eq!(
            escape("a\u{1}b\u{1b}c\u{FFFE}\td"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}\td"
        );
    }

    #[test]
    fn anchors_keep_only_safe_characters() {
        assert_eq!(anchor("R-DEU-2020-01-09"), "rec-R-DEU-2020-01-09");
        assert_eq!(anchor("a b\"<c>"), "rec-a_b__c_");
        assert_eq!(anchor("TDQ_DEU-2020"), "rec-TDQ_DEU-2020");
    }

    #[test]
    fn cells_show_counts_with_separators_and_flags_as_words() {
        assert_eq!(cell(Value::Count(Some(34_674))), "34,674");
        assert_eq!(cell(Value::Count(None)), "");
        assert_eq!(cell(Value::Flag(Some(true))), "yes");
        assert_eq!(cell(Value::Flag(Some(false))), "");
        assert_eq!(cell(Value::Text(Some("a<b"))), "a&lt;b");
        assert_eq!(cell(Value::Date("2020-01-09".parse().ok())), "2020-01-09");
    }
}
