// The app's own check of required fields, in the user's language (forms are `novalidate`, so
// the browser's bubbles, in the browser's language, never show): each empty required control is
// marked invalid, the first one named in `msg` and focused.
import { t } from './i18n';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** True (and the message shown) when a required field of `form` is empty. */
export function missingRequired(form: HTMLFormElement, msg: HTMLElement): boolean {
  const controls = [...form.querySelectorAll<Control>('input, select, textarea')].filter((c) => !c.disabled);
  for (const c of controls) if (c.getAttribute('aria-invalid') === 'true' && c.dataset.requiredMark) { c.removeAttribute('aria-invalid'); delete c.dataset.requiredMark; }
  const empty = controls.filter((c) => c.required && (c instanceof HTMLInputElement && c.type === 'checkbox' ? !c.checked : c.value.trim() === ''));
  if (!empty.length) return false;
  for (const c of empty) { c.setAttribute('aria-invalid', 'true'); c.dataset.requiredMark = '1'; }
  const first = empty[0];
  const label = (first.id && form.querySelector(`label[for="${CSS.escape(first.id)}"]`)?.textContent) || first.getAttribute('aria-label') || '';
  msg.textContent = label ? `${label}: ${t().problems.required}` : t().problems.required;
  first.focus();
  return true;
}
