import { api, ApiError, get, type Action, type Case, type Category, type Site, type Unit } from '../api';
import { h, message } from '../dom';
import { localized, t } from '../i18n';
import { fmt } from '../state';
import { actionBar, dueBadge, extrasOf, extrasSection, identityHidden } from './flow';
import { caseAudit } from './case-audit';
import { caseFiles } from './case-files';
import { caseHeader, locationCard } from './case-head';
import { noteForm, seeMentions } from './case-notes';
import { caseRetype } from './case-retype';
import { timelineSection } from './timeline';
import { replyForm } from './case-reply';

type Dict = ReturnType<typeof t>;

/** One request and exactly the actions the server says this user may take now: a header with
 *  what matters at a glance, the actions as one bar, then the details beside the timeline. */
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
  const [actions, cats, units, sites, extras] = await Promise.all([
    get<{ items: Action[] }>(`/api/v1/cases/${id}/actions`),
    get<{ items: Category[] }>('/api/v1/categories'),
    get<{ items: Unit[] }>('/api/v1/units').catch(() => ({ items: [] as Unit[] })),
    c.site_id ? get<{ items: Site[] }>('/api/v1/sites').catch(() => ({ items: [] as Site[] })) : Promise.resolve({ items: [] as Site[] }),
    extrasOf(id),
  ]);
  const row = (k: string, v: Node | string) => [h('dt', {}, k), h('dd', {}, v)];
  const msg = message('alert');
  const status = message('status');

  const head = await caseHeader(c, etag, units.items, sites.items, cats.items, d.title);
  const details = h('section', { class: 'case-details', 'aria-label': t().desk.details },
    h('h2', {}, t().desk.details),
    h('dl', { class: 'facts' },
      ...row(t().console.description, h('span', { class: 'description' }, c.description)),
      ...(identityHidden(c) ? [] : row(t().console.requester, c.requester
        ? h('span', {}, c.requester.name, ' ', h('a', { href: `tel:${c.requester.phone}`, dir: 'ltr' }, h('bdi', {}, c.requester.phone)))
        : '—')),
      ...row(t().console.type, t().types[c.type as keyof Dict['types']] ?? c.type),
      ...row(t().console.priority, t().priorities[c.priority as keyof Dict['priorities']] ?? c.priority),
      ...row(t().console.channel, t().channels[c.channel as keyof Dict['channels']] ?? c.channel),
      ...row(d.created, h('span', { 'data-testid': 'case-created' }, fmt(c.created_at))),
      ...row(d.updated, fmt(c.updated_at)),
      ...(c.sla?.resolution?.due ? row(d.due, dueBadge(c)) : []),
      ...(() => {
        // Not referred yet: where routing would send it (the referral form starts there).
        const u = !c.unit_id && c.suggested_unit_id ? units.items.find((x) => x.id === c.suggested_unit_id) : undefined;
        return u ? row(t().flow.suggestedUnit, h('span', { 'data-testid': 'suggested-unit' }, localized(u.name))) : [];
      })()),
    identityHidden(c) ? h('p', { class: 'hint', 'data-testid': 'anonymized' }, t().flow.anonymized) : null,
    extrasSection(extras),
    locationCard(c.site_id ? sites.items.find((s) => s.id === c.site_id) : undefined),
    caseFiles(id));  // attachments, and their release to the unit (views/case-files.ts)

  const view = h('article', { class: 'case', 'data-testid': 'case-view' }, head,
    h('h2', { class: 'sr-only' }, d.actions), status, msg);
  if (!actions.items.length) view.append(h('p', { 'data-testid': 'no-actions', class: 'hint' }, d.noActions));
  // One bar: the first way forward stands out, destructive actions are set apart and confirmed,
  // inputs open only for the chosen action (views/flow.ts).
  else view.append(actionBar(id, actions.items, etag, units.items, c.suggested_unit_id));
  // Review's typing: a new type may move the request into another flow (views/case-retype.ts).
  const retype = caseRetype(c, etag, cats.items);
  // Notes for colleagues sit above the timeline they join; opening the request sees its mentions.
  const note = await noteForm(id, c.unit_id);
  void seeMentions(id);
  view.append(h('div', { class: 'case-body' },
    h('div', { class: 'case-main' }, details, retype),
    h('div', { class: 'case-side' }, replyForm(c), note, timelineSection(id))));
  view.append(caseAudit(id));  // messages and resend, the access log (views/case-audit.ts)
  return view;
}
