//! Markdown rendering of the tricky constructs in the notes.

use mianshiti_playground::notes::highlight::highlight_python;
use mianshiti_playground::notes::markdown::{anchor_id, render, render_inline};
use mianshiti_playground::notes::Catalogue;

#[track_caller]
fn check_contains(markdown: &str, needles: &[&str]) {
    let html = render(markdown, "#/t/x/").html;
    for n in needles {
        assert!(html.contains(n), "missing {n:?} in\n{html}");
    }
}

#[track_caller]
fn check_absent(markdown: &str, needles: &[&str]) {
    let html = render(markdown, "#/t/x/").html;
    for n in needles {
        assert!(!html.contains(n), "unexpected {n:?} in\n{html}");
    }
}

#[test]
fn indented_prose_is_a_wrapping_note_block() {
    check_contains(
        "说明：\n\n    第一行 很长的一行\n    第二行\n",
        &["<pre class=\"note-block\">第一行 很长的一行\n第二行\n</pre>"],
    );
}

#[test]
fn python_fences_are_highlighted_and_escaped() {
    check_contains(
        "```python\ndef f(x):\n    return x < 1  # 注释\n```\n",
        &[
            "<pre class=\"code\" data-lang=\"python\">",
            "<span class=\"tok-kw\">def</span>",
            "<span class=\"tok-fn\">f</span>",
            "x &lt; <span class=\"tok-num\">1</span>",
            "<span class=\"tok-com\"># 注释</span>",
        ],
    );
}

#[test]
fn inline_code_with_backticks_survives() {
    check_contains(
        "用 `` a`b `` 和 `is`",
        &["<code>a`b</code>", "<code>is</code>"],
    );
    assert_eq!(
        render_inline("`is` 和 `==`"),
        "<code>is</code> 和 <code>==</code>"
    );
}

#[test]
fn remote_images_become_placeholders_that_load_nothing() {
    let md = "![](https://raw.githubusercontent.com/x/tcp34.png)";
    check_contains(md, &["img-placeholder", "tcp34.png", "在新窗口打开原图"]);
    check_absent(md, &["<img"]);
    check_contains("![三次握手](https://example.com/a.png)", &["三次握手"]);
}

#[test]
fn raw_html_in_notes_shows_as_text_except_line_breaks() {
    check_contains("路由 <username> 与 <br>", &["&lt;username&gt;", "<br>"]);
    check_absent("<script>alert(1)</script>", &["<script>"]);
    check_absent("[x](javascript:alert(1))", &["javascript:"]);
}

#[test]
fn headings_get_unique_linkable_ids() {
    let r = render("## 概述\n\n## 概述\n\n### Foo Bar", "#/t/x/");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["h-概述", "h-概述-2", "h-foo-bar"]);
    assert!(r.html.contains("href=\"#/t/x/h-概述\""));
    assert_eq!(anchor_id("`__dict__` 和 dir"), "h-dict-和-dir");
}

#[test]
fn unterminated_strings_still_highlight_without_panicking() {
    for src in ["'abc", "\"\"\"x", "f'", "@", "1.2.3e", "中文'", "\\", "'\\"] {
        let html = highlight_python(src);
        assert!(!html.contains('<') || html.contains("<span"), "{html}");
    }
}

#[test]
fn every_topic_renders_and_the_real_images_are_placeholders() {
    let cat = Catalogue::load().expect("content parses");
    let mut placeholders = 0;
    for t in &cat.topics {
        let r = render(&t.body, "#/t/x/");
        assert!(!r.html.is_empty(), "{} rendered empty", t.slug);
        assert!(!r.html.contains("<img"), "{} loads an image", t.slug);
        assert!(!r.html.contains("<script"), "{}", t.slug);
        placeholders += r.html.matches("img-placeholder").count();
    }
    assert_eq!(placeholders, 2, "the notes have exactly two remote images");
    // The Flask routes keep their angle brackets visible.
    let flask = cat.get("flask-vs-django-routing").expect("exists");
    assert!(render(&flask.body, "").html.contains("&lt;username&gt;"));
}
