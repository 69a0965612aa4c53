// The boot script (src/boot.js) as the release index.html inlines it: terser's output, which is
// the same on every build (Trunk's own HTML minifier is not). Used by scripts/postbuild.mjs to
// write it and by tests/e2e/offline.spec.mjs to check what was written.
import { readFileSync } from "node:fs";

export async function minifyBoot() {
  const { minify } = await import("terser");
  const source = readFileSync(new URL("../src/boot.js", import.meta.url), "utf8");
  const out = await minify(source, { compress: true, mangle: true, format: { comments: false } });
  if (!out.code) throw new Error("minify-boot: terser produced nothing for src/boot.js");
  return out.code;
}
