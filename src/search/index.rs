//! The search index: one normalised text per document (topic or exercise), scanned and
//! scored per query; partial hits ranked below complete ones (see the module `search`).

use std::cmp::Reverse;

use super::html_text::extract_html;
use super::learner_notes::{LearnerNotes, Note};
use super::normalize::normalize;
use super::snippet::snippet;
use super::{ExerciseDoc, Found, Hit, HitKind, Query};
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
    /// Normalised category.
    n_category: String,
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
                n_category: normalize(&topic.category),
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
            let category = topic.map(|t| t.category.clone()).unwrap_or_default();
            docs.push(Doc {
                kind: HitKind::Exercise,
                slug: ex.topic_slug.to_string(),
                exercise_id: Some(ex.id.to_string()),
                n_title: normalize(&title),
                title,
                n_category: normalize(&category),
                category,
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

    /// The best `limit` hits for `query`, without the learner's notes; best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_parsed(&super::parse_query(query), limit)
    }

    /// Like [`SearchIndex::search`] for an already parsed [`Query`].
    pub fn search_parsed(&self, query: &Query, limit: usize) -> Vec<Hit> {
        self.find(query, &LearnerNotes::default(), limit).hits
    }

    /// Everything `query` finds, each topic searched with the learner's note on it: the best
    /// `limit` hits (complete ones first, then those matching the most terms), how many
    /// there are, and which terms match nowhere.
    pub fn find(&self, query: &Query, notes: &LearnerNotes, limit: usize) -> Found {
        let terms = &query.terms;
        if terms.is_empty() {
            return Found::default();
        }
        let note_of = |d: &Doc| match d.kind {
            HitKind::Topic => notes.get(&d.slug),
            HitKind::Exercise => None,
        };
        let scores: Vec<(u32, u32)> = self
            .docs
            .iter()
            .map(|d| score_doc(d, note_of(d), terms))
            .collect();
        // Document frequency per term, for the distinctiveness rule and the rarity order.
        let df: Vec<u32> = (0..terms.len())
            .map(|t| scores.iter().filter(|&&(m, _)| m & (1 << t) != 0).count() as u32)
            .collect();
        let n_docs = self.docs.len() as u32;
        let all: u32 = (1 << terms.len()) - 1;
        let distinctive: u32 = (0..terms.len())
            .filter(|&t| df[t] * 2 <= n_docs)
            .fold(0, |m, t| m | (1 << t));
        let need = terms.len().div_ceil(2) as u32;
        // Rarity of the matched terms (inverse document frequency, integer).
        let rarity = |mask: u32| -> u32 {
            (0..terms.len())
                .filter(|&t| mask & (1 << t) != 0)
                .map(|t| n_docs * 64 / df[t].max(1))
                .sum()
        };
        let mut ranked: Vec<(u32, u32, u32, usize)> = scores
            .iter()
            .enumerate()
            .filter(|&(_, &(mask, _))| {
                mask == all || (mask.count_ones() >= need && mask & distinctive != 0)
            })
            .map(|(i, &(mask, score))| (mask.count_ones(), rarity(mask), score, i))
            .collect();
        crate::index_sort::sort_by_key(&mut ranked, |&(n, r, s, i)| {
            (
                Reverse(n),
                Reverse(r),
                Reverse(s),
                self.docs[i].kind == HitKind::Exercise,
                i,
            )
        });
        let total = ranked.len();
        let complete = ranked.iter().filter(|r| scores[r.3].0 == all).count();
        ranked.truncate(limit);
        let hits = ranked
            .into_iter()
            .map(|(_, _, score, i)| {
                let d = &self.docs[i];
                let mask = scores[i].0;
                let (matched_terms, missing_terms) = split_terms(terms, mask);
                let note = note_of(d);
                // The note gives the snippet when more matched terms occur there than in the body.
                let in_text = |t: &str| {
                    matched_terms
                        .iter()
                        .filter(|m| t.contains(m.as_str()))
                        .count()
                };
                let from_note = note.is_some_and(|n| in_text(&n.normalized) > in_text(&d.n_body));
                let (plain, normalized) = match note {
                    Some(n) if from_note => (&n.plain, &n.normalized),
                    _ => (&d.body_plain, &d.n_body),
                };
                // Only the matched terms: the others are in no field of this document.
                let snippet = snippet(plain, normalized, &matched_terms);
                Hit {
                    kind: d.kind,
                    slug: d.slug.clone(),
                    exercise_id: d.exercise_id.clone(),
                    title: d.title.clone(),
                    category: d.category.clone(),
                    snippet,
                    from_note,
                    matched_terms,
                    missing_terms,
                    score,
                }
            })
            .collect();
        let nowhere = (0..terms.len())
            .filter(|&t| df[t] == 0)
            .map(|t| terms[t].clone())
            .collect();
        Found {
            hits,
            total,
            complete,
            nowhere,
        }
    }
}

/// The terms selected by the bits of `mask`, and the others.
fn split_terms(terms: &[String], mask: u32) -> (Vec<String>, Vec<String>) {
    let (mut matched, mut missing) = (Vec::new(), Vec::new());
    for (t, term) in terms.iter().enumerate() {
        if mask & (1 << t) != 0 {
            matched.push(term.clone());
        } else {
            missing.push(term.clone());
        }
    }
    (matched, missing)
}

/// Scores one document (with the learner's note on it): which terms match (bit `t` for
/// `terms[t]`), and the score of those terms.
fn score_doc(d: &Doc, note: Option<&Note>, terms: &[String]) -> (u32, u32) {
    let mut mask: u32 = 0;
    let mut total: u32 = 0;
    let mut all_in_title = true;
    let mut title_cover_chars = 0usize;
    for (t, term) in terms.iter().enumerate() {
        let in_title = d.n_title.contains(term.as_str());
        let in_key = d.n_key.contains(term.as_str());
        let in_category = d.n_category.contains(term.as_str());
        let in_note = note.map_or(0, |n| count(&n.normalized, term).0);
        let (body_all, body_word) = count(&d.n_body, term);
        if !in_title && !in_key && !in_category && in_note == 0 && body_all == 0 {
            all_in_title = false;
            continue;
        }
        mask |= 1 << t;
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
        if in_category {
            s += 200;
        }
        if in_note > 0 {
            // The learner's own words about the topic: as strong as a heading.
            s += 300 + 10 * in_note.min(16) as u32;
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
    (mask, total)
}

/// Calls `f` with the start of each of the first [`COUNT_CAP`] occurrences of `term` in
/// `hay`. A one-letter ASCII term (`a`, the first keystroke of many queries) is searched
/// as a `char`, a byte scan (memchr), not the general substring search: 2× faster on the
/// notes. (Not for CJK characters: their last UTF-8 byte is everywhere in Chinese text.)
fn each_match(hay: &str, term: &str, mut f: impl FnMut(usize) -> bool) {
    let mut chars = term.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() => {
            for (i, _) in hay.match_indices(c).take(COUNT_CAP) {
                if !f(i) {
                    return;
                }
            }
        }
        _ => {
            for (i, _) in hay.match_indices(term).take(COUNT_CAP) {
                if !f(i) {
                    return;
                }
            }
        }
    }
}

/// Counts occurrences of `term` in `hay` (capped): `(all, whole-word)`.
fn count(hay: &str, term: &str) -> (usize, usize) {
    if !hay.contains(term) {
        return (0, 0);
    }
    let mut all = 0;
    let mut word = 0;
    each_match(hay, term, |i| {
        all += 1;
        if is_word_at(hay, i, term.len()) {
            word += 1;
        }
        true
    });
    (all, word)
}

/// True when `term` occurs in `hay` with word boundaries on its ASCII-alphanumeric ends.
fn has_word_match(hay: &str, term: &str) -> bool {
    let mut found = false;
    each_match(hay, term, |i| {
        found = is_word_at(hay, i, term.len());
        !found
    });
    found
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
