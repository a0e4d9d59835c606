// Browser test: administration in Persian on moia-1933. The admin adds a category under an
// existing parent with names in three languages, a unit, a site and a user with a role; edits a
// notification template, where a bad placeholder is refused with the server's message shown next
// to the text; and adds a one-off holiday typed in Persian digits. Each change is checked through
// the REST API; an SLA policy's resolution target is changed (a bad duration is refused next to
// its field). The workflow and SLA screens render what the server has; other roles get no
// admin link and a refusal. Run by tests/run.mjs.
import assert from 'node:assert/strict';

export const profile = 'moia-1933';

export async function run(t) {
  const rest = await t.api('admin');
  const page = await t.page({ locale: 'fa-IR' });
  await t.login(page, 'admin', '/admin/taxonomy');
  await page.getByTestId('admin-taxonomy-screen').waitFor();
  await page.getByTestId('lang').selectOption('fa');
  await page.locator('h1', { hasText: 'مدیریت' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.ok(await page.getByRole('link', { name: 'مدیریت' }).isVisible(), 'admins get the nav link');
  await t.assertLabelled(page, 'admin categories');
  t.step('admin screen in Persian');

  // A category under an existing top-level category, named in three languages.
  const cats = (await rest('GET', '/api/v1/categories')).body.items;
  const parent = cats.find((c) => c.parent_id === null && c.active);
  let form = page.getByTestId('category-form');
  await form.getByTestId('code').fill('TEST-LIGHTS');
  await form.getByTestId('name-ar').fill('إنارة المصلى');
  await form.getByTestId('name-fa').fill('روشنایی نمازخانه');
  await form.getByTestId('name-en').fill('Prayer hall lighting');
  await form.getByTestId('parent').selectOption(String(parent.id));
  await form.getByTestId('save').click();
  await page.getByTestId('flash').getByText('ذخیره شد.').waitFor();
  await page.locator('[data-testid="category-tree"] li[data-code="TEST-LIGHTS"]').waitFor();
  const cat = (await rest('GET', '/api/v1/categories')).body.items.find((c) => c.code === 'TEST-LIGHTS');
  assert.ok(cat, 'the category is stored');
  assert.equal(cat.parent_id, parent.id);
  assert.deepEqual(cat.name, { ar: 'إنارة المصلى', fa: 'روشنایی نمازخانه', en: 'Prayer hall lighting' });
  // A code already in use: the server's 409 is shown next to the code.
  form = page.getByTestId('category-form');
  await form.getByTestId('code').fill('TEST-LIGHTS');
  await form.getByTestId('name-fa').fill('تکراری');
  await form.getByTestId('save').click();
  await form.locator('[data-testid="error-code"]').waitFor();
  assert.equal(await form.getByTestId('code').getAttribute('aria-invalid'), 'true');
  t.step('category added under its parent');

  // A department under a directorate.
  await page.getByTestId('admin-units').click();
  await page.getByTestId('unit-form').waitFor();
  await t.assertLabelled(page, 'admin units');
  const units = (await rest('GET', '/api/v1/units')).body.items;
  const directorate = units.find((u) => u.kind === 'directorate') ?? units[0];
  form = page.getByTestId('unit-form');
  await form.getByTestId('code').fill('DEP-TEST');
  await form.getByTestId('name-ar').fill('إدارة الاختبار');
  await form.getByTestId('name-fa').fill('ادارهٔ آزمایش');
  await form.getByTestId('name-en').fill('Test department');
  await form.getByTestId('kind').selectOption('department');
  await form.getByTestId('parent').selectOption(String(directorate.id));
  await form.getByTestId('save').click();
  await page.locator('[data-testid="unit-tree"] li[data-code="DEP-TEST"]').waitFor();
  const unit = (await rest('GET', '/api/v1/units')).body.items.find((u) => u.code === 'DEP-TEST');
  assert.ok(unit, 'the unit is stored');
  assert.equal(unit.parent_id, directorate.id);
  assert.equal(unit.kind, 'department');
  assert.equal(unit.name.fa, 'ادارهٔ آزمایش');
  t.step('unit added');

  // A mosque.
  await page.getByTestId('admin-sites').click();
  await page.getByTestId('site-form').waitFor();
  await t.assertLabelled(page, 'admin sites');
  form = page.getByTestId('site-form');
  await form.getByTestId('code').fill('MSQ-TEST-1');
  await form.getByTestId('name-ar').fill('جامع الاختبار');
  await form.getByTestId('name-fa').fill('مسجد جامع آزمایش');
  await form.getByTestId('name-en').fill('Test Grand Mosque');
  await form.getByTestId('kind').selectOption('mosque');
  await form.getByTestId('region').fill('الرياض');
  await form.getByTestId('district').fill('العليا');
  await form.getByTestId('save').click();
  await page.locator('[data-testid="site-list"] tr[data-code="MSQ-TEST-1"]').waitFor();
  const site = (await rest('GET', '/api/v1/sites')).body.items.find((s) => s.code === 'MSQ-TEST-1');
  assert.ok(site, 'the site is stored');
  assert.equal(site.district, 'العليا');
  assert.equal(site.name.en, 'Test Grand Mosque');
  t.step('site added');

  // A routing rule: the new mosque's maintenance reports go to the Makkah branch's department.
  // The profile's fourteen region rules are listed; a duplicate is refused next to its field.
  await page.getByTestId('admin-routing').click();
  await page.getByTestId('rule-form').waitFor();
  await t.assertLabelled(page, 'admin routing');
  const before = (await rest('GET', '/api/v1/admin/routing-rules')).body.items;
  assert.equal(await page.locator('[data-testid="rule-list"] tbody tr').count(), before.length);
  const maint = (await rest('GET', '/api/v1/categories')).body.items.find((c) => c.code === 'MAINT');
  const makMaint = (await rest('GET', '/api/v1/units')).body.items.find((u) => u.code === 'MAK-MAINT');
  const addRule = async () => {
    const rf = page.getByTestId('rule-form');
    await rf.getByTestId('rule-category').selectOption(String(maint.id));
    await rf.getByTestId('rule-site').selectOption(String(site.id));
    await rf.getByTestId('rule-unit').selectOption(String(makMaint.id));
    await rf.getByTestId('save').click();
  };
  await addRule();
  await page.locator('[data-testid="rule-list"] tbody tr').nth(before.length).waitFor();
  const rule = (await rest('GET', '/api/v1/admin/routing-rules')).body.items.find((x) => x.site_id === site.id);
  assert.ok(rule, 'the rule is stored');
  assert.equal(rule.unit_id, makMaint.id);
  assert.equal(rule.category_id, maint.id);
  await addRule();
  await page.getByTestId('rule-form').locator('[data-testid="error-category_id"]').waitFor();
  t.step('routing rule added; a duplicate refused by field');

  // A monthly report for the Makkah branch: listed, and sent now (its month recorded).
  await page.getByTestId('admin-schedules').click();
  await page.getByTestId('schedule-form').waitFor();
  await t.assertLabelled(page, 'admin schedules');
  const branch = (await rest('GET', '/api/v1/units')).body.items.find((u) => u.code === 'BR-MAKKAH');
  const sf = page.getByTestId('schedule-form');
  await sf.getByTestId('schedule-unit').selectOption(String(branch.id));
  await sf.getByTestId('schedule-recipients').fill('not-an-address');
  await sf.getByTestId('save').click();
  await sf.locator('[data-testid^="error-recipients"]').waitFor();
  await sf.getByTestId('schedule-recipients').fill('makkah@moia.example.sa\nreports@moia.example.sa');
  await sf.getByTestId('save').click();
  await page.locator('[data-testid="schedule-list"] tbody tr').first().waitFor();
  await page.getByTestId('schedule-send').first().click();
  await page.locator('[data-testid="schedule-list"] tbody tr td:nth-child(4) bdi').first().waitFor();
  const sched = (await rest('GET', '/api/v1/admin/report-schedules')).body.items.find((x) => x.unit_id === branch.id);
  assert.deepEqual(sched.recipients, ['makkah@moia.example.sa', 'reports@moia.example.sa']);
  assert.match(sched.last_period ?? '', /^\d{4}-\d{2}$/, 'sent now: the Hijri month is recorded');
  t.step(`monthly report scheduled and sent (${sched.last_period})`);

  // An app that files reports over Open311: its key shown once, then revoked.
  await page.getByTestId('admin-apps').click();
  await page.getByTestId('app-form').waitFor();
  await t.assertLabelled(page, 'admin apps');
  await page.getByTestId('app-name').fill('Baladi');
  await page.getByTestId('app-form').getByTestId('save').click();
  const shown = await page.getByTestId('app-key').locator('code').textContent();
  assert.ok(shown && shown.length >= 32, 'the key is shown once');
  const filed = await fetch(`${t.base}/open311/v2/requests.json`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: shown, service_code: 'SPK-FAULT', lat: '24.69', long: '46.68', description: 'مكبر الصوت معطل' }),
  });
  assert.equal(filed.status, 201, 'the key files a report');
  await page.getByTestId('admin-apps').click();
  await page.locator('[data-testid="app-list"] tr[data-app]').first().waitFor();
  page.once('dialog', (dlg) => void dlg.accept());
  await page.getByTestId('app-revoke').first().click();
  await page.getByTestId('flash').waitFor();
  await page.locator('[data-testid="app-list"] tr[data-app] td:nth-child(3)').filter({ hasNotText: '—' }).first().waitFor();
  const refused = await fetch(`${t.base}/open311/v2/requests.json`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: shown, service_code: 'SPK-FAULT', lat: '24.69', long: '46.68', description: 'x' }),
  });
  assert.equal(refused.status, 403, 'a revoked key files nothing');
  t.step('an app given an Open311 key files a report; revoked, it is refused');

  // A dispatcher who works in Persian.
  await page.getByTestId('admin-users').click();
  await page.getByTestId('user-form').waitFor();
  await t.assertLabelled(page, 'admin users');
  form = page.getByTestId('user-form');
  await form.getByTestId('username').fill('dispatcher.fa');
  await form.getByTestId('display-name').fill('زهرا احمدی');
  await form.getByTestId('new-password').fill('short');
  await form.getByTestId('role').selectOption('dispatcher');
  await form.getByTestId('user-language').selectOption('fa');
  await form.getByTestId('save').click();
  // The server refuses the short password; its message sits under the password field.
  const pwError = form.locator('.field:has([data-testid="new-password"]) [data-testid="error-password"]');
  await pwError.waitFor();
  assert.equal(await pwError.textContent(), 'گذرواژه باید دست‌کم ۸ نویسه باشد.');
  await form.getByTestId('new-password').fill('a-long-enough-password');
  await form.getByTestId('save').click();
  await page.locator('[data-testid="user-list"] tr[data-username="dispatcher.fa"]').waitFor();
  const user = (await rest('GET', '/api/v1/users')).body.items.find((u) => u.username === 'dispatcher.fa');
  assert.ok(user, 'the user is stored');
  assert.equal(user.role, 'dispatcher');
  assert.equal(user.language, 'fa');
  const login = await fetch(`${t.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'dispatcher.fa', password: 'a-long-enough-password' }) });
  assert.equal(login.status, 200, 'the new user can log in with the password set');
  t.step('user added with a role');

  // Workflows and service levels are shown as the server has them.
  await page.getByTestId('admin-workflows').click();
  await page.getByTestId('workflows').waitFor();
  const wfs = (await rest('GET', '/api/v1/workflows')).body.items;
  assert.equal(await page.locator('[data-workflow]').count(), wfs.length);
  await page.getByTestId('admin-sla').click();
  await page.getByTestId('sla').waitFor();
  const sla = (await rest('GET', '/api/v1/admin/sla')).body;
  assert.equal(await page.locator('[data-testid="sla"] tbody tr').count(), sla.policies.length);
  await t.assertLabelled(page, 'admin sla');
  // A policy's targets: a bad duration is refused next to its field; a good one is stored.
  const policy = sla.policies.find((p) => p.name === 'inquiries');
  assert.ok(policy, 'moia-1933 has the inquiries policy');
  form = page.locator('form[data-policy="inquiries"]');
  await form.getByTestId('sla-inquiries-resolution').fill('دو روز');
  await form.getByTestId('save').click();
  const durationError = form.locator('.field:has([data-testid="sla-inquiries-resolution"]) [data-testid="error-resolution"]');
  await durationError.waitFor();
  assert.match(await durationError.textContent(), /مدتی مانند/);
  assert.equal(await form.getByTestId('sla-inquiries-resolution').getAttribute('aria-invalid'), 'true');
  assert.equal((await rest('GET', '/api/v1/admin/sla')).body.policies.find((p) => p.name === 'inquiries').resolution_minutes,
    policy.resolution_minutes, 'the refused value is not stored');
  await form.getByTestId('sla-inquiries-resolution').fill('۳h');
  await form.getByTestId('sla-inquiries-warning_share').fill('۶۰');
  await form.getByTestId('save').click();
  await page.getByTestId('flash').getByText('سیاست تغییر کرد', { exact: false }).waitFor();
  const edited = (await rest('GET', '/api/v1/admin/sla')).body.policies.find((p) => p.name === 'inquiries');
  assert.equal(edited.resolution_minutes, 180);
  assert.equal(edited.warning_share, 0.6);
  assert.equal(edited.first_response_minutes, policy.first_response_minutes, 'the other target is kept');
  assert.equal(edited.first_response_calendar, policy.first_response_calendar);
  t.step('SLA policy edited');

  // A template: a bad placeholder is refused next to the text; a good text is stored.
  await page.getByTestId('admin-templates').click();
  await page.getByTestId('templates').waitFor();
  await t.assertLabelled(page, 'admin templates');
  await page.getByTestId('template-box-registered').locator('summary').click();
  const tpl = page.locator('form[data-template="registered"]');
  const fa = tpl.getByTestId('tpl-registered-sms-fa');
  await fa.fill('درخواست شما با کد {tracking_cod} ثبت شد');
  await tpl.getByTestId('save').click();
  const error = tpl.locator('.field:has([data-testid="tpl-registered-sms-fa"]) [data-testid="error-sms.fa"]');
  await error.waitFor();
  assert.match(await error.textContent(), /متغیر ناشناخته.*\{tracking_cod\}/);
  assert.equal(await fa.getAttribute('aria-invalid'), 'true');
  await t.shot(page, 'admin-templates-error-fa.png');
  let stored = (await rest('GET', '/api/v1/admin/templates')).body.items.find((x) => x.name === 'registered');
  assert.notEqual(stored.sms.fa, 'درخواست شما با کد {tracking_cod} ثبت شد', 'the bad text is not stored');
  const good = 'درخواست شما با کد {tracking_code} در {center_name} ثبت شد';
  await fa.fill(good);
  await tpl.getByTestId('save').click();
  await page.getByTestId('flash').getByText('ذخیره شد.').waitFor();
  stored = (await rest('GET', '/api/v1/admin/templates')).body.items.find((x) => x.name === 'registered');
  assert.equal(stored.sms.fa, good);
  t.step('template edited; bad placeholder refused next to the field');

  // A one-off holiday in the Jalali calendar, typed in Persian digits.
  await page.getByTestId('admin-calendars').click();
  await page.getByTestId('holiday-form').waitFor();
  await t.assertLabelled(page, 'admin calendars');
  // Calendars and holidays by their names in Persian, not their ids.
  await page.locator('section[data-calendar="units"] h2').filter({ hasText: 'ساعات کاری واحدها' }).waitFor();
  const headings = await page.locator('section[data-calendar] h2').allTextContents();
  assert.ok(!headings.some((x) => /^[a-z_]+$/.test(x.trim())), `no raw ids: ${headings.join(' | ')}`);
  form = page.getByTestId('holiday-form');
  await form.getByTestId('holiday-calendar').selectOption('units');
  await form.getByTestId('holiday-name').fill('تعطیلی آزمایشی');
  await form.getByTestId('holiday-kind').selectOption('jalali');
  // The days are picked (or typed) on a Jalali grid; the year comes from the first day.
  assert.equal(await form.getByTestId('holiday-from').getAttribute('data-datepicker'), 'persian');
  await form.getByTestId('holiday-from').fill('۱۴۰۵/۰۱/۳۲');
  await form.getByTestId('holiday-from').press('Tab');
  await form.getByTestId('save').click();
  const dayError = form.locator('.field:has([data-testid="holiday-from"]) [data-testid="error-from"]');
  await dayError.waitFor();  // no 32nd of Farvardin
  assert.ok((await dayError.textContent()).trim().length > 0);
  await form.getByTestId('holiday-from').fill('۱۴۰۵/۰۱/۱۴');
  await form.getByTestId('holiday-from').press('Tab');
  await form.getByTestId('save').click();
  await page.getByTestId('flash').getByText('تعطیلی افزوده شد.').waitFor();
  await page.locator('[data-calendar="units"] tr[data-holiday="تعطیلی آزمایشی@1405"]').waitFor();
  const cal = (await rest('GET', '/api/v1/admin/calendars')).body.items.find((c) => c.name === 'units');
  assert.ok(cal.holidays.some((h) => h.name === 'تعطیلی آزمایشی' && h.year === 1405 && h.calendar === 'jalali' && h.from === '01-14' && h.to === '01-14'),
    'the holiday is stored');
  t.step('holiday added');
  // A holiday kept every year, two days, on the Jalali grid.
  form = page.getByTestId('holiday-form');
  await form.getByTestId('holiday-calendar').selectOption('units');
  await form.getByTestId('holiday-name').fill('روز آزمایشی');
  await form.getByTestId('holiday-kind').selectOption('jalali');
  await form.getByTestId('holiday-every-year').check();
  await form.getByTestId('holiday-from').fill('۱۴۰۵/۰۲/۰۱');
  await form.getByTestId('holiday-to').fill('۱۴۰۵/۰۲/۰۲');
  await form.getByTestId('holiday-to').press('Tab');
  await form.getByTestId('save').click();
  await page.getByTestId('flash').getByText('تعطیلی افزوده شد.').waitFor();
  const yearly = page.locator('[data-calendar="units"] tr[data-holiday="روز آزمایشی@"]');
  await yearly.waitFor();
  assert.match(await yearly.textContent(), /اردیبهشت/);
  let cals = (await rest('GET', '/api/v1/admin/calendars')).body.items.find((c) => c.name === 'units');
  assert.ok(cals.holidays.some((h) => h.name === 'روز آزمایشی' && h.year === null && h.from === '02-01' && h.to === '02-02'), 'kept every year');
  await yearly.locator('button').click();
  await page.getByTestId('flash').getByText('تعطیلی حذف شد.').waitFor();
  cals = (await rest('GET', '/api/v1/admin/calendars')).body.items.find((c) => c.name === 'units');
  assert.ok(!cals.holidays.some((h) => h.name === 'روز آزمایشی'), 'the yearly holiday is removed');
  t.step('a holiday every year added on the Jalali grid and removed');
  await t.shot(page, 'admin-calendars-fa.png');
  // And removed again from its row.
  await page.locator('[data-calendar="units"] tr[data-holiday="تعطیلی آزمایشی@1405"] button').click();
  await page.getByTestId('flash').getByText('تعطیلی حذف شد.').waitFor();
  const after = (await rest('GET', '/api/v1/admin/calendars')).body.items.find((c) => c.name === 'units');
  assert.ok(!after.holidays.some((h) => h.name === 'تعطیلی آزمایشی'), 'the holiday is removed');

  await page.getByTestId('admin-taxonomy').click();
  await page.getByTestId('category-form').waitFor();
  await t.shot(page, 'admin-fa.png');

  // Other roles: no link, and the screen refuses them.
  const other = await t.page({ locale: 'fa-IR' });
  await t.login(other, 'supervisor', '/admin/users');
  await other.getByText('این صفحه فقط برای مدیران سامانه است.').or(other.getByText('هذه الصفحة للمسؤولين فقط.')).or(other.getByText('Only administrators can open this page.')).waitFor();
  assert.equal(await other.locator('header a[href^="/admin"]').count(), 0);
}
