//! Hash routes: `#/t/<slug>`, `#/ex/<id>?l1=..`, `#/search?q=..`, `#/progress`,
//! `#/review?only=code`, `#/notes`. Pure: parse and format only.
//!
//! Hash routing keeps deep links working on any plain static server and under any
//! sub-path: the server only ever sees `index.html` (see ARCHITECTURE.md).

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::progress::ReviewFilter;

/// A place in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The home page.
    Home,
    /// A topic, optionally scrolled to a heading anchor.
    Topic {
        /// Topic slug.
        slug: String,
        /// Heading id inside the topic.
        anchor: Option<String>,
        /// Search terms to highlight in the page.
        highlight: Option<String>,
    },
    /// An exercise with its input fields from the query string.
    Exercise {
        /// Exercise id.
        id: String,
        /// `(name, value)` pairs as typed by the user.
        params: Vec<(String, String)>,
    },
    /// Search results for a query.
    Search {
        /// The query as typed.
        query: String,
    },
    /// Progress overview and today's review queue.
    Progress,
    /// Review (practice) mode, showing the cards `only` admits.
    Review {
        /// Topics, code cards or both (`?only=topics`, `?only=code`; absent: both).
        only: ReviewFilter,
    },
    /// The learner's own notes, newest edited first (我的笔记).
    Notes,
    /// The Python scratchpad (`#/py`).
    Scratchpad,
    /// Anything else: the 404 view.
    NotFound {
        /// The unmatched path, for the message.
        path: String,
    },
}

/// Parses `location.hash` (with or without the leading `#`).
pub fn parse(hash: &str) -> Route {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = match hash.split_once('?') {
        Some((p, q)) => (p, q),
        None => (hash, ""),
    };
    let params = parse_query(query);
    let parts: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    match parts
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => Route::Home,
        ["t", slug] => Route::Topic {
            slug: slug.to_string(),
            anchor: None,
            highlight: get("hl"),
        },
        ["t", slug, anchor] => Route::Topic {
            slug: slug.to_string(),
            anchor: Some(anchor.to_string()),
            highlight: get("hl"),
        },
        ["ex", id] => Route::Exercise {
            id: id.to_string(),
            params,
        },
        ["search"] => Route::Search {
            query: get("q").unwrap_or_default(),
        },
        ["progress"] => Route::Progress,
        ["review"] => Route::Review {
            only: ReviewFilter::from_key(&get("only").unwrap_or_default()),
        },
        ["notes"] => Route::Notes,
        ["py"] => Route::Scratchpad,
        _ => Route::NotFound {
            path: path.to_string(),
        },
    }
}

/// Formats a route as a hash (`#/...`), percent-encoding every dynamic part.
pub fn to_hash(route: &Route) -> String {
    match route {
        Route::Home => "#/".into(),
        Route::Topic {
            slug,
            anchor,
            highlight,
        } => {
            let mut s = format!("#/t/{}", percent_encode(slug));
            if let Some(a) = anchor {
                s.push('/');
                s.push_str(&percent_encode(a));
            }
            if let Some(h) = highlight {
                s.push_str("?hl=");
                s.push_str(&percent_encode(h));
            }
            s
        }
        Route::Exercise { id, params } => {
            let mut s = format!("#/ex/{}", percent_encode(id));
            for (i, (k, v)) in params.iter().enumerate() {
                s.push(if i == 0 { '?' } else { '&' });
                s.push_str(&percent_encode(k));
                s.push('=');
                s.push_str(&percent_encode(v));
            }
            s
        }
        Route::Search { query } => format!("#/search?q={}", percent_encode(query)),
        Route::Progress => "#/progress".into(),
        Route::Review { only } => match only.key() {
            "" => "#/review".into(),
            key => format!("#/review?only={key}"),
        },
        Route::Notes => NOTES_HASH.into(),
        Route::Scratchpad => "#/py".into(),
        Route::NotFound { path } => format!("#{path}"),
    }
}

/// The hash of the notes page ([`Route::Notes`]).
pub const NOTES_HASH: &str = "#/notes";

/// The hash of a topic page.
pub fn topic_hash(slug: &str) -> String {
    to_hash(&Route::Topic {
        slug: slug.into(),
        anchor: None,
        highlight: None,
    })
}

/// The hash of an exercise page with default inputs.
pub fn exercise_hash(id: &str) -> String {
    to_hash(&Route::Exercise {
        id: id.into(),
        params: Vec::new(),
    })
}

/// `application/x-www-form-urlencoded` pairs (`+` is a space), in order, empty pairs skipped.
fn parse_query(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// What [`percent_encode`] escapes: everything but RFC 3986's unreserved characters.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes everything except RFC 3986 unreserved characters (a space becomes `%20`,
/// which every reader of a shared link decodes, in the path and in the query alike).
pub fn percent_encode(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).collect()
}

/// Decodes `%XX` escapes and `+` as space, as in a query string; invalid escapes are kept and
/// invalid UTF-8 becomes U+FFFD, never a panic. Path segments are decoded the same way.
pub fn percent_decode(text: &str) -> String {
    let text = text.replace('+', " ");
    percent_decode_str(&text).decode_utf8_lossy().into_owned()
}
