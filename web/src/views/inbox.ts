// A worklist: the role's inboxes as tabs with live counts; each row with its requester (hidden
// from those who may not see it), category, an excerpt, site, owner and the time left; sorting,
// filters the server applies (owner, category and those below it, channel, site) remembered per
// inbox, taking and assigning rows one by one or together, tagging together, and an optional
// sound or desktop notification when new work arrives.
import { api, ApiError, get, q, type Case, type Category, type Colleague, type Site } from '../api';
import { h, message, select } from '../dom';
import { fill, localized, t } from '../i18n';
import { subscribe } from '../live';
import { problemMessage } from '../problems';
import { can } from '../session';
import { fmt, locale, session } from '../state';
import { colleagues, countdown, mayWork } from './case-head';
import { clockOf, identityHidden } from './flow';
import { mentionsList } from './case-notes';

const NAMES = ['mine', 'triage', 'unit', 'callbacks', 'meetings', 'review', 'mentions'] as const;
const CHANNELS = ['phone', 'walk_in', 'email', 'chat', 'sms', 'fax', 'social', 'portal'] as const;
type Row = Case & { version: number };
type Dict = ReturnType<typeof t>;
interface Filters { owner?: string; category_id?: string; channel?: string; site_id?: string }
interface RegistryTag { id: number; name: string; names: Record<string, string>; usable: boolean; active: boolean; open_to_agents: boolean }

const store = {
  get<T>(key: string, fallback: T): T {
    try { return JSON.parse(localStorage.getItem(key) ?? '') as T; } catch { return fallback; }
  },
  set(key: string, v: unknown) { try { localStorage.setItem(key, JSON.stringify(v)); } catch { /* private mode */ } },
};

/** The last counts seen, to tell new work from old across re-renders of the page. */
let seen: Record<string, number> | null = null;

/** A short tone made here (nothing to download); browsers allow it after the user's first click. */
function beep(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.18);
    osc.onended = () => void ctx.close();
  } catch { /* no audio */ }
}

function alertNewWork(inbox: string): void {
  const prefs = store.get<{ sound?: boolean; desktop?: boolean }>('tawasul.alerts', {});
  if (prefs.sound) beep();
  if (prefs.desktop && 'Notification' in window && Notification.permission === 'granted') {
    try { new Notification(fill(t().desk.newWork, { inbox })); } catch { /* not allowed here */ }
  }
}

/** The sound and desktop switches (kept in this browser). */
function alertSwitches(): HTMLElement {
  const d = t().desk;
  const prefs = store.get<{ sound?: boolean; desktop?: boolean }>('tawasul.alerts', {});
  const box = (key: 'sound' | 'desktop', label: string) => {
    const input = h('input', { type: 'checkbox', id: `alert-${key}`, 'data-testid': `alert-${key}` });
    input.checked = !!prefs[key];
    input.addEventListener('change', async () => {
      prefs[key] = input.checked;
      if (key === 'desktop' && input.checked && 'Notification' in window && Notification.permission === 'default') {
        await Notification.requestPermission().catch(() => 'denied');
      }
      store.set('tawasul.alerts', prefs);
    });
    return h('span', { class: 'check' }, input, h('label', { for: `alert-${key}` }, label));
  };
  return h('fieldset', { class: 'alerts inline' }, h('legend', {}, d.alerts), box('sound', d.sound), ' ', box('desktop', d.desktop));
}

/** Categories in tree order with their path ("mosques › water"). */
function categoryOptions(cats: Category[]): [string, string][] {
  const byId = new Map(cats.map((c) => [c.id, c]));
  const path = (c: Category): string => {
    const names: string[] = [];
    for (let x: Category | undefined = c; x && names.length < 12; x = x.parent_id ? byId.get(x.parent_id) : undefined) names.unshift(localized(x.name));
    return names.join(' › ');
  };
  return cats.filter((c) => c.active !== false).map((c) => [String(c.id), path(c)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]));
}

type SortKey = 'created' | 'category' | 'site' | 'owner' | 'state' | 'due';

const tabName = (n: (typeof NAMES)[number]) => (n === 'mentions' ? t().desk.mentionsTab : t().inbox.names[n]);

/** GET /api/v1/inbox/{name}: the worklist, newest first, with paging. */
export async function inboxView(name: string): Promise<HTMLElement> {
  const d = t().inbox;
  const k = t().desk;
  const f = new Intl.NumberFormat(locale());
  const tabs = h('nav', { class: 'tabs', 'aria-label': t().nav.inbox });
  // Only the worklists this role may open, each with its count (GET /api/v1/inbox); they refresh
  // with the list when work arrives, and a count that grew raises the alerts.
  const drawTabs = async () => {
    const mine = await get<{ items: { name: string; count: number; more: boolean }[] }>('/api/v1/inbox')
      .catch(() => ({ items: NAMES.map((n) => ({ name: n, count: -1, more: false })) }));
    const shown = mine.items.filter((x) => (NAMES as readonly string[]).includes(x.name));
    tabs.replaceChildren(...shown.map((x) => {
      const n = x.name as (typeof NAMES)[number];
      const count = x.count < 0 ? null : h('span', { class: 'count', 'data-testid': `inbox-count-${n}` }, `${f.format(x.count)}${x.more ? '+' : ''}`);
      return h('a', { href: `/inbox/${n}`, 'data-nav': '', 'data-inbox': n, 'aria-current': n === name ? 'page' : null }, tabName(n), count ? ' ' : null, count);
    }));
    const grown = seen ? shown.find((x) => x.name !== 'mine' && x.count > (seen![x.name] ?? 0)) : undefined;
    seen = Object.fromEntries(shown.map((x) => [x.name, x.count]));
    if (grown) alertNewWork(tabName(grown.name as (typeof NAMES)[number]));
    // The browser tab says how much work waits in this role's worklists (not "mine").
    const waiting = shown.filter((x) => x.name !== 'mine' && x.count > 0).reduce((a, x) => a + x.count, 0);
    setTimeout(() => {  // after the page shell has set its title
      const bare = document.title.replace(/^\(\S+\) /, '');
      document.title = waiting ? `(${f.format(waiting)}) ${bare}` : bare;
    }, 0);
  };
  await drawTabs();
  const title = name === 'mentions' ? k.mentionsTitle : (d.names as Record<string, string>)[name] ?? name;
  const wrap = h('section', { class: 'inbox' }, h('h1', {}, `${d.title}: ${title}`), tabs);
  // Notes that named this user: a list of its own (views/case-notes.ts).
  if (name === 'mentions') { wrap.append(await mentionsList()); return wrap; }

  const [cats, sites, staff, registry] = await Promise.all([
    get<{ items: Category[] }>('/api/v1/categories').then((r) => r.items).catch(() => [] as Category[]),
    get<{ items: Site[] }>('/api/v1/sites').then((r) => r.items).catch(() => [] as Site[]),
    can('cases.write') ? colleagues() : Promise.resolve([] as Colleague[]),
    get<{ items: RegistryTag[] }>('/api/v1/tags').then((r) => r.items).catch(() => [] as RegistryTag[]),
  ]);
  const catName = new Map(cats.map((c) => [c.id, localized(c.name)]));
  const siteName = new Map(sites.map((s) => [s.id, localized(s.name)]));
  const staffName = new Map(staff.map((p) => [p.id, p.name]));
  const me = session.user?.id;

  // ---- Filters, remembered per inbox in this browser ----
  const saved = store.get<Filters>(`tawasul.inbox.${name}`, {});
  const ownerSel = select([['', k.ownerAny], ['me', k.ownerMine], ['none', k.ownerUnclaimed],
    ...(can('cases.assign') ? staff.map((p) => [String(p.id), p.name] as [string, string]) : [])], saved.owner ?? '',
  { 'aria-label': k.ownerFilter, 'data-testid': 'filter-owner' });
  const catSel = select([['', k.allCategories], ...categoryOptions(cats)], saved.category_id ?? '', { 'aria-label': t().console.category, 'data-testid': 'filter-category' });
  const chanSel = select([['', k.allChannels], ...CHANNELS.map((c) => [c, t().channels[c]] as [string, string])], saved.channel ?? '', { 'aria-label': t().console.channel, 'data-testid': 'filter-channel' });
  const siteSel = select([['', k.allSites], ...sites.filter((s) => s.active).map((s) => [String(s.id), localized(s.name)] as [string, string])], saved.site_id ?? '',
    { 'aria-label': k.site, 'data-testid': 'filter-site' });
  const filters = (): Filters => ({ owner: ownerSel.value || undefined, category_id: catSel.value || undefined, channel: chanSel.value || undefined, site_id: siteSel.value || undefined });
  const filterForm = h('form', { class: 'filters inline', 'aria-label': k.filters, 'data-testid': 'filters' },
    ownerSel, catSel, chanSel, sites.length ? siteSel : null,
    h('button', { type: 'submit' }, k.apply),
    h('button', { type: 'button', class: 'link', onclick: () => { for (const s of [ownerSel, catSel, chanSel, siteSel]) s.value = ''; filterForm.requestSubmit(); } }, k.clear));
  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    store.set(`tawasul.inbox.${name}`, filters());
    void load(true).catch(showError);
  });

  // ---- The table ----
  const bulkOk = can('cases.write');
  const selected = new Set<number>();
  const rows: Row[] = [];
  let sort: { key: SortKey; dir: 1 | -1 } = { key: 'created', dir: -1 };
  const tbody = h('tbody', {});
  const headers: [SortKey | null, string][] = [
    ['created', k.columns.code], [null, k.columns.requester], ['category', k.columns.category], [null, k.columns.excerpt],
    ['site', k.columns.site], ['owner', k.columns.owner], ['state', k.columns.state], ['due', k.columns.due]];
  const ths = headers.map(([key, label]) => {
    if (!key) return h('th', { scope: 'col' }, label);
    const th = h('th', { scope: 'col', 'aria-sort': key === sort.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none' });
    th.append(h('button', { type: 'button', class: 'sort', 'data-sort': key, 'aria-label': fill(k.sortBy, { col: label }), onclick: () => {
      sort = { key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 };
      for (const x of ths) x.setAttribute('aria-sort', 'none');
      th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      draw();
    } }, label));
    return th;
  });
  const allBox = h('input', { type: 'checkbox', 'aria-label': k.selectAll, 'data-testid': 'select-all' });
  const table = h('table', { 'data-testid': 'inbox', class: 'worklist-table' },
    h('caption', { class: 'sr-only' }, title),
    h('thead', {}, h('tr', {}, bulkOk ? h('th', { scope: 'col' }, allBox) : null, ...ths)),
    tbody);
  const status = message('status');
  status.classList.add('ok');
  const alert = message('alert');
  const showError = (e: unknown) => { alert.textContent = problemMessage(e); };

  const valueOf = (c: Row, key: SortKey): string | number => {
    switch (key) {
      case 'created': return c.id;
      case 'category': return catName.get(c.category_id) ?? '';
      case 'site': return c.site_id ? siteName.get(c.site_id) ?? '' : '';
      case 'owner': return c.owner_id ? staffName.get(c.owner_id) ?? '' : '';
      case 'state': return localized(c.state_label);
      case 'due': { const due = clockOf(c)?.due; return due ? Date.parse(due) : Number.MAX_SAFE_INTEGER; }
    }
  };
  const draw = () => {
    const ordered = [...rows].sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir;
    });
    tbody.replaceChildren(...ordered.map(rowOf));
    allBox.checked = rows.length > 0 && rows.every((r) => selected.has(r.id));
    bulkBar.hidden = !selected.size;
    count.textContent = fill(k.selected, { n: f.format(selected.size) });
  };
  const rowOf = (c: Row) => {
    const box = h('input', { type: 'checkbox', 'aria-label': fill(k.selectRow, { code: c.tracking_code }), 'data-testid': `select-${c.id}` });
    box.checked = selected.has(c.id);
    box.addEventListener('change', () => { if (box.checked) selected.add(c.id); else selected.delete(c.id); draw(); });
    const owner = c.owner_id
      ? h('span', { 'data-testid': 'row-owner' }, staffName.get(c.owner_id) ?? `#${c.owner_id}`)
      : bulkOk && me
        ? h('button', { type: 'button', class: 'small', 'data-testid': `claim-${c.id}`, onclick: () => void bulk([c.id], (x) => owned(x, me)) }, k.claim)
        : h('span', { class: 'hint' }, '—');
    const excerpt = c.description.length > 90 ? `${c.description.slice(0, 88)}…` : c.description;
    return h('tr', { 'data-case': String(c.id) },
      bulkOk ? h('td', {}, box) : null,
      h('td', {}, h('a', { href: `/cases/${c.id}`, 'data-nav': '' }, h('bdi', {}, c.tracking_code)), h('div', { class: 'hint' }, fmt(c.created_at))),
      h('td', {}, identityHidden(c) ? h('span', { class: 'hint' }, k.hidden) : c.requester ? h('span', {}, c.requester.name) : '—'),
      h('td', {}, catName.get(c.category_id) ?? String(c.category_id)),
      h('td', { class: 'excerpt', title: c.description }, excerpt),
      h('td', {}, c.site_id ? siteName.get(c.site_id) ?? '' : '—'),
      h('td', {}, owner),
      h('td', {}, localized(c.state_label), ' ', h('span', { class: 'hint' }, t().priorities[c.priority as keyof Dict['priorities']] ?? c.priority)),
      h('td', {}, countdown(c)));
  };
  allBox.addEventListener('change', () => {
    for (const r of rows) { if (allBox.checked) selected.add(r.id); else selected.delete(r.id); }
    draw();
  });

  // ---- Bulk: take, assign, tag; each row is its own request, so one may fail alone ----
  const owned = (c: Row, to: number) => api('PUT', `/api/v1/cases/${c.id}/owner`, { user_id: to }, { 'If-Match': `"${c.version}"` });
  const bulk = async (ids: number[], op: (c: Row) => Promise<unknown>) => {
    status.textContent = '';
    alert.textContent = '';
    let ok = 0;
    const failed: string[] = [];
    for (const id of ids) {
      const c = rows.find((r) => r.id === id);
      if (!c) continue;
      try { await op(c); ok++; } catch (e) { failed.push(c.tracking_code); if (ids.length === 1) showError(e); }
    }
    selected.clear();
    await load(true);
    if (ok) status.textContent = fill(k.bulkDone, { n: f.format(ok) });
    if (failed.length && ids.length > 1) alert.textContent = fill(k.bulkFailed, { n: f.format(failed.length), codes: failed.join('، ') });
  };
  const count = h('span', { 'data-testid': 'selected-count' });
  const assignSel = select([['', k.assignTo], ...staff.map((p) => [String(p.id), p.name] as [string, string])], '', { 'aria-label': k.assignTo, 'data-testid': 'bulk-assignee' });
  const tags = registry.filter((x) => x.usable && x.active && (x.open_to_agents || can('cases.tag')));
  const tagSel = select([['', k.chooseTag], ...tags.map((x) => [x.name, localized(x.names) || x.name] as [string, string])], '', { 'aria-label': k.chooseTag, 'data-testid': 'bulk-tag-name' });
  const bulkBar = h('div', { class: 'bulk-bar', role: 'toolbar', 'aria-label': k.selected.replace('{n}', ''), 'data-testid': 'bulk-bar' }, count,
    me ? h('button', { type: 'button', 'data-testid': 'bulk-claim', onclick: () => void bulk([...selected], (c) => owned(c, me)) }, k.bulkClaim) : null,
    can('cases.assign') ? h('span', { class: 'inline' }, assignSel, h('button', { type: 'button', 'data-testid': 'bulk-assign', onclick: () => {
      const to = Number(assignSel.value);
      if (!to) { assignSel.focus(); return; }
      void bulk([...selected], (c) => (mayWork(staff.find((p) => p.id === to)!, c.unit_id) ? owned(c, to) : Promise.reject(new Error('unit'))));
    } }, k.bulkAssign)) : null,
    tags.length ? h('span', { class: 'inline' }, tagSel, h('button', { type: 'button', 'data-testid': 'bulk-tag', onclick: () => {
      if (!tagSel.value) { tagSel.focus(); return; }
      void bulk([...selected], (c) => api('POST', `/api/v1/cases/${c.id}/tags/${encodeURIComponent(tagSel.value)}`));
    } }, k.bulkTag)) : null);
  bulkBar.hidden = true;

  const more = h('button', { type: 'button' }, d.more);
  let cursor: string | null = null;
  const empty = h('p', { 'data-testid': 'inbox-empty' }, d.empty);
  /** The next page; with `reset`, the first page again in place of the list. */
  const load = async (reset = false) => {
    const page = await get<{ items: Row[]; next_cursor?: string | null }>(`/api/v1/inbox/${name}${q({ limit: 50, cursor: reset ? undefined : cursor ?? undefined, ...filters() })}`);
    if (reset) rows.length = 0;
    rows.push(...page.items);
    for (const id of [...selected]) if (!rows.some((r) => r.id === id)) selected.delete(id);
    cursor = page.next_cursor ?? null;
    more.hidden = !cursor;
    draw();
    (rows.length ? empty : table).replaceWith(rows.length ? table : empty);
  };
  more.addEventListener('click', () => void load().catch(showError));
  wrap.append(h('div', { class: 'worklist-tools' }, filterForm, alertSwitches()), status, alert, bulkBar, table, more);
  try {
    await load();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) { table.replaceWith(h('p', { role: 'alert', class: 'msg error' }, d.forbidden)); return wrap; }
    if (e instanceof ApiError && e.status === 400) { store.set(`tawasul.inbox.${name}`, {}); showError(e); return wrap; }
    throw e;
  }
  // A request changed (or the live socket reconnected): reload the first page, debounced.
  let timer: ReturnType<typeof setTimeout> | undefined;
  subscribe((m) => {
    if (m.type === 'contact' || m.type === 'call' || m.type === 'closed') return;
    clearTimeout(timer);
    timer = setTimeout(() => void Promise.all([load(true), drawTabs()]).catch(() => { /* offline: the next message retries */ }), 500);
  }, wrap);
  return wrap;
}
