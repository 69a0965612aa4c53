// The boot script's second half: inlined into index.html by Trunk (`<link data-trunk
// rel="inline">`) right after the boot view, so it runs once the boot view is parsed (the
// stylesheet, inlined above, with it), before any other script and long before the wasm. The first half
// (src/boot-early.js, in <head>) has already requested what start-up needs. This half
//   - for a deep link to a topic, paints the topic from the file the first half requested
//     (`__mianshitiNotes`) into the boot view, so the reader sees the note before the wasm
//     arrives; the app reuses the same response;
//   - sets the handshake promise `__mianshitiBootDone` on `window` (what it means, and who
//     awaits it, is documented once, in src/ui/boot.rs; tests/native/tidy.rs checks the names).
// The CSP allows it by its hash, computed after the build (scripts/postbuild.mjs).
(function () {
  // Done once it has run: leave no inline script in the live DOM.
  if (document.currentScript) document.currentScript.remove();
  // Calls `done` once the next frame has been painted (rAF runs before its paint, the
  // task it queues after); at once in a background tab, which paints no frames.
  function afterNextFrame(done) {
    if (document.hidden) return done();
    requestAnimationFrame(function () { setTimeout(done, 0); });
  }
  // The app waits for this before it replaces the boot view (ui::boot::start): the frame that
  // shows a deep-linked topic painted from its file, so on a fast machine the app
  // never replaces a topic nobody saw. Open at once when there is no topic to paint.
  var bootDone;
  window.__mianshitiBootDone = new Promise(function (resolve) { bootDone = resolve; });
  var topic = window.__mianshitiNotes;
  var main = document.getElementById("boot-main");
  var m = /^#\/t\/([a-z0-9-]+)/.exec(location.hash);
  if (!topic || !main || !m) return bootDone();
  var slug = m[1];
  main.innerHTML = '<p class="boot-loading">正在加载…</p>';
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
