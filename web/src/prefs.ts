// A signed-in user's language lives on the server (PATCH /api/v1/auth/me), so it follows them to
// any browser; localStorage keeps a copy only for when the server's value is unusable. Portal
// visitors and the login screen keep a local choice (main.ts).
import { api, type User } from './api';
import { h } from './dom';
import { isLang, t, type Lang } from './i18n';
import { session } from './state';

const cacheKey = (u: User) => `tawasul.lang.user.${u.id}`;

/** The language to show `u`: the server's, else the cached copy, else `fallback`. */
export function userLanguage(u: User, fallback: Lang): Lang {
  if (isLang(u.language)) {
    localStorage.setItem(cacheKey(u), u.language);
    return u.language;
  }
  const cached = localStorage.getItem(cacheKey(u));
  return isLang(cached) ? cached : fallback;
}

/** Saves the signed-in user's choice. The session takes it at once (the screen re-renders in it);
 *  if the server refuses or is unreachable, the screen says the choice was not saved. */
export async function saveLanguage(l: Lang): Promise<void> {
  const u = session.user;
  if (!u || u.language === l) return;
  u.language = l;
  localStorage.setItem(cacheKey(u), l);
  try {
    const { data } = await api<User>('PATCH', '/api/v1/auth/me', { language: l });
    if (session.user?.id === data.id) session.user.language = data.language;
  } catch {
    document.querySelector('main')?.prepend(h('p', { role: 'alert', class: 'msg error', 'data-testid': 'language-not-saved' }, t().prefs.languageNotSaved));
  }
}
