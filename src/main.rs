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

/// One `#[lazy]` function per deferred part: scripts/wasm-split.mjs moves each one's code (and what
/// only it reaches) into its own chunk, fetched on its first call.
#[cfg(target_arch = "wasm32")]
mod split {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::prelude::*;
    use mianshiti_playground::progress::ReviewFilter;
    use mianshiti_playground::ui::deferred::{self, Part};

    #[lazy]
    fn progress_page() -> AnyView {
        deferred::progress()
    }

    #[lazy]
    fn review_page(only: ReviewFilter) -> AnyView {
        deferred::review(only)
    }

    #[lazy]
    fn notes_page() -> AnyView {
        deferred::notes()
    }

    #[lazy]
    fn scratchpad_page() -> AnyView {
        deferred::scratchpad()
    }

    #[lazy]
    fn word_file() -> AnyView {
        deferred::word_file()
    }

    #[lazy]
    fn search(view: deferred::SearchView) -> AnyView {
        deferred::search(view)
    }

    // The two below load their chunk on a path the reader is on (a topic page), so a chunk
    // that cannot be downloaded says so in place ([`deferred::failed`]) instead of panicking:
    // `fallible` split points, named like `#[lazy]`'s.
    #[leptos::wasm_split::wasm_split(predict_cards_0, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn predict_cards(slug: &'static str) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
        Ok(deferred::predict(slug))
    }

    #[leptos::wasm_split::wasm_split(python_tools_0, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn python_tools() -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
        Ok(deferred::python_tools())
    }

    /// The [`deferred::Loader`] the app calls for a deferred part.
    pub(super) fn load(part: Part) -> Pin<Box<dyn Future<Output = AnyView> + Send>> {
        match part {
            Part::Progress => Box::pin(progress_page()),
            Part::Review(only) => Box::pin(review_page(only)),
            Part::Notes => Box::pin(notes_page()),
            Part::Scratchpad => Box::pin(scratchpad_page()),
            Part::WordFile => Box::pin(word_file()),
            Part::Search(view) => Box::pin(search(view)),
            Part::Predict(slug) => Box::pin(async move {
                predict_cards(slug)
                    .await
                    .unwrap_or_else(|_| deferred::failed())
            }),
            Part::PyTools => Box::pin(async {
                python_tools().await.unwrap_or_else(|_| {
                    deferred::python_tools_failed();
                    ().into_any()
                })
            }),
        }
    }
}
