//! A small Python syntax highlighter producing escaped HTML with `<span class="tok-*">`.
//!
//! Hand-written instead of syntect/tree-sitter: those ship grammars and regex engines that
//! cost hundreds of KiB in wasm, while the notes only need Python (see ARCHITECTURE.md).
//! It never fails: any input, even unterminated strings, yields escaped HTML.

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "match", "case",
];

const BUILTINS: &[&str] = &[
    "print",
    "len",
    "range",
    "int",
    "str",
    "float",
    "list",
    "dict",
    "set",
    "tuple",
    "sorted",
    "enumerate",
    "zip",
    "map",
    "filter",
    "isinstance",
    "type",
    "object",
    "super",
    "open",
    "next",
    "iter",
    "sum",
    "min",
    "max",
    "abs",
    "id",
    "hash",
    "repr",
    "bool",
    "bytes",
    "getattr",
    "setattr",
    "hasattr",
    "property",
    "staticmethod",
    "classmethod",
    "self",
    "cls",
    "Exception",
    "ValueError",
    "TypeError",
    "IndexError",
    "KeyError",
    "StopIteration",
];

/// Escapes text for use inside HTML elements and attribute values.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

fn span(class: &str, text: &str, out: &mut String) {
    out.push_str("<span class=\"tok-");
    out.push_str(class);
    out.push_str("\">");
    escape_html(text, out);
    out.push_str("</span>");
}

/// Highlights Python source into HTML (to be placed inside `<pre><code>`).
pub fn highlight_python(src: &str) -> String {
    let mut out = String::with_capacity(src.len() * 2);
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { src.len() };
    let mut i = 0;
    let mut prev_word = "";
    while i < n {
        let c = chars[i].1;
        let start = i;
        if c == '#' {
            while i < n && chars[i].1 != '\n' {
                i += 1;
            }
            span("com", &src[byte_at(start)..byte_at(i)], &mut out);
        } else if c == '"' || c == '\'' {
            // Triple or single quoted string; prefixes were consumed as part of a word.
            let triple = i + 2 < n && chars[i + 1].1 == c && chars[i + 2].1 == c;
            i += if triple { 3 } else { 1 };
            loop {
                if i >= n {
                    break;
                }
                let d = chars[i].1;
                if d == '\\' {
                    i += 2;
                    continue;
                }
                if !triple && d == '\n' {
                    break;
                }
                if d == c {
                    if !triple {
                        i += 1;
                        break;
                    }
                    if i + 2 < n && chars[i + 1].1 == c && chars[i + 2].1 == c {
                        i += 3;
                        break;
                    }
                }
                i += 1;
            }
            let end = i.min(n);
            span("str", &src[byte_at(start)..byte_at(end)], &mut out);
            i = end;
        } else if c.is_ascii_digit() {
            while i < n
                && (chars[i].1.is_ascii_alphanumeric() || chars[i].1 == '_' || chars[i].1 == '.')
            {
                i += 1;
            }
            span("num", &src[byte_at(start)..byte_at(i)], &mut out);
        } else if c == '@' && i + 1 < n && chars[i + 1].1.is_alphabetic() {
            i += 1;
            while i < n && (chars[i].1.is_alphanumeric() || chars[i].1 == '_' || chars[i].1 == '.')
            {
                i += 1;
            }
            span("dec", &src[byte_at(start)..byte_at(i)], &mut out);
        } else if c.is_alphabetic() || c == '_' {
            while i < n && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                i += 1;
            }
            let word = &src[byte_at(start)..byte_at(i)];
            // String prefixes such as f"..." or rb'...'.
            let is_prefix = word.len() <= 2
                && word.chars().all(|ch| "rbfuRBFU".contains(ch))
                && i < n
                && (chars[i].1 == '"' || chars[i].1 == '\'');
            if is_prefix {
                out.push_str("<span class=\"tok-str\">");
                escape_html(word, &mut out);
                out.push_str("</span>");
            } else if KEYWORDS.contains(&word) {
                span("kw", word, &mut out);
            } else if prev_word == "def" || prev_word == "class" {
                span("fn", word, &mut out);
            } else if BUILTINS.contains(&word) {
                span("bi", word, &mut out);
            } else {
                escape_html(word, &mut out);
            }
            prev_word = word;
            continue;
        } else {
            i += 1;
            escape_html(&src[byte_at(start)..byte_at(i)], &mut out);
        }
        if !c.is_whitespace() {
            prev_word = "";
        }
    }
    out
}
