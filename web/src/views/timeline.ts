// The request's timeline: every event in order, in the reader's language. Action events name the
// workflow's action and states (the server adds their labels); inputs given with an action
// (a question to line 2, the information passed back, a reason) are shown as written, already
// masked by the server for those who may not see the requester's identifiers.
import { get, type Localized } from '../api';
import { fullDateFormatter } from '../dates';
import { h } from '../dom';
import { localized, t } from '../i18n';
import { fieldLabel } from '../problems';
import { fmt, locale, session } from '../state';

interface Event {
  id: number; at: string; actor_id: number | null; actor_name?: string; kind: string; field: string; from: string; to: string; note: string;
  action_label?: Localized; from_label?: Localized; to_label?: Localized; from_name?: string | null; to_name?: string | null;
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
  if (e.kind === 'changed' && e.field === 'owner_id') {
    return e.to ? fill(k.owner, { name: e.to_name || `#${e.to}` }) : k.released;
  }
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
  // A citizen's message says who wrote it in its own line; everything else says who acted.
  if (e.kind !== 'inbound') li.append(' ', h('span', { class: 'hint' }, e.actor_id ? fill(d.by, { name: e.actor_name || `#${e.actor_id}` }) : d.system));
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

/** What the system does by itself around a step (messages queued and delivered, clocks
 *  started and stopped): folded, so the steps people took stand out. */
const NOISE = new Set(['notification', 'delivery', 'clock', 'sla', 'survey']);
const automatic = (e: Event) => !e.actor_id && NOISE.has(e.kind);

/** The events under a heading per day (in the reader's calendar and the center's zone), each
 *  run of automatic events folded into one line that opens. */
function grouped(events: Event[], list: HTMLElement): void {
  const d = t().timeline;
  const day = fullDateFormatter(locale(), session.installation?.time_zone);
  let lastDay = '';
  for (let i = 0; i < events.length;) {
    const e = events[i];
    const today = day.format(new Date(e.at));
    if (today !== lastDay) {
      list.append(h('li', { class: 'timeline-day' }, h('h3', {}, today)));
      lastDay = today;
    }
    if (!automatic(e)) { list.append(item(e)); i++; continue; }
    const run: Event[] = [];
    while (i < events.length && automatic(events[i]) && day.format(new Date(events[i].at)) === today) run.push(events[i++]);
    if (run.length === 1) { list.append(item(run[0])); continue; }
    list.append(h('li', { class: 'timeline-folded', 'data-testid': 'timeline-folded' },
      h('details', {}, h('summary', {}, fill(d.folded, { n: new Intl.NumberFormat(locale()).format(run.length) })),
        h('ol', {}, ...run.map(item)))));
  }
}

/** The timeline section of request `id`, newest last; loads on its own. */
export function timelineSection(id: number): HTMLElement {
  const d = t().timeline;
  const list = h('ol', { class: 'timeline', 'data-testid': 'timeline' });
  const section = h('section', { class: 'case-timeline', 'aria-labelledby': `timeline-${id}` },
    h('h2', { id: `timeline-${id}` }, d.title), list);
  void get<{ items: Event[] }>(`/api/v1/cases/${id}/timeline`).then((r) => {
    if (!r.items.length) list.replaceWith(h('p', {}, d.empty));
    grouped(r.items, list);
  }).catch(() => list.replaceWith(h('p', { role: 'alert', class: 'msg error' }, t().errorGeneric)));
  return section;
}
