// axe-core (npm devDependency) in a page: `audit(page, where)` fails on any violation of the
// WCAG 2.1 A and AA rules, color contrast included. The app's CSP allows scripts from its own
// origin only, so axe.min.js is served to the page at a same-origin path that Playwright
// answers itself (no request leaves the test).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { web } from './harness.mjs';

const AXE = readFileSync(join(web, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const AXE_PATH = '/__test__/axe.min.js';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function audit(page, where) {
  const url = new URL(AXE_PATH, page.url()).href;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: AXE }));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    }));
  }, TAGS);
  assert.deepEqual(result, [], `axe: WCAG 2.1 A/AA violations on ${where}:\n${JSON.stringify(result, null, 2)}`);
}
