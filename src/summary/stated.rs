//! The totals a source states over many contributions, beside the sum of
//! those the posture holds.

use crate::posture::Posture;
use crate::summary::{nation, table, Notes};

/// Each stated total on the day: whose, stated, the contributions it
/// holds, what is left unattributed; `None` when the posture has none.
pub(super) fn stated_totals_table(
    posture: &Posture<'_>,
    notes: &mut Notes<'_>,
    width: u16,
) -> Option<String> {
    let views = posture.stated_totals();
    if views.is_empty() {
        return None;
    }
    let mut t = table(
        width,
        &[
            "Whose, across",
            "Stated",
            "Contributions",
            "Unattributed",
            "Src",
        ],
        &[1, 2, 3],
    );
    for view in views {
        let whose = view
            .total
            .nation()
            .map_or_else(|| "every contributor".to_owned(), |n| nation(Some(n)));
        let mut ids = vec![view.total.id()];
        ids.extend(view.contributions.iter().flat_map(|e| e.basis()));
        t.add_row(vec![
            format!("{whose}, {} missions", view.total.organization()),
            format!("{} ({})", view.total.strength(), view.total.as_of()),
            format!("{} in {}", view.attributed, view.contributions.len()),
            view.unattributed.to_string(),
            notes.cite(ids),
        ]);
    }
    Some(super::whole::render(t))
}
