// Browser test: accessibility, keyboard shortcuts and the saved language on moia-1933.
// axe-core finds no WCAG 2.1 A/AA violation (color contrast included) on the login, console,
// request view, inbox, portal submit and portal track screens in Arabic and Persian (English
// once), nor in the shortcut help; nothing scrolls sideways at 1366x768 or, on the portal, at
// 390x844. The agent's shortcuts work (Alt+N from an inbox lands on the console with the phone
// field focused, Alt+I, '/', '?', Escape, Alt+G) and never fire while typing without Alt. The
// language chosen with the switch is saved on the server and a new browser signs in with it.
// The browser's Umm al-Qura months match the server's report months. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';
import { PASSWORD } from './harness.mjs';

export const profile = 'moia-1933';

async function fits(page, where) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `${where}: content ${scroll}px wide in a ${width}px window`);
}

async function check(t, page, where) {
  await fits(page, where);
  await audit(page, where);
  t.step(`axe: ${where}`);
}

/** Tab through the screen: every control that takes the focus shows a 2px+ outline. */
async function focusRings(t, page, where, tabs = 30) {
  await page.evaluate(() => document.activeElement?.blur());
  const bad = [];
  let seen = 0;
  for (let i = 0; i < tabs; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { el: el.outerHTML.slice(0, 100), ok: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
    });
    if (!r) continue;
    seen++;
    if (!r.ok) bad.push(r.el);
  }
  assert.ok(seen >= 5, `${where}: Tab reaches the controls`);
  assert.deepEqual(bad, [], `${where}: controls without a visible focus ring`);
  t.step(`focus rings: ${where} (${seen} stops)`);
}

async function setLang(page, l) {
  await page.getByTestId('lang').selectOption(l);
  await page.waitForFunction((x) => document.documentElement.lang === x, l);
  await page.locator('main h1').first().waitFor();
}

export async function run(t) {
  const base = t.base;
  // A request registered by the agent, for the request view and the inbox.
  const agentApi = await t.api('agent');
  const cats = (await agentApi('GET', '/api/v1/categories')).body.items;
  const created = await agentApi('POST', '/api/v1/cases', {
    type: 'complaint', channel: 'phone', priority: 'high', category_id: cats.find((c) => c.parent_id)?.id ?? cats[0].id,
    description: 'الإنارة في ساحة المسجد لا تعمل', requester: { name: 'سعد العتيبي', phone: '0551112223' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const caseId = created.body.id;
  const code = created.body.tracking_code;

  // Login: Arabic, Persian, English.
  const page = await t.page({ locale: 'ar-SA' });
  await page.goto(`${base}/login`);
  await page.getByTestId('username').waitFor();
  await check(t, page, 'login (ar)');
  await setLang(page, 'fa');
  await check(t, page, 'login (fa)');
  await setLang(page, 'en');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await check(t, page, 'login (en)');

  // The agent signs in: the server's language (Arabic) wins over the login screen's English.
  await page.getByTestId('username').fill('agent');
  await page.getByTestId('password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByTestId('register-form').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  await check(t, page, 'console (ar)');
  await focusRings(t, page, 'console (ar)');
  await page.goto(`${base}/cases/${caseId}`);
  await page.getByTestId('case-view').waitFor();
  await check(t, page, 'request view (ar)');
  await focusRings(t, page, 'request view (ar)');
  await page.goto(`${base}/inbox/mine`);
  await page.getByTestId('inbox').getByText(code).waitFor();
  await check(t, page, 'inbox (ar)');

  // Shortcuts. Alt+N from the inbox: the console, the phone field focused.
  await page.keyboard.press('Alt+KeyN');
  await page.getByTestId('register-form').waitFor();
  assert.equal(new URL(page.url()).pathname, '/console');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'phone');
  // Keys without Alt are text while typing: '/' and '?' go into the field.
  await page.getByTestId('description').click();
  await page.keyboard.type('a/b?');
  assert.equal(await page.getByTestId('description').inputValue(), 'a/b?');
  assert.equal(await page.getByTestId('shortcuts-help').count(), 0);
  // Alt+N on a half-filled console keeps what was typed and goes to the phone field.
  await page.keyboard.press('Alt+KeyN');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'phone');
  assert.equal(await page.getByTestId('description').inputValue(), 'a/b?');
  // Alt+I works even from a field: the inboxes.
  await page.keyboard.press('Alt+KeyI');
  await page.getByTestId('inbox').waitFor();
  assert.equal(new URL(page.url()).pathname, '/inbox/mine');
  // '/' (not in a field): back on the console it focuses the phone lookup.
  await page.keyboard.press('Alt+KeyN');
  await page.getByTestId('register-form').waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'phone');
  assert.equal(await page.getByTestId('phone').inputValue(), '', "'/' focuses, it does not type");
  // '?': the help, in Arabic, as a modal dialog; Escape closes it.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Shift+Slash');
  const help = page.getByTestId('shortcuts-help');
  await help.waitFor();
  assert.equal(await help.getByRole('heading').textContent(), 'اختصارات لوحة المفاتيح');
  assert.ok((await help.textContent()).includes('Alt'));
  await check(t, page, 'shortcut help (ar)');
  await t.shot(page, 'shortcuts-ar.png');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  // Alt+G logs the call as guidance only, from the description field.
  await page.getByTestId('phone').fill('0559998887');
  await page.getByTestId('description').fill('استفسار عن مواعيد الدروس');
  await page.keyboard.press('Alt+KeyG');
  await page.getByTestId('guidance-logged').waitFor();
  t.step('shortcuts: Alt+N, Alt+I, /, ?, Escape, Alt+G');

  // Persian, chosen with the switch: saved on the server.
  await page.goto(`${base}/console`);
  await page.getByTestId('register-form').waitFor();
  await setLang(page, 'fa');
  const serverLanguage = () => page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).language);
  for (let i = 0; i < 100 && (await serverLanguage()) !== 'fa'; i++) await page.waitForTimeout(50);
  assert.equal(await serverLanguage(), 'fa', 'the switch saved the language on the server');
  await check(t, page, 'console (fa)');
  await page.goto(`${base}/cases/${caseId}`);
  await page.getByTestId('case-view').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  await check(t, page, 'request view (fa)');
  await page.goto(`${base}/inbox/mine`);
  await page.getByTestId('inbox').getByText(code).waitFor();
  await check(t, page, 'inbox (fa)');
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Shift+Slash');
  await page.getByTestId('shortcuts-help').getByText('میان‌برهای صفحه‌کلید').waitFor();
  await page.keyboard.press('Escape');

  // Another browser (no local storage) signs the agent in in Persian.
  const other = await t.page({ locale: 'ar-SA' });
  await t.login(other, 'agent', '/inbox/mine');
  await other.getByTestId('inbox').waitFor();
  assert.equal(await other.getAttribute('html', 'lang'), 'fa');
  assert.equal(await other.getAttribute('html', 'dir'), 'rtl');
  t.step('the language follows the agent to a new browser');
  // English once, on the console.
  await other.goto(`${base}/console`);
  await other.getByTestId('register-form').waitFor();
  await setLang(other, 'en');
  await check(t, other, 'console (en)');

  // The portal on a phone: submit and track, Arabic and Persian.
  const phone = await t.page({ locale: 'ar-SA', phone: true });
  await phone.goto(`${base}/portal`);
  await phone.getByTestId('p-description').waitFor();
  await setLang(phone, 'ar');
  await check(t, phone, 'portal submit (ar, phone)');
  await setLang(phone, 'fa');
  await check(t, phone, 'portal submit (fa, phone)');
  await focusRings(t, phone, 'portal submit (fa, phone)');
  await phone.goto(`${base}/portal/track?code=${encodeURIComponent(code)}`);
  await phone.getByTestId('track-phone').fill('0551112223');
  await phone.getByTestId('track').click();
  await phone.getByTestId('track-result').waitFor();
  await check(t, phone, 'portal track with a result (fa, phone)');
  await setLang(phone, 'ar');
  await check(t, phone, 'portal track (ar, phone)');
  // The portal keeps the visitor's local choice; it never asks the server.
  assert.equal(await phone.getAttribute('html', 'lang'), 'ar');

  // One calendar source: the browser's Umm al-Qura months (what the date picker uses) are the
  // server's report months.
  const analyst = await t.api('analyst');
  const trend = await analyst('GET', '/api/v1/reports/trend?period=month&calendar=hijri_umalqura&from=1446-01-01&to=1449-12-01');
  assert.equal(trend.status, 200, JSON.stringify(trend.body));
  const mismatches = await page.evaluate((items) => {
    const f = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    const parts = (iso) => Object.fromEntries(f.formatToParts(new Date(`${iso}T00:00:00Z`)).map((p) => [p.type, p.value]));
    const before = (iso) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return items.filter((r) => {
      const p = parts(r.from);
      const last = parts(before(r.to));
      return !(p.day === '1' && `${p.year}-${p.month.padStart(2, '0')}` === r.period && last.month === p.month && parts(r.to).day === '1');
    }).map((r) => r.period);
  }, trend.body.items);
  assert.ok(trend.body.items.length >= 40, 'four Hijri years of months');
  assert.deepEqual(mismatches, [], 'Umm al-Qura months the browser and the server disagree on');
  t.step(`browser and server agree on ${trend.body.items.length} Umm al-Qura months`);
}
