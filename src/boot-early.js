// The boot script's first half: inlined into <head> by Trunk (`<link data-trunk rel="inline">`),
// above the stylesheet (which scripts/postbuild.mjs inlines as a <style>), so the requests start
// as soon as the parser reaches this line; the paint stays in the second half (src/boot.js,
// after the boot view). This half
//   - applies the theme the reader picked in the app before the first paint;
//   - for a deep link to a topic, requests that topic's own file (not the whole notes bundle);
//   - requests the wasm: at once after a topic's file, otherwise after the first frame;
//   - sets the handshake promises `__mianshitiWasm` and `__mianshitiNotes` on `window` (what
//     each means, and who awaits it, is documented once, in src/ui/boot.rs; tests/native/tidy.rs
//     checks that both halves, Trunk.toml and boot.rs use the same names).
// Inlined, not loaded: a separate request would cost a round trip. The CSP allows it by its
// hash, computed after the build (scripts/postbuild.mjs, a Trunk post_build hook).
(function () {
  // Done once it has run: leave no inline script in the live DOM.
  if (document.currentScript) document.currentScript.remove();
  // A theme chosen in the app (src/ui/theme.rs, key mianshiti.theme) applies before the first
  // paint, so a reader who picked dark mode never sees a light flash. Read-only; the app
  // owns the key.
  try {
    var theme = localStorage.getItem("mianshiti.theme");
    if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
    // Likewise the 换行 choice (src/ui/code_wrap.rs, key mianshiti.codeWrap), so wrapped code
    // blocks do not re-flow when the app takes over.
    if (localStorage.getItem("mianshiti.codeWrap") === "1") document.documentElement.setAttribute("data-code-wrap", "");
  } catch (e) {}
  // The wasm request, made here rather than by the loader (Trunk.toml pattern_script), which
  // awaits this promise of its Response: a request from the loader would wait for the JS glue
  // and its snippet module, a chain of round trips (~400 ms on the bench's phone profile). For a
  // deep-linked topic it is requested right after the topic's own file: with the stylesheet
  // inlined, that small file (~1.5 KB) is all the first screen waits for, and it is asked for
  // first. Measured on the bench's phone profile (7 cold loads each): requested at 277 ms
  // instead of at the file's arrival (~480 ms), app ready 1970 → 1864 ms, LCP 608 → 564 ms.
  // Otherwise (the home page, whose boot view is static HTML) after the first painted frame.
  // The URL is the modulepreload link's data-wasm (Trunk.toml's pattern_preload), which
  // scripts/postbuild.mjs moves just above this script; if it is not there, the request waits
  // for the parser to finish. Without the link the loader requests the wasm itself.
  var startWasm;
  window.__mianshitiWasm = new Promise(function (resolve) { startWasm = resolve; });
  function requestWasm() {
    var wasm = document.querySelector("link[data-wasm]");
    if (!wasm && document.readyState === "loading") {
      return document.addEventListener("readystatechange", requestWasm, { once: true });
    }
    startWasm(wasm && window.fetch ? fetch(wasm.getAttribute("data-wasm")) : null);
  }
  // Calls `done` once the next frame has been painted (rAF runs before its paint, the
  // task it queues after); at once in a background tab, which paints no frames.
  function afterNextFrame() {
    if (document.hidden) return requestWasm();
    requestAnimationFrame(function () { setTimeout(requestWasm, 0); });
  }
  // The notes: `<meta name="mianshiti-notes" content="notes-<hash>.json" data-topics="…">`,
  // above this script; a topic's own file is notes-<hash>/<slug>.json
  // (notes::bundle::topic_path). The home page needs none of it, and the whole bundle is the
  // app's to fetch once it is ready (src/ui/bodies.rs).
  var meta = document.querySelector('meta[name="mianshiti-notes"]');
  var m = /^#\/t\/([a-z0-9-]+)/.exec(location.hash);
  // Only a topic that exists (the build lists them, notes::bundle::patch_topics): the app
  // shows its 404 view for any other, without a failed request first.
  if (!meta || !window.fetch || !m || (" " + meta.getAttribute("data-topics") + " ").indexOf(" " + m[1] + " ") < 0) {
    return afterNextFrame();
  }
  var topic = fetch(meta.getAttribute("content").replace(/\.json$/, "/") + m[1] + ".json").then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.arrayBuffer(); // the app copies the bytes into wasm memory as they are
  });
  topic.catch(function () {});
  window.__mianshitiNotes = topic;
  requestWasm();
})();
