// A date input in the user's calendar (their own choice, else the installation's: Gregorian, Hijri
// Umm al-Qura or Jalali) whose value is the ISO Gregorian date the API takes, so a user whose
// calendar differs from the center's still sends the right day. One calendar source: the browser's ICU through
// Intl.DateTimeFormat with the calendar in the locale (as dates.ts formats), the same ICU
// calendars the server computes report periods with; no calendar arithmetic of our own.
//
// The control is one text box (ARIA combobox with a dialog popup), so it drops into field():
// type the date as year/month/day in any digits (Latin, Arabic-Indic, Persian), or open the month
// grid with Down arrow or a click. Like a native <input type=date>, its `value` is the ISO date
// ('' when empty or not a date) while it shows the date in the calendar and the user's digits.
import type { DigitsChoice, ServerCalendar } from './dates';
import { localeTag, fullDateFormatter } from './dates';
import { normalizeDigits } from './digits';
import { field, h, uid } from './dom';
import { lang, t, type Lang } from './i18n';
import { calendar as sessionCalendar, digits as sessionDigits, session } from './state';

/** A day as a count of days since 1970-01-01: date arithmetic without time zones. */
export type Day = number;
/** A date in some calendar: year, month 1-12, day 1-31. */
export interface CalDate { y: number; m: number; d: number }

const MS_PER_DAY = 86_400_000;

export function isoOfDay(n: Day): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' (Gregorian) as a Day, or null when it is not a real date. */
export function dayOfIso(iso: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const n = Math.round(ms / MS_PER_DAY);
  return isoOfDay(n) === iso ? n : null;
}

const calKey = (c: ServerCalendar) => (c === 'gregorian' ? 'gregory' : c);
const partsFormats = new Map<ServerCalendar, Intl.DateTimeFormat>();

/** The date of day `n` in calendar `c` (ICU, through Intl). */
export function toCalendar(n: Day, c: ServerCalendar): CalDate {
  let f = partsFormats.get(c);
  if (!f) {
    // Latin digits so the parts read as numbers; UTC so that a day stays that day.
    f = new Intl.DateTimeFormat(`en-u-ca-${calKey(c)}-nu-latn`, { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    partsFormats.set(c, f);
  }
  const out: CalDate = { y: 0, m: 0, d: 0 };
  for (const p of f.formatToParts(new Date(n * MS_PER_DAY))) {
    if (p.type === 'year') out.y = Number(p.value);
    else if (p.type === 'month') out.m = Number(p.value);
    else if (p.type === 'day') out.d = Number(p.value);
  }
  return out;
}

const avgMonthDays = (c: ServerCalendar) => (c === 'islamic-umalqura' ? 354.367 : 365.2425) / 12;

/** The day that is `cd` in calendar `c`, or null when the calendar has no such date (e.g. 30
 *  Esfand in a common year). Found by stepping toward it and checking with toCalendar, so the
 *  answer is ICU's by construction. */
export function fromCalendar(cd: CalDate, c: ServerCalendar): Day | null {
  if (!Number.isInteger(cd.y) || cd.m < 1 || cd.m > 12 || cd.d < 1 || cd.d > 31) return null;
  let n = todayDay();
  for (let i = 0; i < 40; i++) {
    const cur = toCalendar(n, c);
    const step = Math.round(((cd.y - cur.y) * 12 + (cd.m - cur.m)) * avgMonthDays(c) + (cd.d - cur.d));
    if (step === 0) break;
    n += step;
  }
  for (const k of [0, -1, 1, -2, 2, -3, 3]) {
    const got = toCalendar(n + k, c);
    if (got.y === cd.y && got.m === cd.m && got.d === cd.d) return n + k;
  }
  return null;
}

/** The first day of the month `m` of year `y` and the month's length in days. */
export function monthSpan(y: number, m: number, c: ServerCalendar): { first: Day; days: number } {
  const first = fromCalendar({ y, m, d: 1 }, c)!;
  let days = 28;
  while (toCalendar(first + days, c).m === m) days++;
  return { first, days };
}

/** `months` months after `cd` (negative: before), the day kept or clamped to the month's end. */
export function addMonths(cd: CalDate, months: number, c: ServerCalendar): Day {
  const idx = cd.y * 12 + (cd.m - 1) + months;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  const span = monthSpan(y, m, c);
  return span.first + Math.min(cd.d, span.days) - 1;
}

/** Today in a time zone (the installation's; else the browser's). */
export function todayDay(timeZone?: string): Day {
  const p = new Intl.DateTimeFormat('en-u-ca-gregory-nu-latn', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date());
  const get = (k: string) => Number(p.find((x) => x.type === k)!.value);
  return Math.round(Date.UTC(get('year'), get('month') - 1, get('day')) / MS_PER_DAY);
}

/** year/month/day in calendar `c` and the user's digits for language `l`, e.g. ۱۴۰۵/۰۹/۱۵. */
export function formatDay(n: Day, l: Lang, c: ServerCalendar, dg: DigitsChoice = sessionDigits()): string {
  const cd = toCalendar(n, c);
  const tag = localeTag(l, c, dg);
  const two = new Intl.NumberFormat(tag, { minimumIntegerDigits: 2, useGrouping: false });
  const year = new Intl.NumberFormat(tag, { useGrouping: false });
  return `${year.format(cd.y)}/${two.format(cd.m)}/${two.format(cd.d)}`;
}

/** A typed date in calendar `c`: year/month/day (or day/month/year when the year is last), any
 *  digits, separated by / - . or the Arabic separators. Null when it is not a date. */
export function parseTyped(text: string, c: ServerCalendar): Day | null {
  const m = /^(\d{1,4})\s*[/\-.\u060C\u066B\u066C\s]\s*(\d{1,2})\s*[/\-.\u060C\u066B\u066C\s]\s*(\d{1,4})$/.exec(normalizeDigits(text).trim());
  if (!m) return null;
  const [a, b, z] = [m[1], m[2], m[3]];
  const cd = a.length >= 3 ? { y: Number(a), m: Number(b), d: Number(z) }
    : z.length >= 3 ? { y: Number(z), m: Number(b), d: Number(a) } : null;
  if (!cd) return null;
  const n = fromCalendar(cd, c);
  // The API takes four-digit Gregorian years; anything else is a typing slip.
  if (n === null) return null;
  const gy = Number(isoOfDay(n).slice(0, 4));
  return gy >= 1900 && gy <= 2199 ? n : null;
}

export interface DateInputOptions {
  name?: string;
  required?: boolean;
  /** Initial value: an ISO Gregorian date. */
  value?: string;
  /** Default: the user's calendar (state.ts calendar()). */
  calendar?: ServerCalendar;
  /** For "today": default the installation's time zone. */
  timeZone?: string;
  /** Extra attributes for the text box (data-testid, data-input, ...). */
  attrs?: Record<string, string>;
}

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;

/** The date input. Read and set `input.value` as an ISO Gregorian date; it fires `input` and
 *  `change` when a date is picked from the grid. */
export function dateInput(opts: DateInputOptions = {}): HTMLInputElement {
  const cal = opts.calendar ?? sessionCalendar();
  const tz = opts.timeZone ?? session.installation?.time_zone;
  const d = t().prefs.datePicker;
  const dialogId = uid('datepicker');
  const input = h('input', {
    type: 'text', name: opts.name, required: opts.required, autocomplete: 'off', inputmode: 'numeric',
    role: 'combobox', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-autocomplete': 'none',
    placeholder: d.format, 'data-datepicker': cal, ...(opts.attrs ?? {}),
  });
  let iso = '';
  const shown = {
    get: () => nativeValue.get!.call(input) as string,
    set: (s: string) => nativeValue.set!.call(input, s),
  };
  const setIso = (v: string) => {
    const n = dayOfIso(v);
    iso = n === null ? '' : v;
    shown.set(n === null ? '' : formatDay(n, lang(), cal));
    input.setCustomValidity('');
    input.removeAttribute('aria-invalid');
  };
  // The view reads `.value` as a native date input's: the ISO date.
  Object.defineProperty(input, 'value', { configurable: true, get: () => iso, set: (v: string) => setIso(String(v ?? '')) });

  // Typing: the value follows the text; a finished (changed) entry is checked and tidied.
  const readTyped = (): boolean => {
    const text = shown.get().trim();
    if (!text) { iso = ''; input.setCustomValidity(''); input.removeAttribute('aria-invalid'); return true; }
    const n = parseTyped(text, cal);
    iso = n === null ? '' : isoOfDay(n);
    input.setCustomValidity(n === null ? d.invalid : '');
    if (n === null) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    return n !== null;
  };
  input.addEventListener('input', () => { readTyped(); });
  input.addEventListener('change', () => { if (readTyped() && iso) shown.set(formatDay(dayOfIso(iso)!, lang(), cal)); });

  // ---- The month grid -------------------------------------------------------------------------
  let dlg: HTMLElement | null = null;
  let focusDay: Day = 0;
  const fmtLocale = localeTag(lang(), cal, sessionDigits());
  const titleFmt = new Intl.DateTimeFormat(fmtLocale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const fullFmt = fullDateFormatter(fmtLocale, 'UTC');
  const dayNum = new Intl.NumberFormat(fmtLocale, { useGrouping: false });
  const rtl = () => document.documentElement.dir === 'rtl';

  function close(refocus: boolean) {
    if (!dlg) return;
    dlg.remove();
    dlg = null;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-controls');
    document.removeEventListener('pointerdown', outside, true);
    if (refocus) input.focus();
  }
  function outside(e: Event) {
    const target = e.target as Node;
    if (dlg && !dlg.contains(target) && target !== input) close(false);
  }
  function pick(n: Day) {
    setIso(isoOfDay(n));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    close(true);
  }

  function grid(): HTMLElement {
    const cd = toCalendar(focusDay, cal);
    const { first, days } = monthSpan(cd.y, cd.m, cal);
    const titleId = `${dialogId}-title`;
    const today = todayDay(tz);
    const selected = dayOfIso(iso);
    // Weeks start on Saturday, as the server's report weeks do. 1970-01-03 was a Saturday.
    const lead = (((first + 4) % 7) + 7 + 1) % 7;  // Thursday 1970-01-01 is weekday 4 (Sun = 0)
    const heads = [0, 1, 2, 3, 4, 5, 6].map((i) => new Date((2 + i) * MS_PER_DAY));
    const wd = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(fmtLocale, { timeZone: 'UTC', ...o });
    const rows: HTMLElement[] = [];
    let cells: HTMLElement[] = [];
    for (let i = 0; i < lead; i++) cells.push(h('td', { role: 'gridcell', 'aria-hidden': 'true' }));
    for (let i = 0; i < days; i++) {
      const n = first + i;
      cells.push(h('td', {
        role: 'gridcell', tabindex: n === focusDay ? 0 : -1, 'data-iso': isoOfDay(n), 'aria-label': fullFmt.format(new Date(n * MS_PER_DAY)),
        'aria-selected': n === selected ? 'true' : 'false', 'aria-current': n === today ? 'date' : null,
        onclick: () => pick(n),
      }, dayNum.format(i + 1)));
      if (cells.length === 7) { rows.push(h('tr', {}, ...cells)); cells = []; }
    }
    if (cells.length) {
      while (cells.length < 7) cells.push(h('td', { role: 'gridcell', 'aria-hidden': 'true' }));
      rows.push(h('tr', {}, ...cells));
    }
    const move = (k: number) => () => { focusDay = addMonths(toCalendar(focusDay, cal), k, cal); redraw(); };
    const table = h('table', { role: 'grid', 'aria-labelledby': titleId, 'data-testid': 'datepicker-grid' },
      h('thead', {}, h('tr', {}, ...heads.map((x) => h('th', { scope: 'col', abbr: wd({ weekday: 'long' }).format(x) }, wd({ weekday: 'narrow' }).format(x))))),
      h('tbody', {}, ...rows));
    table.addEventListener('keydown', gridKey);
    return h('div', { class: 'dp-body' },
      h('div', { class: 'dp-head' },
        h('button', { type: 'button', class: 'dp-nav', 'aria-label': d.prevMonth, onclick: move(-1) }, rtl() ? '›' : '‹'),
        h('h2', { id: titleId, class: 'dp-title', 'aria-live': 'polite', 'data-testid': 'datepicker-title' }, titleFmt.format(new Date(first * MS_PER_DAY))),
        h('button', { type: 'button', class: 'dp-nav', 'aria-label': d.nextMonth, onclick: move(1) }, rtl() ? '‹' : '›')),
      table,
      h('div', { class: 'dp-foot' },
        h('button', { type: 'button', onclick: () => { focusDay = todayDay(tz); redraw(); } }, d.today),
        h('button', { type: 'button', onclick: () => close(true) }, d.close)),
      h('p', { class: 'hint dp-help' }, d.help));
  }

  function redraw(focusGrid = true) {
    if (!dlg) return;
    const hadFocus = focusGrid || dlg.contains(document.activeElement);
    const active = document.activeElement as HTMLElement | null;
    const navFocused = active?.classList.contains('dp-nav') ? [...dlg.querySelectorAll('.dp-nav')].indexOf(active) : -1;
    dlg.replaceChildren(grid());
    if (navFocused >= 0) (dlg.querySelectorAll<HTMLElement>('.dp-nav')[navFocused]).focus();
    else if (hadFocus) dlg.querySelector<HTMLElement>('td[tabindex="0"]')?.focus();
  }

  function gridKey(e: KeyboardEvent) {
    const fwd = rtl() ? -1 : 1;
    const cd = toCalendar(focusDay, cal);
    const weekday = (((focusDay + 4) % 7) + 7 + 1) % 7;  // 0 = Saturday
    let next: Day | null = null;
    switch (e.key) {
      case 'ArrowRight': next = focusDay + fwd; break;
      case 'ArrowLeft': next = focusDay - fwd; break;
      case 'ArrowDown': next = focusDay + 7; break;
      case 'ArrowUp': next = focusDay - 7; break;
      case 'Home': next = focusDay - weekday; break;
      case 'End': next = focusDay + (6 - weekday); break;
      case 'PageUp': next = addMonths(cd, e.shiftKey ? -12 : -1, cal); break;
      case 'PageDown': next = addMonths(cd, e.shiftKey ? 12 : 1, cal); break;
      case 'Enter': case ' ': e.preventDefault(); pick(focusDay); return;
      default: return;
    }
    e.preventDefault();
    focusDay = next;
    redraw();
  }

  function open(focusGrid: boolean) {
    if (dlg) { if (focusGrid) dlg.querySelector<HTMLElement>('td[tabindex="0"]')?.focus(); return; }
    readTyped();
    focusDay = dayOfIso(iso) ?? todayDay(tz);
    dlg = h('div', { id: dialogId, class: 'datepicker', role: 'dialog', 'aria-modal': 'true', 'aria-label': d.dialog, 'data-testid': 'datepicker' });
    dlg.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(true); return; }
      if (e.key === 'Tab') trapTab(e);
    });
    input.parentElement?.classList.add('dp-anchor');
    input.after(dlg);
    input.setAttribute('aria-expanded', 'true');
    input.setAttribute('aria-controls', dialogId);
    document.addEventListener('pointerdown', outside, true);
    redraw(focusGrid);
  }

  function trapTab(e: KeyboardEvent) {
    const items = [...dlg!.querySelectorAll<HTMLElement>('button, td[tabindex="0"]')];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const j = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i === items.length - 1 ? 0 : i + 1);
    e.preventDefault();
    items[j]?.focus();
  }

  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || (e.altKey && e.key === 'ArrowDown')) { e.preventDefault(); open(true); }
    else if (e.key === 'Escape' && dlg) { e.preventDefault(); e.stopPropagation(); close(false); }
  });
  input.addEventListener('click', () => open(false));

  if (opts.value) setIso(opts.value);
  return input;
}

/** A labelled date input for a form or a filter bar (e.g. a dashboard's from/to). */
export function dateField(label: string, opts: DateInputOptions = {}, hint?: string): { el: HTMLElement; input: HTMLInputElement } {
  const input = dateInput(opts);
  return { el: field(label, input, hint), input };
}
