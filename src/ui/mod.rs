//! Leptos components: the app shell, hash router and pages. Thin: every decision that
//! can be made without a browser lives in the pure modules and is called from here.
//!
//! `app`: the shell and the routed page. `boot`: start-up, the boot handshake with index.html
//! and the deep-linked topic. `bodies`: the topic bodies loaded so far, and loading the rest. `browser`: idle scheduling, navigation, the two clocks and other small Web
//! API wrappers. `reading`: the reading tracker. `theme`: the colour theme.

mod app;
pub mod bench;
mod bodies;
mod boot;
mod browser;
mod cards_data;
mod code_wrap;
mod confirm;
pub mod deferred;
mod engine;
mod exercise;
mod exercise_runs;
mod folder_pick;
mod format;
mod pages;
mod panic;
mod predict;
mod progress;
mod progress_state;
mod pyedit;
mod pyrun;
mod pyrun_io;
mod pytools;
mod reading;
mod search;
mod theme;
mod topic_marks;
mod topic_progress;
mod wordfile;

pub use app::App;
pub(crate) use bodies::{topic_body, with_bodies};
pub(crate) use boot::catalogue;
pub use boot::start;
pub(crate) use browser::{
    date_now_ms, idle, navigate, performance_now_ms, picked_file, replace_hash, set_title, today,
    when_idle,
};
pub(crate) use reading::{set_pending_scroll, watch_reading};
pub use theme::Theme;

/// The CSS selector of what a topic page shows in place of a part still loading (an exercise
/// panel's placeholder, the 代码预测 cards' reserved room and loading line): while one is on
/// the page its height is not final, so a scroll target waits for them to go.
pub(crate) const PLACEHOLDERS: &str = ".exercise-pending, .predict-wait, [data-cards=\"loading\"]";
