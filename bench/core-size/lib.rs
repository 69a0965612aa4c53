//! Size probe: every pure-core entry point the UI uses, exported from a wasm with no UI.
//! Never run, only measured; inputs arrive in a buffer from `alloc`.
use mianshiti_playground::{exercises, notes, progress, route, search};
use std::sync::OnceLock;

static CATALOGUE: OnceLock<Result<notes::Catalogue, String>> = OnceLock::new();
static BODIES: OnceLock<Vec<(String, String)>> = OnceLock::new();

/// A buffer of `len` bytes for the caller to fill.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    Box::leak(vec![0u8; len].into_boxed_slice()).as_mut_ptr()
}

fn text(ptr: *const u8, len: usize) -> &'static str {
    // SAFETY: the caller passes a buffer from `alloc` it has filled; it is never freed.
    std::str::from_utf8(unsafe { std::slice::from_raw_parts(ptr, len) }).unwrap_or("")
}

fn catalogue() -> Option<&'static notes::Catalogue> {
    CATALOGUE.get_or_init(notes::Catalogue::load).as_ref().ok()
}

/// Exercise id, then `\u{1}`-separated `field=value` pairs.
#[no_mangle]
pub extern "C" fn run_exercise(ptr: *const u8, len: usize, id_len: usize) -> usize {
    let s = text(ptr, len);
    let (id, rest) = s.split_at(id_len.min(s.len()));
    let pairs: Vec<(&str, &str)> = rest
        .split('\u{1}')
        .filter_map(|kv| kv.split_once('='))
        .collect();
    match exercises::run(id, &pairs) {
        Ok(sections) => sections
            .iter()
            .map(|s| s.label.len() + s.value.len() + s.note.as_ref().map_or(0, String::len))
            .sum(),
        Err(e) => e.message.len() + e.position.unwrap_or(0),
    }
}

/// Generates inputs for an exercise; returns their total length (keeps `generate` alive).
#[no_mangle]
pub extern "C" fn generate(ptr: *const u8, len: usize, n: usize, seed: u64) -> usize {
    exercises::generate(text(ptr, len), n, seed).map_or(0, |v| v.iter().map(|(_, s)| s.len()).sum())
}

/// Everything the exercise panel shows besides the output.
#[no_mangle]
pub extern "C" fn exercise_texts() -> usize {
    exercises::catalogue()
        .iter()
        .map(|i| {
            i.title.len()
                + i.question.len()
                + i.python().len()
                + i.topic_slug.len()
                + i.errata().iter().map(|e| e.why.len()).sum::<usize>()
                + i.fields.len()
                + usize::from(i.supports_generate())
                + usize::from(i.takes_file)
        })
        .sum()
}

/// The panel's own decisions: initial inputs, output capping, the error excerpt.
#[no_mangle]
pub extern "C" fn exercise_panel(ptr: *const u8, len: usize, position: usize) -> usize {
    let s = text(ptr, len);
    let link = [("l1".to_string(), s.to_string())];
    let initial = exercises::find("merge_sorted_lists").map_or(0, |i| {
        exercises::panel::initial_inputs(i, &link, Some(&link)).len()
    });
    let (line, caret) = exercises::panel::error_excerpt(s, position);
    initial + exercises::panel::cap_output(s).len() + line.len() + caret.len()
}

/// The notes bundle: catalogue, bodies, table of contents, home page.
#[no_mangle]
pub extern "C" fn load_notes(ptr: *const u8, len: usize) -> usize {
    let bodies = notes::bundle::parse_bodies(text(ptr, len).as_bytes()).unwrap_or_default();
    let n = bodies.len();
    let _ = BODIES.set(bodies);
    n + catalogue().map_or(0, |c| {
        c.topics.len()
            + notes::toc_html(c).len()
            + notes::home_cards_html(c).len()
            + notes::home_hero_html(c).len()
    })
}

/// Builds the search index and runs a query; returns the hit count (keeps search alive).
#[no_mangle]
pub extern "C" fn search(ptr: *const u8, len: usize) -> usize {
    let Some(cat) = catalogue() else { return 0 };
    let bodies = BODIES.get().map_or(&[][..], Vec::as_slice);
    let index = search::SearchIndex::from_html(
        cat,
        |slug| {
            bodies
                .iter()
                .find(|(s, _)| s == slug)
                .map(|(_, h)| h.as_str())
        },
        &search::exercise_docs(),
    );
    let q = text(ptr, len);
    let ranges = search::find_ranges(q, &search::terms(q));
    index.search(q, 20).len() + search::segments(q, &ranges).len() + search::cut_query(q).len()
}

/// Parses and formats a route; returns the hash length (keeps routing alive).
#[no_mangle]
pub extern "C" fn route_round_trip(ptr: *const u8, len: usize) -> usize {
    route::to_hash(&route::parse(text(ptr, len))).len()
}

/// Load, every store update, review scheduling, overview, import preview/merge/replace, export.
#[no_mangle]
pub extern "C" fn progress_ops(ptr: *const u8, len: usize, now: f64) -> usize {
    let slugs: Vec<&str> = catalogue().map_or(Vec::new(), |c| {
        c.topics.iter().map(|t| t.slug.as_str()).collect()
    });
    let outcome = progress::load(Some(text(ptr, len)), &slugs);
    let mut s = outcome.store;
    s.record_visit("a", now);
    s.mark_visit("a", now);
    if let Some(st) = progress::Status::from_key("review") {
        s.set_status("a", st, now);
    }
    s.set_note("a", "x", now);
    s.toggle_bookmark("a", now);
    if let Some(r) = progress::Rating::from_key("good") {
        s.record_review("a", r, now);
    }
    s.record_study_day(3);
    s.set_last_topic("a", 0.5, now);
    let inputs = [("a".to_string(), "b".to_string())];
    s.save_exercise_inputs("m", &inputs, now);
    s.set_last_exercise("m", &inputs, now);
    let topics: Vec<(&str, &str)> = catalogue().map_or(Vec::new(), |c| {
        c.topics
            .iter()
            .map(|t| (t.slug.as_str(), t.category.as_str()))
            .collect()
    });
    let overview = progress::overview(&s, &topics);
    let incoming = progress::load(Some(text(ptr, len)), &slugs).store;
    let preview = progress::preview_import(&s, &incoming);
    let merged = progress::import_merge(&s, &incoming);
    let replaced = progress::import_replace(&s, &incoming, now);
    let (y, m, d) = progress::date_of_day(progress::day_number(now, 480));
    outcome.notices.len()
        + s.due_queue(now, &slugs).len()
        + overview.overall.started()
        + overview.categories.len()
        + progress::to_json(&merged, now).len()
        + progress::to_storage_json(&replaced).len()
        + s.streak(3) as usize
        + progress::longest_streak(&Default::default()) as usize
        + y as usize
        + m as usize
        + d as usize
        + std::mem::size_of_val(&preview)
        + s.bookmarks().len()
        + s.note("a").len()
        + progress::my_notes(&s)
            .first()
            .map_or(0, |n| n.excerpt().0.len())
        + s.exercise_inputs_for("m").map_or(0, <[_]>::len)
}
