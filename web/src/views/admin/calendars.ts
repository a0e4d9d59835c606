// Administration, business calendars (/admin/calendars): each calendar's week, holidays and
// periods, a form that adds a one-off holiday and a button that removes one.
import { api, get } from '../../api';
import { buttons, formShell, named, problemText, setFlash, submit } from '../../components/form';
import { dateInput, dayOfIso, fromCalendar, toCalendar } from '../../datepicker';
import type { ServerCalendar } from '../../dates';
import { field, h, select } from '../../dom';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { locale, session } from '../../state';
import { numbers, type BusinessCalendar, type DateRule, knownLabel } from './shared';

const DAYS = ['saturday', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const HOLIDAY_KINDS = ['gregorian', 'hijri', 'jalali'] as const;
const CAL: Record<(typeof HOLIDAY_KINDS)[number], ServerCalendar> = { gregorian: 'gregorian', hijri: 'islamic-umalqura', jalali: 'persian' };
/** A year in which every month/day of the calendar exists (for naming a yearly holiday's day). */
const SAMPLE_YEAR: Record<(typeof HOLIDAY_KINDS)[number], number> = { gregorian: 2024, hijri: 1445, jalali: 1403 };

/** "01-14" of a Jalali holiday as "14 Farvardin" (in the reader's language and digits). */
function monthDay(kind: string, mmdd: string, year: number | null): string {
  const k = (HOLIDAY_KINDS as readonly string[]).includes(kind) ? (kind as (typeof HOLIDAY_KINDS)[number]) : 'gregorian';
  const m = /^(\d{2})-(\d{2})$/.exec(mmdd);
  if (!m) return mmdd;
  const n = fromCalendar({ y: year ?? SAMPLE_YEAR[k], m: Number(m[1]), d: Number(m[2]) }, CAL[k]);
  if (n === null) return mmdd;
  const tag = locale(CAL[k]);
  return new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(n * 86_400_000));
}

const D = () => t().admin;

function weekTable(week: Record<string, string[]>, caption: string) {
  const d = D().calendars;
  return h('table', { class: 'week' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, d.day), h('th', { scope: 'col' }, d.hours))),
    h('tbody', {}, ...DAYS.map((day) => h('tr', {}, h('th', { scope: 'row' }, d.days[day]),
      h('td', {}, week[day]?.length ? h('bdi', { dir: 'ltr' }, week[day].join(', ')) : d.dayOff)))));
}

export async function calendarsSection(): Promise<HTMLElement> {
  const d = D().calendars;
  const { items } = await get<{ items: BusinessCalendar[] }>('/api/v1/admin/calendars');
  const status = h('p', { role: 'status', class: 'msg', 'data-testid': 'calendar-status' });
  const remove = async (cal: BusinessCalendar, r: DateRule, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const which = r.year === null ? 'every_year=true' : `year=${r.year}`;
      await api('DELETE', `/api/v1/admin/calendars/${encodeURIComponent(cal.name)}/holidays?name=${encodeURIComponent(r.name)}&${which}`);
      setFlash(d.removed);
      navigate(location.pathname);
    } catch (e) {
      status.textContent = problemText(e);
      button.disabled = false;
    }
  };
  const cards = items.map((cal) => h('section', { class: 'card', 'data-calendar': cal.name, 'aria-label': knownLabel(cal.name) },
    h('h2', {}, h('bdi', {}, knownLabel(cal.name))),
    h('p', {}, h('strong', {}, `${d.timeZone}: `), h('bdi', { dir: 'ltr' }, cal.time_zone), cal.always_open ? ` · ${d.alwaysOpen}` : ''),
    cal.always_open ? null : h('div', {}, h('h3', {}, d.week), weekTable(cal.week, `${d.week}: ${cal.name}`)),
    h('h3', {}, d.holidays),
    cal.holidays.length
      ? h('table', { 'data-testid': `holidays-${cal.name}` },
        h('caption', { class: 'sr-only' }, `${d.holidays}: ${cal.name}`),
        h('thead', {}, h('tr', {}, ...[d.holidayName, d.calendarKind, d.year, d.from, d.to, ''].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...cal.holidays.map((r) => {
          const btn = h('button', { type: 'button', class: 'linklike', 'aria-label': `${D().remove}: ${r.name} ${r.year ?? ''}` }, D().remove);
          btn.addEventListener('click', () => void remove(cal, r, btn));
          return h('tr', { 'data-holiday': `${r.name}@${r.year ?? ''}` },
            h('td', {}, h('bdi', {}, knownLabel(r.name))), h('td', {}, d.kinds[r.calendar as keyof typeof d.kinds] ?? r.calendar),
            h('td', {}, r.year === null ? d.everyYear : numbers().format(r.year)),
            h('td', { 'data-mmdd': r.from }, monthDay(r.calendar, r.from, r.year)), h('td', { 'data-mmdd': r.to }, monthDay(r.calendar, r.to, r.year)),
            h('td', {}, btn));
        })))
      : h('p', {}, d.noHolidays),
    cal.periods.length
      ? h('div', {}, h('h3', {}, d.periods), ...cal.periods.map((p) => h('div', {},
        h('p', {}, h('bdi', {}, knownLabel(p.name)), ` · ${d.kinds[p.calendar as keyof typeof d.kinds] ?? p.calendar} · ${d.from} `,
          h('bdi', { dir: 'ltr' }, p.from), ` · ${d.to} `, h('bdi', { dir: 'ltr' }, p.to)),
        weekTable(p.week, `${d.periods}: ${p.name}`))))
      : null));

  // One form adds a holiday to the calendar chosen: one-off, or every year, its days picked in
  // the holiday's own calendar (a Jalali holiday on a Jalali grid, whatever the center's).
  const which = named(select(items.map((c): [string, string] => [c.name, knownLabel(c.name)]), items.find((c) => c.declared && !c.always_open)?.name ?? items[0]?.name, { 'data-testid': 'holiday-calendar' }), 'calendar_name');
  const name = named(h('input', { autocomplete: 'off', 'data-testid': 'holiday-name' }), 'name');
  const preferred = session.installation?.calendar === 'persian' ? 'jalali' : session.installation?.calendar === 'islamic-umalqura' ? 'hijri' : 'gregorian';
  const kind = named(select(HOLIDAY_KINDS.map((k) => [k, d.kinds[k]]), preferred, { 'data-testid': 'holiday-kind' }), 'calendar');
  const every = h('input', { type: 'checkbox', id: 'holiday-every-year', 'data-testid': 'holiday-every-year' });
  const days = h('div', { class: 'row3' });
  let from = dateInput();
  let to = dateInput();
  const drawDays = () => {
    const cal = CAL[kind.value as (typeof HOLIDAY_KINDS)[number]];
    from = named(dateInput({ calendar: cal, attrs: { 'data-testid': 'holiday-from' } }), 'from');
    to = named(dateInput({ calendar: cal, attrs: { 'data-testid': 'holiday-to' } }), 'to');
    days.replaceChildren(field(d.from, from), field(d.to, to, d.toHint));
  };
  drawDays();
  kind.addEventListener('change', drawDays);
  const { form, alert } = formShell(d.addHoliday, 'holiday-form',
    h('div', { class: 'row3' }, field(d.which, which), field(d.holidayName, name), field(d.calendarKind, kind)),
    h('div', { class: 'check' }, every, h('label', { for: 'holiday-every-year' }, d.everyYearLabel)),
    days,
    buttons(D().add));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const k = kind.value as (typeof HOLIDAY_KINDS)[number];
    // The picked days (ISO Gregorian) as the holiday's calendar writes them: its year, MM-DD.
    const inCal = (iso: string) => { const n = dayOfIso(iso); return n === null ? null : toCalendar(n, CAL[k]); };
    const pad = (x: number) => String(x).padStart(2, '0');
    const first = inCal(from.value);
    const last = inCal(to.value);
    const body: Record<string, unknown> = {
      name: name.value.trim(), calendar: k,
      // No valid first day: the server names `from` (the year follows from it).
      year: every.checked || !first ? null : first.y,
      from: first ? `${pad(first.m)}-${pad(first.d)}` : '',
    };
    if (last) body.to = `${pad(last.m)}-${pad(last.d)}`;
    void submit(form, alert, () => api('POST', `/api/v1/admin/calendars/${encodeURIComponent(which.value)}/holidays`, body), d.added);
  });
  return h('div', { 'data-testid': 'calendars' }, status, form, ...cards);
}
