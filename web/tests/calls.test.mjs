// Browser test: a call from the telephone system on the agent's screen (moia-1933). The
// PBX posts newCall for the agent: the banner shows the known caller and a running timer; the
// agent answers, takes the call into the console (the caller filled in), registers a request
// during it, and the request is linked to the call. A missed call appears in the callbacks
// worklist and the call back is recorded from there. Run by tests/run.mjs.
import assert from 'node:assert/strict';

export const profile = 'moia-1933';

export async function run(t) {
  const admin = await t.api('admin');
  const agent = await t.api('agent');
  const made = await admin('POST', '/api/v1/admin/cti-sources', { name: 'browser PBX' });
  assert.equal(made.status, 201);
  const pbx = (body) => fetch(`${t.base}/api/v1/cti/${made.body.token}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  // A known caller: a request of theirs from earlier.
  const cats = await agent('GET', '/api/v1/categories');
  const category = (Array.isArray(cats.body) ? cats.body : cats.body.items).find((c) => c.parent_id);
  const earlier = await agent('POST', '/api/v1/cases', { type: 'complaint', category_id: category.id, channel: 'phone',
    description: 'طلب سابق', requester: { name: 'مریم رضایی', phone: '0501237777' } });
  assert.equal(earlier.status, 201);

  const page = await t.page({ locale: 'fa-IR' });
  // The banner hears calls over the live socket: wait for the server's "ready" on it.
  const ready = new Promise((resolve) => page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => { if (String(f.payload).includes('"ready"')) resolve(); })));
  await t.login(page, 'agent', '/console');
  await page.getByTestId('register-form').waitFor();
  await ready;

  assert.equal((await pbx({ event: 'newCall', from: '501237777', to: '1933', direction: 'in', callId: 'b-1', user: ['agent'] })).status, 200);
  const banner = page.getByTestId('call-banner');
  await banner.getByTestId('call-caller').getByText('مریم رضایی').waitFor();
  assert.equal(await banner.getAttribute('data-state'), 'ringing');
  t.step('the ringing call shows its known caller');
  assert.equal((await pbx({ event: 'answer', callId: 'b-1', answeringNumber: 'agent' })).status, 200);
  await page.locator('[data-testid="call-banner"][data-state="answered"]').waitFor();
  const timer = await banner.getByTestId('call-timer').textContent();
  assert.match(timer, /^\d+:\d\d$/);
  await t.shot(page, 'call-banner-fa.png');
  await t.assertLabelled(page, 'call banner');

  await page.keyboard.press('Alt+KeyC');  // the shortcut takes the call, as the banner's button does
  await page.getByTestId('on-call').waitFor();
  const contactId = Number(await page.getByTestId('on-call').getAttribute('data-contact'));
  assert.equal(await page.getByTestId('phone').inputValue(), '+966501237777');
  assert.equal(await page.getByTestId('requester-name').inputValue(), 'مریم رضایی');
  await page.getByTestId('category-search').fill(category.code);
  await page.getByTestId('category-search').press('Enter');
  await page.getByTestId('description').fill('بلندگوی مسجد کار نمی‌کند');
  await page.getByTestId('register').click();
  await page.getByTestId('tracking-code').waitFor();
  t.step('a request registered during the call');
  const pop = await agent('GET', `/api/v1/contacts/${contactId}/pop`);
  assert.equal(pop.status, 200);
  assert.equal(pop.body.contact.outcome, 'case_created');
  assert.equal(pop.body.links.length, 1);
  assert.equal(pop.body.links[0].link, 'registered');

  // A missed call: one task in the callbacks worklist, done when the caller is reached.
  await pbx({ event: 'newCall', from: '0507778888', to: '1933', direction: 'in', callId: 'b-2' });
  await pbx({ event: 'hangup', callId: 'b-2', cause: 'cancel' });
  const dispatcher = await t.page({ locale: 'ar-SA' });
  await t.login(dispatcher, 'dispatcher', '/inbox/callbacks');
  const row = dispatcher.getByTestId('missed-call');
  await row.first().waitFor();
  assert.match(await row.first().textContent(), /\+966507778888/);
  assert.equal(await row.first().getByTestId('dial').getAttribute('href'), 'tel:+966507778888', 'a click dials through the phone or softphone');
  await row.first().getByRole('button', { name: 'تم الوصول' }).click();
  await dispatcher.getByTestId('missed-calls').getByText('لا مكالمات فائتة لمعاودة الاتصال.').waitFor();
  t.step('the missed call was returned from the worklist');

  // The supervisors' calls page: today's figures and the calls, filtered by outcome.
  const boss = await t.page({ locale: 'en-US' });
  await t.login(boss, 'supervisor', '/calls');
  await boss.getByTestId('calls-table').waitFor();
  await boss.locator(`[data-testid="calls-table"] tr[data-contact="${contactId}"][data-outcome="case_created"]`).waitFor();
  const offeredText = await boss.getByTestId("calls-offered").textContent();
  assert.ok(Number(offeredText) >= 2, `offered: ${offeredText}`);
  await boss.getByTestId('calls-outcome').selectOption('abandoned');
  await boss.getByTestId('calls-filter').getByRole('button').click();
  // The unfiltered list already held abandoned rows: wait for the filtered one to replace it.
  await boss.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid="calls-table"] tbody tr')];
    return rows.length > 0 && rows.every((r) => r.getAttribute('data-outcome') === 'abandoned');
  });
  await t.assertLabelled(boss, 'calls page');
  // A call ringing now is on the wallboard.
  await pbx({ event: 'newCall', from: '0506660000', to: '1933', direction: 'in', callId: 'b-3' });
  await boss.goto(`${t.base}/wallboard`);
  await boss.locator('[data-testid="calls-waiting"][data-count="1"]').waitFor();
  // An agent on a call: answered by the PBX, not yet ended.
  await pbx({ event: 'answer', callId: 'b-3', answeringNumber: 'agent' });
  await boss.locator('[data-testid="agents-on-calls"][data-count="1"]').waitFor();
  await t.shot(boss, 'calls-page.png');
  t.step('the supervisors\' calls page lists and filters the calls');
}
