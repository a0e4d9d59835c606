// Browser test: the reports dashboard on moia-1933 (Hijri installation). An agent registers
// requests on two channels and logs guidance calls through the API; the analyst opens the
// dashboard in Arabic and sees the same request and contact counts as the report API gives for the
// same days (the page sends Hijri dates, the test the Gregorian ones: the same period), in
// Arabic-Indic digits; choosing a channel changes the figures to that channel's; the CSV download
// link carries the shown filters and answers UTF-8 with a byte-order mark; the charts are drawn
// (canvas), each with its table; panels whose endpoint is not on the server say so. Run by
// tests/run.mjs.
import assert from 'node:assert/strict';

export const profile = 'moia-1933';

const AR_NOT_AVAILABLE = 'غير متاح على هذا الخادم بعد.';

/** A figure as shown ("١٬٢٣٤", "۱۲") as a number. */
function shownNumber(s) {
  const ascii = s.replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
  return Number(ascii.replace(/[^\d]/g, ''));
}

export async function run(t) {
  const base = t.base;
  const agent = await t.api('agent');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const category = cats.find((c) => c.active !== false && c.parent_id) ?? cats[0];
  const register = async (channel, i) => {
    const res = await agent('POST', '/api/v1/cases', {
      type: 'complaint', channel, priority: 'normal', category_id: category.id, site_id: null,
      description: `طلب اختبار لوحة التقارير ${i}`, requester: { name: 'مختبر اللوحة', phone: `+96655000${1000 + i}` },
    });
    assert.equal(res.status, 201, `register ${channel}: ${JSON.stringify(res.body)}`);
  };
  for (let i = 0; i < 3; i++) await register('walk_in', i);
  for (let i = 3; i < 5; i++) await register('phone', i);
  for (let i = 0; i < 2; i++) {
    const res = await agent('POST', '/api/v1/contacts', {
      channel: 'phone', direction: 'inbound', phone: `+96655100${2000 + i}`, name: 'متصل', outcome: 'guidance', note: 'إرشاد',
    });
    assert.equal(res.status, 201, `guidance contact: ${JSON.stringify(res.body)}`);
  }
  t.step('requests and contacts registered');

  const analyst = await t.api('analyst');
  const report = async (path, params) => {
    const res = await analyst('GET', `/api/v1/reports/${path}?${new URLSearchParams(params)}`);
    return res;
  };

  const page = await t.page({ locale: 'ar-SA' });
  await t.login(page, 'analyst', '/reports');
  const dash = page.locator('[data-testid=dashboard][data-state=ready]');
  await dash.waitFor();
  t.step('dashboard open');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.locator('h1').textContent(), 'لوحة التقارير');
  assert.equal(await page.getByRole('link', { name: 'التقارير' }).getAttribute('aria-current'), 'page');

  // The period the page shows, as Gregorian dates (its address); the API counts the same days.
  const address = new URL(page.url()).searchParams;
  const period = { from: address.get('from'), to: address.get('to'), calendar: 'gregorian' };
  assert.match(period.from ?? '', /^\d{4}-\d{2}-\d{2}$/, 'the period is in the address');
  const all = (await report('summary', period)).body;
  assert.ok(all.requests >= 5, `the API counts the new requests (${all.requests})`);

  const kpi = (name) => page.getByTestId(`kpi-${name}`);
  /** Waits until the headline request count reads `n` (the dashboard refreshes on a filter change). */
  const requestsShown = (n) => page.waitForFunction((want) => {
    const s = document.querySelector('[data-testid=kpi-requests]')?.textContent ?? '';
    return Number(s.replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660)).replace(/\D/g, '')) === want;
  }, n);
  const requestsText = (await kpi('requests').textContent()).trim();
  assert.match(requestsText, /^[\u0660-\u0669\u066C]+$/, `Arabic-Indic digits: ${requestsText}`);
  assert.equal(shownNumber(requestsText), all.requests, 'headline requests = API');
  assert.equal(shownNumber(await kpi('contacts').textContent()), all.contacts_apart_from_requests.total, 'contacts apart = API');
  assert.equal(shownNumber(await kpi('backlog').textContent()), all.backlog.open, 'backlog = API');

  // Charts are drawn on canvas, each followed by its numbers in a table.
  for (const id of ['chart-trend', 'chart-breakdown', 'chart-aging']) {
    await page.locator(`[data-testid=${id}] canvas`).first().waitFor();
  }
  assert.ok(await page.getByTestId('table-trend').count() === 1, 'trend table');
  assert.ok(await page.getByTestId('table-breakdown').locator('tbody tr').count() >= 1, 'breakdown table rows');

  // Panels of endpoints another part of the server adds: drawn when there, "not available" when not.
  const heat = await report('heatmap', { ...period, subject: 'requests' });
  if (heat.status === 404) {
    assert.equal((await page.getByTestId('panel-heatmap-note').textContent()).trim(), AR_NOT_AVAILABLE);
  } else {
    assert.equal(heat.status, 200);
    await page.locator('[data-testid=chart-heatmap] canvas').first().waitFor();
    // Rows start on Saturday, the installation's first weekday.
    assert.equal((await page.getByTestId('table-heatmap').locator('tbody th').first().textContent()).trim(), 'السبت');
  }
  const sla = await report('sla', { ...period, by: 'category' });
  if (sla.status === 404) {
    assert.equal((await page.getByTestId('kpi-sla-sub').textContent()).trim(), AR_NOT_AVAILABLE);
    assert.equal((await page.getByTestId('panel-sla-note').textContent()).trim(), AR_NOT_AVAILABLE);
  } else {
    assert.equal(sla.status, 200);
    const shown = (await kpi('sla').textContent()).trim();
    if (sla.body.total.compliance === null) assert.equal(shown, '—');
    else assert.match(shown, /٪/, `SLA compliance as a percentage: ${shown}`);
    await page.getByTestId('table-sla').waitFor({ state: 'attached' });
    // The first-response clock has its own headline, and the panel switches to it.
    const first = sla.body.clocks.first_response;
    const firstShown = (await kpi('sla-first').textContent()).trim();
    if (first.compliance === null) assert.equal(firstShown, '—');
    else assert.match(firstShown, /٪/, `first-response compliance: ${firstShown}`);
    const byClock = await report('sla', { ...period, by: 'category', clock: 'first_response' });
    assert.deepEqual(byClock.body.total, first, 'the first-response total is the clocks figure');
    await page.getByTestId('sla-clock').selectOption('first_response');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sla_clock') === 'first_response');
    await dash.waitFor();
    assert.equal(new URL(await page.getByTestId('download-sla-csv').getAttribute('href'), base).searchParams.get('clock'), 'first_response');
    await page.getByTestId('sla-clock').selectOption('resolution');
  }
  const agents = await report('agents', period);
  if (agents.status === 404) assert.equal((await page.getByTestId('panel-agents-note').textContent()).trim(), AR_NOT_AVAILABLE);
  else await page.getByTestId('table-agents').waitFor();
  t.step(`optional panels: heatmap ${heat.status}, sla ${sla.status}, agents ${agents.status}`);

  // Calls and visits: the headline figure and the table are the contacts report's.
  const calls = await report('contacts', { ...period, by: 'channel' });
  assert.equal(calls.status, 200);
  assert.ok(calls.body.total.offered >= 7, `registrations by phone or walk-in and guidance calls are contacts (${calls.body.total.offered})`);
  await page.getByTestId('table-calls').waitFor();
  assert.equal(shownNumber(await kpi('calls').textContent()), calls.body.total.offered, 'calls = API');
  assert.equal(await page.getByTestId('table-calls').locator('tbody tr').count(), calls.body.rows.length + 1, 'a row per channel and the total');
  assert.deepEqual((await page.getByTestId('table-calls').locator('tbody th').allTextContents()).slice(-1), ['المجموع']);
  assert.match((await kpi('service-level').textContent()).trim(), /٪|—/, 'the service level as a percentage');
  t.step(`calls panel: ${calls.body.total.offered} offered`);

  // The taxonomy rolled up to its top level, as the API rolls it; the address keeps the level.
  const leafRows = (await report('breakdown', { ...period, by: 'category' })).body.items;
  const topRows = (await report('breakdown', { ...period, by: 'category', level: '1' })).body.items;
  assert.ok(topRows.length < leafRows.length, `${topRows.length} top-level rows of ${leafRows.length}`);
  await page.getByTestId('breakdown-level').selectOption('1');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=table-breakdown] tbody tr').length === n, topRows.length);
  assert.deepEqual((await page.getByTestId('table-breakdown').locator('tbody td').allTextContents()).map(shownNumber),
    topRows.map((x) => x.count), 'the rolled-up counts');
  assert.equal(new URL(page.url()).searchParams.get('level'), '1');
  await page.getByTestId('breakdown-level').selectOption('leaf');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=table-breakdown] tbody tr').length === n, leafRows.length);
  t.step(`roll-up: ${leafRows.length} categories -> ${topRows.length} top-level rows`);

  await t.assertLabelled(page, 'dashboard');
  await page.getByTestId('table-breakdown').locator('summary').click();
  await t.shot(page, 'dashboard-ar.png');

  // One channel: the figures become that channel's.
  const walkIn = (await report('summary', { ...period, channel: 'walk_in' })).body;
  assert.ok(walkIn.requests >= 3 && walkIn.requests < all.requests, `walk-in ${walkIn.requests} of ${all.requests}`);
  await page.getByTestId('f-channel').selectOption('walk_in');
  await dash.waitFor();
  await requestsShown(walkIn.requests);
  assert.equal(shownNumber(await kpi('requests').textContent()), walkIn.requests, 'headline requests = API for walk-in');
  const byChannel = page.getByTestId('table-breakdown');
  await page.getByTestId('breakdown-by').selectOption('channel');
  await dash.waitFor();
  await byChannel.locator('tbody tr').first().waitFor({ state: 'attached' });
  assert.deepEqual(await byChannel.locator('tbody th').allTextContents(), ['حضور شخصي'], 'only walk-in rows');
  const walkInCalls = (await report('contacts', { ...period, channel: 'walk_in' })).body.total.offered;
  assert.equal(shownNumber(await kpi('calls').textContent()), walkInCalls, 'calls = API for walk-in');
  t.step(`channel filter: ${all.requests} -> ${walkIn.requests}`);

  // The download is what is shown: the same filters, CSV in UTF-8 with a byte-order mark.
  const href = await page.getByTestId('download-breakdown-csv').getAttribute('href');
  const url = new URL(href, base);
  assert.equal(url.searchParams.get('channel'), 'walk_in');
  assert.equal(url.searchParams.get('by'), 'channel');
  assert.equal(url.searchParams.get('format'), 'csv');
  const csv = await page.evaluate(async (h) => {
    const res = await fetch(h, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('Content-Type'), head: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes) };
  }, href);
  assert.equal(csv.status, 200);
  assert.match(csv.type, /^text\/csv/);
  assert.deepEqual(csv.head, [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  assert.match(csv.text, new RegExp(`walk_in.*,${walkIn.requests}\\r?\\n`), `the CSV row: ${csv.text}`);
  const xlsx = await page.getByTestId('download-breakdown-xlsx').getAttribute('href');
  assert.equal(new URL(xlsx, base).searchParams.get('format'), 'xlsx');
  t.step('CSV download checked');

  // The agent filter, where the server takes it: the requests that agent registered.
  const me = (await agent('GET', '/api/v1/auth/me')).body;
  const byAgent = await report('summary', { ...period, channel: 'walk_in', agent: String(me.id) });
  if (byAgent.status === 200) {
    await page.getByTestId('f-agent').selectOption(String(me.id));
    await dash.waitFor();
    await requestsShown(byAgent.body.requests);
    assert.equal(byAgent.body.requests, 3, 'the agent registered the three walk-in requests');
    t.step('agent filter checked');
  }

  // Unit staff: their own unit's figures, without calls, ratings or agents.
  const staffApi = await t.api('unit_staff');
  const mine = (await staffApi('GET', `/api/v1/reports/summary?${new URLSearchParams(period)}`)).body;
  const staff = await t.page({ locale: 'ar-SA' });
  await t.login(staff, 'unit_staff', '/reports');
  await staff.locator('[data-testid=dashboard][data-state=ready]').waitFor();
  await staff.getByTestId('unit-view').waitFor();
  assert.equal(shownNumber(await staff.getByTestId('kpi-requests').textContent()), mine.requests, 'the unit\'s requests = API');
  assert.equal(await staff.getByTestId('panel-calls').count(), 0, 'no calls panel');
  assert.equal(await staff.getByTestId('panel-agents').count(), 0, 'no agents panel');
  assert.ok(await staff.getByTestId('kpi-contacts').isHidden(), 'no contact figures');
  t.step(`unit staff see their unit's ${mine.requests} requests`);
}
