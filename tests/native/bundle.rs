//! The build-time notes bundle the app fetches instead of rendering Markdown itself, and the
//! pieces that replace pulldown-cmark in the wasm (titles, text extraction for search).

use mianshiti_playground::notes::bundle::{self, Bundle};
use mianshiti_playground::notes::markdown::render_inline;
use mianshiti_playground::notes::{title_html, Catalogue};
use mianshiti_playground::search::html_text::{decode_entities, extract_html};
use proptest::prelude::*;

fn catalogue() -> Catalogue {
    Catalogue::load().expect("content loads")
}

#[test]
fn title_html_matches_the_markdown_renderer_for_every_title() {
    for t in &catalogue().topics {
        assert_eq!(title_html(&t.title), render_inline(&t.title), "{}", t.slug);
    }
    for title in [
        "`is` 和 `==`",
        "a < b & c",
        "**粗** `x`",
        "未闭合 `code",
        "  空白  ",
    ] {
        assert_eq!(title_html(title), render_inline(title), "{title:?}");
    }
}

#[test]
fn bundle_round_trips_and_holds_every_topic_rendered() {
    let cat = catalogue();
    let b = bundle::build(&cat);
    assert_eq!(b.topics.len(), cat.topics.len());
    let json = bundle::to_json(&b);
    assert_eq!(bundle::parse(&json).expect("parses"), b);
    // What the app reads: every body by slug, in order, headers skipped.
    let bodies = bundle::parse_bodies(json.as_bytes()).expect("parses");
    let want: Vec<_> = b
        .topics
        .iter()
        .map(|t| (t.slug.clone(), t.html.clone()))
        .collect();
    assert_eq!(bodies, want);
    let flask = b
        .topics
        .iter()
        .find(|t| t.html.contains("&lt;username&gt;"));
    assert!(flask.is_some(), "raw HTML in the notes stays visible text");
    let reverse = b
        .topics
        .iter()
        .find(|t| t.slug == "reverse-number")
        .expect("topic");
    assert!(
        reverse
            .head
            .contains("<h1 class=\"boot-title\">反转数字</h1>"),
        "{}",
        reverse.head
    );
    // The boot script puts the header together from the stored parts.
    for (i, t) in b.topics.iter().enumerate() {
        assert_eq!(
            format!("{}{}{}", t.head, b.status_bar, t.links),
            bundle::topic_head_html(&cat, i),
            "{}",
            t.slug
        );
    }
    assert!(
        reverse.html.contains("<pre class=\"code\""),
        "{}",
        reverse.html
    );
}

#[test]
fn each_topic_file_holds_what_the_bundle_holds_for_it() {
    let cat = catalogue();
    let b = bundle::build(&cat);
    let name = bundle::file_name(&bundle::to_json(&b));
    let files = bundle::topic_files(&b, &name);
    assert_eq!(files.len(), b.topics.len());
    let dir = name.strip_suffix(".json").expect("a .json name");
    for (i, ((path, json), t)) in files.iter().zip(&b.topics).enumerate() {
        // notes-<hash>/<slug>.json, the slug as the boot script's pattern reads it from the URL.
        assert_eq!(path, &format!("{dir}/{}.json", t.slug));
        assert_eq!(path, &bundle::topic_path(&name, &t.slug));
        assert!(
            !t.slug.is_empty()
                && t.slug
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'),
            "{}: src/boot-early.js finds a topic's file by /^#\\/t\\/([a-z0-9-]+)/",
            t.slug
        );
        // What the app reads: the same body as the bundle's.
        assert_eq!(
            bundle::parse_topic(json.as_bytes()),
            Ok((t.slug.clone(), t.html.clone()))
        );
        // What the boot script paints: the same header as the bundle's; a bundle of one topic.
        let f = bundle::parse(json).expect("a topic file is a bundle");
        assert_eq!(f.version, bundle::FORMAT_VERSION);
        assert_eq!(f.topics, vec![t.clone()]);
        assert_eq!(
            format!("{}{}{}", f.topics[0].head, f.status_bar, f.topics[0].links),
            bundle::topic_head_html(&cat, i),
            "{}",
            t.slug
        );
        // Small: the point of the file (the biggest note is ~15 KB rendered).
        assert!(json.len() < 40_000, "{path}: {} bytes", json.len());
    }
    // The folder changes name with the bundle.
    assert_eq!(
        bundle::topic_path("notes-0123456789abcdef.json", "gil"),
        "notes-0123456789abcdef/gil.json"
    );
}

#[test]
fn bad_topic_files_are_refused_with_a_chinese_reason() {
    let e = bundle::parse_topic(b"{\"version\":2,\n\"topics\": [").unwrap_err();
    assert!(
        e.contains("不是有效的 JSON") && e.contains("第 2 行"),
        "{e}"
    );
    let e = bundle::parse_topic(b"{\"version\":9,\"topics\":[]}").unwrap_err();
    assert!(e.contains("版本为 9"), "{e}");
    let huge = vec![b' '; bundle::MAX_BYTES + 1];
    assert!(bundle::parse_topic(&huge).unwrap_err().contains("过大"));
    let e = bundle::parse_topic(b"{\"version\":2,\"topics\":[{\"slug\":\"a\",\"html\":\"\xff\"}]}")
        .unwrap_err();
    assert!(e.contains("不是有效的 UTF-8 文本"), "{e}");
    // Exactly one topic: the whole bundle, or an empty one, is not a topic's file.
    let json = bundle::to_json(&bundle::build(&catalogue()));
    let e = bundle::parse_topic(json.as_bytes()).unwrap_err();
    assert!(e.contains("应只含一个主题，却有 78 个"), "{e}");
    let e = bundle::parse_topic(b"{\"version\":2,\"topics\":[]}").unwrap_err();
    assert!(e.contains("却有 0 个"), "{e}");
}

#[test]
fn bundle_file_name_is_content_addressed() {
    let a = bundle::file_name("{\"version\":1}");
    assert_eq!(a, bundle::file_name("{\"version\":1}"));
    assert_ne!(a, bundle::file_name("{\"version\":2}"));
    assert!(
        a.starts_with("notes-") && a.ends_with(".json") && a.len() == 6 + 16 + 5,
        "{a}"
    );
}

#[test]
fn bad_bundles_are_refused_with_a_chinese_reason() {
    let e = bundle::parse("{\"version\":1,\n\"topics\": [").unwrap_err();
    assert!(
        e.contains("不是有效的 JSON") && e.contains("第 2 行"),
        "{e}"
    );
    let e = bundle::parse("{\"version\":99,\"topics\":[]}").unwrap_err();
    assert!(e.contains("版本为 99"), "{e}");
    let huge = " ".repeat(bundle::MAX_BYTES + 1);
    assert!(bundle::parse(&huge).unwrap_err().contains("过大"));
    for bad in [
        "{\"version\":1,\n\"topics\": [",
        "{\"version\":99,\"topics\":[]}",
        huge.as_str(),
    ] {
        assert_eq!(
            bundle::parse_bodies(bad.as_bytes()).unwrap_err(),
            bundle::parse(bad).unwrap_err()
        );
    }
    // The app hands over the fetched bytes: broken UTF-8 is refused with a position, no panic.
    let e =
        bundle::parse_bodies(b"{\"version\":2,\"topics\":[{\"slug\":\"a\",\"html\":\"\xff\"}]}")
            .unwrap_err();
    assert!(e.contains("不是有效的 UTF-8 文本（第 44 字节处）"), "{e}");
    let empty = Bundle {
        version: bundle::FORMAT_VERSION,
        status_bar: String::new(),
        topics: vec![],
    };
    assert_eq!(bundle::parse(&bundle::to_json(&empty)), Ok(empty));
}

#[test]
fn extract_reads_text_key_text_and_skips_ui_chrome() {
    let html = "<h2 id=\"h-x\">闭包 <code>nonlocal</code><a class=\"anchor\" href=\"#/t/x/h-x\" \
                aria-label=\"本节链接\">#</a></h2>\n<p>a &lt; b &amp;&amp; <strong>粗体</strong>\
                <span class=\"img-placeholder\" role=\"img\">外链图片未加载 <a href=\"u\">打开</a></span>尾</p>\
                <pre class=\"code\"><code><span class=\"tok-kw\">def</span> f(): &#39;x&#39;</code></pre>\
                <table><tr><td>格1</td><td>格2</td></tr></table>";
    let e = extract_html(html);
    assert_eq!(
        e.plain,
        "闭包 nonlocal\n\na < b && 粗体尾\ndef f(): 'x'\n 格1 格2\n\n"
    );
    assert_eq!(e.key, "闭包 nonlocal\n粗体\n");
    assert!(!e.plain.contains('#') && !e.plain.contains("外链图片"));
}

#[test]
fn entities_decode_and_unknown_ones_stay() {
    let mut s = String::new();
    decode_entities("&quot;&#x4e2d;&#25991;&nbsp;&bogus &amp 中&", &mut s);
    assert_eq!(s, "\"中文&nbsp;&bogus &amp 中&");
}

proptest! {
    #[test]
    fn extract_never_panics(s in "[<>&;#/a-z\"= 中x0-9]{0,80}") {
        let e = extract_html(&s);
        prop_assert!(e.plain.len() <= s.len() * 2 + 16);
    }

    #[test]
    fn titles_without_markup_are_just_escaped(s in "[^`*]{0,40}") {
        let mut want = String::new();
        mianshiti_playground::notes::highlight::escape_html(s.trim(), &mut want);
        prop_assert_eq!(title_html(&s), want);
    }
}

#[test]
fn the_build_points_index_html_at_the_bundle_and_fills_the_boot_home() {
    use mianshiti_playground::notes::home_static_html;
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html");
    let home = home_static_html(&catalogue());
    let patched =
        bundle::patch_index(&source, "notes-0123456789abcdef.json", &home).expect("patches");
    assert!(
        patched.contains("<meta name=\"mianshiti-notes\" content=\"notes-0123456789abcdef.json\">")
    );
    // Off the critical path: nothing asks the browser to download the bundle early.
    assert!(
        !patched.contains("rel=\"preload\""),
        "the notes bundle is not preloaded"
    );
    assert!(!patched.contains("notes.json"));
    assert!(patched.contains(&format!("id=\"boot-home\">{home}</div>")));
    // Idempotent, and a rebuild with a new bundle name moves the link.
    let again = bundle::patch_index(&patched, "notes-fedcba9876543210.json", &home).expect("again");
    assert!(again.contains("notes-fedcba9876543210.json") && !again.contains("0123456789abcdef"));
    assert_eq!(again.matches(&home).count(), 1);
    // The topics' slugs for the boot script, on the same tag; a rebuild replaces them.
    let listed = bundle::patch_topics(&patched, &["gil", "lru"]).expect("topics");
    assert!(listed.contains(
        "<meta name=\"mianshiti-notes\" content=\"notes-0123456789abcdef.json\" data-topics=\"gil lru\">"
    ));
    let relisted = bundle::patch_topics(&listed, &["gc"]).expect("again");
    assert_eq!(relisted, listed.replace("gil lru", "gc"));
    assert_eq!(
        bundle::patch_topics("<meta content=n.json name=mianshiti-notes><p>", &["a"]),
        Ok("<meta content=n.json name=mianshiti-notes data-topics=\"a\"><p>".to_string())
    );
    assert_eq!(
        bundle::patch_topics("<meta name=\"mianshiti-notes\"/>", &["a"]),
        Ok("<meta name=\"mianshiti-notes\" data-topics=\"a\"/>".to_string())
    );
    assert!(bundle::patch_topics("<p>", &["a"]).is_err());
    // Trunk's minified form.
    let minified = "<meta content=notes.json name=mianshiti-notes><main id=boot-main><div class=home id=boot-home></div></main>";
    let m =
        bundle::patch_index(minified, "notes-0123456789abcdef.json", "<p>x</p>").expect("minified");
    assert!(m.ends_with("id=boot-home><p>x</p></div></main>"), "{m}");
    // What it refuses.
    assert!(bundle::patch_index("<div id=boot-home></div>", "n", "x")
        .unwrap_err()
        .contains("notes.json"));
    assert!(bundle::patch_index("notes.json", "n", "x")
        .unwrap_err()
        .contains("boot-home"));
    assert!(
        bundle::patch_index("notes.json <div id=boot-home>old</div>", "n", "x")
            .unwrap_err()
            .contains("empty")
    );
}

#[test]
fn the_home_hero_says_how_many_topics_there_are() {
    let html = mianshiti_playground::notes::home_hero_html(&catalogue());
    assert!(html.contains(&mianshiti_playground::notes::home_intro(78)));
    // 从第一题开始 opens the first topic of the reading order (the sidebar's first link).
    let cat = catalogue();
    let first = &cat.topics[cat.reading_order()[0]].slug;
    assert!(html.contains(&format!("href=\"#/t/{first}\"")), "{html}");
}

#[test]
fn table_of_contents_and_home_cards_link_every_topic_once_in_order() {
    use mianshiti_playground::notes::{home_cards_html, mark_slot_html, toc_html, CATEGORIES};
    let cat = catalogue();
    let toc = toc_html(&cat);
    let cards = home_cards_html(&cat);
    assert_eq!(toc.matches("data-slug=").count(), cat.topics.len());
    assert_eq!(
        toc.matches("<section class=\"toc-group\">").count(),
        CATEGORIES.len()
    );
    assert_eq!(
        cards.matches("<section class=\"cat-card\">").count(),
        CATEGORIES.len()
    );
    let mut at = 0;
    for c in CATEGORIES {
        for t in cat.in_category(c) {
            let link = format!(
                "<a href=\"#/t/{}\" data-slug=\"{}\">{}{}</a>",
                t.slug,
                t.slug,
                title_html(&t.title),
                mark_slot_html(t)
            );
            let found = toc[at..]
                .find(&link)
                .unwrap_or_else(|| panic!("{} out of order or missing", t.slug));
            at += found + link.len();
            assert!(cards.contains(&link));
        }
    }
    // Titles with code are marked up, never raw backticks.
    assert!(!toc.contains('`') && toc.contains("<code>"));
}

#[test]
fn the_pre_wasm_header_has_the_topic_pages_parts_for_every_topic() {
    use mianshiti_playground::exercises;
    use mianshiti_playground::notes::page_text;
    let cat = catalogue();
    for (i, t) in cat.topics.iter().enumerate() {
        let head = bundle::topic_head_html(&cat, i);
        // The crumb is the app's (page_text::crumb), with the positions of the reading order.
        let place = cat.place(i).expect("in range");
        let crumb = format!(
            "<p class=\"crumb\">{}</p>",
            page_text::crumb(&t.category, &place)
        );
        assert!(head.contains(&crumb), "{}: {head}", t.slug);
        assert!(head.contains(&format!(
            "· 第 {} / {} 题（本类第 {} / {} 题）</p>",
            place.position + 1,
            cat.topics.len(),
            place.in_category + 1,
            place.category_total
        )));
        assert!(
            head.contains(&format!(
                "<h1 class=\"boot-title\">{}</h1>",
                title_html(&t.title)
            )),
            "{}",
            t.slug
        );
        // The status bar: label, the four states in order (first visit: unread), bookmark.
        let bar = &head[head
            .find("<div class=\"status-bar\" inert>")
            .expect("status bar")..];
        let mut at = 0;
        for word in [
            page_text::STATUS_LABEL,
            "未读",
            "已读",
            "待复习",
            "已掌握",
            page_text::BOOKMARK_OFF,
        ] {
            at += bar[at..]
                .find(word)
                .unwrap_or_else(|| panic!("{}: {word} in order", t.slug));
        }
        assert!(bar.contains("data-status=\"unread\" aria-pressed=\"true\""));
        // Remarks meant for maintainers (a chosen title, the seed's empty heading) stay in
        // the front matter: the learner sees only the title.
        assert!(
            !head.contains("原笔记") && !head.contains("本应用所加"),
            "{}: {head}",
            t.slug
        );
        assert_eq!(
            head.contains(page_text::EXERCISE_LINKS_LEAD),
            !t.exercises.is_empty()
        );
        for id in &t.exercises {
            let info = exercises::find(id).expect("linked exercise exists");
            assert!(
                head.contains(&format!(
                    "href=\"#ex-{id}\">{}{}</a>",
                    page_text::EXERCISE_LINK_MARK,
                    info.title
                )),
                "{}: {head}",
                t.slug
            );
        }
    }
    assert_eq!(bundle::topic_head_html(&cat, cat.topics.len()), "");
}

/// Every page title ends in the app's name; the home page's is the name alone.
#[test]
fn document_titles_end_in_the_app_name() {
    use mianshiti_playground::notes::page_text::{document_title, APP_NAME};
    assert_eq!(document_title(None), "面试题 Playground");
    assert_eq!(document_title(Some("复习")), "复习 · 面试题 Playground");
    assert_eq!(APP_NAME, "面试题 Playground");
}
