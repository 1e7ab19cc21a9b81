//! The records a figure rests on, shared rather than copied.

use std::fmt;
use std::sync::Arc;

use crate::id::RecordId;

/// The records a ledger figure rests on, oldest first: the observation it
/// starts from, then each relocation applied since.
///
/// A figure carried through a relocation shares its predecessor's list and
/// adds the relocation's records in front of it, so a history of N moves
/// costs memory in proportion to N, not N².
#[derive(Clone, Default)]
pub struct Basis {
    head: Option<Arc<Link>>,
    len: usize,
    /// The oldest record, kept at hand: messages name where a long chain
    /// starts without walking it.
    first: Option<RecordId>,
}

/// One step's records, and the steps before.
struct Link {
    records: Box<[RecordId]>,
    before: Option<Arc<Link>>,
}

impl Drop for Link {
    // A long chain is freed link by link, not by recursion, so that a
    // history of many thousand moves cannot overflow the stack.
    fn drop(&mut self) {
        let mut next = self.before.take();
        while let Some(link) = next {
            match Arc::try_unwrap(link) {
                Ok(mut owned) => next = owned.before.take(),
                Err(_) => break,
            }
        }
    }
}

impl Basis {
    /// A basis of these records.
    pub fn of(records: impl IntoIterator<Item = RecordId>) -> Basis {
        Basis::default().then(records)
    }

    /// This basis followed by `records`, sharing this one.
    pub(crate) fn then(&self, records: impl IntoIterator<Item = RecordId>) -> Basis {
        let records: Box<[RecordId]> = records.into_iter().collect();
        if records.is_empty() {
            return self.clone();
        }
        Basis {
            len: self.len + records.len(),
            first: self.first.clone().or_else(|| records.first().cloned()),
            head: Some(Arc::new(Link {
                records,
                before: self.head.clone(),
            })),
        }
    }

    /// This basis followed by every record of `later`.
    pub(crate) fn joined(&self, later: &Basis) -> Basis {
        self.then(later.iter().cloned())
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `id` is one of them.
    pub fn contains(&self, id: &RecordId) -> bool {
        self.any(|r| r == id)
    }

    /// Whether any record meets `test`, walking the shared links without
    /// collecting them.
    pub fn any(&self, mut test: impl FnMut(&RecordId) -> bool) -> bool {
        self.links().any(|l| l.records.iter().any(&mut test))
    }

    /// The records, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &RecordId> {
        let mut links: Vec<&Link> = self.links().collect();
        links.reverse();
        links.into_iter().flat_map(|l| l.records.iter())
    }

    /// The records, oldest first, in a vector.
    pub fn to_vec(&self) -> Vec<RecordId> {
        self.iter().cloned().collect()
    }

    /// The latest record (the last applied), if any.
    pub fn last(&self) -> Option<&RecordId> {
        self.head.as_ref().and_then(|l| l.records.last())
    }

    /// The oldest record, if any.
    pub fn first(&self) -> Option<&RecordId> {
        self.first.as_ref()
    }

    /// At most `n` of the latest records, oldest of them first; walks only
    /// as far back as it needs.
    pub fn latest(&self, n: usize) -> Vec<&RecordId> {
        let mut out: Vec<&RecordId> = Vec::with_capacity(n.min(self.len));
        for link in self.links() {
            for r in link.records.iter().rev() {
                if out.len() == n {
                    out.reverse();
                    return out;
                }
                out.push(r);
            }
        }
        out.reverse();
        out
    }

    /// Newest link first.
    fn links(&self) -> impl Iterator<Item = &Link> {
        std::iter::successors(self.head.as_deref(), |l| l.before.as_deref())
    }
}

impl<'b> IntoIterator for &'b Basis {
    type Item = &'b RecordId;
    type IntoIter = Box<dyn Iterator<Item = &'b RecordId> + 'b>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl PartialEq for Basis {
    fn eq(&self, other: &Basis) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for Basis {}

impl fmt::Debug for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> RecordId {
        RecordId::new(s).expect("id")
    }

    #[test]
    fn records_come_oldest_first_and_are_shared() {
        let start = Basis::of([id("D1")]);
        let moved = start.then([id("R1")]).then([id("R2"), id("R3")]);
        let names: Vec<&str> = moved.iter().map(RecordId::as_str).collect();
        assert_eq!(names, ["D1", "R1", "R2", "R3"]);
        assert_eq!(moved.len(), 4);
        assert!(moved.contains(&id("R2")) && !start.contains(&id("R2")));
        assert_eq!(moved.last().map(RecordId::as_str), Some("R3"));
        assert_eq!(moved.first().map(RecordId::as_str), Some("D1"));
        let latest: Vec<&str> = moved.latest(2).into_iter().map(RecordId::as_str).collect();
        assert_eq!(latest, ["R2", "R3"]);
        assert_eq!(moved.latest(9).len(), 4);
        // The earlier figure's list is not copied into the later one.
        let oldest = moved.links().last().expect("links");
        assert!(std::ptr::eq(oldest, start.head.as_deref().expect("head")));
        assert_eq!(start.then(Vec::new()), start);
        assert!(Basis::default().is_empty() && !start.is_empty());
        // Equal when the records are, in order.
        assert_eq!(Basis::of([id("D1"), id("R1")]), start.then([id("R1")]));
        assert_ne!(Basis::of([id("D1"), id("R2")]), start.then([id("R1")]));
        assert_ne!(Basis::of([id("D1")]), Basis::of([id("D1"), id("D1")]));
        assert_eq!(
            format!("{moved:?}").matches("RecordId").count(),
            4,
            "{moved:?}"
        );
        assert_eq!(
            start.joined(&Basis::of([id("D2")])).to_vec(),
            [id("D1"), id("D2")]
        );
    }

    #[test]
    fn a_long_chain_is_linear_and_drops_without_recursion() {
        let mut b = Basis::of([id("D1")]);
        for i in 0..200_000 {
            b = b.then([id(&format!("R{i}"))]);
        }
        assert_eq!(b.len(), 200_001);
        assert_eq!(b.links().count(), 200_001);
        drop(b);
    }
}
