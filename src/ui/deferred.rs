//! The parts of the UI a first topic does not need (the pages `#/progress`, `#/review`,
//! `#/notes`, `#/py`, the exercise panels and, inside them, the top-k exercise's word-file
//! reader, a topic's 代码预测 cards, the Python tools of the notes' code blocks, and search: what
//! runs a query, the search box's popup, the results page's body, the highlighting in a topic),
//! each in its own lazily loaded wasm chunk (issue 17: the critical path carries only what a
//! first topic shows).
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// A topic's 代码预测 cards (the list under the section's heading), by topic slug.
    Predict(&'static str),
    /// The Python blocks' tools (运行, 编辑, 对比…, `ui::pytools`): installs them and handles
    /// what waited for them; its view is empty.
    PyTools,
    /// One exercise panel (`ui::exercise`), with what the page knows about it.
    Exercise(PanelArgs),
}

/// What a page hands an exercise panel it builds through [`Part::Exercise`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanelArgs {
    /// The exercise's id in `exercises::registry`.
    pub id: &'static str,
    /// The link's `(field, value)` query parameters (empty on a topic page).
    pub params: Vec<(String, String)>,
    /// True on the exercise's own page (`#/ex/<id>`): typing updates the URL. On a topic page
    /// the panel is followed by a link to that page instead.
    pub sync_url: bool,
    /// Whether the page shows the note this Python comes from (see `ExercisePanel`).
    pub python_in_note: bool,
}

/// Loads a part's chunk (on first use) and builds the part: a future resolving to its view.
pub type Loader = fn(Part) -> Pin<Box<dyn Future<Output = AnyView> + Send>>;

static LOADER: OnceLock<Loader> = OnceLock::new();

/// Installs the binary's loader; the first call wins.
pub(crate) fn set_loader(loader: Loader) {
    let _ = LOADER.set(loader);
}

/// Loads a part's chunk and builds the part: `None` when the binary installed no loader.
pub(crate) fn load(part: Part) -> Option<Pin<Box<dyn Future<Output = AnyView> + Send>>> {
    LOADER.get().map(|load| load(part))
}

/// The view of a deferred part: empty until its chunk has arrived, then the part.
pub(crate) fn show(part: Part) -> AnyView {
    match load(part) {
        Some(part) => Suspend::new(part).into_any(),
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

/// What a part shows when its chunk could not be downloaded (offline before the service
/// worker cached it, a server error): the binary's split points return it.
pub fn failed() -> AnyView {
    view! {
        <p class="small error" role="alert" data-chunk="failed">
            "这部分的代码没能下载，请检查网络后刷新重试。"
        </p>
    }
    .into_any()
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

/// `#/py`: the Python tools are wired first (the page's blocks use them).
pub fn scratchpad() -> AnyView {
    super::pytools::install_tools();
    view! { <super::pyedit::ScratchpadPage /> }.into_any()
}

/// A topic's 代码预测 cards.
pub fn predict(slug: &'static str) -> AnyView {
    view! { <super::predict::PredictCards slug=slug /> }.into_any()
}

/// The Python blocks' tools: wired, then the topic mount and the events that waited for them.
pub fn python_tools() -> AnyView {
    super::pytools::install_tools();
    ().into_any()
}

/// The top-k exercise's word-file reader.
pub fn word_file() -> AnyView {
    view! { <super::wordfile::WordFile /> }.into_any()
}

/// Search: the search box's popup, the results page's body, or the highlighting in a topic.
pub fn search(view: SearchView) -> AnyView {
    super::search::build(view)
}

/// The Python tools' chunk could not be downloaded: the blocks waiting for it say so.
pub fn python_tools_failed() {
    super::pytools::failed();
}

/// An exercise panel; on a topic page followed by the link to the exercise's own page. An
/// unknown id shows nothing (pages look the id up before they ask for a panel).
pub fn exercise(args: PanelArgs) -> AnyView {
    let Some(info) = crate::exercises::find(args.id) else {
        return ().into_any();
    };
    let initial = super::exercise::initial_inputs(info, &args.params);
    let own_page = (!args.sync_url).then(|| {
        view! {
            <p class="small"><a href=crate::route::exercise_hash(info.id)>"在单独页面打开这个练习 →"</a></p>
        }
    });
    view! {
        <super::exercise::ExercisePanel info=info initial=initial sync_url=args.sync_url
            python_in_note=args.python_in_note />
        {own_page}
    }
    .into_any()
}
