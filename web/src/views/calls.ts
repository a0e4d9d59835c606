// Calls on the agent's screen: a banner when a telephone system says a call rings for this agent
// or was answered (the live socket's {type: 'call'}), with the caller from the screen-pop
// (GET /contacts/{id}/pop) and a running timer; "Open in the console" takes the call into the
// console (/console?contact=ID), where the request registered is linked to it. And the
// worklist of missed calls to return (GET /callbacks).
import { api, ApiError, get, type Requester } from '../api';
import { h, message } from '../dom';
import { fill, t } from '../i18n';
import { subscribe } from '../live';
import { navigate } from '../router';
import { can } from '../session';
import { fmt } from '../state';

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
          alert.textContent = e instanceof ApiError ? `${t().errorGeneric} ${e.message}` : t().errorNetwork;
        }
      };
      return h('li', { class: 'card row', 'data-testid': 'missed-call' },
        h('bdi', { dir: 'ltr' }, task.number), ' · ', fill(d.missedTimes, { count: task.missed, day: task.day }),
        ' · ', fill(d.attempts, { count: task.attempts }), ' · ', fmt(task.created_at), ' ',
        h('button', { type: 'button', onclick: () => void record('answered') }, d.reached), ' ',
        h('button', { type: 'button', onclick: () => void record('no_answer') }, d.noAnswer));
    })));
  };
  try { await draw(); } catch { return h('div'); }
  return wrap;
}
