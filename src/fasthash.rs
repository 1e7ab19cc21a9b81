//! A fast, non-cryptographic hasher for the crate's internal maps (ids,
//! keys, interned strings). The keys come from the user's own files, so
//! hash flooding is not a concern worth SipHash's cost per row.

use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc's `FxHasher`.
#[derive(Clone, Copy, Default)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply only carries low bits upward, and the table indexes
        // by low bits: ids like D1000000..D1999999 differ in their high
        // bytes, so mix those down (MurmurHash3's finalizer) or they all
        // land in a few buckets.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Build hasher for [`FastHasher`].
pub(crate) type Fast = BuildHasherDefault<FastHasher>;

/// A `HashMap` with the fast hasher.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, Fast>;

/// A `HashSet` with the fast hasher.
pub(crate) type FastSet<K> = std::collections::HashSet<K, Fast>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::hash::{BuildHasher, Hash};

    fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
        Fast::default().hash_one(value)
    }

    /// The finalizer's reason to be: ids that differ only in their high
    /// bytes still spread over the table's low bits. 4,096 ids in 4,096
    /// buckets fill about 63% of them at random (1 - 1/e); without the
    /// mixing they would share a handful.
    #[test]
    fn ids_that_differ_late_spread_over_the_low_bits() {
        let buckets: HashSet<u64> = (1_000_000..1_004_096)
            .map(|n| hash_of(format!("D{n}").as_str()) & 0xfff)
            .collect();
        assert!(buckets.len() > 2_400, "{} buckets", buckets.len());
    }

    /// The same for whole numbers: 65,536 consecutive values past 2^40
    /// (alike in every high bit) over 65,536 buckets fill about 63% of
    /// them, as at random. A finalizer that ORs instead of XORs loses
    /// bits and fills about 39%.
    #[test]
    fn consecutive_large_numbers_spread_over_the_low_bits() {
        let buckets: HashSet<u64> = (0..65_536u64)
            .map(|i| FastHasher((1 << 40) + i).finish() & 0xffff)
            .collect();
        assert!(buckets.len() > 40_000, "{} buckets", buckets.len());
    }

    /// The finalizer is MurmurHash3's `fmix64` (Appleby's SMHasher:
    /// `k ^= k >> 33; k *= 0xff51afd7ed558ccd; k ^= k >> 33;
    /// k *= 0xc4ceb9fe1a85ec53; k ^= k >> 33`), whose avalanche the
    /// comment above relies on; these are its values, worked out from
    /// that definition outside this crate.
    #[test]
    fn the_finalizer_is_murmur3s() {
        for (state, mixed) in [
            (0, 0),
            (1, 0xb456_bcfc_34c2_cb2c),
            (0x0123_4567_89ab_cdef, 0x87cb_fbfe_8902_2cea),
            (1 << 63, 0x8f78_0810_af31_a493),
            (u64::MAX, 0x64b5_720b_4b82_5f21),
        ] {
            assert_eq!(FastHasher(state).finish(), mixed, "{state:#x}");
        }
    }

    /// Every way of feeding the hasher feeds it: distinct values of each
    /// width hash apart, and so do texts that differ only in their last
    /// whole word or only in the bytes after it.
    #[test]
    fn each_write_changes_the_hash() {
        let distinct = |hashes: Vec<u64>| {
            let n = hashes.len();
            assert_eq!(hashes.into_iter().collect::<HashSet<_>>().len(), n);
        };
        distinct((0..=255u8).map(|i| hash_of(&i)).collect());
        distinct((0..1_000u32).map(|i| hash_of(&(i << 20))).collect());
        distinct((0..1_000u64).map(|i| hash_of(&(i << 40))).collect());
        distinct((0..1_000usize).map(|i| hash_of(&i)).collect());
        distinct(
            [
                "",
                "a",
                "b",
                "abcdefgh",
                "abcdefgi",
                "abcdefghi",
                "abcdefghj",
                "bbcdefghi",
            ]
            .iter()
            .map(|s| hash_of(*s))
            .collect(),
        );
    }
}
