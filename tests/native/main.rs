//! The one native integration test binary: `cargo test --test native`.

mod bundle;
mod cards;
mod content;
mod exercises;
mod index_sort;
mod progress;
mod progress_cards;
mod progress_import;
mod progress_session;
mod pyedit;
mod pyrun;
mod render;
mod route;
mod search;
mod tidy;
