// Browser test: oversight in the request view on moia-1933. An agent dispatches and views a
// request (its requester's identity is shown, so the view is logged); its "registered" SMS is put in the
// `failed` state the outbox leaves after its last attempt (written into the SQLite store, as the
// demo server sends nothing); the supervisor opens the request, finds the agent in the access
// log (which names no requester), and resends the failed SMS: a new queued message appears and
// the failed one shows its copy instead of a button. The agent sees none of this. Run by
// tests/run.mjs; needs the sqlite3 command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { audit } from './axe.mjs';

export const profile = 'moia-1933';

const NAME = 'عبدالله المطيري';

export async function run(t) {
  const agent = await t.api('agent');
  const cats = await agent('GET', '/api/v1/categories');
  const cat = cats.body.items.find((c) => c.code === 'SPK-FAULT') ?? cats.body.items[0];
  const created = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: cat.id, channel: 'phone', description: 'مكبر الصوت لا يعمل',
    requester: { name: NAME, phone: '0501234567', email: '', national_id: '' }, site_id: null, priority: 'high',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  // Registering it for follow-up queues the "registered" SMS.
  const dispatched = await agent('POST', `/api/v1/cases/${id}/actions/dispatch`, { inputs: {} }, { 'If-Match': created.etag });
  assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
  assert.equal((await agent('GET', `/api/v1/cases/${id}`)).status, 200);  // the agent's view: logged
  const extras = await agent('GET', `/api/v1/cases/${id}/extras`);
  assert.ok(extras.body.messages.length > 0, 'dispatching queues the registered SMS');
  const mid = extras.body.messages[0].id;
  const file = t.server.store.replace(/^sqlite:/, '');
  const forced = spawnSync('sqlite3', ['-cmd', '.timeout 5000', file,
    `UPDATE outbox SET status = 'failed', attempts = 5, last_error = 'rejected by the SMSC' WHERE id = ${mid}`], { encoding: 'utf8' });
  assert.equal(forced.status, 0, `sqlite3: ${forced.stderr}`);
  t.step(`request ${id} viewed by the agent; message ${mid} failed`);

  // The supervisor, in Arabic (the demo users' language).
  const page = await t.page({ locale: 'ar-SA' });
  await t.login(page, 'supervisor', `/cases/${id}`);
  await page.getByTestId('case-view').waitFor();
  const failed = page.getByTestId(`message-${mid}`);
  await failed.waitFor();
  assert.equal(await failed.getAttribute('data-status'), 'failed');
  assert.equal((await failed.getByTestId('message-status').textContent()).trim(), 'فشلت');

  const log = page.getByTestId('access-log');
  assert.equal((await log.locator('summary').textContent()).trim(), 'سجل الاطلاع');
  await log.locator('summary').click();
  await log.locator('[data-testid=access-entry][data-username=agent]').first().waitFor();
  const logText = await log.textContent();
  assert.ok(!logText.includes(NAME), 'the access log names no requester');
  assert.ok(!logText.includes('501234567'), 'the access log shows no phone');
  await t.assertLabelled(page, 'request view (supervisor)');
  await audit(page, 'request view with messages and access log (supervisor)');
  await t.shot(page, 'case-audit-ar.png');
  t.step('the supervisor sees the agent in the access log');

  await page.getByTestId(`resend-${mid}`).click();
  await page.getByTestId(`resent-${mid}`).waitFor();
  const queued = page.locator('[data-testid=messages] li[data-status=queued]');
  await queued.first().waitFor();
  assert.equal(await page.getByTestId(`resend-${mid}`).count(), 0, 'a message is resent once');
  const after = await agent('GET', `/api/v1/cases/${id}/extras`);
  assert.equal(after.body.messages.length, extras.body.messages.length + 1);
  const copy = after.body.messages.find((m) => m.id !== mid && m.status === 'queued' && m.body === extras.body.messages[0].body);
  assert.ok(copy, 'the copy is queued with the same text');
  t.step(`message ${mid} resent as ${copy.id}`);

  // The agent's request view has neither part.
  const agentPage = await t.page({ locale: 'ar-SA' });
  await t.login(agentPage, 'agent', `/cases/${id}`);
  await agentPage.getByTestId('case-view').waitFor();
  assert.equal(await agentPage.getByTestId('access-log').count(), 0);
  assert.equal(await agentPage.getByTestId('messages').count(), 0);
}
