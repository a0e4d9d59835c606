// Messages from citizens (GET /api/v1/inbound), below the outgoing ones on the messages page:
// every SMS that reached the center and what became of it (a request opened or joined, a stop
// word, a flood held back, text that could not be read). Roles that may not see identities get
// senders masked and no text from the server.
import { get, q } from '../api';
import { h, message, select } from '../dom';
import { t } from '../i18n';
import { problemMessage } from '../problems';
import { fmt, locale } from '../state';

interface Row {
  id: number; channel: string; sender: string; body: string; received_at: string; outcome: string; reason: string; case_id: number | null;
}

const OUTCOMES = ['created', 'appended', 'stopped', 'started', 'throttled', 'rejected', 'bounced'] as const;

export function incomingSection(): HTMLElement {
  const a = t().audit;
  const d = a.incoming;
  const outcomeSel = select([['', d.all], ...OUTCOMES.map((o) => [o, d.outcomes[o]] as [string, string])], '',
    { 'aria-label': d.outcome, 'data-testid': 'incoming-outcome' });
  const alert = message('alert');
  const tbody = h('tbody', {});
  const table = h('table', { 'data-testid': 'incoming-table' },
    h('caption', { class: 'sr-only' }, d.title),
    h('thead', {}, h('tr', {}, ...[d.when, a.page.channel, d.sender, d.text, d.outcome, a.page.request, d.reason]
      .map((x) => h('th', { scope: 'col' }, x)))),
    tbody);
  const empty = h('p', { 'data-testid': 'incoming-empty' }, d.none);
  const more = h('button', { type: 'button' }, d.more);
  const n = new Intl.NumberFormat(locale());
  let cursor: string | null = null;
  const load = async (reset: boolean) => {
    const page = await get<{ items: Row[]; next_cursor: string | null }>(`/api/v1/inbound${q({
      limit: 50, outcome: outcomeSel.value || undefined, cursor: reset ? undefined : cursor ?? undefined })}`);
    if (reset) tbody.replaceChildren();
    for (const m of page.items) {
      tbody.append(h('tr', { 'data-testid': `incoming-row-${m.id}`, 'data-outcome': m.outcome },
        h('td', {}, fmt(m.received_at)),
        h('td', {}, (a.channel as Record<string, string>)[m.channel] ?? m.channel),
        h('td', {}, h('bdi', { dir: 'ltr' }, m.sender)),
        h('td', {}, m.body ? h('bdi', {}, m.body) : '—'),
        h('td', {}, d.outcomes[m.outcome] ?? m.outcome),
        h('td', {}, m.case_id ? h('a', { href: `/cases/${m.case_id}`, 'data-nav': '' }, `#${n.format(m.case_id)}`) : '—'),
        h('td', {}, m.reason ? h('bdi', {}, m.reason) : '—')));
    }
    cursor = page.next_cursor;
    more.hidden = !cursor;
    const has = tbody.children.length > 0;
    (has ? empty : table).replaceWith(has ? table : empty);
  };
  const form = h('form', { class: 'filters inline', 'aria-label': d.title }, outcomeSel, h('button', { type: 'submit' }, a.page.show));
  const fail = (err: unknown) => { alert.textContent = problemMessage(err); };
  form.addEventListener('submit', (e) => { e.preventDefault(); alert.textContent = ''; void load(true).catch(fail); });
  more.addEventListener('click', () => void load(false).catch(fail));
  void load(true).catch(fail);
  return h('section', { class: 'incoming', 'data-testid': 'incoming', 'aria-labelledby': 'incoming-title' },
    h('h2', { id: 'incoming-title' }, d.title), h('p', { class: 'hint' }, d.hint), form, alert, table, more);
}
