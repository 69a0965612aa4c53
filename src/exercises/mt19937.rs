//! CPython's `random` module state: MT19937 with `init_by_array` seeding
//! (`Modules/_randommodule.c`), `getrandbits` and `_randbelow` (`Lib/random.py`), and the seed
//! conversions of `random.seed(a, version=2)` for `int`, `bool` and `float` seeds.

use num_bigint::BigInt;
use num_traits::Signed;

const N: usize = 624;
const M: usize = 397;

/// The Mersenne Twister state of one `random.Random` instance.
#[derive(Clone)]
pub(crate) struct Mt19937 {
    mt: Box<[u32; N]>,
    index: usize,
}

impl Mt19937 {
    /// `init_genrand(s)`.
    fn init_genrand(s: u32) -> Self {
        let mut mt = Box::new([0u32; N]);
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 { mt, index: N }
    }

    /// `init_by_array(key)`: CPython's seeding from the words of the seed.
    pub(crate) fn from_key(key: &[u32]) -> Self {
        let mut s = Self::init_genrand(19_650_218);
        let mt = &mut s.mt;
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        s
    }

    /// `random.seed(n)` for an integer `n` (its absolute value, split into 32-bit words,
    /// least significant first; `0` is the key `[0]`).
    pub(crate) fn from_int(n: &BigInt) -> Self {
        let words = n.abs().to_u32_digits().1;
        if words.is_empty() {
            Self::from_key(&[0])
        } else {
            Self::from_key(&words)
        }
    }

    /// `genrand_uint32()`.
    pub(crate) fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            let mt = &mut self.mt;
            for k in 0..N {
                let y = (mt[k] & 0x8000_0000) | (mt[(k + 1) % N] & 0x7fff_ffff);
                let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
                mt[k] = mt[(k + M) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `getrandbits(k)` for `0 <= k <= 64` (two words, low word first, above 32 bits).
    pub(crate) fn getrandbits(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.next_u32() >> (32 - k)),
            _ => {
                let low = u64::from(self.next_u32());
                let high = u64::from(self.next_u32() >> (64 - k));
                low | (high << 32)
            }
        }
    }

    /// `_randbelow_with_getrandbits(n)` for `n >= 1`: `getrandbits(n.bit_length())` with
    /// rejection, so the result is uniform in `0..n`.
    pub(crate) fn randbelow(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }
}

/// CPython's `hash(float)` (`_Py_HashDouble`, [`super::pyset::hash::hash_float`]) for a
/// finite or infinite float; `None` for NaN, whose hash depends on the object's address since
/// Python 3.10.
pub(crate) fn hash_float(v: f64) -> Option<i64> {
    (!v.is_nan()).then(|| super::pyset::hash::hash_float(v))
}
