// End-to-end tests: Debian's Chromium (no browser download), the built dist/ served by a
// plain static server under a sub-path, exactly as a user would get it.
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/chromium.mjs";

// E2E_PORT lets several checkouts on one machine run their suites side by side.
const PORT = Number(process.env.E2E_PORT || 4173);
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "target/e2e-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}/playground/`,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    headless: true,
    locale: "zh-CN",
  },
  webServer: {
    command: `sh -c 'rm -rf target/e2e-site && mkdir -p target/e2e-site && cp -r dist target/e2e-site/playground && exec python3 -m http.server ${PORT} --bind 127.0.0.1 --directory target/e2e-site'`,
    url: `http://127.0.0.1:${PORT}/playground/`,
    reuseExistingServer: false,
    timeout: 30_000,
    // The server's per-request log would bury the test report.
    stdout: "ignore",
    stderr: "ignore",
  },
});
