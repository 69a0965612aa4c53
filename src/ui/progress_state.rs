//! Glue between the pure progress model and `storage`: one reactive `ProgressStore`
//! for the whole app, persisted on every change and merged with other tabs' changes.
//!
//! Writes are read-merge-write: before saving we merge what is stored (another tab may
//! have written since we loaded), so two tabs never overwrite each other. When storage
//! fails the app keeps working in memory and shows a banner; it never retries in a loop.

use leptos::prelude::*;

use crate::progress::{self, ProgressStore};
use crate::storage;

/// localStorage key of the progress store.
pub const PROGRESS_KEY: &str = "mianshiti.progress";
/// Prefix of backups of unreadable or migrated stored data.
pub const BACKUP_PREFIX: &str = "mianshiti.progress.backup.";
/// Largest total input we remember per exercise (bigger generated inputs are not saved).
const MAX_REMEMBERED_INPUT: usize = 16 * 1024;

/// The app-wide progress state (cheap to copy: signals only).
#[derive(Clone, Copy)]
pub struct ProgressState {
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

/// Current time in ms since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's local day number (for study days and streaks).
pub fn today() -> i64 {
    let offset = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    progress::day_number(now_ms(), offset)
}

fn known_slugs() -> Vec<&'static str> {
    super::catalogue()
        .map(|c| c.topics.iter().map(|t| t.slug.as_str()).collect())
        .unwrap_or_default()
}

/// Loads progress from storage (backing up anything unreadable first) and starts
/// listening to other tabs. Call once at start-up.
pub fn init() -> ProgressState {
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
            let mut notices = outcome.notices;
            if outcome.backup_needed {
                if let Some(raw) = raw.as_deref() {
                    let key = format!("{BACKUP_PREFIX}{}", now_ms() as i64);
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
                        }
                    }
                }
            }
            if let Some(v) = outcome.read_only_newer {
                state.read_only.set(true);
                state.banner.set(Some(format!(
                    "本地进度来自更新版本的应用（数据版本 {v}），本页不会覆盖它：这次的改动只保存在内存中。请刷新到最新版本。"
                )));
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
        state
            .store
            .update(|ours| *ours = progress::merge(ours, &theirs.store));
    });
    state
}

fn unsaved_banner(e: &storage::StorageError) -> String {
    format!(
        "{}：学习进度暂时只保存在内存中，关闭页面就会丢失。建议在「进度」页导出备份。",
        e.message()
    )
}

/// The app-wide state (after `init`).
pub fn state() -> Option<ProgressState> {
    STATE.with(|s| s.get())
}

/// Applies a change to the store and saves it (merged with whatever another tab stored).
pub fn update(change: impl FnOnce(&mut ProgressStore)) {
    let Some(state) = state() else { return };
    state.store.update(change);
    save(state);
}

fn save(state: ProgressState) {
    if state.read_only.get_untracked() {
        return;
    }
    let slugs = known_slugs();
    let stored = match storage::get(PROGRESS_KEY) {
        Ok(raw) => raw,
        Err(e) => {
            state.banner.set(Some(unsaved_banner(&e)));
            return;
        }
    };
    let theirs = progress::load(stored.as_deref(), &slugs);
    if theirs.read_only_newer.is_some() {
        state.read_only.set(true);
        return;
    }
    let merged = state
        .store
        .with_untracked(|ours| progress::merge(ours, &theirs.store));
    let json = progress::to_storage_json(&merged);
    match storage::set(PROGRESS_KEY, &json) {
        Ok(()) => {
            if state.banner.get_untracked().is_some() && !state.read_only.get_untracked() {
                state.banner.set(None);
            }
        }
        Err(e) => state.banner.set(Some(unsaved_banner(&e))),
    }
    if state.store.with_untracked(|ours| *ours != merged) {
        state.store.set(merged);
    }
}

/// The user's last input for an exercise, if remembered.
pub fn last_inputs(id: &str) -> Option<Vec<(String, String)>> {
    state()?
        .store
        .with_untracked(|s| s.exercise_inputs_for(id).map(|i| i.to_vec()))
}

/// Remembers an exercise input (skipped for huge generated inputs).
pub fn remember_inputs(id: &str, inputs: &[(String, String)]) {
    let size: usize = inputs.iter().map(|(k, v)| k.len() + v.len()).sum();
    if size > MAX_REMEMBERED_INPUT {
        return;
    }
    let now = now_ms();
    update(|s| {
        s.set_last_exercise(id, inputs, now);
        s.record_study_day(today());
    });
}
