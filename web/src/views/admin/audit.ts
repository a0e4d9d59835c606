// The audit trail of administrative changes (/admin/audit): who changed what and when, with the
// values before and after, newest first, a page at a time (GET /api/v1/admin/audit).
import { get } from '../../api';
import { h } from '../../dom';
import { t } from '../../i18n';
import { fmt } from '../../state';

interface Entry {
  id: number; at: string; actor_id: number | null; actor_name: string | null; entity: string; key: string;
  action: string; old_value: string; new_value: string; hash: string;
}

/** The section: a table of changes and a button for older ones. */
export async function auditSection(): Promise<HTMLElement> {
  const d = t().admin.trail;
  const body = h('tbody', {});
  const more = h('button', { type: 'button', 'data-testid': 'audit-more', hidden: true }, d.more);
  let cursor: string | null = null;

  const row = (e: Entry) => h('tr', { 'data-testid': `audit-${e.id}` },
    h('td', {}, fmt(e.at)),
    h('td', {}, e.actor_name ?? d.console),
    h('td', {}, d.entities[e.entity] ?? e.entity, ' ', h('bdi', {}, e.key)),
    h('td', {}, d.actions[e.action] ?? e.action),
    h('td', {}, h('details', {}, h('summary', {}, d.details),
      h('dl', {},
        h('dt', {}, d.before), h('dd', {}, h('pre', { dir: 'auto' }, e.old_value || '—')),
        h('dt', {}, d.after), h('dd', {}, h('pre', { dir: 'auto' }, e.new_value || '—'))))));

  const load = async () => {
    const page = await get<{ items: Entry[]; next_cursor: string | null }>(
      `/api/v1/admin/audit?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    body.append(...page.items.map(row));
    cursor = page.next_cursor;
    more.hidden = !cursor;
    if (!body.childElementCount) body.append(h('tr', {}, h('td', { colspan: '5' }, d.empty)));
  };
  more.addEventListener('click', () => { void load(); });
  await load();
  return h('div', { 'data-testid': 'audit' },
    h('p', { class: 'hint' }, d.hint),
    h('div', { class: 'scroll' }, h('table', { 'data-testid': 'audit-list' },
      h('thead', {}, h('tr', {}, h('th', {}, d.when), h('th', {}, d.who), h('th', {}, d.what), h('th', {}, d.action), h('th', {}, d.details))),
      body)),
    more);
}
