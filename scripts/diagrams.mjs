// Draws Mermaid diagrams as SVG files, once, when the blog is built (`blogtool publish` runs
// this). Readers then get pictures: no diagram code in any page's download, nothing for the
// content policy to allow, and the same result with JavaScript off.
//
// usage: node scripts/diagrams.mjs < jobs.json
//   jobs.json: [{ "source": "flowchart LR …", "light": "out/a.svg", "dark": "out/a-dark.svg" }]
// Prints one JSON line per job: {"ok":true} or {"error":"what Mermaid said"}.
// Exits 1 (with a message on stderr) when no diagram can be drawn at all: no Chromium, or
// no Mermaid package; the caller then shows the diagrams' source instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const jobs = JSON.parse(readFileSync(0, 'utf8'));
let chromium;
let mermaidPath;
try {
  ({ chromium } = require('playwright-core'));
  mermaidPath = require.resolve('mermaid/dist/mermaid.min.js');
} catch (e) {
  console.error(`diagrams: ${e.message.split('\n')[0]} (run scripts/setup.sh)`);
  process.exit(1);
}
const browser = await chromium
  .launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  .catch((e) => {
    console.error(`diagrams: cannot start Chromium: ${e.message.split('\n')[0]}`);
    process.exit(1);
  });
const page = await browser.newPage();
await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>');
await page.addScriptTag({ path: mermaidPath });

/** The SVG with the size of its view box, so an <img> of it has one (Mermaid writes 100%). */
function withSize(svg) {
  const box = svg.match(/viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/);
  if (!box) return svg;
  return svg.replace(/^<svg([^>]*?) width="100%"/, `<svg$1 width="${box[1]}" height="${box[2]}"`)
    .replace(/^<svg([^>]*?) style="max-width: [\d.]+px;"/, '<svg$1');
}

for (const [i, job] of jobs.entries()) {
  const result = {};
  try {
    for (const [theme, file] of [['default', job.light], ['dark', job.dark]]) {
      const svg = await page.evaluate(
        async ({ source, theme, id }) => {
          // Labels as SVG text, not HTML: the picture then renders the same in an <img>.
          window.mermaid.initialize({
            startOnLoad: false,
            securityLevel: 'strict',
            theme,
            htmlLabels: false,
            flowchart: { htmlLabels: false },
          });
          const { svg } = await window.mermaid.render(id, source);
          return svg;
        },
        { source: job.source, theme, id: `diagram-${i}-${theme}` },
      );
      writeFileSync(file, withSize(svg));
    }
    result.ok = true;
  } catch (e) {
    result.error = String(e.message ?? e).split('\n')[0];
  }
  console.log(JSON.stringify(result));
}
await browser.close();
