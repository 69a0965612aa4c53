//! The run table: for each exercise of `registry.rs` (same ids, same order; a native test
//! checks both), the port that runs it and its random-input generator. Only [`super::run`] and
//! [`super::generate`] read it, so a binary that never calls them (the page's wasm, whose
//! exercises run in the engine worker) links none of the ports.

use super::{
    bloom, c3_mro, closure, day_of_year, defaultdict_demo, dir_walk, http_status, list_slice,
    merge, metaclass, most_frequent, observer, redis_cluster_slot, redis_zset, remove_while,
    reverse_number, set_ops, shuffle, sort_dict, str_to_int, tcp, topk, url_parts, yield_send,
};
use super::{GenerateFn, RunFn};

/// How one exercise runs.
pub(crate) struct Runner {
    /// The exercise's id, as in `registry::EXERCISES`.
    pub(crate) id: &'static str,
    /// The port of the notes' code.
    pub(crate) run: RunFn,
    /// Random large inputs, for the exercises whose inputs are lists or text.
    pub(crate) generate: Option<GenerateFn>,
}

/// Every exercise's runner, in `registry::EXERCISES` order.
pub(crate) static RUNNERS: &[Runner] = &[
    Runner {
        id: "day_of_year",
        run: day_of_year::run,
        generate: None,
    },
    Runner {
        id: "sort_dict_by_value",
        run: sort_dict::run,
        generate: None,
    },
    Runner {
        id: "list_slice",
        run: list_slice::run,
        generate: None,
    },
    Runner {
        id: "set_ops",
        run: set_ops::run,
        generate: Some(set_ops::generate),
    },
    Runner {
        id: "reverse_number",
        run: reverse_number::run,
        generate: None,
    },
    Runner {
        id: "remove_while_iterating",
        run: remove_while::run,
        generate: Some(remove_while::generate),
    },
    Runner {
        id: "str_to_int",
        run: str_to_int::run,
        generate: None,
    },
    Runner {
        id: "merge_sorted_lists",
        run: merge::run,
        generate: Some(merge::generate),
    },
    Runner {
        id: "closure_late_binding",
        run: closure::run,
        generate: None,
    },
    Runner {
        id: "topk_word_freq",
        run: topk::run,
        generate: Some(topk::generate),
    },
    Runner {
        id: "shuffle",
        run: shuffle::run,
        generate: Some(shuffle::generate),
    },
    Runner {
        id: "metaclass_order",
        run: metaclass::run,
        generate: None,
    },
    Runner {
        id: "yield_send",
        run: yield_send::run,
        generate: None,
    },
    Runner {
        id: "observer",
        run: observer::run,
        generate: None,
    },
    Runner {
        id: "dir_walk",
        run: dir_walk::run,
        generate: None,
    },
    Runner {
        id: "bloom_vs_bitmap",
        run: bloom::run,
        generate: None,
    },
    Runner {
        id: "tcp_state_machine",
        run: tcp::run,
        generate: None,
    },
    Runner {
        id: "c3_mro",
        run: c3_mro::run,
        generate: None,
    },
    Runner {
        id: "redis_cluster_slot",
        run: redis_cluster_slot::run,
        generate: None,
    },
    Runner {
        id: "most_frequent",
        run: most_frequent::run,
        generate: Some(most_frequent::generate),
    },
    Runner {
        id: "defaultdict_demo",
        run: defaultdict_demo::run,
        generate: Some(defaultdict_demo::generate),
    },
    Runner {
        id: "http_status",
        run: http_status::run,
        generate: None,
    },
    Runner {
        id: "url_parts",
        run: url_parts::run,
        generate: None,
    },
    Runner {
        id: "redis_zset",
        run: redis_zset::run,
        generate: None,
    },
];
