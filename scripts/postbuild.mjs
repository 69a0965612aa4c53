// Post-build step: minifies the wasm-bindgen JS glue, generates the service worker's precache
// list from the files Trunk actually emitted (hashed names), versions the cache by their
// content, inlines the stylesheet, and adds a Content-Security-Policy whose hashes cover every
// inline script (the boot script, Trunk's module loader) and the inlined stylesheet.
//
// Run by scripts/trunk-post-build.sh, Trunk's post_build hook, on Trunk's staging directory
// (`TRUNK_STAGING_DIR`), so `trunk build`, `trunk serve` and `./x dist` all produce the
// finished site. By hand: `node scripts/postbuild.mjs <dir>` on any built site (idempotent).
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const dist = process.argv[2] || process.env.TRUNK_STAGING_DIR || "dist";
// `trunk serve` builds in debug: its glue stays as written (readable, and no terser run on
// every rebuild). Run by hand (no TRUNK_PROFILE), the glue is minified.
const release = process.env.TRUNK_PROFILE !== "debug";
const sha256 = (data, enc = "hex") => createHash("sha256").update(data).digest(enc);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

// 0. Minify the wasm-bindgen glue. Trunk's own minifier gives up on it (`export default`), so
//    it shipped as written: 64 KB raw / 10.6 KB gzip, 28 KB / 7.8 KB minified. Its exports
//    (init, the bench and panic-test entry points) keep their names. Runs before the precache
//    version is computed, so the version covers the file as served.
const MINIFIED = "/* minified by scripts/postbuild.mjs */";
const glue = release ? readdirSync(dist).filter((f) => /^mianshiti-playground-[0-9a-f]+\.js$/.test(f)) : [];
// Imported only when needed, with a hint where node_modules/ is missing.
const minify = glue.length === 0 ? null : await import("terser").then((m) => m.minify, () => {
  throw new Error("postbuild: the npm package terser is missing: run scripts/setup-build.sh (npm ci)");
});
for (const name of glue) {
  const path = join(dist, name);
  const source = readFileSync(path, "utf8");
  if (source.startsWith(MINIFIED)) continue; // postbuild run again on a processed dist/
  const out = await minify(source, { module: true, compress: true, mangle: true, format: { comments: false, preamble: MINIFIED } });
  if (!out.code) throw new Error(`postbuild: terser produced nothing for ${name}`);
  writeFileSync(path, out.code);
}

// 0a. The exercise engine worker (src/bin/engine_worker.rs, issue 17). Trunk does not hash a
//    worker's files (engine_worker.js, engine_worker_bg.wasm, engine_worker_loader.js: the loader
//    imports the other two by relative path), so they move into engine-<hash>/, hashed over their
//    contents, and index.html's `<meta name="mianshiti-engine">` names the loader there
//    (ui::engine reads it). The glue is minified like the page's. Precached with the rest (2.).
const ENGINE_FILES = ["engine_worker.js", "engine_worker_bg.wasm", "engine_worker_loader.js"];
let html = readFileSync(join(dist, "index.html"), "utf8");
{
  const present = ENGINE_FILES.filter((f) => existsSync(join(dist, f)));
  if (present.length === ENGINE_FILES.length) {
    const glueFile = join(dist, "engine_worker.js");
    const source = readFileSync(glueFile, "utf8");
    if (release && !source.startsWith(MINIFIED)) {
      const out = await minify(source, { compress: true, mangle: { reserved: ["wasm_bindgen"] }, format: { comments: false, preamble: MINIFIED } });
      if (!out.code) throw new Error("postbuild: terser produced nothing for engine_worker.js");
      writeFileSync(glueFile, out.code);
    }
    // Trunk's shim passes the wasm's path as a bare string, which wasm-bindgen 0.2.129 accepts
    // with a console warning; the object form is the current one.
    const shim = join(dist, "engine_worker_loader.js");
    writeFileSync(shim, readFileSync(shim, "utf8").replace(/wasm_bindgen\("([^"]+)"\)/, (_, p) => `wasm_bindgen({module_or_path:"${p}"})`));
    for (const old of readdirSync(dist).filter((f) => /^engine-[0-9a-f]+$/.test(f))) rmSync(join(dist, old), { recursive: true });
    const hash = sha256(ENGINE_FILES.map((f) => sha256(readFileSync(join(dist, f)))).join("\n")).slice(0, 16);
    mkdirSync(join(dist, `engine-${hash}`));
    for (const f of ENGINE_FILES) renameSync(join(dist, f), join(dist, `engine-${hash}`, f));
    const meta = /<meta [^>]*\bmianshiti-engine\b[^>]*>/; // the HTML minifier may reorder attributes
    if (!meta.test(html)) throw new Error("postbuild: index.html has no <meta name=\"mianshiti-engine\" content=...>");
    html = html.replace(meta, `<meta name="mianshiti-engine" content="engine-${hash}/engine_worker_loader.js">`);
  } else if (present.length > 0 || !/engine-[0-9a-f]+\/engine_worker_loader\.js/.test(html)) {
    throw new Error(`postbuild: the engine worker's files are incomplete (${present.join(", ") || "none"}) and index.html names no engine-<hash>/`);
  }
}

// 0b. The boot script's two halves (src/boot-early.js, src/boot.js, which Trunk inlines as the
//    page's only classic inline scripts) are replaced by terser's output in release builds.
//    Trunk's HTML minifier orders a script's hoisted variables differently from one build to
//    the next, so identical sources gave a different index.html, CSP hash and cache version
//    each time, and every redeploy looked like an update to returning readers. terser's output
//    is the same every time.
if (release) {
  const { minifyBoot, BOOT_SCRIPTS } = await import("./minify-boot.mjs");
  const boot = await minifyBoot();
  const found = html.match(/<script>/g) || [];
  if (found.length !== boot.length) {
    throw new Error(`postbuild: expected ${boot.length} classic inline <script>s (${BOOT_SCRIPTS.join(", ")}), found ${found.length}`);
  }
  let i = 0;
  html = html.replace(/<script>[\s\S]*?<\/script>/g, () => `<script>${boot[i++]}</script>`);
}

// 0c. The Python runtime (issue 13): Pyodide's five core files, copied from node_modules into
//    pyodide/<version>/ (copied files are not hashed, so the path carries the version). Not
//    precached: the first visit downloads none of it; the service worker caches it on the first
//    run in its own cache (public/sw.js). The worker (public/py-worker.js) gets the version and
//    the files' total size, for its progress bar.
const PYODIDE_FILES = ["pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", "python_stdlib.zip", "pyodide-lock.json"];
const pyodideDir = new URL("../node_modules/pyodide/", import.meta.url);
let pyodideVersion;
try {
  pyodideVersion = JSON.parse(readFileSync(new URL("package.json", pyodideDir), "utf8")).version;
} catch {
  throw new Error("postbuild: the npm package pyodide is missing: run scripts/setup-build.sh (npm ci)");
}
mkdirSync(join(dist, "pyodide", pyodideVersion), { recursive: true });
let pyodideBytes = 0;
for (const f of PYODIDE_FILES) {
  copyFileSync(new URL(f, pyodideDir), join(dist, "pyodide", pyodideVersion, f));
  pyodideBytes += statSync(join(dist, "pyodide", pyodideVersion, f)).size;
}
const worker = readFileSync(join(dist, "py-worker.js"), "utf8")
  .replace(/\.\/pyodide\/[^/"]+\/pyodide\.mjs"/, () => `./pyodide/${pyodideVersion}/pyodide.mjs"`)
  .replace(/const TOTAL_BYTES = \d+;/, () => `const TOTAL_BYTES = ${pyodideBytes};`);
if (!worker.includes(`./pyodide/${pyodideVersion}/pyodide.mjs"`) || !worker.includes(`TOTAL_BYTES = ${pyodideBytes};`)) {
  throw new Error("postbuild: py-worker.js lacks its pyodide import or `const TOTAL_BYTES = 0;` line");
}
writeFileSync(join(dist, "py-worker.js"), worker);

// 0d. The code editor (issue 13): CodeMirror 6 bundled by esbuild into editor/<hash>/editor.mjs
//    (scripts/build-editor.mjs), plus the fixed-name editor.mjs that re-exports it. Like the
//    Python runtime, the bundle (~376 KB raw / ~126 KB gzip) is not precached: a first visit
//    downloads none of it; the service worker caches it on first use (public/sw.js).
const { buildEditor } = await import("./build-editor.mjs");
const editor = await buildEditor(dist);

// 0e. The stylesheet is inlined into index.html as a <style> (hashed in the CSP below) and its
//    file removed: a phone (the bench's mobile profile) then paints the boot view ~250 ms
//    sooner (FCP 692 → 436 ms), and nothing shares the link with the wasm but the topic's own
//    small file, so the wasm is requested at once (src/boot-early.js). Measured over 7 cold
//    loads each: app ready 1988 → 1864 ms, LCP 736 → 564 ms; index.html 3.2 → 11 KB gzip.
//    The modulepreload link that names the wasm (Trunk.toml's pattern_preload; Trunk puts it at
//    the end of <head>) moves above the boot script's first half, which reads it.
{
  const link = /<link\b[^>]*\bhref=["']?(?:\.\/)?(main-[0-9a-f]+\.css)["']?[^>]*>/;
  const m = html.match(link);
  if (m) {
    const css = readFileSync(join(dist, m[1]), "utf8");
    if (css.includes("</style")) throw new Error(`postbuild: ${m[1]} contains "</style", which cannot be inlined`);
    html = html.replace(link, () => `<style>${css}</style>`);
    rmSync(join(dist, m[1]));
  } else if (!/<style>/.test(html)) {
    throw new Error("postbuild: index.html has neither the stylesheet link (main-<hash>.css) nor its inlined <style>");
  }
  const preload = html.match(/<link\b[^>]*\bdata-wasm=[^>]*>/);
  const firstScript = html.indexOf("<script>");
  if (!preload || firstScript < 0) throw new Error("postbuild: index.html lacks the wasm's modulepreload link or the boot script");
  if (preload.index > firstScript) {
    html = html.replace(preload[0], "");
    html = html.slice(0, firstScript) + preload[0] + html.slice(firstScript);
  }
}

// 1. CSP: hash every inline <script> (the boot script, Trunk's module loader) and allow wasm
//    compilation. Comments are skipped (an unminified page's comments may mention tags).
html = html.replace(/<meta http-equiv="?Content-Security-Policy"?[^>]*>\s*/g, "");
const inline = [...html.replace(/<!--[\s\S]*?-->/g, "").matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
// `trunk serve` adds a live-reload script whose server address it fills in per request,
// after this step: no hash computed here can match it. For that development page only,
// inline scripts are allowed ('unsafe-inline', which browsers ignore next to any hash); every
// other directive stays as in the release build, which is checked strictly (security.spec).
const devServer = inline.some((s) => s.includes("{{__TRUNK_ADDRESS__}}"));
const hashes = devServer ? ["'unsafe-inline'"] : inline.map((s) => `'sha256-${sha256(s, "base64")}'`);
// The inlined stylesheet (0e.), by its hash like the scripts.
const styles = [...html.replace(/<!--[\s\S]*?-->/g, "").matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${sha256(m[1], "base64")}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  `style-src 'self' ${styles.join(" ")}`.trim(),
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
// Trunk may minify the HTML (`<meta charset=utf-8>`), so match the charset tag loosely, and
// fail the build rather than ship a page without its CSP.
const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i;
if (!charset.test(html)) throw new Error("postbuild: no <meta charset=utf-8> in dist/index.html to anchor the CSP");
html = html.replace(charset, (tag) => `${tag}<meta http-equiv="Content-Security-Policy" content="${csp}">`);
writeFileSync(join(dist, "index.html"), html);

// 2. Service worker: precache every file of this build, versioned by their contents.
//    Idempotent: running it again on a processed dist/ (e.g. after editing a file) rewrites
//    the version and list instead of looking for the placeholders.
const isMeta = (f) => f === "sw.js" || f === "build-info.json" || f.endsWith(".map") || f.startsWith("pyodide/") || f.startsWith("editor/");
const files = walk(dist)
  .map((p) => relative(dist, p).split("\\").join("/"))
  .filter((f) => !isMeta(f) && !f.split("/").some((part) => part.startsWith(".")))
  .sort();
const version = sha256(files.map((f) => f + ":" + sha256(readFileSync(join(dist, f)))).join("\n")).slice(0, 16);
// The PNG app icons are precached too (~22 KB): installing the app, or its icon on the home
// screen, works offline as well.
const precache = ["./", ...[...files, "build-info.json"].sort().map((f) => "./" + f)];
writeFileSync(join(dist, "build-info.json"), JSON.stringify({ version, files: precache.length }) + "\n");
const sw = readFileSync(join(dist, "sw.js"), "utf8")
  .replace(/const VERSION = "[^"]*";/, () => `const VERSION = "${version}";`)
  .replace(/const FILES = [^\n]*;/, () => `const FILES = ${JSON.stringify(precache)};`)
  .replace(/const PYODIDE = "[^"]*";/, () => `const PYODIDE = "${pyodideVersion}";`)
  .replace(/const EDITOR = "[^"]*";/, () => `const EDITOR = "${editor.hash}";`);
if (!sw.includes(version)) throw new Error("postbuild: sw.js has no `const VERSION = \"...\";` line");
if (!sw.includes(`const PYODIDE = "${pyodideVersion}";`)) throw new Error("postbuild: sw.js has no `const PYODIDE = \"...\";` line");
if (!sw.includes(`const EDITOR = "${editor.hash}";`)) throw new Error("postbuild: sw.js has no `const EDITOR = \"...\";` line");
writeFileSync(join(dist, "sw.js"), sw);
const scripts = devServer ? "inline scripts allowed (trunk serve's reload script)" : `${hashes.length} inline script hash(es)`;
console.log(`postbuild: ${precache.length} files precached, cache version ${version}, ${scripts} in CSP`);
