// Browser test: opening a worklist costs a bounded number of API requests, however many rows it
// shows. The dispatcher's callbacks worklist (muscat-1111) with six answered requests, and the
// head's meeting desk (pr-center, on a second server of its own) with six meeting requests, each
// load with one inbox request (?include=actions,extras), not three more per row. Counts requests
// the page makes (page.on('request')), not time. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { PASSWORD, arg, root, startServer } from './harness.mjs';

export const profile = 'muscat-1111';

const ROWS = 6;
const MAX_API_REQUESTS = 6;

/** A REST client for `base` signed in as `user` (the harness's t.api, for a second server). */
async function apiFor(base, user) {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: PASSWORD }) });
  assert.equal(res.status, 200, `login ${user}`);
  const { token } = await res.json();
  return async (method, path, body, headers = {}) => {
    const r = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, etag: r.headers.get('ETag') };
  };
}

/** Takes `action` as `who` on request `id`, with If-Match from a fresh read. */
async function act(who, id, action, inputs = {}) {
  const read = await who('GET', `/api/v1/cases/${id}`);
  const r = await who('POST', `/api/v1/cases/${id}/actions/${action}`, { inputs }, { 'If-Match': read.etag });
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
}

async function newCase(agent, admin, type, n) {
  const cats = (await admin('GET', '/api/v1/categories')).body.items;
  const created = await agent('POST', '/api/v1/cases', { type, channel: 'phone', category_id: cats[0].id,
    description: `طلب رقم ${n}`, requester: { name: 'مواطن', phone: type === 'meeting_request' ? '09121234567' : '99123456' } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id;
}

/** Signs `user` in, then opens `path` afresh and counts the API requests until `rows` appear. */
async function openCounting(page, base, user, path, rowTestId) {
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/login/);  // the app sends a signed-out visitor there first
  await page.getByTestId('username').fill(user);
  await page.getByTestId('password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  const seen = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) seen.push(`${r.method()} ${u.pathname}${u.search}`); });
  await page.goto(`${base}${path}`);
  await page.getByTestId(rowTestId).nth(ROWS - 1).waitFor();
  await page.waitForLoadState('networkidle');
  return { seen, rows: await page.getByTestId(rowTestId).count() };
}

function assertBounded(where, { seen, rows }) {
  assert.ok(rows >= 5, `${where}: ${rows} rows shown, want at least 5`);
  assert.ok(seen.length <= MAX_API_REQUESTS, `${where}: ${seen.length} API requests for ${rows} rows:\n${seen.join('\n')}`);
  assert.deepEqual(seen.filter((s) => /\/api\/v1\/cases\/\d+/.test(s)), [], `${where}: no request per row`);
  assert.equal(seen.filter((s) => s.includes('/api/v1/inbox/') && s.includes('include=actions%2Cextras')).length, 1,
    `${where}: one inbox request embedding actions and extras:\n${seen.join('\n')}`);
}

export async function run(t) {
  // ---- The dispatcher's callbacks worklist (this server, muscat-1111).
  const admin = await t.api('admin');
  const agent = await t.api('agent');
  const dispatcher = await t.api('dispatcher');
  const unitStaff = await t.api('unit_staff');
  const unitId = (await unitStaff('GET', '/api/v1/auth/me')).body.unit_id;
  for (let i = 0; i < ROWS; i++) {
    const id = await newCase(agent, admin, 'complaint', i);  // registered and sent to line 2 at once
    await act(dispatcher, id, 'refer', { unit_id: String(unitId) });
    await act(unitStaff, id, 'answer', { answer: 'تم الإصلاح' });
    if (i === 0) { await act(dispatcher, id, 'start_callback'); await act(dispatcher, id, 'call_back_failed', { outcome: 'no_answer' }); }
  }
  const disp = await t.page({ locale: 'ar-SA' });
  const callbacks = await openCounting(disp, t.base, 'dispatcher', '/inbox/callbacks', 'callback-row');
  assertBounded('callbacks worklist', callbacks);
  // The embedded extras still show: the failed attempt is on its row.
  assert.ok(await disp.locator('[data-testid=callback-row] [data-outcome=no_answer]').count() >= 1, 'the failed call is shown');
  t.step(`callbacks worklist: ${callbacks.rows} rows, ${callbacks.seen.length} API requests`);

  // ---- The head's meeting desk (a second server on pr-center).
  const bin = resolve(arg('--bin', process.env.TAWASUL_BIN ?? join(root, 'build', 'tawasul')));
  const pr = await startServer({ bin, profile: 'pr-center' });
  try {
    const prAdmin = await apiFor(pr.base, 'admin');
    const prAgent = await apiFor(pr.base, 'agent');
    for (let i = 0; i < ROWS; i++) await act(prAgent, await newCase(prAgent, prAdmin, 'meeting_request', i), 'register');
    // Its own browser context: the harness's pages count requests to another server as leaks.
    const ctx = await disp.context().browser().newContext({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR' });
    ctx.setDefaultTimeout(60_000);
    const head = await ctx.newPage();
    const errors = [];
    head.on('pageerror', (e) => errors.push(String(e)));
    const desk = await openCounting(head, pr.base, 'head', '/meetings', 'meeting-row');
    assertBounded('meeting desk', desk);
    assert.ok(await head.locator('[data-testid=meeting-row] form[data-action=approve]').count() >= ROWS, 'each row has its approve form');
    t.step(`meeting desk: ${desk.rows} rows, ${desk.seen.length} API requests`);
    assert.deepEqual(errors, [], 'no script errors on the desk');
    await ctx.close();
  } finally {
    pr.stop();
  }
}
