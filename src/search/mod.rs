//! Full-text search over the notes and exercises.
//!
//! Pure and dictionary-free: every document keeps a normalised (full-width → half-width,
//! lowercase) copy of its plain text, and a query is a list of whitespace-separated terms
//! that must ALL occur as substrings (any order). Chinese needs no segmentation this way:
//! any run of characters, e.g. `闭包` or `幂等`, is found wherever it appears.
//!
//! Ranking per term: title ≫ headings / inline code / bold ≫ body (term frequency, with a
//! bonus for whole-word ASCII matches and for short documents). Work is bounded: queries
//! are cut to [`MAX_QUERY_CHARS`] characters and [`MAX_TERMS`] terms, and occurrences are
//! counted only up to a cap.
//!
//! The index reads topic bodies as rendered HTML ([`SearchIndex::from_html`]): the app has
//! them from the notes bundle, and the Markdown renderer is never part of the runtime.
//!
//! - [`html_text`]: plain and key text out of the rendered HTML;
//! - `index`: the documents and their scoring ([`SearchIndex`]);
//! - `normalize`: matching form of text, and match ranges in the original ([`find_ranges`]);
//! - `snippet`: the excerpt shown under a hit, and highlight [`segments`].

pub mod html_text;
mod index;
mod normalize;
mod snippet;

pub use index::SearchIndex;
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
    /// Relevance; higher is better. Only meaningful relative to other hits of the same query.
    pub score: u32,
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
