//! The search index: one normalised text per document (topic or exercise), scanned and
//! scored per query.

use std::cmp::Reverse;

use super::html_text::extract_html;
use super::normalize::normalize;
use super::snippet::snippet;
use super::{ExerciseDoc, Hit, HitKind, Query};
use crate::notes::Catalogue;

/// Occurrences of a term counted per document field (bounds work and term frequency).
const COUNT_CAP: usize = 32;

/// One searchable document (a topic or an exercise).
#[derive(Debug, Clone)]
struct Doc {
    kind: HitKind,
    slug: String,
    exercise_id: Option<String>,
    title: String,
    category: String,
    /// Plain text the snippet is cut from.
    body_plain: String,
    /// Normalised title.
    n_title: String,
    /// Normalised headings, inline code and bold text (and exercise ids).
    n_key: String,
    /// Normalised plain body, code included.
    n_body: String,
    /// Length of `n_body` in characters (for the short-document bonus).
    body_chars: u32,
}

/// The search index: one normalised text per document, scanned per query.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    docs: Vec<Doc>,
}

impl SearchIndex {
    /// Indexes every topic, reading its rendered body HTML from `html_of(slug)` (a topic
    /// without a body is indexed by its title), plus the given exercises. The app passes
    /// the bodies of the notes bundle; the tests render them as the build does.
    pub fn from_html<'a>(
        catalogue: &Catalogue,
        html_of: impl Fn(&str) -> Option<&'a str>,
        exercises: &[ExerciseDoc<'_>],
    ) -> SearchIndex {
        let mut docs = Vec::with_capacity(catalogue.topics.len() + exercises.len());
        for topic in &catalogue.topics {
            let title = plain_inline(&topic.title);
            let extract = extract_html(html_of(&topic.slug).unwrap_or(""));
            docs.push(Doc {
                kind: HitKind::Topic,
                slug: topic.slug.clone(),
                exercise_id: None,
                n_title: normalize(&title),
                title,
                category: topic.category.clone(),
                n_key: normalize(&extract.key),
                body_chars: extract.plain.chars().count() as u32,
                n_body: normalize(&extract.plain),
                body_plain: extract.plain,
            });
        }
        for ex in exercises {
            let topic = catalogue.get(ex.topic_slug);
            let topic_title = topic.map(|t| plain_inline(&t.title)).unwrap_or_default();
            let title = plain_inline(ex.title);
            let key = format!("{}\n{}", ex.id, ex.id.replace('_', " "));
            docs.push(Doc {
                kind: HitKind::Exercise,
                slug: ex.topic_slug.to_string(),
                exercise_id: Some(ex.id.to_string()),
                n_title: normalize(&title),
                title,
                category: topic.map(|t| t.category.clone()).unwrap_or_default(),
                n_key: normalize(&key),
                body_chars: topic_title.chars().count() as u32,
                n_body: normalize(&topic_title),
                body_plain: topic_title,
            });
        }
        SearchIndex { docs }
    }

    /// Number of indexed documents (topics + exercises).
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` hits for `query`: every term must match; best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_parsed(&super::parse_query(query), limit)
    }

    /// Like [`SearchIndex::search`] for an already parsed [`Query`].
    pub fn search_parsed(&self, query: &Query, limit: usize) -> Vec<Hit> {
        let terms = &query.terms;
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut scored: Vec<(u32, usize)> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| score_doc(d, terms).map(|s| (s, i)))
            .collect();
        crate::index_sort::sort_by_key(&mut scored, |&(s, i)| {
            (Reverse(s), self.docs[i].kind == HitKind::Exercise, i)
        });
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, i)| {
                let d = &self.docs[i];
                Hit {
                    kind: d.kind,
                    slug: d.slug.clone(),
                    exercise_id: d.exercise_id.clone(),
                    title: d.title.clone(),
                    category: d.category.clone(),
                    snippet: snippet(&d.body_plain, &d.n_body, terms),
                    score,
                }
            })
            .collect()
    }
}

/// Scores one document, or `None` when some term does not occur in it.
fn score_doc(d: &Doc, terms: &[String]) -> Option<u32> {
    let mut total: u32 = 0;
    let mut all_in_title = true;
    let mut title_cover_chars = 0usize;
    for term in terms {
        let in_title = d.n_title.contains(term.as_str());
        let in_key = d.n_key.contains(term.as_str());
        let (body_all, body_word) = count(&d.n_body, term);
        if !in_title && !in_key && body_all == 0 {
            return None;
        }
        let mut s: u32 = 0;
        if in_title {
            s += 1000;
            title_cover_chars += term.chars().count();
            if has_word_match(&d.n_title, term) {
                s += 300;
            }
        } else {
            all_in_title = false;
        }
        if in_key {
            s += 300;
            if has_word_match(&d.n_key, term) {
                s += 100;
            }
        }
        if body_all > 0 {
            let tf = body_all.min(16) as u32 + body_word.min(16) as u32;
            // Density bonus favours short documents that are about the term.
            let density = (body_all as u32 * 20_000) / (d.body_chars + 400);
            s += 40 + 12 * tf + density.min(200);
        }
        total += s;
    }
    if all_in_title {
        total += 1500;
        // How much of the title the query covers: exact or near-exact titles win.
        let title_chars = d
            .n_title
            .chars()
            .filter(|c| !c.is_whitespace())
            .count()
            .max(1);
        total += (600 * title_cover_chars.min(title_chars) / title_chars) as u32;
    }
    if d.kind == HitKind::Exercise {
        total = total * 9 / 10;
    }
    Some(total)
}

/// Counts occurrences of `term` in `hay` (capped): `(all, whole-word)`.
fn count(hay: &str, term: &str) -> (usize, usize) {
    if !hay.contains(term) {
        return (0, 0);
    }
    let mut all = 0;
    let mut word = 0;
    for (i, _) in hay.match_indices(term).take(COUNT_CAP) {
        all += 1;
        if is_word_at(hay, i, term.len()) {
            word += 1;
        }
    }
    (all, word)
}

/// True when `term` occurs in `hay` with word boundaries on its ASCII-alphanumeric ends.
fn has_word_match(hay: &str, term: &str) -> bool {
    hay.match_indices(term)
        .take(COUNT_CAP)
        .any(|(i, _)| is_word_at(hay, i, term.len()))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whole-word test for a match at `hay[start..start + len]`: an ASCII word character at
/// either end of the match must not continue into a neighbouring word character.
fn is_word_at(hay: &str, start: usize, len: usize) -> bool {
    let bytes = hay.as_bytes();
    let end = start + len;
    let left_ok = start == 0 || !is_word_byte(bytes[start]) || !is_word_byte(bytes[start - 1]);
    let right_ok = end >= bytes.len() || !is_word_byte(bytes[end - 1]) || !is_word_byte(bytes[end]);
    left_ok && right_ok
}

/// Inline Markdown → plain text: drops backticks and `**` emphasis markers.
fn plain_inline(text: &str) -> String {
    text.replace("**", "").replace('`', "").trim().to_string()
}
