//! Entry point: installs the panic hook and mounts the app, and holds the split points of the
//! pages a first topic does not need (see `ui::deferred`). Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    mianshiti_playground::ui::start(split::load);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build it with `trunk build` (see README.md).");
}

/// One `#[lazy]` function per page: scripts/wasm-split.mjs moves each one's code (and what
/// only it reaches) into its own chunk, fetched on its first call.
#[cfg(target_arch = "wasm32")]
mod split {
    use std::future::Future;
    use std::pin::Pin;

    use leptos::prelude::*;
    use mianshiti_playground::progress::ReviewFilter;
    use mianshiti_playground::ui::deferred::{self, Page};

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

    /// The [`deferred::Loader`] the app calls for a deferred page.
    pub(super) fn load(page: Page) -> Pin<Box<dyn Future<Output = AnyView> + Send>> {
        match page {
            Page::Progress => Box::pin(progress_page()),
            Page::Review(only) => Box::pin(review_page(only)),
            Page::Notes => Box::pin(notes_page()),
            Page::Scratchpad => Box::pin(scratchpad_page()),
        }
    }
}
