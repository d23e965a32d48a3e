//! Reproducible pseudo-random numbers for the tests that hold a rewritten
//! hot path to its old version (its oracle) on many generated inputs.

/// Marsaglia's xorshift64: fast, deterministic from its seed, no dependency.
pub struct Xorshift(u64);

impl Xorshift {
    /// `seed` must not be zero (the generator would only ever give zero).
    pub fn new(seed: u64) -> Xorshift {
        Xorshift(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    /// One of `items` (not empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `count` picks of `pieces`, in order: the random tests join or
    /// concatenate them into texts.
    pub fn pieces<'a>(&mut self, pieces: &[&'a str], count: u64) -> Vec<&'a str> {
        (0..count).map(|_| *self.pick(pieces)).collect()
    }
}
