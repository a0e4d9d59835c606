// The request view's header: its state, the time left on its service-level clock as people say
// it ("in 2 hours", red once breached), who owns it (take it, let go, assign to a colleague),
// where it is (the unit) and what it is about (the site, with its card). The server decides
// again on every change (PUT /api/v1/cases/{id}/owner).
import { api, get, type Case, type Category, type Colleague, type Site, type Unit } from '../api';
import { h, message, select } from '../dom';
import { fill, localized, t } from '../i18n';
import { problemMessage } from '../problems';
import { render } from '../router';
import { can } from '../session';
import { fmt, locale, session } from '../state';
import { clockOf } from './flow';

/** "in 2 hours", "3 days ago": a moment relative to now, in the reader's language and digits. */
export function relative(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (abs < 3_600_000) return rtf.format(Math.round(ms / 60_000), 'minute');
  if (abs < 48 * 3_600_000) return rtf.format(Math.round(ms / 3_600_000), 'hour');
  return rtf.format(Math.round(ms / 86_400_000), 'day');
}

/** The clock that matters now as a countdown; the exact time is its tooltip. */
export function countdown(c: Case): HTMLElement {
  const d = t().desk;
  const clock = clockOf(c);
  if (!clock?.due) return h('span', { class: 'countdown none', 'data-testid': 'countdown' }, d.noDue);
  const rel = relative(clock.due);
  const breached = clock.state === 'breached';
  const text = clock.run === 'paused' ? d.pausedDue : breached ? d.overdue : d.dueIn;
  return h('span', { class: `countdown ${clock.state}`, 'data-testid': 'countdown', 'data-state': clock.state, title: fmt(clock.due) },
    fill(text, { rel }));
}

let people: Promise<Colleague[]> | null = null;
/** The colleagues a request may be given to (GET /api/v1/colleagues), once per page load. */
export function colleagues(): Promise<Colleague[]> {
  people ??= get<{ items: Colleague[] }>('/api/v1/colleagues').then((r) => r.items).catch(() => { people = null; return []; });
  return people;
}

/** Who may be given `c`: staff of the unit that has it, or anyone but unit staff. */
export function mayWork(p: Colleague, unitId: number | null | undefined): boolean {
  return p.role !== 'unit_staff' || (unitId != null && p.unit_id === unitId);
}

/** PUT /cases/{id}/owner; the page re-renders after. */
async function setOwner(id: number, userId: number | null, etag: string | null, alert: HTMLElement): Promise<boolean> {
  try {
    await api('PUT', `/api/v1/cases/${id}/owner`, { user_id: userId }, etag ? { 'If-Match': etag } : {});
    await render();
    return true;
  } catch (e) {
    alert.textContent = problemMessage(e);
    return false;
  }
}

/** The owner, with "take it", "let go" and (cases.assign) a colleague picker. */
function ownerControl(c: Case, etag: string, staff: Colleague[]): HTMLElement {
  const d = t().desk;
  const me = session.user?.id;
  const alert = message('alert');
  const owner = c.owner_id ? staff.find((p) => p.id === c.owner_id) : undefined;
  const wrap = h('span', { class: 'owner', 'data-testid': 'owner' },
    h('span', { 'data-testid': 'owner-name' }, c.owner_id ? (owner?.name ?? `#${c.owner_id}`) : d.nobody));
  const button = (label: string, testid: string, to: number | null) => {
    const b = h('button', { type: 'button', class: 'small', 'data-testid': testid }, label);
    b.addEventListener('click', async () => {
      b.disabled = true;
      if (!await setOwner(c.id, to, etag, alert)) b.disabled = false;
    });
    return b;
  };
  if (can('cases.write') && me && !c.owner_id) wrap.append(' ', button(d.claim, 'claim', me));
  if (me && c.owner_id === me) wrap.append(' ', button(d.release, 'release', null));
  if (can('cases.assign')) {
    const pick = select([['', d.assignTo], ...staff.filter((p) => mayWork(p, c.unit_id) && p.id !== c.owner_id)
      .map((p) => [String(p.id), p.name] as [string, string])], '', { 'aria-label': d.assignTo, 'data-testid': 'assign-to', class: 'small' });
    const go = h('button', { type: 'button', class: 'small', 'data-testid': 'assign' }, d.assign);
    go.addEventListener('click', async () => {
      if (!pick.value) { pick.focus(); return; }
      go.disabled = true;
      if (!await setOwner(c.id, Number(pick.value), etag, alert)) go.disabled = false;
    });
    wrap.append(' ', pick, ' ', go);
  }
  wrap.append(alert);
  return wrap;
}

/** The site's card: name, region and district, and its coordinates as a link a phone's map
 *  application opens (nothing is loaded from outside). */
export function locationCard(site: Site | undefined): HTMLElement | null {
  const d = t().desk;
  if (!site) return null;
  const rows: Node[] = [h('dt', {}, d.site), h('dd', { 'data-testid': 'site-name' }, localized(site.name))];
  if (site.region) rows.push(h('dt', {}, d.region), h('dd', {}, site.region));
  if (site.district) rows.push(h('dt', {}, d.district), h('dd', {}, site.district));
  if (site.latitude != null && site.longitude != null) {
    const geo = `${site.latitude.toFixed(5)},${site.longitude.toFixed(5)}`;
    rows.push(h('dt', {}, d.coordinates), h('dd', {},
      h('bdi', { dir: 'ltr' }, geo), ' ', h('a', { href: `geo:${geo}`, 'data-testid': 'site-map' }, d.openMap)));
  }
  const card = h('section', { class: 'card location', 'data-testid': 'location', 'aria-label': d.location },
    h('h2', {}, d.location), h('dl', { class: 'facts' }, ...rows));
  // A map only where the server names a tile server (serve --map-tiles): none by default, so
  // nothing is loaded from outside unless the center chose to.
  const tiles = session.installation?.map_tiles ?? '';
  if (tiles && site.latitude != null && site.longitude != null) {
    const box = h('div', { class: 'site-map', dir: 'ltr', 'data-testid': 'site-map-view', role: 'region', 'aria-label': `${d.location}: ${localized(site.name)}` });
    card.append(box);
    void showMap(box, tiles, site.latitude, site.longitude);
  }
  return card;
}

/** Leaflet, loaded only when a map is shown, on `box` once it is in the page. */
async function showMap(box: HTMLElement, tiles: string, lat: number, lng: number): Promise<void> {
  const [{ default: L }] = await Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')]);
  for (let i = 0; i < 50 && !box.isConnected; i++) await new Promise((r) => setTimeout(r, 20));
  const map = L.map(box, { scrollWheelZoom: false, attributionControl: false }).setView([lat, lng], 16);
  L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  // A drawn marker: Leaflet's default one is a picture loaded by URL from its stylesheet.
  L.circleMarker([lat, lng], { radius: 8, color: '#0b5c4a', fillOpacity: 0.6 }).addTo(map);
}

/** The header: code, state, countdown, owner, unit, site and category at a glance. */
export async function caseHeader(c: Case, etag: string, units: Unit[], sites: Site[], cats: Category[], title: string): Promise<HTMLElement> {
  const d = t().desk;
  const staff = can('cases.write') ? await colleagues() : [];
  const unit = c.unit_id ? units.find((u) => u.id === c.unit_id) : undefined;
  const site = c.site_id ? sites.find((s) => s.id === c.site_id) : undefined;
  const cat = cats.find((x) => x.id === c.category_id);
  const item = (label: string, value: Node | string) => h('div', { class: 'head-item' }, h('span', { class: 'head-label' }, label), ' ', value);
  return h('header', { class: 'case-head', 'data-testid': 'case-head' },
    h('h1', {}, `${title} `, h('bdi', { class: 'code' }, c.tracking_code), ' ',
      h('span', { class: `chip state-${c.status}`, 'data-testid': 'case-state' }, localized(c.state_label))),
    h('div', { class: 'head-items' },
      item(t().flow.due, countdown(c)),
      item(d.owner, ownerControl(c, etag, staff)),
      item(d.unit, h('span', { 'data-testid': 'head-unit' }, unit ? localized(unit.name) : d.notReferred)),
      item(t().console.category, cat ? localized(cat.name) : String(c.category_id)),
      site ? item(d.site, h('span', {}, localized(site.name), site.region ? ` · ${site.region}` : '')) : null));
}
