//! The backup list of the settings: each backup (made before a destructive change or when
//! stored data could not be read) can be previewed and restored, downloaded or deleted.

use std::rc::Rc;

use leptos::prelude::*;

use super::download;
use super::transfer::ImportView;
use crate::progress;
use crate::storage::BACKUP_PREFIX;
use crate::ui::confirm::Confirm;
use crate::ui::format;
use crate::ui::progress_state::{self, StorageInfo};

/// The backups, newest first, or a line saying there are none.
pub(super) fn backup_list(
    info: Memo<StorageInfo>,
    import: RwSignal<Option<ImportView>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let rows = move || {
        let list = info.get().backups;
        if list.is_empty() {
            return view! { <p class="muted small" data-backups="none">"没有备份。读取到损坏或旧版数据、或替换全部进度时，原数据会自动备份到这里。"</p> }
                .into_any();
        }
        list.into_iter()
            .map(|(key, size)| backup_row(key, size, import, refresh))
            .collect_view()
            .into_any()
    };
    view! { <ul class="backup-list">{rows}</ul> }
}

fn backup_row(
    key: String,
    size: usize,
    import: RwSignal<Option<ImportView>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let when = progress_state::backup_time(&key)
        .map(format::date_time)
        .unwrap_or_else(|| "时间未知".to_string());
    let confirm_delete = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let (k1, k2, k3) = (key.clone(), key.clone(), key.clone());
    let restore = move |_| match progress_state::read_backup(&k1) {
        Ok(Some(text)) => {
            import.set(Some(ImportView::parse(&format!("备份 {k1}"), &text)));
            if let Some(el) = document().get_element_by_id("transfer") {
                el.scroll_into_view();
            }
        }
        Ok(None) => error.set(Some("这个备份已经不存在了。".to_string())),
        Err(e) => error.set(Some(e)),
    };
    let save_file = move |_| {
        if let Ok(Some(text)) = progress_state::read_backup(&k2) {
            let stamp = k2.trim_start_matches(BACKUP_PREFIX);
            if let Err(e) = download(
                &progress::backup_file_name(stamp),
                &text,
                "application/json",
            ) {
                error.set(Some(e));
            }
        }
    };
    let delete = move || {
        if let Err(e) = progress_state::delete_backup(&k3) {
            error.set(Some(e));
        }
        refresh.update(|r| *r += 1);
    };
    let opener = format!("[data-backup=\"{key}\"] [data-action=delete-backup]");
    view! {
        <li class="backup" data-backup=key>
            <div><code class="small">{key.clone()}</code></div>
            <div class="muted small">{when} " · " {format::bytes(size)}</div>
            {move || if confirm_delete.get() {
                Confirm {
                    question: "删除后无法恢复。",
                    detail: "",
                    confirm_label: "确认删除",
                    action: "confirm-delete-backup",
                    name: "",
                    compact: true,
                    opener: opener.clone(),
                }
                .view(
                    Rc::new(delete.clone()),
                    Rc::new(move || confirm_delete.set(false)),
                )
            } else {
                let restore = restore.clone();
                let save_file = save_file.clone();
                view! {
                    <div class="actions">
                        <button data-action="restore-backup" on:click=restore>"预览并恢复…"</button>
                        <button on:click=save_file>"下载"</button>
                        <button data-action="delete-backup" aria-haspopup="dialog"
                            on:click=move |_| confirm_delete.set(true)>"删除"</button>
                    </div>
                }
                .into_any()
            }}
            {move || error.get().map(|e| view! { <p class="small error-text" role="alert">{e}</p> })}
        </li>
    }
}
