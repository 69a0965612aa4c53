// The boot script's two halves (src/boot-early.js in <head>, src/boot.js after the boot view) as
// the release index.html inlines them: terser's output, which is the same on every build (Trunk's
// own HTML minifier is not). Used by scripts/postbuild.mjs to write them and by
// tests/e2e/offline.spec.mjs to check what was written.
import { readFileSync } from "node:fs";

/** The inline classic scripts of index.html, in document order. */
export const BOOT_SCRIPTS = ["src/boot-early.js", "src/boot.js"];

/** terser's output for each of BOOT_SCRIPTS, in the same order. */
export async function minifyBoot() {
  const { minify } = await import("terser");
  const out = [];
  for (const file of BOOT_SCRIPTS) {
    const source = readFileSync(new URL(`../${file}`, import.meta.url), "utf8");
    const min = await minify(source, { compress: true, mangle: true, format: { comments: false } });
    if (!min.code) throw new Error(`minify-boot: terser produced nothing for ${file}`);
    out.push(min.code);
  }
  return out;
}
