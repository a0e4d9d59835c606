// The form kit of the administration screens: forms that send what the server takes and show the
// server's problem next to the field it names (`field` of RFC 9457), the controls they share
// (names in the three languages, code, active) and the message carried over the re-render that
// follows a save.
import { ApiError, type Localized } from '../api';
import { normalizeDigits } from '../digits';
import { clearErrors, field, h, message, uid } from '../dom';
import { lang, LANGS, t, type Lang } from '../i18n';
import { fieldLabel } from '../problems';
import { navigate } from '../router';

interface Problem { detail?: string; field?: string }

const D = () => t().admin;
/** A message carried over the re-render that follows a save. */
let flash = '';
/** Sets the message the next render shows (views/admin/workflow-editor.ts saves on its own). */
export function setFlash(text: string) { flash = text; }
/** The message to show once, forgotten as it is read. */
export function takeFlash(): string {
  const text = flash;
  flash = '';
  return text;
}

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
  // The server's words are English: other readers get the kind of problem and the field.
  return lang() === 'en' ? `${d.invalid}: ${detail}` : p.field ? `${d.invalid} (${fieldLabel(p.field)})` : d.invalid;
}

/** An error from the API in the user's words (for a message with no form field to sit by). */
export function problemText(e: unknown): string {
  return e instanceof ApiError ? explain(e.status, (e.problem ?? {}) as Problem) : t().errorGeneric;
}

/** Shows an error next to the control the problem names (or in `alert` when none matches). */
export function showProblem(form: HTMLElement, alert: HTMLElement, e: unknown) {
  clearErrors(form);
  alert.textContent = '';
  if (!(e instanceof ApiError)) { alert.textContent = t().errorGeneric; return; }
  const p = (e.problem ?? {}) as Problem;
  const text = explain(e.status, p);
  const f = p.field ?? '';
  // The field itself, one of its members ("name.ar"), or the list an item belongs to
  // ("recipients[1]" is shown at the recipients box).
  const list = f.replace(/\[\d+\].*$/, '');
  const target = f
    ? form.querySelector<HTMLElement>(`[data-field="${CSS.escape(f)}"]`) ?? form.querySelector<HTMLElement>(`[data-field^="${CSS.escape(f)}."]`)
      ?? (list !== f ? form.querySelector<HTMLElement>(`[data-field="${CSS.escape(list)}"]`) : null)
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
export function namesInputs(value?: Localized) {
  const d = D();
  const inputs = LANGS.map((l) => named(h('input', { lang: l, dir: l === 'en' ? 'ltr' : 'rtl', autocomplete: 'off', value: value?.[l] ?? '', 'data-testid': `name-${l}` }), `name.${l}`));
  const el = h('fieldset', { class: 'names' }, h('legend', {}, d.names),
    h('div', { class: 'row3' }, ...inputs.map((i, k) => field(d.nameIn[LANGS[k]], i))));
  const get = (): Record<Lang, string> => ({ ar: inputs[0].value.trim(), fa: inputs[1].value.trim(), en: inputs[2].value.trim() });
  return { el, get };
}

export function codeInput(value = '') {
  return named(h('input', { dir: 'ltr', autocomplete: 'off', value, 'data-testid': 'code' }), 'code');
}

export function activeBox(value = true) {
  const box = named(h('input', { type: 'checkbox', 'data-testid': 'active' }), 'active');
  box.checked = value;
  const id = uid('active');
  box.id = id;
  return { el: h('div', { class: 'check' }, box, h('label', { for: id }, D().active)), box };
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

/** A number as typed: any digits read as ASCII, spaces trimmed. */
export const num = (s: string) => normalizeDigits(s).trim();
