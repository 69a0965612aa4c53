//! Entry point: installs the panic hook and mounts the app, and holds the split points of the
//! parts a first topic does not need (see `ui::deferred`). Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    mianshiti_playground::ui::start(split::load);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build it with `trunk build` (see README.md).");
}

/// One split point per deferred part: scripts/wasm-split.mjs moves each one's code (and what only
/// it reaches) into its own chunk, fetched on its first call.
#[cfg(target_arch = "wasm32")]
mod split {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::prelude::*;
    use leptos::wasm_split::SplitLoaderError;
    use mianshiti_playground::progress::ReviewFilter;
    use mianshiti_playground::ui::deferred::{self, PanelArgs, Part, SearchView};

    /// A split point: `#[lazy]`'s attribute with the `fallible` option, so a chunk that cannot
    /// be downloaded (offline before the service worker cached it, a server error) is an `Err`
    /// the part turns into words on the page ([`deferred::failed`]), not a panic that aborts
    /// the app. A later use fetches it again. `$chunk` names the chunk file
    /// (`split_<chunk>.wasm`).
    macro_rules! split_point {
        ($chunk:ident: fn $name:ident($($arg:ident: $ty:ty),*) => $part:expr) => {
            #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $name($($arg: $ty),*) -> Result<AnyView, SplitLoaderError> {
                Ok($part)
            }
        };
    }

    split_point!(progress_page_0: fn progress_page() => deferred::progress());
    split_point!(review_page_0: fn review_page(only: ReviewFilter) => deferred::review(only));
    split_point!(notes_page_0: fn notes_page() => deferred::notes());
    split_point!(scratchpad_page_0: fn scratchpad_page() => deferred::scratchpad());
    split_point!(word_file_0: fn word_file() => deferred::word_file());
    split_point!(search_0: fn search(view: SearchView) => deferred::search(view));
    split_point!(predict_cards_0: fn predict_cards(slug: &'static str) => deferred::predict(slug));
    split_point!(python_tools_0: fn python_tools() => deferred::python_tools());
    split_point!(exercise_panel_0: fn exercise_panel(args: PanelArgs) => deferred::exercise(args));

    /// The [`deferred::Loader`] the app calls for a deferred part.
    pub(super) fn load(part: Part) -> Pin<Box<dyn Future<Output = AnyView> + Send>> {
        Box::pin(async move {
            let built = match part {
                Part::Progress => progress_page().await,
                Part::Review(only) => review_page(only).await,
                Part::Notes => notes_page().await,
                Part::Scratchpad => scratchpad_page().await,
                Part::WordFile => word_file().await,
                Part::Search(view) => search(view).await,
                Part::Predict(slug) => predict_cards(slug).await,
                Part::Exercise(args) => exercise_panel(args).await,
                // Its view is empty: the blocks waiting for it say what went wrong.
                Part::PyTools => python_tools()
                    .await
                    .inspect_err(|_| deferred::python_tools_failed()),
            };
            built.unwrap_or_else(|_| deferred::failed())
        })
    }
}
