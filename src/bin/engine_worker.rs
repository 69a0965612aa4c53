//! The exercise engine's Web Worker: a second wasm, built by Trunk from `index.html`'s
//! `<link data-trunk rel="rust" data-type="worker" data-bin="engine_worker" data-loader-shim>`.
//! It links the ports, the literal parser, big integers and the Unicode tables, which the
//! page's wasm no longer carries. Thin: each message goes to the pure
//! `exercises::engine::Engine` (`exercises::protocol` describes the messages) and its reply goes back.
//! `ui::engine` starts, feeds and, when a run takes too long or the worker dies, replaces it.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use mianshiti_playground::exercises::engine::Engine;
    use mianshiti_playground::exercises::protocol::Reply;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        static ENGINE: RefCell<Engine> = RefCell::new(Engine::new());
    }

    /// Milliseconds since the worker started (`performance.now()`).
    fn now() -> f64 {
        js_sys::global()
            .unchecked_into::<web_sys::WorkerGlobalScope>()
            .performance()
            .map(|p| p.now())
            .unwrap_or(0.0)
    }

    /// Listens for requests, then says it is ready (messages sent before are lost, so the page
    /// waits for this).
    pub(crate) fn start() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let data = ev.data();
                // A file chunk is `[json, ArrayBuffer]`; every other message a JSON string.
                let (text, chunk) = if js_sys::Array::is_array(&data) {
                    let parts: js_sys::Array = data.unchecked_into();
                    let bytes = js_sys::Uint8Array::new(&parts.get(1)).to_vec();
                    (parts.get(0).as_string().unwrap_or_default(), Some(bytes))
                } else {
                    (data.as_string().unwrap_or_default(), None)
                };
                let reply = ENGINE.with(|e| e.borrow_mut().handle(&text, chunk.as_deref(), &now));
                let _ = reply_to.post_message(&JsValue::from_str(&reply));
            });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let ready = Reply::Ready { ms: now() }.to_json();
        let _ = scope.post_message(&JsValue::from_str(&ready));
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is the exercise engine's Web Worker: Trunk builds it for the browser (see README.md).");
}
