//! Both cores for the independent programs of a question, and only where
//! they pay: the answers come back in the order one thread gives them.

/// Work of fewer events than this, in all, is done on the calling thread:
/// waking another thread costs more than a few small programs (a posture
/// of the UN's table asks hundreds of questions of a few events each).
const PARALLEL_EVENTS: usize = 4_096;

/// `f` of each item, in order: on both cores when the items' weights (their
/// events) add up to [`PARALLEL_EVENTS`] or more, else on this thread.
pub(super) fn each<I: Sync, T: Send>(
    items: &[I],
    weight: impl Fn(&I) -> usize,
    f: impl Fn(&I) -> T + Sync + Send,
) -> Vec<T> {
    use rayon::prelude::*;
    if items.iter().map(weight).sum::<usize>() < PARALLEL_EVENTS {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(f).collect()
    }
}
