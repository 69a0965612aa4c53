//! Hash routes parse and format round-trip, including hostile text.

use mianshiti_playground::route::{parse, percent_decode, to_hash, Route};

#[track_caller]
fn check(hash: &str, expected: Route) {
    assert_eq!(parse(hash), expected);
}

#[test]
fn routes_parse() {
    check("", Route::Home);
    check("#/", Route::Home);
    check(
        "#/t/merge-sorted-lists",
        Route::Topic {
            slug: "merge-sorted-lists".into(),
            anchor: None,
            highlight: None,
        },
    );
    check(
        "#/t/x/h-%E6%A6%82%E8%BF%B0?hl=%E9%97%AD%E5%8C%85",
        Route::Topic {
            slug: "x".into(),
            anchor: Some("h-概述".into()),
            highlight: Some("闭包".into()),
        },
    );
    check(
        "#/ex/merge_sorted_lists?l1=%5B1%2C%202%5D&l2=",
        Route::Exercise {
            id: "merge_sorted_lists".into(),
            params: vec![("l1".into(), "[1, 2]".into()), ("l2".into(), String::new())],
        },
    );
    check(
        "#/search?q=session%20%E5%85%B1%E4%BA%AB",
        Route::Search {
            query: "session 共享".into(),
        },
    );
    check("#/progress", Route::Progress);
    check(
        "#/nope/x",
        Route::NotFound {
            path: "/nope/x".into(),
        },
    );
}

#[test]
fn routes_round_trip_any_text() {
    for text in ["a&b=c?d#e", "中文 😀 e\u{301}", "100%", "%zz", "+", "'\"<>"] {
        let r = Route::Exercise {
            id: "x".into(),
            params: vec![("s".into(), text.into())],
        };
        assert_eq!(parse(&to_hash(&r)), r);
        let r = Route::Search { query: text.into() };
        assert_eq!(parse(&to_hash(&r)), r);
    }
}

#[test]
fn broken_escapes_never_panic() {
    assert_eq!(percent_decode("%"), "%");
    assert_eq!(percent_decode("%e"), "%e");
    assert_eq!(percent_decode("%E6%A6"), "\u{FFFD}");
    assert_eq!(percent_decode("a+b"), "a b");
}
