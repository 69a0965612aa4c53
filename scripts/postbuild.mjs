// Post-build step for dist/: generates the service worker's precache list from the files
// Trunk actually emitted (hashed names), versions the cache by their content, and adds a
// Content-Security-Policy whose script hashes cover the loader Trunk inlines.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const dist = process.argv[2] || "dist";
const sha256 = (data, enc = "hex") => createHash("sha256").update(data).digest(enc);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// 1. CSP: hash every inline <script> (Trunk's module loader) and allow wasm compilation.
let html = readFileSync(join(dist, "index.html"), "utf8");
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/g, "");
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((s) => `'sha256-${sha256(s, "base64")}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
html = html.replace("<meta charset=\"utf-8\">", `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`);
writeFileSync(join(dist, "index.html"), html);

// 2. Service worker: precache every file of this build, versioned by their contents.
const files = walk(dist)
  .map((p) => relative(dist, p).split("\\").join("/"))
  .filter((f) => f !== "sw.js" && !f.endsWith(".map"))
  .sort();
const version = sha256(files.map((f) => f + ":" + sha256(readFileSync(join(dist, f)))).join("\n")).slice(0, 16);
const precache = ["./", ...files.map((f) => "./" + f)];
const sw = readFileSync(join(dist, "sw.js"), "utf8")
  .replace("__VERSION__", version)
  .replace("__FILES__", JSON.stringify(precache));
writeFileSync(join(dist, "sw.js"), sw);
writeFileSync(join(dist, "build-info.json"), JSON.stringify({ version, files: precache.length }) + "\n");
console.log(`postbuild: ${precache.length} files precached, cache version ${version}, ${hashes.length} inline script hash(es) in CSP`);
