import { api, ApiError, get, type Action, type Case, type Category, type Unit } from '../api';
import { h, message } from '../dom';
import { localized, t } from '../i18n';
import { fmt } from '../state';
import { actionGroups, dueBadge, extrasOf, extrasSection, identityHidden } from './flow';
import { caseAudit } from './case-audit';
import { caseFiles } from './case-files';
import { caseRetype } from './case-retype';
import { timelineSection } from './timeline';

type Dict = ReturnType<typeof t>;

/** One request and exactly the actions the server says this user may take now. */
export async function caseView(id: number): Promise<HTMLElement> {
  const d = t().case;
  let loaded: { data: Case; etag: string | null };
  try {
    loaded = await api<Case>('GET', `/api/v1/cases/${id}`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return h('p', { role: 'alert', class: 'msg error' }, d.notFound);
    throw e;
  }
  const c = loaded.data;
  const etag = loaded.etag ?? '*';
  const [actions, cats, units, extras] = await Promise.all([
    get<{ items: Action[] }>(`/api/v1/cases/${id}/actions`),
    get<{ items: Category[] }>('/api/v1/categories'),
    get<{ items: Unit[] }>('/api/v1/units').catch(() => ({ items: [] as Unit[] })),
    extrasOf(id),
  ]);
  const cat = cats.items.find((x) => x.id === c.category_id);
  const row = (k: string, v: Node | string) => [h('dt', {}, k), h('dd', {}, v)];
  const msg = message('alert');
  const status = message('status');

  const view = h('article', { class: 'case', 'data-testid': 'case-view' },
    h('h1', {}, `${d.title} `, h('bdi', { class: 'code' }, c.tracking_code)),
    h('dl', { class: 'facts' },
      ...row(d.state, h('span', { 'data-testid': 'case-state' }, localized(c.state_label))),
      ...row(t().console.type, t().types[c.type as keyof Dict['types']] ?? c.type),
      ...row(t().console.category, cat ? localized(cat.name) : String(c.category_id)),
      ...row(t().console.priority, t().priorities[c.priority as keyof Dict['priorities']] ?? c.priority),
      ...row(t().console.channel, t().channels[c.channel as keyof Dict['channels']] ?? c.channel),
      ...(identityHidden(c) ? [] : row(t().console.requester, c.requester ? h('span', {}, c.requester.name, ' ', h('bdi', { dir: 'ltr' }, c.requester.phone)) : '—')),
      ...row(d.created, h('span', { 'data-testid': 'case-created' }, fmt(c.created_at))),
      ...row(d.updated, fmt(c.updated_at)),
      ...(c.sla?.resolution?.due ? row(d.due, dueBadge(c)) : []),
      ...(() => {
        // Not referred yet: where routing would send it (the referral form starts there).
        const u = !c.unit_id && c.suggested_unit_id ? units.items.find((x) => x.id === c.suggested_unit_id) : undefined;
        return u ? row(t().flow.suggestedUnit, h('span', { 'data-testid': 'suggested-unit' }, localized(u.name))) : [];
      })(),
      ...row(t().console.description, c.description)),
    identityHidden(c) ? h('p', { class: 'hint', 'data-testid': 'anonymized' }, t().flow.anonymized) : null,
    extrasSection(extras),
    h('h2', {}, d.actions),
    status, msg);

  if (!actions.items.length) view.append(h('p', { 'data-testid': 'no-actions' }, d.noActions));
  // Grouped by what they do (views/flow.ts): answer, next step, callback, meeting, duplicates
  // and jurisdiction, other; still exactly the actions the server listed.
  view.append(actionGroups(id, actions.items, etag, units.items, c.suggested_unit_id));
  // Review's typing: a new type may move the request into another flow (views/case-retype.ts).
  const retype = caseRetype(c, etag, cats.items);
  if (retype) view.append(retype);
  view.append(caseFiles(id));  // attachments, and their release to the unit (views/case-files.ts)
  view.append(timelineSection(id));
  view.append(caseAudit(id));  // messages and resend, the access log (views/case-audit.ts)
  return view;
}
