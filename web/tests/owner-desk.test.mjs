// Browser test: the request view and the worklist as a desk (moia-1933). The dispatcher reads a
// request's header (the time left, its owner, unit and site), its site's card and the citizen's
// photo as a thumbnail, and takes the request: the header and the timeline say who has it now.
// On the triage worklist they filter to what no one has taken, sort by the time left, pick two
// rows and give them to the agent at once; the agent's "mine" then lists them. Run by
// tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';

export const profile = 'moia-1933';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f80f00000101000518d84e0000000049454e44ae426082', 'hex');

export async function run(t) {
  const agent = await t.api('agent');
  const dispatcher = await t.api('dispatcher');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const sites = (await agent('GET', '/api/v1/sites')).body.items;
  const site = sites.find((s) => s.active);
  assert.ok(site, 'the demo has a site');
  const make = async (text, withSite) => {
    const r = await agent('POST', '/api/v1/cases', {
      type: 'complaint', category_id: cats[0].id, channel: 'phone', description: text,
      site_id: withSite ? site.id : undefined, requester: { name: 'ناصر', phone: '0501231111' },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const first = await make('تكييف المسجد معطل منذ أسبوع', true);
  const second = await make('إنارة المسجد الخارجية لا تعمل', false);
  const third = await make('تسرب مياه في دورات المياه', false);
  const login = await (await fetch(`${t.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'agent', password: 'tawasul-demo' }) })).json();
  const up = await fetch(`${t.base}/api/v1/cases/${first.id}/attachments?filename=photo.png`, { method: 'POST',
    headers: { Authorization: `Bearer ${login.token}`, 'Content-Type': 'image/png' }, body: PNG });
  assert.equal(up.status, 201, await up.text());
  const people = (await dispatcher('GET', '/api/v1/colleagues')).body.items;
  const agentName = people.find((p) => p.role === 'agent').name;
  const dispatcherName = people.find((p) => p.role === 'dispatcher').name;

  // ---- The request view: header, location card, thumbnail; take it.
  const page = await t.page({ locale: 'ar-SA' });
  await t.login(page, 'dispatcher', `/cases/${first.id}`);
  const head = page.getByTestId('case-head');
  await head.waitFor();
  assert.match(await head.getByTestId('countdown').textContent(), /الموعد|متأخر|لا موعد/);
  assert.equal((await head.getByTestId('owner-name').textContent()).trim(), 'لا أحد');
  assert.equal((await page.getByTestId('location').getByTestId('site-name').textContent()).trim(), site.name.ar);
  const thumb = page.locator('img.thumb').first();
  await thumb.waitFor();
  await page.waitForFunction(() => { const i = document.querySelector('img.thumb'); return i && i.complete && i.naturalWidth > 0; });
  // No action form is open until one is chosen.
  assert.equal(await page.locator('form[data-action]:visible').count(), 0);
  await audit(page, 'request view with header, location and thumbnail (ar)');
  await t.shot(page, 'request-view-desk-ar.png');
  await head.getByTestId('claim').click();
  await page.getByTestId('owner-name').filter({ hasText: dispatcherName }).waitFor();
  await page.getByTestId('timeline').getByText(`أصبح الطلب لدى ${dispatcherName}`).waitFor();
  assert.equal((await dispatcher('GET', `/api/v1/cases/${first.id}`)).body.owner_id, people.find((p) => p.role === 'dispatcher').id);
  t.step('dispatcher read the header, the site card and the photo, and took the request');

  // An internal note that tells the agent, with the colleague picker.
  const agentUser = people.find((p) => p.role === 'agent');
  await page.getByTestId('note-text').fill('المواطن يطلب معاودة الاتصال بعد العصر');
  await page.getByTestId('note-mention').selectOption(agentUser.username);
  assert.match(await page.getByTestId('note-text').inputValue(), new RegExp(`@${agentUser.username} $`));
  await page.getByTestId('note-add').click();
  await page.getByTestId('timeline').getByText('المواطن يطلب معاودة الاتصال بعد العصر', { exact: false }).waitFor();
  t.step('a note mentioning the agent is on the timeline');

  // ---- The worklist: unclaimed only, sorted by the time left; two given to the agent at once.
  await page.goto(`${t.base}/inbox/triage`);
  const table = page.getByTestId('inbox');
  await table.locator(`tr[data-case="${first.id}"]`).waitFor();
  assert.match(await table.locator(`tr[data-case="${first.id}"]`).textContent(), new RegExp(dispatcherName));
  await page.getByTestId('filter-owner').selectOption('none');
  await page.getByTestId('filters').getByRole('button', { name: 'عرض' }).click();
  await table.locator(`tr[data-case="${first.id}"]`).waitFor({ state: 'detached' });
  await table.locator(`tr[data-case="${second.id}"]`).waitFor();
  const dueSort = page.locator('th button[data-sort="due"]');
  await dueSort.click();
  assert.equal(await page.locator('th:has(button[data-sort="due"])').getAttribute('aria-sort'), 'ascending');
  assert.equal(await page.getByTestId('bulk-bar').isVisible(), false, 'no bulk actions before a row is picked');
  for (const c of [second, third]) await page.getByTestId(`select-${c.id}`).check();
  await page.getByTestId('bulk-bar').waitFor();
  await page.getByTestId('selected-count').filter({ hasText: '٢' }).waitFor();
  await audit(page, 'worklist with filters and two rows selected (ar)');
  await t.shot(page, 'worklist-bulk-ar.png');
  await page.getByTestId('bulk-assignee').selectOption({ label: agentName });
  await page.getByTestId('bulk-assign').click();
  await page.locator('[role=status]').filter({ hasText: 'حُدّث ٢' }).waitFor();
  // Taken rows leave the "no one" view.
  await table.locator(`tr[data-case="${second.id}"]`).waitFor({ state: 'detached' });
  for (const c of [second, third]) {
    assert.equal((await dispatcher('GET', `/api/v1/cases/${c.id}`)).body.owner_id, people.find((p) => p.role === 'agent').id);
  }
  // The filter is remembered for this worklist.
  await page.reload();
  assert.equal(await page.getByTestId('filter-owner').inputValue(), 'none');
  t.step('filtered to unclaimed, sorted by time left, and gave two requests to the agent at once');

  // ---- The agent's "mine" lists what was given to them.
  const ap = await t.page({ locale: 'ar-SA' });
  await t.login(ap, 'agent', '/inbox/mine');
  for (const c of [second, third]) await ap.getByTestId('inbox').locator(`tr[data-case="${c.id}"]`).waitFor();
  assert.equal(await ap.getByTestId('inbox').locator(`tr[data-case="${first.id}"]`).count(), 0, 'taken by the dispatcher: not the agent\'s');
  t.step('the agent\'s "mine" lists the two');

  // The agent's mentions: one new, opened from the list, then seen.
  await ap.getByTestId('inbox-count-mentions').filter({ hasText: '١' }).waitFor();
  await ap.locator('nav.tabs a[data-inbox="mentions"]').click();
  const mention = ap.getByTestId('mentions').locator('li.unseen').first();
  await mention.getByText(dispatcherName, { exact: false }).waitFor();
  await audit(ap, 'mentions list (ar)');
  await mention.getByRole('link').click();
  await ap.getByTestId('case-view').waitFor();
  await ap.waitForFunction(async () => (await (await fetch('/api/v1/mentions?unseen=true')).json()).items.length === 0);
  t.step('the agent opened the mention from their list; it is seen');
}
