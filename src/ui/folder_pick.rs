//! dir_walk's folder picker: `<input webkitdirectory>` lists a local folder's files (their
//! `webkitRelativePath`s, nothing is read or uploaded), and `exercises::tree_from_paths` turns
//! them into the exercise's tree input.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::exercises::tree_from_paths;

/// Most files taken from a picked folder (the exercise's own cap is higher; this keeps the
/// text field small).
const MAX_FILES: u32 = 5_000;

/// A button that fills the field `field` of `inputs` with the tree of a picked folder.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(crate) fn FolderPick(
    inputs: RwSignal<Vec<(String, String)>>,
    field: &'static str,
) -> impl IntoView {
    let (status, set_status) = signal(None::<String>);
    // `webkitdirectory` is not an attribute the view macro knows: set it on the element.
    let input_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    Effect::new(move || {
        if let Some(el) = input_ref.get() {
            el.set_webkitdirectory(true);
        }
    });
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(files) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
        else {
            return;
        };
        let total = files.length();
        let paths: Vec<String> = (0..total.min(MAX_FILES))
            .filter_map(|i| files.get(i))
            .filter_map(|f| {
                js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                    .ok()?
                    .as_string()
                    .filter(|p| !p.is_empty())
                    .or_else(|| Some(f.name()))
            })
            .collect();
        let tree = tree_from_paths(&paths);
        inputs.update(|v| {
            if let Some(slot) = v.iter_mut().find(|(k, _)| k == field) {
                slot.1 = tree;
            }
        });
        set_status.set(Some(if total > MAX_FILES {
            format!("共 {total} 个文件，只取了前 {MAX_FILES} 个")
        } else {
            format!("{total} 个文件（浏览器不列出空文件夹）")
        }));
    };
    view! {
        <div class="generator">
            <label>"或选择本机的一个文件夹："
                <input type="file" node_ref=input_ref multiple aria-label="选择文件夹" on:change=on_pick />
            </label>
            <span class="muted small" aria-live="polite">{move || status.get()}</span>
        </div>
        <p class="muted small">"只读取文件名和路径，不读内容、不上传；顺序是浏览器给出的顺序。"</p>
    }
}
