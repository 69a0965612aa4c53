//! Search UI: the header search box ([`SearchBox`], a WAI-ARIA combobox), the results page
//! ([`SearchPage`]) and highlighting inside a topic ([`highlight_in_page`]).
//!
//! All matching, ranking and snippet cutting lives in the pure [`crate::search`]; these
//! modules only render. The query is user input, so every highlighted piece is built as a
//! text node or a `<mark>` element holding a text node — never as HTML.
//!
//! The box and the results page share the page's query through [`SearchContext`], which
//! `App` provides: typing in the box on the results page updates the page in place.

mod combobox;
mod highlight;
mod results;

use std::sync::OnceLock;

use leptos::prelude::*;

pub(crate) use combobox::SearchBox;
pub(crate) use highlight::highlight_in_page;
pub(crate) use results::SearchPage;

use crate::route::Route;
use crate::search::{find_ranges, parse_query, segments, Hit, HitKind, SearchIndex};

/// Characters of the query shown in messages (the full query can be 10,000 characters).
const SHOWN_QUERY_CHARS: usize = 40;

/// What the search box and the results page share; `App` provides it once
/// ([`SearchContext::provide`]) and they read it with [`use_context`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct SearchContext {
    /// The query the results page shows: set when a results page opens, then by the search
    /// box while the reader types on it (once typing pauses).
    page_query: RwSignal<String>,
}

impl SearchContext {
    /// Creates the search state and provides it to every component under the current owner.
    pub(crate) fn provide() {
        provide_context(SearchContext {
            page_query: RwSignal::new(String::new()),
        });
    }

    /// The context `App` provided.
    fn from_context() -> SearchContext {
        use_context().expect("App provides the SearchContext")
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

static INDEX: OnceLock<SearchIndex> = OnceLock::new();

/// The index over the notes bundle's rendered bodies and every exercise, built on first use
/// (a few ms) and kept for the page's lifetime, like the catalogue and the bodies it is built
/// from (while the bundle is unavailable, topics are found by title).
fn index() -> Option<&'static SearchIndex> {
    let cat = super::catalogue().ok()?;
    Some(INDEX.get_or_init(|| {
        super::with_bodies(|bodies| {
            SearchIndex::from_html(
                cat,
                |slug| bodies.get(slug).map(String::as_str),
                &crate::search::exercise_docs(),
            )
        })
    }))
}

/// The hits for one query, plus what the views need to explain them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Results {
    /// The query as typed.
    query: String,
    /// Normalised terms (for highlighting titles).
    terms: Vec<String>,
    /// True when the query was cut (too long or too many terms).
    truncated: bool,
    /// The best hits, best first.
    hits: Vec<Hit>,
    /// Number of matching documents (≥ `hits.len()`).
    total: usize,
}

/// Runs `query`, keeping at most `limit` hits. With `count_all`, `total` counts every
/// matching document; otherwise it only tells whether there are more than `limit`.
fn run(query: &str, limit: usize, count_all: bool) -> Results {
    let parsed = parse_query(query);
    let wanted = if count_all { usize::MAX } else { limit + 1 };
    let mut hits = index()
        .map(|i| i.search_parsed(&parsed, wanted))
        .unwrap_or_default();
    let total = hits.len();
    hits.truncate(limit);
    Results {
        query: query.to_string(),
        terms: parsed.terms,
        truncated: parsed.truncated,
        hits,
        total,
    }
}

/// The query cut for display in messages.
fn shown(query: &str) -> String {
    let query = query.trim();
    match query.char_indices().nth(SHOWN_QUERY_CHARS) {
        Some((i, _)) => format!("{}…", &query[..i]),
        None => query.to_string(),
    }
}

/// Where a hit leads: a topic opens with the query highlighted, an exercise at its own page.
fn hit_route(hit: &Hit, query: &str) -> Route {
    match (hit.kind, &hit.exercise_id) {
        (HitKind::Exercise, Some(id)) => Route::Exercise {
            id: id.clone(),
            params: Vec::new(),
        },
        _ => Route::Topic {
            slug: hit.slug.clone(),
            anchor: None,
            highlight: Some(crate::search::cut_query(query).to_string()),
        },
    }
}

/// Text with the given `(text, highlighted)` segments as text nodes and `<mark>` elements.
fn highlighted(segs: Vec<(String, bool)>) -> impl IntoView {
    segs.into_iter()
        .map(|(text, hl)| {
            if hl {
                view! { <mark>{text}</mark> }.into_any()
            } else {
                text.into_any()
            }
        })
        .collect_view()
}

/// Title, category and snippet of one hit (shared by the dropdown and the results page).
fn hit_body(hit: &Hit, terms: &[String]) -> impl IntoView {
    let is_exercise = hit.kind == HitKind::Exercise;
    let title = segments(&hit.title, &find_ranges(&hit.title, terms));
    view! {
        <span class="hit-title">
            {is_exercise.then(|| view! { <span class="hit-badge">"练习"</span> })}
            {highlighted(title)}
        </span>
        <span class="hit-meta">{hit.category.clone()}</span>
        <span class="hit-snippet">
            {is_exercise.then_some("所属主题：")}
            {highlighted(hit.snippet.clone())}
        </span>
    }
}

/// The hit's kind as the `data-kind` attribute the styles and tests read.
fn kind_attr(hit: &Hit) -> &'static str {
    match hit.kind {
        HitKind::Topic => "topic",
        HitKind::Exercise => "exercise",
    }
}
