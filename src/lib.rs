//! 面试题 Playground: a pure core (notes, search, exercises, progress, routes) plus a thin Leptos UI.
//!
//! Everything outside `ui` and `storage` is plain Rust with no browser imports,
//! tested natively by `tests/native`. See ARCHITECTURE.md.

pub mod cards;
pub mod exercises;
pub mod index_sort;
pub mod notes;
pub mod progress;
pub mod route;
pub mod search;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
