//! The matching form of text (full-width → half-width, lowercase) and the way back from a
//! match in normalised text to the original characters it came from.

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
pub(super) fn plain_offset(plain: &str, norm_offset: usize) -> usize {
    let mut acc = 0;
    for (i, c) in plain.char_indices() {
        acc += normalized_len(c);
        if acc > norm_offset {
            return i;
        }
    }
    plain.len()
}
