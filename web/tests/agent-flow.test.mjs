// Browser test: the agent's flow on moia-1933. An agent registers a phoned-in complaint in Arabic
// and sees its tracking code, and logs a guidance-only call; the request view lists exactly the
// server's actions and takes one with If-Match; the dispatcher refers it from the triage inbox with
// the unit picker; the citizen tracks it on the portal in Persian (the center's Hijri dates, Persian digits
// typed) and submits a request of their own on a phone-sized screen. Every control on the main
// screens has a label. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { PASSWORD, openAction, takeAction } from './harness.mjs';

export const profile = 'moia-1933';

export async function run(t) {
  const base = t.base;
  // A crisis tag the admins opened to agents, written with Arabic-Indic digits.
  const admin = await t.api('admin');
  const made = await admin('POST', '/api/v1/admin/tags', {
    name: 'COVID-19', names: { ar: 'كورونا ١٩', fa: 'کرونا', en: 'COVID-19' }, colour: '#b3261e', open_to_agents: true,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  // Agent, in Arabic.
  const page = await t.page({ locale: 'ar-SA' });
  await page.goto(`${base}/console`);
  await page.waitForURL(/\/login/);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.getByTestId('username').fill('agent');
  await page.getByTestId('password').fill(PASSWORD);
  await t.shot(page, 'login-ar.png');
  await t.assertLabelled(page, 'login');
  await page.keyboard.press('Enter');
  await page.getByTestId('register-form').waitFor();
  t.step('logged in as agent');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('h1').textContent(), 'تسجيل طلب');

  await t.assertLabelled(page, 'console');
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
  // The open tag is offered by its Arabic name; ticking it tags the request as it is registered.
  await page.getByTestId('register-tags').getByLabel('كورونا ١٩').check();
  await page.getByTestId('register').click();
  const code = (await page.getByTestId('tracking-code').textContent()).trim();
  const byTag = (await (await t.api('analyst'))('GET', '/api/v1/reports/breakdown?by=tag')).body.items;
  assert.deepEqual(byTag.map((x) => [x.key, x.count]), [['COVID-19', 1]], 'the request carries the tag');
  assert.match(code, /^[0-9A-Z-]{6,}$/, `tracking code ${code}`);
  t.step(`registered, tracking code ${code}`);
  await t.shot(page, 'agent-console-ar.png');
  const caseHref = await page.getByRole('link', { name: 'فتح الطلب' }).getAttribute('href');

  // A guidance-only call is one step: phone, what was said, one button.
  await page.getByTestId('another').click();
  await page.getByTestId('phone').fill('٠٥٥٩٨٧٦٥٤٣');
  await page.getByTestId('description').fill('استفسار عن مواعيد صلاة الجمعة');
  await page.getByTestId('guidance').click();
  await page.getByTestId('guidance-logged').waitFor();
  t.step('guidance-only call logged');

  // The request view lists exactly the actions the server returns.
  await page.goto(`${base}${caseHref}`);
  await page.getByTestId('case-view').waitFor();
  const caseId = page.url().match(/\/cases\/(\d+)/)[1];
  const serverActions = await page.evaluate(async (id) =>
    (await (await fetch(`/api/v1/cases/${id}/actions`)).json()).items.map((a) => a.name), caseId);
  const shown = await page.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')));
  // Grouped by purpose on screen (views/flow.ts), so compared as sets.
  assert.deepEqual([...shown].sort(), [...serverActions].sort());
  assert.ok(shown.length > 0);
  t.step(`request view shows the server's actions: ${shown.join(', ')}`);
  await t.shot(page, 'request-view-ar.png');
  await t.assertLabelled(page, 'request view');
  // Dates in the installation's calendar (moia-1933: Hijri Umm al-Qura), Arabic-Indic digits.
  assert.match(await page.getByTestId('case-created').textContent(), /^[\u0660-\u0669]+ .+ [\u0660-\u0669]{4} هـ/);

  // Taking an action posts with If-Match and re-reads the request and its actions.
  await takeAction(page, 'dispatch');
  await page.locator('form[data-action="dispatch"]').waitFor({ state: 'detached' });
  const after = await page.evaluate(async (id) =>
    (await (await fetch(`/api/v1/cases/${id}/actions`)).json()).items.map((a) => a.name), caseId);
  const shownAfter = await page.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')));
  assert.deepEqual([...shownAfter].sort(), [...after].sort());
  const state = await page.evaluate(async (id) => (await (await fetch(`/api/v1/cases/${id}`)).json()).state_label.ar, caseId);
  assert.equal((await page.getByTestId('case-state').textContent()).trim(), state);
  t.step(`dispatched; the view now shows state ${state} and actions [${after.join(', ')}]`);

  // The agent's own inbox lists it.
  await page.getByRole('link', { name: 'صناديق الوارد' }).click();
  await page.getByTestId('inbox').getByText(code).waitFor();
  t.step('inbox lists it');
  await t.shot(page, 'inbox-ar.png');

  // The dispatcher finds it in the triage inbox and refers it with the unit picker.
  const p3 = await t.page({ locale: 'ar-SA' });
  await p3.goto(`${base}/inbox/triage`);
  await p3.getByTestId('username').fill('dispatcher');
  await p3.getByTestId('password').fill(PASSWORD);
  await p3.keyboard.press('Enter');
  await p3.getByTestId('inbox').getByText(code).waitFor();
  await t.shot(p3, 'dispatcher-triage-ar.png');
  await p3.getByTestId('inbox').getByRole('link', { name: code }).click();
  await p3.getByTestId('case-view').waitFor();
  const refer = await openAction(p3, 'refer');
  await refer.locator('select[data-input="unit_id"]').selectOption({ index: 1 });
  await refer.locator('button[type=submit]').click();
  await p3.getByTestId('case-view').getByRole('status').getByText('تم.').waitFor();
  const referred = await p3.evaluate(async (id) => (await (await fetch(`/api/v1/cases/${id}`)).json()), caseId);
  assert.equal(referred.status, 'referred');
  assert.equal((await p3.getByTestId('case-state').textContent()).trim(), referred.state_label.ar);
  t.step(`dispatcher referred it to unit ${referred.unit_id}`);

  // The citizen, on a phone, in Persian: track by code and phone (Persian digits).
  const p2 = await t.page({ locale: 'fa-IR', phone: true });
  await p2.goto(`${base}/portal/track`);
  await p2.getByTestId('lang').selectOption('fa');
  await p2.getByTestId('track-code').waitFor();
  assert.equal(await p2.getAttribute('html', 'lang'), 'fa');
  assert.equal(await p2.getAttribute('html', 'dir'), 'rtl');
  await p2.getByTestId('track-code').fill(code);
  await p2.getByTestId('track-phone').fill('۰۵۵۱۲۳۴۵۶۷');
  await p2.getByTestId('track').click();
  assert.equal((await p2.getByTestId('track-status').textContent()).trim(), 'ارجاع‌شده');
  // The Persian visitor sees the center's calendar (1933 keeps Hijri dates), in Persian digits,
  // and the portal names the center.
  assert.match(await p2.getByTestId('track-created').textContent(), /۱۴۴[۰-۹]/);
  assert.match(await p2.getByTestId('center-name').textContent(), /\S/);
  t.step('tracked on the portal in Persian');
  await t.shot(p2, 'portal-track-fa.png');

  // English is left-to-right.
  await p2.getByTestId('lang').selectOption('en');
  await p2.getByTestId('track-code').waitFor();
  assert.equal(await p2.getAttribute('html', 'dir'), 'ltr');
  await p2.getByTestId('lang').selectOption('fa');
  await p2.getByTestId('track-code').waitFor();

  // And submits one of their own.
  await p2.getByRole('link', { name: 'ارسال درخواست' }).click();
  await p2.getByTestId('p-description').waitFor();
  await t.assertLabelled(p2, 'portal');
  await p2.getByTestId('p-category-search').fill('نظافت');
  await p2.getByTestId('p-category').selectOption({ index: 0 });
  await p2.getByTestId('p-description').fill('فرش مسجد نیاز به نظافت دارد');
  await p2.getByTestId('p-name').fill('مریم');
  await p2.getByTestId('p-phone').fill('۰۵۵۷۶۵۴۳۲۱');
  await p2.getByTestId('p-submit').click();
  const code2 = (await p2.getByTestId('p-code').textContent()).trim();
  assert.match(code2, /^[0-9A-Z-]{6,}$/);
  t.step(`portal submission, tracking code ${code2}`);
  await t.shot(p2, 'portal-submit-fa.png');
}
