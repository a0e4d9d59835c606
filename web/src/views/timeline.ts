// The request's timeline: every event in order, in the reader's language. Action events name the
// workflow's action and states (the server adds their labels); inputs given with an action
// (a question to line 2, the information passed back, a reason) are shown as written, already
// masked by the server for those who may not see the requester's identifiers.
import { get, type Localized } from '../api';
import { h } from '../dom';
import { localized, t } from '../i18n';
import { fieldLabel } from '../problems';
import { fmt } from '../state';

interface Event {
  id: number; at: string; actor_id: number | null; actor_name?: string; kind: string; field: string; from: string; to: string; note: string;
  action_label?: Localized; from_label?: Localized; to_label?: Localized;
  from_workflow_label?: Localized; to_workflow_label?: Localized;
}

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** A value as people say it: a status, a clock, a channel, a delivery state; else as written. */
function word(v: string): string {
  const words = t().timeline.words;
  return words[v] ?? (t().statuses as Record<string, string>)[v] ?? v;
}

function describe(e: Event): string {
  const k = t().timeline.kinds;
  // Fields by their names (never "unit_id"), values in words (never "first_response").
  const field = e.kind === 'changed' ? fieldLabel(e.field) : word(e.field);
  const vars = { field, from: word(e.from), to: word(e.to), kind: e.kind, action: e.action_label ? localized(e.action_label) : e.field,
    flow: e.to_workflow_label ? localized(e.to_workflow_label) : e.to.split('.')[0] };
  const template = (k as Record<string, string>)[e.kind] ?? k.other;
  return fill(template, vars);
}

/** "name=value; name=value" as the action service records an action's inputs. */
function inputs(note: string): [string, string][] {
  return note.split('; ').map((p) => p.split('=')).filter((p) => p.length >= 2 && p[0]).map(([k, ...v]) => [k, v.join('=')]);
}

function item(e: Event): HTMLElement {
  const d = t().timeline;
  const li = h('li', { 'data-kind': e.kind, 'data-testid': 'timeline-event' },
    h('time', { datetime: e.at }, fmt(e.at)), ' ',
    h('strong', {}, describe(e)));
  if ((e.kind === 'action' || e.kind === 'moved') && (e.from_label || e.to_label) && e.from !== e.to) {
    li.append(' ', h('span', { class: 'hint' }, fill(d.moved, {
      from: e.from_label ? localized(e.from_label) : e.from, to: e.to_label ? localized(e.to_label) : e.to })));
  }
  li.append(' ', h('span', { class: 'hint' }, e.actor_id ? fill(d.by, { name: e.actor_name || `#${e.actor_id}` }) : d.system));
  if (e.kind === 'action' && e.note) {
    const dl = h('dl', { class: 'timeline-inputs' });
    const names = t().inputs as Record<string, string>;
    for (const [k, v] of inputs(e.note)) dl.append(h('dt', {}, names[k] ?? k), h('dd', {}, names[v] ?? v));
    li.append(dl);
  } else if (e.note) {
    li.append(h('p', { class: 'timeline-note' }, e.note));
  }
  return li;
}

/** The timeline section of request `id`, newest last; loads on its own. */
export function timelineSection(id: number): HTMLElement {
  const d = t().timeline;
  const list = h('ol', { class: 'timeline', 'data-testid': 'timeline' });
  const section = h('section', { class: 'case-timeline', 'aria-labelledby': `timeline-${id}` },
    h('h2', { id: `timeline-${id}` }, d.title), list);
  void get<{ items: Event[] }>(`/api/v1/cases/${id}/timeline`).then((r) => {
    if (!r.items.length) list.replaceWith(h('p', {}, d.empty));
    for (const e of r.items) list.append(item(e));
  }).catch(() => list.replaceWith(h('p', { role: 'alert', class: 'msg error' }, t().errorGeneric)));
  return section;
}
