//! The progress pages: `#/progress` (overview, today's review queue, activity calendar,
//! bookmarks, a link to the notes, export/import, storage settings and backups), `#/review`
//! (the review session) and `#/notes` (the learner's notes). One file per section.
//!
//! Every number and decision comes from the pure model in `crate::progress` (the review
//! [`Session`](crate::progress::Session), import parsing, the calendar); these modules lay
//! it out and turn clicks into `progress_state::update` calls. Personal notes are only ever
//! inserted as text, never as markup.

mod activity;
mod backups;
mod bookmarks;
mod notes;
mod overview;
mod python;
mod queue;
mod review;
mod review_code;
mod settings;
mod transfer;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

pub(crate) use notes::NotesPage;
pub(crate) use review::ReviewPage;

use super::catalogue;
use super::format;
use super::progress_state;
use crate::notes::title_html as render_inline;
use crate::notes::Catalogue;
use crate::progress;
use crate::ui::{date_now_ms, set_title, today};

/// A topic's title as inline HTML (our own build output), or its escaped slug if unknown; for
/// a code card's queue key, `代码题 · ` and its topic's title.
fn title_html(cat: &Catalogue, slug: &str) -> String {
    if let progress::ReviewItem::Card(id) = progress::ReviewItem::of(slug) {
        let topic = crate::cards::topic_of(id).unwrap_or(id);
        return format!("代码题 · {}", title_html(cat, topic));
    }
    cat.get(slug)
        .map(|t| render_inline(&t.title))
        .unwrap_or_else(|| {
            let mut s = String::new();
            crate::notes::highlight::escape_html(slug, &mut s);
            s
        })
}

/// Bookmarked topics the notes still have, sorted by slug.
fn known_bookmarks(cat: &Catalogue, store: &progress::ProgressStore) -> Vec<String> {
    store
        .bookmarks()
        .into_iter()
        .filter(|slug| cat.get(slug).is_some())
        .collect()
}

/// The last millisecond of the local calendar day (the "due today" cut-off), with the offset
/// in force at the end of the day ([`progress::end_of_local_day_ms`]).
pub(crate) fn end_of_today_ms() -> f64 {
    progress::end_of_local_day_ms(today(), date_now_ms(), format::utc_offset_minutes)
}

/// The topic page of a queue key: the topic's, or the one a code card comes from.
fn item_hash(key: &str) -> String {
    match progress::ReviewItem::of(key) {
        progress::ReviewItem::Topic(slug) => crate::route::topic_hash(slug),
        progress::ReviewItem::Card(id) => {
            crate::route::topic_hash(crate::cards::topic_of(id).unwrap_or(id))
        }
    }
}

/// The review queue's keys (topics and code cards, [`progress::review_keys`]) that `filter`
/// admits.
pub(crate) fn queue_keys(filter: progress::ReviewFilter) -> Vec<String> {
    let slugs = progress_state::slugs();
    progress::review_keys(&slugs, &crate::cards::topic_ids(), filter)
}

/// Today's review queue over the queue keys `slugs` (see [`progress::today_queue`],
/// [`queue_keys`]): learning steps by the clock now, limits by the local day.
pub(crate) fn today_queue<S: AsRef<str>>(
    store: &progress::ProgressStore,
    slugs: &[S],
) -> progress::TodayQueue {
    let slugs: Vec<&str> = slugs.iter().map(AsRef::as_ref).collect();
    let slugs = slugs.as_slice();
    let now = date_now_ms();
    let day = today();
    let start = progress::end_of_local_day_ms(day - 1, now, format::utc_offset_minutes) + 1.0;
    let end = progress::end_of_local_day_ms(day, now, format::utc_offset_minutes);
    progress::today_queue(store, slugs, now as i64, start as i64, end as i64)
}

/// Starts a download of `text` as a file (Blob + object URL + `<a download>`).
fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "浏览器不允许下载文件".to_string();
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let a: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "浏览器不允许下载文件".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    if let Some(body) = document().body() {
        let _ = body.append_child(&a);
    }
    a.click();
    a.remove();
    // Revoke later: some browsers read the URL after click() returns.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// `#/progress`: overview, review queue, export/import and storage settings.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn ProgressPage() -> impl IntoView {
    set_title(Some("学习进度"));
    let (Ok(cat), Some(state)) = (catalogue(), progress_state::state()) else {
        return view! { <p class="panel">"学习进度不可用。"</p> }.into_any();
    };
    // The import section is shared with the backup list (restoring a backup previews it).
    let import = RwSignal::new(None::<transfer::ImportView>);
    view! {
        <div class="progress-page" data-view="progress">
            <h1>"学习进度"</h1>
            <overview::OverviewSection cat=cat state=state />
            <queue::QueueSection cat=cat state=state />
            <activity::ActivitySection state=state />
            <bookmarks::BookmarksSection cat=cat state=state />
            <notes::NotesSection cat=cat state=state />
            <transfer::TransferSection cat=cat state=state import=import />
            <settings::SettingsSection state=state import=import />
        </div>
    }
    .into_any()
}
