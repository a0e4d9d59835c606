// The messages page (GET /api/v1/messages): every SMS and email the center sends, with its
// delivery state, for those who may resend messages. Recipients come masked and bodies not at
// all, so the page shows no one; a row links to its request, where the message is read whole. A
// demo server's sink (serve --demo-delivery) marks what it took "demo: not sent".
import { ApiError, get, q } from '../api';
import { h, message, select } from '../dom';
import { t } from '../i18n';
import { problemMessage } from '../problems';
import { incomingSection } from './incoming';
import { fmt, locale } from '../state';

interface Row {
  id: number; case_id: number | null; channel: string; template: string; recipient: string; status: string;
  created_at: string; attempts: number; last_error: string; demo: boolean;
}

const STATUSES = ['queued', 'held', 'sending', 'sent', 'delivered', 'undeliverable', 'failed'] as const;

export async function messagesView(): Promise<HTMLElement> {
  const d = t().audit;
  const p = d.page;
  const label = (map: Record<string, string>, k: string) => map[k] ?? k;
  const statusSel = select([['', p.allStatuses], ...STATUSES.map((s) => [s, label(d.status, s)] as [string, string])], '',
    { 'aria-label': p.status, 'data-testid': 'messages-status' });
  const channelSel = select([['', p.allChannels], ['sms', d.channel.sms], ['email', d.channel.email]], '',
    { 'aria-label': p.channel, 'data-testid': 'messages-channel' });
  const alert = message('alert');
  const tbody = h('tbody', {});
  const table = h('table', { 'data-testid': 'messages-table' },
    h('caption', { class: 'sr-only' }, p.title),
    h('thead', {}, h('tr', {}, ...[p.when, p.channel, p.template, p.recipient, p.request, p.status, p.attempts, p.error]
      .map((x) => h('th', { scope: 'col' }, x)))),
    tbody);
  const empty = h('p', { 'data-testid': 'messages-empty' }, p.none);
  const more = h('button', { type: 'button' }, p.more);
  const n = new Intl.NumberFormat(locale());
  let cursor: string | null = null;
  const load = async (reset: boolean) => {
    const page = await get<{ items: Row[]; next_cursor: string | null }>(`/api/v1/messages${q({
      limit: 50, status: statusSel.value || undefined, channel: channelSel.value || undefined, cursor: reset ? undefined : cursor ?? undefined })}`);
    if (reset) tbody.replaceChildren();
    for (const m of page.items) {
      tbody.append(h('tr', { 'data-testid': `message-row-${m.id}`, 'data-status': m.status },
        h('td', {}, fmt(m.created_at)),
        h('td', {}, label(d.channel, m.channel)),
        h('td', {}, h('bdi', {}, m.template)),
        h('td', {}, h('bdi', { dir: 'ltr' }, m.recipient)),
        h('td', {}, m.case_id ? h('a', { href: `/cases/${m.case_id}`, 'data-nav': '' }, `#${n.format(m.case_id)}`) : '—'),
        h('td', {}, label(d.status, m.status), m.demo ? h('span', { class: 'hint', 'data-testid': 'demo' }, ` (${p.demo})`) : null),
        h('td', {}, n.format(m.attempts)),
        h('td', {}, m.last_error ? h('bdi', {}, m.last_error) : '—')));
    }
    cursor = page.next_cursor;
    more.hidden = !cursor;
    const has = tbody.children.length > 0;
    (has ? empty : table).replaceWith(has ? table : empty);
  };
  const form = h('form', { class: 'filters inline', 'aria-label': p.title },
    statusSel, channelSel, h('button', { type: 'submit' }, p.show));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    alert.textContent = '';
    void load(true).catch((err) => { alert.textContent = problemMessage(err); });
  });
  more.addEventListener('click', () => void load(false).catch((err) => { alert.textContent = problemMessage(err); }));
  const wrap = h('section', { class: 'messages-page', 'data-testid': 'messages-page' },
    h('h1', {}, p.title), h('p', { class: 'hint' }, p.hint), form, alert, table, more, incomingSection());
  try {
    await load(true);
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) { table.replaceWith(h('p', { role: 'alert', class: 'msg error' }, t().inbox.forbidden)); return wrap; }
    throw e;
  }
  return wrap;
}
