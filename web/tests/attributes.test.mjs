// Browser test: the caller's role on mosques-8940, in Persian. The console shows the profile's
// requester attributes; looking up a known caller fills their role; the agent changes it and
// registers. The dispatcher sees the unit routing suggests (the Tehran office for a mosque in
// Tehran), first and chosen in the referral's unit picker. The analyst breaks requests down by
// role on the dashboard. Run by tests/run.mjs.
import assert from 'node:assert/strict';

export const profile = 'mosques-8940';

export async function run(t) {
  const page = await t.page({ locale: 'fa-IR' });
  await t.login(page, 'agent', '/console');
  await page.getByTestId('register-form').waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const role = page.getByTestId('attr-role');
  await role.waitFor();
  await t.assertLabelled(page, 'console with attributes');
  // A sample requester on record as a center member.
  await page.getByTestId('phone').fill('۰۹۱۲۴۵۸۷۳۱۲');
  await page.getByTestId('lookup').click();
  await page.getByTestId('lookup-result').locator('strong').waitFor();
  assert.equal(await role.inputValue(), 'member', 'the role on record is filled in');
  await role.selectOption('trustee');
  await page.getByTestId('attr-member_no').fill('۷۷');
  await page.getByTestId('category-search').fill('فضا');
  await page.getByTestId('category-search').press('Enter');
  const rest = await t.api('supervisor');
  const sites = (await rest('GET', '/api/v1/sites')).body.items;
  const tehran = sites.find((s) => s.region === 'تهران');
  await page.getByTestId('site').selectOption(String(tehran.id));
  await page.getByTestId('description').fill('اتاق کانون به انبار تبدیل شده است');
  await page.getByTestId('register').click();
  await page.getByTestId('tracking-code').waitFor();
  const requester = (await rest('GET', '/api/v1/requesters?phone=%2B989124587312')).body.items[0];
  assert.deepEqual(requester.attributes, { role: 'trustee', member_no: '77' });
  t.step('role filled from the record, changed and kept');
  const caseHref = await page.locator('a[href^="/cases/"]').first().getAttribute('href');

  // The dispatcher sees where routing would send it.
  const units = (await rest('GET', '/api/v1/units')).body.items;
  const office = units.find((u) => u.code === 'PRV-TEHRAN');
  const disp = await t.page({ locale: 'fa-IR' });
  await t.login(disp, 'dispatcher', caseHref);
  await disp.getByTestId('case-view').waitFor();
  await disp.getByTestId('suggested-unit').getByText(office.name.fa).waitFor();
  const picker = disp.locator('select[data-input="unit_id"]').first();
  if (await picker.count()) assert.equal(await picker.inputValue(), String(office.id), 'the referral starts on the suggestion');
  t.step('suggested unit shown to the dispatcher');

  // The analyst's dashboard: the caller's role is a dimension.
  const dash = await t.page({ locale: 'fa-IR' });
  await t.login(dash, 'analyst', '/reports');
  await dash.getByTestId('breakdown-by').selectOption('attr:role');
  const table = dash.getByTestId('table-breakdown');
  await table.getByText('عضو هیئت امنا').waitFor({ state: 'attached' });
  t.step('breakdown by the caller\'s role');
}
