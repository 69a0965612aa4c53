//! Forgiving ranking: complete hits first, then the most terms; matched terms reported;
//! category and the learner's notes indexed; words that match nowhere named.

use mianshiti_playground::notes::Catalogue;
use mianshiti_playground::search::{
    normalize, parse_query, terms, without_terms, Found, Hit, HitKind, LearnerNotes, SearchIndex,
};

use super::{catalogue, index, snippet_text, topic_slugs};

fn find(idx: &SearchIndex, query: &str, notes: &LearnerNotes, limit: usize) -> Found {
    idx.find(&parse_query(query), notes, limit)
}

fn no_notes() -> LearnerNotes {
    LearnerNotes::default()
}

/// A small made-up catalogue: `(slug, category, body)`; each body is one paragraph.
fn tiny_index(topics: &[(&str, &str, &str)]) -> SearchIndex {
    let files: Vec<(String, String)> = topics
        .iter()
        .map(|(slug, category, _)| {
            let text = format!(
                "---\nslug: {slug}\ntitle: \"题目 {slug}\"\nquestion: \"什么是 {slug}？\"\nsource_heading: \"{slug}\"\ncategory: {category}\nexercises: []\n---\n\n正文\n"
            );
            (format!("{slug}.md"), text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let cat = Catalogue::from_files(&refs).expect("test topics parse");
    let html: Vec<String> = topics.iter().map(|t| format!("<p>{}</p>", t.2)).collect();
    SearchIndex::from_html(
        &cat,
        |slug| cat.index_of(slug).map(|i| html[i].as_str()),
        &[],
    )
}

/// Matched-term counts of the hits, in rank order.
fn matched_counts(hits: &[Hit]) -> Vec<usize> {
    hits.iter().map(|h| h.matched_terms.len()).collect()
}

#[test]
fn complete_hits_rank_before_partial_ones() {
    // "python" is only in the closure topic's category; "闭包" is in its title.
    let found = find(index(), "python 闭包", &no_notes(), 20);
    assert_eq!(topic_slugs(&found.hits).first(), Some(&"closures"));
    let first = &found.hits[0];
    assert_eq!(first.matched_terms, terms("python 闭包"));
    assert!(first.missing_terms.is_empty());

    // An extra word no topic has: the closure topics are still found, as partial hits.
    let found = find(index(), "闭包 xyzzy", &no_notes(), 20);
    assert_eq!(found.complete, 0);
    assert_eq!(found.nowhere, terms("xyzzy"));
    assert_eq!(topic_slugs(&found.hits).first(), Some(&"closures"));
    for h in &found.hits {
        assert_eq!(h.matched_terms, terms("闭包"), "{}", h.slug);
        assert_eq!(h.missing_terms, terms("xyzzy"), "{}", h.slug);
    }

    // Complete hits are a prefix, and the matched-term count never rises down the list.
    for q in [
        "闭包 面试",
        "session 共享 redis",
        "tcp 握手 原理 面试",
        "合并 有序列表 python",
    ] {
        let found = find(index(), q, &no_notes(), 50);
        let n = terms(q).len();
        let counts = matched_counts(&found.hits);
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{q}: {counts:?}");
        let complete = counts.iter().take_while(|&&c| c == n).count();
        assert_eq!(complete, found.complete.min(found.hits.len()), "{q}");
        assert!(
            counts.iter().all(|&c| c * 2 >= n),
            "{q}: below half: {counts:?}"
        );
    }
}

#[test]
fn more_terms_rank_before_fewer() {
    let idx = tiny_index(&[
        ("two", "数据库", "alpha beta"),
        ("one", "数据库", "alpha"),
        ("four", "数据库", "alpha beta gamma delta"),
        ("three", "数据库", "alpha beta gamma"),
        ("d", "数据库", "delta"),
        ("f1", "数据库", "omega"),
        ("f2", "数据库", "omega"),
        ("f3", "数据库", "omega"),
        ("f4", "数据库", "omega"),
    ]);
    let found = find(&idx, "alpha beta gamma delta", &no_notes(), 10);
    let slugs: Vec<&str> = found.hits.iter().map(|h| h.slug.as_str()).collect();
    // "one" and "d" match 1 of 4 terms: less than half, not hits.
    assert_eq!(slugs, ["four", "three", "two"]);
    assert_eq!(matched_counts(&found.hits), [4, 3, 2]);
    assert_eq!(found.hits[2].matched_terms, terms("alpha beta"));
    assert_eq!(found.hits[2].missing_terms, terms("gamma delta"));
    assert_eq!((found.total, found.complete), (3, 1));
    // Among hits matching as many terms, the rarer term wins: "delta" (2 topics) over
    // "alpha" (4 topics).
    let found = find(&idx, "alpha delta", &no_notes(), 10);
    let slugs: Vec<&str> = found.hits.iter().map(|h| h.slug.as_str()).collect();
    assert_eq!(slugs[..2], ["four", "d"]);
    let mut rest = slugs[2..].to_vec();
    rest.sort_unstable();
    assert_eq!(rest, ["one", "three", "two"]);
}

#[test]
fn a_term_found_almost_everywhere_cannot_make_a_partial_hit() {
    // "a" occurs in every topic (as in the real notes, where it is in nearly all code).
    let idx = tiny_index(&[
        ("x1", "数据库", "a cat"),
        ("x2", "数据库", "a bat"),
        ("x3", "数据库", "a hat"),
        ("x4", "数据库", "a mat"),
        ("rare", "数据库", "a 闭包"),
        ("only", "数据库", "闭包 zxy"),
    ]);
    let found = find(&idx, "zxy a", &no_notes(), 10);
    let slugs: Vec<&str> = found.hits.iter().map(|h| h.slug.as_str()).collect();
    // "only" has the distinctive term; x1–x4 and "rare" have only the common one.
    assert_eq!(slugs, ["only"]);
    assert_eq!(found.hits[0].missing_terms, terms("a"));
    // On the real notes: "a" alone with a topic word never floods the list.
    let found = find(index(), "a 幂等", &no_notes(), 100);
    for h in &found.hits {
        assert!(
            h.matched_terms.contains(&"幂等".to_string()),
            "{}: {:?}",
            h.slug,
            h.matched_terms
        );
    }
    let found = find(index(), "的 zset", &no_notes(), 100);
    assert!(found
        .hits
        .iter()
        .all(|h| h.matched_terms.contains(&"zset".to_string())));
    // A one-term query is unchanged: every hit matches it, common or not.
    let found = find(index(), "a", &no_notes(), 200);
    assert!(found.hits.len() > catalogue().topics.len() / 2);
    assert!(found.hits.iter().all(|h| h.missing_terms.is_empty()));
    assert_eq!(found.complete, found.total);
}

#[test]
fn category_is_indexed() {
    // Every topic of a category is found by the category's name, alone or with a topic word.
    let cat = catalogue();
    let in_category: Vec<&str> = cat
        .in_category("并发与进程")
        .map(|t| t.slug.as_str())
        .collect();
    assert!(!in_category.is_empty());
    let hits = index().search("并发与进程", 100);
    for slug in &in_category {
        assert!(topic_slugs(&hits).contains(slug), "{slug}");
    }
    let found = find(index(), "网络 TCP", &no_notes(), 50);
    assert!(found.complete > 0);
    for h in found.hits.iter().take(found.complete) {
        let topic = cat.get(&h.slug).unwrap();
        let text = normalize(&format!(
            "{} {} {}",
            topic.category, topic.title, topic.body
        ));
        assert!(text.contains("网络") && text.contains("tcp"), "{}", h.slug);
    }
    assert!(topic_slugs(&found.hits).contains(&"tcp-sliding-window"));
}

#[test]
fn learner_notes_are_indexed_and_labelled() {
    let notes = LearnerNotes::new([
        ("closures", "我的口诀：葫芦娃套娃，内层记得外层的变量。"),
        ("tcp-2msl", "   "),
        ("no-such-topic", "葫芦娃"),
    ]);
    assert_eq!(notes.len(), 2, "blank notes are skipped");
    // Found only through the note: the snippet is the note, with the term highlighted.
    let found = find(index(), "葫芦娃", &notes, 10);
    assert_eq!(topic_slugs(&found.hits), ["closures"]);
    let hit = &found.hits[0];
    assert!(hit.from_note);
    assert!(snippet_text(hit).contains("我的口诀"), "{:?}", hit.snippet);
    assert!(hit.snippet.iter().any(|(t, hl)| *hl && t == "葫芦娃"));
    // Without the note the word is nowhere.
    let found = find(index(), "葫芦娃", &no_notes(), 10);
    assert!(found.hits.is_empty());
    assert_eq!(found.nowhere, terms("葫芦娃"));
    // The note and the notes' text together make a complete hit; the snippet stays in the
    // body when the body has as many of the terms.
    let found = find(index(), "葫芦娃 闭包", &notes, 10);
    assert_eq!(found.complete, 1);
    assert_eq!(found.hits[0].slug, "closures");
    assert!(found.hits[0].missing_terms.is_empty());
    let found = find(index(), "闭包", &notes, 10);
    let closures = found.hits.iter().find(|h| h.slug == "closures").unwrap();
    assert!(!closures.from_note);
    // An edited note is found with the new words only; a deleted note is gone.
    let mut edited = notes.clone();
    edited.update([("closures", "改成了：洋葱"), ("tcp-2msl", "新笔记：葱花")]);
    assert_eq!(edited.len(), 2);
    assert!(find(index(), "葫芦娃", &edited, 10).hits.is_empty());
    assert_eq!(
        topic_slugs(&find(index(), "洋葱", &edited, 10).hits),
        ["closures"]
    );
    assert_eq!(
        topic_slugs(&find(index(), "葱花", &edited, 10).hits),
        ["tcp-2msl"]
    );
    edited.update([("tcp-2msl", "新笔记：葱花")]);
    assert!(find(index(), "洋葱", &edited, 10).hits.is_empty());
    assert_eq!(edited, LearnerNotes::new([("tcp-2msl", "新笔记：葱花")]));
    // Exercises do not borrow their topic's note.
    let notes = LearnerNotes::new([("closure-late-binding", "葫芦娃")]);
    let found = find(index(), "葫芦娃", &notes, 10);
    assert!(found.hits.iter().all(|h| h.kind == HitKind::Topic));
}

#[test]
fn words_that_match_nowhere_are_named_with_the_query_without_them() {
    // 1 of 3 terms is less than half: nothing, and the two unknown words are named.
    let found = find(index(), "闭包 xyzzy QQQQ", &no_notes(), 10);
    assert!(found.hits.is_empty());
    assert_eq!((found.total, found.complete), (0, 0));
    assert_eq!(found.nowhere, terms("xyzzy qqqq"));
    assert_eq!(without_terms("闭包 xyzzy QQQQ", &found.nowhere), "闭包");
    assert_eq!(
        without_terms("  ｘｙｚｚｙ\u{3000}闭包\t延迟  ", &terms("xyzzy")),
        "闭包 延迟"
    );
    assert_eq!(without_terms("xyzzy", &terms("xyzzy")), "");
    // The suggested query finds the topic.
    let retry = find(index(), "闭包", &no_notes(), 10);
    assert_eq!(topic_slugs(&retry.hits).first(), Some(&"closures"));
    // Words that each match somewhere are not named.
    assert!(find(index(), "defaultdict 幂等", &no_notes(), 10)
        .nowhere
        .is_empty());
    assert!(find(index(), "闭包", &no_notes(), 10).nowhere.is_empty());
}

#[test]
fn total_counts_every_hit_whatever_the_limit() {
    for q in ["闭包", "python 闭包", "a", "session 共享 xyzzy"] {
        let all = find(index(), q, &no_notes(), usize::MAX);
        let few = find(index(), q, &no_notes(), 3);
        assert_eq!(few.total, all.hits.len(), "{q}");
        assert_eq!(few.complete, all.complete, "{q}");
        assert_eq!(few.hits[..], all.hits[..few.hits.len()], "{q}");
    }
}

/// Realistic multi-word queries: a topic word plus a word the learner adds ("python",
/// "面试", "原理", the category, …). Before forgiving ranking, every query whose extra word
/// is not in the topic found nothing.
pub(super) const MULTI_WORD: &[(&str, &str)] = &[
    ("python 闭包", "closures"),
    ("闭包 面试", "closures"),
    ("幂等 原理", "mq-idempotency"),
    ("单例 python 面试", "singleton"),
    ("僵尸进程 面试题", "zombie-orphan-process"),
    ("三次握手 网络", "tcp-vs-udp"),
    ("网络 滑动窗口", "tcp-sliding-window"),
    ("多路复用 原理", "io-multiplexing"),
    ("布隆过滤器 python", "bitmap-vs-bloom-filter"),
    ("协程 面试", "generator-coroutine-future"),
    ("零拷贝 原理", "kafka-throughput"),
    ("垃圾回收 python", "memory-management"),
    ("作用域 python", "variable-scope"),
    ("defaultdict 面试", "defaultdict"),
    ("2MSL 网络", "tcp-2msl"),
    ("MVCC 数据库", "mvcc"),
    ("epoll 面试", "io-multiplexing"),
    ("uwsgi 原理", "wsgi-uwsgi"),
    ("zset redis 面试", "redis-zset"),
    ("HDFS 分布式", "hdfs"),
    ("RabbitMQ 中间件", "rabbitmq"),
    ("InnoDB 面试", "innodb-vs-myisam"),
    ("LEGB python", "name-lookup-order"),
    ("jwt 原理", "cookie-session-jwt"),
    ("蓝图 web 框架", "flask-blueprint"),
    ("观察者 设计模式 python", "observer-pattern"),
    ("反转数字 算法", "reverse-number"),
    ("高频词 面试", "top-words-in-1g-file"),
];

#[test]
fn multi_word_quality_recall() {
    let (n, at1, at5, misses) = super::recall(MULTI_WORD);
    println!(
        "multi-word search quality: {n} queries, recall@1 = {:.1}%, recall@5 = {:.1}%",
        at1 as f64 * 100.0 / n as f64,
        at5 as f64 * 100.0 / n as f64
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(n >= 20);
    assert_eq!(at5, n, "recall@5 must be 100%:\n{}", misses.join("\n"));
    assert!(at1 * 10 >= n * 9, "recall@1 < 90%:\n{}", misses.join("\n"));
}
