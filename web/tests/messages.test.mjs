// Browser test: a newcomer's demo shows every message a citizen would get (muscat-1111 served
// with --demo-delivery, as `make run` does). The agent registers a report; the supervisor's
// messages page lists its SMS as sent by the demo sink, "not sent", with the number masked, and
// filters by state; the agent has no such page. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';

export const profile = 'muscat-1111';
export const serveArgs = ['--demo-delivery'];

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
    await page.getByRole('button', { name: 'عرض' }).click();
    await page.waitForTimeout(300);
  }
  await row.first().waitFor();
  assert.match(await row.first().textContent(), /تجريبي: لم تُرسل/);
  const text = await page.getByTestId('messages-table').textContent();
  assert.ok(!text.includes('92345670') && !text.includes('خالد'), 'no number or name on the page');
  await audit(page, 'messages page (ar)');
  await t.shot(page, 'messages-ar.png');
  await page.getByTestId('messages-status').selectOption('failed');
  await page.getByRole('button', { name: 'عرض' }).click();
  await page.getByTestId('messages-empty').waitFor();
  t.step('the registration SMS is listed as sent by the demo sink, number masked; filters work');

  const ap = await t.page({ locale: 'ar-SA' });
  await t.login(ap, 'agent', '/console');
  assert.equal(await ap.locator('nav a[href="/messages"]').count(), 0, 'agents have no messages page');
}
