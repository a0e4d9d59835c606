// Signing in: how the app learns who is signed in (loadSession), what signing in does (signedIn)
// and what the user may do (can: the server's permissions table, sent with the user). The session itself (the user and the installation) is state.ts's
// `session`, the one object every module reads; it stays there because prefs.ts reads it too,
// and this module needs prefs.ts's userLanguage.
import { ApiError, get, type Installation, type User } from './api';
import { setLang } from './i18n';
import { userLanguage } from './prefs';
import { navigate } from './router';
import { session } from './state';

/** Whether the signed-in user's role holds `permission` (e.g. 'reports.read'), as the server
 *  says with the user (domain/permissions.cpp): the screens keep no copy of the rules, and the
 *  server checks again. */
export function can(permission: string): boolean {
  return session.user?.permissions?.includes(permission) ?? false;
}

/** Fills the session from the cookie; false when no one is signed in. */
export async function loadSession(): Promise<boolean> {
  if (session.user) return true;
  try {
    session.user = await get<User>('/api/v1/auth/me');
    session.installation = await get<Installation>('/api/v1/installation');
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return false;
    throw e;
  }
}

/** Where `user` works: the page a role lands on when it asked for none. */
export function homeOf(user: User): string {
  const p = user.permissions ?? [];
  switch (user.role) {
    case 'dispatcher': return '/inbox/triage';
    case 'unit_staff': return '/inbox/unit';
    case 'supervisor': return p.includes('wallboard.read') ? '/wallboard' : '/inbox/mine';
    case 'head':
    case 'analyst': return p.includes('reports.read') ? '/reports' : '/inbox/mine';
    case 'admin': return '/admin/taxonomy';
    default: return p.includes('cases.write') ? '/console' : p.includes('reports.read') ? '/reports' : '/account';
  }
}

/** Called by the login view once the cookie is set. */
export function signedIn(user: User, installation: Installation): void {
  session.user = user;
  session.installation = installation;
  setLang(userLanguage(user, installation.languages[0] ?? 'ar'));
  const next = new URLSearchParams(location.search).get('next');
  navigate(next && next.startsWith('/') && !next.startsWith('//') && next !== '/' ? next : homeOf(user));
}
