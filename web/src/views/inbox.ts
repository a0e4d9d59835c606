import { ApiError, get, q, type Case } from '../api';
import { h } from '../dom';
import { localized, t } from '../i18n';
import { subscribe } from '../live';
import { fmt, locale } from '../state';
import { dueBadge } from './flow';

const NAMES = ['mine', 'triage', 'unit', 'callbacks', 'meetings', 'review'] as const;
type Dict = ReturnType<typeof t>;

/** GET /api/v1/inbox/{name}: a table of requests, newest first, with paging. */
export async function inboxView(name: string): Promise<HTMLElement> {
  const d = t().inbox;
  // Only the worklists this role may open, each with its count (GET /api/v1/inbox); the tabs
  // refresh with the list when work arrives.
  const f = new Intl.NumberFormat(locale());
  const tabs = h('nav', { class: 'tabs', 'aria-label': t().nav.inbox });
  const drawTabs = async () => {
    const mine = await get<{ items: { name: string; count: number; more: boolean }[] }>('/api/v1/inbox')
      .catch(() => ({ items: NAMES.map((n) => ({ name: n, count: -1, more: false })) }));
    tabs.replaceChildren(...mine.items.filter((x) => (NAMES as readonly string[]).includes(x.name)).map((x) => {
      const n = x.name as (typeof NAMES)[number];
      const count = x.count < 0 ? null : h('span', { class: 'count', 'data-testid': `inbox-count-${n}` }, `${f.format(x.count)}${x.more ? '+' : ''}`);
      return h('a', { href: `/inbox/${n}`, 'data-nav': '', 'data-inbox': n, 'aria-current': n === name ? 'page' : null }, d.names[n], count ? ' ' : null, count);
    }));
    // The browser tab says how much work waits in this role's worklists (not "mine").
    const waiting = mine.items.filter((x) => x.name !== 'mine' && x.count > 0).reduce((a, x) => a + x.count, 0);
    setTimeout(() => {  // after the page shell has set its title
      const bare = document.title.replace(/^\(\S+\) /, '');
      document.title = waiting ? `(${f.format(waiting)}) ${bare}` : bare;
    }, 0);
  };
  await drawTabs();
  const title = (d.names as Record<string, string>)[name] ?? name;
  const wrap = h('section', { class: 'inbox' }, h('h1', {}, `${d.title}: ${title}`), tabs);
  const tbody = h('tbody', {});
  const table = h('table', { 'data-testid': 'inbox' },
    h('caption', { class: 'sr-only' }, title),
    h('thead', {}, h('tr', {}, ...[d.code, t().console.type, d.state, t().console.priority, d.created, t().flow.due].map((x) => h('th', { scope: 'col' }, x)))),
    tbody);
  const more = h('button', { type: 'button' }, d.more);
  let cursor: string | null = null;
  const empty = h('p', {}, d.empty);
  /** The next page; with `reset`, the first page again in place of the list (live updates). */
  const load = async (reset = false) => {
    const page = await get<{ items: Case[]; next_cursor?: string | null }>(`/api/v1/inbox/${name}${q({ limit: 50, cursor: reset ? undefined : cursor ?? undefined })}`);
    if (reset) tbody.replaceChildren();
    for (const c of page.items) {
      tbody.append(h('tr', {},
        h('td', {}, h('a', { href: `/cases/${c.id}`, 'data-nav': '' }, h('bdi', {}, c.tracking_code))),
        h('td', {}, t().types[c.type as keyof Dict['types']] ?? c.type),
        h('td', {}, localized(c.state_label)),
        h('td', {}, t().priorities[c.priority as keyof Dict['priorities']] ?? c.priority),
        h('td', {}, fmt(c.created_at)),
        h('td', {}, dueBadge(c))));
    }
    cursor = page.next_cursor ?? null;
    more.hidden = !cursor;
    if (reset) (tbody.children.length ? empty : table).replaceWith(tbody.children.length ? table : empty);
  };
  more.addEventListener('click', () => void load());
  try {
    await load();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) { wrap.append(h('p', { role: 'alert', class: 'msg error' }, d.forbidden)); return wrap; }
    throw e;
  }
  wrap.append(tbody.children.length ? table : empty, more);
  // A request changed (or the live socket reconnected): reload the first page, debounced.
  let timer: ReturnType<typeof setTimeout> | undefined;
  subscribe((m) => {
    if (m.type === 'contact' || m.type === 'call' || m.type === 'closed') return;
    clearTimeout(timer);
    timer = setTimeout(() => void Promise.all([load(true), drawTabs()]).catch(() => { /* offline: the next message retries */ }), 500);
  }, wrap);
  return wrap;
}
