//! The one pulldown-cmark call site: turns a topic body into HTML for the topic page.
//!
//! The content is ours (bundled, reviewed), but it is still treated defensively:
//! raw HTML in the notes is shown as text (except `<br>`), so `<username>` in a Flask
//! route stays visible; remote images are never loaded (offline, no outside requests)
//! and become a placeholder with a link; headings get stable ids for deep links.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::highlight::{escape_html, highlight_python};

/// A heading inside a topic body, for anchors and an outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1..=6.
    pub level: u8,
    /// Element id, unique within the topic.
    pub id: String,
    /// Plain text of the heading.
    pub text: String,
}

/// The rendered body of a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// HTML for the topic body.
    pub html: String,
    /// Headings in order, with their ids.
    pub headings: Vec<Heading>,
}

/// Options shared by every render (tables and strikethrough appear in the notes).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Makes an element id from heading text: keeps letters (any script) and digits.
pub fn anchor_id(text: &str) -> String {
    let mut id = String::from("h-");
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
            dash = false;
        } else if !dash && id.len() > 2 {
            id.push('-');
            dash = true;
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id
}

/// Renders inline Markdown (used for titles that contain `code`) to HTML.
pub fn render_inline(text: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(text, markdown_options()) {
        match event {
            Event::Text(t) => escape_html(&t, &mut out),
            Event::Code(t) => {
                out.push_str("<code>");
                escape_html(&t, &mut out);
                out.push_str("</code>");
            }
            _ => {}
        }
    }
    out
}

/// Renders a topic body. `link_prefix` is prepended to heading anchors (e.g. `#/t/slug/`).
pub fn render(body: &str, link_prefix: &str) -> Rendered {
    let mut headings: Vec<Heading> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut in_code: Option<(bool, String)> = None; // (is_python_or_fenced, collected text)
    let mut fenced_lang = String::new();
    let mut in_image: Option<(String, String)> = None; // (url, alt)
    let mut heading: Option<(u8, usize, String)> = None; // (level, event index, text)

    for event in Parser::new_ext(body, markdown_options()) {
        if let Some((_, alt)) = in_image.as_mut() {
            match event {
                Event::End(TagEnd::Image) => {
                    let (url, alt) = in_image.take().unwrap_or_default();
                    events.push(Event::Html(CowStr::from(image_placeholder(&url, &alt))));
                }
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                _ => {}
            }
            continue;
        }
        if let Some((_, text)) = in_code.as_mut() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (fenced, text) = in_code.take().unwrap_or_default();
                    events.push(Event::Html(CowStr::from(code_block(
                        &text,
                        fenced,
                        &fenced_lang,
                    ))));
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let fenced = matches!(kind, CodeBlockKind::Fenced(_));
                fenced_lang = match &kind {
                    CodeBlockKind::Fenced(lang) => lang.trim().to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                in_code = Some((fenced, String::new()));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image = Some((dest_url.to_string(), String::new()));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((heading_level(level), events.len(), String::new()));
                events.push(Event::Html(CowStr::from(String::new()))); // replaced at the end tag
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, idx, text)) = heading.take() {
                    let mut id = anchor_id(&text);
                    if id == "h-" {
                        id = format!("h-{}", headings.len() + 1);
                    }
                    let base = id.clone();
                    let mut k = 2;
                    while headings.iter().any(|h| h.id == id) {
                        id = format!("{base}-{k}");
                        k += 1;
                    }
                    let mut open = format!("<h{level} id=\"");
                    escape_html(&id, &mut open);
                    open.push_str("\">");
                    events[idx] = Event::Html(CowStr::from(open));
                    let mut close = String::from("<a class=\"anchor\" href=\"");
                    escape_html(link_prefix, &mut close);
                    escape_html(&id, &mut close);
                    close.push_str(&format!("\" aria-label=\"本节链接\">#</a></h{level}>"));
                    events.push(Event::Html(CowStr::from(close)));
                    headings.push(Heading { level, id, text });
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                if is_line_break(&raw) {
                    events.push(Event::Html(CowStr::from("<br>")));
                } else {
                    // Show the notes' raw HTML-looking text literally.
                    events.push(Event::Text(raw));
                }
            }
            Event::Text(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
                events.push(Event::Text(t));
            }
            Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
                events.push(Event::Code(t));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // Only plain web links and in-page anchors are kept as links.
                let safe = dest_url.starts_with("https://")
                    || dest_url.starts_with("http://")
                    || dest_url.starts_with('#');
                let dest_url = if safe { dest_url } else { CowStr::from("#") };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Rendered { html, headings }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_line_break(raw: &str) -> bool {
    matches!(raw.trim(), "<br>" | "<br/>" | "<br />")
}

fn code_block(text: &str, fenced: bool, lang: &str) -> String {
    let mut out = String::new();
    if fenced {
        let is_python = lang.is_empty() || lang == "python" || lang == "py" || lang == "python3";
        if is_python {
            // A runnable block: its toolbar (运行, 复制) comes with the HTML, so the boot view
            // paints it before the wasm and nothing moves when the app takes over.
            out.push_str("<div class=\"py-block\">");
            out.push_str(&super::pyrun::toolbar_html(text));
        }
        out.push_str("<pre class=\"code\"");
        if !lang.is_empty() {
            out.push_str(" data-lang=\"");
            escape_html(lang, &mut out);
            out.push('"');
        }
        if is_python {
            // Focusable, so Ctrl/⌘+Enter on the block runs it.
            out.push_str(" tabindex=\"0\"");
        }
        out.push_str("><code>");
        if is_python {
            out.push_str(&highlight_python(text));
        } else {
            escape_html(text, &mut out);
        }
        out.push_str("</code></pre>");
        if is_python {
            out.push_str("</div>");
        }
        out.push('\n');
    } else {
        // The notes use 4-space indentation for preformatted prose, not code:
        // keep line breaks, but wrap long lines (see style/main.css `.note-block`).
        out.push_str("<pre class=\"note-block\">");
        note_block_body(text, &mut out);
        out.push_str("</pre>\n");
    }
    out
}

/// The inside of a prose box (an indented block): each line is either code, set in
/// monospace with its spacing kept (`<code class="code-line">`), or prose whose
/// `` `code` `` spans are marked up. Everything is escaped: no raw HTML passes through.
fn note_block_body(text: &str, out: &mut String) {
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, (line, code)) in lines.iter().zip(code_lines(text)).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if code {
            out.push_str("<code class=\"code-line\">");
            escape_html(line, out);
            out.push_str("</code>");
        } else {
            push_code_spans(line, out);
        }
    }
}

/// For each line of a prose box (`block` split at `\n`), whether it is code: a line for
/// which [`is_code_line`] holds, or one that continues an aligned column of the block — an
/// ASCII head ending in a space with its non-ASCII text starting where an aligned column
/// line's does (`GraphQL 使用…` under `gRPC    可以…`).
pub fn code_lines(block: &str) -> Vec<bool> {
    let columns: Vec<usize> = block
        .split('\n')
        .filter_map(|l| ascii_head(l).filter(|&at| l[..at].ends_with("  ")))
        .collect();
    block
        .split('\n')
        .map(|l| {
            is_code_line(l)
                || ascii_head(l).is_some_and(|at| l[..at].ends_with(' ') && columns.contains(&at))
        })
        .collect()
}

/// Whether a line of a prose box (an indented block of the notes) is code, to be set in
/// monospace with its spacing kept. It is code when, ignoring leading spaces, it is
/// - a comment line: starts with `# ` (in an indented block `#` is never a heading);
/// - all ASCII, with no `` `code` `` span, and not just capitalised names (`Apache Spark`,
///   `MapReduce`): in the notes such lines are Python, SQL, Redis and shell commands,
///   URLs, HTTP headers and call traces (`f = F()`, `F __new__`, `break`);
/// - or an aligned column: a non-blank ASCII head ending in a gap of two or more spaces
///   before the first non-ASCII character (`MetaF __new__       执行…`, `gRPC    可以…`),
///   whose columns only line up in a fixed-width font.
///
/// Every other line (Chinese prose, with or without code spans) stays proportional and wraps.
pub fn is_code_line(line: &str) -> bool {
    let body = line.trim_start_matches(' ');
    if body.trim().is_empty() {
        return false;
    }
    if body == "#" || body.starts_with("# ") {
        return true;
    }
    if body.is_ascii() {
        return !has_code_span(body) && !is_names(body.trim_end());
    }
    ascii_head(line).is_some_and(|at| line[..at].ends_with("  "))
}

/// The byte offset of the first non-ASCII character of `line`, when the ASCII text before
/// it is not blank.
fn ascii_head(line: &str) -> Option<usize> {
    let at = line.find(|c: char| !c.is_ascii())?;
    (!line[..at].trim().is_empty()).then_some(at)
}

/// Whether `text` is only capitalised words (letters and digits) separated by single spaces.
fn is_names(text: &str) -> bool {
    text.split(' ').all(|w| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// Whether `line` holds a complete `` `code` `` span.
fn has_code_span(line: &str) -> bool {
    let mut out = String::new();
    push_code_spans(line, &mut out);
    out.contains("<code>")
}

/// Escapes `line` into `out`, marking up its code spans as CommonMark does within one line:
/// a run of n backticks opens a span that the next run of exactly n backticks closes, one
/// space is stripped from each end when both are there, and an unclosed run stays literal.
fn push_code_spans(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        escape_html(&rest[..start], out);
        let after = &rest[start..];
        let run = after.len() - after.trim_start_matches('`').len();
        let body_and_rest = &after[run..];
        match find_backtick_run(body_and_rest, run) {
            Some(end) => {
                let mut code = &body_and_rest[..end];
                if code.len() >= 2
                    && code.starts_with(' ')
                    && code.ends_with(' ')
                    && !code.trim().is_empty()
                {
                    code = &code[1..code.len() - 1];
                }
                out.push_str("<code>");
                escape_html(code, out);
                out.push_str("</code>");
                rest = &body_and_rest[end + run..];
            }
            None => {
                escape_html(&after[..run], out);
                rest = body_and_rest;
            }
        }
    }
    escape_html(rest, out);
}

/// The byte offset in `text` of the first run of exactly `n` backticks.
fn find_backtick_run(text: &str, n: usize) -> Option<usize> {
    let mut i = 0;
    while let Some(found) = text[i..].find('`') {
        let start = i + found;
        let len = text[start..].len() - text[start..].trim_start_matches('`').len();
        if len == n {
            return Some(start);
        }
        i = start + len;
    }
    None
}

fn image_placeholder(url: &str, alt: &str) -> String {
    let file = url.rsplit('/').next().unwrap_or(url);
    let label = if alt.trim().is_empty() {
        file
    } else {
        alt.trim()
    };
    let mut out =
        String::from("<span class=\"img-placeholder\" role=\"img\" aria-label=\"外链图片：");
    escape_html(label, &mut out);
    out.push_str("\">外链图片未加载（离线可用，不请求外部网站）：");
    escape_html(label, &mut out);
    if url.starts_with("https://") || url.starts_with("http://") {
        out.push_str(" <a href=\"");
        escape_html(url, &mut out);
        out.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">在新窗口打开原图</a>");
    }
    out.push_str("</span>");
    out
}
