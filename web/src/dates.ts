import type { Lang } from './i18n';

/** The installation's calendar names (GET /api/v1/installation) as Unicode calendar keys. */
export type ServerCalendar = 'gregorian' | 'islamic-umalqura' | 'persian';

const region: Record<Lang, string> = { ar: 'ar-SA', fa: 'fa-IR', en: 'en' };

function calendarKey(c: ServerCalendar): string {
  return c === 'gregorian' ? 'gregory' : c;
}

/** A user's digits (GET /api/v1/auth/me `digits`): '' the language's usual, Latin, or native. */
export type DigitsChoice = '' | 'latn' | 'native';

/** The language's own digits as a Unicode numbering system: Arabic-Indic, Persian (Eastern
 *  Arabic-Indic); English has only Latin. */
const nativeDigits: Record<Lang, string> = { ar: 'arab', fa: 'arabext', en: 'latn' };

/** The one BCP 47 tag every date and number in the app is formatted with: the user's language,
 *  the calendar made explicit, and the numbering system when the user chose one, e.g.
 *  ar-SA-u-ca-islamic-umalqura, fa-IR-u-ca-persian-nu-latn, en-u-ca-gregory. With digits '' the
 *  language's usual digits apply (ICU's default for the region). */
export function localeTag(l: Lang, c: ServerCalendar, digits: DigitsChoice = ''): string {
  const nu = digits === 'latn' ? 'latn' : digits === 'native' ? nativeDigits[l] : '';
  return `${region[l]}-u-ca-${calendarKey(c)}${nu ? `-nu-${nu}` : ''}`;
}

/** When a visitor has no installation (the public portal): the language's usual calendar. */
export function defaultCalendar(l: Lang): ServerCalendar {
  return l === 'fa' ? 'persian' : l === 'ar' ? 'islamic-umalqura' : 'gregorian';
}

export function formatDateTime(iso: string | null | undefined, l: Lang, c: ServerCalendar, timeZone?: string, digits: DigitsChoice = ''): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTag(l, c, digits), {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** A date written out in full (weekday, day, month, year) in `tag`'s language and calendar.
 *  ICU's full pattern for the Persian calendar reads "۱۴۰۵ آذر ۲۲, یکشنبه" (year first, a Latin
 *  comma); there the date is composed as Persian writes it: "یکشنبه ۲۲ آذر ۱۴۰۵". */
export function fullDateFormatter(tag: string, timeZone?: string): { format(d: Date): string } {
  const full = new Intl.DateTimeFormat(tag, { dateStyle: 'full', ...(timeZone ? { timeZone } : {}) });
  if (!/-ca-persian\b/.test(tag)) return full;
  const parts = new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', ...(timeZone ? { timeZone } : {}) });
  return {
    format(d: Date) {
      const p = parts.formatToParts(d);
      const get = (k: string) => p.find((x) => x.type === k)?.value ?? '';
      return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`;
    },
  };
}
