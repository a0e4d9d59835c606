// Browser test: the request view's map appears only where the server names a tile server
// (serve --map-tiles), here a path on this same server, so no request leaves it (the harness
// fails on any that does). Without the setting every other test runs with no map at all.
// Run by tests/run.mjs.
import assert from 'node:assert/strict';
import { audit } from './axe.mjs';

export const profile = 'moia-1933';
export const serveArgs = ['--map-tiles', '/tiles/{z}/{x}/{y}.png'];

export async function run(t) {
  const agent = await t.api('agent');
  const cats = (await agent('GET', '/api/v1/categories')).body.items;
  const site = (await agent('GET', '/api/v1/sites')).body.items.find((s) => s.latitude != null);
  assert.ok(site, 'a demo site has coordinates');
  const made = await agent('POST', '/api/v1/cases', {
    type: 'complaint', category_id: cats[0].id, channel: 'phone', description: 'عطل في الإنارة', site_id: site.id,
    requester: { name: 'سالم', phone: '0501230011' },
  });
  assert.equal(made.status, 201);
  const page = await t.page({ locale: 'ar-SA' });
  const tiles = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/tiles/')) tiles.push(r.url()); });
  await t.login(page, 'dispatcher', `/cases/${made.body.id}`);
  await page.getByTestId('site-map-view').locator('.leaflet-container, .leaflet-pane').first().waitFor({ state: 'attached' });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="site-map-view"] img.leaflet-tile').length > 0);
  await page.waitForTimeout(300);
  assert.ok(tiles.length > 0 && tiles.every((u) => u.startsWith(t.base)), `tiles from the named server only: ${tiles.slice(0, 3).join(', ')}`);
  assert.ok(tiles.some((u) => /\/tiles\/16\/\d+\/\d+\.png$/.test(u)), 'zoom 16 around the site');
  await audit(page, 'request view with a map (ar)');
  t.step(`map drawn for ${site.code} from ${tiles.length} tiles of the named server`);
}
