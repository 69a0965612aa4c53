//! The notes bundle: every topic body rendered to HTML at build time and shipped as one
//! JSON file next to the app (`notes-<hash>.json`).
//!
//! Why: the wasm then carries neither the Markdown (~43 KB gzip) nor pulldown-cmark and its
//! entity tables (~45 KB gzip), starts without rendering Markdown, and a tiny inline script
//! can paint the deep-linked topic from the same file before the wasm has even arrived.
//! `src/bin/prerender.rs` writes the file (native, after Trunk's build), and beside it one small
//! file per topic (a bundle of that one topic, `notes-<hash>/<slug>.json`, [`topic_files`]): a cold deep link
//! downloads only its own topic's file before the app is ready (the boot script paints it, the
//! app reads its body with [`parse_topic`]); the app fetches the whole bundle once it is ready
//! (or when search first needs it) and reads the bodies with [`parse_bodies`]; [`parse`]
//! reads everything.

use serde::{Deserialize, Serialize};

#[cfg(not(target_arch = "wasm32"))]
use super::markdown::render;
#[cfg(not(target_arch = "wasm32"))]
use super::{Catalogue, Topic};

/// Bumped when the shape of the file changes (2: the pre-wasm header, `status_bar`, `head`
/// and `links`, replaced `title` and `category`).
pub const FORMAT_VERSION: u32 = 2;
/// Refuse absurd files before parsing them (the real one is about 184 KB).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    /// [`FORMAT_VERSION`] of the writer.
    pub version: u32,
    /// The status bar of every topic's pre-wasm header ([`status_bar_html`]), stored once.
    /// (Defaults, like `head`, so a file of another version gets the version error.)
    #[serde(default)]
    pub status_bar: String,
    /// Topics in catalogue order.
    pub topics: Vec<BundleTopic>,
}

/// One topic, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleTopic {
    /// The topic's slug (key).
    pub slug: String,
    /// The pre-wasm header before the status bar: breadcrumb and title ([`topic_head_html`]
    /// is `head` + the bundle's `status_bar` + `links`).
    #[serde(default)]
    pub head: String,
    /// The pre-wasm header's exercise jump links after the status bar (often empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub links: String,
    /// The rendered body.
    pub html: String,
}

/// The header of topic `idx` as the topic page lays it out, for index.html to paint before
/// the wasm arrives: breadcrumb, title, the status bar (first
/// visit's state; `inert` until the app replaces it) and the jump links to its exercises. Same
/// elements, classes and words as `ui::pages::TopicPage`, so when the app takes over the body
/// below does not move (e2e: `boot.spec.mjs`). Empty for an index out of range. The bundle
/// stores it in three parts: `head_html`, [`status_bar_html`] once, `links_html`.
#[cfg(not(target_arch = "wasm32"))]
pub fn topic_head_html(cat: &Catalogue, idx: usize) -> String {
    match cat.topics.get(idx) {
        Some(topic) => {
            head_html(cat, idx, topic) + &status_bar_html() + &tools_html(topic, &topic_html(topic))
        }
        None => String::new(),
    }
}

/// What comes between the status bar and the body: the exercise jump links, then, when the
/// body has a code block, the 换行 toggle (inert in the boot view; `ui::code_wrap` in the app).
#[cfg(not(target_arch = "wasm32"))]
fn tools_html(topic: &Topic, body_html: &str) -> String {
    let mut out = links_html(topic);
    if has_code_block(body_html) {
        out.push_str(&code_tools_html());
    }
    out
}

/// Whether a rendered body has a highlighted code block (the 换行 toggle applies to those).
pub fn has_code_block(body_html: &str) -> bool {
    body_html.contains("<pre class=\"code\"")
}

/// The 换行 toggle as the boot view paints it: the app's elements, classes and words, `inert`
/// and off until the app replaces it.
pub fn code_tools_html() -> String {
    use super::page_text::{CODE_WRAP_HINT, CODE_WRAP_LABEL};
    format!(
        "<div class=\"code-tools\" inert><button class=\"code-wrap-btn small\" \
         aria-pressed=\"false\" title=\"{CODE_WRAP_HINT}\">{CODE_WRAP_LABEL}</button></div>"
    )
}

#[cfg(not(target_arch = "wasm32"))]
/// Breadcrumb and title for `topic`, the catalogue's topic `idx`. (Where the seed's heading
/// was empty the title is the app's choice; that remark is for maintainers and stays in the
/// front matter's empty `source_heading`, not on the page.)
fn head_html(cat: &Catalogue, idx: usize, topic: &Topic) -> String {
    let mut out = String::from("<p class=\"crumb\">");
    if let Some(place) = cat.place(idx) {
        super::highlight::escape_html(&super::page_text::crumb(&topic.category, &place), &mut out);
    }
    out.push_str(&format!(
        "</p><h1 class=\"boot-title\">{}</h1>",
        super::title_html(&topic.title)
    ));
    out
}

/// The status bar in a first visit's state, `inert`: the same for every topic.
pub fn status_bar_html() -> String {
    use super::page_text::{BOOKMARK_OFF, STATUS_LABEL};
    use crate::progress::Status;
    let mut out = format!(
        "<div class=\"status-bar\" inert><span class=\"status-label\">{STATUS_LABEL}</span>"
    );
    for st in Status::ALL {
        out.push_str(&format!(
            "<button class=\"status-btn\" data-status=\"{}\" aria-pressed=\"{}\">{}</button>",
            st.key(),
            st == Status::Unread,
            st.label()
        ));
    }
    out.push_str(&format!(
        "<button class=\"bookmark-btn\" aria-pressed=\"false\">{BOOKMARK_OFF}</button>\
         <span class=\"muted small times\"></span></div>"
    ));
    out
}

#[cfg(not(target_arch = "wasm32"))]
/// The jump links to a topic's exercises (empty when it has none).
fn links_html(topic: &Topic) -> String {
    use super::page_text::{EXERCISE_LINKS_LEAD, EXERCISE_LINK_MARK};
    let links: Vec<_> = topic
        .exercises
        .iter()
        .filter_map(|id| crate::exercises::find(id))
        .collect();
    if links.is_empty() {
        return String::new();
    }
    let mut out = format!("<p class=\"exercise-links\">{EXERCISE_LINKS_LEAD}");
    for info in links {
        out.push_str(&format!(
            "<a class=\"chip\" href=\"#ex-{}\">{EXERCISE_LINK_MARK}",
            info.id
        ));
        super::highlight::escape_html(info.title, &mut out);
        out.push_str("</a>");
    }
    out.push_str("</p>");
    out
}

/// Renders one topic body exactly as the topic page shows it (build time only).
#[cfg(not(target_arch = "wasm32"))]
pub fn topic_html(topic: &Topic) -> String {
    render(
        &topic.body,
        &format!("{}/", crate::route::topic_hash(&topic.slug)),
    )
    .html
}

/// Renders every topic of the catalogue (build time only).
#[cfg(not(target_arch = "wasm32"))]
pub fn build(cat: &Catalogue) -> Bundle {
    Bundle {
        version: FORMAT_VERSION,
        status_bar: status_bar_html(),
        topics: cat
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let html = topic_html(t);
                BundleTopic {
                    slug: t.slug.clone(),
                    head: head_html(cat, i, t),
                    links: tools_html(t, &html),
                    html,
                }
            })
            .collect(),
    }
}

/// The file's text (compact JSON).
pub fn to_json(bundle: &Bundle) -> String {
    serde_json::to_string(bundle).unwrap_or_default()
}

/// Every topic's own file, as `(path relative to the site, compact JSON)`, in catalogue order;
/// `bundle_file` is the bundle's [`file_name`], whose hash names their folder ([`topic_path`]).
/// Each is a [`Bundle`] holding that one topic (with the status bar): everything a cold deep
/// link needs before the app is ready, read by the same code as the whole bundle.
pub fn topic_files(bundle: &Bundle, bundle_file: &str) -> Vec<(String, String)> {
    bundle
        .topics
        .iter()
        .map(|t| {
            let one = Bundle {
                version: bundle.version,
                status_bar: bundle.status_bar.clone(),
                topics: vec![t.clone()],
            };
            (topic_path(bundle_file, &t.slug), to_json(&one))
        })
        .collect()
}

/// Where topic `slug`'s own file is, relative to the site: the bundle's name without `.json`
/// as a folder (`notes-<hash>.json` → `notes-<hash>/<slug>.json`), so the files change name
/// whenever the bundle does. The boot script (`src/boot-early.js`) builds the same path.
pub fn topic_path(bundle_file: &str, slug: &str) -> String {
    let dir = bundle_file.strip_suffix(".json").unwrap_or(bundle_file);
    format!("{dir}/{slug}.json")
}

/// A topic's own file ([`topic_files`]) as the app reads it: `(slug, body)`. The same checks
/// and Chinese errors as [`parse_bodies`], and it must hold exactly one topic.
pub fn parse_topic(bytes: &[u8]) -> Result<(String, String), String> {
    let mut topics = parse_bodies(bytes)?;
    match (topics.pop(), topics.is_empty()) {
        (Some(one), true) => Ok(one),
        (got, _) => Err(format!(
            "这一题的笔记文件应只含一个主题，却有 {} 个",
            topics.len() + usize::from(got.is_some())
        )),
    }
}

/// The content-addressed file name: `notes-<16 hex digits of FNV-1a 64>.json`, so a new
/// build never meets a stale copy in a browser cache and the service worker can treat it
/// like Trunk's hashed files.
pub fn file_name(json: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in json.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("notes-{h:016x}.json")
}

/// Points a built `index.html` at the bundle (its `<meta name="mianshiti-notes">`) and fills its boot view's home page: replaces
/// the `notes.json` placeholder (or an earlier `notes-<hash>.json`) with `file`, and puts
/// `home` into the empty `id=boot-home` element (already holding exactly `home`: unchanged).
/// Works on the source (`id="boot-home"`) and on Trunk's minified output (`id=boot-home`).
pub fn patch_index(index: &str, file: &str, home: &str) -> Result<String, String> {
    let current = find_notes_ref(index).ok_or(
        "index.html has no `notes.json` / `notes-<hash>.json` reference to point at the bundle",
    )?;
    let index = index.replace(&current, file);
    let at = ["id=\"boot-home\"", "id=boot-home"]
        .iter()
        .find_map(|needle| index.find(needle))
        .ok_or("index.html has no element with id=boot-home")?;
    let open_end = index[at..]
        .find('>')
        .ok_or("index.html: unterminated boot-home tag")?
        + at
        + 1;
    let rest = &index[open_end..];
    if rest.starts_with(&format!("{home}</div>")) {
        return Ok(index);
    }
    if !rest.starts_with("</div>") {
        return Err("index.html: the boot-home element must be an empty <div>".into());
    }
    Ok(format!("{}{home}{rest}", &index[..open_end]))
}

/// Writes the topics' slugs (space-separated, catalogue order) into index.html's
/// `<meta name="mianshiti-notes">` as `data-topics="…"` (replacing an earlier list), so the boot
/// script requests a deep link's own file only for a topic that exists: an unknown slug gets
/// the app's 404 view, not a failed request. Slugs are `[a-z0-9-]+`, nothing to escape.
pub fn patch_topics(index: &str, slugs: &[&str]) -> Result<String, String> {
    let at = index
        .find("mianshiti-notes")
        .ok_or("index.html has no <meta name=\"mianshiti-notes\">")?;
    let start = index[..at]
        .rfind("<meta")
        .ok_or("index.html: mianshiti-notes is not in a <meta> tag")?;
    let end = at
        + index[at..]
            .find('>')
            .ok_or("index.html: unterminated <meta> tag")?;
    let mut tag = index[start..end].to_string();
    if let Some(old) = tag.find(" data-topics=\"") {
        let close = tag[old + 14..]
            .find('"')
            .ok_or("index.html: unterminated data-topics")?;
        tag.replace_range(old..old + 14 + close + 1, "");
    }
    let self_closing = tag.ends_with('/');
    if self_closing {
        tag.pop();
    }
    tag.push_str(&format!(" data-topics=\"{}\"", slugs.join(" ")));
    if self_closing {
        tag.push('/');
    }
    Ok(format!("{}{tag}{}", &index[..start], &index[end..]))
}

/// `notes.json` or `notes-<16 hex>.json` as it appears in index.html.
fn find_notes_ref(index: &str) -> Option<String> {
    if index.contains("notes.json") {
        return Some("notes.json".into());
    }
    let mut from = 0;
    while let Some(i) = index[from..].find("notes-") {
        let at = from + i;
        if let Some(candidate) = index.get(at..at + 6 + 16 + 5) {
            let hex = &candidate[6..22];
            if hex.bytes().all(|b| b.is_ascii_hexdigit()) && candidate.ends_with(".json") {
                return Some(candidate.to_string());
            }
        }
        from = at + 6;
    }
    None
}

/// Parses the file. Errors are in Chinese and say what is wrong.
pub fn parse(text: &str) -> Result<Bundle, String> {
    parse_as(text.as_bytes(), |b: &Bundle| b.version)
}

/// The topic bodies by slug: all the app reads at start-up. The same checks and errors as
/// [`parse`], but the headers (for the pre-wasm paint only) are skipped, not copied out.
/// It takes the file's bytes as fetched, so the app never makes a JS string of the whole file.
pub fn parse_bodies(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    #[derive(Deserialize)]
    struct Bodies {
        version: u32,
        topics: Vec<Body>,
    }
    #[derive(Deserialize)]
    struct Body {
        slug: String,
        html: String,
    }
    let b = parse_as(bytes, |b: &Bodies| b.version)?;
    Ok(b.topics.into_iter().map(|t| (t.slug, t.html)).collect())
}

/// Refuses a bundle of `len` bytes over [`MAX_BYTES`] (the app checks before copying it in).
pub fn check_size(len: usize) -> Result<(), String> {
    if len > MAX_BYTES {
        return Err(format!("笔记文件过大（{len} 字节，上限 {MAX_BYTES} 字节）"));
    }
    Ok(())
}

/// The size check, JSON parse and version check both readers share.
fn parse_as<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    version: impl Fn(&T) -> u32,
) -> Result<T, String> {
    check_size(bytes.len())?;
    // Checked up front (~0.2 ms), so serde_json reads a `&str` as everywhere else in the app:
    // its byte-slice reader would be a second copy of the deserializer in the wasm (+4.7 KB).
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "笔记文件不是有效的 UTF-8 文本（第 {} 字节处）",
            e.valid_up_to() + 1
        )
    })?;
    let parsed: T = serde_json::from_str(text).map_err(|e| {
        format!(
            "笔记文件不是有效的 JSON（第 {} 行第 {} 列）",
            e.line(),
            e.column()
        )
    })?;
    let v = version(&parsed);
    if v != FORMAT_VERSION {
        return Err(format!(
            "笔记文件版本为 {v}，本应用需要版本 {FORMAT_VERSION}"
        ));
    }
    Ok(parsed)
}
