// Browser test: each user's own calendar and digits (issue 4) on moia-1933, a Hijri (Umm al-Qura)
// center. An English-speaking agent sees a request's registration date in the center's Hijri
// calendar; on /account they choose Gregorian and Latin digits: the date on the request view
// then has a Gregorian month name and ASCII digits, and still does after a reload (saved on the
// server, GET /auth/me); choosing the center's calendar again brings the Hijri form back. A
// Persian-speaking dispatcher sees Persian digits until they choose Latin ones. The account page
// passes axe and every control is labelled. An analyst who reads Jalali picks the dashboard's
// period in Jalali and it is sent with calendar=jalali. Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';

export const profile = 'moia-1933';

const GREGORIAN_MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/;
const NON_ASCII_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/;

async function createdText(page, caseId) {
  await page.goto(`${page.base}/cases/${caseId}`);
  const el = page.getByTestId('case-created');
  await el.waitFor();
  return (await el.textContent()).trim();
}

/** Picks `value` in an /account select and waits for the saved status. */
async function choose(page, testId, value) {
  await page.getByTestId(testId).selectOption(value);
  await page.getByTestId('account-calendar-status').filter({ hasText: /\S/ }).waitFor();
}

async function me(page) {
  return page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
}

export async function run(t) {
  const inst = await (await t.api('agent'))('GET', '/api/v1/installation');
  assert.equal(inst.body.calendar, 'islamic-umalqura', 'moia-1933 is a Hijri center');

  // A request registered through the API; the agent and the dispatcher speak English and Persian.
  const agent = await t.api('agent');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const created = await agent('POST', '/api/v1/cases', {
    type: 'complaint', channel: 'phone', priority: 'normal', category_id: cats.find((c) => c.parent_id)?.id ?? cats[0].id,
    description: 'The mosque loudspeaker is broken', requester: { name: 'Saad', phone: '0551112224' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const caseId = created.body.id;
  assert.equal((await agent('PATCH', '/api/v1/auth/me', { language: 'en' })).status, 200);
  const dispatcher = await t.api('dispatcher');
  assert.equal((await dispatcher('PATCH', '/api/v1/auth/me', { language: 'fa' })).status, 200);

  // The English agent, with the center's calendar: Hijri ("… 1448 AH").
  const page = await t.page({ locale: 'en-US' });
  page.base = t.base;
  await t.login(page, 'agent');
  const hijri = await createdText(page, caseId);
  assert.match(hijri, /\b1[45]\d\d AH\b/, `Hijri date by default: ${hijri}`);
  assert.doesNotMatch(hijri, GREGORIAN_MONTH);
  t.step(`the center's calendar by default: ${hijri}`);

  await page.goto(`${t.base}/account`);
  await page.getByRole('heading', { level: 2, name: 'Calendar and digits' }).waitFor();
  const calSelect = page.getByLabel('Calendar', { exact: true });
  assert.equal(await calSelect.inputValue(), '');
  const centerOption = (await page.getByTestId('account-calendar').locator('option[value=""]').textContent()).trim();
  assert.match(centerOption, /Hijri \(Umm al-Qura\)/, `the default option names the center's calendar: ${centerOption}`);
  await t.assertLabelled(page, '/account');
  await audit(page, '/account calendar and digits (en)');
  await calSelect.selectOption('gregorian');
  await page.getByTestId('account-calendar-status').filter({ hasText: 'saved' }).waitFor();
  await page.getByTestId('account-calendar-status').evaluate((e) => { e.textContent = ''; });
  await choose(page, 'account-digits', 'latn');
  assert.match(await page.getByTestId('account-date-preview').textContent(), GREGORIAN_MONTH);
  const saved = await me(page);
  assert.equal(saved.calendar, 'gregorian');
  assert.equal(saved.digits, 'latn');
  t.step('Gregorian and Latin digits chosen on /account and saved (GET /auth/me)');

  const greg = await createdText(page, caseId);
  assert.match(greg, GREGORIAN_MONTH, `Gregorian month name: ${greg}`);
  assert.match(greg, /\b20\d\d\b/, `Gregorian year: ${greg}`);
  assert.doesNotMatch(greg, /AH|[^\x20-\x7E\u202F\u00A0]/, `ASCII only: ${greg}`);
  await page.reload();
  await page.getByTestId('case-created').waitFor();
  const again = (await page.getByTestId('case-created').textContent()).trim();
  assert.equal(again, greg, 'the choice survives a reload (it is the server\'s)');
  t.step(`the request view shows ${greg}, also after a reload`);

  // Another browser signs in with the saved choice.
  const other = await t.page({ locale: 'en-US' });
  other.base = t.base;
  await t.login(other, 'agent');
  assert.equal(await createdText(other, caseId), greg, 'another browser shows the saved calendar');

  await page.goto(`${t.base}/account`);
  await page.getByTestId('account-calendar').selectOption('');
  await page.getByTestId('account-calendar-status').filter({ hasText: /\S/ }).waitFor();
  assert.equal((await me(page)).calendar, '');
  const back = await createdText(page, caseId);
  assert.match(back, /\b1[45]\d\d AH\b/, `Hijri again: ${back}`);
  assert.doesNotMatch(back, GREGORIAN_MONTH);
  t.step(`back to the center's calendar: ${back}`);

  // The Persian dispatcher: Persian digits by default, ASCII digits once they choose Latin.
  const fa = await t.page({ locale: 'fa-IR' });
  fa.base = t.base;
  await t.login(fa, 'dispatcher');
  assert.equal(await fa.evaluate(() => document.documentElement.lang), 'fa');
  const persian = await createdText(fa, caseId);
  assert.match(persian, /[\u06F0-\u06F9]{4}/, `Persian digits by default: ${persian}`);
  await fa.goto(`${t.base}/account`);
  await fa.getByRole('heading', { level: 2, name: 'تقویم و ارقام' }).waitFor();
  await audit(fa, '/account calendar and digits (fa)');
  await choose(fa, 'account-digits', 'latn');
  assert.equal((await me(fa)).digits, 'latn');
  const latin = await createdText(fa, caseId);
  assert.match(latin, /\b1[45]\d\d\b/, `Latin digits, still the center's Hijri year: ${latin}`);
  assert.doesNotMatch(latin, NON_ASCII_DIGIT, `no Persian or Arabic-Indic digits: ${latin}`);
  assert.match(latin, /[\u0600-\u06FF]/, 'month names stay Persian');
  t.step(`the Persian dispatcher with Latin digits: ${latin}`);

  // An analyst who reads Jalali in this Hijri center: the dashboard's period is picked in Jalali
  // and sent to the report API written in Jalali with calendar=jalali, so the server counts the
  // same days the analyst sees.
  const analyst = await t.api('analyst');
  assert.equal((await analyst('PATCH', '/api/v1/auth/me', { calendar: 'persian', digits: 'latn' })).status, 200);
  const dash = await t.page();
  const summary = dash.waitForRequest((r) => r.url().includes('/api/v1/reports/summary'));
  await t.login(dash, 'analyst', '/reports');
  const sent = new URL((await summary).url()).searchParams;
  await dash.getByTestId('f-from').waitFor();
  assert.equal(await dash.getByTestId('f-from').getAttribute('data-datepicker'), 'persian');
  const jalali = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: inst.body.time_zone, year: 'numeric', month: 'numeric' })
    .formatToParts(new Date());
  const part = (k) => Number(jalali.find((x) => x.type === k).value);
  const firstOfMonth = `${part('year')}-${String(part('month')).padStart(2, '0')}-01`;
  assert.equal(sent.get('calendar'), 'jalali');
  assert.equal(sent.get('from'), firstOfMonth, 'this Jalali month, written in Jalali');
  assert.match(await dash.getByTestId('f-from').inputValue(), new RegExp(`^${part('year')}/${String(part('month')).padStart(2, '0')}/01$`));
  t.step(`the analyst's dashboard period is Jalali: from=${sent.get('from')} calendar=jalali`);
}
