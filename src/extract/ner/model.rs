//! The tagger's weights in a form made for tagging fast: every feature string hashed (XXH3-64) to
//! its per-label weights, the label transition matrix, and a Viterbi decoder.
//!
//! The model is trained with `crfs` (CRFsuite's algorithm) at dev time and converted once by
//! [`HashedModel::from_crfsuite_dump`]: `crfs`'s own tagger takes owned attribute strings and looks
//! each up in a CQDB, which made tagging ≈ 7 µs a token, several times over the extraction speed
//! budget; here a token costs a few hash look-ups and the per-word part is cached by the caller.
//! `examples/train_ner.rs` checks that both taggers give the same labels on held-out data.
//!
//! File format (little endian): `SAHNER1\n`, label count `u32`, each label as `u8` length + bytes,
//! `L×L` `f32` transitions (from × to), entry count `u32`, then per entry: `u64` hash, `u8` count,
//! `count ×` (`u8` label, `f32` weight).

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

/// Magic bytes of the format.
const MAGIC: &[u8] = b"SAHNER1\n";

/// Hash map keyed by feature hashes: they are already uniformly distributed.
type FeatureMap = HashMap<u64, (u32, u8), std::hash::BuildHasherDefault<IdentityHasher>>;

/// A hasher that passes a `u64` key through (the keys are XXH3 hashes already).
#[derive(Default)]
pub struct IdentityHasher(u64);

impl std::hash::Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A linear-chain CRF's weights, keyed by feature hash.
#[derive(Debug, Clone, Default)]
pub struct HashedModel {
    /// Label names (`O`, `B-PER`, …).
    pub labels: Vec<String>,
    /// Transition weights, `from * L + to`.
    trans: Vec<f32>,
    /// Feature hash → (first weight, count) in `weights`.
    index: FeatureMap,
    /// (label, weight) pairs.
    weights: Vec<(u8, f32)>,
    /// Distinct for every model made in this process: the key of the tagger's per-thread caches.
    pub id: u64,
}

/// The next [`HashedModel::id`].
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The hash of a feature string.
pub fn feature_hash(s: &str) -> u64 {
    xxh3_64(s.as_bytes())
}

fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if b.len() < n {
        return None;
    }
    let (h, t) = b.split_at(n);
    *b = t;
    Some(h)
}

fn u32_of(b: &mut &[u8]) -> Option<u32> {
    take(b, 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn f32_of(b: &mut &[u8]) -> Option<f32> {
    u32_of(b).map(f32::from_bits)
}

impl HashedModel {
    /// Reads a model file; `None` when it is not one.
    pub fn read(mut b: &[u8]) -> Option<HashedModel> {
        if take(&mut b, MAGIC.len())? != MAGIC {
            return None;
        }
        let nl = u32_of(&mut b)? as usize;
        if nl == 0 || nl > 255 {
            return None;
        }
        let mut labels = Vec::with_capacity(nl);
        for _ in 0..nl {
            let len = take(&mut b, 1)?[0] as usize;
            labels.push(String::from_utf8(take(&mut b, len)?.to_vec()).ok()?);
        }
        let trans = (0..nl * nl).map(|_| f32_of(&mut b)).collect::<Option<Vec<_>>>()?;
        let ne = u32_of(&mut b)? as usize;
        let mut index = FeatureMap::with_capacity_and_hasher(ne, Default::default());
        let mut weights = Vec::with_capacity(ne * 2);
        for _ in 0..ne {
            let h = take(&mut b, 8)?;
            let h = u64::from_le_bytes(h.try_into().ok()?);
            let count = take(&mut b, 1)?[0];
            index.insert(h, (weights.len() as u32, count));
            for _ in 0..count {
                let l = take(&mut b, 1)?[0];
                let w = f32_of(&mut b)?;
                if l as usize >= nl {
                    return None;
                }
                weights.push((l, w));
            }
        }
        Some(HashedModel { labels, trans, index, weights, id: next_id() })
    }

    /// Converts the text dump of a CRFsuite model (`crfs::Model::dump`).
    pub fn from_crfsuite_dump(dump: &str) -> Option<HashedModel> {
        let mut labels: Vec<String> = Vec::new();
        let mut section = "";
        let mut trans_raw: Vec<(String, String, f32)> = Vec::new();
        let mut states: Vec<(String, String, f32)> = Vec::new();
        for line in dump.lines() {
            if line.ends_with("= {") {
                section = line.split_whitespace().next().unwrap_or("");
                continue;
            }
            let body = line.trim_start();
            match section {
                "LABELS" => {
                    if let Some((_, l)) = body.split_once(": ") {
                        labels.push(l.to_string());
                    }
                }
                "TRANSITIONS" | "STATE_FEATURES" => {
                    // "(type) SOURCE --> TARGET: WEIGHT"
                    let Some(rest) = body.strip_prefix('(').and_then(|r| r.split_once(") ")).map(|(_, r)| r)
                    else {
                        continue;
                    };
                    let Some((src, tail)) = rest.rsplit_once(" --> ") else { continue };
                    let Some((dst, w)) = tail.rsplit_once(": ") else { continue };
                    let w: f32 = w.trim().parse().ok()?;
                    let item = (src.to_string(), dst.to_string(), w);
                    if section == "TRANSITIONS" { trans_raw.push(item) } else { states.push(item) }
                }
                _ => {}
            }
        }
        let nl = labels.len();
        let id = |l: &str| labels.iter().position(|x| x == l);
        let mut trans = vec![0f32; nl * nl];
        for (s, d, w) in &trans_raw {
            trans[id(s)? * nl + id(d)?] = *w;
        }
        let mut by_attr: std::collections::BTreeMap<&str, Vec<(u8, f32)>> = Default::default();
        for (a, l, w) in &states {
            by_attr.entry(a.as_str()).or_default().push((id(l)? as u8, *w));
        }
        let mut index = FeatureMap::default();
        let mut weights = Vec::new();
        for (a, ws) in by_attr {
            index.insert(feature_hash(a), (weights.len() as u32, ws.len() as u8));
            weights.extend(ws);
        }
        Some(HashedModel { labels, trans, index, weights, id: next_id() })
    }

    /// The model file's bytes.
    pub fn write(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend((self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.push(l.len() as u8);
            out.extend(l.as_bytes());
        }
        for w in &self.trans {
            out.extend(w.to_le_bytes());
        }
        let mut entries: Vec<(&u64, &(u32, u8))> = self.index.iter().collect();
        entries.sort();
        out.extend((entries.len() as u32).to_le_bytes());
        for (h, &(start, count)) in entries {
            out.extend(h.to_le_bytes());
            out.push(count);
            for &(l, w) in &self.weights[start as usize..start as usize + count as usize] {
                out.push(l);
                out.extend(w.to_le_bytes());
            }
        }
        out
    }

    /// Drops state features whose weights are all below `min` in magnitude: a smaller table
    /// tags faster (fewer cache misses) and `train_ner` reports what it costs in accuracy.
    pub fn prune(&mut self, min: f32) {
        let mut index = FeatureMap::default();
        let mut weights = Vec::new();
        for (&h, &(start, count)) in &self.index {
            let kept: Vec<(u8, f32)> = self.weights[start as usize..start as usize + count as usize]
                .iter()
                .copied()
                .filter(|(_, w)| w.abs() >= min)
                .collect();
            if !kept.is_empty() {
                index.insert(h, (weights.len() as u32, kept.len() as u8));
                weights.extend(kept);
            }
        }
        self.index = index;
        self.weights = weights;
    }

    /// Number of labels.
    pub fn num_labels(&self) -> usize {
        self.labels.len()
    }

    /// Adds the weights of feature `s` to `scores`.
    pub fn add_feature(&self, s: &str, scores: &mut [f32]) {
        if let Some(&(start, count)) = self.index.get(&feature_hash(s)) {
            for &(l, w) in &self.weights[start as usize..start as usize + count as usize] {
                scores[l as usize] += w;
            }
        }
    }

    /// The best label sequence for per-token state scores (`n × L`, row-major).
    pub fn viterbi(&self, state: &[f32]) -> Vec<usize> {
        let l = self.labels.len();
        let n = state.len() / l.max(1);
        if n == 0 {
            return Vec::new();
        }
        if l <= NARROW {
            return self.viterbi_narrow(state, n);
        }
        self.viterbi_wide(state, n)
    }

    /// [`Self::viterbi`] for any label count.
    fn viterbi_wide(&self, state: &[f32], n: usize) -> Vec<usize> {
        let l = self.labels.len();
        let mut score = state[..l].to_vec();
        let mut back = vec![0u8; n * l];
        let mut next = vec![0f32; l];
        for t in 1..n {
            for (j, slot) in next.iter_mut().enumerate() {
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
                for (i, s) in score.iter().enumerate() {
                    let v = s + self.trans[i * l + j];
                    if v > best {
                        best = v;
                        arg = i;
                    }
                }
                *slot = best + state[t * l + j];
                back[t * l + j] = arg as u8;
            }
            std::mem::swap(&mut score, &mut next);
        }
        backtrace(&score[..l], &back, n)
    }

    /// [`Self::viterbi`] for a model of at most [`NARROW`] labels (every model in practice): rows
    /// of a fixed width the compiler knows, so the max over "from" labels runs for all "to" labels
    /// at once in vector registers (the decoder was a sixth of extraction's time). Same result: a
    /// strict `>` with the "from" label rising keeps the first best, as the general loop does;
    /// padding columns stay at minus infinity and are never read back.
    fn viterbi_narrow(&self, state: &[f32], n: usize) -> Vec<usize> {
        let l = self.labels.len();
        let mut trans = [[f32::NEG_INFINITY; NARROW]; NARROW];
        for (row, src) in trans.iter_mut().zip(self.trans.chunks_exact(l)) {
            row[..l].copy_from_slice(src);
        }
        let mut score = [f32::NEG_INFINITY; NARROW];
        score[..l].copy_from_slice(&state[..l]);
        let mut back = vec![0u8; n * l];
        for t in 1..n {
            let mut best = [f32::NEG_INFINITY; NARROW];
            let mut arg = [0u8; NARROW];
            for (i, row) in trans.iter().enumerate().take(l) {
                let s = score[i];
                for j in 0..NARROW {
                    let v = s + row[j];
                    let better = v > best[j];
                    best[j] = if better { v } else { best[j] };
                    arg[j] = if better { i as u8 } else { arg[j] };
                }
            }
            let emit = &state[t * l..(t + 1) * l];
            for j in 0..l {
                score[j] = best[j] + emit[j];
            }
            back[t * l..(t + 1) * l].copy_from_slice(&arg[..l]);
        }
        backtrace(&score[..l], &back, n)
    }
}

/// The best path ending in the best of the last `score`s, following the back pointers (`n × L`).
fn backtrace(score: &[f32], back: &[u8], n: usize) -> Vec<usize> {
    let l = score.len();
    let mut last = (0..l).max_by(|&a, &b| score[a].total_cmp(&score[b])).unwrap_or(0);
    let mut out = vec![0; n];
    for t in (0..n).rev() {
        out[t] = last;
        last = back[t * l + last] as usize;
    }
    out
}

/// The label count up to which [`HashedModel::viterbi`] runs on fixed-width rows.
const NARROW: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    /// A model of `l` labels with pseudo-random transitions (ties included).
    fn model(l: usize, seed: u64) -> HashedModel {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((x >> 40) % 7) as f32 - 3.0
        };
        HashedModel {
            labels: (0..l).map(|i| format!("L{i}")).collect(),
            trans: (0..l * l).map(|_| next()).collect(),
            ..HashedModel::default()
        }
    }

    #[test]
    fn the_narrow_decoder_equals_the_general_one() {
        for (l, seed) in [(1, 1), (2, 2), (9, 3), (9, 4), (16, 5), (5, 6)] {
            let m = model(l, seed);
            let mut x = seed * 7919;
            for n in [1, 2, 3, 17, 60] {
                let state: Vec<f32> = (0..n * l)
                    .map(|_| {
                        x = x.wrapping_mul(2862933555777941757).wrapping_add(3037000493);
                        ((x >> 33) % 11) as f32 - 5.0
                    })
                    .collect();
                assert_eq!(m.viterbi_narrow(&state, n), m.viterbi_wide(&state, n), "l={l} n={n}");
            }
        }
        // More labels than the narrow width go the general way.
        let wide = model(20, 9);
        assert_eq!(wide.viterbi(&[0.0; 40]).len(), 2);
    }
}
