//! Full-text search over the notes, exercises and the learner's own notes.
//!
//! Pure and dictionary-free: every document keeps a normalised (full-width → half-width,
//! lowercase) copy of its plain text, and a query is a list of whitespace-separated terms,
//! each matched as a substring (any order). Chinese needs no segmentation this way: any run
//! of characters, e.g. `闭包` or `幂等`, is found wherever it appears. A topic's fields are
//! its title, headings / inline code / bold, body, category and the learner's note.
//!
//! Ranking forgives: documents matching every term come first, then those matching the
//! most terms, so one extra word ("python 闭包", "闭包 面试") still finds the topic. A
//! partial hit must match at least half of the terms (rounded up), and at least one of the
//! terms it matches must be distinctive (found in at most half of the documents): a word
//! like `a` or `的`, present nearly everywhere, cannot make a document a hit on its own, so
//! it never floods the results. Among hits matching as many terms, rarer matched terms
//! come first, then the score per term: title ≫ headings / inline code / bold, the
//! learner's note, category ≫ body (term frequency, with a bonus for whole-word ASCII
//! matches and for short documents). One-term queries behave as before: the term must
//! match. Each [`Hit`] says which terms it matched; [`Found::nowhere`] lists the terms no
//! document contains, and [`without_terms`] is the query without them.
//!
//! Work is bounded: queries are cut to [`MAX_QUERY_CHARS`] characters and [`MAX_TERMS`]
//! terms, and occurrences are counted only up to a cap.
//!
//! The index reads topic bodies as rendered HTML ([`SearchIndex::from_html`]): the app has
//! them from the notes bundle, and the Markdown renderer is never part of the runtime.
//!
//! - [`html_text`]: plain and key text out of the rendered HTML;
//! - `index`: the documents and their scoring ([`SearchIndex`]);
//! - `learner_notes`: the learner's notes, normalised once per change ([`LearnerNotes`]);
//! - `normalize`: matching form of text, and match ranges in the original ([`find_ranges`]);
//! - `snippet`: the excerpt shown under a hit, and highlight [`segments`].

pub mod html_text;
mod index;
mod learner_notes;
mod normalize;
mod snippet;

pub use index::SearchIndex;
pub use learner_notes::LearnerNotes;
pub use normalize::{find_ranges, normalize};
pub use snippet::segments;

/// Queries longer than this many characters are cut (see [`Query::truncated`]).
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many distinct terms of a query are used (see [`Query::truncated`]).
pub const MAX_TERMS: usize = 8;
/// Approximate snippet length in characters.
pub const SNIPPET_CHARS: usize = 80;

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    /// A topic page.
    Topic,
    /// An exercise (lives on its topic's page).
    Exercise,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Topic or exercise.
    pub kind: HitKind,
    /// Slug of the topic (for an exercise: the topic it belongs to).
    pub slug: String,
    /// The exercise id for [`HitKind::Exercise`] hits.
    pub exercise_id: Option<String>,
    /// Plain display title (Markdown backticks removed).
    pub title: String,
    /// Category of the topic.
    pub category: String,
    /// Short plain-text excerpt as `(text, highlighted)` segments; every query term is highlighted.
    pub snippet: Vec<(String, bool)>,
    /// True when the snippet is cut from the learner's own note (it matched more terms there).
    pub from_note: bool,
    /// The query terms this document matches (normalised, in query order).
    pub matched_terms: Vec<String>,
    /// The query terms it does not match; empty for a hit that matches every term.
    pub missing_terms: Vec<String>,
    /// Relevance; higher is better. Only meaningful relative to other hits of the same query.
    pub score: u32,
}

/// Everything one query found ([`SearchIndex::find`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// The best hits, best first (at most the limit asked for).
    pub hits: Vec<Hit>,
    /// Number of hits in all (≥ `hits.len()`).
    pub total: usize,
    /// Number of hits that match every term (they come first).
    pub complete: usize,
    /// Terms no document (and no note of the learner's) contains, in query order.
    pub nowhere: Vec<String>,
}

/// An exercise as the index sees it: found by its title and id, shown under its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExerciseDoc<'a> {
    /// The exercise id (matched as a key, and with `_` read as a space).
    pub id: &'a str,
    /// Its title (inline Markdown: backticks and `**` are dropped).
    pub title: &'a str,
    /// Slug of the topic that hosts it (an unknown slug leaves the category empty).
    pub topic_slug: &'a str,
}

impl From<&crate::exercises::ExerciseInfo> for ExerciseDoc<'static> {
    fn from(info: &crate::exercises::ExerciseInfo) -> Self {
        ExerciseDoc {
            id: info.id,
            title: info.title,
            topic_slug: info.topic_slug,
        }
    }
}

/// Every exercise of the registry ([`crate::exercises::catalogue`]), as the index takes them.
pub fn exercise_docs() -> Vec<ExerciseDoc<'static>> {
    crate::exercises::catalogue()
        .iter()
        .map(ExerciseDoc::from)
        .collect()
}

/// A parsed query: normalised, deduplicated terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Normalised terms (lowercase, half-width), in query order, without duplicates.
    pub terms: Vec<String>,
    /// True when the query was cut to [`MAX_QUERY_CHARS`] characters or [`MAX_TERMS`] terms.
    pub truncated: bool,
}

/// Parses a query: cut to [`MAX_QUERY_CHARS`], normalised, split on whitespace, deduplicated.
pub fn parse_query(query: &str) -> Query {
    let mut truncated = false;
    let cut = match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((i, _)) => {
            truncated = true;
            &query[..i]
        }
        None => query,
    };
    let normalized = normalize(cut);
    let mut terms: Vec<String> = Vec::new();
    for t in normalized
        .split(char::is_whitespace)
        .filter(|t| !t.is_empty())
    {
        if terms.iter().any(|x| x == t) {
            continue;
        }
        if terms.len() == MAX_TERMS {
            truncated = true;
            break;
        }
        terms.push(t.to_string());
    }
    Query { terms, truncated }
}

/// The normalised terms of a query (what [`find_ranges`] expects).
pub fn terms(query: &str) -> Vec<String> {
    parse_query(query).terms
}

/// `query` trimmed and cut to [`MAX_QUERY_CHARS`] characters, as the search itself cuts it
/// (what a link to a highlighted topic carries).
pub fn cut_query(query: &str) -> &str {
    let query = query.trim();
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((i, _)) => &query[..i],
        None => query,
    }
}

/// `query` without the words whose normalised form is one of `drop` (e.g. [`Found::nowhere`]),
/// cut as the search cuts it and joined by single spaces: the query to suggest instead.
pub fn without_terms(query: &str, drop: &[String]) -> String {
    let mut out = String::new();
    for word in cut_query(query).split(char::is_whitespace) {
        if !word.is_empty() && !drop.contains(&normalize(word)) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}
