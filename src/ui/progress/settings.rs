//! The 存储与设置 section: the review's daily limits, Python's time limit and runtime
//! (`python.rs`), whether saving works, where the data lives and how big it is, persistent
//! storage, the backups, and clearing all progress.

use std::rc::Rc;

use leptos::prelude::*;

use super::backups::backup_list;
use super::transfer::ImportView;
use crate::progress::{ProgressStore, ReviewSettings};
use crate::storage;
use crate::storage::PROGRESS_KEY;
use crate::ui::confirm::Confirm;
use crate::ui::date_now_ms;
use crate::ui::format;
use crate::ui::progress_state::{self, ProgressState};

fn persist_text(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "已获得持久存储：浏览器不会在空间紧张时自动清除这些数据。",
        Some(false) => "浏览器未授予持久存储（通常要常访问本站或把它安装为应用后才会授予）。数据照常保存，但磁盘空间紧张时可能被清除，建议定期导出。",
        None => "这个浏览器不支持持久存储请求。数据照常保存，建议定期导出。",
    }
}

#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn SettingsSection(
    state: ProgressState,
    import: RwSignal<Option<ImportView>>,
) -> impl IntoView {
    // Bumped after actions that change storage but not the store (deleting a backup).
    let refresh = RwSignal::new(0u32);
    let info = Memo::new(move |_| {
        refresh.track();
        state.store.track();
        state.banner.track();
        progress_state::storage_info()
    });
    let persisted = RwSignal::new(None::<Option<bool>>);
    let asking = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let answer = storage::is_persisted().await;
        // Only report an existing grant here; a "no" is only shown after asking.
        if answer == Some(true) {
            persisted.set(Some(answer));
        }
    });
    let ask = move |_| {
        asking.set(true);
        leptos::task::spawn_local(async move {
            let answer = storage::request_persistence().await;
            persisted.set(Some(answer));
            asking.set(false);
        });
    };
    let storage_state = move || {
        let banner = state.banner.get();
        let read_only = state.read_only.get();
        let (key, text) = match (banner, read_only) {
            (Some(b), _) => ("error", b),
            (None, true) => (
                "read-only",
                "本页处于只读模式：改动只保存在内存中。".to_string(),
            ),
            (None, false) => ("ok", "✓ 正常：每次改动都会立即保存。".to_string()),
        };
        view! { <p class=format!("storage-state {key}") data-storage-state=key>{text}</p> }
    };
    let where_line = move || {
        let i = info.get();
        let size = match (&i.error, i.stored_bytes) {
            (Some(e), _) => format!("当前无法读取（{e}）"),
            (None, Some(n)) => format!("当前约 {}", format::bytes(n)),
            (None, None) => "目前还没有保存任何进度".to_string(),
        };
        view! {
            <p>
                "数据保存在本浏览器的 localStorage（键 " <code>{PROGRESS_KEY}</code> "，" {size}
                "），不会上传到任何服务器。换浏览器、用隐私模式或清除网站数据都会看不到它，请先导出。"
            </p>
        }
    };
    view! {
        <section class="prog-section settings" aria-labelledby="set-h">
            <h2 id="set-h">"存储与设置"</h2>
            {storage_state}
            {where_line}
            {daily_limits(state)}
            {super::python::python_settings(state)}
            <h3>"持久存储"</h3>
            <p class="small muted">"浏览器在磁盘空间紧张时可能清除网站数据。申请持久存储后，浏览器会尽量保留这些数据。"</p>
            <div class="actions">
                <button data-action="persist" disabled=move || asking.get() on:click=ask>"申请持久存储"</button>
            </div>
            {move || persisted.get().map(|a| view! { <p class="small" role="status" data-persist=match a { Some(true) => "granted", Some(false) => "denied", None => "unsupported" }>{persist_text(a)}</p> })}
            <h3>"备份"</h3>
            {backup_list(info, import, refresh)}
            <h3>"清空进度"</h3>
            {reset()}
        </section>
    }
}

/// A number field's `change` handler: a whole number ≥ 0 goes through `set` into the settings
/// (which clamp it) and is saved; anything else keeps the current value (shown again).
pub(super) fn number_setting(
    state: ProgressState,
    set: impl Fn(&mut ReviewSettings, u32) + Copy + 'static,
) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev: leptos::ev::Event| {
        let Ok(n) = event_target_value(&ev).trim().parse::<u32>() else {
            state.store.update(|_| {});
            return;
        };
        progress_state::update(|s| {
            let mut r = s.review_settings;
            set(&mut r, n);
            s.set_review_settings(r, date_now_ms());
        });
    }
}

/// 每日上限: new topics and reviews per day (as Anki's deck options), saved on change.
fn daily_limits(state: ProgressState) -> impl IntoView {
    let field = move |label: &'static str, key: &'static str, new: bool| {
        let value = move || {
            state.store.with(|s| {
                let r = s.review_settings;
                if new {
                    r.new_per_day
                } else {
                    r.reviews_per_day
                }
                .to_string()
            })
        };
        let change = number_setting(state, move |r, n| {
            if new {
                r.new_per_day = n;
            } else {
                r.reviews_per_day = n;
            }
        });
        view! {
            <label class="limit">
                {label} " "
                <input type="number" inputmode="numeric" min="0" max=ReviewSettings::MAX_LIMIT step="1"
                    data-setting=key prop:value=value on:change=change />
                " 个"
            </label>
        }
    };
    view! {
        <h3>"每日上限"</h3>
        <p class="small muted">
            "每天最多开始复习多少个新主题、复习多少个到期主题（默认 "
            {ReviewSettings::DEFAULT_NEW} " 和 " {ReviewSettings::DEFAULT_REVIEWS}
            "）。代码题和主题共用这两个上限。超出的留到之后几天；答错后正在学习中的卡片不受限制。"
        </p>
        <div class="actions limits">
            {field("每天新主题", "new-per-day", true)}
            {field("每天复习", "reviews-per-day", false)}
        </div>
    }
}

/// 清空全部进度…, after a confirmation (the current progress is backed up first).
fn reset() -> impl IntoView {
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let reset = move || {
        let backup = progress_state::backup_current();
        progress_state::replace_all(&ProgressStore::new());
        confirming.set(false);
        message.set(Some(match backup {
            Some(key) => format!("已清空全部进度。原进度已备份到「{key}」。"),
            None => "已清空全部进度。".to_string(),
        }));
    };
    view! {
        {move || if confirming.get() {
            Confirm {
                question: "确定清空全部学习进度吗？",
                detail: "状态、复习记录、笔记、收藏和学习日都会被清除（会先自动备份），其他标签页也会同步。",
                confirm_label: "确认清空",
                action: "confirm-reset",
                name: "",
                compact: false,
                opener: "[data-action=reset]".to_string(),
            }
            .view(Rc::new(reset), Rc::new(move || confirming.set(false)))
        } else {
            view! {
                <div class="actions">
                    <button data-action="reset" aria-haspopup="dialog"
                        on:click=move |_| { message.set(None); confirming.set(true); }>"清空全部进度…"</button>
                </div>
            }
            .into_any()
        }}
        {move || message.get().map(|m| view! { <p class="small" role="status">{m}</p> })}
    }
}
