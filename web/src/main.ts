import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/700.css';
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import './style.css';
import { h, select } from './dom';
import { isLang, LANGS, lang, localized, setLang, t, type Lang } from './i18n';
import { saveLanguage, userLanguage } from './prefs';
import { disconnect } from './live';
import { navigate, startRouter } from './router';
import { can, homeOf, loadSession } from './session';
import { registerShortcuts } from './shortcuts';
import { session } from './state';
import { accountView } from './views/account';
import { caseView } from './views/case';
import { consoleView } from './views/console';
import { inboxView } from './views/inbox';
import { callbacksView, meetingDeskView } from './views/flow';
import { callBanner, callsView } from './views/calls';
import { messagesView } from './views/messages';
import { loginView } from './views/login';
import { portalView } from './views/portal';
import { wallboardView } from './views/wallboard';

const root = document.getElementById('app')!;

/** Views navigate and re-render through router.ts, which draws with this module's render. */
startRouter(render);

const LANG_KEY = 'tawasul.lang';
function storedLang(scope: string): Lang | null {
  const v = localStorage.getItem(`${LANG_KEY}.${scope}`);
  return isLang(v) ? v : null;
}

function langSwitch(scope: string): HTMLElement {
  const s = select(LANGS.map((l) => [l, t().languages[l]]), lang(), { id: 'lang-switch', 'data-testid': 'lang' });
  s.addEventListener('change', () => {
    localStorage.setItem(`${LANG_KEY}.${scope}`, s.value);
    if (session.user && scope === `user.${session.user.id}`) void saveLanguage(s.value as Lang);
    setLang(s.value as Lang);
    void render();
  });
  return h('div', { class: 'lang' }, h('label', { for: 'lang-switch' }, t().language), s);
}

/** One call banner for the signed-in user, moved from page to page so a ringing call stays. */
let banner: HTMLElement | null = null;
function staffBanner(): HTMLElement {
  if (!banner || !banner.isConnected) banner = callBanner();
  return banner;
}

function shell(main: HTMLElement, nav: HTMLElement | null, scope: string): HTMLElement {
  const title = session.installation ? localized(session.installation.center_name) : t().appName;
  document.title = `${t().appName} · ${title}`;
  return h('div', { class: 'shell' },
    h('a', { class: 'skip', href: '#main' }, t().skipToContent),
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, t().appName),
      nav,
      langSwitch(scope)),
    nav ? staffBanner() : null,
    h('main', { id: 'main', tabindex: -1 }, main));
}

function staffNav(): HTMLElement {
  const here = location.pathname;
  const link = (href: string, label: string, section: string) =>
    h('a', { href, 'data-nav': '', 'aria-current': here.startsWith(section) ? 'page' : null }, label);
  const out = h('button', { type: 'button', class: 'linklike', onclick: async () => {
    try { await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' }); } catch { /* offline */ }
    session.user = null;
    disconnect();
    navigate('/login');
  } }, t().nav.signOut);
  return h('nav', { 'aria-label': t().nav.main },
    link('/console', t().nav.console, '/console'), link('/inbox/mine', t().nav.inbox, '/inbox'),
    (can('reports.read') || can('reports.unit')) && link('/reports', t().reports.nav, '/reports'),
    session.user?.role === 'head' && link('/meetings', t().flow.deskNav, '/meetings'),
    can('wallboard.read') && link('/wallboard', t().wallboard.nav, '/wallboard'),
    can('calls.take') && can('wallboard.read') && link('/calls', t().calls.page, '/calls'),
    can('messages.resend') && link('/messages', t().audit.page.nav, '/messages'),
    can('admin') && link('/admin/taxonomy', t().admin.nav, '/admin'),
    link('/account', t().prefs.account.nav, '/account'),
    h('span', { class: 'who' }, session.user?.display_name ?? ''), out);
}

async function render(): Promise<void> {
  const path = location.pathname;
  if (path.startsWith('/portal')) {
    setLang(storedLang('portal') ?? (isLang(navigator.language.slice(0, 2)) ? (navigator.language.slice(0, 2) as Lang) : 'ar'));
    root.replaceChildren(shell(await portalView(), null, 'portal'));
    return;
  }
  if (path === '/login') {
    setLang(storedLang('login') ?? lang());
    root.replaceChildren(shell(loginView(), null, 'login'));
    focusMain();
    return;
  }
  if (!(await loadSession())) {
    navigate(`/login?next=${encodeURIComponent(path)}`);
    return;
  }
  const u = session.user!;
  setLang(userLanguage(u, 'ar'));
  // Each role lands on its work; the console is for those who register requests.
  const registers = can('cases.write') && u.role !== 'unit_staff';
  if (path === '/' || (path === '/console' && !registers)) {
    const home = homeOf(u);
    if (home !== path && !(home === '/console' && !registers)) { navigate(home); return; }
  }
  let view: HTMLElement;
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/cases\/(\d+)$/))) view = await caseView(Number(m[1]));
  else if (path === '/inbox/callbacks') view = await callbacksView();
  else if ((m = path.match(/^\/inbox\/([a-z]+)$/))) view = await inboxView(m[1]);
  else if (path === '/meetings') view = await meetingDeskView();
  else if (path === '/wallboard') view = await wallboardView();
  else if (path === '/calls') view = await callsView();
  else if (path === '/messages') view = await messagesView();
  else if (path === '/account') view = accountView();
  else if (path === '/reports') view = await (await import('./views/dashboard')).dashboardView();
  else if ((m = path.match(/^\/admin(?:\/([a-z]+))?$/))) view = await (await import('./views/admin')).adminView(m[1] ?? 'taxonomy');
  else view = await consoleView();
  root.replaceChildren(shell(view, staffNav(), `user.${u.id}`));
  focusMain();
}

/** After 150 ms of waiting on the server, a "Loading…" bar (and aria-busy on the page). */
function busyIndicator(): void {
  const bar = h('div', { class: 'busy', role: 'status', 'aria-live': 'polite', hidden: true, 'data-testid': 'busy' });
  document.body.append(bar);
  let timer: number | undefined;
  window.addEventListener('tawasul:busy', (e) => {
    const n = (e as CustomEvent<number>).detail;
    if (n > 0 && timer === undefined && bar.hidden) {
      timer = window.setTimeout(() => {
        timer = undefined;
        bar.textContent = t().problems.loading;
        bar.hidden = false;
        document.body.setAttribute('aria-busy', 'true');
      }, 150);
    } else if (n === 0) {
      window.clearTimeout(timer);
      timer = undefined;
      bar.hidden = true;
      document.body.removeAttribute('aria-busy');
    }
  });
}
busyIndicator();

function focusMain() {
  const first = root.querySelector<HTMLElement>('main [autofocus]') ?? root.querySelector<HTMLElement>('main h1');
  if (first) { if (!first.hasAttribute('tabindex') && first.tagName === 'H1') first.tabIndex = -1; first.focus(); }
}

registerShortcuts({ go: async (path) => { history.pushState(null, '', path); await render(); } });

render().catch((e) => {
  root.replaceChildren(h('p', { role: 'alert', class: 'msg error' }, `${t().errorGeneric} (${String(e)})`));
});
