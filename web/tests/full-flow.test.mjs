// Browser test: the three-line flow on muscat-1111, every step on the role's own screen. An agent
// registers a phoned-in complaint in Arabic and sends it to line 2; the dispatcher sees its due
// time in triage, merges a duplicate with the request picker (tracking code) and refers the
// original to the responsible unit; unit staff find it in the unit inbox without the requester's
// name or phone anywhere and return the answer; the dispatcher calls back from the callbacks
// worklist (one failed attempt recorded and shown, then reached: closed); the citizen tracks it on
// a phone in Persian and rates it. Screenshots: dispatcher-callbacks-ar.png, unit-inbox-ar.png,
// portal-rate-fa.png. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { PASSWORD, openAction, takeAction } from './harness.mjs';

export const profile = 'muscat-1111';

const NAME = 'سالم بن راشد البلوشي';
const PHONE = '99123456';
const PHONE_AR = '٩٩١٢٣٤٥٦';

async function login(page, base, user, path) {
  await page.goto(`${base}${path}`);
  await page.getByTestId('username').fill(user);
  await page.getByTestId('password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Submits the action form `name` inside `scope` (the caller waits for what follows). */
async function take(page, scope, name) {
  await takeAction(scope, name);
}

export async function run(t) {
  const base = t.base;
  const admin = await t.api('admin');
  const unitStaff = await t.api('unit_staff');
  const unitId = (await unitStaff('GET', '/api/v1/auth/me')).body.unit_id;
  assert.ok(unitId, 'unit_staff belongs to a unit');

  // ---- Line 1: the agent registers a phoned-in complaint, in Arabic.
  const agent = await t.page({ locale: 'ar-SA' });
  await login(agent, base, 'agent', '/console');
  await agent.getByTestId('register-form').waitFor();
  await agent.getByTestId('phone').fill(PHONE_AR);
  await agent.getByTestId('requester-name').fill(NAME);
  await agent.getByTestId('category').selectOption({ index: 0 });
  await agent.getByTestId('description').fill('تسرب مياه في الشارع أمام المسجد منذ ثلاثة أيام');
  await agent.getByTestId('register').click();
  const code = (await agent.getByTestId('tracking-code').textContent()).trim();
  await agent.getByRole('link', { name: 'فتح الطلب' }).click();
  await agent.getByTestId('case-view').waitFor();
  const id = Number(agent.url().match(/\/cases\/(\d+)/)[1]);
  // One press registered it and sent it to line 2 with the tracking-code SMS: no second step.
  assert.equal(await agent.locator('[data-open="register"]').count(), 0, 'no hidden second step');
  const sent = (await admin('GET', `/api/v1/cases/${id}`)).body;
  assert.equal(sent.state, 'dispatched');
  assert.ok((await admin('GET', `/api/v1/cases/${id}/extras`)).body.messages.some((m) => m.template === 'registered'), 'the tracking-code SMS is queued');
  t.step(`agent registered ${code} and it went to line 2 at once`);

  // A duplicate of it, phoned in again by the same citizen.
  const agentApi = await t.api('agent');
  const dup = await agentApi('POST', '/api/v1/cases', { type: 'complaint', channel: 'phone', category_id: (await admin('GET', '/api/v1/categories')).body.items[0].id,
    description: 'نفس التسرب أمام المسجد', requester: { name: NAME, phone: PHONE } });
  assert.equal(dup.status, 201);
  assert.equal(dup.body.state, 'dispatched');

  // ---- Line 2: the dispatcher. Triage shows the due time with its marker.
  const disp = await t.page({ locale: 'ar-SA' });
  await login(disp, base, 'dispatcher', '/inbox/triage');
  const triageRow = disp.getByTestId('inbox').locator('tr', { hasText: code });
  await triageRow.waitFor();
  assert.match(await triageRow.getByTestId('countdown').textContent(), /الموعد|متأخر/);

  // Merge the duplicate into the original: the picker finds it by tracking code.
  await disp.goto(`${base}/cases/${dup.body.id}`);
  await disp.getByTestId('case-view').waitFor();
  const bar = disp.locator('[data-group="duplicates"]');
  assert.equal(await bar.getAttribute('aria-label'), 'التكرار والاختصاص');
  assert.equal(await disp.locator('form[data-action="transfer"] textarea[data-input="agency"]').count(), 1, 'transfer out of jurisdiction, with its input');
  // Inputs open only for the chosen action: nothing shows until merge is picked.
  assert.equal(await disp.locator('form[data-action]:visible').count(), 0, 'no form open before an action is chosen');
  const dupGroup = disp.getByTestId('case-view');
  await openAction(dupGroup, 'merge');
  assert.equal(await disp.locator('form[data-action]:visible').count(), 1, 'only the chosen form opens');
  await dupGroup.getByTestId('case_id-code').fill(code);
  await dupGroup.getByTestId('case_id-code').press('Enter');
  await dupGroup.getByTestId('case_id-found').getByText(code).waitFor();
  // A merge cannot be undone by the next step: it asks first; dismissed, nothing happens.
  disp.once('dialog', (dialog) => { assert.equal(dialog.type(), 'confirm'); void dialog.dismiss(); });
  await take(disp, dupGroup, 'merge');
  assert.equal((await admin('GET', `/api/v1/cases/${dup.body.id}`)).body.duplicate_of ?? null, null, 'dismissed: not merged');
  disp.once('dialog', (dialog) => { assert.match(dialog.message(), /»/); void dialog.accept(); });
  await take(disp, dupGroup, 'merge');
  await disp.locator('form[data-action="merge"]').waitFor({ state: 'detached' });
  const merged = (await admin('GET', `/api/v1/cases/${dup.body.id}`)).body;
  assert.equal(merged.status, 'closed');
  assert.equal(merged.duplicate_of, id);
  t.step('dispatcher merged the duplicate into it with the request picker');

  // Refer the original to the responsible unit.
  await disp.goto(`${base}/cases/${id}`);
  await disp.getByTestId('case-view').waitFor();
  const refer = await openAction(disp, 'refer');
  await refer.locator('select[data-input="unit_id"]').selectOption(String(unitId));
  await take(disp, disp, 'refer');
  await disp.getByTestId('case-view').getByRole('status').getByText('تم.').waitFor();
  assert.equal((await admin('GET', `/api/v1/cases/${id}`)).body.status, 'referred');
  t.step('dispatcher referred it');

  // ---- Line 3: the unit, anonymized.
  const unit = await t.page({ locale: 'ar-SA' });
  await login(unit, base, 'unit_staff', '/inbox/unit');
  await unit.getByTestId('inbox').getByText(code).waitFor();
  const noIdentity = async (where) => {
    // The tracking code is random digits and may hold '968' by chance: not the citizen's number.
    const text = (await unit.evaluate(() => document.body.innerText)).replaceAll(code, '');
    for (const s of [NAME, 'البلوشي', PHONE, PHONE_AR, '968']) assert.ok(!text.includes(s), `${where} shows "${s}"`);
  };
  await noIdentity('unit inbox');
  await t.shot(unit, 'unit-inbox-ar.png');
  await unit.getByTestId('inbox').getByRole('link', { name: code }).click();
  await unit.getByTestId('case-view').waitFor();
  await unit.getByTestId('anonymized').waitFor();
  await noIdentity('unit request view');
  assert.equal(await unit.locator('dl.facts dt', { hasText: 'مقدم الطلب' }).count(), 0, 'no requester row for the unit');
  // The body needs a detail only the citizen has: it asks line 2 (it cannot call them itself),
  // the dispatcher passes the answer on, and the unit reads it on the request's timeline.
  const ask = await openAction(unit, 'ask_info');
  await ask.locator('[data-input="question"]').fill('ما رقم أقرب منزل إلى التسرب؟');
  await take(unit, unit, 'ask_info');
  await ask.waitFor({ state: 'detached' });
  assert.equal((await admin('GET', `/api/v1/cases/${id}`)).body.state, 'info_requested');
  const dispApi = await t.api('dispatcher');
  const now = await dispApi('GET', `/api/v1/cases/${id}`);
  const passed = await dispApi('POST', `/api/v1/cases/${id}/actions/provide_info`,
    { inputs: { info: 'المنزل رقم ٤٥ بجوار المسجد' } }, { 'If-Match': now.etag });
  assert.equal(passed.status, 200, JSON.stringify(passed.body));
  await unit.reload();
  await unit.getByTestId('case-view').waitFor();
  await unit.getByTestId('timeline').getByText('المنزل رقم ٤٥ بجوار المسجد').waitFor();
  await unit.getByTestId('timeline').getByText('ما رقم أقرب منزل إلى التسرب؟').waitFor();
  await noIdentity('unit request view with its timeline');
  t.step('the unit asked for information through line 2 and read the answer on the timeline');
  // The answer comes first on the bar and stands out, with the public answer's label.
  const groups = await unit.locator('.action-bar [data-group]').evaluateAll((s) => s.map((x) => x.getAttribute('data-group')));
  assert.equal(groups[0], 'answer');
  const first = unit.locator('.action-bar button[data-open]').first();
  assert.equal(await first.getAttribute('data-open'), 'answer');
  assert.match(await first.getAttribute('class'), /primary/);
  const answer = await openAction(unit, 'answer');
  await answer.getByLabel('الرد على المواطن (يقرؤه المواطن عند متابعة طلبه)').fill('تم إصلاح التسرب وإعادة رصف الموقع');
  await t.assertLabelled(unit, 'unit request view');
  await t.shot(unit, 'unit-answer-ar.png');
  await take(unit, unit, 'answer');
  await unit.locator('form[data-action="answer"]').waitFor({ state: 'detached' });
  await noIdentity('unit request view after answering');
  assert.equal((await admin('GET', `/api/v1/cases/${id}`)).body.status, 'answered');
  t.step('unit staff answered it without seeing who asked');

  // ---- Line 2 again: the callbacks worklist.
  await disp.goto(`${base}/inbox/callbacks`);
  const row = disp.locator(`[data-testid=callback-row][data-case="${id}"]`);
  await row.waitFor();
  assert.match(await row.getByTestId('attempts').textContent(), /لا محاولات بعد/);
  await row.locator('summary').click();
  await take(disp, row, 'start_callback');
  await row.locator('form[data-action="call_back_failed"]').waitFor({ state: 'attached' });
  // The outcome panel stays open after "start": the outcome is the next thing to record.
  assert.equal(await row.locator('details.record').getAttribute('open'), '', 'the panel stays open');
  assert.equal(await row.locator('select[data-input="outcome"]').first().locator('option').first().textContent(), '— اختر —');
  const failed = row.locator('form[data-action="call_back_failed"]');
  await failed.locator('select[data-input="outcome"]').selectOption('no_answer');
  await failed.locator('textarea[data-input="note"]').fill('لم يرد، سأعاود بعد ساعة');
  await take(disp, row, 'call_back_failed');
  await row.locator('li[data-outcome="no_answer"]').waitFor();
  assert.match(await row.getByTestId('attempts').textContent(), /محاولة واحدة.*لا يرد/s);
  assert.match(await row.getByTestId('due').textContent(), /\(.+\)/);
  await t.assertLabelled(disp, 'callbacks worklist');
  await t.shot(disp, 'dispatcher-callbacks-ar.png');
  t.step('dispatcher recorded a failed attempt');
  const reached = row.locator('form[data-action="call_back_reached"]');
  await reached.locator('select[data-input="outcome"]').selectOption('reached');
  await take(disp, row, 'call_back_reached');
  await row.waitFor({ state: 'detached' });
  const closed = (await admin('GET', `/api/v1/cases/${id}`)).body;
  assert.equal(closed.status, 'closed');
  const extras = (await admin('GET', `/api/v1/cases/${id}/extras`)).body;
  assert.deepEqual(extras.callbacks.map((c) => c.outcome), ['no_answer', 'reached']);
  t.step('dispatcher reached the citizen and closed it');

  // ---- The citizen, on a phone, in Persian: track and rate.
  const cit = await t.page({ locale: 'fa-IR', phone: true });
  await cit.goto(`${base}/portal/track`);
  await cit.getByTestId('lang').selectOption('fa');
  await cit.getByTestId('track-code').fill(code);
  await cit.getByTestId('track-phone').fill('۹۹۱۲۳۴۵۶');
  await cit.getByTestId('track').click();
  assert.equal((await cit.getByTestId('track-status').textContent()).trim(), 'بسته‌شده');
  await cit.getByTestId('rate').waitFor();
  assert.equal(await cit.getAttribute('html', 'dir'), 'rtl');
  await cit.getByLabel('۴ از ۵').check();
  await cit.getByTestId('rate-comment').fill('سریع و خوب بود');
  await t.assertLabelled(cit, 'portal rating');
  await t.shot(cit, 'portal-rate-fa.png');
  await cit.getByTestId('rate-submit').click();
  assert.match(await cit.getByTestId('rated').textContent(), /۴ از ۵/);
  const tracked = await (await fetch(`${base}/api/v1/public/track?code=${encodeURIComponent(code)}&phone=${PHONE}`)).json();
  assert.deepEqual(tracked.rating, { open: false, value: 4 });
  t.step('citizen tracked and rated it 4 of 5 in Persian');
}
