// Browser test: a newcomer's demo shows every message a citizen would get (muscat-1111 served
// with --demo-delivery, as `make run` does). The agent registers a report; the supervisor's
// messages page lists its SMS as sent by the demo sink, "not sent", with the number masked, and
// filters by state; the agent has no such page. An SMS a citizen sends (through the hook Kannel
// calls) is listed under "messages from citizens" with the request it opened, and shows on that
// request's timeline in the citizen's words; the answer goes back by SMS from the request view.
// Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';

export const profile = 'muscat-1111';
export const serveArgs = ['--demo-delivery'];
const TOKEN = 'browser-test-inbound-token';
export const serveEnv = { TAWASUL_SMS_INBOUND_TOKEN: TOKEN };

export async function run(t) {
  const agent = await t.api('agent');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const made = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: cats[0].id, channel: 'phone', description: 'حاوية النفايات ممتلئة',
    requester: { name: 'خالد', phone: '92345670' },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));

  const page = await t.page({ locale: 'ar-SA' });
  await t.login(page, 'supervisor', '/messages');
  await page.getByTestId('messages-page').waitFor();
  // The outbox worker takes it within a second or so; the page is read again until it has.
  const row = page.locator('[data-testid^="message-row-"][data-status="sent"]').filter({ has: page.locator(`a[href="/cases/${made.body.id}"]`) });
  for (let i = 0; i < 30 && !(await row.count()); i++) {
    await page.getByRole('button', { name: 'عرض' }).first().click();
    await page.waitForTimeout(300);
  }
  await row.first().waitFor();
  assert.match(await row.first().textContent(), /تجريبي: لم تُرسل/);
  const text = await page.getByTestId('messages-table').textContent();
  assert.ok(!text.includes('92345670') && !text.includes('خالد'), 'no number or name on the page');
  await audit(page, 'messages page (ar)');
  await t.shot(page, 'messages-ar.png');
  await page.getByTestId('messages-status').selectOption('failed');
  await page.getByRole('button', { name: 'عرض' }).first().click();
  await page.getByTestId('messages-empty').waitFor();
  t.step('the registration SMS is listed as sent by the demo sink, number masked; filters work');

  // A citizen's SMS, as Kannel's smsbox hands it over.
  const mo = await fetch(`${t.base}/api/v1/hooks/kannel/mo?token=${TOKEN}&from=%2B96892345671&to=1111&text=${encodeURIComponent('إنارة الشارع مطفأة')}&coding=0&charset=UTF-8`);
  assert.equal(mo.status, 200);
  const got = await mo.json();
  assert.equal(got.outcome, 'created');
  await page.reload();
  const incoming = page.getByTestId('incoming-table');
  await incoming.waitFor();
  const inRow = incoming.locator('tr[data-outcome="created"]');
  assert.match(await inRow.first().textContent(), /إنارة الشارع مطفأة/);
  assert.match(await inRow.first().textContent(), /فتحت طلبًا/);
  await audit(page, 'messages page with incoming (ar)');
  // A second SMS from the same number joins the request it opened, in the citizen's words.
  const again = await (await fetch(`${t.base}/api/v1/hooks/kannel/mo?token=${TOKEN}&from=%2B96892345671&to=1111&text=${encodeURIComponent('ولا تزال مطفأة')}`)).json();
  assert.equal(again.outcome, 'appended');
  assert.equal(again.tracking_code, got.tracking_code);
  await inRow.first().locator('a').click();
  const ev = page.locator('[data-testid="timeline-event"][data-kind="inbound"]');
  await ev.first().waitFor();
  assert.match(await ev.first().textContent(), /ولا تزال مطفأة/);
  assert.match(await ev.first().textContent(), /رسالة من المواطن/);
  await t.shot(page, 'sms-in-timeline-ar.png');
  // The answer goes back through the channel the citizen used, and joins the timeline.
  await page.getByTestId('reply').locator('summary').click();
  assert.equal(await page.getByTestId('reply-channel').inputValue(), 'sms');
  await page.getByTestId('reply-text').fill('سيصل الفريق خلال ساعتين');
  await page.getByTestId('reply-send').click();
  const replied = page.locator('[data-testid="timeline-event"][data-kind="reply"]');
  await replied.first().waitFor();
  assert.match(await replied.first().textContent(), /سيصل الفريق خلال ساعتين/);
  await audit(page, 'request with the reply form (ar)');
  t.step('a citizen\'s SMS is listed with what it became and opens its request');

  const ap = await t.page({ locale: 'ar-SA' });
  await t.login(ap, 'agent', '/console');
  assert.equal(await ap.locator('nav a[href="/messages"]').count(), 0, 'agents have no messages page');
}
