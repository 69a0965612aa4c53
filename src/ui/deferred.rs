//! The parts of the UI a first topic does not need (the pages `#/progress`, `#/review`,
//! `#/notes`, `#/py`, the top-k exercise's word-file reader, and search: what runs a query, the
//! search box's popup, the results page's body, the highlighting in a topic), each in its own
//! lazily loaded wasm chunk (issue 17: the critical path carries only the reading and exercise
//! code).
//!
//! The split points are `#[lazy]` functions in the binary (`src/main.rs`), not here: a
//! `#[lazy]` function exports a symbol, and every binary that links this library (the engine
//! worker too) would keep every part they reach. The binary hands [`start`](super::start) a
//! [`Loader`] that calls them; this library reaches these parts only through it, so the linker
//! and `scripts/wasm-split.mjs` can move their code out of the main module.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use leptos::prelude::*;

pub use super::search::SearchView;
use crate::progress::ReviewFilter;

/// A part of the UI whose code is loaded on first use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// `#/progress`: overview, review queue, activity, bookmarks, import/export, settings.
    Progress,
    /// `#/review`: the review session, showing the cards the filter admits.
    Review(ReviewFilter),
    /// `#/notes`: the learner's notes.
    Notes,
    /// `#/py`: the Python scratchpad.
    Scratchpad,
    /// The top-k exercise's reader of a local word file (a panel inside the exercise).
    WordFile,
    /// Search: the search box's popup, the results page's body, the highlighting inside a
    /// topic (one chunk for all).
    Search(SearchView),
}

/// Loads a part's chunk (on first use) and builds the part: a future resolving to its view.
pub type Loader = fn(Part) -> Pin<Box<dyn Future<Output = AnyView> + Send>>;

static LOADER: OnceLock<Loader> = OnceLock::new();

/// Installs the binary's loader; the first call wins.
pub(crate) fn set_loader(loader: Loader) {
    let _ = LOADER.set(loader);
}

/// The view of a deferred part: empty until its chunk has arrived, then the part.
pub(crate) fn show(part: Part) -> AnyView {
    match LOADER.get() {
        Some(load) => Suspend::new(load(part)).into_any(),
        None => view! {
            <div class="panel error" role="alert">
                <p>"这部分的代码没有随应用加载，请刷新重试。"</p>
            </div>
        }
        .into_any(),
    }
}

/// Loads `part`'s chunk (on first use) and builds it for what building it does, dropping the
/// view: a part that acts on the page rather than rendering (e.g. search's highlighting).
pub(crate) fn run(part: Part) {
    if let Some(load) = LOADER.get() {
        let built = load(part);
        wasm_bindgen_futures::spawn_local(async move {
            drop(built.await);
        });
    }
}

// The parts themselves, built synchronously: what the binary's `#[lazy]` functions call. One
// function per part, so each part's code lands in its own chunk.

/// `#/progress`.
pub fn progress() -> AnyView {
    view! { <super::progress::ProgressPage /> }.into_any()
}

/// `#/review`, showing the cards `only` admits.
pub fn review(only: ReviewFilter) -> AnyView {
    view! { <super::progress::ReviewPage only=only /> }.into_any()
}

/// `#/notes`.
pub fn notes() -> AnyView {
    view! { <super::progress::NotesPage /> }.into_any()
}

/// `#/py`.
pub fn scratchpad() -> AnyView {
    view! { <super::pyedit::ScratchpadPage /> }.into_any()
}

/// The top-k exercise's word-file reader.
pub fn word_file() -> AnyView {
    view! { <super::wordfile::WordFile /> }.into_any()
}

/// Search: the search box's popup, the results page's body, or the highlighting in a topic.
pub fn search(view: SearchView) -> AnyView {
    super::search::build(view)
}
