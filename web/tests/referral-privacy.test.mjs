// Browser test: anonymized referral on pr-center (decision 0018). A complaint whose citizen wrote
// their own name and number into it, and a photo they sent, are referred to a unit. Unit staff
// read the request with the name and number masked and no photo; the dispatcher, who sees
// everything, is warned that the photo may show who the citizen is before releasing it to the
// unit; then unit staff see it. The admin finds the changes of the day on the audit trail.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';

export const profile = 'pr-center';

const NAME = 'مهسا کاظمی';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f80f00000101000518d84e0000000049454e44ae426082', 'hex');

export async function run(t) {
  const agent = await t.api('agent');
  const dispatcher = await t.api('dispatcher');
  const admin = await t.api('admin');
  const cats = await agent('GET', '/api/v1/categories');
  const cat = cats.body.items.find((c) => c.code === 'CONDUCT') ?? cats.body.items[0];
  const units = await admin('GET', '/api/v1/units');
  const unit = units.body.items.find((u) => u.code === 'INSPECT');
  const created = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: cat.id, channel: 'walk_in',
    description: `من ${NAME} هستم؛ شمارهٔ من ۰۹۱۲،۳۴۵،۶۷۸۹ است و کارمند باجه پاسخگو نبود.`,
    requester: { name: NAME, phone: '09123456789' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  let r = await agent('POST', `/api/v1/cases/${id}/actions/register`, { inputs: {} }, { 'If-Match': created.etag });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const fresh = await dispatcher('GET', `/api/v1/cases/${id}`);
  r = await dispatcher('POST', `/api/v1/cases/${id}/actions/refer_for_action`, { inputs: { unit_id: unit.id } }, { 'If-Match': fresh.etag });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const token = (await (await fetch(`${t.base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'agent', password: 'tawasul-demo' }) })).json()).token;
  const up = await fetch(`${t.base}/api/v1/cases/${id}/attachments?filename=photo.png`, { method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' }, body: PNG });
  const upText = await up.text();
  assert.equal(up.status, 201, upText);
  const aid = JSON.parse(upText).id;
  t.step(`request ${id} referred with a photo (${aid})`);

  // Unit staff: no name, no number, no photo.
  const unitPage = await t.page({ locale: 'fa-IR' });
  await t.login(unitPage, 'unit_staff', `/cases/${id}`);
  await unitPage.getByTestId('case-view').waitFor();
  await unitPage.getByTestId('attachments').locator('li').first().waitFor();
  // The tracking code is ten random digits and may hold '345' by chance: not the citizen's number.
  const seen = (await unitPage.getByTestId('case-view').textContent()).replaceAll(created.body.tracking_code, '');
  assert.ok(!seen.includes(NAME) && !seen.includes('کاظمی'), 'the name is masked for the unit');
  assert.ok(!seen.includes('۳۴۵،۶۷۸۹') && !seen.includes('345'), 'the number is masked for the unit');
  assert.equal(await unitPage.getByTestId(`attachment-${aid}`).count(), 0, 'the photo is withheld');
  t.step('unit staff read the request anonymized, without the photo');

  // The dispatcher is warned, releases it, and the timeline says so.
  const page = await t.page({ locale: 'fa-IR' });
  await t.login(page, 'dispatcher', `/cases/${id}`);
  await page.getByTestId(`release-${aid}`).waitFor();
  let warned = '';
  page.once('dialog', async (dialog) => { warned = dialog.message(); await dialog.accept(); });
  await page.getByTestId(`release-${aid}`).click();
  await page.getByTestId(`released-${aid}`).waitFor();
  assert.match(warned, /PDF/, 'the dispatcher is warned before releasing a picture');
  await t.assertLabelled(page, 'request view with attachments (dispatcher)');
  await audit(page, 'request view with attachments (dispatcher)');
  await t.shot(page, 'attachment-release-fa.png');
  t.step('the dispatcher released the photo after the warning');

  await unitPage.reload();
  await unitPage.getByTestId(`attachment-${aid}`).waitFor();
  t.step('unit staff now see the photo');

  // The admin's audit trail lists administrative changes; here, a category renamed.
  const before = await admin('GET', `/api/v1/categories/${cat.id}`);
  r = await admin('PATCH', `/api/v1/categories/${cat.id}`, { name: { ...before.body.name, en: 'Staff conduct (audited)' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const adminPage = await t.page({ locale: 'fa-IR' });
  await t.login(adminPage, 'admin', '/admin/audit');
  await adminPage.getByTestId('audit-list').waitFor();
  const trail = await adminPage.getByTestId('audit-list').textContent();
  assert.ok(trail.includes('Staff conduct (audited)'), 'the change is on the trail with its new value');
  await t.assertLabelled(adminPage, 'audit trail (admin)');
  await audit(adminPage, 'audit trail (admin)');
  t.step('the admin reads the change on the audit trail');
}
