//! The sorted set itself, as Redis 7.0.15 keeps it (`t_zset.c`): member → score plus the
//! (score, member) order, the listpack → skiplist conversion rule, `zrangespec` score bounds
//! and rank-range sanitising.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::exercises::redis_reply::strtod;

/// `zset-max-listpack-entries` and `zset-max-listpack-value` (the 7.0 defaults).
pub(super) const LISTPACK_ENTRIES: usize = 128;
pub(super) const LISTPACK_VALUE: usize = 64;

/// One sorted set: member → score, and (score, member) in order.
#[derive(Default)]
pub(super) struct ZSet {
    pub(super) scores: HashMap<Vec<u8>, f64>,
    pub(super) order: Vec<(f64, Vec<u8>)>,
    /// Whether it has been converted from a listpack to a skiplist (never converted back).
    pub(super) skiplist: bool,
}

impl ZSet {
    /// A listpack stores scores as text (`d2string`/`double2ll`), which turns `-0` into `0`.
    pub(super) fn stored(&self, score: f64) -> f64 {
        if !self.skiplist && score == 0.0 {
            0.0
        } else {
            score
        }
    }
    pub(super) fn insert(&mut self, member: &[u8], score: f64) {
        if !self.skiplist
            && (self.scores.len() + 1 > LISTPACK_ENTRIES || member.len() > LISTPACK_VALUE)
        {
            self.skiplist = true;
        }
        let score = self.stored(score);
        self.remove(member);
        self.scores.insert(member.to_vec(), score);
        let at = self.find(score, member).unwrap_or_else(|i| i);
        self.order.insert(at, (score, member.to_vec()));
    }
    pub(super) fn remove(&mut self, member: &[u8]) -> bool {
        match self.scores.remove(member) {
            Some(old) => {
                if let Ok(at) = self.find(old, member) {
                    self.order.remove(at);
                }
                true
            }
            None => false,
        }
    }
    pub(super) fn len(&self) -> usize {
        self.scores.len()
    }
    /// Where `(score, member)` is (or would go) in `order`: by score, then by member bytes.
    pub(super) fn find(&self, score: f64, member: &[u8]) -> Result<usize, usize> {
        self.order.binary_search_by(|(s, m)| {
            s.partial_cmp(&score)
                .unwrap_or(Ordering::Equal)
                .then_with(|| m.as_slice().cmp(member))
        })
    }
    pub(super) fn rank(&self, member: &[u8]) -> Option<usize> {
        let s = *self.scores.get(member)?;
        self.find(s, member).ok()
    }
}

/// `zrangespec`: score bounds, `(` for exclusive.
pub(super) struct Range {
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) minex: bool,
    pub(super) maxex: bool,
}

impl Range {
    pub(super) fn parse(min: &[u8], max: &[u8]) -> Option<Range> {
        let one = |b: &[u8]| -> Option<(f64, bool)> {
            let (ex, text) = match b.split_first() {
                Some((b'(', rest)) => (true, rest),
                _ => (false, b),
            };
            let (v, n, _) = strtod(text);
            (n == text.len() && !v.is_nan()).then_some((v, ex))
        };
        let (min, minex) = one(min)?;
        let (max, maxex) = one(max)?;
        Some(Range {
            min,
            max,
            minex,
            maxex,
        })
    }
    pub(super) fn is_empty(&self) -> bool {
        self.min > self.max || (self.min == self.max && (self.minex || self.maxex))
    }
    pub(super) fn gte_min(&self, v: f64) -> bool {
        if self.minex {
            v > self.min
        } else {
            v >= self.min
        }
    }
    pub(super) fn lte_max(&self, v: f64) -> bool {
        if self.maxex {
            v < self.max
        } else {
            v <= self.max
        }
    }
}

/// `Z[REV]RANGE`'s and `ZREMRANGEBYRANK`'s index sanitising: negative indices count from the
/// end, `start` is clamped at 0 and `end` at the last index. `(first, count)`, `None` if empty.
pub(super) fn rank_span(len: i64, start: i64, end: i64) -> Option<(usize, usize)> {
    let start = if start < 0 { len + start } else { start }.max(0);
    let end = if end < 0 { len + end } else { end };
    if start > end || start >= len {
        return None;
    }
    let end = end.min(len - 1);
    Some((start as usize, (end - start + 1) as usize))
}
