// The boot script: inlined into index.html by Trunk (`<link data-trunk rel="inline">`), so it
// runs as the page is parsed, before any other script and long before the wasm. It
//   - applies the theme the reader picked in the app before the first paint;
//   - for a deep link to a topic, requests that topic's own file (not the whole notes bundle)
//     and paints the topic from it into the boot view, so the reader sees the note before the
//     wasm arrives; the app reuses the same response;
//   - requests the wasm once the first screen has what it needs;
//   - sets the three promises of the boot handshake on `window` (what each means, and who
//     awaits it, is documented once, in src/ui/boot.rs; tests/native/tidy.rs checks that this
//     file, Trunk.toml and boot.rs use the same names).
// Inlined, not loaded: a separate request would delay the first paint. The CSP allows it by
// its hash, computed after the build (scripts/postbuild.mjs, a Trunk post_build hook).
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
  // Calls `done` once the next frame has been painted (rAF runs before its paint, the
  // task it queues after); at once in a background tab, which paints no frames.
  function afterNextFrame(done) {
    if (document.hidden) return done();
    requestAnimationFrame(function () { setTimeout(done, 0); });
  }
  // The wasm request, made here rather than by the loader (Trunk.toml pattern_script), which
  // awaits this promise of its Response: a request from the loader would wait for the JS glue
  // and its snippet module, a chain of round trips (~400 ms on the bench's phone profile). It
  // starts once the first screen has what it needs, so on a slow link that does not share
  // bandwidth with the wasm, yet the link never idles between the two: for a deep-linked topic
  // when its topic file has arrived (before the boot view parses and paints it), otherwise
  // after the first painted frame. The URL is the modulepreload link's data-wasm (Trunk.toml's
  // pattern_preload); without it the loader requests the wasm itself.
  var startWasm;
  window.__mianshitiWasm = new Promise(function (resolve) { startWasm = resolve; });
  function requestWasm() {
    var wasm = document.querySelector("link[data-wasm]");
    startWasm(wasm && window.fetch ? fetch(wasm.getAttribute("data-wasm")) : null);
  }
  // The app waits for this before it replaces the boot view (ui::boot::start): the frame that
  // shows a deep-linked topic painted from its file, so on a fast machine the app
  // never replaces a topic nobody saw. Open at once when there is no topic to paint.
  var bootDone;
  window.__mianshitiBootDone = new Promise(function (resolve) { bootDone = resolve; });
  // The notes: `<meta name="mianshiti-notes" content="notes-<hash>.json">`; a topic's own file
  // is notes-<hash>/<slug>.json (notes::bundle::topic_path). The home page needs none of it,
  // and the whole bundle is the app's to fetch once it is ready (src/ui/bodies.rs).
  var meta = document.querySelector('meta[name="mianshiti-notes"]');
  var main = document.getElementById("boot-main");
  var hash = location.hash;
  // Every way out below that paints no topic: the wasm after the first painted frame.
  function noTopic() {
    afterNextFrame(requestWasm);
    bootDone();
  }
  if (!meta || !main || !window.fetch || hash === "" || hash === "#" || hash === "#/") return noTopic();
  main.innerHTML = '<p class="boot-loading">正在加载…</p>';
  var m = /^#\/t\/([a-z0-9-]+)/.exec(hash);
  if (!m) return noTopic();
  var slug = m[1];
  // Only a topic that exists (the build lists them, notes::bundle::patch_topics): the app
  // shows its 404 view for any other, without a failed request first.
  if ((" " + meta.getAttribute("data-topics") + " ").indexOf(" " + slug + " ") < 0) return noTopic();
  var topic = fetch(meta.getAttribute("content").replace(/\.json$/, "/") + slug + ".json").then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.arrayBuffer(); // the app copies the bytes into wasm memory as they are
  });
  topic.catch(function () {});
  window.__mianshitiNotes = topic;
  // The wasm as soon as the topic's bytes are in, before the paint below parses and lays them
  // out (promise reactions run in the order they were added).
  topic.then(requestWasm, requestWasm);
  topic.then(function (bytes) {
    var file = JSON.parse(new TextDecoder().decode(bytes)); // a bundle of this one topic
    var t = (file.topics || [])[0];
    var at = document.getElementById("boot-main");
    if (!t || t.slug !== slug || !at) return;
    // The header is laid out as the app's topic page (notes::bundle::topic_head_html),
    // so the body does not move when the app takes over.
    var article = document.createElement("article");
    article.className = "topic";
    article.innerHTML = t.head + file.status_bar + (t.links || "");
    var body = document.createElement("div");
    body.className = "note-body";
    body.innerHTML = t.html;
    article.append(body);
    at.replaceChildren(article);
  }).catch(function () {}).then(function () {
    afterNextFrame(bootDone);
    setTimeout(bootDone, 1000); // a tab hidden meanwhile paints no frame
  });
})();
