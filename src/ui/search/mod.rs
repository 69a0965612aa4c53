//! Search UI: the header search box ([`SearchBox`], a WAI-ARIA combobox), the results page
//! ([`SearchPage`]) and highlighting inside a topic ([`highlight_in_page`]).
//!
//! All matching, ranking and snippet cutting lives in the pure [`crate::search`]; these
//! modules only render. The query is user input, so every highlighted piece is built as a
//! text node or a `<mark>` element holding a text node — never as HTML.
//!
//! The box and the results page share the page's query through [`SearchContext`], which
//! `App` provides: typing in the box on the results page updates the page in place. Both
//! search with the learner's current notes ([`run`] reads the progress store, so a note
//! edited on a topic page is found at once).

mod combobox;
mod highlight;
mod results;

use std::sync::OnceLock;

use leptos::prelude::*;

pub(crate) use combobox::SearchBox;
pub(crate) use highlight::highlight_in_page;
pub(crate) use results::SearchPage;

use crate::route::Route;
use crate::search::{
    find_ranges, parse_query, segments, without_terms, Hit, HitKind, LearnerNotes, SearchIndex,
};

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

static INDEX: OnceLock<SearchIndex> = OnceLock::new();
/// Titles, categories and exercises only: what search has until the notes bundle arrives.
static TITLES: OnceLock<SearchIndex> = OnceLock::new();

thread_local! {
    /// The learner's notes as last searched: brought up to date before each search, which
    /// normalises only the notes that changed since.
    static NOTES: std::cell::RefCell<LearnerNotes> = Default::default();
}

/// The index over the notes bundle's rendered bodies and every exercise, built on first use
/// once the bundle is here (a few ms) and kept for the page's lifetime, like the catalogue and
/// the bodies it is built from. Until then (the bundle is fetched once the app is ready, or by
/// this first need), topics are found by title, and a caller in a `Memo` reruns when the
/// bundle arrives (`bodies::all_loaded` is tracked); where the bundle could not be loaded, by
/// title and the bodies that came in their own files.
fn index() -> Option<&'static SearchIndex> {
    let cat = super::catalogue().ok()?;
    // One call site of the generic `from_html`, so the wasm holds one copy of it.
    let build = |bodies: Option<&std::collections::HashMap<String, String>>| {
        SearchIndex::from_html(
            cat,
            |slug| bodies.and_then(|b| b.get(slug)).map(String::as_str),
            &crate::search::exercise_docs(),
        )
    };
    Some(if super::bodies::all_loaded() {
        INDEX.get_or_init(|| super::with_bodies(|bodies| build(Some(bodies))))
    } else {
        TITLES.get_or_init(|| build(None))
    })
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
    /// Number of hits in all (≥ `hits.len()`).
    total: usize,
    /// Number of hits matching every term (they come first).
    complete: usize,
    /// Terms no topic or note contains.
    nowhere: Vec<String>,
    /// True while the notes bundle is on its way: only titles, categories, exercises and the
    /// learner's notes were searched.
    bodies_loading: bool,
}

/// Runs `query` with the learner's current notes, keeping at most `limit` hits. Reads the
/// progress store reactively: a caller in a `Memo` reruns when a note changes.
fn run(query: &str, limit: usize) -> Results {
    let parsed = parse_query(query);
    let bodies_loading = !super::bodies::all_loaded();
    let search = |notes: &LearnerNotes| {
        index()
            .map(|i| i.find(&parsed, notes, limit))
            .unwrap_or_default()
    };
    let found = NOTES.with_borrow_mut(|notes| {
        if let Some(state) = crate::ui::progress_state::state() {
            state.store.with(|s| {
                notes.update(
                    s.topics
                        .iter()
                        .map(|(slug, t)| (slug.as_str(), t.note.as_str())),
                );
            });
        }
        search(notes)
    });
    Results {
        query: query.to_string(),
        terms: parsed.terms,
        truncated: parsed.truncated,
        hits: found.hits,
        total: found.total,
        complete: found.complete,
        nowhere: found.nowhere,
        bodies_loading,
    }
}

/// While the notes bundle is on its way: says that bodies are not searched yet (the results
/// update by themselves when it arrives).
fn loading_notice(r: &Results) -> Option<impl IntoView> {
    r.bodies_loading.then(|| {
        view! {
            <p class="search-notice" role="status" data-notice="loading">
                "正在加载笔记正文，暂时只搜索了标题和练习…"
            </p>
        }
    })
}

/// `terms` joined by `、`, as a partial hit lists them.
fn listed(terms: &[String]) -> String {
    let mut out = String::new();
    for t in terms {
        if !out.is_empty() {
            out.push('、');
        }
        out.push_str(t);
    }
    out
}

/// Terms as the messages quote them: 「a」「b」.
fn quoted(terms: &[String]) -> String {
    terms.iter().map(|t| format!("「{t}」")).collect()
}

/// When some terms match nowhere: says so, and links to the query without them (when
/// something is left). `None` when every term matches somewhere.
fn nowhere_hint(r: &Results) -> Option<impl IntoView> {
    if r.nowhere.is_empty() {
        return None;
    }
    let rest = without_terms(&r.query, &r.nowhere);
    if rest.is_empty() {
        return None;
    }
    let them = if r.nowhere.len() == 1 {
        "它"
    } else {
        "它们"
    };
    let href = crate::route::to_hash(&Route::Search {
        query: rest.clone(),
    });
    Some(view! {
        <span class="search-nowhere">
            {format!("{}在任何主题中都没有出现，试试去掉{them}：", quoted(&r.nowhere))}
            <a class="search-retry" href=href>{format!("搜索「{}」", shown(&rest))}</a>
        </span>
    })
}

/// For a query of several terms that no hit matches completely, above the partial hits or
/// instead of them: says so, and which terms matched nowhere (with the query without them).
fn partial_notice(r: &Results) -> Option<impl IntoView> {
    if r.complete > 0 || r.terms.len() < 2 {
        return None;
    }
    let lead = if r.hits.is_empty() {
        "没有找到同时包含这些词的主题。"
    } else {
        "没有找到同时包含这些词的主题，下面是只包含其中部分词的结果。"
    };
    Some(view! { <span class="search-partial">{lead}</span> {nowhere_hint(r)} })
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

/// Title, category and snippet of one hit (shared by the dropdown and the results page);
/// a partial hit says which terms it matched and which not (in words, not only colour).
fn hit_body(hit: &Hit, terms: &[String]) -> impl IntoView {
    let is_exercise = hit.kind == HitKind::Exercise;
    let title = segments(&hit.title, &find_ranges(&hit.title, terms));
    let category = segments(&hit.category, &find_ranges(&hit.category, terms));
    let partial = (!hit.missing_terms.is_empty()).then(|| {
        view! {
            <span class="hit-terms">
                <span class="hit-matched">"匹配：" {listed(&hit.matched_terms)}</span>
                <span class="hit-missing">"未匹配：" {listed(&hit.missing_terms)}</span>
            </span>
        }
    });
    let source = if is_exercise {
        Some("所属主题：")
    } else if hit.from_note {
        Some("我的笔记：")
    } else {
        None
    };
    view! {
        <span class="hit-title">
            {is_exercise.then(|| view! { <span class="hit-badge">"练习"</span> })}
            {highlighted(title)}
        </span>
        <span class="hit-meta">{highlighted(category)}</span>
        {partial}
        <span class="hit-snippet" class:from-note=hit.from_note>
            {source.map(|s| view! { <span class="hit-source">{s}</span> })}
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
