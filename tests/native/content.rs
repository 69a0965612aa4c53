//! Content integrity: 78 topics, unique slugs, valid front matter, and no lost text.

use mianshiti_playground::notes::{
    content_files, parse_topic, statics_source, Catalogue, CATEGORIES,
};
use std::collections::HashSet;

const SEED: &str = include_str!("../data/seed/000_f1efb83ef02286e6.txt");

fn catalogue() -> Catalogue {
    match Catalogue::load() {
        Ok(c) => c,
        Err(e) => panic!("content does not parse: {e}"),
    }
}

#[test]
fn there_are_78_topics_with_unique_slugs_and_titles() {
    let cat = catalogue();
    assert_eq!(cat.topics.len(), 78);
    let slugs: HashSet<_> = cat.topics.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs.len(), 78, "slugs must be unique");
    for t in &cat.topics {
        assert!(t.slug.is_ascii() && !t.slug.is_empty());
        assert!(CATEGORIES.contains(&t.category.as_str()), "{}", t.slug);
        assert!(!t.title.trim().is_empty(), "{} has an empty title", t.slug);
        if !t.source_heading.trim().is_empty() {
            assert_eq!(
                t.title,
                t.source_heading.trim(),
                "title must read as the heading"
            );
        }
    }
    // Every category has at least one topic.
    for c in CATEGORIES {
        assert!(cat.in_category(c).count() > 0, "category {c} is empty");
    }
}

#[test]
fn file_names_follow_seed_order_and_slug() {
    for (i, (name, text)) in content_files().iter().enumerate() {
        let topic = parse_topic(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(*name, format!("{:02}-{}.md", i + 1, topic.slug));
    }
}

#[test]
fn the_empty_heading_has_a_fitting_title_and_keeps_the_original() {
    let cat = catalogue();
    let t = cat.get("closure-late-binding").expect("topic exists");
    assert_eq!(t.source_heading, "");
    assert!(t.title.contains("闭包"));
}

/// How an interviewer opens an imperative question (the rest end in `？`).
const IMPERATIVES: &[&str] = &[
    "请", "说说", "谈谈", "简述", "比较", "写出", "解释", "列举", "描述", "举例",
];

/// The review card's front side is a question as an interviewer would ask it: present, short,
/// a question (`？`) or an imperative ending in `。`, never the note's first sentence again,
/// and no two alike.
#[test]
fn every_topic_has_an_interviewer_style_question() {
    let cat = catalogue();
    let mut seen = HashSet::new();
    for t in &cat.topics {
        let q = t.question.trim();
        assert_eq!(q, t.question, "{}: question has stray spaces", t.slug);
        assert!(!q.is_empty(), "{} has no question", t.slug);
        let chars = q.chars().count();
        assert!(
            chars <= 40,
            "{}: question is {chars} characters: {q}",
            t.slug
        );
        let imperative = IMPERATIVES.iter().any(|v| q.starts_with(v)) && q.ends_with('。');
        assert!(
            q.ends_with('？') || imperative,
            "{}: neither ends in a full-width ？ nor is an imperative ending in 。: {q}",
            t.slug
        );
        assert!(
            !q.ends_with('?'),
            "{}: half-width question mark: {q}",
            t.slug
        );
        if t.title.ends_with('：') || t.title.ends_with('。') {
            assert_ne!(q, t.title, "{}: the question repeats the sentence", t.slug);
        }
        assert!(seen.insert(q), "{}: duplicate question {q}", t.slug);
    }
    // The sentences the issue names now read as questions.
    let kafka = cat.get("kafka-throughput").expect("topic exists");
    assert_eq!(kafka.question, "Kafka 为什么能实现高吞吐？");
}

/// The bodies of content/ (with each topic's source heading) reproduce every
/// non-blank line of the seed's body, in order. The only seed lines not carried
/// over are the `<br>` spacer before the first heading and the seed's front matter.
#[test]
fn no_text_is_lost() {
    let cat = catalogue();
    let mut lines = SEED.lines();
    assert_eq!(lines.next(), Some("---"));
    for line in lines.by_ref() {
        if line == "---" {
            break;
        }
    }
    let seed: Vec<&str> = lines
        .filter(|l| !l.trim().is_empty())
        .skip_while(|l| !l.starts_with("####"))
        .collect();
    let mut ours: Vec<String> = Vec::new();
    for t in &cat.topics {
        ours.push(format!("#### {}", t.source_heading));
        ours.extend(
            t.body
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from),
        );
    }
    assert_eq!(seed.len(), ours.len(), "non-blank line count differs");
    for (i, (a, b)) in seed.iter().zip(&ours).enumerate() {
        assert_eq!(*a, b, "line {i} differs");
    }
    // The seed preamble holds only the spacer.
    let pre: Vec<&str> = SEED
        .lines()
        .skip(9)
        .take_while(|l| !l.starts_with("####"))
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(pre, ["<br>"]);
}

#[track_caller]
fn check_error(text: &str, line: usize, needle: &str) {
    match parse_topic(text) {
        Ok(t) => panic!("expected an error, parsed {t:?}"),
        Err(e) => {
            assert_eq!(e.line, line, "{e}");
            assert!(e.to_string().contains(needle), "{e}");
        }
    }
}

#[test]
fn bad_front_matter_is_reported_in_chinese_with_the_line() {
    let ok = "---\nslug: a\ntitle: \"T\"\nquestion: \"什么是 T？\"\nsource_heading: \"T\"\ncategory: 数据库\nexercises: []\n---\nbody";
    assert!(parse_topic(ok).is_ok());
    check_error("no front matter", 1, "front matter");
    check_error("---\nslug: A B\n---\n", 2, "slug");
    check_error("---\nslug a\n---\n", 2, "缺少冒号");
    check_error("---\ntitle: T\n---\n", 2, "JSON");
    check_error("---\ncategory: 其他\n---\n", 2, "未知分类");
    check_error("---\nslug: a\n", 1, "没有以");
    check_error("---\nslug: a\n---\n", 1, "缺少字段");
    check_error("---\nwhat: x\n---\n", 2, "未知字段");
    // The question is required: the error points at the closing `---`, where it belongs.
    let no_question = ok.replace("question: \"什么是 T？\"\n", "");
    check_error(&no_question, 7, "缺少字段 `question`");
    check_error(&ok.replace("什么是 T？", " "), 4, "question 不能为空");
    check_error(&ok.replace("\"什么是 T？\"", "什么是 T？"), 4, "JSON");
}

#[test]
fn the_wasm_front_matter_is_the_parsed_front_matter() {
    // The wasm never parses front matter: build.rs compiles it (`statics_source`) and the app
    // builds its catalogue from that. It must give every topic exactly the parsed fields,
    // except the body and `source_heading`, which the app does not read.
    let parsed = catalogue();
    let compiled = Catalogue::from_statics();
    assert_eq!(compiled.topics.len(), parsed.topics.len());
    for (c, p) in compiled.topics.iter().zip(&parsed.topics) {
        let mut p = p.clone();
        (p.body, p.source_heading) = (String::new(), String::new());
        assert_eq!(c, &p);
    }
    // A bad file fails the build with the parser's error, naming the file.
    let bad = [
        ("ok.md", content_files()[0].1),
        ("bad.md", "---\ncategory: 其他\n---\n"),
    ];
    let err = statics_source(&bad).unwrap_err();
    assert!(err.starts_with("bad.md：第 2 行：未知分类"), "{err}");
}

proptest::proptest! {
    /// Front matter never panics: any text, and any mutation of a real topic file, either parses
    /// or returns an error that names a line.
    #[test]
    fn parse_topic_never_panics(text in "\\PC{0,400}", cut in 0usize..4000, insert in "\\PC{0,20}") {
        let _ = parse_topic(&text);
        let (_, real) = content_files()[cut % content_files().len()];
        let mut at = cut.min(real.len());
        while !real.is_char_boundary(at) {
            at -= 1;
        }
        let mutated = format!("{}{insert}{}", &real[..at], &real[at..]);
        if let Err(e) = parse_topic(&mutated) {
            proptest::prop_assert!(e.to_string().contains('行'), "error without a line: {e}");
        }
    }
}

/// A content file for the reading-order tests.
fn file(slug: &str, category: &str) -> String {
    format!(
        "---\nslug: {slug}\ntitle: \"{slug}\"\nquestion: \"什么是 {slug}？\"\nsource_heading: \"{slug}\"\ncategory: {category}\nexercises: []\n---\nbody\n"
    )
}

#[test]
fn reading_order_goes_category_by_category_and_places_each_topic() {
    use mianshiti_playground::notes::Place;
    // Seed order interleaves categories; the reading order groups them in CATEGORIES order.
    let texts = [
        file("net-a", "网络与 HTTP"),
        file("py-a", "Python 语言"),
        file("net-b", "网络与 HTTP"),
        file("py-b", "Python 语言"),
        file("algo-a", "算法与编码题"),
    ];
    let files: Vec<(&str, &str)> = texts.iter().map(|t| ("f.md", t.as_str())).collect();
    let cat = Catalogue::from_files(&files).expect("parses");
    assert_eq!(cat.reading_order(), vec![1, 3, 4, 0, 2]);
    let place = |i| cat.place(i).expect("in range");
    // The first topic: nothing before it.
    assert_eq!(
        place(1),
        Place {
            position: 0,
            total: 5,
            in_category: 0,
            category_total: 2,
            prev: None,
            next: Some(3),
        }
    );
    // A category's last topic leads to the next category's first.
    assert_eq!(place(3).next, Some(4));
    assert_eq!((place(4).prev, place(4).next), (Some(3), Some(0)));
    assert_eq!((place(4).in_category, place(4).category_total), (0, 1));
    // Second of its category, and the last topic: nothing after it.
    let last = place(2);
    assert_eq!(
        (last.position, last.in_category, last.category_total),
        (4, 1, 2)
    );
    assert_eq!((last.prev, last.next), (Some(0), None));
    assert_eq!(cat.place(5), None);
    assert_eq!(
        mianshiti_playground::notes::page_text::crumb("网络与 HTTP", &last),
        "网络与 HTTP · 第 5 / 5 题（本类第 2 / 2 题）"
    );
}

#[test]
fn the_real_reading_order_is_a_chain_through_every_topic_by_category() {
    let cat = catalogue();
    let order = cat.reading_order();
    let expected: Vec<&str> = CATEGORIES
        .iter()
        .flat_map(|c| cat.in_category(c).map(|t| t.slug.as_str()))
        .collect();
    let got: Vec<&str> = order.iter().map(|&i| cat.topics[i].slug.as_str()).collect();
    assert_eq!(got, expected);
    // Following `next` from the first topic visits every topic once, in that order, with
    // consistent positions; `prev` walks it back.
    let mut at = Some(order[0]);
    let mut seen = Vec::new();
    while let Some(i) = at {
        let p = cat.place(i).expect("in range");
        assert_eq!(p.position, seen.len());
        assert_eq!(p.total, 78);
        let category = &cat.topics[i].category;
        let n = cat.in_category(category).count();
        assert_eq!(p.category_total, n);
        assert!(p.in_category < n);
        assert_eq!(p.prev, seen.last().copied());
        seen.push(i);
        at = p.next;
    }
    assert_eq!(seen, order);
}
