// Service worker: precaches the whole app (the list is generated after each build by
// scripts/postbuild.mjs, never hand-written) into one versioned cache, serves it
// cache-first, and deletes old caches on activation. A new version waits until the page
// asks it to take over, so a page never mixes files of two builds.
//
// The Python runtime (Pyodide, under pyodide/<version>/, ~13.5 MB) is not precached: its files
// go into their own cache on the first run, named by Pyodide's version and not by the app's,
// so app updates neither download nor delete them; a new Pyodide version replaces the cache.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = "mianshiti-" + VERSION;
const PYODIDE = "__PYODIDE__";
const PY_CACHE = "pyodide-" + PYODIDE;
const PY_PATH = "pyodide/" + PYODIDE + "/";
// The code editor (CodeMirror, ~126 KB gzip, editor/<content hash>/editor.mjs): not precached
// either, so a first visit never downloads it; cached on first use in its own cache, replaced
// when the bundle changes.
const EDITOR = "__EDITOR__";
const ED_CACHE = "editor-" + EDITOR;
const ED_PATH = "editor/" + EDITOR + "/";

// Content-hashed files (Trunk's name-<16 hex>.ext, the notes bundle, and the files in a
// content-hashed folder: each topic's notes-<hash>/<slug>.json, the engine's engine-<hash>/)
// cannot be stale: take them from the HTTP cache the page just filled, so installing does not
// download the app a second time. Any other file is revalidated with the server (a 304 when
// unchanged), so a new worker never precaches a stale index.html next to new hashed files.
const HASHED = /-[0-9a-f]{16}((_bg)?\.(js|wasm|css|json)|\/[^/]+)$/;
const cacheMode = (f) => (HASHED.test(f) ? "default" : "no-cache");

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: cacheMode(f) }))))
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => (k.startsWith("mianshiti-") && k !== CACHE) || (k.startsWith("pyodide-") && k !== PY_CACHE) || (k.startsWith("editor-") && k !== ED_CACHE)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The Python runtime and the editor: cache-first from their own caches, filled on first fetch.
  const runtime = [[PY_PATH, PY_CACHE], [ED_PATH, ED_CACHE]].find(([path]) => url.href.startsWith(new URL(path, self.registration.scope).href));
  if (runtime) {
    event.respondWith(
      caches.open(runtime[1]).then((cache) =>
        cache.match(req).then((hit) => hit || fetch(req).then((res) => {
          if (res.ok) event.waitUntil(cache.put(req, res.clone()).catch(() => {}));
          return res;
        }))
      )
    );
    return;
  }
  // Every navigation (any hash route) is the app shell.
  const key = req.mode === "navigate" ? new URL("./index.html", self.registration.scope).href : req;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key, { ignoreSearch: req.mode === "navigate" }).then((hit) => hit || fetch(req))
    )
  );
});
