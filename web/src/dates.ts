import type { Lang } from './i18n';

/** The installation's calendar names (GET /api/v1/installation) as Unicode calendar keys. */
export type ServerCalendar = 'gregorian' | 'islamic-umalqura' | 'persian';

const region: Record<Lang, string> = { ar: 'ar-SA', fa: 'fa-IR', en: 'en' };

function calendarKey(c: ServerCalendar): string {
  return c === 'gregorian' ? 'gregory' : c;
}

/** The BCP 47 tag: the user's language with the installation's calendar made explicit,
 *  e.g. ar-SA-u-ca-islamic-umalqura, fa-IR-u-ca-persian, en-u-ca-gregory. */
export function localeTag(l: Lang, c: ServerCalendar): string {
  return `${region[l]}-u-ca-${calendarKey(c)}`;
}

/** When a visitor has no installation (the public portal): the language's usual calendar. */
export function defaultCalendar(l: Lang): ServerCalendar {
  return l === 'fa' ? 'persian' : l === 'ar' ? 'islamic-umalqura' : 'gregorian';
}

export function formatDateTime(iso: string | null | undefined, l: Lang, c: ServerCalendar, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(l, c), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}
