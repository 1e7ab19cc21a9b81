//! What disputes a figure: the same day's observations that cannot be
//! true with it, and the other series its own records alternate with.

use crate::dataset::Dataset;
use crate::doubt::Doubt;
use crate::id::RecordId;
use crate::ledger::{Figure, Key, World};

/// What disputes a figure and what its own records' doubts say: the
/// observations of the day its value was observed that it rests on none
/// of and that none it rests on allows (two sources that cannot both be
/// right: the figure shown took one side), then the other series'
/// neighbours that its own records alternate with
/// ([`Doubt::Interleaved`]); and the doubts of the records it rests on.
pub(super) fn of<'d>(
    data: &'d Dataset,
    world: &World,
    key: &Key,
    figure: &Figure,
) -> (Vec<RecordId>, Vec<&'d Doubt>) {
    let Some(day) = figure.observed_on else {
        return (Vec::new(), Vec::new());
    };
    let claims = world.claims(key, day);
    if claims.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (own, others): (Vec<_>, Vec<_>) = claims
        .iter()
        .filter_map(|&i| data.deployments().get(i))
        .partition(|d| figure.basis.any(|b| b == d.id()));
    let doubts: Vec<&'d Doubt> = own.iter().flat_map(|d| d.doubts()).collect();
    let counted = |d: &&&crate::deployment::Deployment| !d.is_not_reported();
    let mut by: Vec<RecordId> = others
        .iter()
        .filter(counted)
        .filter(|o| {
            let own: Vec<_> = own.iter().filter(counted).collect();
            !own.is_empty()
                && own
                    .iter()
                    .all(|d| !d.strength().bounds().overlaps(&o.strength().bounds()))
        })
        .map(|o| o.id().clone())
        .collect();
    for doubt in &doubts {
        if let Doubt::Interleaved { by: neighbours } = doubt {
            for n in neighbours {
                if !by.contains(n) {
                    by.push(n.clone());
                }
            }
        }
    }
    (by, doubts)
}
