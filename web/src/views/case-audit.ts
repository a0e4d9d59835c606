// The request view's oversight part: the request's messages with their delivery status and a
// Resend button for those the outbox gave up on (failed, unknown), and the access log — who was
// shown the requester's identity on this request. Only for the roles the server allows; the
// server checks again (POST /api/v1/messages/{id}/resend, GET /api/v1/cases/{id}/access-log).
import { api, get } from '../api';
import { h, message } from '../dom';
import { t } from '../i18n';
import { fmt } from '../state';
import { can } from '../session';
import { problemMessage } from '../problems';

interface Message { id: number; channel: string; template: string; status: string; created_at: string; attempts: number; body?: string }
interface AccessEntry { id: number; user_id: number; username: string; display_name: string; case_id: number | null; via: string; at: string }
interface TimelineEvent { kind: string; from: string; to: string }
interface AccessPage { entries: AccessEntry[]; next_cursor: string | null }

const RESENDABLE = ['failed', 'unknown'];

const label = (table: Record<string, string>, key: string) => table[key] ?? key;

/** The section for request `id`; empty (and hidden) for roles that may do neither. */
export function caseAudit(id: number): HTMLElement {
  const section = h('section', { class: 'case-audit', 'data-testid': 'case-audit' });
  if (can('messages.resend')) section.append(messagesBlock(id));
  if (can('audit.access_log')) section.append(accessLogBlock(id));
  if (!section.childElementCount) section.hidden = true;
  return section;
}

function messagesBlock(id: number): HTMLElement {
  const d = t().audit;
  const list = h('ul', { class: 'audit-messages', 'data-testid': 'messages' });
  const status = message('status');
  status.classList.add('ok');
  const alert = message('alert');
  const load = async () => {
    const [x, timeline] = await Promise.all([
      get<{ messages?: Message[] }>(`/api/v1/cases/${id}/extras`).catch(() => ({ messages: [] })),
      get<{ items: TimelineEvent[] }>(`/api/v1/cases/${id}/timeline`).catch(() => ({ items: [] })),
    ]);
    // A message is resent once (the server answers 409 after that): its "resend" event names
    // the copy, shown instead of the button.
    const copies = new Map<string, string>();
    for (const e of timeline.items) if (e.kind === 'resend') copies.set(e.from, e.to);
    const messages = x.messages ?? [];
    list.replaceChildren(...(messages.length ? messages.map((m) => row(m, copies.get(String(m.id)))) : [h('li', {}, d.noMessages)]));
  };
  const row = (m: Message, copy: string | undefined) => {
    const item = h('li', { 'data-testid': `message-${m.id}`, 'data-status': m.status },
      // What the citizen read, not the template's id (kept as the tooltip).
      h('span', {}, label(d.channel, m.channel), ' · ',
        h('bdi', { title: m.template, class: 'message-text' }, m.body ? (m.body.length > 90 ? `${m.body.slice(0, 88)}…` : m.body) : m.template), ' · '),
      h('span', { 'data-testid': 'message-status' }, label(d.status, m.status)), ' · ',
      h('span', {}, fmt(m.created_at)));
    if (copy) {
      item.append(' · ', h('span', { 'data-testid': `resent-${m.id}` }, d.resentAs.replace('{id}', copy)));
    } else if (RESENDABLE.includes(m.status)) {
      const button = h('button', {
        type: 'button', 'data-testid': `resend-${m.id}`, 'aria-label': d.resendLabel.replace('{id}', String(m.id)),
        onclick: async () => {
          button.disabled = true;
          status.textContent = '';
          alert.textContent = '';
          try {
            await api('POST', `/api/v1/messages/${m.id}/resend`);
            status.textContent = d.resent;
            await load();
          } catch (e) {
            alert.textContent = problemMessage(e);
            button.disabled = false;
          }
        },
      }, d.resend);
      item.append(' ', button);
    }
    return item;
  };
  void load();
  return h('div', { class: 'audit-block' }, h('h2', {}, d.messages), list, status, alert);
}

function accessLogBlock(id: number): HTMLElement {
  const d = t().audit;
  const body = h('tbody', {});
  const table = h('table', { class: 'access-log', 'data-testid': 'access-log-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, d.who), h('th', { scope: 'col' }, d.how), h('th', { scope: 'col' }, d.when))),
    body);
  table.hidden = true;
  const note = h('p', { class: 'hint', 'data-testid': 'access-log-note' }, d.loading);
  const alert = message('alert');
  const more = h('button', { type: 'button', 'data-testid': 'access-log-more' }, d.more);
  more.hidden = true;
  let cursor: string | null = null;
  const page = async () => {
    more.disabled = true;
    try {
      const p = await get<AccessPage>(`/api/v1/cases/${id}/access-log?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const e of p.entries) {
        body.append(h('tr', { 'data-testid': 'access-entry', 'data-username': e.username },
          h('td', {}, h('bdi', {}, e.display_name || e.username), ' ', h('span', { class: 'hint' }, h('bdi', { dir: 'ltr' }, `@${e.username}`))),
          h('td', {}, label(d.via, e.via)),
          h('td', {}, fmt(e.at))));
      }
      cursor = p.next_cursor;
      more.hidden = !cursor;
      table.hidden = !body.childElementCount;
      note.textContent = body.childElementCount ? d.accessLogHint : d.noAccess;
    } catch (e) {
      alert.textContent = problemMessage(e);
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void page());
  const details = h('details', { class: 'audit-block', 'data-testid': 'access-log' },
    h('summary', {}, d.accessLog), note, table, more, alert);
  // Loaded when first opened: most visits never look at it.
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (details.open && !loaded) {
      loaded = true;
      void page();
    }
  });
  return details;
}
