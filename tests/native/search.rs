//! Native tests for the search module, on the real bundled content.

mod rank;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use mianshiti_playground::notes::{bundle, Catalogue};
use mianshiti_playground::search::{
    cut_query, exercise_docs, find_ranges, normalize, parse_query, segments, terms, ExerciseDoc,
    Hit, HitKind, SearchIndex, MAX_QUERY_CHARS, MAX_TERMS, SNIPPET_CHARS,
};
use proptest::prelude::*;

fn catalogue() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| Catalogue::load().expect("bundled content parses"))
}

/// The index over every topic, each body rendered as the build renders it into the notes
/// bundle (the app indexes the bundle's HTML the same way), plus the given exercises.
fn build_index(cat: &Catalogue, exercises: &[ExerciseDoc<'_>]) -> SearchIndex {
    let bodies: Vec<String> = cat.topics.iter().map(bundle::topic_html).collect();
    SearchIndex::from_html(
        cat,
        |slug| cat.index_of(slug).map(|i| bodies[i].as_str()),
        exercises,
    )
}

/// The index the app builds: every topic and the real exercise catalogue.
fn index() -> &'static SearchIndex {
    static IDX: OnceLock<SearchIndex> = OnceLock::new();
    IDX.get_or_init(|| build_index(catalogue(), &exercise_docs()))
}

fn topic_slugs(hits: &[Hit]) -> Vec<&str> {
    hits.iter()
        .filter(|h| h.kind == HitKind::Topic)
        .map(|h| h.slug.as_str())
        .collect()
}

fn snippet_text(hit: &Hit) -> String {
    hit.snippet.iter().map(|(t, _)| t.as_str()).collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

// ---------------------------------------------------------------- normalising

#[test]
fn normalize_folds_width_and_case() {
    assert_eq!(normalize("ＡＢＣ"), "abc");
    assert_eq!(normalize("ａｂｃ"), "abc");
    assert_eq!(normalize("０１２３４５６７８９"), "0123456789");
    assert_eq!(
        normalize("（）［］｛｝！？，：；＿－＝＋"),
        "()[]{}!?,:;_-=+"
    );
    assert_eq!(normalize("a\u{3000}b"), "a b");
    assert_eq!(
        normalize("DefaultDict IndexError"),
        "defaultdict indexerror"
    );
    assert_eq!(normalize("闭包与幂等"), "闭包与幂等");
    assert_eq!(normalize("ΣΑΣ Straße"), "σασ straße");
    assert_eq!(normalize("￥"), "¥");
    assert_eq!(normalize(""), "");
}

#[test]
fn query_terms_split_dedupe_and_normalise() {
    assert_eq!(terms("session 共享"), s(&["session", "共享"]));
    assert_eq!(terms("  合并\u{3000}有序列表\t"), s(&["合并", "有序列表"]));
    assert_eq!(terms("ＨＴＴＰ　状态码"), s(&["http", "状态码"]));
    assert_eq!(terms("Redis redis REDIS"), s(&["redis"]));
    assert_eq!(terms("__dict__"), s(&["__dict__"]));
    assert!(terms("").is_empty());
    assert!(terms(" \u{3000}\t\n ").is_empty());
    assert!(!parse_query("闭包").truncated);
}

#[test]
fn long_queries_are_cut_and_flagged() {
    let long = "闭".repeat(10_000);
    let q = parse_query(&long);
    assert!(q.truncated);
    assert_eq!(q.terms.len(), 1);
    assert_eq!(q.terms[0].chars().count(), MAX_QUERY_CHARS);

    let many: String = (0..20).map(|i| format!("t{i} ")).collect();
    let q = parse_query(&many);
    assert!(q.truncated);
    assert_eq!(q.terms.len(), MAX_TERMS);

    let exact = "a".repeat(MAX_QUERY_CHARS);
    assert!(!parse_query(&exact).truncated);
}

// ---------------------------------------------------------------- find_ranges

#[test]
fn find_ranges_maps_back_to_original_bytes() {
    let text = "用 ＤｅｆａｕｌｔＤｉｃｔ 或 defaultdict";
    let r = find_ranges(text, &terms("defaultdict"));
    assert_eq!(r.len(), 2);
    assert_eq!(&text[r[0].0..r[0].1], "ＤｅｆａｕｌｔＤｉｃｔ");
    assert_eq!(&text[r[1].0..r[1].1], "defaultdict");

    let text = "HTTP协议的状态码";
    let r = find_ranges(text, &terms("http 状态"));
    let got: Vec<&str> = r.iter().map(|&(a, b)| &text[a..b]).collect();
    assert_eq!(got, vec!["HTTP", "状态"]);
}

#[test]
fn find_ranges_merges_overlaps_and_handles_edge_cases() {
    let text = "共享session问题";
    let r = find_ranges(text, &terms("共享 session 享s"));
    assert_eq!(r, vec![(0, "共享session".len())]);
    assert!(find_ranges("", &terms("a")).is_empty());
    assert!(find_ranges("abc", &[]).is_empty());
    assert!(find_ranges("abc", &[String::new()]).is_empty());
    // A character whose lowercase is two characters: the whole original char is covered.
    let text = "xİy";
    let r = find_ranges(text, &terms("i"));
    assert_eq!(r.len(), 1);
    assert_eq!(&text[r[0].0..r[0].1], "İ");
    // Combining marks and emoji stay intact.
    let text = "cafe\u{301} 🦀 crab";
    let r = find_ranges(text, &terms("e\u{301} 🦀"));
    let got: Vec<&str> = r.iter().map(|&(a, b)| &text[a..b]).collect();
    assert_eq!(got, vec!["e\u{301}", "🦀"]);
}

#[test]
fn segments_cover_text_and_flag_ranges() {
    let text = "闭包， 使用闭包要注意什么";
    let segs = segments(text, &find_ranges(text, &terms("闭包")));
    let joined: String = segs.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(joined, text);
    let hl: Vec<&str> = segs.iter().filter(|s| s.1).map(|s| s.0.as_str()).collect();
    assert_eq!(hl, vec!["闭包", "闭包"]);
    // Bad ranges are skipped rather than panicking.
    let segs = segments("闭包", &[(1, 2), (0, 99)]);
    assert_eq!(segs, vec![("闭包".to_string(), false)]);
}

proptest! {
    #[test]
    fn find_ranges_never_panics_and_stays_on_char_boundaries(
        text in "\\PC{0,40}",
        query in "\\PC{0,8}",
    ) {
        let t = terms(&query);
        let ranges = find_ranges(&text, &t);
        let mut prev_end = 0;
        for &(a, b) in &ranges {
            prop_assert!(a < b && b <= text.len());
            prop_assert!(a >= prev_end);
            prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            prev_end = b;
        }
        let joined: String = segments(&text, &ranges).iter().map(|(s, _)| s.as_str()).collect();
        prop_assert_eq!(joined, text);
    }

    #[test]
    fn search_never_panics(query in "\\PC{0,30}") {
        let hits = index().search(&query, 10);
        prop_assert!(hits.len() <= 10);
    }
}

// ---------------------------------------------------------------- matching

#[test]
fn chinese_two_char_substrings_match() {
    for (q, slug) in [
        ("闭包", "closures"),
        ("幂等", "mq-idempotency"),
        ("蓝图", "flask-blueprint"),
    ] {
        let hits = index().search(q, 5);
        assert!(
            topic_slugs(&hits).contains(&slug),
            "{q}: {:?}",
            topic_slugs(&hits)
        );
    }
}

#[test]
fn english_identifiers_match_case_insensitively() {
    for (q, slug) in [
        ("defaultdict", "defaultdict"),
        ("DEFAULTDICT", "defaultdict"),
        ("indexerror", "list-slice-no-indexerror"),
        ("content-type", "content-type"),
        ("__dict__", "dict-vs-dir"),
        ("2msl", "tcp-2msl"),
    ] {
        let hits = index().search(q, 5);
        assert_eq!(topic_slugs(&hits).first(), Some(&slug), "{q}");
    }
}

#[test]
fn complete_hits_match_every_term_in_any_order() {
    let a = index().search("session 共享", 20);
    let b = index().search("共享 session", 20);
    assert_eq!(topic_slugs(&a), topic_slugs(&b));
    assert_eq!(topic_slugs(&a).first(), Some(&"shared-session"));
    // No topic has both: only partial hits, each saying which term it lacks.
    let hits = index().search("defaultdict 幂等", 20);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.missing_terms.len() == 1), "{hits:?}");
    // Every complete hit really contains every term somewhere (category included).
    let t = terms("合并 有序列表");
    let hits = index().search("合并 有序列表", 20);
    assert!(hits[0].missing_terms.is_empty());
    for h in hits.iter().filter(|h| h.missing_terms.is_empty()) {
        assert_eq!(h.matched_terms, t);
        if h.kind != HitKind::Topic {
            continue;
        }
        let topic = catalogue().get(&h.slug).unwrap();
        let all = normalize(&format!(
            "{} {} {}",
            topic.title,
            topic.category,
            topic.body.replace('`', "")
        ));
        assert!(t.iter().all(|x| all.contains(x.as_str())), "{}", h.slug);
    }
}

#[test]
fn full_width_queries_equal_half_width() {
    for (full, half) in [
        ("ＤＥＦＡＵＬＴＤＩＣＴ", "defaultdict"),
        ("２ＭＳＬ", "2msl"),
        ("ＨＴＴＰ　状态码", "http 状态码"),
    ] {
        assert_eq!(index().search(full, 10), index().search(half, 10), "{full}");
    }
}

#[test]
fn code_is_searchable() {
    let hits = index().search("random.shuffle", 5);
    assert_eq!(topic_slugs(&hits).first(), Some(&"shuffle-list"));
    let hits = index().search("process_message", 5);
    assert_eq!(topic_slugs(&hits).first(), Some(&"mq-idempotency"));
}

#[test]
fn markdown_syntax_is_stripped_from_matching_and_snippets() {
    // Title "`闭包`， 使用闭包要注意什么": the backticks must not break the phrase.
    let hits = index().search("闭包，", 5);
    assert_eq!(topic_slugs(&hits).first(), Some(&"closures"));
    for h in index().search("闭包", 10) {
        assert!(!h.title.contains('`'), "{}", h.title);
        assert!(!snippet_text(&h).contains("**"), "{:?}", h.snippet);
    }
}

// ---------------------------------------------------------------- ranking

#[test]
fn title_matches_rank_above_body_matches() {
    for q in [
        "幂等",
        "状态码",
        "观察者",
        "redis",
        "浏览器",
        "内存溢出",
        "作用域",
    ] {
        let hits = index().search(q, 50);
        let t = terms(q);
        let in_title = |h: &Hit| t.iter().all(|x| normalize(&h.title).contains(x.as_str()));
        let first_body_only = hits.iter().position(|h| !in_title(h)).unwrap_or(hits.len());
        assert!(first_body_only > 0, "{q}: no title hit");
        assert!(
            hits[first_body_only..].iter().all(|h| !in_title(h)),
            "{q}: title hit ranked below a body hit"
        );
        assert!(
            hits.windows(2).all(|w| w[0].score >= w[1].score),
            "{q}: not sorted"
        );
    }
}

// ---------------------------------------------------------------- exercises

#[test]
fn exercises_are_found_by_title_and_topic() {
    let hits = index().search("闭包的延迟绑定", 5);
    assert_eq!(hits[0].kind, HitKind::Exercise);
    assert_eq!(hits[0].exercise_id.as_deref(), Some("closure_late_binding"));
    assert_eq!(hits[0].slug, "closure-late-binding");
    assert_eq!(hits[0].category, "Python 语言");

    // By its topic's title: the topic comes first, its exercise follows.
    let hits = index().search("闭包延迟绑定", 5);
    assert_eq!(
        (hits[0].kind, hits[0].slug.as_str()),
        (HitKind::Topic, "closure-late-binding")
    );
    assert!(hits
        .iter()
        .any(|h| h.exercise_id.as_deref() == Some("closure_late_binding")));

    // By id.
    let hits = index().search("topk_word_freq", 5);
    assert!(hits
        .iter()
        .any(|h| h.exercise_id.as_deref() == Some("topk_word_freq")));

    // Topic hits carry no exercise id.
    assert!(index()
        .search("闭包", 10)
        .iter()
        .filter(|h| h.kind == HitKind::Topic)
        .all(|h| h.exercise_id.is_none()));
}

#[test]
fn exercise_with_unknown_topic_is_harmless() {
    let ghost = ExerciseDoc {
        id: "x1",
        title: "神秘练习",
        topic_slug: "no-such-topic",
    };
    let idx = build_index(catalogue(), &[ghost]);
    assert_eq!(idx.len(), catalogue().topics.len() + 1);
    let hits = idx.search("神秘", 5);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].category, "");
}

// ---------------------------------------------------------------- snippets

#[test]
fn snippets_are_short_and_highlight_every_term() {
    for q in [
        "session 共享",
        "合并 有序列表",
        "GET POST",
        "幂等",
        "ssl tls",
        "redis zset",
        "memcache 同步",
        "NFS",
        "缺点",
        "ＮＦＳ　服务器",
    ] {
        let t = terms(q);
        let hits = index().search(q, 10);
        assert!(!hits.is_empty(), "{q}");
        for h in &hits {
            let text = snippet_text(h);
            assert!(text.chars().count() <= SNIPPET_CHARS + 4, "{q}: {text}");
            assert!(
                !text.contains("\n") && !text.contains("  "),
                "{q}: {text:?}"
            );
            for (seg, hl) in &h.snippet {
                if *hl {
                    let n = normalize(seg);
                    assert!(
                        t.iter().any(|x| n.contains(x.as_str())),
                        "{q}: bad highlight {seg}"
                    );
                } else {
                    // Nothing un-highlighted still contains a term.
                    let n = normalize(seg);
                    assert!(
                        t.iter().all(|x| !n.contains(x.as_str())),
                        "{q}: missed {seg}"
                    );
                }
            }
        }
        // A hit whose body contains a term shows it highlighted (offsets survive full-width text).
        for h in hits.iter().filter(|h| h.kind == HitKind::Topic) {
            let body = normalize(&catalogue().get(&h.slug).unwrap().body.replace('`', ""));
            if t.iter().any(|x| body.contains(x.as_str())) {
                assert!(h.snippet.iter().any(|s| s.1), "{q}: {:?}", h.snippet);
            }
        }
    }
}

#[test]
fn title_only_match_snippet_starts_at_body() {
    // "第几天" is only in the title of day-of-year; the snippet is the start of the body.
    let hits = index().search("第几天", 5);
    let h = hits
        .iter()
        .find(|h| h.slug == "day-of-year" && h.kind == HitKind::Topic)
        .unwrap();
    let text = snippet_text(h);
    assert!(!text.starts_with('…'), "{text}");
    assert!(text.starts_with("import datetime"), "{text}");
}

// ---------------------------------------------------------------- quality

/// Realistic learner queries and the topic each must find.
const QUALITY: &[(&str, &str)] = &[
    // Chinese, 2–4 characters
    ("闭包", "closures"),
    ("幂等", "mq-idempotency"),
    ("单例", "singleton"),
    ("僵尸进程", "zombie-orphan-process"),
    ("孤儿进程", "zombie-orphan-process"),
    ("延迟绑定", "closure-late-binding"),
    ("状态码", "http-status-codes"),
    ("三次握手", "tcp-vs-udp"),
    ("四次挥手", "tcp-vs-udp"),
    ("滑动窗口", "tcp-sliding-window"),
    ("多路复用", "io-multiplexing"),
    ("蓝图", "flask-blueprint"),
    ("布隆过滤器", "bitmap-vs-bloom-filter"),
    ("位图", "bitmap-vs-bloom-filter"),
    ("协程", "generator-coroutine-future"),
    ("观察者", "observer-pattern"),
    ("零拷贝", "kafka-throughput"),
    ("常量", "python-constants"),
    ("策略模式", "design-patterns"),
    ("垃圾回收", "memory-management"),
    ("引用计数", "memory-management"),
    ("内存溢出", "memory-overflow"),
    ("新式类", "new-style-vs-classic-class"),
    ("作用域", "variable-scope"),
    ("打乱", "shuffle-list"),
    ("第几天", "day-of-year"),
    ("抽象类", "abstract-class-vs-interface"),
    ("共享内存", "ipc-pipe-queue-shm"),
    ("进程间通信", "ipc-pipe-queue-shm"),
    ("请求头", "http-request-headers"),
    ("请求方法", "http-methods"),
    ("路由", "flask-vs-django-routing"),
    ("生命周期", "django-request-lifecycle"),
    ("高频词", "top-words-in-1g-file"),
    ("海量数据", "most-frequent-in-massive-data"),
    ("健壮性", "service-robustness"),
    ("系统设计", "system-design"),
    ("设计模式", "design-patterns"),
    ("反转数字", "reverse-number"),
    ("套接字", "socket-params"),
    ("内置数据结构", "builtin-data-types"),
    ("隔离级别", "mvcc"),
    ("三大框架", "web-framework-use-cases"),
    ("面向对象", "oop-three-pillars"),
    ("内存管理", "memory-management"),
    ("分布式系统", "distributed-system"),
    // English words and identifiers
    ("defaultdict", "defaultdict"),
    ("IndexError", "list-slice-no-indexerror"),
    ("Content-Type", "content-type"),
    ("__dict__", "dict-vs-dir"),
    ("2MSL", "tcp-2msl"),
    ("MVCC", "mvcc"),
    ("epoll", "io-multiplexing"),
    ("Blueprint", "flask-blueprint"),
    ("uwsgi", "wsgi-uwsgi"),
    ("zset", "redis-zset"),
    ("kafka", "kafka-throughput"),
    ("HDFS", "hdfs"),
    ("RabbitMQ", "rabbitmq"),
    ("InnoDB", "innodb-vs-myisam"),
    ("MRO", "new-style-vs-classic-class"),
    ("LEGB", "name-lookup-order"),
    ("random.shuffle", "shuffle-list"),
    ("jwt", "cookie-session-jwt"),
    ("mTLS", "ssl-tls-mtls"),
    ("User-Agent", "http-request-headers"),
    ("gRPC", "rpc-transports"),
    ("GraphQL", "rpc-transports"),
    ("Cython", "python-implementations"),
    ("GIL", "python-implementations"),
    ("Pypy", "python-implementations"),
    ("GRANT", "mysql-restrict-ip"),
    ("Counter", "top-words-in-1g-file"),
    ("HTTPS", "http-vs-https"),
    ("404", "http-status-codes"),
    // Mixed, several terms
    ("session 共享", "shared-session"),
    ("合并 有序列表", "merge-sorted-lists"),
    ("元类 执行", "metaclass-execution"),
    ("lambda 闭包", "closure-late-binding"),
    ("GET POST", "http-get-vs-post"),
    ("UDP 应用", "udp-applications"),
    ("redis 集群", "redis-cluster"),
    ("事务 MyISAM", "innodb-vs-myisam"),
    ("if else", "if-else-refactor"),
    ("yield send", "yield-and-send"),
    ("is ==", "is-vs-eq"),
    ("遍历 文件夹", "dir-walk"),
    ("字典 排序", "sort-dict-by-value"),
    ("封装 继承 多态", "oop-three-pillars"),
    ("浏览器 baidu", "browser-visit-baidu"),
    ("fastapi tornado", "django-flask-tornado-fastapi"),
    ("机房 迁移", "datacenter-migration"),
    ("Mysql IP", "mysql-restrict-ip"),
    ("删除 遍历", "remove-while-iterating"),
    ("set 去重", "list-tuple-dict-set-internals"),
    ("队列 幂等", "mq-idempotency"),
    ("生成器 协程", "generator-coroutine-future"),
    ("metaclass django", "metaclass-in-django"),
    ("wsgi 动态", "wsgi-dynamic-request"),
    ("SSL TLS", "ssl-tls-mtls"),
    ("HTTP 安全传输", "http-secure-transport"),
    ("select poll epoll", "io-multiplexing"),
    ("单例模式 __new__", "singleton"),
    ("mysql 限制", "mysql-restrict-ip"),
    // Full-width variants
    ("ＤＥＦＡＵＬＴＤＩＣＴ", "defaultdict"),
    ("ＨＴＴＰ　状态码", "http-status-codes"),
    ("ｚｓｅｔ", "redis-zset"),
    ("２ＭＳＬ", "tcp-2msl"),
    ("３０多个if", "if-else-refactor"),
    ("ＵＤＰ　应用", "udp-applications"),
];

/// Recall of a query set: `(queries, found first, found in the top 5, misses explained)`.
fn recall(set: &[(&str, &str)]) -> (usize, usize, usize, Vec<String>) {
    let cat = catalogue();
    let mut at1 = 0;
    let mut at5 = 0;
    let mut misses = Vec::new();
    for &(q, slug) in set {
        assert!(cat.get(slug).is_some(), "unknown slug {slug}");
        let hits = index().search(q, 5);
        let slugs = topic_slugs(&hits);
        match slugs.iter().position(|s| *s == slug) {
            Some(0) => {
                at1 += 1;
                at5 += 1;
            }
            Some(_) => {
                at5 += 1;
                misses.push(format!("{q} → {slug} not first: {slugs:?}"));
            }
            None => misses.push(format!("{q} → {slug} MISSING: {slugs:?}")),
        }
    }
    (set.len(), at1, at5, misses)
}

#[test]
fn quality_recall() {
    let (n, at1, at5, misses) = recall(QUALITY);
    let r1 = at1 as f64 / n as f64;
    let r5 = at5 as f64 / n as f64;
    println!(
        "search quality: {n} queries, recall@1 = {:.1}%, recall@5 = {:.1}%",
        r1 * 100.0,
        r5 * 100.0
    );
    for m in &misses {
        println!("  {m}");
    }
    assert!(n >= 40);
    assert_eq!(at5, n, "recall@5 must be 100%:\n{}", misses.join("\n"));
    assert!(r1 >= 0.9, "recall@1 {r1} < 0.9:\n{}", misses.join("\n"));
}

// ---------------------------------------------------------------- hostile queries

#[test]
fn hostile_queries_are_safe_and_bounded() {
    let idx = index();
    let long_word = "闭包".repeat(5_000);
    let long_words = "a ".repeat(5_000);
    let hostile: Vec<String> = vec![
        "x".repeat(10_000),
        long_word,
        long_words,
        " ".repeat(10_000),
        "\u{3000}\u{3000}".into(),
        ".*+?[](){}|\\^$".into(),
        "(a+)+$".into(),
        "[".into(),
        "\\".into(),
        "🦀".into(),
        "👨‍👩‍👧 🇨🇳".into(),
        "\u{301}".into(),
        "e\u{301}\u{302}\u{303}".into(),
        "闭\u{301}包".into(),
        "\u{200b}\u{feff}\u{202e}".into(),
        "\0".into(),
        "İIıi".into(),
    ];
    for q in &hostile {
        let start = Instant::now();
        let hits = idx.search(q, 20);
        let took = start.elapsed();
        assert!(
            took < Duration::from_secs(1),
            "{:?}… took {took:?}",
            q.chars().take(10).collect::<String>()
        );
        assert!(hits.len() <= 20);
        for h in &hits {
            assert!(h.score > 0);
            assert!(catalogue().get(&h.slug).is_some());
        }
        let ranges = find_ranges(q, &terms(q));
        assert!(ranges
            .iter()
            .all(|&(a, b)| q.is_char_boundary(a) && q.is_char_boundary(b)));
    }
    // Whitespace-only queries give nothing (not everything).
    assert!(idx.search(" ".repeat(10_000).as_str(), 20).is_empty());
    assert!(idx.search("\u{3000} \t", 20).is_empty());
    assert!(idx.search("", 20).is_empty());
    // Regex metacharacters are literal: nothing in the notes contains this run.
    assert!(idx.search(".*+?[](){}|\\^$", 20).is_empty());
    // Limits are honoured.
    assert!(idx.search("闭包", 0).is_empty());
    assert_eq!(idx.search("的", 3).len(), 3);
    // The 10,000-character query is flagged as cut.
    assert!(parse_query(&"x".repeat(10_000)).truncated);
}

#[test]
fn multi_term_snippet_prefers_a_window_with_every_term() {
    // "同步" first appears long before "memcache"; the snippet should show both.
    let hits = index().search("memcache 同步", 5);
    let h = &hits[0];
    assert_eq!(h.slug, "shared-session");
    let highlighted: Vec<String> = h
        .snippet
        .iter()
        .filter(|s| s.1)
        .map(|s| normalize(&s.0))
        .collect();
    for t in ["memcache", "同步"] {
        assert!(
            highlighted.iter().any(|x| x.contains(t)),
            "{t}: {:?}",
            h.snippet
        );
    }
}

#[test]
fn real_exercise_registry_is_searchable_by_title() {
    let docs = exercise_docs();
    assert_eq!(index().len(), catalogue().topics.len() + docs.len());
    for ex in &docs {
        let hits = index().search(ex.title, 10);
        let hit = hits
            .iter()
            .find(|h| h.exercise_id.as_deref() == Some(ex.id));
        let hit = hit
            .unwrap_or_else(|| panic!("exercise {} not found by its title {:?}", ex.id, ex.title));
        assert_eq!(
            (hit.kind, hit.slug.as_str()),
            (HitKind::Exercise, ex.topic_slug)
        );
    }
}

#[test]
fn cut_query_trims_and_cuts_like_the_search() {
    assert_eq!(cut_query("  闭包 \t"), "闭包");
    assert_eq!(cut_query(""), "");
    let long = "闭".repeat(MAX_QUERY_CHARS + 50);
    let cut = cut_query(&long);
    assert_eq!(cut.chars().count(), MAX_QUERY_CHARS);
    assert_eq!(terms(cut), parse_query(&long).terms);
}

#[test]
fn group_b_exercises_are_found_by_id_and_title() {
    for (query, id, slug) in [
        ("shuffle", "shuffle", "shuffle-list"),
        ("元类的执行过程", "metaclass_order", "metaclass-execution"),
        ("yield_send", "yield_send", "yield-and-send"),
        ("观察者模式", "observer", "observer-pattern"),
        ("dir_walk", "dir_walk", "dir-walk"),
        (
            "位图和布隆过滤器",
            "bloom_vs_bitmap",
            "bitmap-vs-bloom-filter",
        ),
        ("四次挥手", "tcp_state_machine", "tcp-2msl"),
    ] {
        let hits = index().search(query, 10);
        let hit = hits
            .iter()
            .find(|h| h.exercise_id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("{query}: no {id} in {hits:?}"));
        assert_eq!(hit.slug, slug, "{query}");
    }
}
