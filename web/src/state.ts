import type { Installation, User } from './api';
import type { ServerCalendar } from './dates';
import { defaultCalendar, formatDateTime } from './dates';
import { lang } from './i18n';

/** What the app knows about the session. */
export const session: { user: User | null; installation: Installation | null } = { user: null, installation: null };

export function calendar(): ServerCalendar {
  return session.installation?.calendar ?? defaultCalendar(lang());
}

/** A server timestamp in the user's language and the installation's calendar and time zone. */
export function fmt(iso: string | null | undefined): string {
  return formatDateTime(iso, lang(), calendar(), session.installation?.time_zone);
}
