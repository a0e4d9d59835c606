// A problem from the API in the user's words: the kind of problem (the server's stable `type`)
// and the field it names, both translated; the server's English detail only for English
// readers. Network failures have their own message.
import { ApiError } from './api';
import { lang, localized, t } from './i18n';
import { session } from './state';

interface Problem { type?: string; detail?: string; field?: string }

/** The field a problem names, as the user knows it ("requester.attributes.role" → "Caller's role"). */
export function fieldLabel(field: string): string {
  const d = t().problems;
  const plain = field.replace(/\[\d+\]/g, '');
  const attr = plain.match(/attributes\.([a-z0-9_]+)$/);
  if (attr) {
    const def = session.installation?.requester_attributes?.find((a) => a.key === attr[1]);
    if (def) return localized(def.name);
  }
  const last = plain.split('.').pop() ?? plain;
  if (plain.startsWith('inputs.')) {
    const input = (t().inputs as Record<string, string>)[last];
    if (input) return input;
  }
  return d.fields[last] ?? `\u2068${field}\u2069`;  // unknown: the name itself, isolated
}

/** The message for `e`: translated kind, the field in parentheses, the detail in English. */
export function problemMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return t().errorNetwork;
  const p = (e.problem ?? {}) as Problem;
  const d = t().problems;
  const slug = (p.type ?? '').replace('urn:tawasul:problem:', '');
  const kind = d.types[slug] ?? d.types.error;
  const named = p.field ? `${kind} (${fieldLabel(p.field)})` : kind;
  return lang() === 'en' && p.detail ? `${named}: ${p.detail}` : named;
}
