// Serves the bundled page (argument: its directory) on 127.0.0.1 and loads it in headless
// Chromium: it must finish with the core's answers and no console error.
import http from "node:http";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

// playwright-core from tests/e2e/node_modules (scripts/setup), wherever this runs
const { chromium } = createRequire(new URL("../e2e/package.json", import.meta.url))("playwright-core");

const dir = path.resolve(process.argv[2]);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = http.createServer(async (req, res) => {
  const file = path.join(dir, path.normalize(new URL(req.url, "http://127.0.0.1").pathname));
  try {
    const body = await readFile(file.endsWith("/") ? path.join(file, "index.html") : file);
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "text/html" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const problems = [];
try {
  const page = await browser.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.body.dataset.done === "true" || null, null, { timeout: 20000 }).catch(() => {});
  assert.deepEqual(problems, []);
  const result = JSON.parse(await page.textContent("#out"));
  assert.deepEqual(result, { split: ["10.0.0.0/24", "10.0.1.0/24"], maxPods: 29, errors: 0, prefix: "10.0.0.0/8" });
  console.log(`browser: the esbuild bundle ran in Chromium: ${JSON.stringify(result)}`);
} finally {
  await browser.close();
  server.close();
}
