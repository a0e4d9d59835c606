// Administration, business calendars (/admin/calendars): each calendar's week, holidays and
// periods, a form that adds a one-off holiday and a button that removes one.
import { api, get } from '../../api';
import { buttons, formShell, named, num, problemText, setFlash, submit } from '../../components/form';
import { field, h, select } from '../../dom';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { session } from '../../state';
import { numbers, type BusinessCalendar, type DateRule, knownLabel } from './shared';

const DAYS = ['saturday', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const HOLIDAY_KINDS = ['gregorian', 'hijri', 'jalali'] as const;

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
      await api('DELETE', `/api/v1/admin/calendars/${encodeURIComponent(cal.name)}/holidays?name=${encodeURIComponent(r.name)}&year=${r.year}`);
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
            h('td', {}, h('bdi', { dir: 'ltr' }, r.from)), h('td', {}, h('bdi', { dir: 'ltr' }, r.to)),
            h('td', {}, r.year === null ? '' : btn));
        })))
      : h('p', {}, d.noHolidays),
    cal.periods.length
      ? h('div', {}, h('h3', {}, d.periods), ...cal.periods.map((p) => h('div', {},
        h('p', {}, h('bdi', {}, knownLabel(p.name)), ` · ${d.kinds[p.calendar as keyof typeof d.kinds] ?? p.calendar} · ${d.from} `,
          h('bdi', { dir: 'ltr' }, p.from), ` · ${d.to} `, h('bdi', { dir: 'ltr' }, p.to)),
        weekTable(p.week, `${d.periods}: ${p.name}`))))
      : null));

  // One form adds a one-off holiday to the calendar chosen.
  const which = named(select(items.map((c): [string, string] => [c.name, knownLabel(c.name)]), items.find((c) => c.declared && !c.always_open)?.name ?? items[0]?.name, { 'data-testid': 'holiday-calendar' }), 'calendar_name');
  const name = named(h('input', { autocomplete: 'off', 'data-testid': 'holiday-name' }), 'name');
  const preferred = session.installation?.calendar === 'persian' ? 'jalali' : session.installation?.calendar === 'islamic-umalqura' ? 'hijri' : 'gregorian';
  const kind = named(select(HOLIDAY_KINDS.map((k) => [k, d.kinds[k]]), preferred, { 'data-testid': 'holiday-kind' }), 'calendar');
  const year = named(h('input', { inputmode: 'numeric', dir: 'ltr', autocomplete: 'off', 'data-testid': 'holiday-year' }), 'year');
  const from = named(h('input', { inputmode: 'numeric', dir: 'ltr', autocomplete: 'off', placeholder: 'MM-DD', 'data-testid': 'holiday-from' }), 'from');
  const to = named(h('input', { inputmode: 'numeric', dir: 'ltr', autocomplete: 'off', placeholder: 'MM-DD', 'data-testid': 'holiday-to' }), 'to');
  const { form, alert } = formShell(d.addHoliday, 'holiday-form',
    h('div', { class: 'row3' }, field(d.which, which), field(d.holidayName, name), field(d.calendarKind, kind)),
    h('div', { class: 'row3' }, field(d.year, year), field(d.from, from, d.dayHint), field(d.to, to, d.dayHint)),
    buttons(D().add));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const y = Number(num(year.value));
    const body: Record<string, unknown> = { name: name.value.trim(), calendar: kind.value, year: Number.isInteger(y) && num(year.value) ? y : num(year.value), from: num(from.value) };
    if (num(to.value)) body.to = num(to.value);
    void submit(form, alert, () => api('POST', `/api/v1/admin/calendars/${encodeURIComponent(which.value)}/holidays`, body), d.added);
  });
  return h('div', { 'data-testid': 'calendars' }, status, form, ...cards);
}
