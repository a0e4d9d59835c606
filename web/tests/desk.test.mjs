// Browser test: the desk's everyday manners on moia-1933. Each role lands on its work; a slow
// server shows a loading bar; a double click on an action posts once and shows no false "someone
// else changed this"; a refused value is explained in the reader's language, naming the field,
// without the server's English. Run by tests/run.mjs.
import assert from 'node:assert/strict';

export const profile = 'moia-1933';

export async function run(t) {
  // The app's own words for a required field, not the browser's bubble in the browser's language.
  const login = await t.page({ locale: 'en-US' });
  await login.goto(`${t.base}/login`);
  await login.getByTestId('center-name').filter({ hasText: /\S/ }).waitFor();  // the login page names the center
  await login.getByTestId('username').fill('agent');
  await login.getByTestId('password').press('Enter');
  const required = login.locator('form [role=alert]').filter({ hasText: 'هذا الحقل مطلوب' });
  await required.waitFor();
  assert.equal(await login.getByTestId('password').getAttribute('aria-invalid'), 'true');
  await login.close();
  t.step('required fields checked by the app, in Arabic');

  // Landing pages: each role asked for nothing and lands on its own work.
  for (const [user, where] of [['unit_staff', '/inbox/unit'], ['analyst', '/reports'], ['dispatcher', '/inbox/triage'],
    ['supervisor', '/wallboard'], ['agent', '/console']]) {
    const p = await t.page({ locale: 'ar-SA' });
    await t.login(p, user, '/');
    await p.waitForURL((u) => u.pathname === where);
    await p.close();
  }
  t.step('each role lands on its work');

  // The dispatcher's worklists: only theirs, each with its count; new work raises the count live.
  const agent = await t.api('agent');
  const digits = (x) => Number((x ?? '').replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x660)).replace(/[^0-9]/g, ''));
  const desk = await t.page({ locale: 'ar-SA' });
  await t.login(desk, 'dispatcher', '/inbox/triage');
  const triageCount = desk.getByTestId('inbox-count-triage');
  await triageCount.waitFor();
  const before = digits(await triageCount.textContent());
  const staffTabs = await t.page({ locale: 'ar-SA' });
  await t.login(staffTabs, 'unit_staff', '/inbox/unit');
  await staffTabs.getByTestId('inbox-count-unit').waitFor();
  assert.deepEqual(await staffTabs.locator('nav.tabs a').evaluateAll((as) => as.map((a) => a.dataset.inbox)), ['mine', 'unit', 'mentions']);
  await staffTabs.close();
  const cats0 = (await agent('GET', '/api/v1/categories')).body.items;
  assert.equal((await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: cats0[0].id, channel: 'phone', description: 'طلب جديد', requester: { name: 'سعد', phone: '0501239876' },
  })).status, 201);
  await desk.waitForFunction(([id, n]) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    const v = Number((el?.textContent ?? '').replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x660)).replace(/[^0-9]/g, ''));
    return v === n + 1 && /^\(/.test(document.title);
  }, ['inbox-count-triage', before], { timeout: 15000 });
  await desk.close();
  t.step(`worklists per role with counts; new work raised triage from ${before} live`);

  // A request for the dispatcher to act on.
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const made = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: cats.find((c) => c.code === 'SPK-FAULT').id, channel: 'phone',
    description: 'مكبر الصوت معطل', requester: { name: 'سالم', phone: '0501230000' },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));

  const page = await t.page({ locale: 'ar-SA' });
  await t.login(page, 'dispatcher', `/cases/${made.body.id}`);
  await page.getByTestId('case-view').waitFor();
  // The server answers actions slowly: the loading bar shows, and a double click posts once.
  let posts = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && /\/actions\//.test(r.url())) posts++; });
  await page.route('**/api/v1/cases/*/actions/*', async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await page.locator('[data-open="dispatch"]').dblclick();
  await page.getByTestId('busy').waitFor({ state: 'visible' });
  await page.getByTestId('busy').waitFor({ state: 'hidden' });
  await page.getByTestId('case-view').waitFor();
  assert.equal(posts, 1, 'one post for a double click');
  const alerts = await page.locator('main [role=alert]').allTextContents();
  assert.ok(!alerts.some((x) => x.trim() !== ''), `no false conflict: ${JSON.stringify(alerts)}`);
  const after = (await (await t.api('dispatcher'))('GET', `/api/v1/cases/${made.body.id}`)).body;
  assert.equal(after.state, 'dispatched');
  t.step('loading bar shown; a double click posted once');

  // The timeline in words: no raw field names, clock names or event kinds.
  await page.getByTestId('timeline').locator('li').nth(2).waitFor();
  const events = await page.getByTestId('timeline').locator('li strong').allTextContents();
  for (const x of events) assert.doesNotMatch(x, /[a-z]+_[a-z]+|\bstatus\b|\bclock\b|\bsms\b|حدث:/, `raw identifier in "${x}"`);
  // And in Persian and English: words, never ids (an English word may be lower case, but never
  // snake_case, nor a bare field or event kind).
  for (const [l, other] of [['fa', /رویداد:/], ['en', /Event:|\bunit_id\b|\bfirst_response\b/]]) {
    await page.getByTestId('lang').selectOption(l);
    await page.waitForFunction((x) => document.documentElement.lang === x, l);
    await page.getByTestId('timeline').locator('li strong').first().waitFor();
    const words = await page.getByTestId('timeline').locator('li strong').allTextContents();
    for (const x of words) {
      assert.doesNotMatch(x, /[a-z]+_[a-z]+/, `${l}: raw identifier in "${x}"`);
      assert.doesNotMatch(x, other, `${l}: raw event in "${x}"`);
    }
  }
  await page.getByTestId('lang').selectOption('ar');
  t.step(`timeline in words in ar, fa and en (${events.length} events)`);

  // A refused phone number, in Arabic: the kind of problem and the field, no English.
  const c = await t.page({ locale: 'ar-SA' });
  await t.login(c, 'agent', '/console');
  await c.getByTestId('phone').fill('12');
  await c.getByTestId('requester-name').fill('سالم');
  await c.getByTestId('category-search').fill('مكبرات');
  await c.getByTestId('category-search').press('Enter');
  await c.getByTestId('description').fill('بلاغ');
  await c.getByTestId('register').click();
  const alert = c.locator('form[data-testid=register-form] [role=alert]').first();
  await alert.filter({ hasText: 'رقم الهاتف' }).waitFor();
  const text = await alert.textContent();
  assert.match(text, /قيمة غير مقبولة/);
  assert.doesNotMatch(text, /[A-Za-z]{4,}/, `no server English: ${text}`);
  t.step('a refused value explained in Arabic, naming the field');
}
