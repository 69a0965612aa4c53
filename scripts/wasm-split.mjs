// Splits the app's wasm into a main module and lazily loaded chunks (issue 17: the pages a first
// topic does not need load later). Trunk 0.21 cannot split (trunk-rs/trunk#1022), so this step
// redoes the end of Trunk's pipeline for the main wasm, the way cargo-leptos does with `--split`:
//
//   cargo's wasm (linked with --emit-relocs, see build.rs)
//     → wasm-split-cli (crate wasm_split_cli_support): main.wasm, one .wasm per `#[lazy]` function
//       (src/ui/app.rs) and for code they share, and __wasm_split.js, their loader;
//     → wasm-bindgen --keep-lld-exports (the chunks import the main module's memory, table and
//       shared functions by their linker names) on main.wasm;
//     → wasm-opt on the main module and on each chunk (release only), flags as in index.html;
//     → Trunk's main glue and wasm in the staging directory are replaced by these, under
//       content-hashed names; the chunks and their loader go to split-<hash>/.
//
// The chunks are plain same-origin fetches compiled by WebAssembly.instantiateStreaming, which
// the CSP's 'wasm-unsafe-eval' and connect-src 'self' already allow; postbuild.mjs precaches
// them with every other file. Run by scripts/trunk-post-build.sh before the other steps.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const dist = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dist) throw new Error("wasm-split: give the staging directory (or set TRUNK_STAGING_DIR)");
const release = process.env.TRUNK_PROFILE !== "debug";
const root = resolve(new URL("..", import.meta.url).pathname);
const target = resolve(root, process.env.CARGO_TARGET_DIR || "target");
const NAME = "mianshiti-playground";
// The same features as index.html's data-wasm-opt-params for the engine worker.
const WASM_OPT = ["-Oz", "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int",
  "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue", "--low-memory-unused"];
const sha = (data) => createHash("sha256").update(data).digest("hex");
const run = (cmd, args) => {
  try {
    execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  } catch (e) {
    if (e.code === "ENOENT") throw new Error(`wasm-split: ${cmd} is not on PATH (run scripts/setup-build.sh)`);
    throw new Error(`wasm-split: ${cmd} ${args.join(" ")} failed`);
  }
};

const input = join(target, "wasm32-unknown-unknown", release ? "release" : "debug", `${NAME}.wasm`);
if (!existsSync(input)) throw new Error(`wasm-split: ${input} is missing (cargo's output for Trunk's build)`);
const work = join(target, "wasm-split");
rmSync(work, { recursive: true, force: true });
const split = join(work, "split");
const bound = join(work, "bound");
const out = join(work, "out");
for (const d of [split, bound, out]) mkdirSync(d, { recursive: true });

// 1. Split. The loader imports `initSync` from "./<NAME>.js"; rewritten below to the hashed glue.
run("wasm-split-cli", ["--target", "web", "--out-name", NAME, input, split]);
// 2. Bind the main module (the chunks are not bound: they import only from the main module).
run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
  "--out-name", NAME, "--out-dir", bound, join(split, `${NAME}.wasm`)]);
// 3. Optimise each module (Trunk's data-wasm-opt is off for the main wasm: it ran here instead).
const chunks = readdirSync(split).filter((f) => f.endsWith(".wasm") && f !== `${NAME}.wasm`).sort();
const mainWasm = join(out, `${NAME}_bg.wasm`);
if (release) {
  run("wasm-opt", [...WASM_OPT, join(bound, `${NAME}_bg.wasm`), "-o", mainWasm]);
  for (const c of chunks) run("wasm-opt", [...WASM_OPT, join(split, c), "-o", join(out, c)]);
} else {
  copyFileSync(join(bound, `${NAME}_bg.wasm`), mainWasm);
  for (const c of chunks) copyFileSync(join(split, c), join(out, c));
}

// 4. Name by content: split-<hash>/ over every module, the glue by its text and the main wasm.
const wasmBytes = readFileSync(mainWasm);
const splitHash = sha([wasmBytes, ...chunks.map((c) => readFileSync(join(out, c)))].map(sha).join("\n")).slice(0, 16);
const splitDir = `split-${splitHash}`;
const LOADER = "__wasm_split.js";
let glue = readFileSync(join(bound, `${NAME}.js`), "utf8");
// Only the ES import moves; the wasm's import object keeps the module name it was linked with.
const glueImport = `from "./${LOADER}"`;
if (!glue.includes(glueImport)) throw new Error(`wasm-split: the glue does not import ${glueImport}: no #[lazy] split point left?`);
glue = glue.split(glueImport).join(`from "./${splitDir}/${LOADER}"`);
const stem = `${NAME}-${sha(sha(glue) + sha(wasmBytes)).slice(0, 16)}`;
let loader = readFileSync(join(split, LOADER), "utf8");
const loaderImport = `from "./${NAME}.js"`;
if (!loader.includes(loaderImport)) throw new Error(`wasm-split: ${LOADER} does not import ${loaderImport}`);
loader = loader.split(loaderImport).join(`from "../${stem}.js"`);

// 5. Replace Trunk's main files in the staging directory and point index.html at ours.
const indexPath = join(dist, "index.html");
let html = readFileSync(indexPath, "utf8");
const old = readdirSync(dist).filter((f) => new RegExp(`^${NAME}-[0-9a-f]+(_bg\\.wasm|\\.js)$`).test(f));
const oldStem = old.find((f) => f.endsWith(".js"))?.slice(0, -3);
if (!oldStem || !html.includes(oldStem)) throw new Error(`wasm-split: no ${NAME}-<hash>.js in ${dist} named by index.html`);
for (const f of old) rmSync(join(dist, f));
for (const d of readdirSync(dist).filter((f) => /^split-[0-9a-f]+$/.test(f))) rmSync(join(dist, d), { recursive: true });
html = html.split(oldStem).join(stem);
// The glue imports the loader statically: preload it next to the glue, or the wasm request
// (which waits for the whole module graph) would wait one more round trip.
const preload = new RegExp(`<link[^>]*\\bmodulepreload\\b[^>]*>`);
const glueLink = html.match(preload);
if (!glueLink || !glueLink[0].includes(`${stem}.js`)) throw new Error(`wasm-split: index.html has no modulepreload link for ${stem}.js`);
html = html.replace(preload, (tag) => `${tag}<link rel="modulepreload" href="./${splitDir}/${LOADER}">`);
writeFileSync(indexPath, html);
writeFileSync(join(dist, `${stem}.js`), glue);
copyFileSync(mainWasm, join(dist, `${stem}_bg.wasm`));
mkdirSync(join(dist, splitDir));
writeFileSync(join(dist, splitDir, LOADER), loader);
for (const c of chunks) copyFileSync(join(out, c), join(dist, splitDir, c));
if (existsSync(join(bound, "snippets"))) cpSync(join(bound, "snippets"), join(dist, "snippets"), { recursive: true });
console.log(`wasm-split: ${stem}_bg.wasm (${wasmBytes.length} bytes) + ${chunks.length} chunks in ${splitDir}/`);
