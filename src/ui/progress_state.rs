//! Glue between the pure progress model and `storage`: one reactive `ProgressStore`
//! for the whole app, persisted on every change and merged with other tabs' changes.
//!
//! Writes are read-merge-write: before saving we merge what is stored (another tab may
//! have written since we loaded), so two tabs never overwrite each other. When storage
//! fails the app keeps working in memory and shows a banner; it never retries in a loop.

use leptos::prelude::*;

use super::browser::{date_now_ms, today};
use crate::progress::{self, ProgressStore};
use crate::storage;
use crate::storage::{BACKUP_PREFIX, PROGRESS_KEY};

/// Largest total input we remember per exercise (bigger generated inputs are not saved).
const MAX_REMEMBERED_INPUT: usize = 16 * 1024;

/// The app-wide progress state (cheap to copy: signals only).
#[derive(Clone, Copy)]
pub(crate) struct ProgressState {
    /// The current store.
    pub store: RwSignal<ProgressStore>,
    /// Banner shown while progress cannot be saved (storage blocked/full, newer data).
    pub banner: RwSignal<Option<String>>,
    /// One-off notices from loading (salvaged data, backups).
    pub notices: RwSignal<Vec<String>>,
    /// True when the stored data is from a newer version: never write it.
    pub read_only: RwSignal<bool>,
}

thread_local! {
    static STATE: std::cell::Cell<Option<ProgressState>> = const { std::cell::Cell::new(None) };
}

fn known_slugs() -> Vec<&'static str> {
    super::catalogue()
        .map(|c| c.topics.iter().map(|t| t.slug.as_str()).collect())
        .unwrap_or_default()
}

/// Loads progress from storage (backing up anything unreadable first) and starts
/// listening to other tabs. Call once at start-up.
pub(crate) fn init() -> ProgressState {
    let state = ProgressState {
        store: RwSignal::new(ProgressStore::new()),
        banner: RwSignal::new(None),
        notices: RwSignal::new(Vec::new()),
        read_only: RwSignal::new(false),
    };
    STATE.with(|s| s.set(Some(state)));
    let slugs = known_slugs();
    match storage::get(PROGRESS_KEY) {
        Err(e) => state.banner.set(Some(unsaved_banner(&e))),
        Ok(raw) => {
            let outcome = progress::load(raw.as_deref(), &slugs);
            let mut notices: Vec<String> = outcome
                .notices
                .iter()
                .map(|n| n.message(progress::LoadSource::Stored))
                .collect();
            if outcome.backup_needed {
                if let Some(raw) = raw.as_deref() {
                    let key = format!("{BACKUP_PREFIX}{}", date_now_ms() as i64);
                    match storage::set(&key, raw) {
                        Ok(()) => {
                            notices.push(format!("原始数据已备份到 localStorage 键「{key}」。"))
                        }
                        Err(e) => {
                            // Without a backup we must not rewrite the original.
                            state.read_only.set(true);
                            notices.push(format!(
                                "无法备份原始数据（{}），本次不会覆盖它。",
                                e.message()
                            ));
                            state.banner.set(Some(format!(
                                "{}：无法备份原有的学习进度，为了不覆盖它，这次的改动只保存在内存中。建议在「进度」页导出备份。",
                                e.message()
                            )));
                        }
                    }
                }
            }
            if let Some(v) = outcome.read_only_newer {
                state.read_only.set(true);
                state.banner.set(Some(newer_banner(v)));
            }
            state.store.set(outcome.store);
            state.notices.set(notices);
        }
    }
    storage::on_change(PROGRESS_KEY, move |new_value| {
        let theirs = progress::load(new_value.as_deref(), &known_slugs());
        if theirs.read_only_newer.is_some() {
            return;
        }
        let merged = state
            .store
            .with_untracked(|ours| progress::merge(ours, &theirs.store));
        if state.store.with_untracked(|ours| *ours != merged) {
            state.store.set(merged);
        }
    });
    state
}

fn unsaved_banner(e: &storage::StorageError) -> String {
    format!(
        "{}：学习进度暂时只保存在内存中，关闭页面就会丢失。建议在「进度」页导出备份。",
        e.message()
    )
}

fn newer_banner(v: u32) -> String {
    format!(
        "本地进度来自更新版本的应用（数据版本 {v}），本页不会覆盖它：这次的改动只保存在内存中。请刷新到最新版本。"
    )
}

/// The app-wide state (after `init`).
pub(crate) fn state() -> Option<ProgressState> {
    STATE.with(|s| s.get())
}

/// What is stored now, for a read-merge-write. `None` when nothing may be written
/// (read-only, storage unreachable, or newer data appeared); the banner says why.
fn read_stored(state: ProgressState) -> Option<ProgressStore> {
    if state.read_only.get_untracked() {
        return None;
    }
    let stored = match storage::get(PROGRESS_KEY) {
        Ok(raw) => raw,
        Err(e) => {
            set_banner(state, Some(unsaved_banner(&e)));
            return None;
        }
    };
    let theirs = progress::load(stored.as_deref(), &known_slugs());
    if let Some(v) = theirs.read_only_newer {
        state.read_only.set(true);
        set_banner(state, Some(newer_banner(v)));
        return None;
    }
    Some(theirs.store)
}

fn set_banner(state: ProgressState, banner: Option<String>) {
    if state.banner.with_untracked(|b| *b != banner) {
        state.banner.set(banner);
    }
}

/// Applies a change to the store and saves it. Read-merge-write: what another tab stored
/// is merged in *before* the change, so a stale copy here never wins over a newer record
/// there just because it was touched later.
pub(crate) fn update(change: impl FnOnce(&mut ProgressStore)) {
    let Some(state) = state() else { return };
    let theirs = read_stored(state);
    state.store.update(|ours| {
        if let Some(theirs) = &theirs {
            *ours = progress::merge(ours, theirs);
        }
        change(ours);
    });
    if theirs.is_some() {
        write(state);
    }
}

/// Writes the in-memory store (never when read-only); updates the banner.
fn write(state: ProgressState) {
    if state.read_only.get_untracked() {
        return;
    }
    let json = state.store.with_untracked(progress::to_storage_json);
    match storage::set(PROGRESS_KEY, &json) {
        Ok(()) => set_banner(state, None),
        Err(e) => set_banner(state, Some(unsaved_banner(&e))),
    }
}

/// Merges an imported store into the current progress (the default import).
pub(crate) fn import_merge(incoming: &ProgressStore) {
    update(|s| *s = progress::import_merge(s, incoming));
}

/// Replaces all progress with `incoming` (import "替换全部" or reset). The epoch is bumped
/// past both this tab's and the stored one, so every other tab adopts the replacement.
pub(crate) fn replace_all(incoming: &ProgressStore) {
    let now = date_now_ms();
    update(|s| *s = progress::import_replace(s, incoming, now));
}

/// Backs up the current progress under a new backup key before a destructive change.
/// Returns the key, or `None` when nothing could be written (or there is nothing to keep).
pub(crate) fn backup_current() -> Option<String> {
    let state = state()?;
    if state.read_only.get_untracked() {
        return None;
    }
    let empty = state.store.with_untracked(|s| {
        s.topics.is_empty() && s.orphans.is_empty() && s.study_days.is_empty() && s.cards.is_empty()
    });
    if empty {
        return None;
    }
    let json = state
        .store
        .with_untracked(|s| progress::to_json(s, date_now_ms()));
    let key = format!("{BACKUP_PREFIX}{}", date_now_ms() as i64);
    storage::set(&key, &json).ok().map(|()| key)
}

/// Where and how progress is saved, for the settings section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StorageInfo {
    /// Bytes of the stored progress text (`None` when nothing is stored or unreadable).
    pub stored_bytes: Option<usize>,
    /// Backups: `(key, bytes)`, newest first.
    pub backups: Vec<(String, usize)>,
    /// Why storage cannot be read, if it cannot.
    pub error: Option<String>,
}

/// Reads the storage facts shown in the settings section.
pub(crate) fn storage_info() -> StorageInfo {
    let mut info = StorageInfo {
        stored_bytes: None,
        backups: Vec::new(),
        error: None,
    };
    match storage::get(PROGRESS_KEY) {
        Ok(raw) => info.stored_bytes = raw.map(|r| r.len()),
        Err(e) => info.error = Some(e.message()),
    }
    if let Ok(keys) = storage::keys() {
        for key in keys.into_iter().filter(|k| k.starts_with(BACKUP_PREFIX)) {
            let size = storage::get(&key).ok().flatten().map_or(0, |v| v.len());
            info.backups.push((key, size));
        }
    }
    // Keys end in a millisecond timestamp: newest first.
    crate::index_sort::sort_by_key(&mut info.backups, |(k, _)| {
        std::cmp::Reverse(backup_time(k).unwrap_or(0))
    });
    info
}

/// The time (ms) a backup key was made, from its suffix.
pub(crate) fn backup_time(key: &str) -> Option<i64> {
    key.strip_prefix(BACKUP_PREFIX)?.parse().ok()
}

/// The text of one backup.
pub(crate) fn read_backup(key: &str) -> Result<Option<String>, String> {
    if !key.starts_with(BACKUP_PREFIX) {
        return Ok(None);
    }
    storage::get(key).map_err(|e| e.message())
}

/// Deletes one backup.
pub(crate) fn delete_backup(key: &str) -> Result<(), String> {
    if !key.starts_with(BACKUP_PREFIX) {
        return Ok(());
    }
    storage::remove(key).map_err(|e| e.message())
}

/// The topic slugs of the notes, in order.
pub(crate) fn slugs() -> Vec<&'static str> {
    known_slugs()
}

/// The user's last input for an exercise, if remembered.
pub(crate) fn last_inputs(id: &str) -> Option<Vec<(String, String)>> {
    state()?
        .store
        .with_untracked(|s| s.exercise_inputs_for(id).map(|i| i.to_vec()))
}

/// Remembers an exercise input (skipped for huge generated inputs). Called per keystroke:
/// the in-memory store changes at once (so the panel finds it when the reader comes back),
/// and the read-merge-write to localStorage happens [`SAVE_DELAY_MS`] after the first
/// unsaved keystroke (so at most once per that interval while typing), or when the page is
/// hidden or unloaded, whichever comes first.
pub(crate) fn remember_inputs(id: &str, inputs: &[(String, String)]) {
    let size: usize = inputs.iter().map(|(k, v)| k.len() + v.len()).sum();
    if size > MAX_REMEMBERED_INPUT {
        return;
    }
    let now = date_now_ms();
    update_soon(|s| {
        s.set_last_exercise(id, inputs, now);
        s.record_study_day(today());
    });
}

/// Applies a change to the in-memory store at once and saves it soon ([`save_soon`]): for
/// what changes on every keystroke (exercise inputs, the personal note), so typing never
/// waits for a read-merge-write of the whole store.
pub(crate) fn update_soon(change: impl FnOnce(&mut ProgressStore)) {
    let Some(state) = state() else { return };
    state.store.update(change);
    save_soon();
}

/// Writes a pending save now and says whether what is in memory is saved in localStorage:
/// false while it cannot be (read-only, storage blocked or full; the banner says why).
pub(crate) fn save_now() -> bool {
    flush_pending_save();
    state()
        .is_some_and(|s| !s.read_only.get_untracked() && s.banner.with_untracked(Option::is_none))
}

/// How long remembered inputs may stay unsaved while typing, in ms.
const SAVE_DELAY_MS: u64 = 400;

thread_local! {
    static SAVE_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static FLUSH_INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Schedules one write of the in-memory store (see [`remember_inputs`], [`update_soon`]).
fn save_soon() {
    if !FLUSH_INSTALLED.with(|f| f.replace(true)) {
        // Leaving or hiding the page writes at once: nothing typed is lost on a reload,
        // a tab switch or closing the tab.
        let on_hide = window_event_listener(leptos::ev::pagehide, |_| flush_pending_save());
        let on_hidden = window_event_listener(leptos::ev::visibilitychange, |_| {
            if document().hidden() {
                flush_pending_save();
            }
        });
        std::mem::forget(on_hide);
        std::mem::forget(on_hidden);
    }
    if SAVE_PENDING.with(|p| p.replace(true)) {
        return;
    }
    set_timeout(
        flush_pending_save,
        std::time::Duration::from_millis(SAVE_DELAY_MS),
    );
}

/// Writes a pending save now (no-op when nothing is pending).
pub(crate) fn flush_pending_save() {
    if SAVE_PENDING.with(|p| p.replace(false)) {
        update(|_| {});
    }
}
