//! Full-text search over the notes and exercises (issue 5).
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

use std::cmp::Reverse;

use super::html_text::extract_html;
use super::Catalogue;

/// Queries longer than this many characters are cut (see [`Query::truncated`]).
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many distinct terms of a query are used (see [`Query::truncated`]).
pub const MAX_TERMS: usize = 8;
/// Approximate snippet length in characters.
pub const SNIPPET_CHARS: usize = 80;
/// Characters of context shown before the first match in a snippet.
const SNIPPET_BEFORE: usize = 20;
/// Occurrences of a term counted per document field (bounds work and term frequency).
const COUNT_CAP: usize = 32;

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

/// A parsed query: normalised, deduplicated terms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Normalised terms (lowercase, half-width), in query order, without duplicates.
    pub terms: Vec<String>,
    /// True when the query was cut to [`MAX_QUERY_CHARS`] characters or [`MAX_TERMS`] terms.
    pub truncated: bool,
}

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
    /// Indexes every topic (rendering each body, as the build does) plus the given
    /// exercises `(id, title, topic slug)`. The app uses [`SearchIndex::from_html`] with the
    /// bodies it fetched; both read the same rendered HTML.
    pub fn build(catalogue: &Catalogue, exercises: &[(&str, &str, &str)]) -> SearchIndex {
        let bodies: Vec<String> = catalogue
            .topics
            .iter()
            .map(super::bundle::topic_html)
            .collect();
        SearchIndex::from_html(
            catalogue,
            |slug| catalogue.index_of(slug).map(|i| bodies[i].as_str()),
            exercises,
        )
    }

    /// Indexes every topic, reading its rendered body HTML from `html_of(slug)` (a topic
    /// without a body is indexed by its title), plus the given exercises.
    pub fn from_html<'a>(
        catalogue: &Catalogue,
        html_of: impl Fn(&str) -> Option<&'a str>,
        exercises: &[(&str, &str, &str)],
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
        for &(id, ex_title, topic_slug) in exercises {
            let topic = catalogue.get(topic_slug);
            let topic_title = topic.map(|t| plain_inline(&t.title)).unwrap_or_default();
            let title = plain_inline(ex_title);
            let key = format!("{id}\n{}", id.replace('_', " "));
            docs.push(Doc {
                kind: HitKind::Exercise,
                slug: topic_slug.to_string(),
                exercise_id: Some(id.to_string()),
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
        self.search_parsed(&parse_query(query), limit)
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

/// Appends the normalised form of one character (full-width → half-width, lowercase).
fn push_normalized(c: char, out: &mut String) {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{FFE0}' => '\u{A2}',
        '\u{FFE1}' => '\u{A3}',
        '\u{FFE2}' => '\u{AC}',
        '\u{FFE3}' => '\u{AF}',
        '\u{FFE4}' => '\u{A6}',
        '\u{FFE5}' => '\u{A5}',
        '\u{FFE6}' => '\u{20A9}',
        _ => c,
    };
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Normalises text for matching: full-width ASCII forms and U+3000 → half-width, lowercase.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_normalized(c, &mut out);
    }
    out
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

/// Byte ranges in the ORIGINAL `text` where any term matches after normalisation; sorted, merged.
pub fn find_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    if terms.iter().all(|t| t.is_empty()) || text.is_empty() {
        return Vec::new();
    }
    // For each byte of the normalised text: the original char's (start, end) byte offsets.
    let mut norm = String::with_capacity(text.len());
    let mut origin: Vec<(u32, u32)> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let before = norm.len();
        push_normalized(c, &mut norm);
        let span = (i as u32, (i + c.len_utf8()) as u32);
        origin.extend(std::iter::repeat_n(span, norm.len() - before));
    }
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        for (s, m) in norm.match_indices(term.as_str()) {
            let start = origin[s].0 as usize;
            let end = origin[s + m.len() - 1].1 as usize;
            ranges.push((start, end));
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Splits `text` into `(segment, highlighted)` pairs for the given byte `ranges` (from [`find_ranges`]).
pub fn segments(text: &str, ranges: &[(usize, usize)]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for &(s, e) in ranges {
        if s < pos || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        if s > pos {
            out.push((text[pos..s].to_string(), false));
        }
        if e > s {
            out.push((text[s..e].to_string(), true));
        }
        pos = e;
    }
    if pos < text.len() {
        out.push((text[pos..].to_string(), false));
    }
    out
}

/// Length in bytes of the normalised form of `c` (what [`push_normalized`] appends).
fn normalized_len(c: char) -> usize {
    match c {
        '\u{3000}' | '\u{FF01}'..='\u{FF5E}' => 1,
        '\u{FFE0}'..='\u{FFE6}' => {
            let mut buf = String::new();
            push_normalized(c, &mut buf);
            buf.len()
        }
        _ if c.is_ascii() => 1,
        _ => c.to_lowercase().map(char::len_utf8).sum(),
    }
}

/// Byte offset in `plain` of the character whose normalised form covers byte `norm_offset`
/// of `normalize(plain)`.
fn plain_offset(plain: &str, norm_offset: usize) -> usize {
    let mut acc = 0;
    for (i, c) in plain.char_indices() {
        acc += normalized_len(c);
        if acc > norm_offset {
            return i;
        }
    }
    plain.len()
}

/// Byte offset `n` characters after `from` in `text` (or the end).
fn advance_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Where (in `n_body`) the snippet should start matching: the earliest match, or with
/// several terms the match whose following window contains the most distinct terms.
fn best_window_start(n_body: &str, terms: &[String]) -> Option<usize> {
    let earliest = terms.iter().filter_map(|t| n_body.find(t.as_str())).min();
    if terms.len() < 2 {
        return earliest;
    }
    let mut best: Option<(usize, usize)> = None; // (distinct terms, position)
    for t in terms {
        for (p, _) in n_body.match_indices(t.as_str()).take(8) {
            let end = advance_chars(n_body, p, SNIPPET_CHARS - SNIPPET_BEFORE);
            let window = &n_body[p..end];
            let found = terms.iter().filter(|x| window.contains(x.as_str())).count();
            if best.is_none_or(|(f, q)| found > f || (found == f && p < q)) {
                best = Some((found, p));
            }
        }
    }
    best.map(|(_, p)| p).or(earliest)
}

/// The snippet for a document: ~[`SNIPPET_CHARS`] characters around the first match in
/// `body` (or its start), whitespace collapsed, all terms highlighted. Only the window
/// is scanned for highlights, so the cost does not grow with the body.
fn snippet(body: &str, n_body: &str, terms: &[String]) -> Vec<(String, bool)> {
    let first = best_window_start(n_body, terms).map_or(0, |n| plain_offset(body, n));
    // Window start: SNIPPET_BEFORE characters before the first match, on a char boundary.
    let start = body[..first]
        .char_indices()
        .rev()
        .nth(SNIPPET_BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let mut end = advance_chars(body, start, SNIPPET_CHARS);
    // Scan a little past the window so a match crossing its end is found whole.
    let longest = terms.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let scan_end = advance_chars(body, end, longest);
    let ranges = find_ranges(&body[start..scan_end], terms);
    // Never cut a highlighted match in half at the end of the window.
    if let Some(&(_, e)) = ranges
        .iter()
        .find(|&&(s, e)| start + s < end && start + e > end)
    {
        end = start + e;
    }
    let window = &body[start..end];
    let local: Vec<(usize, usize)> = ranges
        .iter()
        .filter(|&&(s, _)| start + s < end)
        .map(|&(s, e)| (s, e.min(end - start)))
        .collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    if start > 0 {
        out.push(("…".to_string(), false));
    }
    let mut last_space = start == 0;
    for (text, hl) in segments(window, &local) {
        let mut collapsed = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_whitespace() {
                if !last_space {
                    collapsed.push(' ');
                }
                last_space = true;
            } else {
                collapsed.push(c);
                last_space = false;
            }
        }
        if collapsed.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if prev.1 == hl => prev.0.push_str(&collapsed),
            _ => out.push((collapsed, hl)),
        }
    }
    if end < body.len() {
        match out.last_mut() {
            Some(prev) if !prev.1 => prev.0.push('…'),
            _ => out.push(("…".to_string(), false)),
        }
    }
    if let Some(last) = out.last_mut() {
        if !last.1 {
            let trimmed = last.0.trim_end().len();
            last.0.truncate(trimmed);
        }
    }
    out.retain(|(t, _)| !t.is_empty());
    out
}

/// Inline Markdown → plain text: drops backticks and `**` emphasis markers.
fn plain_inline(text: &str) -> String {
    text.replace("**", "").replace('`', "").trim().to_string()
}
