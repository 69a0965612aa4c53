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
    use mianshiti_playground::ui::deferred::{self, PanelArgs, Part};

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

    /// A chunk that could not be fetched: the panel says so instead of the app aborting.
    struct LoadFailed;

    impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
        fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
            LoadFailed
        }
    }

    /// An exercise panel. `#[lazy]` without the name hash, and `fallible`: a topic page shows
    /// panels without being asked, so a failed fetch must not abort the app.
    #[leptos::wasm_split::wasm_split(exercise_panel_0, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn exercise_panel(args: PanelArgs) -> Result<AnyView, LoadFailed> {
        Ok(deferred::exercise(args))
    }

    /// The [`deferred::Loader`] the app calls for a deferred part.
    pub(super) fn load(part: Part) -> Pin<Box<dyn Future<Output = AnyView> + Send>> {
        match part {
            Part::Progress => Box::pin(progress_page()),
            Part::Review(only) => Box::pin(review_page(only)),
            Part::Notes => Box::pin(notes_page()),
            Part::Scratchpad => Box::pin(scratchpad_page()),
            Part::WordFile => Box::pin(word_file()),
            Part::Exercise(args) => Box::pin(async move {
                exercise_panel(args)
                    .await
                    .unwrap_or_else(|LoadFailed| deferred::load_failed())
            }),
        }
    }
}
