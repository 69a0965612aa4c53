//! The 导出 / 导入 section: export to a JSON file, and import from a file or a backup
//! (preview first, then merge or, after a confirmation, replace everything).

use std::rc::Rc;

use leptos::prelude::*;

use super::{download, title_html};
use crate::notes::Catalogue;
use crate::progress::{self, ChangeKind, ImportError, Imported};
use crate::ui::confirm::Confirm;
use crate::ui::date_now_ms;
use crate::ui::progress_state::{self, ProgressState};

/// Changed topics listed in the import preview.
const LISTED_CHANGES: usize = 50;

/// The import flow: parsed and waiting for a choice, failed, or done.
#[derive(Clone, PartialEq)]
pub(super) enum ImportView {
    /// The file cannot be imported; nothing changed.
    Failed { name: String, error: ImportError },
    /// The file is read; the user chooses merge or replace.
    Ready {
        name: String,
        /// Boxed: a whole store, far larger than the other variants.
        imported: Box<Imported>,
        confirm_replace: bool,
    },
    /// The import is done.
    Done { message: String },
}

impl ImportView {
    /// Reads an import (a file or a backup) named `name` for the preview.
    pub(super) fn parse(name: &str, text: &str) -> ImportView {
        let name = name.to_string();
        match progress::parse_import(text, &progress_state::slugs()) {
            Ok(imported) => ImportView::Ready {
                name,
                imported: Box::new(imported),
                confirm_replace: false,
            },
            Err(error) => ImportView::Failed { name, error },
        }
    }
}

fn read_file(ev: &web_sys::Event, import: RwSignal<Option<ImportView>>) {
    let Some((input, file)) = crate::ui::picked_file(ev) else {
        return;
    };
    // Clear the picker so choosing the same file again fires `change` again.
    input.set_value("");
    let name = file.name();
    if let Err(error) = progress::check_import_size(file.size() as u64) {
        import.set(Some(ImportView::Failed { name, error }));
        return;
    }
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let view = match text.ok().and_then(|v| v.as_string()) {
            Some(text) => ImportView::parse(&name, &text),
            None => ImportView::Failed {
                name,
                error: ImportError::Unreadable,
            },
        };
        import.set(Some(view));
    });
}

/// `mianshiti-progress-YYYYMMDD.json` for today's local date.
fn export_file_name() -> String {
    let d = js_sys::Date::new_0();
    progress::export_file_name(
        i64::from(d.get_full_year()),
        d.get_month() + 1,
        d.get_date(),
    )
}

#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn TransferSection(
    cat: &'static Catalogue,
    state: ProgressState,
    import: RwSignal<Option<ImportView>>,
) -> impl IntoView {
    let (export_msg, set_export_msg) = signal(None::<String>);
    let export = move |_| {
        let name = export_file_name();
        let (json, message) = state.store.with_untracked(|s| {
            (
                progress::to_json(s, date_now_ms()),
                progress::export_message(s, &name),
            )
        });
        set_export_msg.set(Some(match download(&name, &json, "application/json") {
            Ok(()) => message,
            Err(e) => format!("导出失败：{e}"),
        }));
    };
    view! {
        <section class="prog-section transfer" id="transfer" aria-labelledby="tr-h">
            <h2 id="tr-h">"导出 / 导入"</h2>
            <p class="muted small">
                "进度只保存在这个浏览器里。导出的 JSON 文件包含状态、复习记录、笔记、收藏和学习日，"
                "可以在另一台设备或另一个浏览器里导入。"
            </p>
            <div class="actions">
                <button class="primary" data-action="export" on:click=export>"导出进度（JSON）"</button>
                <label class="button file-btn">
                    "选择文件导入…"
                    <input type="file" accept=".json,application/json" data-action="import-file"
                        on:change=move |ev| read_file(&ev, import) />
                </label>
            </div>
            {move || export_msg.get().map(|m| view! { <p class="small" role="status" data-export-result>{m}</p> })}
            {move || import.get().map(|v| import_panel(cat, state, import, v))}
        </section>
    }
}

fn import_panel(
    cat: &'static Catalogue,
    state: ProgressState,
    import: RwSignal<Option<ImportView>>,
    view: ImportView,
) -> AnyView {
    match view {
        ImportView::Done { message } => view! {
            <div class="import-panel done" role="status" data-import="done">
                <p>{message}</p>
                <button on:click=move |_| import.set(None)>"好的"</button>
            </div>
        }
        .into_any(),
        ImportView::Failed { name, error } => view! {
            <div class="import-panel failed" role="alert" data-import="failed">
                <p><strong>"无法导入「" {name} "」"</strong></p>
                <ul><li>{error.message()}</li></ul>
                <p class="small muted">"当前的学习进度没有任何改动。"</p>
                <button on:click=move |_| import.set(None)>"关闭"</button>
            </div>
        }
        .into_any(),
        ImportView::Ready {
            name,
            imported,
            confirm_replace,
        } => ready_panel(cat, state, import, name, *imported, confirm_replace),
    }
}

/// Sets whether the replace confirmation is open.
fn set_confirm_replace(import: RwSignal<Option<ImportView>>, open: bool) {
    import.update(|v| {
        if let Some(ImportView::Ready {
            confirm_replace, ..
        }) = v
        {
            *confirm_replace = open;
        }
    });
}

/// The preview of a readable import, with its choices.
fn ready_panel(
    cat: &'static Catalogue,
    state: ProgressState,
    import: RwSignal<Option<ImportView>>,
    name: String,
    imported: Imported,
    confirm_replace: bool,
) -> AnyView {
    let preview = state
        .store
        .with(|cur| progress::preview_import(cur, &imported.store));
    let empty = imported.is_empty();
    let notices = imported.notice_messages();
    let changes = preview
        .changes
        .iter()
        .take(LISTED_CHANGES)
        .map(|c| {
            let kind = match c.kind {
                ChangeKind::Added => "added",
                ChangeKind::Updated => "updated",
                ChangeKind::Conflict => "conflict",
            };
            view! {
                <li data-change=kind>
                    <span class=format!("tag {kind}")>{c.kind.label()}</span>
                    " " <span inner_html=title_html(cat, &c.slug)></span>
                </li>
            }
        })
        .collect_view();
    let more = preview.changes.len().saturating_sub(LISTED_CHANGES);
    let inc_merge = imported.store.clone();
    let inc_replace = imported.store;
    let merge = move |_| {
        let before = state
            .store
            .with_untracked(|cur| progress::preview_import(cur, &inc_merge));
        progress_state::import_merge(&inc_merge);
        import.set(Some(ImportView::Done {
            message: before.merged_message(),
        }));
    };
    let replace = move || {
        let backup = progress_state::backup_current();
        progress_state::replace_all(&inc_replace);
        import.set(Some(ImportView::Done {
            message: match backup {
                Some(key) => format!("已用导入的进度替换全部进度。替换前的进度已备份到「{key}」，可在下方「备份」中恢复。"),
                None => "已用导入的进度替换全部进度。".to_string(),
            },
        }));
    };
    let choices = if confirm_replace {
        Confirm {
            question: "确定替换全部进度吗？",
            detail: "本机现有的状态、复习记录、笔记和收藏都会被文件里的内容取代，其他打开的标签页也会同步。替换前会自动备份当前进度。",
            confirm_label: "确认替换",
            action: "confirm-replace",
            name: "replace",
            compact: false,
            opener: "[data-import=preview] [data-action=replace]".to_string(),
        }
        .view(
            Rc::new(replace),
            Rc::new(move || set_confirm_replace(import, false)),
        )
    } else {
        view! {
            <div class="actions">
                <button class="primary" data-action="merge" disabled=empty on:click=merge>"合并导入"</button>
                <button data-action="replace" aria-haspopup="dialog" disabled=empty
                    on:click=move |_| set_confirm_replace(import, true)>"替换全部…"</button>
                <button on:click=move |_| import.set(None)>"取消"</button>
            </div>
            <p class="small muted">"合并：逐个主题保留较新的记录，学习日取并集（推荐）。替换：丢弃本机进度，只保留文件中的。"</p>
        }
        .into_any()
    };
    view! {
        <div class="import-panel ready" data-import="preview" aria-live="polite">
            <h3>"导入预览：" {name}</h3>
            {(!notices.is_empty()).then(|| view! {
                <ul class="import-notices">{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
            <p class="import-summary" data-import-summary>{preview.counts_line()}</p>
            <ul class="summary-lines">
                {preview.summary.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
            </ul>
            {(!preview.changes.is_empty()).then(|| view! {
                <details class="changes">
                    <summary>"查看将改变的主题（" {preview.changes.len()} "）"</summary>
                    <ul>{changes}</ul>
                    {(more > 0).then(|| view! { <p class="small muted">"……另有 " {more} " 个"</p> })}
                </details>
            })}
            {choices}
        </div>
    }
    .into_any()
}
