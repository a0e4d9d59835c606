// Browser test: the public-relations unit's review on pr-center (seeds/004), in Persian. A walk-in
// complaint that is really a request to meet the head is typed so at review from the request
// view: it moves to the head's meeting desk and the timeline says so. After the meeting the head
// decides that action is needed and names the unit: the follow-up is referred at once, and the
// unit reads it without the citizen's name or number. Then a meeting request the head converts
// into a referral reaches the unit the same way. Screenshot: review-retype-fa.png.
import assert from 'node:assert/strict';
import { openAction } from './harness.mjs';

export const profile = 'pr-center';

const NAME = 'کامران ابراهیمی‌نژاد';

export async function run(t) {
  const agent = await t.api('agent');
  const head = await t.api('head');
  const admin = await t.api('admin');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const units = (await admin('GET', '/api/v1/units')).body.items;
  const conduct = cats.find((c) => c.code === 'CONDUCT');
  const meetingCat = cats.find((c) => c.code === 'MEETING');
  const inspect = units.find((u) => u.code === 'INSPECT');
  const created = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: conduct.id, channel: 'walk_in',
    description: 'می‌خواهم درباره رفتار کارمند باجه حضوری با ریاست مرکز صحبت کنم.',
    requester: { name: NAME, phone: '09127001122' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  let r = await agent('POST', `/api/v1/cases/${id}/actions/register`, { inputs: {} }, { 'If-Match': created.etag });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.case.state ?? r.body.state, 'review');

  // Review, in Persian: the dispatcher types it a meeting request in the meeting category.
  const page = await t.page({ locale: 'fa-IR' });
  await t.login(page, 'dispatcher', `/cases/${id}`);
  const form = page.getByTestId('retype');
  await form.waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await page.getByTestId('retype-type').selectOption('meeting_request');
  await page.getByTestId('retype-category').selectOption(String(meetingCat.id));
  await t.assertLabelled(page, 'review typing');
  await page.getByTestId('retype-save').click();
  await page.getByTestId('case-state').filter({ hasText: 'در انتظار تصمیم ریاست مرکز' }).waitFor();
  const moved = page.locator('[data-testid=timeline-event][data-kind=moved]');
  await moved.waitFor();
  const movedText = await moved.textContent();
  assert.match(movedText, /انتقال به گردش کار «درخواست ملاقات مردمی با ریاست مرکز»/, movedText);
  assert.match(movedText, /در دست بررسی ارتباطات مردمی/, movedText);
  await t.shot(page, 'review-retype-fa.png');
  const after = (await admin('GET', `/api/v1/cases/${id}`)).body;
  assert.equal(after.workflow, 'public_meeting');
  assert.equal(after.type, 'meeting_request');
  const sent = (await admin('GET', `/api/v1/cases/${id}/extras`)).body.messages.map((m) => m.template);
  assert.ok(sent.includes('retyped_meeting'), sent.join(','));
  t.step(`${created.body.tracking_code}: typed a meeting request at review, now at the head's desk`);

  // The meeting is approved and held (through the API), then the head decides in the browser.
  let fresh = await head('GET', `/api/v1/cases/${id}`);
  r = await head('POST', `/api/v1/cases/${id}/actions/approve`,
    { inputs: { date: '2027-01-12', time: '10:00', place: 'دفتر ریاست' } }, { 'If-Match': fresh.etag });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  fresh = await head('GET', `/api/v1/cases/${id}`);
  r = await head('POST', `/api/v1/cases/${id}/actions/record_meeting`,
    { inputs: { outcome: 'مقرر شد بازرسی موضوع را بررسی کند.' } }, { 'If-Match': fresh.etag });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const hp = await t.page({ locale: 'fa-IR' });
  await t.login(hp, 'head', `/cases/${id}`);
  await hp.locator('[data-open="outcome_action"]').waitFor();
  const outcome = await openAction(hp, 'outcome_action');
  await outcome.locator('select[data-input="unit_id"]').selectOption(String(inspect.id));
  await outcome.locator('button[type=submit]').click();
  await hp.getByTestId('case-state').filter({ hasText: 'مختومه' }).waitFor();
  const list = (await admin('GET', '/api/v1/cases?limit=50')).body.items;
  const followUp = list.find((c) => c.parent_id === id);
  assert.ok(followUp, 'a follow-up was opened');
  assert.equal(followUp.state, 'referred');
  assert.equal(followUp.unit_id, inspect.id);
  t.step(`action needed: follow-up ${followUp.tracking_code} referred to the unit at once`);

  // The unit reads the follow-up without the citizen's name or number.
  const up = await t.page({ locale: 'fa-IR' });
  await t.login(up, 'unit_staff', `/cases/${followUp.id}`);
  await up.getByTestId('anonymized').waitFor();
  const seen = await up.getByTestId('case-view').textContent();
  assert.ok(!seen.includes('ابراهیمی') && !seen.includes('کامران'), 'no name for the unit');
  assert.ok(!seen.includes('7001122') && !seen.includes('۷۰۰۱۱۲۲'), 'no number for the unit');
  assert.ok(await up.locator('form[data-action="answer"]').count() === 1, 'the unit may answer');
  t.step('the unit reads it anonymized and may answer');

  // A meeting request the head converts into a referral to the unit, in the browser.
  const m = await agent('POST', '/api/v1/cases', {
    type: 'meeting_request', category_id: meetingCat.id, channel: 'phone',
    description: 'درخواست ملاقات با ریاست مرکز درباره تأخیر در پرونده', requester: { name: 'پروین سلطانی', phone: '09128883344' },
  });
  assert.equal(m.status, 201, JSON.stringify(m.body));
  r = await agent('POST', `/api/v1/cases/${m.body.id}/actions/register`, { inputs: {} }, { 'If-Match': m.etag });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await hp.goto(`${t.base}/cases/${m.body.id}`);
  await hp.locator('[data-open="convert_to_referral"]').waitFor();
  const convert = await openAction(hp, 'convert_to_referral');
  await convert.locator('select[data-input="unit_id"]').selectOption(String(inspect.id));
  await convert.locator('button[type=submit]').click();
  await hp.getByTestId('case-state').filter({ hasText: 'ارجاع بی‌نام' }).waitFor();
  await up.goto(`${t.base}/cases/${m.body.id}`);
  await up.getByTestId('anonymized').waitFor();
  const seen2 = await up.getByTestId('case-view').textContent();
  assert.ok(!seen2.includes('سلطانی') && !seen2.includes('8883344'), 'the converted request reaches the unit anonymized');
  t.step(`${m.body.tracking_code}: converted into a referral and read anonymized by the unit`);
}
