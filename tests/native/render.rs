//! Markdown rendering of the tricky constructs in the notes.

use mianshiti_playground::notes::highlight::highlight_python;
use mianshiti_playground::notes::markdown::{
    anchor_id, code_lines, is_code_line, render, render_inline,
};
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
            "<div class=\"py-block\"><div class=\"py-tools\">",
            "<pre class=\"code\" data-lang=\"python\" tabindex=\"0\">",
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

/// The text a reader sees outside code: `html` without its `<code>` elements (inline
/// spans, code lines of prose boxes, and the `<code>` inside every highlighted block),
/// without tags.
fn prose_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find("<code") {
        text.push_str(&rest[..open]);
        let close = rest[open..].find("</code>").expect("closed code element");
        rest = &rest[open + close + "</code>".len()..];
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether some line of `text` shows two backticks (a code span left unrendered).
fn has_backtick_pair(text: &str) -> bool {
    text.lines().any(|l| l.matches('`').count() >= 2)
}

#[test]
fn code_spans_in_prose_boxes_become_code() {
    check_contains(
        "    `defaultdict` 类允许 `a<b` 与 `` x`y `` 和 `` 未闭合 ` 保留\n",
        &[
            "<pre class=\"note-block\"><code>defaultdict</code> 类允许 <code>a&lt;b</code> 与 \
             <code>x`y</code> 和 `` 未闭合 ` 保留\n</pre>",
        ],
    );
    // Raw HTML stays text inside a prose box, in prose and code lines alike.
    check_contains(
        "    说明 <script>x</script> `<br>`\n    <b>x</b>\n",
        &[
            "说明 &lt;script&gt;x&lt;/script&gt; <code>&lt;br&gt;</code>\n",
            "<code class=\"code-line\">&lt;b&gt;x&lt;/b&gt;</code>\n",
        ],
    );
    check_absent("    说明 <script>x</script>\n", &["<script>", "<br>"]);
}

#[test]
fn code_lines_in_prose_boxes_are_told_from_prose() {
    for code in [
        "f = F()",
        "    F __new__",
        "    ...",
        "class F(metaclass=MetaF):",
        "    MetaF __new__       执行MetaClas(type)的 __new__ 方法(类是type的对象)",
        "gRPC    可以使用Protocol Buffer格式进行数据传输",
        "    # 打开文件并将它映射到内存中",
        "#",
        "ZADD player_score 98 \"user1\"",
        "https://www.example.com:8080/index.html?param1=value1",
        "            break",
        "    import mmap",
    ] {
        assert!(is_code_line(code), "{code:?} is code");
    }
    for prose in [
        "",
        "    ",
        "`defaultdict` 类允许给定的默认类型作为工厂函数",
        "`4xx` is all ASCII but marks its code span",
        "列表（List）：可变序列，元素可以是任何类型。",
        "1  TCP连接的两个端点都可能在 关闭连接之前 发送其余的数据包，",
        "    以下是一个简单的例子，演示如何使用Python标准库中的mmap模块来实现内存映像文件：",
        "排行榜：    ",
        "\u{3000}\u{3000}使用一台作为用户的登录服务器",
        "HEAD：和GET类似，但是服务器只返回请求头信息，不返回实际数据。",
        "Apache Hadoop",
        "MapReduce",
        "GraphQL 使用自定义的查询语言进行数据传输",
        "Python 3 中还有一些其他内置类型",
    ] {
        assert!(!is_code_line(prose), "{prose:?} is prose");
    }
    // A line continues an aligned column of its block when its text starts at that column.
    assert_eq!(
        code_lines("gRPC    可以\nGraphQL 使用\nPython 3 中\n对于效率"),
        [true, true, false, false]
    );
    assert_eq!(code_lines("GraphQL 使用"), [false]);
    check_contains(
        "    f = F()\n        F __new__\n    说明\n",
        &[
            "<code class=\"code-line\">f = F()</code>\n",
            "<code class=\"code-line\">    F __new__</code>\n说明\n",
        ],
    );
}

#[test]
fn no_topic_shows_a_backtick_pair_and_the_metaclass_trace_is_code() {
    let cat = Catalogue::load().expect("content parses");
    let with_pairs: Vec<&str> = cat
        .topics
        .iter()
        .filter(|t| has_backtick_pair(&prose_text(&render(&t.body, "").html)))
        .map(|t| t.slug.as_str())
        .collect();
    assert_eq!(
        with_pairs,
        Vec::<&str>::new(),
        "topics showing literal backticks"
    );

    let metaclass = cat.get("metaclass-execution").expect("exists");
    let html = render(&metaclass.body, "").html;
    for line in [
        "<code class=\"code-line\">class F(metaclass=MetaF):</code>",
        "<code class=\"code-line\">f = F()</code>",
        "<code class=\"code-line\">    MetaF __new__       执行MetaClas(type)的 __new__ 方法(类是type的对象)</code>",
        "<code class=\"code-line\">    F __call__          执行F的 __call__ 方法(f 是 F对象)</code>",
    ] {
        assert!(html.contains(line), "missing {line:?} in\n{html}");
    }
    // The RPC comparison's aligned column is code on every row.
    let rpc = render(&cat.get("rpc-transports").expect("exists").body, "").html;
    assert!(
        rpc.contains("<code class=\"code-line\">gRPC    可以"),
        "{rpc}"
    );
    assert!(
        rpc.contains("<code class=\"code-line\">GraphQL 使用"),
        "{rpc}"
    );
    // Chinese prose in prose boxes stays prose.
    let defaultdict = cat.get("defaultdict").expect("exists");
    assert!(render(&defaultdict.body, "")
        .html
        .contains("<pre class=\"note-block\"><code>defaultdict</code> 类允许"));
}
