//! What a query finds, and one hit's view: the index (built on first use), running a query
//! with the learner's notes, and the pieces the popup and the results page share. Part of the
//! search chunk: reached only through [`super::build`].

use std::sync::OnceLock;

use leptos::prelude::*;

use super::shown;
use crate::route::Route;
use crate::search::{
    find_ranges, parse_query, segments, without_terms, Hit, HitKind, LearnerNotes, SearchIndex,
};

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
pub(super) fn index() -> Option<&'static SearchIndex> {
    let cat = crate::ui::catalogue().ok()?;
    // One call site of the generic `from_html`, so the wasm holds one copy of it.
    let build = |bodies: Option<&std::collections::HashMap<String, String>>| {
        SearchIndex::from_html(
            cat,
            |slug| bodies.and_then(|b| b.get(slug)).map(String::as_str),
            &crate::search::exercise_docs(),
        )
    };
    Some(if crate::ui::bodies::all_loaded() {
        INDEX.get_or_init(|| crate::ui::with_bodies(|bodies| build(Some(bodies))))
    } else {
        TITLES.get_or_init(|| build(None))
    })
}

/// The hits for one query, plus what the views need to explain them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Results {
    /// The query as typed.
    pub(super) query: String,
    /// Normalised terms (for highlighting titles).
    pub(super) terms: Vec<String>,
    /// True when the query was cut (too long or too many terms).
    pub(super) truncated: bool,
    /// The best hits, best first.
    pub(super) hits: Vec<Hit>,
    /// Number of hits in all (≥ `hits.len()`).
    pub(super) total: usize,
    /// Number of hits matching every term (they come first).
    pub(super) complete: usize,
    /// Terms no topic or note contains.
    pub(super) nowhere: Vec<String>,
    /// True while the notes bundle is on its way: only titles, categories, exercises and the
    /// learner's notes were searched.
    pub(super) bodies_loading: bool,
}

/// Runs `query` with the learner's current notes, keeping at most `limit` hits. Reads the
/// progress store reactively: a caller in a `Memo` reruns when a note changes.
pub(super) fn run(query: &str, limit: usize) -> Results {
    let parsed = parse_query(query);
    let bodies_loading = !crate::ui::bodies::all_loaded();
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
pub(super) fn loading_notice(r: &Results) -> Option<impl IntoView> {
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
pub(super) fn partial_notice(r: &Results) -> Option<impl IntoView> {
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

/// Where a hit leads: a topic opens with the query highlighted, an exercise at its own page.
pub(super) fn hit_route(hit: &Hit, query: &str) -> Route {
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
pub(super) fn hit_body(hit: &Hit, terms: &[String]) -> impl IntoView {
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
pub(super) fn kind_attr(hit: &Hit) -> &'static str {
    match hit.kind {
        HitKind::Topic => "topic",
        HitKind::Exercise => "exercise",
    }
}
