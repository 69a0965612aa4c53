//! Line-based inputs (one statement, operation or command a line): numbered lines without
//! blanks and `#` comments, a cap on their number, and splitting at top-level separators
//! (outside quotes and brackets).

use super::InputError;

/// One input line: its 1-based number, the 1-based character position of its first
/// non-blank character in the whole field, and its trimmed text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub(crate) number: usize,
    /// 1-based character position of `text` in the field.
    pub(crate) position: usize,
    /// The line, trimmed.
    pub(crate) text: &'a str,
}

impl Line<'_> {
    /// An input error about this line of `field`.
    pub(crate) fn error(&self, field: &'static str, message: impl std::fmt::Display) -> InputError {
        InputError {
            field,
            message: format!("第 {} 行：{message}", self.number),
            position: Some(self.position),
        }
    }
}

/// The non-blank, non-comment lines of `text`; more than `max` of them is an input error.
pub(crate) fn lines<'a>(
    field: &'static str,
    text: &'a str,
    max: usize,
) -> Result<Vec<Line<'a>>, InputError> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    for (i, raw) in text.split('\n').enumerate() {
        let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = raw.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            if out.len() == max {
                return Err(InputError {
                    field,
                    message: format!("行数太多：这个练习最多 {max} 行"),
                    position: Some(offset + lead + 1),
                });
            }
            out.push(Line {
                number: i + 1,
                position: offset + lead + 1,
                text: trimmed,
            });
        }
        offset += raw.chars().count() + 1;
    }
    Ok(out)
}

/// The characters of `s` outside quotes, each with its byte index and the bracket depth
/// before it (a closing bracket is reported at the depth it closes).
pub(crate) fn unquoted(s: &str) -> impl Iterator<Item = (usize, char, i32)> + '_ {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    s.char_indices().filter_map(move |(i, c)| {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            return None;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        let before = if matches!(c, '(' | '[' | '{') {
            depth - 1
        } else {
            depth
        };
        Some((i, c, before))
    })
}

/// `s` split at each top-level `sep` (outside quotes and brackets); parts are trimmed.
pub(crate) fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c, depth) in unquoted(s) {
        if c == sep && depth == 0 {
            parts.push(s[start..i].trim());
            start = i + c.len_utf8();
        }
    }
    parts.push(s[start..].trim());
    parts
}
