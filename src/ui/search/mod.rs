//! Search UI: the header search box ([`SearchBox`], a WAI-ARIA combobox), the results page
//! ([`SearchPage`]) and highlighting inside a topic ([`highlight_in_page`]).
//!
//! All matching, ranking and snippet cutting lives in the pure [`crate::search`]; these
//! modules only render. The query is user input, so every highlighted piece is built as a
//! text node or a `<mark>` element holding a text node — never as HTML.
//!
//! Split in two (issue 17): the input, its keyboard handling and ARIA state and the results
//! page's heading come with the app; what runs a query and shows its hits (`found`: the index,
//! [`crate::search`]'s ranking; `popup`: the listbox; the results page's body) and the
//! highlighting inside a topic (`highlight`) are one lazily loaded chunk, requested at the first
//! focus or keystroke in the box, when a results page opens or when a topic opens with `?hl=`,
//! and reached only through [`SearchView`] and `ui::deferred::Part::Search`. Until it arrives
//! the box keeps what is typed; the first query runs when it does.
//!
//! The box and the results page share the page's query through [`SearchContext`], which
//! `App` provides: typing in the box on the results page updates the page in place. Both
//! search with the learner's current notes (`found::run` reads the progress store, so a note
//! edited on a topic page is found at once).

mod combobox;
mod found;
mod highlight;
mod popup;
mod results;

use leptos::prelude::*;

pub(crate) use combobox::SearchBox;
pub(crate) use results::SearchPage;

use crate::route::Route;
use crate::ui::deferred::{self, Part};

/// Characters of the query shown in messages (the full query can be 10,000 characters).
const SHOWN_QUERY_CHARS: usize = 40;

/// What the search box and the results page share; `App` provides it once
/// ([`SearchContext::provide`]) and they read it with [`use_context`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchContext {
    /// The query the results page shows: set when a results page opens, then by the search
    /// box while the reader types on it (once typing pauses).
    page_query: RwSignal<String>,
}

impl SearchContext {
    /// Creates the search state and provides it to every component under the current owner.
    pub(crate) fn provide() -> SearchContext {
        let ctx = SearchContext {
            page_query: RwSignal::new(String::new()),
        };
        provide_context(ctx);
        ctx
    }

    /// The context `App` provided; a component mounted outside `App` (e.g. alone in a test)
    /// gets its own rather than a panic.
    fn from_context() -> SearchContext {
        use_context().unwrap_or_else(SearchContext::provide)
    }

    /// A results page opens on `query`: the page's query, which the box may change later.
    fn open_page(self, query: String) -> ReadSignal<String> {
        self.page_query.set(query);
        self.page_query.read_only()
    }

    /// Sets the results page's query to `query` (a no-op once the app is gone; a results page
    /// opened later starts from its own route's query).
    fn show_on_page(self, query: String) {
        let _ = self.page_query.try_set(query);
    }
}

/// The combobox's state that its popup (loaded later) reads and writes: the box renders the
/// input, the popup the listbox of the hits for [`Combobox::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Combobox {
    /// What the input holds.
    text: RwSignal<String>,
    /// Whether the input wants the popup open (focused, typed into).
    open: RwSignal<bool>,
    /// Whether the popup is open (the input is focused, something is typed, not on the results
    /// page).
    show: Memo<bool>,
    /// The option the arrow keys selected: a hit's index, or the hits' count for "all results".
    active: RwSignal<Option<usize>>,
    /// Where each listed hit leads, in order; `None` until the popup's code has arrived (the
    /// arrow keys then have nothing to move through, and Enter opens the results page).
    targets: RwSignal<Option<Vec<Route>>>,
}

/// The search views that come with the search chunk: what `ui::deferred::Part::Search` builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchView {
    /// The search box's popup: the listbox of the best hits for what the box holds.
    Popup(Combobox),
    /// The results page's body below its heading, for the page's query.
    Results(SearchContext),
    /// No view: highlights the query [`highlight_in_page`] was last given inside the topic page.
    Highlight,
}

/// Builds `view` (called by the binary's `#[lazy]` search function, so that everything only
/// this reaches lands in the search chunk).
pub(crate) fn build(view: SearchView) -> AnyView {
    match view {
        SearchView::Popup(combo) => popup::popup(combo),
        SearchView::Results(ctx) => results::body(ctx),
        SearchView::Highlight => {
            // Still on a topic highlighting this query (not navigated away meanwhile).
            if let Some(query) = PENDING_HIGHLIGHT.take() {
                if let Route::Topic {
                    highlight: Some(q), ..
                } = crate::ui::browser::current_route()
                {
                    if q == query {
                        highlight::highlight_in_page(&query);
                    }
                }
            }
            ().into_any()
        }
    }
}

thread_local! {
    /// The query [`highlight_in_page`] was last given, until the search chunk highlights it.
    static PENDING_HIGHLIGHT: std::cell::RefCell<Option<String>> = Default::default();
}

/// Highlights `query` inside the rendered topic body and scrolls to the first match (with a bar
/// to step through them), as soon as the search chunk is here: at once when it already is (a
/// topic opened from search), else when it arrives (a cold deep link with `?hl=`).
pub(crate) fn highlight_in_page(query: &str) {
    PENDING_HIGHLIGHT.set(Some(query.to_string()));
    deferred::run(Part::Search(SearchView::Highlight));
}

/// `id` of the `i`-th option of the listbox (the hits, then "all results").
fn option_id(i: usize) -> String {
    format!("search-opt-{i}")
}

/// The query cut for display in messages.
fn shown(query: &str) -> String {
    let query = query.trim();
    match query.char_indices().nth(SHOWN_QUERY_CHARS) {
        Some((i, _)) => format!("{}…", &query[..i]),
        None => query.to_string(),
    }
}
