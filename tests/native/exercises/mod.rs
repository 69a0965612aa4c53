//! Native tests for `src/exercises`: CPython vectors, differential runs against python3, unit
//! cases and no-panic properties.

mod diff;
mod gen;
pub(crate) mod generated;
mod language;
mod panel;
mod ports_a;
mod ports_b;
mod props;
mod protocol;
mod pyset_diff;
mod unit;
mod vectors;

use mianshiti_playground::exercises::{run, Section};

/// The P1 exercise ids, in catalogue order.
pub(crate) const IDS: [&str; 10] = [
    "merge_sorted_lists",
    "reverse_number",
    "sort_dict_by_value",
    "day_of_year",
    "list_slice",
    "set_ops",
    "str_to_int",
    "remove_while_iterating",
    "closure_late_binding",
    "topk_word_freq",
];
use std::collections::BTreeMap;

/// Runs an exercise and returns `key -> value` with exceptions prefixed by `!`, or the input error.
pub(crate) fn run_map(
    id: &str,
    fields: &[(&str, &str)],
) -> Result<BTreeMap<String, String>, String> {
    match run(id, fields) {
        Ok(sections) => Ok(to_map(&sections)),
        Err(e) => Err(format!("InputError[{}]: {}", e.field, e.message)),
    }
}

pub(crate) fn to_map(sections: &[Section]) -> BTreeMap<String, String> {
    sections
        .iter()
        .map(|s| {
            let v = if s.is_exception {
                format!("!{}", s.value)
            } else {
                s.value.clone()
            };
            (s.key.to_string(), v)
        })
        .collect()
}
