import type { Installation, User } from './api';
import type { DigitsChoice, ServerCalendar } from './dates';
import { defaultCalendar, formatDateTime, localeTag } from './dates';
import { lang } from './i18n';

/** What the app knows about the session. */
export const session: { user: User | null; installation: Installation | null } = { user: null, installation: null };

const CALENDARS: readonly string[] = ['gregorian', 'islamic-umalqura', 'persian'];

/** The calendar dates are shown and picked in: the user's own choice (GET /auth/me `calendar`),
 *  else the installation's, else (the portal, no session) the language's usual one. The server
 *  never needs to know which: dates go to it as ISO Gregorian or with an explicit `calendar`. */
export function calendar(): ServerCalendar {
  const own = session.user?.calendar ?? '';
  if (CALENDARS.includes(own)) return own as ServerCalendar;
  return session.installation?.calendar ?? defaultCalendar(lang());
}

/** The user's digits choice ('' = the language's usual). */
export function digits(): DigitsChoice {
  const d = session.user?.digits ?? '';
  return d === 'latn' || d === 'native' ? d : '';
}

/** The locale tag for every date and number shown to this user (dates.ts localeTag with the
 *  user's language, calendar and digits); `c` overrides the calendar (e.g. clock times). */
export function locale(c: ServerCalendar = calendar()): string {
  return localeTag(lang(), c, digits());
}

/** A server timestamp in the user's language, calendar and digits and the installation's zone. */
export function fmt(iso: string | null | undefined): string {
  return formatDateTime(iso, lang(), calendar(), session.installation?.time_zone, digits());
}
