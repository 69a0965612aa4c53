//! CPython 3.11's `hash()` for the hashable values the parser can build: `long_hash`
//! (Objects/longobject.c), `_Py_HashDouble` (Python/pyhash.c), `tuplehash` (Objects/tupleobject.c,
//! the xxHash-based one of 3.8+), `frozenset_hash` (Objects/setobject.c) and, for `str`,
//! SipHash-1-3 over the string's PEP 393 storage with the all-zero key that `PYTHONHASHSEED=0`
//! selects (Python/pyhash.c).
//!
//! Two hashes are not reproducible in CPython 3.11 itself: `hash(None)` is derived from the
//! object's address (3.12 made it the constant `0xFCA86420`, used here) and a NaN hashes by
//! identity (modelled as 0, the pre-3.10 value).

use num_bigint::{BigInt, Sign};

use crate::exercises::pyvalue::{PyErr, PyResult, PyValue};

/// `sys.hash_info.modulus`: the Mersenne prime 2**61 - 1.
pub const MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.inf`.
const HASH_INF: i64 = 314_159;
/// `hash(None)` from CPython 3.12 on (3.11 uses the object's address).
pub const NONE_HASH: i64 = 0xFCA8_6420;

/// `hash(v)`, or CPython's `TypeError: unhashable type`.
pub fn py_hash(v: &PyValue) -> PyResult<i64> {
    Ok(match v {
        PyValue::None => NONE_HASH,
        PyValue::Bool(b) => i64::from(*b),
        PyValue::Int(i) => hash_int(i),
        PyValue::Float(f) => hash_float(*f),
        PyValue::Str(s) => hash_str(s),
        PyValue::Tuple(items) => hash_tuple(items)?,
        PyValue::FrozenSet(items) => frozenset_hash(items)?,
        other => {
            return Err(PyErr::new(
                "TypeError",
                format!("unhashable type: '{}'", other.type_name()),
            ))
        }
    })
}

/// `long_hash`: the value modulo 2**61 - 1 with the sign of the value; -1 becomes -2.
pub fn hash_int(i: &BigInt) -> i64 {
    let (sign, digits) = i.to_u64_digits();
    // Reduce base-2**64 digits modulo 2**61 - 1 (2**64 ≡ 8).
    let mut x: u128 = 0;
    for d in digits.iter().rev() {
        x = ((x << 64) | u128::from(*d)) % u128::from(MODULUS);
    }
    let x = x as i64;
    let h = if sign == Sign::Minus { -x } else { x };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `_Py_HashDouble` for a float (integral floats hash as the equal int).
pub fn hash_float(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    } as u32;
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

/// C's `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1` (or `m == 0`).
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `unicode_hash` with `PYTHONHASHSEED=0`: SipHash-1-3, key zero, over the PEP 393 storage
/// (1, 2 or 4 bytes per character, little-endian, chosen by the largest code point).
pub fn hash_str(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let max = s.chars().map(u32::from).max().unwrap_or(0);
    let width = if max < 0x100 {
        1
    } else if max < 0x1_0000 {
        2
    } else {
        4
    };
    let mut bytes = Vec::with_capacity(s.len() * width);
    for c in s.chars() {
        bytes.extend_from_slice(&u32::from(c).to_le_bytes()[..width]);
    }
    let h = siphash13(0, 0, &bytes) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// SipHash-1-3 (one compression round, three finalisation rounds), as `siphash13` in
/// Python/pyhash.c.
fn siphash13(k0: u64, k1: u64, src: &[u8]) -> u64 {
    let mut v0 = k0 ^ 0x736f_6d65_7073_6575;
    let mut v1 = k1 ^ 0x646f_7261_6e64_6f6d;
    let mut v2 = k0 ^ 0x6c79_6765_6e65_7261;
    let mut v3 = k1 ^ 0x7465_6462_7974_6573;
    let round = |v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64| {
        *v0 = v0.wrapping_add(*v1);
        *v1 = v1.rotate_left(13);
        *v1 ^= *v0;
        *v0 = v0.rotate_left(32);
        *v2 = v2.wrapping_add(*v3);
        *v3 = v3.rotate_left(16);
        *v3 ^= *v2;
        *v0 = v0.wrapping_add(*v3);
        *v3 = v3.rotate_left(21);
        *v3 ^= *v0;
        *v2 = v2.wrapping_add(*v1);
        *v1 = v1.rotate_left(17);
        *v1 ^= *v2;
        *v2 = v2.rotate_left(32);
    };
    let mut chunks = src.chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let mi = u64::from_le_bytes(w);
        v3 ^= mi;
        round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= mi;
    }
    let rest = chunks.remainder();
    let mut t = (src.len() as u64) << 56;
    for (n, b) in rest.iter().enumerate() {
        t |= u64::from(*b) << (8 * n);
    }
    v3 ^= t;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= t;
    v2 ^= 0xff;
    for _ in 0..3 {
        round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    v0 ^ v1 ^ v2 ^ v3
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `tuplehash` (xxHash-based, CPython 3.8+).
pub fn hash_tuple(items: &[PyValue]) -> PyResult<i64> {
    let mut acc = XXPRIME_5;
    for item in items {
        let lane = py_hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return Ok(1_546_275_796);
    }
    Ok(acc as i64)
}

/// `frozenset_hash`: order-independent, over the distinct elements' hashes.
fn frozenset_hash(items: &[PyValue]) -> PyResult<i64> {
    let shuffle = |h: u64| ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167);
    let set = super::PySet::from_items(items)?;
    let mut hash: u64 = 0;
    for (h, _) in set.entries() {
        hash ^= shuffle(h as u64);
    }
    hash ^= (set.len() as u64 + 1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        hash = 590_923_713;
    }
    Ok(hash as i64)
}
