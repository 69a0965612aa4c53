//! Plain text out of the notes' pre-rendered HTML, for the search index.
//!
//! The app does not ship the Markdown: topic bodies arrive as HTML (see
//! [`crate::notes::bundle`]), so search reads that HTML. It is our own renderer's output
//! (well-formed, a known set of tags and entities), which is why a small scanner suffices
//! here instead of an HTML parser.

/// Plain text of a body, plus its "key" text (headings, inline code, bold).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extract {
    /// Every visible character, block elements separated by newlines.
    pub plain: String,
    /// Headings, inline code and bold text, one per line.
    pub key: String,
}

/// Tags whose end starts a new line of plain text.
const BLOCK: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "tr",
    "blockquote",
    "div",
    "ul",
    "ol",
    "table",
    "br",
    "hr",
];
/// Tags whose text is "key" text (outside `<pre>` for `code`).
const KEY: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "strong", "code"];

/// Extracts the text of rendered note HTML. Heading anchors (`#`) and image placeholders
/// (UI text, not note text) are skipped. Never panics, whatever the input.
pub fn extract_html(html: &str) -> Extract {
    let mut out = Extract {
        plain: String::with_capacity(html.len()),
        key: String::new(),
    };
    let mut rest = html;
    let mut key_depth = 0usize;
    let mut in_pre = false;
    // Skipping the content of an element until its end tag of this name.
    let mut skip: Option<&str> = None;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let Some(end) = after.find('>') else {
                break;
            };
            let tag = &after[..end];
            rest = &after[end + 1..];
            let closing = tag.starts_with('/');
            let name_part = tag.trim_start_matches('/');
            let name_len = name_part
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(name_part.len());
            let name = &name_part[..name_len];
            if let Some(until) = skip {
                if closing && name == until {
                    skip = None;
                }
                continue;
            }
            if !closing && name == "a" && tag.contains("class=\"anchor\"") {
                skip = Some("a");
                continue;
            }
            // A Python block's toolbar (运行, 复制): controls, not text of the note.
            if !closing && name == "div" && tag.contains("class=\"py-tools\"") {
                skip = Some("div");
                continue;
            }
            if !closing && name == "span" && tag.contains("class=\"img-placeholder\"") {
                skip = Some("span");
                continue;
            }
            if name == "pre" {
                in_pre = !closing;
            }
            let is_key = KEY.contains(&name) && !(name == "code" && in_pre);
            if is_key {
                if closing {
                    key_depth = key_depth.saturating_sub(1);
                    if key_depth == 0 {
                        out.key.push('\n');
                    }
                } else {
                    key_depth += 1;
                }
            }
            if !closing && (name == "td" || name == "th") {
                out.plain.push(' ');
            } else if (closing || name == "br" || name == "hr") && BLOCK.contains(&name) {
                // (`td`/`th` ends fall through to here and add nothing.)
                out.plain.push('\n');
            }
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..next];
        rest = &rest[next..];
        if skip.is_some() {
            continue;
        }
        let start = out.plain.len();
        decode_entities(text, &mut out.plain);
        if key_depth > 0 {
            let (plain, key) = (&out.plain, &mut out.key);
            key.push_str(&plain[start..]);
        }
    }
    out
}

/// Appends `text` with HTML character references decoded (named: the five XML ones;
/// numeric: decimal and hex). Anything unrecognised stays as written.
pub fn decode_entities(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}
