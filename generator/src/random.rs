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
}
