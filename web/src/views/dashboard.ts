// The reports dashboard (/reports) for analysts, supervisors, heads and admins. Loaded on demand
// (main.ts imports it dynamically), so ECharts never weighs on the agent console.
import { ApiError, get, q, type Category, type Site, type Unit } from '../api';
import { addMonths, dateInput, dayOfIso, formatDay, fromCalendar, isoOfDay, todayDay, toCalendar } from '../datepicker';
import type { ServerCalendar } from '../dates';
import { field, h, select, uid } from '../dom';
import { lang, localized, t } from '../i18n';
import { can } from '../session';
import { calendar, locale, session } from '../state';
import { ChartBox, barsOption, columnsOption, disposeDetached, heatmapOption, pairedOption, type ChartStyle } from './charts';
import { categoryItems } from './console';
import './dashboard.css';

// ---- API shapes (src/http/api_reports.cpp, openapi.json) ----------------------------------
interface Row { key: string; label: string; count: number; not_yet_referred?: number }
interface Stats { count: number; mean_seconds: number | null; median_seconds: number | null; p90_seconds: number | null }
interface Summary {
  requests: number;
  contacts_apart_from_requests: { total: number; by_channel: Row[] };
  first_contact_resolution: number | null;
  backlog: { open: number; aging: Row[] };
  first_response: Stats;
  resolution: Stats;
}
interface TrendRow { period: string; from: string; to: string; count: number }
interface SlaFigures { measured: number; met: number; breached: number; open_within: number; open_breached: number; compliance: number | null }
interface Sla {
  total: SlaFigures;
  clocks?: { first_response: SlaFigures; resolution: SlaFigures };
  rows: ({ key: string; label: string } & SlaFigures)[];
}
interface SatisfactionPart { ratings: number; satisfied: number; share: number | null; distribution: number[] }
interface Satisfaction { calls: SatisfactionPart; requests: SatisfactionPart }
interface Heatmap { subject: string; cells: { weekday: number; hour: number; count: number }[] }
interface AgentRow {
  key: string; label: string; requests: number; contacts: number; guidance: number;
  first_contact_resolution: number | null; satisfaction: number | null;
}

interface CallFigures {
  offered: number; answered: number; abandoned: number; missed: number; outbound: number;
  wait: Stats; handle: Stats; service_level: number | null; first_contact_resolution: number | null;
}
interface CallsReport { service_level_seconds: number; total: CallFigures; rows: { key: string; label: string; figures: CallFigures }[] }
const CALL_DIMS = ['channel', 'queue', 'agent', 'topic', 'tag', 'site', 'hour', 'day'] as const;

/** A panel's answer: the data, or why there is none (404: the endpoint is not on this server). */
type Outcome<T> = { ok: true; data: T } | { ok: false; absent: boolean; message: string };

async function load<T>(path: string): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await get<T>(path) };
  } catch (e) {
    const r = t().reports;
    if (e instanceof ApiError && e.status === 404) return { ok: false, absent: true, message: r.notAvailable };
    if (e instanceof ApiError && e.status === 400) return { ok: false, absent: false, message: fill(r.badFilter, { detail: e.message }) };
    if (e instanceof ApiError && e.status === 403) return { ok: false, absent: false, message: r.forbidden };
    return { ok: false, absent: false, message: r.failed };
  }
}

// ---- Formatting: the user's language and digits, the installation's calendar --------------
export function fill(s: string, values: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** The report API's calendar names for the installation's calendar. */
function wireCalendar(c: ServerCalendar): 'gregorian' | 'hijri' | 'jalali' {
  return c === 'islamic-umalqura' ? 'hijri' : c === 'persian' ? 'jalali' : 'gregorian';
}

function formats() {
  const tag = locale();
  const count = new Intl.NumberFormat(tag);
  const plain = new Intl.NumberFormat(tag, { useGrouping: false });
  const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const unit = (u: string) => new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'long', maximumFractionDigits: 1 });
  return {
    tag,
    num: (n: number) => count.format(n),
    plain: (n: number) => plain.format(n),
    pct: (x: number | null | undefined) => (x === null || x === undefined ? '—' : pct.format(x)),
    /** Digits inside a server string ("0-2", "1447-Q3") in the user's digits. */
    digits: (s: string) => s.replace(/\d+/g, (d) => plain.format(Number(d))),
    duration: (sec: number | null) => {
      if (sec === null) return '—';
      if (sec < 3600) return unit('minute').format(sec / 60);
      if (sec < 2 * 86400) return unit('hour').format(sec / 3600);
      return unit('day').format(sec / 86400);
    },
    /** A Gregorian local date (YYYY-MM-DD, as the trend sends) in the installation's calendar. */
    date: (iso: string, opts: Intl.DateTimeFormatOptions) => {
      const [y, m, d] = iso.split('-').map(Number);
      return new Intl.DateTimeFormat(tag, { ...opts, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
    },
  };
}
type Formats = ReturnType<typeof formats>;

const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The date picker holds an ISO Gregorian date; the report API takes the date written in the
 *  calendar it is told (so that trend periods are that calendar's): convert. */
function inCalendar(iso: string, c: ServerCalendar): string {
  const day = dayOfIso(iso);
  if (day === null) return '';
  const cd = toCalendar(day, c);
  return ymd(cd.y, cd.m, cd.d);
}

/** Countries whose week starts on Saturday (the Gulf, Iran and their neighbours, as the server's
 *  report weeks do); elsewhere the browser's week data for the country, else Monday. ISO 1..7. */
const SATURDAY_FIRST = new Set(['SA', 'AE', 'OM', 'BH', 'KW', 'QA', 'IR', 'AF', 'EG', 'IQ', 'JO', 'SY', 'LY', 'DZ', 'SD', 'YE']);
function firstWeekday(): number {
  const country = session.installation?.country ?? '';
  if (SATURDAY_FIRST.has(country)) return 6;
  try {
    const loc = new Intl.Locale(`und-${country}`) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    return loc.getWeekInfo?.().firstDay ?? loc.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

function chartFont(): string {
  return lang() === 'ar' ? "'Noto Naskh Arabic', 'Vazirmatn', sans-serif" : "'Vazirmatn', sans-serif";
}

/** Canvas text uses a web font only once it is loaded: load the Arabic subset before drawing. */
async function fontsReady(): Promise<void> {
  try {
    await Promise.all([document.fonts.load(`13px ${chartFont()}`, 'عدد ۱۲۳ abc'), document.fonts.load(`bold 13px ${chartFont()}`, 'عدد')]);
  } catch { /* the fallback font draws */ }
}

// ---- Filters -------------------------------------------------------------------------------
const FILTER_KEYS = ['from', 'to', 'unit', 'category', 'channel', 'type', 'site', 'branch', 'tag', 'agent'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;
const DIMS = ['category', 'channel', 'type', 'status', 'unit', 'branch', 'site', 'agent', 'tag'] as const;
const SLA_DIMS = ['category', 'channel', 'type', 'unit', 'site', 'agent'] as const;
const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
const SUBJECTS = ['requests', 'contacts'] as const;
const TYPES = ['complaint', 'suggestion', 'criticism', 'report', 'violation_report', 'service_request', 'inquiry', 'meeting_request'] as const;

/** Units as "parent › child" paths (the filter covers the unit's subtree). */
function unitOptions(units: (Unit & { parent_id?: number | null })[]): [string, string][] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const path = (u: Unit & { parent_id?: number | null }, depth = 0): string => {
    const p = u.parent_id ? byId.get(u.parent_id) : undefined;
    return p && depth < 8 ? `${path(p, depth + 1)} › ${localized(u.name)}` : localized(u.name);
  };
  return units.filter((u) => u.active).map((u) => [String(u.id), path(u)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]));
}

// ---- Small building blocks -----------------------------------------------------------------
function panel(title: string, testid: string, ...controls: HTMLElement[]) {
  const id = uid('panel');
  const body = h('div', { class: 'panel-body' });
  const note = h('p', { class: 'panel-note', 'data-testid': `${testid}-note`, hidden: true });
  const el = h('section', { class: 'panel card', 'aria-labelledby': id, 'data-testid': testid },
    h('div', { class: 'panel-head' }, h('h2', { id }, title), ...controls), note, body);
  return {
    el, body,
    /** Shows why there is nothing (not available, bad filter, no data), or clears it. */
    say(text: string | null, absent = false) {
      note.hidden = text === null;
      note.textContent = text ?? '';
      note.classList.toggle('absent', absent);
      body.hidden = text !== null && absent;
    },
  };
}

/** The accessible alternative to a chart: its numbers in a table inside <details>. */
function numbersTable(caption: string, head: string[], rows: (string | Node)[][], testid: string): HTMLElement {
  return h('details', { class: 'numbers', 'data-testid': testid },
    h('summary', {}, t().reports.tableSummary),
    h('div', { class: 'scroll' }, h('table', {},
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, ...head.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))))));
}

function downloads(what: string, href: (format: 'csv' | 'xlsx') => string, testid: string): HTMLElement {
  const r = t().reports;
  const link = (format: 'csv' | 'xlsx', text: string) => h('a', {
    class: 'button', href: href(format), download: '', 'data-testid': `${testid}-${format}`,
    'aria-label': fill(r.downloadAs, { what, format: text }),
  }, text);
  return h('div', { class: 'downloads' }, h('span', {}, `${r.download}:`), link('csv', 'CSV'), link('xlsx', 'XLSX'));
}

// ---- The view ------------------------------------------------------------------------------
export async function dashboardView(): Promise<HTMLElement> {
  disposeDetached();
  const r = t().reports;
  // Unit staff see their own unit's figures (the server narrows every report to their unit's
  // subtree); the figures of calls, ratings and agents belong to no unit and are left out.
  const unitView = !can('reports.read') && can('reports.unit');
  if (!can('reports.read') && !unitView) return h('p', { role: 'alert', class: 'msg error' }, r.forbidden);

  const f = formats();
  const cal = wireCalendar(calendar());
  const rtl = document.documentElement.dir === 'rtl';
  const style: ChartStyle = { rtl, font: chartFont(), num: f.num };
  const params = new URLSearchParams(location.search);

  const [cats, sites, units, agentsSeen, tagsSeen] = await Promise.all([
    get<{ items: Category[] }>('/api/v1/categories').catch(() => ({ items: [] as Category[] })),
    get<{ items: Site[] }>('/api/v1/sites').catch(() => ({ items: [] as Site[] })),
    get<{ items: Unit[] }>('/api/v1/units').catch(() => ({ items: [] as Unit[] })),
    get<{ items: Row[] }>(`/api/v1/reports/breakdown${q({ by: 'agent' })}`).catch(() => ({ items: [] as Row[] })),
    get<{ items: Row[] }>(`/api/v1/reports/breakdown${q({ by: 'tag' })}`).catch(() => ({ items: [] as Row[] })),
    fontsReady(),
  ]);

  // Period: picked in the installation's calendar (datepicker.ts); months and years are its own.
  const c = calendar();
  const todayN = todayDay(session.installation?.time_zone);
  const now = toCalendar(todayN, c);
  const firstOf = (y: number, m: number) => isoOfDay(fromCalendar({ y, m, d: 1 }, c) ?? todayN);
  const presets = {
    thisMonth: () => [firstOf(now.y, now.m), isoOfDay(todayN)],
    last3Months: () => [isoOfDay(addMonths({ ...now, d: 1 }, -2, c)), isoOfDay(todayN)],
    thisYear: () => [firstOf(now.y, 1), isoOfDay(todayN)],
  };
  const [dFrom, dTo] = presets.thisMonth();
  const pick = (name: 'from' | 'to', value: string) => dateInput({ name, value, attrs: { 'data-testid': `f-${name}` } });
  const from = pick('from', params.get('from') ?? dFrom);
  const to = pick('to', params.get('to') ?? dTo);
  const hint = fill(r.dateHint, { calendar: r.calendars[cal], example: formatDay(dayOfIso(dFrom) ?? todayN, lang(), c) });

  const any: [string, string] = ['', r.all];
  const dict = t();
  const sel = (name: FilterKey, options: [string, string][]) =>
    select([any, ...options], params.get(name) ?? '', { name, 'data-testid': `f-${name}` });
  const controls: Record<FilterKey, HTMLInputElement | HTMLSelectElement> = {
    from, to,
    unit: sel('unit', unitOptions(units.items)),
    category: sel('category', categoryItems(cats.items).map((c) => [c.value, c.label] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]))),
    channel: sel('channel', Object.entries(dict.channels)),
    type: sel('type', TYPES.map((x) => [x, dict.types[x]])),
    site: sel('site', sites.items.filter((s) => s.active).map((s) => [String(s.id), localized(s.name)] as [string, string])),
    branch: sel('branch', units.items.filter((u) => u.kind === 'branch').map((u) => [String(u.id), localized(u.name)] as [string, string])),
    tag: sel('tag', tagsSeen.items.map((x) => [x.key, x.label] as [string, string])),
    agent: sel('agent', agentsSeen.items.filter((x) => x.key !== 'none').map((x) => [x.key, x.label] as [string, string])),
  };
  const filters = (): Filters => Object.fromEntries(FILTER_KEYS.map((k) => [k, controls[k].value.trim()])) as Filters;
  const base = () => {
    const x = filters();
    return { ...x, from: inCalendar(x.from, c), to: inCalendar(x.to, c), calendar: cal };
  };

  // Panel-local choices, kept in the address with the filters so a view can be shared.
  const period = select(PERIODS.map((p) => [p, r.periods[p]]), params.get('period') ?? 'day', { 'data-testid': 'trend-period' });
  // The profile's requester attributes are dimensions too ("attr:role": 8940's caller role).
  const attrDefs = session.installation?.requester_attributes ?? [];
  const dimName = (by: string) => (by.startsWith('attr:') ? localized(attrDefs.find((a) => `attr:${a.key}` === by)?.name ?? { ar: by, fa: by, en: by }) : r.dims[by as keyof typeof r.dims]);
  const dim = select([...DIMS.map((d) => [d, r.dims[d]] as [string, string]), ...attrDefs.map((a) => [`attr:${a.key}`, localized(a.name)] as [string, string])],
    params.get('by') ?? 'category', { 'data-testid': 'breakdown-by' });
  // Roll-up levels of the category and unit trees: as filed, each depth, and the kinds of unit.
  const depthOf = <T extends { id: number; parent_id?: number | null }>(items: T[]) => {
    const byId = new Map(items.map((x) => [x.id, x]));
    let deepest = 0;
    for (const x of items) {
      let n = 1;
      for (let p = x.parent_id; p != null && byId.has(p) && n < 20; p = byId.get(p)!.parent_id) n++;
      deepest = Math.max(deepest, n);
    }
    return deepest;
  };
  const levelChoices = (by: string): [string, string][] => {
    const depths = (n: number) => Array.from({ length: Math.max(0, n - 1) }, (_, i) => [String(i + 1), fill(r.levelDepth, { n: f.plain(i + 1) })] as [string, string]);
    if (by === 'category') return [['leaf', r.levelLeaf], ...depths(depthOf(cats.items))];
    if (by !== 'unit') return [];
    const kinds = [...new Set(units.items.filter((u) => units.items.some((c) => c.parent_id === u.id)).map((u) => u.kind))]
      .filter((k): k is keyof typeof r.unitKinds => k !== undefined && k in r.unitKinds);
    return [['leaf', r.levelLeaf], ...kinds.map((k) => [k, fill(r.levelKind, { kind: r.unitKinds[k] })] as [string, string]), ...depths(depthOf(units.items))];
  };
  const level = select([], '', { 'data-testid': 'breakdown-level' });
  const levelField = field(r.level, level);
  const syncLevels = (wanted: string | null) => {
    const choices = levelChoices(dim.value);
    level.replaceChildren(...choices.map(([v, text]) => h('option', { value: v }, text)));
    level.value = choices.some(([v]) => v === wanted) ? wanted! : 'leaf';
    levelField.hidden = choices.length < 2;
  };
  syncLevels(params.get('level'));
  dim.addEventListener('change', () => syncLevels(level.value));
  const subject = select(SUBJECTS.map((s) => [s, r.subjects[s]]), params.get('subject') ?? 'requests', { 'data-testid': 'heatmap-subject' });
  const slaBy = select(SLA_DIMS.map((d) => [d, r.dims[d]]), params.get('sla_by') ?? 'category', { 'data-testid': 'sla-by' });
  const slaClock = select((['resolution', 'first_response'] as const).map((c) => [c, r.slaClocks[c]]), params.get('sla_clock') ?? 'resolution', { 'data-testid': 'sla-clock' });
  const callsBy = select(CALL_DIMS.map((d) => [d, r.callsDims[d]]), params.get('calls_by') ?? 'channel', { 'data-testid': 'calls-by' });
  const remember = () => history.replaceState(null, '',
    `/reports${q({ ...filters(), period: period.value, by: dim.value, level: levelField.hidden ? '' : level.value, subject: subject.value, sla_by: slaBy.value, sla_clock: slaClock.value, calls_by: callsBy.value })}`);

  const status = h('p', { role: 'status', 'aria-live': 'polite', class: 'msg', 'data-testid': 'dash-status' });
  const presetButtons = (Object.keys(presets) as (keyof typeof presets)[]).map((k) => h('button', {
    type: 'button', class: 'small', onclick: () => { const [a, b] = presets[k](); from.value = a; to.value = b; void refresh(); },
  }, r[k]));
  const form = h('form', { class: 'filters card', 'aria-label': r.filters, 'data-testid': 'filters' },
    h('div', { class: 'filter-grid' },
      field(r.from, from, hint), field(r.to, to),
      field(r.unit, controls.unit), field(r.category, controls.category),
      field(r.channel, controls.channel), field(r.type, controls.type),
      field(r.site, controls.site), field(r.dims.branch, controls.branch), field(r.tag, controls.tag), field(r.agent, controls.agent)),
    h('div', { class: 'inline presets', role: 'group', 'aria-label': r.presets }, h('span', {}, `${r.presets}:`), ...presetButtons),
    h('div', { class: 'inline' },
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'apply' }, r.apply),
      h('button', { type: 'button', 'data-testid': 'reset', onclick: () => {
        for (const k of FILTER_KEYS) controls[k].value = '';
        from.value = dFrom; to.value = dTo;
        void refresh();
      } }, r.reset)));
  form.addEventListener('submit', (e) => { e.preventDefault(); void refresh(); });
  for (const k of FILTER_KEYS) controls[k].addEventListener('change', () => void refresh());

  // ---- Headline figures ----
  const kpi = (key: string, label: string) => {
    const value = h('dd', { class: 'kpi-value', 'data-testid': `kpi-${key}` }, '—');
    const sub = h('dd', { class: 'kpi-sub', 'data-testid': `kpi-${key}-sub` });
    return { el: h('div', { class: 'kpi' }, h('dt', {}, label), value, sub), value, sub };
  };
  const k = {
    requests: kpi('requests', r.requests), contacts: kpi('contacts', r.contactsApart), fcr: kpi('fcr', r.fcr),
    backlog: kpi('backlog', r.backlog), sla: kpi('sla', r.sla), slaFirst: kpi('sla-first', r.slaFirst), satCalls: kpi('sat-calls', r.satisfactionCalls),
    satRequests: kpi('sat-requests', r.satisfactionRequests), firstResponse: kpi('first-response', r.firstResponse),
    resolution: kpi('resolution', r.resolution), calls: kpi('calls', r.callsOffered),
    serviceLevel: kpi('service-level', r.serviceLevel),
  };
  const headlines = h('section', { class: 'headlines', 'aria-labelledby': 'kpi-title', 'data-testid': 'headlines' },
    h('h2', { id: 'kpi-title' }, r.headlines), h('dl', { class: 'kpis' }, ...Object.values(k).map((x) => x.el)));
  const setKpi = (x: { value: HTMLElement; sub: HTMLElement }, value: string, sub = '') => { x.value.textContent = value; x.sub.textContent = sub; };

  // ---- Panels ----
  const trend = panel(r.trend, 'panel-trend', field(r.period, period));
  const trendChart = new ChartBox(fill(r.chartLabel, { title: r.trend }), 'chart-trend');
  const breakdown = panel(r.breakdown, 'panel-breakdown', field(r.dimension, dim), levelField);
  const breakdownChart = new ChartBox(fill(r.chartLabel, { title: r.breakdown }), 'chart-breakdown');
  const aging = panel(r.aging, 'panel-aging');
  const agingChart = new ChartBox(fill(r.chartLabel, { title: r.aging }), 'chart-aging');
  const heat = panel(r.heatmap, 'panel-heatmap', field(r.subject, subject));
  const heatChart = new ChartBox(fill(r.chartLabel, { title: r.heatmap }), 'chart-heatmap');
  const sat = panel(r.satisfaction, 'panel-satisfaction');
  const satChart = new ChartBox(fill(r.chartLabel, { title: r.satisfaction }), 'chart-satisfaction');
  const agents = panel(r.agents, 'panel-agents');
  const slaPanel = panel(r.slaPanel, 'panel-sla', field(r.slaClock, slaClock), field(r.dimension, slaBy));
  const slaChart = new ChartBox(fill(r.chartLabel, { title: r.slaPanel }), 'chart-sla');
  const callsPanel = panel(r.callsPanel, 'panel-calls', field(r.dimension, callsBy));

  /** Client-side names for keys the app knows, so labels follow the chosen language. */
  const labelFor = (by: string, row: Row): string => {
    const known: Record<string, Record<string, string> | undefined> = { channel: dict.channels, type: dict.types, status: dict.statuses };
    const fromDict = known[by]?.[row.key];
    if (fromDict) return fromDict;
    const attr = by.startsWith('attr:') ? attrDefs.find((a) => `attr:${a.key}` === by) : undefined;
    const choice = attr?.choices.find((c) => c.key === row.key);
    if (choice) return localized(choice.name);
    const list = by === 'category' ? cats.items : by === 'unit' || by === 'branch' ? units.items : by === 'site' ? sites.items : null;
    const hit = list?.find((x) => String(x.id) === row.key);
    return hit ? localized(hit.name) : row.label;
  };

  const trendLabel = (row: TrendRow, unit: string): string => {
    if (unit === 'month') return f.date(row.from, { month: 'long', year: 'numeric' });
    if (unit === 'year') return f.digits(row.period);
    const quarter = row.period.match(/^(\d+)-Q(\d)$/);
    if (unit === 'quarter' && quarter) return fill(r.quarterLabel, { q: f.plain(Number(quarter[2])), year: f.plain(Number(quarter[1])) });
    return f.date(row.from, { day: 'numeric', month: 'short' });
  };

  let generation = 0;
  async function drawTrend(my: number) {
    const unit = period.value;
    const res = await load<{ items: TrendRow[] }>(`/api/v1/reports/trend${q({ ...base(), period: unit })}`);
    if (my !== generation) return;
    trend.body.replaceChildren();
    if (!res.ok) { trend.say(res.message, res.absent); return; }
    trend.say(null);
    const labels = res.data.items.map((x) => trendLabel(x, unit));
    const values = res.data.items.map((x) => x.count);
    trendChart.show(columnsOption(style, labels, values, r.requests, res.data.items.length > 12));
    trend.body.append(trendChart.el,
      numbersTable(r.trend, [r.periods[unit as keyof typeof r.periods], r.count],
        res.data.items.map((x, i) => [labels[i], f.num(x.count)]), 'table-trend'),
      downloads(r.trend, (format) => `/api/v1/reports/trend${q({ ...base(), period: unit, format })}`, 'download-trend'));
  }

  async function drawBreakdown(my: number) {
    const by = dim.value;
    const lvl = levelField.hidden || level.value === 'leaf' ? '' : level.value;
    const wire = by.startsWith('attr:') ? { by: 'attribute', attribute: by.slice(5) } : { by };
    const res = await load<{ items: Row[] }>(`/api/v1/reports/breakdown${q({ ...base(), ...wire, level: lvl })}`);
    if (my !== generation) return;
    breakdown.body.replaceChildren();
    if (!res.ok) { breakdown.say(res.message, res.absent); return; }
    const rows = res.data.items;
    breakdown.say(rows.length ? null : r.noData);
    const labels = rows.map((x) => labelFor(by, x));
    if (rows.length) {
      breakdownChart.el.style.blockSize = `${Math.max(220, 40 + rows.length * 32)}px`;
      breakdownChart.show(barsOption(style, labels, rows.map((x) => x.count), r.requests));
      breakdown.body.append(breakdownChart.el);
    }
    breakdown.body.append(
      numbersTable(`${r.breakdown}: ${dimName(by)}`, [dimName(by), r.count, ...(by === 'unit' ? [r.notYetReferred] : [])],
        rows.map((x, i) => [labels[i], f.num(x.count), ...(by === 'unit' ? [f.num(x.not_yet_referred ?? 0)] : [])]), 'table-breakdown'),
      downloads(`${r.breakdown}: ${dimName(by)}`, (format) => `/api/v1/reports/breakdown${q({ ...base(), ...wire, level: lvl, format })}`, 'download-breakdown'));
  }

  async function drawHeatmap(my: number) {
    const subj = subject.value;
    const res = await load<Heatmap>(`/api/v1/reports/heatmap${q({ ...base(), subject: subj })}`);
    if (my !== generation) return;
    heat.body.replaceChildren();
    if (!res.ok) { heat.say(res.message, res.absent); return; }
    heat.say(null);
    // Rows: weekdays from the installation's first day (ISO 1 = Monday); columns: hours 0-23.
    const first = firstWeekday();
    const order = Array.from({ length: 7 }, (_, i) => ((first - 1 + i) % 7) + 1);
    const dayName = new Intl.DateTimeFormat(f.tag, { weekday: 'long', timeZone: 'UTC' });
    const days = order.map((iso) => dayName.format(new Date(Date.UTC(2024, 0, iso))));  // 2024-01-01 was a Monday
    const hours = Array.from({ length: 24 }, (_, i) => f.plain(i));
    const grid = order.map(() => new Array<number>(24).fill(0));
    for (const c of res.data.cells) {
      const row = order.indexOf(c.weekday);
      if (row >= 0 && c.hour >= 0 && c.hour < 24) grid[row][c.hour] += c.count;
    }
    const cells: [number, number, number][] = [];
    grid.forEach((row, y) => row.forEach((v, x) => cells.push([x, y, v])));
    heatChart.show(heatmapOption(style, hours, days, cells, r.subjects[subj as keyof typeof r.subjects]));
    heat.body.append(heatChart.el,
      numbersTable(r.heatmap, [r.weekday, ...hours], grid.map((row, y) => [days[y], ...row.map((v) => f.num(v))]), 'table-heatmap'),
      downloads(r.heatmap, (format) => `/api/v1/reports/heatmap${q({ ...base(), subject: subj, format })}`, 'download-heatmap'));
  }

  /** SLA compliance by a dimension; its total is the headline figure. */
  async function drawSla(my: number) {
    const by = slaBy.value;
    const clock = slaClock.value;
    const res = await load<Sla>(`/api/v1/reports/sla${q({ ...base(), by, clock })}`);
    if (my !== generation) return;
    slaPanel.body.replaceChildren();
    if (!res.ok) {
      for (const x of [k.sla, k.slaFirst]) setKpi(x, '—', res.message);
      slaPanel.say(res.message, res.absent);
      return;
    }
    // Headlines: each clock's compliance, with the breaches still open beside the closed ones.
    const headline = (x: typeof k.sla, t: SlaFigures | undefined) => {
      if (!t) { setKpi(x, '—'); return; }
      setKpi(x, f.pct(t.compliance), t.open_breached
        ? fill(r.slaOpenDetail, { met: f.num(t.met), breached: f.num(t.breached), open: f.num(t.open_breached) })
        : fill(r.slaDetail, { met: f.num(t.met), breached: f.num(t.breached) }));
    };
    headline(k.sla, res.data.clocks?.resolution ?? (clock === 'resolution' ? res.data.total : undefined));
    headline(k.slaFirst, res.data.clocks?.first_response ?? (clock === 'first_response' ? res.data.total : undefined));
    const rows = res.data.rows;
    const labels = rows.map((x) => labelFor(by, { key: x.key, label: x.label, count: 0 }));
    const measured = rows.filter((x) => x.compliance !== null);
    slaPanel.say(measured.length ? null : r.noData);
    if (measured.length) {
      slaChart.el.style.blockSize = `${Math.max(220, 40 + measured.length * 32)}px`;
      slaChart.show(barsOption(style, measured.map((x) => labels[rows.indexOf(x)]), measured.map((x) => x.compliance ?? 0),
        r.slaCols.compliance, { format: (n) => f.pct(n), max: 1 }));
      slaPanel.body.append(slaChart.el);
    }
    const c = r.slaCols;
    slaPanel.body.append(
      numbersTable(r.slaPanel, [r.dims[by as keyof typeof r.dims], c.measured, c.met, c.breached, c.openBreached, c.compliance],
        rows.map((x, i) => [labels[i], f.num(x.measured), f.num(x.met), f.num(x.breached), f.num(x.open_breached ?? 0), f.pct(x.compliance)]), 'table-sla'),
      downloads(r.slaPanel, (format) => `/api/v1/reports/sla${q({ ...base(), by, clock, format })}`, 'download-sla'));
  }

  /** Calls and visits (the contacts report): the headline figures and a table by a dimension.
   * Contacts have no unit, type or tag, so those filters are left out and said so. */
  async function drawCalls(my: number) {
    const by = callsBy.value;
    const { unit, type, ...rest } = base();
    const res = await load<CallsReport>(`/api/v1/reports/contacts${q({ ...rest, by })}`);
    if (my !== generation) return;
    callsPanel.body.replaceChildren();
    if (!res.ok) {
      for (const x of [k.calls, k.serviceLevel]) setKpi(x, '—', res.message);
      callsPanel.say(res.message, res.absent);
      return;
    }
    const { total, rows } = res.data;
    const secs = res.data.service_level_seconds;
    setKpi(k.calls, f.num(total.offered), fill(r.callsSub, { answered: f.num(total.answered), abandoned: f.num(total.abandoned) }));
    setKpi(k.serviceLevel, f.pct(total.service_level), fill(r.serviceLevelSub, { s: f.num(secs), asa: f.duration(total.wait.mean_seconds) }));
    callsPanel.say(unit || type ? r.callsNote : rows.length ? null : r.noData);
    const c = r.callsCols;
    const label = (x: { key: string; label: string }) =>
      by === 'channel' || by === 'site' || by === 'agent' ? labelFor(by, { key: x.key, label: x.label, count: 0 })
        : by === 'topic' ? labelFor('category', { key: x.key, label: x.label, count: 0 }) : f.digits(x.label);
    const line = (name: string, x: CallFigures) => [name, f.num(x.offered), f.num(x.answered), f.num(x.abandoned), f.num(x.missed),
      f.num(x.outbound), f.pct(x.service_level), f.duration(x.wait.mean_seconds), f.duration(x.handle.mean_seconds), f.pct(x.first_contact_resolution)];
    const body = [...rows.map((x) => line(label(x), x.figures)), line(r.callsTotal, total)];
    callsPanel.body.append(h('div', { class: 'scroll' }, h('table', { 'data-testid': 'table-calls' },
      h('caption', { class: 'sr-only' }, r.callsPanel),
      h('thead', {}, h('tr', {}, ...[r.callsDims[by as keyof typeof r.callsDims], c.offered, c.answered, c.abandoned, c.missed, c.outbound,
        c.serviceLevel, c.asa, c.aht, c.fcr].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...body.map((cells) => h('tr', {}, ...cells.map((x, i) => (i === 0 ? h('th', { scope: 'row' }, x) : h('td', {}, x)))))))),
    downloads(r.callsPanel, (format) => `/api/v1/reports/contacts${q({ ...rest, by, format })}`, 'download-calls'));
  }

  async function drawAll(my: number) {
    const qs = q(base());
    const none = <T,>(): Promise<Outcome<T>> => Promise.resolve({ ok: false, absent: true, message: r.notAvailable });
    const [summary, satisfaction, agentRows] = await Promise.all([
      load<Summary>(`/api/v1/reports/summary${qs}`),
      unitView ? none<Satisfaction>() : load<Satisfaction>(`/api/v1/reports/satisfaction${qs}`),
      unitView ? none<{ rows: AgentRow[] }>() : load<{ rows: AgentRow[] }>(`/api/v1/reports/agents${qs}`),
      drawTrend(my), drawBreakdown(my), drawSla(my),
      ...(unitView ? [] : [drawHeatmap(my), drawCalls(my)]),
    ]);
    if (my !== generation) return { summary };

    // Headlines
    if (summary.ok) {
      const s = summary.data;
      setKpi(k.requests, f.num(s.requests));
      setKpi(k.contacts, f.num(s.contacts_apart_from_requests.total));
      setKpi(k.fcr, f.pct(s.first_contact_resolution));
      setKpi(k.backlog, f.num(s.backlog.open), r.backlogHint);
      setKpi(k.firstResponse, f.duration(s.first_response.median_seconds), fill(r.measuredOf, { n: f.num(s.first_response.count) }));
      setKpi(k.resolution, f.duration(s.resolution.median_seconds), fill(r.measuredOf, { n: f.num(s.resolution.count) }));
    } else {
      for (const x of [k.requests, k.contacts, k.fcr, k.backlog, k.firstResponse, k.resolution]) setKpi(x, '—', summary.message);
    }
    for (const [x, part] of [[k.satCalls, 'calls'], [k.satRequests, 'requests']] as const) {
      if (satisfaction.ok) setKpi(x, f.pct(satisfaction.data[part].share), fill(r.ratedOf, { n: f.num(satisfaction.data[part].ratings) }));
      else setKpi(x, '—', satisfaction.message);
    }

    // Aging (from the summary)
    aging.body.replaceChildren();
    if (summary.ok) {
      aging.say(null);
      const rows = summary.data.backlog.aging;
      const labels = rows.map((x) => fill(r.ageDays, { range: f.digits(x.key) }));
      agingChart.show(columnsOption(style, labels, rows.map((x) => x.count), r.backlog));
      aging.body.append(agingChart.el, numbersTable(r.aging, [r.label, r.count], rows.map((x, i) => [labels[i], f.num(x.count)]), 'table-aging'));
    } else {
      aging.say(summary.message, summary.absent);
    }

    // Satisfaction distribution: ratings 1-5, calls beside requests.
    sat.body.replaceChildren();
    if (satisfaction.ok) {
      const stars = [1, 2, 3, 4, 5].map((n) => f.plain(n));
      const calls = satisfaction.data.calls.distribution ?? [];
      const reqs = satisfaction.data.requests.distribution ?? [];
      const rated = satisfaction.data.calls.ratings + satisfaction.data.requests.ratings > 0;
      sat.say(rated ? null : r.noData);
      if (rated) {
        satChart.show(pairedOption(style, stars, [{ name: r.calls, values: calls }, { name: r.requestsRated, values: reqs }]));
        sat.body.append(satChart.el);
      }
      sat.body.append(numbersTable(r.satisfaction, [r.rating, r.calls, r.requestsRated],
        stars.map((s, i) => [s, f.num(calls[i] ?? 0), f.num(reqs[i] ?? 0)]), 'table-satisfaction'),
      downloads(r.satisfaction, (format) => `/api/v1/reports/satisfaction${q({ ...base(), format })}`, 'download-satisfaction'));
    } else {
      sat.say(satisfaction.message, satisfaction.absent);
    }

    // Per agent: a table (its own accessible form).
    agents.body.replaceChildren();
    if (agentRows.ok) {
      const rows = agentRows.data.rows;
      agents.say(rows.length ? null : r.noData);
      const c = r.agentCols;
      if (rows.length) {
        agents.body.append(h('div', { class: 'scroll' }, h('table', { 'data-testid': 'table-agents' },
          h('caption', { class: 'sr-only' }, r.agents),
          h('thead', {}, h('tr', {}, ...[c.name, c.requests, c.contacts, c.guidance, c.fcr, c.satisfaction].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, ...rows.map((x) => h('tr', {},
            h('th', { scope: 'row' }, x.label), h('td', {}, f.num(x.requests)), h('td', {}, f.num(x.contacts)),
            h('td', {}, f.num(x.guidance)), h('td', {}, f.pct(x.first_contact_resolution)), h('td', {}, f.pct(x.satisfaction))))))));
      }
      agents.body.append(downloads(r.agents, (format) => `/api/v1/reports/agents${q({ ...base(), format })}`, 'download-agents'));
    } else {
      agents.say(agentRows.message, agentRows.absent);
    }
    return { summary };
  }

  if (unitView) {
    for (const x of [k.contacts, k.fcr, k.satCalls, k.satRequests, k.calls, k.serviceLevel]) x.el.hidden = true;
  }
  const view = h('section', { class: 'dashboard', 'data-testid': 'dashboard', 'data-state': 'loading' },
    h('h1', {}, r.title), unitView ? h('p', { 'data-testid': 'unit-view' }, r.unitView) : null, form, status, headlines,
    h('div', { class: 'panels' }, ...(unitView ? [trend.el, breakdown.el, aging.el, slaPanel.el]
      : [trend.el, breakdown.el, aging.el, heat.el, slaPanel.el, callsPanel.el, sat.el, agents.el])));

  async function refresh() {
    const my = ++generation;
    view.dataset.state = 'loading';
    status.textContent = r.updating;
    remember();
    const { summary } = await drawAll(my);
    if (my !== generation) return;
    view.dataset.state = 'ready';
    status.textContent = summary.ok ? r.updated : summary.message;
  }
  const redraw = (fn: (my: number) => Promise<void>) => async () => {
    remember();
    view.dataset.state = 'loading';
    await fn(generation);
    view.dataset.state = 'ready';
  };
  period.addEventListener('change', redraw(drawTrend));
  dim.addEventListener('change', redraw(drawBreakdown));
  level.addEventListener('change', redraw(drawBreakdown));
  subject.addEventListener('change', redraw(drawHeatmap));
  slaBy.addEventListener('change', redraw(drawSla));
  slaClock.addEventListener('change', redraw(drawSla));
  callsBy.addEventListener('change', redraw(drawCalls));

  await refresh();
  return view;
}
