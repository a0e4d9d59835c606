// Browser-test harness: a real `tawasul serve` on a demo store and Debian's Chromium (headless)
// driven by playwright-core. Each *.test.mjs file exports `run(t)`; tests/run.mjs gives it a
// `t` from `context()` below, with a server of its own (fresh demo store) and the shared browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const root = resolve(web, '..');
export const dist = join(web, 'dist');
export const PASSWORD = 'tawasul-demo';

export function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
}

/** Starts `tawasul serve` on a free loopback port over a fresh demo store of `profile`. */
export async function startServer({ bin, profile = 'moia-1933', env: extraEnv = {}, serveArgs = [] }) {
  assert.ok(existsSync(join(dist, 'index.html')), 'web/dist is not built: npm run build');
  assert.ok(existsSync(bin), `no server binary at ${bin}`);
  const tmp = mkdtempSync(join(tmpdir(), 'tawasul-web-'));
  const env = { ...process.env, TAWASUL_PROFILES_DIR: join(root, 'profiles'), ...extraEnv };
  const store = `sqlite:${join(tmp, 'tawasul.db')}`;
  const demo = spawnSync(bin, ['--store', store, 'demo', '--profile', profile, '--password', PASSWORD], { env, encoding: 'utf8' });
  assert.equal(demo.status, 0, `demo failed: ${demo.stderr}`);
  const portFile = join(tmp, 'port');
  const server = spawn(bin, ['--store', store, 'serve', '--listen', '127.0.0.1:0', '--port-file', portFile, '--web-root', dist, ...serveArgs],
    { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (b) => { log += b; });
  const stop = () => {
    try { server.kill('SIGTERM'); } catch { /* gone */ }
    rmSync(tmp, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (existsSync(portFile)) {
      const p = readFileSync(portFile, 'utf8').trim();
      if (p) return { base: `http://127.0.0.1:${Number(p)}`, stop, log: () => log, store };
    }
    if (server.exitCode !== null) { stop(); throw new Error(`server exited: ${log}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  stop();
  throw new Error('server did not write its port');
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Every visible control has a label (or an aria-label); a failure names the unlabelled ones. */
export async function assertLabelled(page, where) {
  const bad = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => el.type !== 'hidden' && !el.hidden)
    .filter((el) => el.tagName === 'BUTTON' ? !el.textContent.trim() && !el.getAttribute('aria-label')
      : !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(bad, [], `unlabelled controls on ${where}`);
}

/**
 * What a test gets: its server's `base` URL, `page(opts)` opening a page in a new browser context
 * (desktop 1366x768 by default; `{ phone: true }` for a phone), `login(page, user, path)`,
 * `shot(page, name)` (writes docs screenshots when run with --screenshots DIR), `step(text)`, and
 * `api(user)` — a logged-in fetch helper for setting up state through the REST API.
 * Script errors in any page and any request leaving the server fail the test.
 */
export function context({ browser, server, shots, name }) {
  const pageErrors = [];
  const external = [];
  const contexts = [];
  const t = {
    base: server.base,
    server,
    step: (s) => console.log(`${name}: ${s}`),
    async page({ locale = 'ar-SA', phone = false } = {}) {
      const ctx = await browser.newContext(phone
        ? { viewport: { width: 390, height: 844 }, isMobile: true, locale }
        : { viewport: { width: 1366, height: 768 }, locale });
      contexts.push(ctx);
      // A loaded 2-core machine (the server, Chromium and the build share it) can take a while.
      ctx.setDefaultTimeout(60_000);
      const p = await ctx.newPage();
      p.on('pageerror', (e) => pageErrors.push(e));
      p.on('request', (r) => { if (!r.url().startsWith(server.base)) external.push(r.url()); });
      return p;
    },
    async login(page, user, path = '/console') {
      await page.goto(`${server.base}${path}`);
      await page.waitForURL(/\/login/);
      await page.getByTestId('username').fill(user);
      await page.getByTestId('password').fill(PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    },
    async shot(page, file) {
      if (!shots) return;
      mkdirSync(resolve(shots), { recursive: true });
      await page.screenshot({ path: join(resolve(shots), file), fullPage: true });
    },
    assertLabelled,
    /** A REST client logged in as `user`: `await (await t.api('dispatcher'))('GET', '/api/v1/...')`. */
    async api(user) {
      const res = await fetch(`${server.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: user, password: PASSWORD }) });
      assert.equal(res.status, 200, `login ${user}`);
      const { token } = await res.json();
      return async (method, path, body, headers = {}) => {
        const r = await fetch(`${server.base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined });
        const text = await r.text();
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch { json = text; }
        return { status: r.status, body: json, etag: r.headers.get('ETag') };
      };
    },
    async finish() {
      for (const c of contexts) await c.close().catch(() => {});
      assert.deepEqual(external, [], 'no request leaves the server');
      assert.deepEqual(pageErrors.map(String), [], 'no script errors in the pages');
    },
  };
  return t;
}

/** The request view's action `name` (form[data-action]), opened from the compact action bar when
 *  it is there (worklists show their forms open). */
export async function openAction(scope, name) {
  const form = scope.locator(`form[data-action="${name}"]`).first();
  const opener = scope.locator(`[data-open="${name}"]`).first();
  if (await opener.count() && await form.locator('[data-input]').count() && !(await form.isVisible())) await opener.click();
  return form;
}

/** Takes action `name` inside `scope`: from the bar for one without inputs, else its form's
 *  submit button (opening the form first when the bar holds it). */
export async function takeAction(scope, name) {
  const form = scope.locator(`form[data-action="${name}"]`).first();
  const opener = scope.locator(`[data-open="${name}"]`).first();
  if (await opener.count() && !(await form.locator('[data-input]').count())) { await opener.click(); return; }
  await (await openAction(scope, name)).locator('button[type=submit]').click();
}
