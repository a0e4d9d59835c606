// The role screens on top of the workflow (issue 4): action forms grouped by what they do, a
// request picker for 'case' inputs (merge), due-time markers, callback attempts and meetings from
// /extras, the dispatcher's callbacks worklist and the head's meeting desk. Every form is one of
// the actions GET /cases/{id}/actions lists: nothing here decides what a user may do.
import { api, ApiError, get, q, type Action, type ActionInput, type Case, type Unit } from '../api';
import { dateInput, dayOfIso } from '../datepicker';
import { fullDateFormatter } from '../dates';
import { normalizeDigits } from '../digits';
import { field, h, message, select, uid } from '../dom';
import { fill, lang, localized, t } from '../i18n';
import { render } from '../router';
import { fmt, locale } from '../state';
import { can } from '../session';
import { missedCallsList } from './calls';
import { problemMessage } from '../problems';

type Dict = ReturnType<typeof t>;

export interface Meeting { date: string; time: string; place: string; outcome: string }
export interface CallbackAttempt { at: string; user_id: number | null; outcome: string }
export interface Extras { meeting: Meeting | null; callbacks: CallbackAttempt[] }
interface Clock { due: string; state: string; run?: string }
type SlaCase = Case & { requester_hidden?: boolean; sla?: { first_response?: Clock | null; resolution?: Clock | null } | null };

export const extrasOf = (id: number) =>
  get<Extras>(`/api/v1/cases/${id}/extras`).catch(() => ({ meeting: null, callbacks: [] }) as Extras);

function inputLabel(i: ActionInput): string {
  if (i.name === 'answer' || i.name === 'public_answer') return t().flow.publicAnswer;
  return (t().inputs as Record<string, string>)[i.name] ?? i.name.replace(/_/g, ' ');
}

// ---- Request picker (input type 'case') ------------------------------------------------------

/** A tracking-code search for inputs that take another request: the hidden input carries its id
 *  once found (GET /cases?code=, so only requests this user may see). */
function casePicker(i: ActionInput, self: number): { el: HTMLElement; value: HTMLInputElement } {
  const d = t().flow.casePicker;
  const value = h('input', { type: 'hidden', name: i.name, 'data-input': i.name });
  const code = h('input', { autocomplete: 'off', dir: 'ltr', 'data-testid': `${i.name}-code`, required: i.required });
  const out = h('p', { role: 'status', 'aria-live': 'polite', class: 'picked', 'data-testid': `${i.name}-found` });
  let looked = '';
  const find = async () => {
    const text = normalizeDigits(code.value.trim());
    if (text === looked) return;  // Enter, then the change event on leaving the box: one lookup
    looked = text;
    value.value = '';
    out.replaceChildren();
    if (!text) return;
    try {
      const page = await get<{ items: Case[] }>(`/api/v1/cases${q({ code: text })}`);
      const c = page.items.find((x) => x.id !== self);
      if (!c) { out.textContent = d.none; return; }
      value.value = String(c.id);
      out.append(`${d.found}: `, h('bdi', {}, c.tracking_code), ' · ', t().types[c.type as keyof Dict['types']] ?? c.type,
        ' · ', localized(c.state_label), ' · ', fmt(c.created_at));
    } catch {
      out.textContent = d.none;
    }
  };
  code.addEventListener('change', () => void find());
  code.addEventListener('keydown', (e) => { if ((e as KeyboardEvent).key === 'Enter') { e.preventDefault(); void find(); } });
  const el = h('div', { class: 'case-picker' },
    h('div', { class: 'inline' }, field(d.search, code), h('button', { type: 'button', onclick: () => void find() }, d.find)),
    out, value);
  return { el, value };
}

// ---- Action forms ----------------------------------------------------------------------------

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Actions staff confirm before they are taken (by their stable names across profiles). */
const DESTRUCTIVE = new Set(['malicious', 'decline', 'merge', 'transfer', 'close_without_callback', 'no_show']);

function control(i: ActionInput, units: Unit[], wide: boolean, suggested?: number | null): Control {
  const base = { name: i.name, required: i.required, 'data-input': i.name };
  switch (i.type) {
    case 'unit': {
      // The units a request can go to, in tree order with their path ("branch › department"),
      // without the contact center itself; the one routing suggests comes first, chosen, and
      // says so. The dispatcher may pick another.
      const byId = new Map(units.map((u) => [u.id, u]));
      const path = (u: Unit): string => {
        const names: string[] = [];
        for (let x: Unit | undefined = u; x && names.length < 12; x = x.parent_id ? byId.get(x.parent_id) : undefined) {
          if (x.kind !== 'center') names.unshift(localized(x.name));
        }
        return names.join(' › ');
      };
      const open = units.filter((u) => u.active && u.kind !== 'center');
      const label = (u: Unit) => (u.id === suggested ? `${path(u)} — ${t().flow.suggested}` : path(u));
      const ordered = open.map((u) => [u, path(u)] as const).sort((a, b) => a[1].localeCompare(b[1])).map(([u]) => u);
      const first = ordered.filter((u) => u.id === suggested);
      const options = [...first, ...ordered.filter((u) => u.id !== suggested)].map((u) => [String(u.id), label(u)] as [string, string]);
      return select([['', t().none], ...options], first.length ? String(suggested) : '', { ...base, 'data-suggested': first.length ? String(suggested) : '' });
    }
    case 'choice':
      // A required choice asks to be made ("choose"), never offers "none" as if it were one.
      return select([['', i.required ? t().desk.choose : t().none], ...i.options.map((o) => [o, (t().inputs as Record<string, string>)[o] ?? o] as [string, string])], '', base);
    case 'bool': return h('input', { ...base, type: 'checkbox', required: false });
    // In the installation's calendar; its value is the ISO Gregorian date the API takes.
    case 'date': return dateInput({ name: i.name, required: i.required, attrs: { 'data-input': i.name } });
    case 'time': return h('input', { ...base, type: 'time' });
    default: return h('textarea', { ...base, rows: wide ? 6 : 2 });
  }
}

/** One action as a form: its inputs, posted with If-Match; the page re-renders after. */
export function actionForm(caseId: number, a: Action, etag: string, units: Unit[], opts: { wide?: boolean; suggested?: number | null } = {}): HTMLFormElement {
  const d = t().case;
  const msg = message('alert');
  const controls: { i: ActionInput; el: Control }[] = [];
  const parts: HTMLElement[] = [];
  for (const i of a.inputs) {
    if (i.type === 'case') {
      const p = casePicker(i, caseId);
      controls.push({ i, el: p.value });
      parts.push(p.el);
      continue;
    }
    const el = control(i, units, !!opts.wide && (i.name === 'answer' || i.name === 'public_answer'), opts.suggested);
    controls.push({ i, el });
    parts.push(i.type === 'bool'
      ? h('div', { class: 'check' }, el, h('label', { for: el.id || (el.id = uid()) }, inputLabel(i)))
      : field(inputLabel(i), el));
  }
  const headId = uid('act');
  // Actions that cannot be undone by the next step (a malicious report, a declined meeting, a
  // merge into another request, a close without calling back) are set apart and ask first.
  const destructive = DESTRUCTIVE.has(a.name);
  const form = h('form', { class: `action card${opts.wide ? ' wide' : ''}${destructive ? ' danger' : ''}`, 'aria-labelledby': headId, 'data-action': a.name, novalidate: true },
    h('h3', { id: headId }, localized(a.label)), ...parts, msg,
    h('button', { type: 'submit', class: 'primary' }, localized(a.label)));
  const submitButton = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    // One post per press: a second click while the first runs does nothing (and never shows a
    // false "someone else changed this" from the first post's own change).
    if (form.dataset.busy) return;
    msg.textContent = '';
    const inputs: Record<string, string | boolean> = {};
    for (const { i, el } of controls) {
      if (i.type === 'bool') inputs[i.name] = (el as HTMLInputElement).checked;
      else if (el.value.trim() !== '') inputs[i.name] = normalizeDigits(el.value.trim());
      else if (i.required) { msg.textContent = `${inputLabel(i)}: ${t().problems.required}`; el.setAttribute('aria-invalid', 'true'); el.focus(); return; }
    }
    if (destructive && !confirm(fill(d.confirmAction, { action: localized(a.label) }))) return;
    form.dataset.busy = '1';
    submitButton.disabled = true;
    try {
      await api('POST', `/api/v1/cases/${caseId}/actions/${encodeURIComponent(a.name)}`, { inputs }, { 'If-Match': etag });
      await render();
      document.querySelector('main [role=status]')?.append(d.done);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 412 || err.status === 409)) {
        await render();
        const alert = document.querySelector('main [role=alert]');
        if (alert) alert.textContent = d.conflict;
        return;
      }
      msg.textContent = problemMessage(err);
      form.hidden = false;  // taken from the compact bar: the form shows why
    } finally {
      delete form.dataset.busy;
      submitButton.disabled = false;
    }
  });
  return form;
}

export type Group = 'answer' | 'next' | 'callback' | 'meeting' | 'duplicates' | 'other';
const ORDER: Group[] = ['answer', 'next', 'callback', 'meeting', 'duplicates', 'other'];

/** What an action is for, from its name and inputs (labels are the profile's; names are stable
 *  across profiles: refer, answer, call_back_*, approve, merge, transfer, ...). */
export function groupOf(a: Action): Group {
  const n = a.name;
  const has = (name: string) => a.inputs.some((i) => i.name === name);
  if (a.inputs.some((i) => i.type === 'case') || n === 'transfer' || has('agency')) return 'duplicates';
  if (n.startsWith('call_back') || n.includes('callback') && n !== 'close_without_callback') return 'callback';
  if (has('answer') || has('public_answer') || /info|question|clarif/.test(n) || n.startsWith('return_to_pr') || n === 'return_to_line2') return 'answer';
  if (['approve', 'decline', 'reschedule', 'record_meeting', 'no_show', 'convert_to_referral'].includes(n) || n.startsWith('outcome_') || (has('date') && has('time'))) return 'meeting';
  if (['malicious', 'reopen', 'hold', 'resume', 'close_without_callback'].includes(n)) return 'other';
  return 'next';
}

/** The actions, grouped under headings; the answer form (unit staff) first and wide. */
export function actionGroups(caseId: number, actions: Action[], etag: string, units: Unit[], suggested?: number | null): HTMLElement {
  const g = t().flow.groups;
  const wrap = h('div', { class: 'action-groups' });
  for (const key of ORDER) {
    // The form that answers the citizen leads its group, wide; returning it comes after.
    const answers = (a: Action) => a.inputs.some((i) => i.name === 'answer' || i.name === 'public_answer');
    const inGroup = actions.filter((a) => groupOf(a) === key);
    const mine = [...inGroup.filter(answers), ...inGroup.filter((a) => !answers(a))];
    if (!mine.length) continue;
    const id = uid('grp');
    wrap.append(h('section', { class: `action-group group-${key}`, 'aria-labelledby': id, 'data-group': key },
      h('h3', { id, class: 'group-title' }, g[key]),
      h('div', { class: 'actions' }, ...mine.map((a) => actionForm(caseId, a, etag, units, { wide: answers(a), suggested })))));
  }
  return wrap;
}

/** The request view's actions as one compact bar: a button each, grouped as above, the first
 *  way forward standing out and the destructive ones set apart. An action without inputs is
 *  taken by its button (confirmed first when it cannot be undone); one with inputs opens its
 *  form below the bar, and only that one. */
export function actionBar(caseId: number, actions: Action[], etag: string, units: Unit[], suggested?: number | null): HTMLElement {
  const g = t().flow.groups;
  const d = t().desk;
  const bar = h('div', { class: 'action-bar', role: 'toolbar', 'aria-label': t().case.actions, 'data-testid': 'action-bar' });
  const panel = h('div', { class: 'action-panel' });
  const forms = new Map<string, HTMLFormElement>();
  const buttons: HTMLButtonElement[] = [];
  const answers = (a: Action) => a.inputs.some((i) => i.name === 'answer' || i.name === 'public_answer');
  const close = () => {
    for (const f of forms.values()) f.hidden = true;
    for (const b of buttons) b.setAttribute('aria-expanded', 'false');
  };
  let primaryGiven = false;
  for (const key of ORDER) {
    const inGroup = actions.filter((a) => groupOf(a) === key);
    const mine = [...inGroup.filter(answers), ...inGroup.filter((a) => !answers(a))];
    if (!mine.length) continue;
    const group = h('div', { class: `bar-group group-${key}`, role: 'group', 'aria-label': g[key], 'data-group': key });
    for (const a of mine) {
      const form = actionForm(caseId, a, etag, units, { wide: answers(a), suggested });
      form.hidden = true;
      const cancel = h('button', { type: 'button', class: 'link' }, d.cancel);
      cancel.addEventListener('click', () => { close(); button.focus(); });
      form.append(cancel);
      forms.set(a.name, form);
      panel.append(form);
      const destructive = DESTRUCTIVE.has(a.name);
      const primary = !primaryGiven && !destructive && (key === 'answer' || key === 'next');
      if (primary) primaryGiven = true;
      const button = h('button', {
        type: 'button', 'data-open': a.name,
        class: primary ? 'primary' : destructive ? 'danger' : 'secondary',
        'aria-expanded': a.inputs.length ? 'false' : null,
      }, localized(a.label));
      button.addEventListener('click', () => {
        if (!a.inputs.length) { form.requestSubmit(); return; }
        const open = !form.hidden;
        close();
        if (open) return;
        form.hidden = false;
        button.setAttribute('aria-expanded', 'true');
        form.querySelector<HTMLElement>('textarea, select, input:not([type=hidden])')?.focus();
      });
      buttons.push(button);
      group.append(button);
    }
    bar.append(group);
  }
  return h('div', { class: 'actions-compact' }, bar, panel);
}

// ---- Due times, attempts, meetings -------------------------------------------------------------

/** The clock that matters now: the first response while it runs, else the resolution. */
export function clockOf(c: Case): Clock | null {
  const sla = (c as SlaCase).sla;
  const fr = sla?.first_response;
  if (fr && fr.run === 'running') return fr;
  return sla?.resolution ?? fr ?? null;
}

/** The due time with a marker (text, not only colour): overdue, due soon, on track, paused. */
export function dueBadge(c: Case): HTMLElement {
  const f = t().flow;
  const clock = clockOf(c);
  if (!clock?.due) return h('span', { class: 'due none', 'data-testid': 'due' }, f.noDue);
  const marker = clock.run === 'paused' ? f.paused : clock.state === 'breached' ? f.breached : clock.state === 'warning' ? f.dueSoon : f.onTrack;
  return h('span', { class: `due ${clock.state}`, 'data-testid': 'due', 'data-state': clock.state },
    fmt(clock.due), ' ', h('span', { class: 'marker' }, `(${marker})`));
}

export function attemptsList(attempts: CallbackAttempt[]): HTMLElement {
  const f = t().flow;
  return h('div', { class: 'attempts', 'data-testid': 'attempts' },
    h('p', { class: 'count' }, f.attemptsCount(attempts.length, new Intl.NumberFormat(locale()).format(attempts.length))),
    attempts.length ? h('ol', {}, ...attempts.map((a) => h('li', { 'data-outcome': a.outcome }, fmt(a.at), ' — ', f.outcomes[a.outcome] ?? a.outcome))) : null);
}

/** A meeting's ISO Gregorian date in the center's calendar (the head's language). */
export function meetingDate(iso: string): string {
  if (dayOfIso(iso) === null) return iso;
  const [y, m, d] = iso.split('-').map(Number);
  return fullDateFormatter(locale(), 'UTC').format(new Date(Date.UTC(y, m - 1, d)));
}

/** HH:MM in the user's digits (the server keeps it as typed, local time). */
function meetingTime(hhmm: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  return new Intl.DateTimeFormat(locale('gregorian'), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })
    .format(new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2]))));
}

export function meetingBlock(m: Meeting | null): HTMLElement {
  const f = t().flow;
  if (!m || !m.date) return h('p', { class: 'meeting none', 'data-testid': 'meeting' }, f.notScheduled);
  return h('dl', { class: 'facts meeting', 'data-testid': 'meeting' },
    h('dt', {}, f.meetingWhen), h('dd', { 'data-testid': 'meeting-date' }, meetingDate(m.date), '، ', h('bdi', {}, meetingTime(m.time))),
    h('dt', {}, f.meetingPlace), h('dd', {}, m.place),
    ...(m.outcome ? [h('dt', {}, f.meetingOutcome), h('dd', {}, m.outcome)] : []));
}

/** What the request view adds below its facts: the meeting and the call attempts, when any. */
export function extrasSection(x: Extras): HTMLElement | null {
  const f = t().flow;
  if (!x.meeting && !x.callbacks.length) return null;
  return h('section', { class: 'extras', 'data-testid': 'extras' },
    x.meeting ? h('h2', {}, f.meeting) : null, x.meeting ? meetingBlock(x.meeting) : null,
    x.callbacks.length ? h('h2', {}, f.attempts) : null, x.callbacks.length ? attemptsList(x.callbacks) : null);
}

/** True when this user must not see who asked (unit staff, analysts): no requester row. */
export function identityHidden(c: Case): boolean {
  return !!(c as SlaCase).requester_hidden || !can('requesters.identity');
}

// ---- Worklists ---------------------------------------------------------------------------------

interface Item { c: Case; etag: string; actions: Action[]; extras: Extras }
/** An inbox row with ?include=actions,extras: the request, its actions and its extras. */
type Row = Case & { version: number; actions: Action[]; extras: Extras };

/** One request for the whole worklist: the inbox embeds what GET /cases/{id}/actions and
 *  /extras would answer for each row; the row's version is its ETag (the If-Match of its forms). */
async function loadItems(inbox: string): Promise<Item[]> {
  const page = await get<{ items: Row[] }>(`/api/v1/inbox/${inbox}${q({ limit: 50, include: 'actions,extras' })}`);
  return page.items.map((c) => ({ c, etag: `"${c.version}"`, actions: c.actions, extras: c.extras }));
}

const units = () => get<{ items: Unit[] }>('/api/v1/units').then((u) => u.items).catch(() => [] as Unit[]);

function itemHead(c: Case): HTMLElement {
  return h('h2', {}, h('a', { href: `/cases/${c.id}`, 'data-nav': '', 'aria-label': `${t().flow.openRequest} ${c.tracking_code}` }, h('bdi', { class: 'code' }, c.tracking_code)),
    ' ', h('span', { class: 'state' }, localized(c.state_label)));
}

/** Callback rows whose outcome panel the dispatcher opened (kept across re-renders). */
const openRecords = new Set<number>();

/** The dispatcher's callbacks inbox as a worklist: due time, attempts and their outcomes, and
 *  the callback actions' forms one click away on each row. */
export async function callbacksView(): Promise<HTMLElement> {
  const f = t().flow;
  const wrap = h('section', { class: 'worklist', 'data-testid': 'callbacks' },
    h('h1', {}, `${t().inbox.title}: ${f.worklistTitle}`),
    h('nav', { class: 'tabs', 'aria-label': t().nav.inbox },
      ...(['mine', 'triage', 'unit', 'callbacks', 'meetings', 'review'] as const).map((n) =>
        h('a', { href: `/inbox/${n}`, 'data-nav': '', 'aria-current': n === 'callbacks' ? 'page' : null }, t().inbox.names[n]))),
    h('p', {}, f.worklistIntro), message('status'), message('alert'));
  // Missed calls from the telephone system come first: a caller who could not get through.
  wrap.append(await missedCallsList());
  let items: Item[];
  try {
    items = await loadItems('callbacks');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) { wrap.append(h('p', { role: 'alert', class: 'msg error' }, t().inbox.forbidden)); return wrap; }
    throw e;
  }
  if (!items.length) { wrap.append(h('p', {}, f.worklistEmpty)); return wrap; }
  const us = await units();
  const list = h('ul', { class: 'rows' });
  for (const it of items) {
    const calls = it.actions.filter((a) => groupOf(a) === 'callback');
    const rest = it.actions.filter((a) => groupOf(a) !== 'callback');
    // The panel stays open across the page's re-render after each step (start, then outcome).
    const details = h('details', { class: 'record', open: openRecords.has(it.c.id) },
      h('summary', {}, f.recordOutcome),
      h('div', { class: 'actions' }, ...calls.map((a) => actionForm(it.c.id, a, it.etag, us))));
    details.addEventListener('toggle', () => { if (details.open) openRecords.add(it.c.id); else openRecords.delete(it.c.id); });
    list.append(h('li', { class: 'card row', 'data-case': String(it.c.id), 'data-testid': 'callback-row' },
      itemHead(it.c),
      h('dl', { class: 'facts' },
        h('dt', {}, f.due), h('dd', {}, dueBadge(it.c)),
        h('dt', {}, t().console.requester), h('dd', {}, it.c.requester ? h('span', {}, it.c.requester.name, ' ',
          h('a', { href: `tel:${it.c.requester.phone}`, dir: 'ltr', 'data-testid': 'dial' }, h('bdi', {}, it.c.requester.phone))) : '—'),
        h('dt', {}, t().portal.answer), h('dd', {}, it.c.public_answer || '—')),
      h('h3', {}, f.attempts), attemptsList(it.extras.callbacks),
      calls.length ? details : null,
      rest.length ? h('p', {}, h('a', { href: `/cases/${it.c.id}`, 'data-nav': '' }, `${f.openRequest}: ${rest.map((a) => localized(a.label)).join('، ')}`)) : null));
  }
  wrap.append(list);
  return wrap;
}

/** The head's meeting desk: the meetings inbox with each request's meeting and its actions
 *  (approve with date, time and place; decline; convert; record the outcome). */
export async function meetingDeskView(): Promise<HTMLElement> {
  const f = t().flow;
  const wrap = h('section', { class: 'worklist desk', 'data-testid': 'meeting-desk' },
    h('h1', {}, f.deskTitle), h('p', {}, f.deskIntro), message('status'), message('alert'));
  let items: Item[];
  try {
    items = await loadItems('meetings');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 403 || e.status === 404)) { wrap.append(h('p', { role: 'alert', class: 'msg error' }, t().inbox.forbidden)); return wrap; }
    throw e;
  }
  if (!items.length) { wrap.append(h('p', {}, f.deskEmpty)); return wrap; }
  const us = await units();
  const list = h('ul', { class: 'rows' });
  for (const it of items) {
    list.append(h('li', { class: 'card row', 'data-case': String(it.c.id), 'data-testid': 'meeting-row' },
      itemHead(it.c),
      h('dl', { class: 'facts' },
        h('dt', {}, f.received), h('dd', {}, fmt(it.c.created_at)),
        h('dt', {}, f.due), h('dd', {}, dueBadge(it.c)),
        ...(!identityHidden(it.c) && it.c.requester ? [h('dt', {}, t().console.requester), h('dd', {}, it.c.requester.name)] : []),
        h('dt', {}, t().console.description), h('dd', {}, it.c.description)),
      h('h3', {}, f.meeting), meetingBlock(it.extras.meeting),
      actionGroups(it.c.id, it.actions, it.etag, us)));
  }
  wrap.append(list);
  return wrap;
}
