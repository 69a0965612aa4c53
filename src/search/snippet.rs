//! The excerpt shown under a hit, and text split into highlighted and plain segments.

use super::normalize::{find_ranges, plain_offset};
use super::SNIPPET_CHARS;

/// Characters of context shown before the first match in a snippet.
const SNIPPET_BEFORE: usize = 20;

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
pub(super) fn snippet(body: &str, n_body: &str, terms: &[String]) -> Vec<(String, bool)> {
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
