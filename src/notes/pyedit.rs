//! Editing the notes' Python blocks and the scratchpad (`#/py`): the words on the toolbar's
//! editing buttons, the line diff against the notes' code, and share links that carry the
//! learner's code in the URL fragment. Pure; the browser side is `src/ui/pyedit.rs` and the
//! editor itself CodeMirror 6 (`scripts/editor/editor.mjs`).
//!
//! A share link is the page's hash with the code percent-encoded in its query:
//! `#/t/<slug>?py=<block index>&code=<code>` for a block, `#/py?code=<code>` for the
//! scratchpad. Every byte but RFC 3986's unreserved characters is escaped, so the link
//! survives chat apps and mail; links over [`SHARE_MAX_CHARS`] are refused.

use crate::route::{percent_decode, percent_encode};

/// The 编辑 button's label (a toggle: pressed while the block is the editor).
pub const EDIT_LABEL: &str = "编辑";
/// The 换行 button's label (a toggle: wrap long lines); the same words as the page's toggle,
/// which it follows.
pub const WRAP_LABEL: &str = super::page_text::CODE_WRAP_LABEL;
/// The 还原 button's label (back to the notes' code), shown after an edit.
pub const RESTORE_LABEL: &str = "还原";
/// The 对比 button's label (show the line diff), shown after an edit.
pub const DIFF_LABEL: &str = "对比";
/// The 分享 button's label (copy a link with the code).
pub const SHARE_LABEL: &str = "分享";
/// Shown on 分享 once the link was copied.
pub const SHARE_COPIED: &str = "已复制链接";
/// Shown while the editor downloads (the first time) and starts.
pub const EDITOR_LOADING: &str = "正在加载编辑器…";
/// Shown when the editor could not be loaded (offline before its first use).
pub const EDITOR_FAILED: &str =
    "编辑器加载失败（第一次使用需要联网）。代码仍可运行，联网后再试编辑。";
/// Shown on a block opened from a share link.
pub const SHARED_NOTE: &str = "这是分享链接里的代码；改动后会保存为你的版本，还原可回到笔记原文。";
/// The note under the scratchpad's toolbar when it opened with code from a share link (it has
/// no notes' code to go back to, so no 还原).
pub const SCRATCHPAD_SHARED_NOTE: &str = "这是分享链接里的代码；改动后会保存为你的版本。";
/// The scratchpad's title.
pub const SCRATCHPAD_TITLE: &str = "Python 草稿本";
/// What the scratchpad starts with.
pub const SCRATCHPAD_START: &str =
    "# 在这里写你自己的 Python 代码，按 Ctrl/⌘+Enter 运行。\nprint(\"你好，Python\")\n";
/// The editor's accessible name.
pub const EDITOR_ARIA_LABEL: &str =
    "Python 代码编辑器（Tab 缩进；先按 Esc 再按 Tab 可离开编辑器；Ctrl/⌘+Enter 运行）";

/// Longest share link fragment accepted, in characters (after percent-encoding). Chinese text
/// grows ninefold (`%E4%BD%A0`): about 900 Chinese characters, or 8,000 of ASCII code.
pub const SHARE_MAX_CHARS: usize = 8_000;

/// The words under the toolbar after an edit: how many lines changed.
pub fn changed_summary(lines: &[DiffLine]) -> String {
    let added = lines.iter().filter(|l| l.kind == DiffKind::Added).count();
    let removed = lines.iter().filter(|l| l.kind == DiffKind::Removed).count();
    format!("已修改：新增 {added} 行，删除 {removed} 行（对比笔记原文）")
}

/// What a share link opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareTarget<'a> {
    /// Python block `index` (0-based, in page order) of topic `slug`.
    Block {
        /// Topic slug.
        slug: &'a str,
        /// The block's index.
        index: usize,
    },
    /// The scratchpad page.
    Scratchpad,
}

/// The hash of a share link (`#/…`) opening `target` with `code`, or why not (in Chinese).
pub fn share_hash(target: &ShareTarget<'_>, code: &str) -> Result<String, String> {
    let encoded = percent_encode(code);
    let hash = match target {
        ShareTarget::Block { slug, index } => {
            format!("#/t/{}?py={index}&code={encoded}", percent_encode(slug))
        }
        ShareTarget::Scratchpad => format!("#/py?code={encoded}"),
    };
    let n = hash.chars().count();
    if n > SHARE_MAX_CHARS {
        return Err(format!(
            "代码太长，无法放进链接（编码后 {n} 个字符，上限 {SHARE_MAX_CHARS}）。请改用 复制 分享代码。"
        ));
    }
    Ok(hash)
}

/// Code a page was opened with from a share link: the block index (`None` on the scratchpad)
/// and the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The block's index on a topic page; `None` for the scratchpad.
    pub block: Option<usize>,
    /// The shared code.
    pub code: String,
}

/// Reads a share link's code from `location.hash`: `None` when the hash carries none, `Err`
/// (Chinese) when it is malformed or over the size limit. Invalid escapes are kept as text and
/// invalid UTF-8 becomes U+FFFD (as `route::percent_decode`), never a panic.
pub fn parse_share(hash: &str) -> Option<Result<Shared, String>> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = hash.split_once('?')?;
    let mut code = None;
    let mut block = None;
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "code" => code = Some(v),
            "py" => block = Some(v),
            _ => {}
        }
    }
    let code = code?;
    if hash.chars().count() > SHARE_MAX_CHARS + 64 {
        return Some(Err(format!(
            "链接里的代码太长（超过 {SHARE_MAX_CHARS} 个字符），没有打开。"
        )));
    }
    let on_topic = path.starts_with("/t/");
    let block = match (on_topic, block) {
        (true, Some(b)) => match b.parse::<usize>() {
            Ok(i) if i < 1000 => Some(i),
            _ => {
                return Some(Err(format!(
                    "链接里的代码块编号「{}」无效，没有打开。",
                    percent_decode(b).chars().take(20).collect::<String>()
                )))
            }
        },
        (true, None) => return Some(Err("链接没有说明是哪个代码块，没有打开。".to_string())),
        (false, _) => None,
    };
    Some(Ok(Shared {
        block,
        code: percent_decode(code),
    }))
}

/// Whether a line was kept, removed from the notes' code or added by the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffKind {
    /// In both.
    Same,
    /// Only in the notes' code.
    Removed,
    /// Only in the learner's code.
    Added,
}

/// One line of the diff view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Kept, removed or added.
    pub kind: DiffKind,
    /// The line, without its line break.
    pub text: String,
}

/// Most lines compared; beyond, the rest is one removed-and-added run (Myers is quadratic in
/// the worst case).
pub const DIFF_MAX_LINES: usize = 500;

/// The line diff from the notes' code to the learner's (Myers, `similar`): removed lines come
/// before the lines that replace them. A missing final line break does not count as a change.
pub fn diff_lines(original: &str, edited: &str) -> Vec<DiffLine> {
    // Lines as `String`s, the element type `cards::compare` diffs too: one instance of the
    // diff code in the wasm.
    let a: Vec<String> = original.lines().map(String::from).collect();
    let b: Vec<String> = edited.lines().map(String::from).collect();
    let (ah, at) = a.split_at(a.len().min(DIFF_MAX_LINES));
    let (bh, bt) = b.split_at(b.len().min(DIFF_MAX_LINES));
    let line = |kind, text: &String| DiffLine {
        kind,
        text: text.clone(),
    };
    let mut out = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, ah, bh) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            out.extend(ah[old].iter().map(|t| line(DiffKind::Same, t)));
        } else {
            out.extend(ah[old].iter().map(|t| line(DiffKind::Removed, t)));
            out.extend(bh[new].iter().map(|t| line(DiffKind::Added, t)));
        }
    }
    out.extend(at.iter().map(|t| line(DiffKind::Removed, t)));
    out.extend(bt.iter().map(|t| line(DiffKind::Added, t)));
    out
}

/// The diff line's prefix as a unified diff shows it.
pub fn diff_mark(kind: DiffKind) -> &'static str {
    match kind {
        DiffKind::Same => "  ",
        DiffKind::Removed => "- ",
        DiffKind::Added => "+ ",
    }
}

/// 编辑 and 换行 (toggles, `aria-pressed`), written into every Python block's toolbar at build
/// time (`notes::pyrun::toolbar_html`) and wired by `src/ui/pyedit.rs`.
pub fn edit_buttons_html(out: &mut String) {
    out.push_str("<button type=\"button\" class=\"py-edit small\" aria-pressed=\"false\">");
    out.push_str(EDIT_LABEL);
    out.push_str("</button>");
}

/// 换行, 还原, 对比 and 分享 (the last three hidden until the block is edited), after 复制.
pub fn after_edit_buttons_html(out: &mut String) {
    out.push_str("<button type=\"button\" class=\"py-wrap small\" aria-pressed=\"false\">");
    out.push_str(WRAP_LABEL);
    out.push_str("</button>");
    for (class, label) in [
        ("py-restore", RESTORE_LABEL),
        ("py-diff", DIFF_LABEL),
        ("py-share", SHARE_LABEL),
    ] {
        out.push_str("<button type=\"button\" class=\"");
        out.push_str(class);
        out.push_str(" small\" hidden");
        if class == "py-diff" {
            out.push_str(" aria-pressed=\"false\"");
        }
        out.push('>');
        out.push_str(label);
        out.push_str("</button>");
    }
}
