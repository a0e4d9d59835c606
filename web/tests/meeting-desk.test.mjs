// Browser test: the head's meeting desk on pr-center (Persian, Jalali calendar). A citizen's
// request to meet the head, registered by the agent, waits on /meetings with exactly the
// workflow's actions; the head approves it with a date typed in the Jalali calendar, a time and
// a place, sees the meeting in Jalali (Persian digits), records the outcome and closes it with
// "no action needed". The portal on a phone sends a request with a location and a photo.
// Screenshot: meeting-desk-fa.png. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { PASSWORD } from './harness.mjs';

export const profile = 'pr-center';

// A 1x1 PNG.
const PNG = Buffer.from('89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000D49444154789C636000000002000154A24F5D0000000049454E44AE426082', 'hex');

export async function run(t) {
  const base = t.base;
  const admin = await t.api('admin');
  const agent = await t.api('agent');
  const cats = (await admin('GET', '/api/v1/categories')).body.items;
  const created = await agent('POST', '/api/v1/cases', {
    type: 'meeting_request', channel: 'phone', category_id: cats[0].id,
    description: 'درخواست ملاقات حضوری با ریاست مرکز درباره پرونده زمین', requester: { name: 'رضا محمدی', phone: '09121234567' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const code = created.body.tracking_code;
  const registered = await agent('POST', `/api/v1/cases/${id}/actions/register`, { inputs: {} }, { 'If-Match': created.etag });
  assert.equal(registered.status, 200, JSON.stringify(registered.body));

  // The head, in Persian: the desk is in the navigation.
  const page = await t.page({ locale: 'fa-IR' });
  await page.goto(`${base}/console`);
  await page.getByTestId('username').fill('head');
  await page.getByTestId('password').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('link', { name: 'میز ملاقات‌ها' }).click();
  await page.getByTestId('meeting-desk').waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const row = page.locator(`[data-testid=meeting-row][data-case="${id}"]`);
  await row.waitFor();
  assert.equal((await row.getByTestId('meeting').textContent()).trim(), 'هنوز زمانی تعیین نشده');

  // Exactly the server's actions for the head on this request.
  const serverActions = await page.evaluate(async (cid) =>
    (await (await fetch(`/api/v1/cases/${cid}/actions`)).json()).items.map((a) => a.name).sort(), id);
  const shown = await row.locator('form[data-action]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-action')).sort());
  assert.deepEqual(shown, serverActions);
  assert.ok(shown.includes('approve') && shown.includes('decline') && shown.includes('convert_to_referral'), shown.join(','));

  // Approve: a date a week ahead, typed in the Jalali calendar in Persian digits.
  const { typed, iso, expected } = await page.evaluate(() => {
    const d = new Date(Date.now() + 7 * 86400000);
    const isoDate = d.toISOString().slice(0, 10);
    const day = new Date(`${isoDate}T00:00:00Z`);
    const parts = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(day);
    const get = (k) => parts.find((p) => p.type === k).value;
    return {
      typed: `${get('year')}/${get('month')}/${get('day')}`,
      iso: isoDate,
      // Written as Persian writes it (weekday, day, month, year), not ICU's "۱۴۰۵ آذر ۲۲, یکشنبه".
      expected: (() => {
        const p = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(day);
        const g = (k) => p.find((x) => x.type === k).value;
        return `${g('weekday')} ${g('day')} ${g('month')} ${g('year')}`;
      })(),
    };
  });
  const approve = row.locator('form[data-action="approve"]');
  const dateBox = approve.locator('input[data-input="date"]');
  await dateBox.fill(typed);
  await dateBox.press('Tab');
  assert.equal(await dateBox.evaluate((el) => el.value), iso, 'the Jalali date reads as its ISO date');
  await approve.locator('input[data-input="time"]').fill('10:30');
  await approve.locator('textarea[data-input="place"]').fill('دفتر ریاست مرکز، طبقه دوم');
  await t.assertLabelled(page, 'meeting desk');
  await approve.locator('button[type=submit]').click();
  await row.locator('form[data-action="record_meeting"]').waitFor();
  const shownDate = (await row.getByTestId('meeting-date').textContent()).trim();
  assert.ok(shownDate.startsWith(expected), `${shownDate} is ${expected}`);
  assert.doesNotMatch(shownDate, /,/, 'no Latin comma in Persian');
  assert.match(shownDate, /۱۴[۰-۹]{2}/, 'a Jalali year in Persian digits');
  assert.ok(shownDate.endsWith('۱۰:۳۰'), `${shownDate}: the time in Persian digits`);
  const meeting = (await admin('GET', `/api/v1/cases/${id}/extras`)).body.meeting;
  assert.deepEqual({ date: meeting.date, time: meeting.time }, { date: iso, time: '10:30' });
  await t.shot(page, 'meeting-desk-fa.png');
  t.step(`approved for ${shownDate}`);

  // The meeting is held: record its outcome, then close with no action needed.
  const record = row.locator('form[data-action="record_meeting"]');
  await record.locator('textarea[data-input="outcome"]').fill('توضیحات لازم داده شد؛ اقدام دیگری لازم نیست');
  await record.locator('button[type=submit]').click();
  await row.locator('form[data-action="outcome_no_action"]').waitFor();
  assert.match(await row.getByTestId('meeting').textContent(), /توضیحات لازم داده شد/);
  await row.locator('form[data-action="outcome_no_action"] button[type=submit]').click();
  await row.waitFor({ state: 'detached' });
  const closed = (await admin('GET', `/api/v1/cases/${id}`)).body;
  assert.equal(closed.status, 'closed');
  t.step(`${code}: outcome recorded and closed`);

  // The portal on a phone: a request with a location and a photo.
  const p = await t.page({ locale: 'fa-IR', phone: true });
  await p.goto(`${base}/portal`);
  await p.getByTestId('lang').selectOption('fa');
  await p.getByTestId('p-description').waitFor();
  await p.getByTestId('p-category').selectOption({ index: 0 });
  await p.getByTestId('p-site').selectOption({ index: 1 });
  const siteId = Number(await p.getByTestId('p-site').inputValue());
  await p.getByTestId('p-description').fill('چراغ‌های خیابان روبروی ساختمان خاموش است');
  await p.getByTestId('p-phone').fill('۰۹۱۲۷۶۵۴۳۲۱');
  await p.getByTestId('p-file').setInputFiles({ name: 'street.png', mimeType: 'image/png', buffer: PNG });
  await t.assertLabelled(p, 'portal submit');
  await p.getByTestId('p-submit').click();
  const code2 = (await p.getByTestId('p-code').textContent()).trim();
  assert.equal((await p.getByTestId('p-file-result').textContent()).trim(), 'فایل شما پیوست شد.');
  const found = (await admin('GET', `/api/v1/cases?code=${encodeURIComponent(code2)}`)).body.items[0];
  assert.equal(found.site_id, siteId);
  const files = (await admin('GET', `/api/v1/cases/${found.id}/attachments`)).body.items;
  assert.deepEqual(files.map((f) => [f.filename, f.media_type]), [['street.png', 'image/png']]);
  t.step(`portal request ${code2} with a location and a photo`);
}
