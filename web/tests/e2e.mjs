// Browser test: a real `tawasul serve` on a free port with the moia-1933 demo store, and Debian's
// Chromium (headless) driven by playwright-core. An agent registers a phoned-in complaint in
// Arabic and sees its tracking code, and logs a guidance-only call; the request view lists
// exactly the server's actions and takes one with If-Match; the dispatcher refers it from the
// triage inbox with the unit picker; the citizen tracks it on the portal in Persian (Jalali
// dates, Persian digits typed) and submits a request of their own on a phone-sized screen.
// Every control on the main screens has a label. --screenshots DIR writes one PNG per screen.
//   node tests/e2e.mjs [--bin ../build/tawasul] [--screenshots ../docs/screenshots]
// Env: TAWASUL_BIN, CHROMIUM (default /usr/bin/chromium).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(web, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const bin = resolve(arg('--bin', process.env.TAWASUL_BIN ?? join(root, 'build', 'tawasul')));
const shots = arg('--screenshots', null);
const dist = join(web, 'dist');
assert.ok(existsSync(join(dist, 'index.html')), 'web/dist is not built: npm run build');
assert.ok(existsSync(bin), `no server binary at ${bin}`);

const tmp = mkdtempSync(join(tmpdir(), 'tawasul-web-'));
const env = { ...process.env, TAWASUL_PROFILES_DIR: join(root, 'profiles') };
const store = `sqlite:${join(tmp, 'tawasul.db')}`;
const demo = spawnSync(bin, ['--store', store, 'demo', '--profile', 'moia-1933', '--password', 'tawasul-demo'], { env, encoding: 'utf8' });
assert.equal(demo.status, 0, `demo failed: ${demo.stderr}`);

const portFile = join(tmp, 'port');
const server = spawn(bin, ['--store', store, 'serve', '--listen', '127.0.0.1:0', '--port-file', portFile, '--web-root', dist], { env, stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (b) => { serverLog += b; });

let browser;
const cleanup = () => {
  try { server.kill('SIGTERM'); } catch { /* gone */ }
  rmSync(tmp, { recursive: true, force: true });
};

async function waitForPort() {
  for (let i = 0; i < 200; i++) {
    if (existsSync(portFile)) {
      const p = readFileSync(portFile, 'utf8').trim();
      if (p) return Number(p);
    }
    if (server.exitCode !== null) throw new Error(`server exited: ${serverLog}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not write its port');
}

async function shot(page, name) {
  if (!shots) return;
  mkdirSync(resolve(shots), { recursive: true });
  await page.screenshot({ path: join(resolve(shots), name), fullPage: true });
}

const step = (s) => console.log(`e2e: ${s}`);
// Every visible control has a label (or an aria-label); a failure names the unlabelled ones.
async function assertLabelled(page, where) {
  const bad = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => el.type !== 'hidden' && !el.hidden)
    .filter((el) => el.tagName === 'BUTTON' ? !el.textContent.trim() && !el.getAttribute('aria-label')
      : !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(bad, [], `unlabelled controls on ${where}`);
}
const pageErrors = [];
// A hung browser or server must not hang `make test`.
setTimeout(() => { console.error('e2e: FAILED: timed out after 120 s'); cleanup(); process.exit(1); }, 120_000).unref();

try {
  const port = await waitForPort();
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });

  // Agent, in Arabic.
  const agent = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ar-SA' });
  const page = await agent.newPage();
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });
  page.on('pageerror', (e) => pageErrors.push(e));
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/login/);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.getByTestId('username').fill('agent');
  await page.getByTestId('password').fill('tawasul-demo');
  await shot(page, 'login-ar.png');
  await assertLabelled(page, 'login');
  await page.keyboard.press('Enter');
  await page.getByTestId('register-form').waitFor();
  step('logged in as agent');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('h1').textContent(), 'تسجيل طلب');

  await assertLabelled(page, 'console');
  // Phone in Arabic-Indic digits; lookup says the requester is new.
  await page.getByTestId('phone').fill('٠٥٥١٢٣٤٥٦٧');
  await page.getByTestId('lookup').click();
  await page.getByTestId('lookup-result').getByText('لا يوجد مقدّم طلب').waitFor();
  await page.getByTestId('requester-name').fill('عبدالله القحطاني');
  // Category by keyboard: search, Enter moves into the list and picks the first match.
  await page.getByTestId('category-search').fill('التكييف');
  await page.getByTestId('category-search').press('Enter');
  const categoryId = await page.getByTestId('category').inputValue();
  assert.ok(categoryId, 'a category is picked');
  await page.getByTestId('site').selectOption({ index: 1 });
  await page.getByTestId('priority').selectOption('high');
  assert.equal(await page.getByTestId('channel').inputValue(), 'phone');
  await page.getByTestId('description').fill('المكيف في مصلى النساء لا يعمل منذ يومين');
  await page.getByTestId('register').click();
  const code = (await page.getByTestId('tracking-code').textContent()).trim();
  assert.match(code, /^[0-9A-Z-]{6,}$/, `tracking code ${code}`);
  step(`registered, tracking code ${code}`);
  await shot(page, 'agent-console-ar.png');
  const caseHref = await page.getByRole('link', { name: 'فتح الطلب' }).getAttribute('href');

  // A guidance-only call is one step: phone, what was said, one button.
  await page.getByTestId('another').click();
  await page.getByTestId('phone').fill('٠٥٥٩٨٧٦٥٤٣');
  await page.getByTestId('description').fill('استفسار عن مواعيد صلاة الجمعة');
  await page.getByTestId('guidance').click();
  await page.getByTestId('guidance-logged').waitFor();
  step('guidance-only call logged');

  // The request view lists exactly the actions the server returns.
  await page.goto(`${base}${caseHref}`);
  await page.getByTestId('case-view').waitFor();
  const caseId = page.url().match(/\/cases\/(\d+)/)[1];
  const serverActions = await page.evaluate(async (id) =>
    (await (await fetch(`/api/v1/cases/${id}/actions`)).json()).items.map((a) => a.name), caseId);
  const shown = await page.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')));
  assert.deepEqual(shown, serverActions);
  assert.ok(shown.length > 0);
  step(`request view shows the server's actions: ${shown.join(', ')}`);
  await shot(page, 'request-view-ar.png');
  await assertLabelled(page, 'request view');
  // Dates in the installation's calendar (moia-1933: Hijri Umm al-Qura), Arabic-Indic digits.
  assert.match(await page.getByTestId('case-created').textContent(), /^[\u0660-\u0669]+ .+ [\u0660-\u0669]{4} هـ/);

  // Taking an action posts with If-Match and re-reads the request and its actions.
  await page.locator('form[data-action="dispatch"] button[type=submit]').click();
  await page.locator('form[data-action="dispatch"]').waitFor({ state: 'detached' });
  const after = await page.evaluate(async (id) =>
    (await (await fetch(`/api/v1/cases/${id}/actions`)).json()).items.map((a) => a.name), caseId);
  const shownAfter = await page.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')));
  assert.deepEqual(shownAfter, after);
  const state = await page.evaluate(async (id) => (await (await fetch(`/api/v1/cases/${id}`)).json()).state_label.ar, caseId);
  assert.equal((await page.getByTestId('case-state').textContent()).trim(), state);
  step(`dispatched; the view now shows state ${state} and actions [${after.join(', ')}]`);

  // The agent's own inbox lists it.
  await page.getByRole('link', { name: 'صناديق الوارد' }).click();
  await page.getByTestId('inbox').getByText(code).waitFor();
  step('inbox lists it');
  await shot(page, 'inbox-ar.png');
  assert.deepEqual(external, [], 'no request leaves the server');

  // The dispatcher finds it in the triage inbox and refers it with the unit picker.
  const disp = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ar-SA' });
  const p3 = await disp.newPage();
  p3.on('pageerror', (e) => pageErrors.push(e));
  await p3.goto(`${base}/inbox/triage`);
  await p3.getByTestId('username').fill('dispatcher');
  await p3.getByTestId('password').fill('tawasul-demo');
  await p3.keyboard.press('Enter');
  await p3.getByTestId('inbox').getByText(code).waitFor();
  await shot(p3, 'dispatcher-triage-ar.png');
  await p3.getByTestId('inbox').getByRole('link', { name: code }).click();
  await p3.getByTestId('case-view').waitFor();
  const refer = p3.locator('form[data-action="refer"]');
  await refer.locator('select[data-input="unit_id"]').selectOption({ index: 1 });
  await refer.locator('button[type=submit]').click();
  await p3.getByTestId('case-view').getByRole('status').getByText('تم.').waitFor();
  const referred = await p3.evaluate(async (id) => (await (await fetch(`/api/v1/cases/${id}`)).json()), caseId);
  assert.equal(referred.status, 'referred');
  assert.equal((await p3.getByTestId('case-state').textContent()).trim(), referred.state_label.ar);
  step(`dispatcher referred it to unit ${referred.unit_id}`);

  // The citizen, on a phone, in Persian: track by code and phone (Persian digits).
  const citizen = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'fa-IR' });
  const p2 = await citizen.newPage();
  p2.on('pageerror', (e) => pageErrors.push(e));
  await p2.goto(`${base}/portal/track`);
  await p2.getByTestId('lang').selectOption('fa');
  await p2.getByTestId('track-code').waitFor();
  assert.equal(await p2.getAttribute('html', 'lang'), 'fa');
  assert.equal(await p2.getAttribute('html', 'dir'), 'rtl');
  await p2.getByTestId('track-code').fill(code);
  await p2.getByTestId('track-phone').fill('۰۵۵۱۲۳۴۵۶۷');
  await p2.getByTestId('track').click();
  assert.equal((await p2.getByTestId('track-status').textContent()).trim(), 'ارجاع‌شده');
  // The Persian visitor sees the Jalali calendar: a 14xx year in Persian digits.
  assert.match(await p2.getByTestId('track-created').textContent(), /۱۴[۰-۹]{2}/);
  step('tracked on the portal in Persian');
  await shot(p2, 'portal-track-fa.png');

  // English is left-to-right.
  await p2.getByTestId('lang').selectOption('en');
  await p2.getByTestId('track-code').waitFor();
  assert.equal(await p2.getAttribute('html', 'dir'), 'ltr');
  await p2.getByTestId('lang').selectOption('fa');
  await p2.getByTestId('track-code').waitFor();

  // And submits one of their own.
  await p2.getByRole('link', { name: 'ارسال درخواست' }).click();
  await p2.getByTestId('p-description').waitFor();
  await assertLabelled(p2, 'portal');
  await p2.getByTestId('p-category-search').fill('نظافت');
  await p2.getByTestId('p-category').selectOption({ index: 0 });
  await p2.getByTestId('p-description').fill('فرش مسجد نیاز به نظافت دارد');
  await p2.getByTestId('p-name').fill('مریم');
  await p2.getByTestId('p-phone').fill('۰۵۵۷۶۵۴۳۲۱');
  await p2.getByTestId('p-submit').click();
  const code2 = (await p2.getByTestId('p-code').textContent()).trim();
  assert.match(code2, /^[0-9A-Z-]{6,}$/);
  step(`portal submission, tracking code ${code2}`);
  await shot(p2, 'portal-submit-fa.png');
  assert.deepEqual(pageErrors, [], 'no script errors in the pages');
  console.log('e2e: ok');
} catch (e) {
  console.error('e2e: FAILED', e);
  if (serverLog) console.error(serverLog.slice(-2000));
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  cleanup();
}
