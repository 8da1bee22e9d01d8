// Runs axe-core on each HTML page given, in a real headless Chromium (Debian's, not a
// downloaded one), and prints one JSON object: page -> its violations (empty when none).
// Usage: node check.mjs CHROMIUM PAGE.html...
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [executablePath, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const results = {};
try {
  const page = await browser.newPage();
  for (const file of pages) {
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    results[file] = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ")),
      }));
    });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
