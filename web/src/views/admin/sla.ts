// Administration, SLA policies (/admin/sla): the policies with their targets, one form per policy
// (the profile's [[sla]] as written there; the server checks it), and the satisfaction survey's
// settings (PUT /api/v1/admin/survey, the profile's [survey] table). Which requests a policy
// matches stays read-only.
import { api, get } from '../../api';
import { buttons, formShell, named, num, submit } from '../../components/form';
import { normalizeDigits } from '../../digits';
import { field, h, select, uid } from '../../dom';
import { t } from '../../i18n';
import { locale } from '../../state';
import { count, numbers, sep, type BusinessCalendar, knownLabel } from './shared';

interface Policy {
  name: string; categories: string[]; types: string[]; priorities: string[]; first_response_minutes: number | null;
  resolution_minutes: number | null; first_response_calendar: string; resolution_calendar: string; warning_share: number;
}
interface Survey { enabled: boolean; link_base: string; valid_days: number; low_rating: number }

const D = () => t().admin;

function duration(minutes: number | null): string {
  const d = D().sla;
  if (minutes === null) return d.none;
  const hh = Math.floor(minutes / 60);
  const mm = minutes % 60;
  const nf = numbers();
  return [hh ? `${nf.format(hh)} ${d.hours}` : '', mm ? `${nf.format(mm)} ${d.minutes}` : ''].filter(Boolean).join(' ') || `${nf.format(0)} ${d.minutes}`;
}

/** A target as the profile writes it ("4h", "90m"); whole days are not used because a day is
 *  the calendar's working day. */
function durationText(minutes: number | null): string {
  if (minutes === null) return '';
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** One policy's targets, edited as the profile's [[sla]] writes them; the server checks them. */
function policyForm(p: Policy, calendars: string[]): HTMLElement {
  const d = D().sla;
  const id = `sla-${p.name}`;
  const text = (name: string, value: string) => named(h('input', { dir: 'ltr', autocomplete: 'off', value, 'data-testid': `${id}-${name}` }), name);
  const first = text('first_response', durationText(p.first_response_minutes));
  const resolution = text('resolution', durationText(p.resolution_minutes));
  const options = (current: string) => [...new Set([...calendars, current])].map((c): [string, string] => [c, knownLabel(c)]);
  const firstCal = named(select(options(p.first_response_calendar), p.first_response_calendar, { 'data-testid': `${id}-first_response_calendar` }), 'first_response_calendar');
  const resCal = named(select(options(p.resolution_calendar), p.resolution_calendar, { 'data-testid': `${id}-resolution_calendar` }), 'resolution_calendar');
  const warning = named(h('input', { inputmode: 'decimal', dir: 'ltr', autocomplete: 'off', value: String(Math.round(p.warning_share * 100)), 'data-testid': `${id}-warning_share` }), 'warning_share');
  const { form, alert } = formShell(`${d.edit}: ${p.name}`, id,
    h('div', { class: 'row3' }, field(d.firstResponse, first, d.durationHint), field(d.firstResponseCalendar, firstCal)),
    h('div', { class: 'row3' }, field(d.resolution, resolution, d.durationHint), field(d.resolutionCalendar, resCal)),
    h('div', { class: 'row3' }, field(d.warningPercent, warning)),
    buttons(D().save));
  form.setAttribute('data-policy', p.name);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const target = (input: HTMLInputElement) => num(input.value) || null;
    const pct = num(warning.value);
    const share = Number(pct);
    const body = {
      first_response: target(first), resolution: target(resolution),
      first_response_calendar: firstCal.value, resolution_calendar: resCal.value,
      // Not a number: sent as typed so the server names the field.
      warning_share: pct !== '' && Number.isFinite(share) ? share / 100 : pct,
    };
    void submit(form, alert, () => api('PUT', `/api/v1/admin/sla/${encodeURIComponent(p.name)}`, body), d.saved);
  });
  return form;
}

export async function slaSection(): Promise<HTMLElement> {
  const d = D().sla;
  const sla = await get<{ policies: Policy[]; survey: { enabled: boolean; link_base: string; valid_days: number; low_rating: number } }>('/api/v1/admin/sla');
  const calendars = (await get<{ items: BusinessCalendar[] }>('/api/v1/admin/calendars')).items.map((c) => c.name);
  const types = t().types as Record<string, string>;
  const prios = t().priorities as Record<string, string>;
  const scope = (p: Policy) => {
    const parts = [...p.categories, ...p.types.map((x) => types[x] ?? x), ...p.priorities.map((x) => prios[x] ?? x)];
    return parts.length ? parts.join(sep()) : d.any;
  };
  return h('div', { 'data-testid': 'sla' },
    h('section', { 'aria-label': d.policies }, h('h2', {}, d.policies), h('p', { class: 'hint' }, d.policiesHint),
      h('div', { class: 'scroll' }, h('table', {},
        h('caption', { class: 'sr-only' }, d.policies),
        h('thead', {}, h('tr', {}, ...[d.name, d.scope, d.firstResponse, d.resolution, d.calendar, d.warning].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...sla.policies.map((p) => h('tr', {},
          h('td', {}, h('bdi', {}, p.name)), h('td', {}, scope(p)), h('td', {}, duration(p.first_response_minutes)),
          h('td', {}, duration(p.resolution_minutes)),
          h('td', {}, h('bdi', {}, p.first_response_calendar === p.resolution_calendar ? knownLabel(p.resolution_calendar) : `${knownLabel(p.first_response_calendar)} / ${knownLabel(p.resolution_calendar)}`)),
          h('td', {}, new Intl.NumberFormat(locale(), { style: 'percent' }).format(p.warning_share)))))))),
    ...sla.policies.map((p) => policyForm(p, calendars)),
    h('section', { class: 'card', 'aria-label': d.survey }, h('h2', {}, d.survey),
      sla.survey.enabled
        ? h('dl', { class: 'facts' },
          h('dt', {}, d.surveyLink), h('dd', {}, h('bdi', { dir: 'ltr' }, sla.survey.link_base)),
          h('dt', {}, d.validDays), h('dd', {}, numbers().format(sla.survey.valid_days)),
          h('dt', {}, d.lowRating), h('dd', {}, numbers().format(sla.survey.low_rating)))
        : h('p', {}, d.surveyOff)),
    surveyForm(sla.survey));
}

/** The survey's settings as a form (the profile's [survey] table). */
export function surveyForm(s: Survey): HTMLElement {
  const d = D();
  const e = d.surveyEdit;
  const enabled = named(h('input', { type: 'checkbox', 'data-testid': 'survey-enabled' }), 'enabled');
  enabled.checked = s.enabled;
  const link = named(h('input', { type: 'url', dir: 'ltr', autocomplete: 'off', value: s.link_base, 'data-testid': 'survey-link' }), 'link_base');
  const days = named(h('input', { inputmode: 'numeric', dir: 'ltr', autocomplete: 'off', value: String(s.valid_days), 'data-testid': 'survey-days' }), 'valid_days');
  const low = named(select(['1', '2', '3', '4'].map((v) => [v, count(Number(v))]), String(s.low_rating), { 'data-testid': 'survey-low' }), 'low_rating');
  const id = uid();
  enabled.id = id;
  const { form, alert } = formShell(e.edit, 'survey-form',
    h('div', { class: 'check' }, enabled, h('label', { for: id }, e.enabled)),
    field(d.sla.surveyLink, link, e.linkHint),
    h('div', { class: 'row3' }, field(d.sla.validDays, days, e.validDaysHint), field(d.sla.lowRating, low, e.lowRatingHint)),
    buttons(d.save));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const n = Number(normalizeDigits(days.value).trim());
    const body = enabled.checked
      ? { enabled: true, link_base: link.value.trim(), valid_days: Number.isInteger(n) ? n : 0, low_rating: Number(low.value) }
      : { enabled: false };
    void submit(form, alert, () => api('PUT', '/api/v1/admin/survey', body), e.saved);
  });
  return form;
}
