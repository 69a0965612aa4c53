//! An exercise panel's runs in the engine worker (`ui::engine`): at most one in flight per
//! panel, a newer input waiting for it and the older answer dropped, input errors shown after
//! a pause in typing; and the generator, whose values stay in the worker.

use leptos::prelude::*;

use crate::exercises::panel::ERROR_DELAY_MS;
use crate::exercises::protocol::{MadeInput, Request, WireError, WireSection};
use crate::exercises::ExerciseInfo;

/// The outcome of one run, with how long it took in the worker.
#[derive(Clone)]
pub(super) struct RunResult {
    pub(super) result: Result<Vec<WireSection>, WireError>,
    pub(super) millis: f64,
    /// Whether the engine failed (time limit, crash) rather than the input.
    pub(super) engine_failed: bool,
}

/// Inputs made by the generator: they stay in the worker (request `id`); the page shows
/// each one's preview.
#[derive(Clone)]
pub(super) struct Generated {
    pub(super) id: u32,
    pub(super) made: Vec<MadeInput>,
}

/// A panel's runs: at most one in flight; a newer input waits in `next`, and the answer to
/// an older one is dropped when it arrives.
#[derive(Clone, Copy)]
pub(super) struct Runs {
    pub(super) exercise: &'static str,
    pub(super) in_flight: StoredValue<Option<u32>>,
    pub(super) next: StoredValue<Option<Vec<(String, String)>>>,
    pub(super) generated: RwSignal<Option<Generated>>,
    pub(super) output: RwSignal<Option<RunResult>>,
    pub(super) last_good: RwSignal<Option<RunResult>>,
    pub(super) error_shown: RwSignal<bool>,
    pub(super) typing: StoredValue<u64>,
    /// Whether a field was left since the last keystroke (its input error shows at once).
    pub(super) blurred: StoredValue<bool>,
}

impl Runs {
    /// Runs `pairs` now, or after the run in flight.
    pub(super) fn request(self, pairs: Vec<(String, String)>) {
        if self.in_flight.get_value().is_some() {
            self.next.set_value(Some(pairs));
        } else {
            self.send(pairs);
        }
    }

    fn send(self, pairs: Vec<(String, String)>) {
        let id = super::engine::next_id();
        self.in_flight.set_value(Some(id));
        let generated = self.generated.get_untracked();
        let inputs = pairs
            .into_iter()
            .filter(|(k, _)| {
                !generated
                    .as_ref()
                    .is_some_and(|g| g.made.iter().any(|m| &m.field == k))
            })
            .collect();
        let request = Request::Run {
            id,
            exercise: self.exercise.to_string(),
            inputs,
            generated: generated.map_or(0, |g| g.id),
        };
        super::engine::send(&request, move |outcome| {
            // The panel is gone, or a generator's answer replaced this run.
            if self.in_flight.try_get_value() != Some(Some(id)) {
                return;
            }
            self.in_flight.set_value(None);
            match self.next.try_update_value(Option::take).flatten() {
                Some(newer) => self.send(newer),
                None => self.show(outcome),
            }
        });
    }

    /// Shows an answer: a good output at once, an input error after a pause in typing (or at
    /// once when a field was left), an engine failure at once.
    pub(super) fn show(self, outcome: super::engine::Outcome) {
        let run = match outcome {
            Ok(reply) => RunResult {
                result: reply.outcome.unwrap_or_else(|| Ok(Vec::new())),
                millis: reply.ms,
                engine_failed: false,
            },
            Err(message) => RunResult {
                result: Err(WireError {
                    field: String::new(),
                    message,
                    position: None,
                }),
                millis: 0.0,
                engine_failed: true,
            },
        };
        if run.result.is_ok() {
            self.last_good.set(Some(run.clone()));
        } else if run.engine_failed || self.blurred.get_value() {
            self.error_shown.set(true);
        } else {
            let this = self.typing.get_value();
            let error_shown = self.error_shown;
            let typing = self.typing;
            set_timeout(
                move || {
                    if typing.try_get_value() == Some(this) {
                        error_shown.try_set(true);
                    }
                },
                std::time::Duration::from_millis(ERROR_DELAY_MS),
            );
        }
        self.output.set(Some(run));
    }
}

/// "Generate N random values" for the list exercises, with the run time shown. The worker
/// makes the values, keeps them and runs them; the page gets previews and the output.
#[allow(unreachable_pub)] // the props builder #[component] generates
#[component]
pub(super) fn Generator(
    info: &'static ExerciseInfo,
    inputs: RwSignal<Vec<(String, String)>>,
    runs: Runs,
    skip_run: StoredValue<bool>,
) -> impl IntoView {
    // The field's text as typed (nothing rewrites it under the learner's fingers); the count it
    // means, or why it means none.
    let (n_text, set_n_text) = signal(100_000usize.to_string());
    let n = Memo::new(move |_| {
        crate::exercises::parse_count(&n_text.get(), crate::exercises::GENERATE_MAX)
    });
    let (busy, set_busy) = signal(false);
    let (seed, set_seed) = signal(1u64);
    let go = move |_| {
        let Ok(n) = n.get_untracked() else {
            return;
        };
        set_busy.set(true);
        let s = seed.get_untracked();
        set_seed.set(s.wrapping_add(1));
        let id = super::engine::next_id();
        let request = Request::Generate {
            id,
            exercise: info.id.to_string(),
            n,
            seed: s,
        };
        // This answer replaces whatever run is in flight or waiting.
        runs.in_flight.set_value(Some(id));
        runs.next.set_value(None);
        super::engine::send(&request, move |outcome| {
            if runs.in_flight.try_get_value() != Some(Some(id)) {
                return;
            }
            runs.in_flight.set_value(None);
            set_busy.set(false);
            if let Ok(reply) = &outcome {
                if !reply.made.is_empty() {
                    let made = reply.made.clone();
                    runs.generated.set(Some(Generated {
                        id,
                        made: made.clone(),
                    }));
                    // The fields hold nothing: their text stays in the worker.
                    skip_run.set_value(true);
                    inputs.update(|pairs| {
                        for p in pairs
                            .iter_mut()
                            .filter(|p| made.iter().any(|m| m.field == p.0))
                        {
                            p.1.clear();
                        }
                    });
                }
            }
            runs.show(outcome);
        });
    };
    let output = runs.output;
    view! {
        <div class="generator">
            <label>"随机生成 "
                <input type="number" min="1" max="1000000" step="1" class="n-input"
                    prop:value=n_text aria-invalid=move || n.with(|n| n.is_err()).to_string()
                    aria-describedby="gen-n-error"
                    on:input=move |ev| set_n_text.set(event_target_value(&ev)) />
                " 个值"</label>
            <span class="field-error small" id="gen-n-error" role="alert">{move || n.get().err()}</span>
            <button class="primary" on:click=go disabled=move || busy.get() || n.with(|n| n.is_err())>
                {move || if busy.get() { "生成中…" } else { "生成并运行" }}
            </button>
            <span class="muted small">{move || output.with(|o| o.as_ref().map(|o| format!("上次运行 {:.1} ms", o.millis)))}</span>
        </div>
    }
}
