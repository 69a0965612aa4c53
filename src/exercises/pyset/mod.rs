//! CPython 3.11's set table (Objects/setobject.c), slot for slot, so a set iterates and prints
//! in exactly CPython's order: 8 slots to start, linear probing over `LINEAR_PROBES` = 9
//! neighbours then perturbed jumps, growth when `fill * 5 >= mask * 3` to the smallest power of
//! two above `used * 4` (`used * 2` past 50,000), dummies left by `discard`, and the operators
//! `|`, `&`, `-`, `^` as `set_or`, `set_intersection`, `set_difference` and
//! `set_symmetric_difference` build their results.
//!
//! Element order follows from the hashes in [`hash`]: deterministic for numbers and tuples of
//! them; for `str` it is the order of a CPython run with `PYTHONHASHSEED=0`.

pub mod hash;

use super::pyvalue::{HashKey, PyResult, PyValue};

pub use hash::py_hash;

/// `LINEAR_PROBES` in Objects/setobject.c.
const LINEAR_PROBES: usize = 9;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// `PySet_MINSIZE`.
const MINSIZE: usize = 8;

#[derive(Clone, Debug)]
enum Slot {
    /// Never used (`key == NULL`).
    Empty,
    /// A discarded element (`key == dummy`, `hash == -1`).
    Dummy,
    /// An element with its hash.
    Active {
        hash: i64,
        key: HashKey,
        value: PyValue,
    },
}

/// A CPython set table: `fill` counts active and dummy slots, `used` active ones.
#[derive(Clone, Debug)]
pub struct PySet {
    table: Vec<Slot>,
    fill: usize,
    used: usize,
}

impl Default for PySet {
    fn default() -> Self {
        PySet::new()
    }
}

/// Where a probe for a key ended.
enum Probe {
    /// An active slot holding an equal key.
    Found(usize),
    /// Not present: the slot to insert into (the last dummy seen, else the empty slot).
    Absent {
        empty: usize,
        freeslot: Option<usize>,
    },
}

impl PySet {
    /// An empty set (`set()`): 8 empty slots.
    pub fn new() -> Self {
        PySet {
            table: vec![Slot::Empty; MINSIZE],
            fill: 0,
            used: 0,
        }
    }

    /// `set(iterable)` for values added one by one (a literal `{…}`, a list, a tuple, a str's
    /// characters): `set_update_iterable`.
    pub fn from_items(items: &[PyValue]) -> PyResult<Self> {
        let mut s = PySet::new();
        for v in items {
            s.add(v.clone())?;
        }
        Ok(s)
    }

    /// `set(d)` for a dict's keys (`set_update_dict`: one resize up front, then the keys in
    /// order).
    pub fn from_dict_keys(keys: &[PyValue]) -> PyResult<Self> {
        let mut s = PySet::new();
        if (s.fill + keys.len()) * 5 >= s.mask() * 3 {
            s.resize((s.used + keys.len()) * 2);
        }
        for k in keys {
            s.add(k.clone())?;
        }
        Ok(s)
    }

    /// Number of elements (`len`).
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Elements in iteration order (`set_next`), with their hashes.
    pub fn entries(&self) -> impl Iterator<Item = (i64, &PyValue)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active { hash, value, .. } => Some((*hash, value)),
            _ => None,
        })
    }

    /// Elements in iteration order.
    pub fn values(&self) -> Vec<PyValue> {
        self.entries().map(|(_, v)| v.clone()).collect()
    }

    fn active(&self) -> impl Iterator<Item = (i64, &HashKey, &PyValue)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active { hash, key, value } => Some((*hash, key, value)),
            _ => None,
        })
    }

    /// The probe of `set_add_entry`/`set_lookkey` for `key`.
    fn probe(&self, key: &HashKey, hash: i64) -> Probe {
        let mut freeslot = None;
        for j in probe_sequence(hash, self.mask()) {
            match &self.table[j] {
                Slot::Empty => return Probe::Absent { empty: j, freeslot },
                Slot::Active {
                    hash: h, key: k, ..
                } if *h == hash && k == key => return Probe::Found(j),
                Slot::Dummy => freeslot = Some(j),
                Slot::Active { .. } => {}
            }
        }
        unreachable!("the probe sequence never ends")
    }

    /// `set.add(v)` (`set_add_key`).
    pub fn add(&mut self, v: PyValue) -> PyResult<()> {
        let key = v.hash_key()?;
        let hash = py_hash(&v)?;
        self.add_entry(hash, key, v);
        Ok(())
    }

    /// `set_add_entry`: an equal element already present stays (and keeps its representative).
    fn add_entry(&mut self, hash: i64, key: HashKey, value: PyValue) {
        match self.probe(&key, hash) {
            Probe::Found(_) => {}
            Probe::Absent {
                freeslot: Some(j), ..
            } => {
                self.table[j] = Slot::Active { hash, key, value };
                self.used += 1;
            }
            Probe::Absent { empty, .. } => {
                self.table[empty] = Slot::Active { hash, key, value };
                self.fill += 1;
                self.used += 1;
                if self.fill * 5 >= self.mask() * 3 {
                    self.resize(grow_target(self.used));
                }
            }
        }
    }

    /// Whether an equal element is present (`set_contains_entry`).
    pub fn contains(&self, v: &PyValue) -> PyResult<bool> {
        Ok(self.contains_entry(&v.hash_key()?, py_hash(v)?))
    }

    fn contains_entry(&self, key: &HashKey, hash: i64) -> bool {
        matches!(self.probe(key, hash), Probe::Found(_))
    }

    /// `set.discard(v)`: leaves a dummy slot; returns whether it was present.
    pub fn discard(&mut self, v: &PyValue) -> PyResult<bool> {
        Ok(self.discard_entry(&v.hash_key()?, py_hash(v)?))
    }

    fn discard_entry(&mut self, key: &HashKey, hash: i64) -> bool {
        match self.probe(key, hash) {
            Probe::Found(j) => {
                self.table[j] = Slot::Dummy;
                self.used -= 1;
                true
            }
            Probe::Absent { .. } => false,
        }
    }

    /// `set_table_resize`: a table of the smallest power of two above `minused` (at least 8),
    /// the active elements reinserted in slot order with `set_insert_clean`.
    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        if newsize == MINSIZE && self.table.len() == MINSIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; newsize]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active { hash, key, value } = slot {
                self.insert_clean(hash, key, value);
            }
        }
    }

    /// `set_insert_clean`: into the first empty slot of the probe sequence.
    fn insert_clean(&mut self, hash: i64, key: HashKey, value: PyValue) {
        let empty =
            probe_sequence(hash, self.mask()).find(|&j| matches!(self.table[j], Slot::Empty));
        if let Some(j) = empty {
            self.table[j] = Slot::Active { hash, key, value };
        }
    }

    /// `set_merge`: `self.update(other)` for a set `other`.
    fn merge(&mut self, other: &PySet) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            // Same size, no dummies: copy the table slot for slot.
            self.table = other.table.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (hash, key, value) in other.active() {
                self.insert_clean(hash, key.clone(), value.clone());
            }
            return;
        }
        for (hash, key, value) in other.active() {
            self.add_entry(hash, key.clone(), value.clone());
        }
    }

    /// `s.copy()` / `set(s)` (`set_copy`: a new set merged from `self`).
    pub fn copy(&self) -> PySet {
        let mut out = PySet::new();
        out.merge(self);
        out
    }

    /// `self | other` (`set_or`: a copy of `self`, then `other` merged in).
    pub fn union(&self, other: &PySet) -> PySet {
        let mut out = self.copy();
        out.merge(other);
        out
    }

    /// `self & other` (`set_intersection`): walks the smaller set (`other` on a tie) and keeps
    /// its elements that the other contains.
    pub fn intersection(&self, other: &PySet) -> PySet {
        let (big, small) = if other.used > self.used {
            (other, self)
        } else {
            (self, other)
        };
        let mut out = PySet::new();
        for (hash, key, value) in small.active() {
            if big.contains_entry(key, hash) {
                out.add_entry(hash, key.clone(), value.clone());
            }
        }
        out
    }

    /// `self - other` (`set_difference`): when `self` is more than four times larger, a copy
    /// with `other`'s elements discarded (then resized if over a quarter are dummies);
    /// otherwise a new set of `self`'s elements not in `other`.
    pub fn difference(&self, other: &PySet) -> PySet {
        if (self.used >> 2) > other.used {
            let mut out = self.copy();
            for (hash, key, _) in other.active() {
                out.discard_entry(key, hash);
            }
            if out.fill - out.used > out.mask() / 4 {
                out.resize(grow_target(out.used));
            }
            return out;
        }
        let mut out = PySet::new();
        for (hash, key, value) in self.active() {
            if !other.contains_entry(key, hash) {
                out.add_entry(hash, key.clone(), value.clone());
            }
        }
        out
    }

    /// `self ^ other` (`set_symmetric_difference`): a copy of `other`, then each element of
    /// `self` discarded from it, or added when it was absent.
    pub fn symmetric_difference(&self, other: &PySet) -> PySet {
        let mut out = other.copy();
        for (hash, key, value) in self.active() {
            if !out.discard_entry(key, hash) {
                out.add_entry(hash, key.clone(), value.clone());
            }
        }
        out
    }

    /// `repr(s)`: `set()`, or `{…}` in iteration order; `frozenset()` / `frozenset({…})` when
    /// `frozen`.
    pub fn repr(&self, frozen: bool) -> PyResult<String> {
        let items = PyValue::List(self.values()).repr()?;
        let inner = &items[1..items.len() - 1];
        Ok(match (frozen, self.is_empty()) {
            (false, true) => "set()".into(),
            (false, false) => format!("{{{inner}}}"),
            (true, true) => "frozenset()".into(),
            (true, false) => format!("frozenset({{{inner}}})"),
        })
    }
}

/// The slots a probe for `hash` visits, without end: slot `i = hash & mask` and, when they fit
/// below the end of the table, its `LINEAR_PROBES` neighbours; then
/// `i = (i * 5 + 1 + perturb) & mask` with `perturb` shifted right 5 bits each time.
fn probe_sequence(hash: i64, mask: usize) -> impl Iterator<Item = usize> {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    let mut j = i;
    let mut last = if i + LINEAR_PROBES <= mask {
        i + LINEAR_PROBES
    } else {
        i
    };
    std::iter::from_fn(move || {
        if j > last {
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
            j = i;
            last = if i + LINEAR_PROBES <= mask {
                i + LINEAR_PROBES
            } else {
                i
            };
        }
        j += 1;
        Some(j - 1)
    })
}

/// The size `set_add_entry` and `set_difference_update` grow or shrink to.
fn grow_target(used: usize) -> usize {
    if used > 50_000 {
        used * 2
    } else {
        used * 4
    }
}

impl PySet {
    /// `set(v)` for any value the parser builds: one by one for a list, tuple or str; a dict's
    /// keys through `set_update_dict`; a set or frozenset (given by its insertion order) copied
    /// with `set_merge`. `TypeError` when `v` is not iterable or holds an unhashable element.
    pub fn from_iterable(v: &PyValue) -> PyResult<Self> {
        match v {
            PyValue::List(x) | PyValue::Tuple(x) => PySet::from_items(x),
            PyValue::Str(s) => {
                let chars: Vec<PyValue> = s.chars().map(|c| PyValue::Str(c.to_string())).collect();
                PySet::from_items(&chars)
            }
            PyValue::Dict(pairs) => {
                let keys: Vec<PyValue> = pairs.iter().map(|(k, _)| k.clone()).collect();
                PySet::from_dict_keys(&keys)
            }
            PyValue::Set(x) | PyValue::FrozenSet(x) => Ok(PySet::from_items(x)?.copy()),
            other => Err(super::pyvalue::PyErr::new(
                "TypeError",
                format!("'{}' object is not iterable", other.type_name()),
            )),
        }
    }
}

/// Whether `v` holds a value whose hash CPython 3.11 does not fix across runs: a `str`
/// (randomised unless `PYTHONHASHSEED` is set), `None` (hashed by address) or a NaN (by
/// identity), directly or inside a tuple or frozenset.
pub fn has_run_dependent_hash(v: &PyValue) -> bool {
    match v {
        PyValue::Str(_) | PyValue::None => true,
        PyValue::Float(f) => f.is_nan(),
        PyValue::Tuple(x) | PyValue::FrozenSet(x) => x.iter().any(has_run_dependent_hash),
        _ => false,
    }
}
