//! The browser edge for persistence: the only module that touches `localStorage`.
//!
//! Every call returns a `Result`; nothing here panics when storage is blocked
//! (private mode, disabled cookies) or full (`QuotaExceededError`).
//! We call `web_sys` directly rather than `gloo-storage`, because gloo's
//! `LocalStorage::raw()` panics when `window.localStorage` is unavailable.

use wasm_bindgen::JsCast;

// Every key the app stores, in one place. Renaming one loses the learners' data under the old
// name: they are as permanent as content slugs.

/// The study progress store (`progress::ProgressStore` as versioned JSON).
pub const PROGRESS_KEY: &str = "mianshiti.progress";
/// Prefix of backups of unreadable, migrated or replaced progress; the key ends in the
/// backup's time in ms since the Unix epoch.
pub const BACKUP_PREFIX: &str = "mianshiti.progress.backup.";
/// The colour theme: `"system"`, `"light"` or `"dark"` (`ui::Theme`). `src/boot.js` reads it
/// before the first paint (`tests/native/tidy.rs` checks it names this key).
pub const THEME_KEY: &str = "mianshiti.theme";
/// Whether code blocks wrap long lines on this device: `"1"` when they do (`ui::code_wrap`).
pub const CODE_WRAP_KEY: &str = "mianshiti.codeWrap";
/// Set to `"1"` once the learner was told the app is ready to use offline. Written only by
/// `public/sw-register.js` (plain JS, before and apart from the app; `tests/native/tidy.rs`
/// checks it names this key), so the message is shown once per device.
pub const OFFLINE_READY_KEY: &str = "mianshiti.offlineReady";

/// Why a storage call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// localStorage cannot be reached at all (blocked or private mode).
    Unavailable,
    /// The write did not fit (`QuotaExceededError`).
    Full,
    /// Any other browser error, with its message.
    Other(String),
}

impl StorageError {
    /// A short Chinese explanation for the banner.
    pub fn message(&self) -> String {
        match self {
            StorageError::Unavailable => "浏览器禁止了本地存储（可能是隐私模式）".into(),
            StorageError::Full => "本地存储空间已满".into(),
            StorageError::Other(m) => format!("本地存储出错：{m}"),
        }
    }
}

fn storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(StorageError::Unavailable),
    }
}

fn classify(err: wasm_bindgen::JsValue) -> StorageError {
    if let Some(e) = err.dyn_ref::<js_sys::Error>() {
        let name = String::from(e.name());
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            return StorageError::Full;
        }
        return StorageError::Other(format!("{name}: {}", String::from(e.message())));
    }
    StorageError::Other(format!("{err:?}"))
}

/// Reads a key; `Ok(None)` when it is absent.
pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    storage()?.get_item(key).map_err(classify)
}

/// Writes a key.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(classify)
}

/// Every key currently stored (in the browser's order).
pub fn keys() -> Result<Vec<String>, StorageError> {
    let s = storage()?;
    let n = s.length().map_err(classify)?;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        if let Some(k) = s.key(i).map_err(classify)? {
            out.push(k);
        }
    }
    Ok(out)
}

/// Removes a key.
pub fn remove(key: &str) -> Result<(), StorageError> {
    storage()?.remove_item(key).map_err(classify)
}

/// Calls `on_change(new_value)` whenever another tab changes `key`.
/// (The `storage` event never fires in the tab that made the change.)
pub fn on_change(key: &'static str, on_change: impl Fn(Option<String>) + 'static) {
    let handle = leptos::prelude::window_event_listener(leptos::ev::storage, move |ev| {
        // `key()` is None when another tab called `clear()`: treat it as a change too.
        let k = ev.key();
        if k.as_deref() == Some(key) || k.is_none() {
            on_change(ev.new_value());
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// Asks the browser to keep our storage under pressure; resolves to the answer.
pub async fn request_persistence() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persist().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    answer.as_bool()
}

/// Whether the browser already granted persistent storage.
pub async fn is_persisted() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persisted().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    answer.as_bool()
}

/// `navigator.storage.estimate()`: bytes this origin uses and may use (`usage`, `quota`).
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.estimate().ok()?;
    let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let field = |k: &str| js_sys::Reflect::get(&answer, &k.into()).ok()?.as_f64();
    Some((field("usage")?, field("quota")?))
}
