// The supervisors' wallboard (/wallboard): the open backlog and today's traffic from
// GET /api/v1/wallboard, refetched (debounced) whenever the live socket reports a change, with
// no reload. Changed counts are announced politely to screen readers.
import { ApiError, get } from '../api';
import { h } from '../dom';
import { lang, t } from '../i18n';
import { subscribe } from '../live';
import { fmt, locale } from '../state';
import { elapsed } from './calls';
import './wallboard.css';

interface Row { key: string; label: string; count: number }
interface Board {
  open_by_status: Row[];
  open_by_unit: Row[];
  due_soon: number;
  breached: number;
  today: { contacts: number; requests: number; answered?: number; abandoned?: number };
  calls_waiting?: number;
  longest_wait_seconds?: number;
  agents_on_calls?: number;
  first_response?: { breached: number; due_soon: number };
  generated_at: string;
}

const REFETCH_DELAY_MS = 400;

function fill(s: string, values: Record<string, string>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

export async function wallboardView(): Promise<HTMLElement> {
  const d = t().wallboard;
  const nf = new Intl.NumberFormat(locale());
  const state = h('span', { class: 'live-state', 'data-testid': 'live-state' }, d.offline);
  const stamp = h('span', { class: 'wb-stamp' });
  const announce = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'data-testid': 'wallboard-announce' });
  const body = h('div', { class: 'wb-body' });
  const wrap = h('section', { class: 'wallboard', 'data-testid': 'wallboard', 'data-live': 'connecting' },
    h('div', { class: 'wb-head' }, h('h1', {}, d.title), state, stamp), announce, body);

  let previous: Map<string, [string, number]> | null = null;

  const tile = (id: string, label: string, value: number, tone = '') =>
    h('div', { class: `wb-tile ${tone}` },
      h('dt', {}, label),
      h('dd', { 'data-testid': id, 'data-count': value }, nf.format(value)));

  const table = (caption: string, head: string, rows: Row[], testid: string) =>
    h('table', { class: 'wb-table', 'data-testid': testid },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, head), h('th', { scope: 'col' }, d.count))),
      h('tbody', {}, ...rows.map((r) =>
        h('tr', { 'data-key': r.key },
          h('th', { scope: 'row' }, h('bdi', {}, r.label)),
          h('td', { 'data-count': r.count }, nf.format(r.count))))));

  const show = (b: Board) => {
    const counts = new Map<string, [string, number]>([
      ['due_soon', [d.dueSoon, b.due_soon]],
      ['breached', [d.breached, b.breached]],
      ['first_overdue', [d.firstOverdue, b.first_response?.breached ?? 0]],
      ['today_requests', [d.todayRequests, b.today.requests]],
      ['today_contacts', [d.todayContacts, b.today.contacts]],
      ['calls_waiting', [d.callsWaiting, b.calls_waiting ?? 0]],
      ['agents_on_calls', [d.agentsOnCalls, b.agents_on_calls ?? 0]],
      ...b.open_by_status.map((r): [string, [string, number]] => [`status:${r.key}`, [r.label, r.count]]),
    ]);
    body.replaceChildren(
      h('dl', { class: 'wb-tiles' },
        tile('due-soon', d.dueSoon, b.due_soon, b.due_soon > 0 ? 'warn' : ''),
        tile('breached', d.breached, b.breached, b.breached > 0 ? 'alert' : ''),
        tile('first-overdue', d.firstOverdue, b.first_response?.breached ?? 0, (b.first_response?.breached ?? 0) > 0 ? 'alert' : ''),
        tile('today-requests', d.todayRequests, b.today.requests),
        tile('today-contacts', d.todayContacts, b.today.contacts),
        tile('calls-waiting', d.callsWaiting, b.calls_waiting ?? 0, (b.calls_waiting ?? 0) > 0 ? 'warn' : ''),
        h('div', { class: 'wb-tile' }, h('dt', {}, d.longestWait),
          h('dd', { 'data-testid': 'longest-wait', dir: 'ltr' }, elapsed(new Date(0).toISOString(), new Date((b.longest_wait_seconds ?? 0) * 1000).toISOString()))),
        tile('agents-on-calls', d.agentsOnCalls, b.agents_on_calls ?? 0),
        tile('today-abandoned', d.todayAbandoned, b.today.abandoned ?? 0)),
      h('div', { class: 'wb-tables' },
        table(d.byStatus, d.status, b.open_by_status, 'by-status'),
        b.open_by_unit.length ? table(d.byUnit, d.unit, b.open_by_unit, 'by-unit') : h('p', {}, d.noOpen)));
    stamp.textContent = fill(d.updated, { time: fmt(b.generated_at) });
    if (previous) {
      const changed = [...counts].filter(([k, [, n]]) => previous!.get(k)?.[1] !== n)
        .map(([, [label, n]]) => fill(d.changed, { label, count: nf.format(n) }));
      if (changed.length) announce.textContent = changed.join(lang() === 'en' ? ', ' : '، ');
    }
    previous = counts;
  };

  const load = async () => show(await get<Board>('/api/v1/wallboard'));
  try {
    await load();
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      return h('section', { class: 'wallboard' }, h('h1', {}, d.title), h('p', { role: 'alert', class: 'msg error' }, d.forbidden));
    }
    throw e;
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const refetch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      load().catch(() => { /* offline for a moment: the next message or reconnection retries */ });
    }, REFETCH_DELAY_MS);
  };
  subscribe((m) => {
    if (m.type === 'closed') {
      wrap.dataset.live = 'offline';
      state.textContent = d.offline;
      state.classList.remove('on');
      return;
    }
    if (m.type === 'ready') {
      wrap.dataset.live = 'ready';
      state.textContent = d.live;
      state.classList.add('on');
    }
    refetch();  // ready (changes may have been missed), a request changed, or a contact came in
  }, wrap);
  return wrap;
}
