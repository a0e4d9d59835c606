// Calls on the agent's screen: a banner when a telephone system says a call rings for this agent
// or was answered (the live socket's {type: 'call'}), with the caller from the screen-pop
// (GET /contacts/{id}/pop) and a running timer; "Open in the console" takes the call into the
// console (/console?contact=ID), where the request registered is linked to it. And the
// worklist of missed calls to return (GET /callbacks).
import { api, get, type Requester } from '../api';
import { h, message } from '../dom';
import { fill, t } from '../i18n';
import { subscribe } from '../live';
import { navigate } from '../router';
import { can } from '../session';
import { fmt, session } from '../state';
import { problemMessage } from '../problems';

export interface CallContact {
  id: number; channel: string; outcome: string; from: string; to: string; queue: string;
  call_id: string | null; started_at: string; answered_at: string | null; ended_at: string | null;
}
export interface ScreenPop {
  contact: CallContact; requesters: Requester[];
  open_requests: { id: number; tracking_code: string; status: string }[];
}

export const popOf = (id: number) => get<ScreenPop>(`/api/v1/contacts/${id}/pop`);

/** Seconds since `iso` as m:ss (or h:mm:ss), in Latin digits inside an LTR isolate. */
export function elapsed(fromIso: string, toIso?: string | null): string {
  const end = toIso ? Date.parse(toIso) : Date.now();
  const s = Math.max(0, Math.floor((end - Date.parse(fromIso)) / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const hms = s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${Math.floor(s / 60)}:${two(s % 60)}`;
  return hms;
}

/** Who is calling, as the banner and the console say it. */
export function callerOf(pop: ScreenPop): string {
  const d = t().calls;
  const number = pop.contact.from;
  if (!number || number === 'anonymous') return d.anonymous;
  return pop.requesters[0]?.name || d.unknownCaller;
}

/** The banner region for users who take calls (empty otherwise); lives as long as the shell. */
export function callBanner(): HTMLElement {
  const d = t().calls;
  const region = h('section', { class: 'call-banner', 'aria-label': d.region, 'aria-live': 'polite', 'data-testid': 'call-banner', hidden: true });
  if (!can('calls.take')) return region;
  let timer: ReturnType<typeof setInterval> | undefined;
  let shown = 0;
  const hide = () => { clearInterval(timer); region.hidden = true; region.replaceChildren(); shown = 0; };
  const show = async (id: number, event: string) => {
    let pop: ScreenPop;
    try { pop = await popOf(id); } catch { return; }
    if (shown && shown !== id && event === 'ended') return;  // another call's end
    shown = id;
    clearInterval(timer);
    const c = pop.contact;
    const state = c.ended_at ? 'ended' : c.answered_at ? 'answered' : 'ringing';
    const clock = h('span', { class: 'call-timer', dir: 'ltr', 'data-testid': 'call-timer' }, elapsed(c.started_at, c.ended_at));
    if (!c.ended_at) timer = setInterval(() => { clock.textContent = elapsed(c.started_at); if (!region.isConnected) clearInterval(timer); }, 1000);
    region.dataset.state = state;
    region.dataset.contact = String(c.id);
    region.replaceChildren(...[
      h('strong', {}, d[state]), ' ',
      h('span', { 'data-testid': 'call-caller' }, callerOf(pop)), ' ',
      c.from && c.from !== 'anonymous' ? h('bdi', { dir: 'ltr' }, c.from) : null, ' ',
      clock,
      pop.open_requests.length ? h('span', { class: 'muted' }, ' · ', fill(d.openRequests, { count: pop.open_requests.length })) : null,
      h('span', { class: 'inline' },
        !c.ended_at ? h('button', { type: 'button', class: 'primary', 'data-testid': 'call-take', onclick: () => navigate(`/console?contact=${c.id}`) }, d.take) : null,
        h('button', { type: 'button', 'data-testid': 'call-dismiss', onclick: hide }, d.dismiss)),
    ].filter((x): x is HTMLElement | string => x !== null));
    region.hidden = false;
  };
  subscribe((m) => {
    if (m.type === 'call') void show(m.contact_id, m.event);
  }, region);
  return region;
}

/** The missed calls to return, with a button per outcome of the call back. */
export async function missedCallsList(): Promise<HTMLElement> {
  const d = t().calls;
  const wrap = h('section', { class: 'missed-calls', 'data-testid': 'missed-calls' }, h('h2', {}, d.callbacks));
  if (!can('calls.take')) return h('div');
  const status = message('status');
  const alert = message('alert');
  const draw = async () => {
    const { items } = await get<{ items: { id: number; number: string; day: string; missed: number; attempts: number; created_at: string }[] }>('/api/v1/callbacks?status=open');
    wrap.replaceChildren(h('h2', {}, d.callbacks), status, alert);
    if (!items.length) { wrap.append(h('p', {}, d.callbacksEmpty)); return; }
    wrap.append(h('ul', { class: 'rows' }, ...items.map((task) => {
      const record = async (outcome: string) => {
        alert.textContent = '';
        try {
          await api('POST', `/api/v1/callbacks/${task.id}/attempts`, { outcome });
          status.textContent = d.recorded;
          await draw();
        } catch (e) {
          alert.textContent = problemMessage(e);
        }
      };
      return h('li', { class: 'card row', 'data-testid': 'missed-call' },
        h('a', { href: `tel:${task.number}`, dir: 'ltr', 'data-testid': 'dial', 'aria-label': fill(d.dial, { number: task.number }) }, h('bdi', {}, task.number)),
        ' · ', fill(d.missedTimes, { count: task.missed, day: task.day }),
        ' · ', fill(d.attempts, { count: task.attempts }), ' · ', fmt(task.created_at), ' ',
        h('button', { type: 'button', onclick: () => void record('answered') }, d.reached), ' ',
        h('button', { type: 'button', onclick: () => void record('no_answer') }, d.noAnswer));
    })));
  };
  try { await draw(); } catch { return h('div'); }
  return wrap;
}

interface ContactRow extends CallContact { direction: string; agent_id: number | null; wait_seconds: number | null; talk_seconds: number | null }
interface Figures { offered: number; answered: number; abandoned: number; service_level: number | null; wait: { mean_seconds: number | null }; handle: { mean_seconds: number | null } }

const OUTCOMES = ['answered', 'ringing', 'abandoned', 'missed', 'guidance', 'case_created', 'case_updated', 'transferred', 'rejected', 'forwarded', 'voicemail', 'no_answer', 'busy', 'wrong_number'] as const;

/** Supervisors' calls page: today's figures (for those who read reports) and the contacts,
 *  newest first, filtered by outcome and number, refreshed live as calls ring and end. */
export async function callsView(): Promise<HTMLElement> {
  const d = t().calls;
  const outcomeLabel = (o: string) => (d.outcomes as Record<string, string>)[o] ?? o;
  const wrap = h('section', { class: 'calls-page', 'data-testid': 'calls-page' }, h('h1', {}, d.page), h('p', {}, d.pageIntro));
  const figures = h('dl', { class: 'wb-tiles', 'data-testid': 'calls-today' });
  const outcome = h('select', { name: 'outcome', 'data-testid': 'calls-outcome' },
    h('option', { value: '' }, d.any), ...OUTCOMES.map((o) => h('option', { value: o }, outcomeLabel(o))));
  const number = h('input', { name: 'number', type: 'tel', dir: 'ltr', 'data-testid': 'calls-number' });
  const oid = `calls-outcome-${Math.random().toString(36).slice(2)}`;
  const nid = `calls-number-${Math.random().toString(36).slice(2)}`;
  outcome.id = oid; number.id = nid;
  const alert = message('alert');
  const body = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true, 'data-testid': 'calls-more' }, d.more);
  let before: number | null = null;
  const seconds = (n: number | null) => (n == null ? '—' : elapsed(new Date(0).toISOString(), new Date(n * 1000).toISOString()));
  const row = (c: ContactRow) => h('tr', { 'data-contact': String(c.id), 'data-outcome': c.outcome },
    h('td', {}, fmt(c.started_at)),
    h('td', {}, c.direction === 'outbound' ? d.outbound : d.inbound),
    h('td', {}, h('bdi', { dir: 'ltr' }, c.from || '—')),
    h('td', {}, h('bdi', { dir: 'ltr' }, c.to || '—')),
    h('td', {}, c.queue || '—'),
    h('td', {}, outcomeLabel(c.outcome)),
    h('td', { dir: 'ltr' }, seconds(c.wait_seconds)),
    h('td', { dir: 'ltr' }, seconds(c.talk_seconds)));
  const load = async (append: boolean) => {
    alert.textContent = '';
    const params = new URLSearchParams({ limit: '50' });
    if (outcome.value) params.set('outcome', outcome.value);
    if (number.value.trim()) params.set('number', number.value.trim());
    if (append && before) params.set('before', String(before));
    try {
      const page = await get<{ items: ContactRow[]; next_before: number | null }>(`/api/v1/contacts?${params}`);
      if (!append) body.replaceChildren();
      body.append(...page.items.map(row));
      if (!body.children.length) body.append(h('tr', {}, h('td', { colspan: 8 }, d.none)));
      before = page.next_before;
      more.hidden = before == null;
    } catch (e) {
      alert.textContent = problemMessage(e);
    }
  };
  const loadFigures = async () => {
    if (!can('reports.read')) return;
    // Today in the center's time zone, not the browser's: between midnight in Riyadh and
    // midnight UTC the two are different days.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: session.installation?.time_zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
    try {
      const r = await get<{ total: Figures }>(`/api/v1/reports/contacts?from=${day}&to=${day}`);
      const f = r.total;
      const pct = (v: number | null) => (v == null ? '—' : `${Math.round(v * 100)}%`);
      const tile = (id: string, label: string, value: string) => h('div', { class: 'wb-tile' }, h('dt', {}, label), h('dd', { 'data-testid': id }, value));
      figures.replaceChildren(
        tile('calls-offered', d.offered, String(f.offered)), tile('calls-answered', d.answeredCount, String(f.answered)),
        tile('calls-abandoned', d.abandoned, String(f.abandoned)), tile('calls-sl', d.serviceLevel, pct(f.service_level)),
        tile('calls-asa', d.asa, f.wait.mean_seconds == null ? '—' : seconds(Math.round(f.wait.mean_seconds))),
        tile('calls-aht', d.aht, f.handle.mean_seconds == null ? '—' : seconds(Math.round(f.handle.mean_seconds))));
    } catch { /* figures are extra; the list still works */ }
  };
  const form = h('form', { class: 'inline', 'data-testid': 'calls-filter' },
    h('label', { for: oid }, d.filterOutcome), outcome, h('label', { for: nid }, d.filterNumber), number,
    h('button', { type: 'submit' }, d.apply));
  form.addEventListener('submit', (e) => { e.preventDefault(); before = null; void load(false); });
  more.addEventListener('click', () => void load(true));
  wrap.append(can('reports.read') ? h('h2', {}, d.today) : '', figures, form, alert,
    h('table', { class: 'wb-table', 'data-testid': 'calls-table' },
      h('thead', {}, h('tr', {}, ...[d.when, d.direction, d.from, d.to, d.queue, d.outcome, d.wait, d.talk].map((x) => h('th', { scope: 'col' }, x)))),
      body),
    more);
  await Promise.all([load(false), loadFigures()]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  subscribe((m) => {
    if (m.type !== 'call' && m.type !== 'contact' && m.type !== 'ready') return;
    clearTimeout(timer);
    timer = setTimeout(() => { if (!before || body.children.length <= 50) void load(false); void loadFigures(); }, 300);
  }, wrap);
  return wrap;
}
