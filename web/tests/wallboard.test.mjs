// Browser test: the supervisors' wallboard, live. A supervisor opens /wallboard in Arabic (RTL,
// labels from the server in Arabic); an agent registers a request through the REST API and logs a
// contact; the wallboard's counts change without a reload or a navigation (the live socket tells
// it to refetch), and so does the triage inbox. The nav links to it for supervisors and not for
// agents. Run by tests/run.mjs.
import assert from 'node:assert/strict';

export const profile = 'moia-1933';

export async function run(t) {
  const page = await t.page({ locale: 'ar-SA' });
  await t.login(page, 'supervisor', '/wallboard');
  const board = page.getByTestId('wallboard');
  await board.waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('h1').textContent(), 'لوحة المتابعة');
  assert.equal(await page.getByRole('link', { name: 'لوحة المتابعة' }).getAttribute('aria-current'), 'page');
  // The socket is listening (the server said "ready") before anything changes.
  await page.waitForSelector('[data-testid="wallboard"][data-live="ready"]');
  t.step('wallboard open and live');

  const count = async (id) => Number(await page.getByTestId(id).getAttribute('data-count'));
  // Requests waiting for their first answer past its due time have their own tile.
  const wall = (await (await t.api('supervisor'))('GET', '/api/v1/wallboard')).body;
  assert.equal(await count('first-overdue'), wall.first_response.breached, 'first response overdue = API');
  const requestsBefore = await count('today-requests');
  const newBefore = Number(await page.locator('[data-testid="by-status"] tr[data-key="new"] td').getAttribute('data-count'));
  assert.equal(await page.locator('[data-testid="by-status"] tr[data-key="new"] th').textContent(), 'جديد');
  // A reload or a navigation would lose this.
  await page.evaluate(() => { window.__sameDocument = true; });
  const url = page.url();

  const agent = await t.api('agent');
  const categories = await agent('GET', '/api/v1/categories');
  const items = Array.isArray(categories.body) ? categories.body : categories.body.items;
  const category = items.find((c) => c.code === 'SPK-FAULT') ?? items[0];
  const created = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: category.id, channel: 'phone', priority: 'high',
    description: 'مكبر الصوت في المسجد لا يعمل', requester: { name: 'عبدالله', phone: '0501234567' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  t.step(`agent registered request ${created.body.id}`);

  await page.waitForFunction((before) =>
    Number(document.querySelector('[data-testid="today-requests"]')?.getAttribute('data-count')) === before + 1,
  requestsBefore);
  assert.equal(Number(await page.locator('[data-testid="by-status"] tr[data-key="new"] td').getAttribute('data-count')), newBefore + 1);
  // The number shown is the new one, in Arabic-Indic digits.
  assert.equal(await page.getByTestId('today-requests').textContent(),
    new Intl.NumberFormat('ar-SA').format(requestsBefore + 1));

  const contactsBefore = await count('today-contacts');
  const contact = await agent('POST', '/api/v1/contacts', { channel: 'phone', direction: 'inbound', outcome: 'guidance' });
  assert.equal(contact.status, 201, JSON.stringify(contact.body));
  await page.waitForFunction((before) =>
    Number(document.querySelector('[data-testid="today-contacts"]')?.getAttribute('data-count')) === before + 1,
  contactsBefore);
  // The change was announced politely.
  assert.match(await page.getByTestId('wallboard-announce').textContent(), /اتصالات اليوم/);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  assert.equal(page.url(), url, 'no navigation');
  t.step('counts updated live');
  await t.assertLabelled(page, 'wallboard');
  await t.shot(page, 'wallboard-ar.png');

  // The inboxes listen too: the triage inbox lists a new request without a reload.
  await page.evaluate(() => { history.pushState(null, '', '/inbox/triage'); dispatchEvent(new PopStateEvent('popstate')); });
  const rows = page.locator('[data-testid="inbox"] tbody tr');
  await rows.first().waitFor();
  const rowsBefore = await rows.count();
  assert.ok(rowsBefore < 50, 'the first page is not full');
  const another = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: category.id, channel: 'phone', priority: 'low',
    description: 'الإنارة في الممر مطفأة', requester: { name: 'سالم', phone: '0507654321' },
  });
  assert.equal(another.status, 201, JSON.stringify(another.body));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="inbox"] tbody tr').length === n + 1, rowsBefore);
  assert.equal(await rows.first().locator('a').textContent(), another.body.tracking_code, 'newest first');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload');
  t.step('triage inbox updated live');

  // Agents have no wallboard link, and the server refuses them.
  const agentPage = await t.page({ locale: 'ar-SA' });
  await t.login(agentPage, 'agent', '/console');
  assert.equal(await agentPage.getByRole('link', { name: 'لوحة المتابعة' }).count(), 0);
  assert.equal((await agent('GET', '/api/v1/wallboard')).status, 403);
}
