// Browser test: an administrator (Persian UI) edits a workflow's TOML in /admin on moia-1933. A
// syntax error comes back with its line, shown next to the editor with that line selected; the
// fixed definition renames an action and adds one, and the dispatcher's request view then offers
// the new action. Removing a state that holds open requests is refused with the states listed;
// a new workflow is created by code.
// A user's password is reset from the user form (a short one is refused next to the field) and
// the user signs in with it; the survey's settings are changed in a form. Run by tests/run.mjs.
import assert from 'node:assert/strict';

export const profile = 'moia-1933';

/** The 1-based line of the first line of `text` starting with `prefix`. */
function lineOf(text, prefix) {
  return text.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;
}

export async function run(t) {
  const rest = await t.api('admin');
  const agent = await t.api('agent');
  // A new request in report_followup, waiting in its first state.
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const category = cats.find((c) => c.code === 'SPK-FAULT');
  const created = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: category.id, channel: 'phone', description: 'بلندگوی مسجد کار نمی‌کند',
    requester: { name: 'رضا', phone: '0501234567' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.workflow, 'report_followup');
  const caseId = created.body.id;

  const page = await t.page({ locale: 'fa-IR' });
  await t.login(page, 'admin', '/admin/workflows');
  await page.getByTestId('admin-workflows-screen').waitFor();
  await page.getByTestId('lang').selectOption('fa');
  await page.locator('h1', { hasText: 'مدیریت' }).waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

  // The workflow's editor: its TOML, left to right, in a monospace textarea.
  await page.getByTestId('edit-report_followup').locator('summary').click();
  const editor = page.locator('[data-testid="workflow-editor"][data-code="report_followup"]');
  const area = editor.getByTestId('workflow-source');
  await area.waitFor();
  assert.equal(await area.getAttribute('dir'), 'ltr');
  const source = await area.inputValue();
  const stored = (await rest('GET', '/api/v1/admin/workflows')).body.items.find((w) => w.code === 'report_followup');
  assert.equal(source, stored.source, 'the editor holds the stored TOML');
  await t.assertLabelled(page, 'admin workflows');
  t.step('workflow editor open in Persian');

  // A syntax error, from an uploaded .toml file: an unterminated string on the `initial` line.
  const line = lineOf(source, 'initial = ');
  assert.ok(line > 1);
  const broken = source.replace('initial = "new"', 'initial = "new');
  await editor.getByTestId('workflow-upload').setInputFiles({ name: 'report_followup.toml', mimeType: 'text/plain', buffer: Buffer.from(broken) });
  await editor.getByText('پرونده در ویرایشگر است', { exact: false }).waitFor();
  assert.equal(await area.inputValue(), broken, 'the file is loaded into the editor');
  await editor.getByTestId('save').click();
  const error = editor.locator('[data-testid="error-source"]');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-line'), String(line));
  const digits = new Intl.NumberFormat('fa-u-nu-arabext').format(line);
  assert.ok((await error.textContent()).startsWith(`سطر ${digits}:`), await error.textContent());
  assert.equal(await area.getAttribute('aria-invalid'), 'true');
  assert.equal(await area.getAttribute('data-error-line'), String(line));
  // The caret is on that line: the selection starts where it starts.
  const selected = await area.evaluate((el) => el.value.slice(0, el.selectionStart).split('\n').length);
  assert.equal(selected, line);
  assert.equal((await rest('GET', '/api/v1/admin/workflows')).body.items.find((w) => w.code === 'report_followup').source,
    source, 'nothing was saved');
  t.step(`syntax error shown on line ${line}`);

  // Removing a state that holds open requests ("new" holds ours): 409, the states listed.
  const withoutNew = source.replace('[states.new]', '[states.fresh]').replaceAll('"new"', '"fresh"')
    .replace('status = "fresh"', 'status = "new"');
  await area.fill(withoutNew);
  await editor.getByTestId('save').click();
  const occupied = editor.locator('[data-testid="workflow-occupied"] li[data-state="new"]');
  await occupied.waitFor();
  assert.match(await occupied.textContent(), /باز/);
  t.step('a state with open requests cannot be removed');

  // Fixed, with the dispatch action renamed and a new action.
  const renamed = ['إرسال إلى مكتب المتابعة', 'فرستادن به میز پیگیری', 'Send to the follow-up desk'];
  const fixed = `${source.replace(
    'label = { ar = "تسجيل البلاغ وإرساله للمتابعة", fa = "ثبت گزارش و ارسال برای پیگیری", en = "Register and send for follow-up" }',
    `label = { ar = "${renamed[0]}", fa = "${renamed[1]}", en = "${renamed[2]}" }`)}
[[actions]]
name = "ask_details"
label = { ar = "طلب تفاصيل إضافية", fa = "درخواست جزئیات بیشتر", en = "Ask for more details" }
from = ["new"]
to = "on_hold"
roles = ["dispatcher", "supervisor"]
`;
  assert.notEqual(fixed, source);
  await area.fill(fixed);
  await editor.getByTestId('save').click();
  await page.getByTestId('flash').getByText('گردش کار ذخیره شد', { exact: false }).waitFor();
  assert.equal((await rest('GET', '/api/v1/admin/workflows')).body.items.find((w) => w.code === 'report_followup').source, fixed);
  t.step('fixed workflow saved');

  // The dispatcher's request view offers the new action, and the new name.
  const desk = await t.page({ locale: 'fa-IR' });
  await t.login(desk, 'dispatcher', `/cases/${caseId}`);
  await desk.getByTestId('case-view').waitFor();
  await desk.locator('[data-open="ask_details"]').waitFor();
  await desk.locator('[data-open="dispatch"]').waitFor();
  const shown = await desk.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')));
  assert.ok(shown.includes('ask_details'), shown.join(','));
  const dispatchText = await desk.locator('form[data-action="dispatch"]').textContent();
  assert.ok(renamed.some((l) => dispatchText.includes(l)), dispatchText);
  t.step('the dispatcher is offered the new action');

  // A new workflow, by code: its name follows the code; it can then be given to a category.
  await page.getByTestId('new-workflow-toggle').locator('summary').click();
  const fresh = page.getByTestId('new-workflow');
  await fresh.getByTestId('workflow-code').fill('quick_close');
  assert.match(await fresh.getByTestId('workflow-source').inputValue(), /^name = "quick_close"$/m);
  await fresh.getByTestId('save').click();
  await page.locator('[data-workflow="quick_close"]').waitFor();
  assert.ok((await rest('GET', '/api/v1/admin/workflows')).body.items.some((w) => w.code === 'quick_close'));
  const other = cats.find((c) => c.code === 'OTHER-EID');
  const assigned = await rest('PATCH', `/api/v1/categories/${other.id}`, { workflow: 'quick_close' });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
  t.step('new workflow created and assigned to a category');

  // A new password for an existing user, from the user form; a short one is refused there.
  await page.getByTestId('admin-users').click();
  await page.getByTestId('user-form').waitFor();
  await page.locator('[data-testid="user-list"] tr[data-username="analyst"] button').click();
  let form = page.getByTestId('user-form');
  await form.getByText('گذرواژهٔ تازه').waitFor();
  await t.assertLabelled(page, 'admin user edit');
  await form.getByTestId('new-password').fill('short');
  await form.getByTestId('save').click();
  const pwError = form.locator('.field:has([data-testid="new-password"]) [data-testid="error-password"]');
  await pwError.waitFor();
  assert.equal(await pwError.textContent(), 'گذرواژه باید دست‌کم ۸ نویسه باشد.');
  await form.getByTestId('new-password').fill('analyst-reset-2031');
  await form.getByTestId('save').click();
  await page.getByTestId('flash').getByText('ذخیره شد.').waitFor();
  const login = await fetch(`${t.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'analyst', password: 'analyst-reset-2031' }) });
  assert.equal(login.status, 200, 'the user signs in with the new password');
  const old = await fetch(`${t.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'analyst', password: 'tawasul-demo' }) });
  assert.equal(old.status, 401, 'the old password no longer works');
  t.step('password reset from the user form');

  // The survey's settings, in Persian digits.
  await page.getByTestId('admin-sla').click();
  form = page.getByTestId('survey-form');
  await form.waitFor();
  await t.assertLabelled(page, 'admin survey');
  await form.getByTestId('survey-days').fill('۰');
  await form.getByTestId('save').click();
  await form.locator('[data-testid="error-valid_days"]').waitFor();
  await form.getByTestId('survey-days').fill('۱۰');
  await form.getByTestId('survey-low').selectOption('3');
  await form.getByTestId('save').click();
  await page.getByTestId('flash').getByText('تنظیمات نظرسنجی تغییر کرد.').waitFor();
  const survey = (await rest('GET', '/api/v1/admin/sla')).body.survey;
  assert.equal(survey.valid_days, 10);
  assert.equal(survey.low_rating, 3);
  t.step('survey settings changed');
}
