// "My account" (/account), for every staff role: the saved language, calendar and digits
// (PATCH /api/v1/auth/me) and the password change (POST /api/v1/auth/password). Server problems name a field (`current`, `new`); the error is
// shown next to that field and tied to it with aria-describedby.
import { ApiError, api, type User } from '../api';
import { clearErrors, field, h, message, select, uid } from '../dom';
import { LANGS, lang, t, type Lang } from '../i18n';
import { render } from '../router';
import { saveLanguage } from '../prefs';
import { locale, session } from '../state';
import { problemMessage } from '../problems';

type Problem = { field?: string; detail?: string };

function fieldError(control: HTMLInputElement, name: string, text: string) {
  const id = uid('err');
  const note = h('p', { class: 'field-error error', id, role: 'alert', 'data-testid': `error-${name}` }, text);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [control.getAttribute('data-describedby'), id].filter(Boolean).join(' '));
  control.closest('.field')!.append(note);
  control.focus();
}

function passwordInput(name: string, autocomplete: string, hintId?: string): HTMLInputElement {
  return h('input', {
    type: 'password', name, autocomplete, required: true, 'data-field': name,
    'aria-describedby': hintId ?? null, 'data-describedby': hintId ?? null,
  });
}

function passwordForm(): HTMLElement {
  const a = t().prefs.account;
  const ruleId = uid('hint');
  const current = passwordInput('current', 'current-password');
  const next = passwordInput('new', 'new-password', ruleId);
  const again = passwordInput('confirm', 'new-password');
  const status = message('status');
  const alert = message('alert');
  const form = h('form', { 'aria-labelledby': 'account-password', novalidate: true },
    h('h2', { id: 'account-password' }, a.passwordTitle),
    field(a.current, current),
    h('div', { class: 'field' }, h('label', { for: next.id = uid() }, a.next), next, h('p', { class: 'hint', id: ruleId }, a.rule)),
    field(a.confirm, again),
    h('button', { type: 'submit', 'data-testid': 'change-password' }, a.submit),
    status, alert);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    status.textContent = '';
    alert.textContent = '';
    if (next.value !== again.value) { fieldError(again, 'confirm', a.mismatch); return; }
    try {
      await api('POST', '/api/v1/auth/password', { current: current.value, new: next.value });
      form.reset();
      status.textContent = a.changed;
    } catch (err) {
      if (!(err instanceof ApiError)) { alert.textContent = t().errorGeneric; return; }
      const p = (err.problem ?? {}) as Problem;
      if (p.field === 'current') fieldError(current, 'current', a.wrongCurrent);
      else if (p.field === 'new') fieldError(next, 'new', a.weak);
      else alert.textContent = problemMessage(err);
    }
  });
  return form;
}

function languageSection(): HTMLElement {
  const a = t().prefs.account;
  const s = select(LANGS.map((l) => [l, t().languages[l]]), lang(), { 'data-testid': 'account-language' });
  const status = message('status');
  s.addEventListener('change', async () => {
    await saveLanguage(s.value as Lang);
    // The whole app switches language: render again (main.ts's render reads the saved one).
    await render();
    document.querySelector('[data-testid="account-language-status"]')!.textContent = t().prefs.account.languageSaved;
  });
  status.setAttribute('data-testid', 'account-language-status');
  return h('section', { 'aria-labelledby': 'account-language' },
    h('h2', { id: 'account-language' }, a.languageTitle),
    field(t().language, s, a.languageHint),
    status);
}

/** The user's own calendar and digits ('' = the center's calendar, the language's digits), saved
 *  on change; every date and number in the app follows them (state.ts locale()). */
function calendarSection(): HTMLElement {
  const a = t().prefs.account;
  const center = session.installation?.calendar ?? 'gregorian';
  const cal = select([
    ['', a.calendarCenter(a.calendars[center])],
    ['gregorian', a.calendars.gregorian],
    ['islamic-umalqura', a.calendars['islamic-umalqura']],
    ['persian', a.calendars.persian],
  ], session.user?.calendar ?? '', { name: 'calendar', 'data-testid': 'account-calendar' });
  const dig = select([['', a.digitsUsual], ['latn', a.digitsLatin], ['native', a.digitsNative]],
    session.user?.digits ?? '', { name: 'digits', 'data-testid': 'account-digits' });
  const preview = h('p', { class: 'hint', 'data-testid': 'account-date-preview' });
  const showToday = () => {
    preview.textContent = a.today(new Intl.DateTimeFormat(locale(), {
      dateStyle: 'long', ...(session.installation?.time_zone ? { timeZone: session.installation.time_zone } : {}),
    }).format(new Date()));
  };
  const status = message('status');
  status.setAttribute('data-testid', 'account-calendar-status');
  const alert = message('alert');
  const save = async () => {
    status.textContent = '';
    alert.textContent = '';
    try {
      const { data } = await api<User>('PATCH', '/api/v1/auth/me', { calendar: cal.value, digits: dig.value });
      if (session.user?.id === data.id) { session.user.calendar = data.calendar; session.user.digits = data.digits; }
      showToday();
      status.textContent = a.calendarSaved;
    } catch {
      cal.value = session.user?.calendar ?? '';
      dig.value = session.user?.digits ?? '';
      alert.textContent = a.calendarNotSaved;
    }
  };
  cal.addEventListener('change', save);
  dig.addEventListener('change', save);
  showToday();
  return h('section', { 'aria-labelledby': 'account-calendar' },
    h('h2', { id: 'account-calendar' }, a.calendarTitle),
    field(a.calendar, cal, a.calendarHint),
    field(a.digits, dig, a.digitsHint),
    preview, status, alert);
}

export function accountView(): HTMLElement {
  return h('div', { class: 'account' },
    h('h1', {}, t().prefs.account.title),
    languageSection(),
    calendarSection(),
    passwordForm());
}
