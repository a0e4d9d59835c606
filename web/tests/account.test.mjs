// Browser test: "My account" (/account) on moia-1933. The agent reaches it from the nav, in
// Arabic; a wrong current password and a too-short new one are shown next to their fields
// (aria-invalid, aria-describedby); the change then succeeds; after signing out the old password
// fails and the new one works. axe finds no WCAG 2.1 A/AA violation on the page (with the field
// errors shown, and in Persian), and every control is labelled. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';
import { PASSWORD } from './harness.mjs';

export const profile = 'moia-1933';
const NEW_PASSWORD = 'كلمة-سر-جديدة-2026';

async function signIn(page, password) {
  await page.getByTestId('username').fill('agent');
  await page.getByTestId('password').fill(password);
  await page.keyboard.press('Enter');
}

/** The field error tied to its control: visible, and named by aria-describedby. */
async function expectFieldError(page, name) {
  const note = page.getByTestId(`error-${name}`);
  await note.waitFor();
  const input = page.locator(`input[name="${name}"]`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name} marked invalid`);
  const described = (await input.getAttribute('aria-describedby')) ?? '';
  assert.ok(described.split(' ').includes(await note.getAttribute('id')), `${name} described by its error`);
}

export async function run(t) {
  const page = await t.page();
  await t.login(page, 'agent');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
  await page.getByRole('link', { name: 'حسابي' }).click();
  await page.waitForURL(/\/account$/);
  await page.getByRole('heading', { level: 1, name: 'حسابي' }).waitFor();
  await t.assertLabelled(page, '/account');
  await audit(page, '/account (ar)');
  t.step('the agent reaches /account from the nav; axe passes');

  const current = page.getByLabel('كلمة المرور الحالية');
  const next = page.getByLabel('كلمة المرور الجديدة', { exact: true });
  const again = page.getByLabel('كلمة المرور الجديدة مرة أخرى');

  await current.fill('ليست-كلمتي');
  await next.fill(NEW_PASSWORD);
  await again.fill(NEW_PASSWORD);
  await page.getByTestId('change-password').click();
  await expectFieldError(page, 'current');
  assert.match(await page.getByTestId('error-current').textContent(), /ليست كلمة المرور الحالية/);
  await audit(page, '/account with a field error (ar)');
  t.step('a wrong current password is shown next to its field');

  await current.fill(PASSWORD);
  await next.fill('قصيرة');
  await again.fill('قصيرة');
  await page.getByTestId('change-password').click();
  await expectFieldError(page, 'new');
  assert.equal(await page.getByTestId('error-current').count(), 0, 'the old error is cleared');
  t.step('a too-short new password is shown next to its field');

  await next.fill(NEW_PASSWORD);
  await again.fill(NEW_PASSWORD);
  await page.getByTestId('change-password').click();
  await page.getByText('تغيّرت كلمة المرور').waitFor();
  assert.equal(await page.getByTestId('error-new').count(), 0);
  t.step('the password is changed');

  await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
  await page.waitForURL(/\/login/);
  await signIn(page, PASSWORD);
  await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
  assert.match(page.url(), /\/login/, 'the old password no longer signs in');
  await signIn(page, NEW_PASSWORD);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  t.step('after signing out the old password fails and the new one works');

  // Persian: the same page passes axe too.
  await page.goto(`${t.base}/account`);
  await page.getByTestId('account-language').selectOption('fa');
  await page.waitForFunction(() => document.documentElement.lang === 'fa');
  await page.getByRole('heading', { level: 1, name: 'حساب من' }).waitFor();
  await audit(page, '/account (fa)');
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
  assert.equal(me.language, 'fa', 'the language chosen on /account is saved');
  t.step('the language chosen on /account is saved; axe passes in Persian');
}
