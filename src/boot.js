// The boot script: inlined into index.html by Trunk (`<link data-trunk rel="inline">`), so it
// runs as the page is parsed, before any other script and long before the wasm. It
//   - applies the theme the reader picked in the app before the first paint;
//   - starts the notes bundle's request and, for a deep link to a topic, paints the topic from
//     it into the boot view, so the reader sees the note before the wasm arrives;
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
  // The wasm loader (Trunk.toml pattern_script) waits for this gate: the first painted
  // frame, so on a slow link the first screen does not share bandwidth with the wasm.
  window.__mianshitiPainted = new Promise(afterNextFrame);
  // The app waits for this before it replaces the boot view (ui::boot::start): the frame that
  // shows a deep-linked topic painted from the notes bundle, so on a fast machine the app
  // never replaces a topic nobody saw. Open at once when there is no topic to paint.
  var bootDone;
  window.__mianshitiBootDone = new Promise(function (resolve) { bootDone = resolve; });
  var link = document.querySelector("link[data-notes]");
  var main = document.getElementById("boot-main");
  if (!link || !main || !window.fetch) return bootDone();
  var notes = fetch(link.href).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.arrayBuffer(); // the app copies the bytes into wasm memory as they are
  });
  notes.catch(function () {});
  window.__mianshitiNotes = notes;
  var hash = location.hash;
  if (hash === "" || hash === "#" || hash === "#/") return bootDone();
  main.innerHTML = '<p class="boot-loading">正在加载…</p>';
  var m = /^#\/t\/([a-z0-9-]+)/.exec(hash);
  if (!m) return bootDone();
  notes.then(function (bytes) {
    var bundle = JSON.parse(new TextDecoder().decode(bytes));
    var topics = bundle.topics || [];
    for (var i = 0; i < topics.length; i++) {
      var t = topics[i];
      if (t.slug !== m[1]) continue;
      var at = document.getElementById("boot-main");
      if (!at) return;
      // The header is laid out as the app's topic page (notes::bundle::topic_head_html),
      // so the body does not move when the app takes over.
      var article = document.createElement("article");
      article.className = "topic";
      article.innerHTML = t.head + bundle.status_bar + (t.links || "");
      var body = document.createElement("div");
      body.className = "note-body";
      body.innerHTML = t.html;
      article.append(body);
      at.replaceChildren(article);
      return;
    }
  }).catch(function () {}).then(function () {
    afterNextFrame(bootDone);
    setTimeout(bootDone, 1000); // a tab hidden meanwhile paints no frame
  });
})();
