// Browser test: a known caller registered from the keyboard on a 1366×768 screen (moia-1933).
// The whole form and its button fit without scrolling; the lookup names the caller and shows
// their open request first, marked; the category is found by typing with Persian letters for
// Arabic ones (ی for ي, ک for ك); Ctrl+Enter registers. The keys pressed are counted. Run by
// tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';

export const profile = 'moia-1933';

export async function run(t) {
  const agent = await t.api('agent');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const ac = cats.find((c) => c.code === 'MAINT-AC');
  assert.ok(ac, 'moia-1933 has the air-conditioning category');
  const known = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: cats[0].id, channel: 'phone', description: 'إنارة المصلى معطلة منذ يومين',
    requester: { name: 'سالم الدوسري', phone: '0501237777' },
  });
  assert.equal(known.status, 201, JSON.stringify(known.body));

  const page = await t.page({ locale: 'ar-SA' });  // 1366×768
  await t.login(page, 'agent', '/console');
  const register = page.getByTestId('register');
  await register.waitFor();
  const box = await register.boundingBox();
  assert.ok(box.y + box.height <= 768, `the register button at ${Math.round(box.y + box.height)} px fits in 768`);

  let keys = 0;
  let other = 0;  // keys that are not text: Tab, Enter, Ctrl+Enter
  const type = async (text) => { await page.keyboard.type(text); keys += [...text].length; };
  const press = async (key) => { await page.keyboard.press(key); keys++; other++; };

  await page.getByTestId('phone').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'phone', 'the console opens on the phone');
  await type('0501237777');
  await press('Enter');  // looks the caller up; on record, so on to the category
  await page.getByTestId('lookup-result').getByText('سالم الدوسري').first().waitFor();
  const open = page.getByTestId('history-open').first();
  await open.getByText(known.body.tracking_code).waitFor();
  assert.match(await open.textContent(), /مفتوح/);
  assert.equal(await page.getByTestId('requester-name').inputValue(), 'سالم الدوسري');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'category-search');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'category-search');
  // "تکییف" typed with Persian ک and ی finds the Arabic "التكييف".
  await type('تکییف');
  const options = await page.getByTestId('category').locator('option').allTextContents();
  assert.ok(options.length >= 1 && options.every((o) => o.includes('التكييف')), `folded search: ${options.join(' | ')}`);
  await press('Enter');  // into the list, the first match chosen
  assert.equal(await page.getByTestId('category').inputValue(), String(ac.id));
  await page.getByTestId('description').focus();  // a click, as an agent would
  await type('المكيف لا يعمل');
  // With the caller's history shown, the whole form is still on screen and nothing scrolled.
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'nothing scrolled');
  const after = await register.boundingBox();
  assert.ok(after.y + after.height <= 768, `the register button at ${Math.round(after.y + after.height)} px with the history shown`);
  await t.shot(page, 'console-1366-ar.png');
  await page.keyboard.press('Control+Enter'); keys++; other++;
  const code = (await page.getByTestId('tracking-code').textContent()).trim();
  const made = (await agent('GET', `/api/v1/cases?code=${code}`)).body.items[0];
  assert.equal(made.category_id, ac.id);
  assert.equal(made.requester.name, 'سالم الدوسري');
  t.step(`known caller registered at 1366×768 without scrolling: ${keys} keys, ${other} of them not text, one click`);
  assert.ok(other <= 4, `at most 4 keys that are not text (was about 21): ${other}`);
  await audit(page, 'console after registering (ar)');
}
