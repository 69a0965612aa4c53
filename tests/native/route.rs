//! Hash routes parse and format round-trip, including hostile text.

use mianshiti_playground::progress::ReviewFilter;
use mianshiti_playground::route::{parse, percent_decode, to_hash, Route, NOTES_HASH};

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
fn the_notes_page_has_its_own_route() {
    // 我的笔记 lives at `#/notes`: a deep link (and a reload on it) opens it; with a trailing
    // slash too, but anything below it is a 404, not the notes page.
    assert_eq!(NOTES_HASH, "#/notes");
    check("#/notes", Route::Notes);
    check("#/notes/", Route::Notes);
    check("/notes", Route::Notes);
    check(
        "#/notes/x",
        Route::NotFound {
            path: "/notes/x".into(),
        },
    );
    check(
        "#/note",
        Route::NotFound {
            path: "/note".into(),
        },
    );
    for r in [Route::Home, Route::Progress, Route::Notes] {
        assert_eq!(parse(&to_hash(&r)), r);
    }
    for only in ReviewFilter::ALL {
        let r = Route::Review { only };
        assert_eq!(parse(&to_hash(&r)), r);
    }
    assert_eq!(
        to_hash(&Route::Review {
            only: ReviewFilter::All
        }),
        "#/review"
    );
    assert_eq!(
        to_hash(&Route::Review {
            only: ReviewFilter::Code
        }),
        "#/review?only=code"
    );
    check(
        "#/review?only=topics",
        Route::Review {
            only: ReviewFilter::Topics,
        },
    );
    check(
        "#/review?only=nonsense",
        Route::Review {
            only: ReviewFilter::All,
        },
    );
    assert_eq!(to_hash(&Route::Notes), NOTES_HASH);
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

#[test]
fn share_links_keep_their_format() {
    // Links already shared must keep parsing, and new ones keep today's spelling:
    // unreserved characters as is, everything else `%XX` (a space is `%20`, not `+`).
    let r = Route::Exercise {
        id: "merge_sorted_lists".into(),
        params: vec![("l1".into(), "[1, 2] a~b_c.d-e*+中".into())],
    };
    assert_eq!(
        to_hash(&r),
        "#/ex/merge_sorted_lists?l1=%5B1%2C%202%5D%20a~b_c.d-e%2A%2B%E4%B8%AD"
    );
    assert_eq!(
        parse("#/ex/merge_sorted_lists?l1=%5B1,+2%5D+a~b_c.d-e*%2B中"),
        r
    );
    assert_eq!(
        parse("#/search?q=a+b%20c&q=ignored&&=x&flag"),
        Route::Search {
            query: "a b c".into()
        }
    );
}

/// The hand-written decoder `route.rs` had before it used `percent-encoding` and
/// `form_urlencoded`: the reference for the crate-based one.
fn reference_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

proptest::proptest! {
    /// Any hash, including broken escapes and invalid UTF-8 once decoded, decodes as before.
    #[test]
    fn decoding_matches_the_former_hand_written_code(
        text in "([%+&=?/a-fA-F0-9xz ]|%[0-9a-fA-F]{0,2}|[中😀])*"
    ) {
        proptest::prop_assert_eq!(percent_decode(&text), reference_decode(&text));
        if let Route::Search { query } = parse(&format!("#/search?q={text}")) {
            let first = text.split('&').next().unwrap_or("");
            proptest::prop_assert_eq!(query, reference_decode(first));
        }
    }
}
