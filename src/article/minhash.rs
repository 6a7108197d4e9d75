//! MinHash signatures of shingle sets and an index of them by LSH bands: near-duplicate paragraphs
//! found without comparing every pair.
//!
//! Shingles come in already hashed (XXH3 of word 3-grams); each of the `K` hash functions is a
//! multiply-shift of that hash with fixed odd multipliers, so signatures are the same on every run
//! and cost one multiply per shingle and function.

use std::collections::HashMap;

/// Hash functions per signature.
pub const K: usize = BANDS * BAND_WIDTH;
/// LSH bands, and rows per band: two texts of Jaccard similarity s share a band with probability
/// 1 - (1 - s^4)^10 (0.9996 at s = 0.8, 0.03 at s = 0.3).
pub const BANDS: usize = 10;
const BAND_WIDTH: usize = 4;

/// A signature: the least value of each hash function over the shingles.
pub type Signature = [u32; K];

/// Fixed odd multipliers and addends (splitmix64 from a constant seed).
fn params() -> &'static [(u64, u64); K] {
    static P: std::sync::OnceLock<[(u64, u64); K]> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let mut state: u64 = 0x5AB1_FA15_C0FF_EE15;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        std::array::from_fn(|_| (next() | 1, next()))
    })
}

/// The signature of a set of hashed shingles (an empty set gives all `u32::MAX`).
pub fn signature(shingles: impl IntoIterator<Item = u64>) -> Signature {
    let p = params();
    let mut sig = [u32::MAX; K];
    for h in shingles {
        for (s, (a, b)) in sig.iter_mut().zip(p) {
            let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
            *s = (*s).min(v);
        }
    }
    sig
}

/// The estimated Jaccard similarity of the two sets: the share of equal positions.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / K as f64
}

fn band_key(sig: &Signature, band: usize) -> u64 {
    let mut bytes = [0u8; BAND_WIDTH * 4];
    for (i, v) in sig[band * BAND_WIDTH..(band + 1) * BAND_WIDTH].iter().enumerate() {
        bytes[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, band as u64)
}

/// Signatures by id, found again by the bands they share.
#[derive(Default)]
pub struct Index {
    sigs: Vec<Signature>,
    buckets: HashMap<u64, Vec<u32>, xxhash_rust::xxh3::Xxh3DefaultBuilder>,
}

impl Index {
    /// Adds a signature; returns its id (ids count from 0 in order of insertion).
    pub fn insert(&mut self, sig: Signature) -> usize {
        let id = self.sigs.len();
        for band in 0..BANDS {
            self.buckets.entry(band_key(&sig, band)).or_default().push(id as u32);
        }
        self.sigs.push(sig);
        id
    }

    /// The signature of id `id`.
    pub fn signature(&self, id: usize) -> &Signature {
        &self.sigs[id]
    }

    /// The ids of the signatures whose estimated similarity to `sig` is at least `threshold`
    /// (among those sharing a band with it), in increasing order.
    pub fn query(&self, sig: &Signature, threshold: f64) -> Vec<usize> {
        let mut ids: Vec<u32> =
            (0..BANDS).filter_map(|band| self.buckets.get(&band_key(sig, band))).flatten().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|i| i as usize).filter(|&i| similarity(&self.sigs[i], sig) >= threshold).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shingles(text: &str) -> Vec<u64> {
        let w: Vec<&str> = text.split(' ').collect();
        w.windows(3).map(|g| xxhash_rust::xxh3::xxh3_64(g.join(" ").as_bytes())).collect()
    }

    #[test]
    fn near_copies_are_found_and_others_are_not() {
        let base: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let a = base.join(" ");
        let mut near = base.clone();
        near[30] = "x".into();
        let other: Vec<String> = (0..60).map(|i| format!("v{i}")).collect();
        let mut idx = Index::default();
        let ia = idx.insert(signature(shingles(&a)));
        idx.insert(signature(shingles(&other.join(" "))));
        let q = signature(shingles(&near.join(" ")));
        // 55 of 61 distinct shingles shared: Jaccard 0.9.
        assert!(similarity(&q, &idx.sigs[ia]) > 0.7);
        assert_eq!(idx.query(&q, 0.7), [ia]);
        assert_eq!(signature(shingles(&a)), signature(shingles(&a)), "the same on every call");
    }

    /// The estimate tracks the true Jaccard similarity of the shingle sets.
    #[test]
    fn estimate_is_close_to_jaccard() {
        let a: Vec<u64> = (0..200).collect();
        let b: Vec<u64> = (100..300).collect();
        // |a ∩ b| = 100, |a ∪ b| = 300.
        let s = similarity(
            &signature(a.iter().map(|x| xxhash_rust::xxh3::xxh3_64(&x.to_le_bytes()))),
            &signature(b.iter().map(|x| xxhash_rust::xxh3::xxh3_64(&x.to_le_bytes()))),
        );
        assert!((s - 1.0 / 3.0).abs() < 0.2, "{s}");
    }
}
