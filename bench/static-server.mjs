// A tiny static file server used by bench/run.mjs and by the offline/update end-to-end test.
// The served folder can be swapped at run time (`server.root = other`), which is how the test
// "deploys" a new build. Conditional requests get 304s. With { gzip: true } it compresses
// text responses (gzip -9, like a typical static host) when the client accepts gzip.
// Every response is logged in `server.log` as { path, status, bytes } (bytes on the wire).
import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { gzipSync, constants } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};
export const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt"]);

/**
 * Serves `root` under `mount` (e.g. "/playground/") on 127.0.0.1.
 * Resolves to { url, port, close(), root (settable), log: [] }.
 */
export function serve(root, { mount = "/playground/", port = 0, gzip = false } = {}) {
  const state = { root, log: [] };
  const gzCache = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const done = (status, bytes) => state.log.push({ path: url.pathname, status, bytes });
    if (!url.pathname.startsWith(mount)) {
      res.writeHead(404).end("not found");
      return done(404, 0);
    }
    let rel = decodeURIComponent(url.pathname.slice(mount.length)) || "index.html";
    if (rel.endsWith("/")) rel += "index.html";
    const file = normalize(join(state.root, rel));
    let st;
    try {
      if (!file.startsWith(normalize(state.root))) throw new Error("outside");
      st = statSync(file);
      if (!st.isFile()) throw new Error("not a file");
    } catch {
      res.writeHead(404).end("not found");
      return done(404, 0);
    }
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    const headers = {
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "cache-control": "no-cache",
      etag,
      "last-modified": new Date(st.mtimeMs).toUTCString(),
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return done(304, 0);
    }
    let body = readFileSync(file);
    if (gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      const key = `${file}:${etag}`;
      if (!gzCache.has(key)) gzCache.set(key, gzipSync(body, { level: constants.Z_BEST_COMPRESSION }));
      body = gzCache.get(key);
      headers["content-encoding"] = "gzip";
      headers.vary = "accept-encoding";
    }
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
    done(200, req.method === "HEAD" ? 0 : body.length);
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const p = server.address().port;
      resolve({
        get root() { return state.root; },
        set root(r) { state.root = r; },
        log: state.log,
        port: p,
        url: `http://127.0.0.1:${p}${mount}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
