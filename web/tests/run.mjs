// Runs the browser tests: every tests/*.test.mjs (or those named by --only a,b), each with a
// server of its own over a fresh demo store, in one headless Chromium. Exit 1 if any fails.
//   node tests/run.mjs [--bin ../build/tawasul] [--screenshots ../docs/screenshots] [--only NAME]
// Env: TAWASUL_BIN, CHROMIUM (default /usr/bin/chromium).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { arg, context, launchBrowser, root, startServer, web } from './harness.mjs';

const bin = resolve(arg('--bin', process.env.TAWASUL_BIN ?? join(root, 'build', 'tawasul')));
const shots = arg('--screenshots', null);
const only = arg('--only', null)?.split(',');
const files = readdirSync(join(web, 'tests')).filter((f) => f.endsWith('.test.mjs')).sort()
  .filter((f) => !only || only.includes(f.replace(/\.test\.mjs$/, '')));
if (files.length === 0) { console.error('browser tests: none selected'); process.exit(1); }

const PER_TEST_MS = 240_000;
const browser = await launchBrowser();
let failed = 0;
for (const f of files) {
  const name = f.replace(/\.test\.mjs$/, '');
  const mod = await import(pathToFileURL(join(web, 'tests', f)).href);
  let server;
  const started = Date.now();
  try {
    server = await startServer({ bin, profile: mod.profile ?? 'moia-1933', serveArgs: mod.serveArgs ?? [], env: mod.serveEnv ?? {} });
    const t = context({ browser, server, shots, name });
    let timer;
    await Promise.race([
      (async () => { await mod.run(t); await t.finish(); })(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${PER_TEST_MS / 1000} s`)), PER_TEST_MS); }),
    ]).finally(() => clearTimeout(timer));
    console.log(`${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.error(`${name}: FAILED`, e);
    if (server) console.error(server.log().slice(-2000));
  } finally {
    if (server) server.stop();
  }
}
await browser.close();
console.log(failed ? `browser tests: ${failed} of ${files.length} failed` : `browser tests: all ${files.length} passed`);
process.exit(failed ? 1 : 0);
