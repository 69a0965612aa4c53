//! `str` character predicates from CPython 3.11's Unicode tables (`Objects/unicodectype.c`):
//! `isprintable`, `isspace`, `re`'s `\w`, and `unicodedata.decimal`. The tables are generated
//! (`src/exercises/unicode_tables.rs`, by `scripts/gen_unicode_tables.py`).

use std::cmp::Ordering;

use crate::exercises::unicode_tables::{DECIMAL, NON_PRINTABLE, SPACE, WORD};

/// Where the inclusive range `lo..=hi` lies relative to code point `cp` (for a binary search).
fn range_order(lo: u32, hi: u32, cp: u32) -> Ordering {
    if hi < cp {
        Ordering::Less
    } else if lo > cp {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

fn in_ranges(c: char, table: &[(u32, u32)]) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| range_order(lo, hi, cp))
        .is_ok()
}

/// Python's `str.isprintable()` for one character (CPython 3.11 tables).
pub fn is_printable(c: char) -> bool {
    !in_ranges(c, NON_PRINTABLE)
}

/// `re`'s word character for `str` patterns: `c.isalnum() or c == '_'` (CPython 3.11 tables).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_ranges(c, WORD)
}

/// Python's `str.isspace()` for one character.
pub fn is_space(c: char) -> bool {
    in_ranges(c, SPACE)
}

/// The value of a Unicode decimal digit (`unicodedata.decimal`), if `c` is one.
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if c.is_ascii_digit() {
        return Some(cp - '0' as u32);
    }
    let idx = DECIMAL
        .binary_search_by(|&(lo, hi, _)| range_order(lo, hi, cp))
        .ok()?;
    DECIMAL.get(idx).map(|&(_, _, zero)| cp - zero)
}
