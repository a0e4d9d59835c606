// Administration (admin role): categories, organization units, sites, users, workflows, SLA
// policies, business calendars and notification templates. Every form sends what the server
// takes and shows the server's problem next to the field it names (`field` of RFC 9457).
import { auditSection } from './admin-audit';
import { api, ApiError, get, type Localized } from '../api';
import { normalizeDigits } from '../digits';
import { clearErrors, field, h, message, select, uid } from '../dom';
import { LANGS, lang, localized, t, type Lang } from '../i18n';
import { navigate } from '../main';
import { locale, session } from '../state';
import { newWorkflowEditor, surveyForm, workflowEditor, type AdminWorkflow } from './admin-workflows';

export const SECTIONS = ['taxonomy', 'units', 'sites', 'users', 'workflows', 'sla', 'calendars', 'templates', 'audit'] as const;
type Section = (typeof SECTIONS)[number];

const UNIT_KINDS = ['center', 'directorate', 'department', 'deputy', 'branch', 'affiliate'] as const;
const SITE_KINDS = ['mosque', 'facility', 'area', 'branch', 'other'] as const;
const ROLES = ['agent', 'dispatcher', 'unit_staff', 'head', 'supervisor', 'analyst', 'admin'] as const;
const DAYS = ['saturday', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const HOLIDAY_KINDS = ['gregorian', 'hijri', 'jalali'] as const;
const TEMPLATE_KINDS = ['sms', 'email_subject', 'email_body'] as const;

interface TreeNode { id: number; parent_id: number | null; code: string; name: Localized; active: boolean }
interface AdminCategory extends TreeNode { default_unit_id: number | null; workflow: string }
interface AdminUnit extends TreeNode { kind: string }
interface AdminSite { id: number; code: string; kind: string; name: Localized; region: string; district: string; active: boolean }
interface AdminUser { id: number; username: string; display_name: string; role: string; unit_id: number | null; language: string; active: boolean }
interface WfState { name: string; label: Localized; status: string; inbox: string | null; final: boolean }
interface WfAction { name: string; label: Localized; from: string[]; to: string | null; roles: string[] }
interface Workflow { name: string; label: Localized; initial: string; states: WfState[]; actions: WfAction[] }
interface Policy {
  name: string; categories: string[]; types: string[]; priorities: string[]; first_response_minutes: number | null;
  resolution_minutes: number | null; first_response_calendar: string; resolution_calendar: string; warning_share: number;
}
interface DateRule { name: string; calendar: string; year: number | null; from: string; to: string }
interface BusinessCalendar {
  name: string; declared: boolean; time_zone: string; always_open: boolean; week: Record<string, string[]>;
  holidays: DateRule[]; periods: (DateRule & { week: Record<string, string[]> })[];
}
interface Template { name: string; sms: Localized; email_subject: Localized; email_body: Localized }
interface Problem { detail?: string; field?: string }

const D = () => t().admin;
/** A message carried over the re-render that follows a save. */
let flash = '';
/** Sets the message the next render shows (views/admin-workflows.ts saves on its own). */
export function setFlash(text: string) { flash = text; }

// ---- Field errors from the server's problem --------------------------------------------------

/** A labelled control whose server-side name is `name` (problems point at it by that name). */
export function named<T extends HTMLElement>(control: T, name: string): T {
  control.setAttribute('data-field', name);
  if (!control.getAttribute('name')) control.setAttribute('name', name);
  return control;
}

/** The problem in the user's language where we know its kind, else the server's words. */
function explain(status: number, p: Problem): string {
  const d = D();
  const detail = p.detail ?? '';
  if (status === 409) return d.conflict;
  if (status === 404) return d.notFound;
  const ph = detail.match(/unknown placeholder (\{[^}]*\})/);
  if (ph) return `${d.unknownPlaceholder}: \u2066${ph[1]}\u2069`;  // isolated: braces keep their direction
  if (/without its/.test(detail)) return d.unbalanced;
  if (/is required$/.test(detail)) return d.required;
  if (/needs a name/.test(detail)) return d.nameNeeded;
  if (p.field === 'password') return d.passwordShort;
  if ((p.field === 'from' || p.field === 'to') && /MM-DD/.test(detail)) return d.dayFormat;
  if (p.field === 'to' && /before/.test(detail)) return d.toBeforeFrom;
  if (p.field === 'from' || p.field === 'to') return d.noSuchDay;
  if (p.field === 'first_response' || p.field === 'resolution') return /give first_response/.test(detail) ? d.sla.oneTarget : d.sla.durationBad;
  if (p.field === 'first_response_calendar' || p.field === 'resolution_calendar') return d.sla.calendarBad;
  if (p.field === 'warning_share') return d.sla.warningBad;
  if (p.field === 'link_base') return d.surveyEdit.linkBad;
  if (p.field === 'valid_days') return d.surveyEdit.daysBad;
  if (p.field === 'low_rating') return d.surveyEdit.ratingBad;
  if (p.field === 'enabled' && /template/.test(detail)) return d.surveyEdit.templateMissing;
  return `${d.invalid}: ${detail}`;
}

/** Shows an error next to the control the problem names (or in `alert` when none matches). */
export function showProblem(form: HTMLElement, alert: HTMLElement, e: unknown) {
  clearErrors(form);
  alert.textContent = '';
  if (!(e instanceof ApiError)) { alert.textContent = t().errorGeneric; return; }
  const p = (e.problem ?? {}) as Problem;
  const text = explain(e.status, p);
  const f = p.field ?? '';
  const target = f
    ? form.querySelector<HTMLElement>(`[data-field="${CSS.escape(f)}"]`) ?? form.querySelector<HTMLElement>(`[data-field^="${CSS.escape(f)}."]`)
    : null;
  if (!target) { alert.textContent = text; return; }
  const id = uid('err');
  const note = h('p', { class: 'field-error error', id, role: 'alert', 'data-testid': `error-${f}` }, text);
  const before = target.getAttribute('aria-describedby');
  if (before && !target.hasAttribute('data-describedby')) target.setAttribute('data-describedby', before);
  target.setAttribute('aria-invalid', 'true');
  target.setAttribute('aria-describedby', [target.getAttribute('data-describedby'), id].filter(Boolean).join(' '));
  const wrap = target.closest('.field');
  if (wrap) wrap.append(note); else target.after(note);
  target.focus();
}

/** Runs a save: clears old errors, shows new ones next to their fields, re-renders on success. */
export async function submit(form: HTMLElement, alert: HTMLElement, run: () => Promise<unknown>, done: string) {
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (button) button.disabled = true;
  try {
    await run();
    flash = done;
    navigate(location.pathname);
  } catch (e) {
    showProblem(form, alert, e);
  } finally {
    if (button) button.disabled = false;
  }
}

// ---- Shared controls --------------------------------------------------------------------------

/** The three names side by side, each in its own direction. */
function namesInputs(value?: Localized) {
  const d = D();
  const inputs = LANGS.map((l) => named(h('input', { lang: l, dir: l === 'en' ? 'ltr' : 'rtl', autocomplete: 'off', value: value?.[l] ?? '', 'data-testid': `name-${l}` }), `name.${l}`));
  const el = h('fieldset', { class: 'names' }, h('legend', {}, d.names),
    h('div', { class: 'row3' }, ...inputs.map((i, k) => field(d.nameIn[LANGS[k]], i))));
  const get = (): Record<Lang, string> => ({ ar: inputs[0].value.trim(), fa: inputs[1].value.trim(), en: inputs[2].value.trim() });
  return { el, get };
}

function codeInput(value = '') {
  return named(h('input', { dir: 'ltr', autocomplete: 'off', value, 'data-testid': 'code' }), 'code');
}

function activeBox(value = true) {
  const box = named(h('input', { type: 'checkbox', 'data-testid': 'active' }), 'active');
  box.checked = value;
  const id = uid('active');
  box.id = id;
  return { el: h('div', { class: 'check' }, box, h('label', { for: id }, D().active)), box };
}

/** "path › to › node" labels for a parent picker, in tree order. */
function treeOptions<T extends TreeNode>(nodes: T[], exclude?: number): [string, string][] {
  const byParent = new Map<number | null, T[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parent_id) ?? [];
    list.push(n);
    byParent.set(n.parent_id, list);
  }
  const out: [string, string][] = [];
  const walk = (parent: number | null, path: string) => {
    for (const n of byParent.get(parent) ?? []) {
      if (n.id === exclude) continue;  // a node cannot move under itself
      const label = path ? `${path} › ${localized(n.name)}` : localized(n.name);
      out.push([String(n.id), `${label} (${n.code})`]);
      walk(n.id, label);
    }
  };
  walk(null, '');
  return out;
}

/** The tree as nested lists, each node with an Edit button. */
function treeList<T extends TreeNode>(nodes: T[], caption: string, extra: (n: T) => (Node | string)[], onEdit: (n: T) => void, testid: string) {
  const byParent = new Map<number | null, T[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parent_id) ?? [];
    list.push(n);
    byParent.set(n.parent_id, list);
  }
  const level = (parent: number | null): HTMLElement | null => {
    const kids = byParent.get(parent);
    if (!kids?.length) return null;
    return h('ul', { class: 'tree' }, ...kids.map((n) => h('li', { 'data-code': n.code },
      h('span', { class: 'node' },
        h('bdi', { class: 'muted' }, n.code), ' ', h('strong', {}, localized(n.name)),
        n.active ? null : h('span', { class: 'badge' }, D().inactive), ...extra(n),
        h('button', { type: 'button', class: 'linklike', 'aria-label': `${D().edit}: ${localized(n.name)}`, onclick: () => onEdit(n) }, D().edit)),
      level(n.id))));
  };
  return h('section', { 'aria-label': caption, 'data-testid': testid }, h('h2', {}, caption), level(null) ?? h('p', {}, '—'));
}

export function formShell(title: string, testid: string, ...children: (HTMLElement | null)[]) {
  const alert = message('alert');
  const heading = h('h2', {}, title);
  const form = h('form', { class: 'card admin-form', 'data-testid': testid, novalidate: true }, heading, ...children, alert);
  return { form, alert, heading };
}

export function buttons(label: string, onCancel?: () => void) {
  return h('div', { class: 'inline' },
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'save' }, label),
    onCancel ? h('button', { type: 'button', onclick: onCancel }, D().cancel) : null);
}

const num = (s: string) => normalizeDigits(s).trim();
/** A list separator in the current language. */
const sep = () => (lang() === 'en' ? ', ' : '، ');

// ---- Categories -------------------------------------------------------------------------------

async function taxonomySection(): Promise<HTMLElement> {
  const d = D();
  const [cats, units, wfs] = await Promise.all([
    get<{ items: AdminCategory[] }>('/api/v1/categories'),
    get<{ items: AdminUnit[] }>('/api/v1/units'),
    get<{ items: Workflow[] }>('/api/v1/workflows'),
  ]);
  const formSlot = h('div', {});
  const edit = (c?: AdminCategory) => {
    const names = namesInputs(c?.name);
    const code = codeInput(c?.code);
    const parent = named(select([['', d.topLevel], ...treeOptions(cats.items, c?.id)], c?.parent_id ? String(c.parent_id) : '', { 'data-testid': 'parent' }), 'parent_id');
    const unit = named(select([['', t().none], ...treeOptions(units.items)], c?.default_unit_id ? String(c.default_unit_id) : '', { 'data-testid': 'default-unit' }), 'default_unit_id');
    const workflow = named(select([['', d.category.workflowInherit], ...wfs.items.map((w): [string, string] => [w.name, `${localized(w.label)} (${w.name})`])], c?.workflow ?? '', { 'data-testid': 'workflow' }), 'workflow');
    const active = activeBox(c?.active ?? true);
    const { form, alert } = formShell(c ? `${d.category.edit}: ${localized(c.name)}` : d.category.add, 'category-form',
      field(d.code, code, d.codeHint), names.el, field(d.parent, parent), field(d.category.defaultUnit, unit),
      field(d.category.workflow, workflow), active.el, buttons(c ? d.save : d.add, c ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {
        code: code.value.trim(), name: names.get(), parent_id: parent.value ? Number(parent.value) : null,
        default_unit_id: unit.value ? Number(unit.value) : null, workflow: workflow.value, active: active.box.checked,
      };
      void submit(form, alert, () => (c ? api('PATCH', `/api/v1/categories/${c.id}`, body) : api('POST', '/api/v1/categories', body)), d.saved);
    });
    formSlot.replaceChildren(form);
    if (c) code.focus();
  };
  edit();
  const byId = new Map(wfs.items.map((w) => [w.name, w]));
  return h('div', { class: 'admin-split' },
    treeList(cats.items, d.category.tree, (c) => (c.workflow ? [' · ', h('span', { class: 'muted' }, localized(byId.get(c.workflow)?.label) || c.workflow)] : []), edit, 'category-tree'),
    formSlot);
}

// ---- Units ------------------------------------------------------------------------------------

async function unitsSection(): Promise<HTMLElement> {
  const d = D();
  const units = await get<{ items: AdminUnit[] }>('/api/v1/units');
  const formSlot = h('div', {});
  const edit = (u?: AdminUnit) => {
    const names = namesInputs(u?.name);
    const code = codeInput(u?.code);
    const kind = named(select(UNIT_KINDS.map((k) => [k, d.unit.kinds[k]]), u?.kind ?? 'department', { 'data-testid': 'kind' }), 'kind');
    const parent = named(select([['', d.topLevel], ...treeOptions(units.items, u?.id)], u?.parent_id ? String(u.parent_id) : '', { 'data-testid': 'parent' }), 'parent_id');
    const active = activeBox(u?.active ?? true);
    const { form, alert } = formShell(u ? `${d.unit.edit}: ${localized(u.name)}` : d.unit.add, 'unit-form',
      field(d.code, code, d.codeHint), names.el, field(d.unit.kind, kind), field(d.parent, parent), active.el,
      buttons(u ? d.save : d.add, u ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { code: code.value.trim(), name: names.get(), kind: kind.value, parent_id: parent.value ? Number(parent.value) : null, active: active.box.checked };
      void submit(form, alert, () => (u ? api('PATCH', `/api/v1/units/${u.id}`, body) : api('POST', '/api/v1/units', body)), d.saved);
    });
    formSlot.replaceChildren(form);
    if (u) code.focus();
  };
  edit();
  return h('div', { class: 'admin-split' },
    treeList(units.items, d.unit.tree, (u) => [' · ', h('span', { class: 'muted' }, d.unit.kinds[u.kind as keyof typeof d.unit.kinds] ?? u.kind)], edit, 'unit-tree'),
    formSlot);
}

// ---- Sites ------------------------------------------------------------------------------------

async function sitesSection(): Promise<HTMLElement> {
  const d = D();
  const sites = await get<{ items: AdminSite[] }>('/api/v1/sites');
  const formSlot = h('div', {});
  const edit = (s?: AdminSite) => {
    const names = namesInputs(s?.name);
    const code = codeInput(s?.code);
    const kind = named(select(SITE_KINDS.map((k) => [k, d.site.kinds[k]]), s?.kind ?? 'mosque', { 'data-testid': 'kind' }), 'kind');
    const region = named(h('input', { value: s?.region ?? '', 'data-testid': 'region' }), 'region');
    const district = named(h('input', { value: s?.district ?? '', 'data-testid': 'district' }), 'district');
    const active = activeBox(s?.active ?? true);
    const { form, alert } = formShell(s ? `${d.site.edit}: ${localized(s.name)}` : d.site.add, 'site-form',
      field(d.code, code, d.codeHint), names.el, field(d.site.kind, kind),
      h('div', { class: 'row3' }, field(d.site.region, region), field(d.site.district, district)), active.el,
      buttons(s ? d.save : d.add, s ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { code: code.value.trim(), name: names.get(), kind: kind.value, region: region.value.trim(), district: district.value.trim(), active: active.box.checked };
      void submit(form, alert, () => (s ? api('PATCH', `/api/v1/sites/${s.id}`, body) : api('POST', '/api/v1/sites', body)), d.saved);
    });
    formSlot.replaceChildren(form);
    if (s) code.focus();
  };
  edit();
  const table = h('table', { 'data-testid': 'site-list' },
    h('caption', { class: 'sr-only' }, d.site.list),
    h('thead', {}, h('tr', {}, ...[d.code, d.names, d.site.kind, d.site.region, d.site.district, d.active, ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...sites.items.map((s) => h('tr', { 'data-code': s.code },
      h('td', {}, h('bdi', {}, s.code)), h('td', {}, localized(s.name)), h('td', {}, d.site.kinds[s.kind as keyof typeof d.site.kinds] ?? s.kind),
      h('td', {}, s.region), h('td', {}, s.district), h('td', {}, s.active ? t().yes : t().no),
      h('td', {}, h('button', { type: 'button', class: 'linklike', 'aria-label': `${d.edit}: ${localized(s.name)}`, onclick: () => edit(s) }, d.edit))))));
  return h('div', { class: 'admin-split' }, h('section', { 'aria-label': d.site.list }, h('h2', {}, d.site.list), h('div', { class: 'scroll' }, table)), formSlot);
}

// ---- Users ------------------------------------------------------------------------------------

async function usersSection(): Promise<HTMLElement> {
  const d = D();
  const [users, units] = await Promise.all([get<{ items: AdminUser[] }>('/api/v1/users'), get<{ items: AdminUnit[] }>('/api/v1/units')]);
  const unitName = new Map(units.items.map((u) => [u.id, localized(u.name)]));
  const formSlot = h('div', {});
  const edit = (u?: AdminUser) => {
    const username = named(h('input', { dir: 'ltr', autocomplete: 'off', value: u?.username ?? '', disabled: !!u, 'data-testid': 'username' }), 'username');
    const display = named(h('input', { autocomplete: 'off', value: u?.display_name ?? '', 'data-testid': 'display-name' }), 'display_name');
    const password = named(h('input', { type: 'password', dir: 'ltr', autocomplete: 'new-password', 'data-testid': 'new-password' }), 'password');
    const role = named(select(ROLES.map((r) => [r, d.user.roles[r]]), u?.role ?? 'agent', { 'data-testid': 'role' }), 'role');
    const unit = named(select([['', d.user.noUnit], ...treeOptions(units.items)], u?.unit_id ? String(u.unit_id) : '', { 'data-testid': 'unit' }), 'unit_id');
    const language = named(select(LANGS.map((l) => [l, t().languages[l]]), u?.language ?? lang(), { 'data-testid': 'user-language' }), 'language');
    const active = activeBox(u?.active ?? true);
    const { form, alert } = formShell(u ? `${d.user.edit}: ${u.username}` : d.user.add, 'user-form',
      field(d.user.username, username, d.user.usernameHint), field(d.user.displayName, display),
      u ? field(d.password.newPassword, password, d.password.newPasswordHint) : field(d.user.password, password, d.user.passwordHint),
      h('div', { class: 'row3' }, field(d.user.role, role), field(d.user.unit, unit), field(d.user.language, language)),
      u ? active.el : null, buttons(u ? d.save : d.add, u ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const common = { display_name: display.value.trim(), role: role.value, unit_id: unit.value ? Number(unit.value) : null, language: language.value };
      void submit(form, alert, () => (u
        ? api('PATCH', `/api/v1/users/${u.id}`, { ...common, active: active.box.checked, ...(password.value ? { password: password.value } : {}) })
        : api('POST', '/api/v1/users', { ...common, username: username.value.trim(), password: password.value })), d.saved);
    });
    formSlot.replaceChildren(form);
    if (u) display.focus();
  };
  edit();
  const table = h('table', { 'data-testid': 'user-list' },
    h('caption', { class: 'sr-only' }, d.user.list),
    h('thead', {}, h('tr', {}, ...[d.user.username, d.user.displayName, d.user.role, d.user.unit, d.user.language, d.active, ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...users.items.map((u) => h('tr', { 'data-username': u.username },
      h('td', {}, h('bdi', {}, u.username)), h('td', {}, u.display_name), h('td', {}, d.user.roles[u.role as keyof typeof d.user.roles] ?? u.role),
      h('td', {}, u.unit_id ? unitName.get(u.unit_id) ?? '' : ''), h('td', {}, t().languages[u.language as Lang] ?? u.language),
      h('td', {}, u.active ? t().yes : t().no),
      h('td', {}, h('button', { type: 'button', class: 'linklike', 'aria-label': `${d.edit}: ${u.username}`, onclick: () => edit(u) }, d.edit))))));
  return h('div', { class: 'admin-split' }, h('section', { 'aria-label': d.user.list }, h('h2', {}, d.user.list), h('div', { class: 'scroll' }, table)), formSlot);
}

// ---- Workflows (editors in views/admin-workflows.ts) ------------------------------------------

async function workflowsSection(): Promise<HTMLElement> {
  const d = D().workflow;
  const [wfs, cats, sources] = await Promise.all([
    get<{ items: Workflow[]; default_workflow: string; workflow_by_type: Record<string, string> }>('/api/v1/workflows'),
    get<{ items: AdminCategory[] }>('/api/v1/categories'),
    get<{ items: AdminWorkflow[] }>('/api/v1/admin/workflows'),
  ]);
  const byId = new Map(cats.items.map((c) => [c.id, c]));
  /** The workflow a category names, or inherits from the nearest ancestor that names one. */
  const effective = (c: AdminCategory): { name: string; inherited: boolean } | null => {
    for (let n: AdminCategory | undefined = c, first = true; n; n = n.parent_id ? byId.get(n.parent_id) : undefined, first = false) {
      if (n.workflow) return { name: n.workflow, inherited: !first };
    }
    return null;
  };
  const types = t().types as Record<string, string>;
  const wfLabel = (name: string) => localized(wfs.items.find((w) => w.name === name)?.label) || name;
  const wrap = h('div', { 'data-testid': 'workflows' },
    h('p', {}, h('strong', {}, `${d.defaultWorkflow}: `), h('bdi', {}, wfLabel(wfs.default_workflow))),
    Object.keys(wfs.workflow_by_type).length
      ? h('p', {}, h('strong', {}, `${d.byType}: `),
        ...Object.entries(wfs.workflow_by_type).map(([ty, w], i) => h('span', {}, i ? ' · ' : '', `${types[ty] ?? ty} → `, h('bdi', {}, wfLabel(w)))))
      : null,
    h('p', { class: 'hint' }, D().wfEdit.hint),
    newWorkflowEditor());
  for (const w of wfs.items) {
    const label = (name: string) => localized(w.states.find((s) => s.name === name)?.label) || name;
    const users = cats.items.map((c) => ({ c, e: effective(c) })).filter((x) => x.e?.name === w.name);
    wrap.append(h('section', { class: 'card', 'data-workflow': w.name, 'aria-label': localized(w.label) || w.name },
      h('h2', {}, localized(w.label) || w.name, ' ', h('bdi', { class: 'muted' }, `(${w.name})`)),
      h('p', {}, h('strong', {}, `${d.initial}: `), label(w.initial)),
      h('h3', {}, d.usedBy),
      users.length
        ? h('ul', { class: 'chips' }, ...users.map(({ c, e }) => h('li', {}, localized(c.name), ' ', h('bdi', { class: 'muted' }, c.code), e?.inherited ? ` (${d.inherited})` : '')))
        : h('p', {}, d.usedByNone),
      h('h3', {}, d.states),
      h('div', { class: 'scroll' }, h('table', {},
        h('caption', { class: 'sr-only' }, d.states),
        h('thead', {}, h('tr', {}, ...[d.state, d.label, d.status, d.inbox, d.final].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...w.states.map((s) => h('tr', {},
          h('td', {}, h('bdi', {}, s.name)), h('td', {}, localized(s.label)), h('td', {}, (t().statuses as Record<string, string>)[s.status] ?? s.status),
          h('td', {}, s.inbox ?? ''), h('td', {}, s.final ? t().yes : '')))))),
      h('h3', {}, d.actions),
      h('div', { class: 'scroll' }, h('table', {},
        h('caption', { class: 'sr-only' }, d.actions),
        h('thead', {}, h('tr', {}, ...[d.action, d.from, d.to, d.roles].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...w.actions.map((a) => h('tr', {},
          h('td', {}, localized(a.label) || a.name),
          h('td', {}, a.from.map((f) => (f === '*' ? d.anyState : label(f))).join(sep())),
          h('td', {}, a.to ? label(a.to) : '—'),
          h('td', {}, a.roles.map((r) => D().user.roles[r as keyof ReturnType<typeof D>['user']['roles']] ?? r).join(sep()))))))),
      workflowEditor(sources.items.find((x) => x.code === w.name))));
  }
  return wrap;
}

// ---- SLA policies ------------------------------------------------------------------------------

/** The user's digits (state.ts locale()), without grouping (years). */
function numbers(): Intl.NumberFormat {
  return new Intl.NumberFormat(locale(), { useGrouping: false });
}

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
  const options = (current: string) => [...new Set([...calendars, current])].map((c): [string, string] => [c, c]);
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

async function slaSection(): Promise<HTMLElement> {
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
          h('td', {}, h('bdi', {}, p.first_response_calendar === p.resolution_calendar ? p.resolution_calendar : `${p.first_response_calendar} / ${p.resolution_calendar}`)),
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

// ---- Calendars --------------------------------------------------------------------------------

function weekTable(week: Record<string, string[]>, caption: string) {
  const d = D().calendars;
  return h('table', { class: 'week' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, d.day), h('th', { scope: 'col' }, d.hours))),
    h('tbody', {}, ...DAYS.map((day) => h('tr', {}, h('th', { scope: 'row' }, d.days[day]),
      h('td', {}, week[day]?.length ? h('bdi', { dir: 'ltr' }, week[day].join(', ')) : d.dayOff)))));
}

async function calendarsSection(): Promise<HTMLElement> {
  const d = D().calendars;
  const { items } = await get<{ items: BusinessCalendar[] }>('/api/v1/admin/calendars');
  const status = h('p', { role: 'status', class: 'msg', 'data-testid': 'calendar-status' });
  const remove = async (cal: BusinessCalendar, r: DateRule, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await api('DELETE', `/api/v1/admin/calendars/${encodeURIComponent(cal.name)}/holidays?name=${encodeURIComponent(r.name)}&year=${r.year}`);
      flash = d.removed;
      navigate(location.pathname);
    } catch (e) {
      status.textContent = e instanceof ApiError ? explain(e.status, (e.problem ?? {}) as Problem) : t().errorGeneric;
      button.disabled = false;
    }
  };
  const cards = items.map((cal) => h('section', { class: 'card', 'data-calendar': cal.name, 'aria-label': cal.name },
    h('h2', {}, h('bdi', {}, cal.name)),
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
            h('td', {}, h('bdi', {}, r.name)), h('td', {}, d.kinds[r.calendar as keyof typeof d.kinds] ?? r.calendar),
            h('td', {}, r.year === null ? d.everyYear : numbers().format(r.year)),
            h('td', {}, h('bdi', { dir: 'ltr' }, r.from)), h('td', {}, h('bdi', { dir: 'ltr' }, r.to)),
            h('td', {}, r.year === null ? '' : btn));
        })))
      : h('p', {}, d.noHolidays),
    cal.periods.length
      ? h('div', {}, h('h3', {}, d.periods), ...cal.periods.map((p) => h('div', {},
        h('p', {}, h('bdi', {}, p.name), ` · ${d.kinds[p.calendar as keyof typeof d.kinds] ?? p.calendar} · ${d.from} `,
          h('bdi', { dir: 'ltr' }, p.from), ` · ${d.to} `, h('bdi', { dir: 'ltr' }, p.to)),
        weekTable(p.week, `${d.periods}: ${p.name}`))))
      : null));

  // One form adds a one-off holiday to the calendar chosen.
  const which = named(select(items.map((c): [string, string] => [c.name, c.name]), items.find((c) => c.declared && !c.always_open)?.name ?? items[0]?.name, { 'data-testid': 'holiday-calendar' }), 'calendar_name');
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

// ---- Templates --------------------------------------------------------------------------------

async function templatesSection(): Promise<HTMLElement> {
  const d = D().templates;
  const list = await get<{ items: Template[]; placeholders: string[]; languages: Lang[] }>('/api/v1/admin/templates');
  const hint = h('p', { class: 'hint', id: uid('placeholders') }, d.hint, ' ', ...list.placeholders.flatMap((p) => [h('code', { dir: 'ltr' }, `{${p}}`), ' ']));
  const forms = list.items.map((tpl) => {
    const areas: { kind: string; l: Lang; el: HTMLTextAreaElement; before: string }[] = [];
    const sets = TEMPLATE_KINDS.map((kind) => h('fieldset', {},
      h('legend', {}, d.kinds[kind]),
      h('div', { class: 'row3' }, ...LANGS.map((l) => {
        const before = tpl[kind]?.[l] ?? '';
        const el = named(h('textarea', { rows: kind === 'email_subject' ? 1 : 3, lang: l, dir: l === 'en' ? 'ltr' : 'rtl', 'aria-describedby': hint.id, 'data-testid': `tpl-${tpl.name}-${kind}-${l}` }), `${kind}.${l}`);
        el.value = before;
        areas.push({ kind, l, el, before });
        return field(d.textIn[l], el);
      }))));
    const { form, alert } = formShell(tpl.name, `template-${tpl.name}`, ...sets, buttons(D().save));
    form.setAttribute('data-template', tpl.name);
    form.classList.remove('card');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body: Record<string, Record<string, string>> = {};
      for (const a of areas) if (a.el.value !== a.before) (body[a.kind] ??= {})[a.l] = a.el.value;
      if (!Object.keys(body).length) return;  // nothing changed
      void submit(form, alert, () => api('PUT', `/api/v1/admin/templates/${encodeURIComponent(tpl.name)}`, body), D().saved);
    });
    // Folded, so the list stays short; the summary shows the SMS in the reader's language.
    const preview = tpl.sms[lang()] || tpl.sms.ar || tpl.sms.fa || tpl.sms.en || '';
    return h('details', { class: 'card template', 'data-testid': `template-box-${tpl.name}` },
      h('summary', {}, h('strong', {}, h('bdi', {}, tpl.name)), ' ', h('span', { class: 'muted' }, preview)), form);
  });
  return h('div', { 'data-testid': 'templates' }, hint, ...(forms.length ? forms : [h('p', {}, d.empty)]));
}

// ---- The screen -------------------------------------------------------------------------------

const RENDER: Record<Section, () => Promise<HTMLElement>> = {
  taxonomy: taxonomySection, units: unitsSection, sites: sitesSection, users: usersSection,
  workflows: workflowsSection, sla: slaSection, calendars: calendarsSection, templates: templatesSection,
  audit: auditSection,
};

/** /admin/{section}: side navigation and the section. */
export async function adminView(section: string): Promise<HTMLElement> {
  const d = D();
  if (session.user?.role !== 'admin') return h('section', {}, h('h1', {}, d.title), h('p', { role: 'alert', class: 'msg error' }, d.forbidden));
  const current: Section = (SECTIONS as readonly string[]).includes(section) ? (section as Section) : 'taxonomy';
  const nav = h('nav', { class: 'admin-nav', 'aria-label': d.title },
    h('ul', {}, ...SECTIONS.map((s) => h('li', {}, h('a', { href: `/admin/${s}`, 'data-nav': '', 'aria-current': s === current ? 'page' : null, 'data-testid': `admin-${s}` }, d.sections[s])))));
  const note = h('p', { role: 'status', class: 'msg ok', 'data-testid': 'flash' }, flash);
  flash = '';
  let body: HTMLElement;
  try {
    body = await RENDER[current]();
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) body = h('p', { role: 'alert', class: 'msg error' }, d.forbidden);
    else throw e;
  }
  return h('div', { class: 'admin', 'data-testid': `admin-${current}-screen` }, nav,
    h('section', { class: 'admin-main' }, h('h1', {}, `${d.title}: ${d.sections[current]}`), note, body));
}
