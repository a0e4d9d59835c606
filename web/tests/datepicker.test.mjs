// Browser test: the Jalali date picker on pr-center (calendar persian, Asia/Tehran). The head
// approves a public-meeting request in Persian: the meeting date's month grid shows the same
// month boundaries as the server's report periods (its ICU) for fourteen months, Nowruz included;
// a date typed in Persian digits reads as the right Gregorian date; a date picked with the
// keyboard alone (arrows, PageDown, Enter) is posted as the right ISO Gregorian date and stored.
// axe finds no WCAG 2.1 A/AA violation with the grid open. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';
import { openAction } from './harness.mjs';

export const profile = 'pr-center';

const MS_PER_DAY = 86_400_000;
const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
const isoOf = (n) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
const persianDigits = (s) => s.replace(/[0-9]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'[Number(c)]);

export async function run(t) {
  // A meeting request registered and passed to the head, through the API.
  const agent = await t.api('agent');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const meeting = cats.find((c) => c.code === 'MEETING') ?? cats[0];
  const created = await agent('POST', '/api/v1/cases', {
    type: 'meeting_request', channel: 'walk_in', priority: 'normal', category_id: meeting.id,
    description: 'درخواست ملاقات با ریاست مرکز درباره پروژه محله', requester: { name: 'رضا احمدی', phone: '09121234567' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const reg = await agent('POST', `/api/v1/cases/${id}/actions/register`, { inputs: {} }, { 'If-Match': created.etag });
  assert.equal(reg.status, 200, JSON.stringify(reg.body));

  // The server's Jalali months (its ICU) around today, from the report API.
  const analyst = await t.api('analyst');
  const todayTehran = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const trendYear = Number(new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'Asia/Tehran', year: 'numeric' }).format(new Date()).match(/\d+/)[0]);
  const trend = await analyst('GET', `/api/v1/reports/trend?period=month&calendar=jalali&from=${trendYear - 1}-01-01&to=${trendYear + 2}-01-01`);
  assert.equal(trend.status, 200, JSON.stringify(trend.body));
  const months = trend.body.items.map((r) => ({ label: r.period, first: dayOf(r.from), days: dayOf(r.to) - dayOf(r.from) }));
  const k = months.findIndex((m) => dayOf(todayTehran) >= m.first && dayOf(todayTehran) < m.first + m.days);
  assert.ok(k >= 0 && k + 14 < months.length, `today ${todayTehran} in the server's months`);
  t.step(`server months: ${months.slice(k, k + 3).map((m) => `${m.label} from ${isoOf(m.first)} (${m.days} days)`).join(', ')}`);

  // The head, in Persian.
  const page = await t.page({ locale: 'fa-IR' });
  await t.login(page, 'head', `/cases/${id}`);
  await page.getByTestId('case-view').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  const form = await openAction(page, 'approve');
  const date = form.locator('input[data-input="date"]');
  assert.equal(await date.getAttribute('role'), 'combobox');
  // What the form reads (the page's `value`: ISO Gregorian) and what the box shows.
  const isoValue = () => date.evaluate((el) => el.value);
  await t.assertLabelled(page, 'request view with a date input');

  // Month boundaries: the grid of each month against the server's, PageDown after PageDown.
  await date.focus();
  await page.keyboard.press('ArrowDown');
  const grid = page.getByTestId('datepicker-grid');
  await grid.waitFor();
  assert.equal(await date.getAttribute('aria-expanded'), 'true');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-iso'));
  assert.equal(await focused(), todayTehran, 'the grid opens on today in Tehran');
  await audit(page, 'request view with the Jalali date picker open (fa)');
  await t.shot(page, 'datepicker-fa.png');
  for (let i = 0; i <= 14; i++) {
    const shown = await grid.locator('td[data-iso]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-iso')));
    const m = months[k + i];
    assert.equal(shown[0], isoOf(m.first), `first day of ${m.label}`);
    assert.equal(shown.length, m.days, `length of ${m.label}`);
    // Persian digits and a Persian month name in the title; the year in Persian digits.
    const title = await page.getByTestId('datepicker-title').textContent();
    assert.ok(title.includes(persianDigits(m.label.slice(0, 4))), `title ${title} names year ${m.label}`);
    await page.keyboard.press('PageDown');
  }
  t.step('the picker shows the server\'s month boundaries for 15 months');
  await page.keyboard.press('Escape');
  await grid.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-input')), 'date', 'Escape returns to the box');

  // Typed in Persian digits: the first of next month.
  const next = months[k + 1];
  const [ny, nm] = next.label.split('-');
  await date.fill(persianDigits(`${ny}/${nm}/01`));
  assert.equal(await isoValue(), isoOf(next.first));
  assert.equal(await date.inputValue(), persianDigits(`${ny}/${nm}/01`));
  await date.fill('۱۴۰۳/۱۲/۳۱');  // Esfand 1403 has 30 days
  assert.equal(await isoValue(), '');
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  await date.fill('');

  // By keyboard only: open, two months on, one day on (Left is "next" right to left), a week
  // down, Enter.
  await date.focus();
  await page.keyboard.press('ArrowDown');
  await grid.waitFor();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  const todayJDay = dayOf(todayTehran) - months[k].first + 1;
  const target = months[k + 2];
  const landed = target.first + Math.min(todayJDay, target.days) - 1;
  assert.equal(await focused(), isoOf(landed), 'PageDown keeps the day of the month');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowDown');
  const expected = isoOf(landed + 8);
  assert.equal(await focused(), expected);
  await page.keyboard.press('Enter');
  await grid.waitFor({ state: 'detached' });
  assert.equal(await isoValue(), expected);
  assert.match(await date.inputValue(), /^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/);
  t.step(`picked ${expected} with the keyboard`);

  await form.locator('input[data-input="time"]').fill('10:30');
  await form.locator('[data-input="place"]').fill('دفتر ریاست');
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/cases/${id}/actions/approve`));
  await form.locator('button[type=submit]').click();
  assert.equal((await posted).postDataJSON().inputs.date, expected);
  await page.getByTestId('case-view').getByRole('status').getByText('انجام شد').waitFor();
  const extras = (await analyst('GET', `/api/v1/cases/${id}/extras`));
  const head = await t.api('head');
  const stored = extras.status === 200 ? extras.body : (await head('GET', `/api/v1/cases/${id}/extras`)).body;
  assert.equal(stored.meeting.date, expected, 'the meeting is stored on the picked Gregorian date');
  t.step('the meeting was scheduled on the picked date');
}
