// Bundles the code editor (scripts/editor/editor.mjs: CodeMirror 6 and its Python mode, from
// npm) with esbuild into ONE minified ES module at <dist>/editor/<hash>/editor.mjs, the hash
// being the bundle's own content hash (the path changes whenever the bytes do, so the service
// worker's editor cache never serves a stale copy). Also writes <dist>/editor.mjs, a one-line
// module that re-exports it under a fixed name: the app imports that (src/ui/pyedit.rs), and it
// is small enough to precache, while the bundle itself is fetched only on first use.
//
// Called by scripts/postbuild.mjs; by hand: `node scripts/build-editor.mjs <dist>`.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("./editor/editor.mjs", import.meta.url));

/** Builds the editor into `dist`; returns `{ hash, path, bytes }` (path relative to dist). */
export async function buildEditor(dist) {
  const esbuild = await import("esbuild").catch(() => {
    throw new Error("build-editor: the npm package esbuild is missing: run scripts/setup-build.sh (npm ci)");
  });
  const out = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  const code = out.outputFiles[0].contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  // One version only: an earlier build's bundle (a rebuild under `trunk serve`) goes.
  rmSync(join(dist, "editor"), { recursive: true, force: true });
  mkdirSync(join(dist, "editor", hash), { recursive: true });
  const path = `editor/${hash}/editor.mjs`;
  writeFileSync(join(dist, path), code);
  writeFileSync(join(dist, "editor.mjs"), `export * from "./${path}";\n`);
  return { hash, path, bytes: code.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await buildEditor(process.argv[2] || "dist");
  console.log(`build-editor: ${r.path}, ${r.bytes} bytes`);
}
