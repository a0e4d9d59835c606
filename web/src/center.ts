// The center as the public sees it (GET /api/v1/public/center), for pages without a session:
// the portal and the login page name the center and show dates in its calendar and time zone.
import { get, type Localized } from './api';
import type { ServerCalendar } from './dates';

export interface PublicCenter { center_name: Localized; calendar: ServerCalendar; time_zone: string; languages: string[] }

let cached: Promise<PublicCenter | null> | null = null;

/** The center, read once per page load; null when the server cannot say (offline). */
export function publicCenter(): Promise<PublicCenter | null> {
  cached ??= get<PublicCenter>('/api/v1/public/center').catch(() => null);
  return cached;
}
