//! Fast byte scans for the "does this text need any change?" checks that run over every byte
//! loaded: whole 32-byte blocks are tested with a predicate the compiler can vectorise, and only
//! a block with a hit is searched byte by byte.

/// Index of the first byte at or after `from` for which `hit` holds. Write `hit` with `|`, not
/// `||`, so that the block test stays branch-free.
#[inline]
pub fn find_byte(b: &[u8], mut from: usize, hit: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    const BLOCK: usize = 32;
    while from + BLOCK <= b.len() {
        let block = &b[from..from + BLOCK];
        if block.iter().fold(false, |acc, &x| acc | hit(x)) {
            break;
        }
        from += BLOCK;
    }
    b.get(from..)?.iter().position(|&x| hit(x)).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_hit_in_any_block() {
        let hit = |x: u8| x == b'!';
        for len in [0usize, 1, 31, 32, 33, 64, 100] {
            for at in 0..len {
                let mut v = vec![b'a'; len];
                v[at] = b'!';
                if at + 3 < len {
                    v[at + 3] = b'!';
                }
                assert_eq!(find_byte(&v, 0, hit), Some(at), "len {len} at {at}");
                assert_eq!(find_byte(&v, at + 1, hit), (at + 3 < len).then_some(at + 3));
            }
            assert_eq!(find_byte(&vec![b'a'; len], 0, hit), None);
        }
        assert_eq!(find_byte(b"ab", 5, hit), None);
    }
}
