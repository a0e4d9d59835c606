// Keyboard shortcuts for staff. Letters are matched by physical key (KeyboardEvent.code), so
// Alt+N is the same key on an Arabic or Persian layout, where the letter typed differs. Keys
// without Alt never fire while the focus is in a field, so typing '/' or '?' stays typing.
import { h, uid } from './dom';
import { t } from './i18n';
import { session } from './state';

export interface ShortcutHost {
  /** Navigates within the app and resolves once the new screen is rendered. */
  go(path: string): Promise<void>;
}

interface Shortcut {
  keys: string[];  // as shown in the help, e.g. ['Alt', 'N']
  label: () => string;
  matches: (e: KeyboardEvent) => boolean;
  run: (host: ShortcutHost) => void | Promise<void>;
}

const alt = (code: string) => (e: KeyboardEvent) => e.altKey && !e.ctrlKey && !e.metaKey && e.code === code;

function focusPhone(): boolean {
  const phone = document.querySelector<HTMLElement>('main [data-testid="phone"]');
  phone?.focus();
  return !!phone;
}

const SHORTCUTS: Shortcut[] = [
  {
    keys: ['Alt', 'N'], label: () => t().prefs.shortcuts.newRequest, matches: alt('KeyN'),
    run: async (host) => {
      // Already on a console form that is still open: keep what is typed, go to the phone.
      const phone = document.querySelector<HTMLInputElement>('main [data-testid="phone"]');
      if (location.pathname === '/console' && phone && !phone.disabled) { phone.focus(); return; }
      await host.go('/console');
      focusPhone();
    },
  },
  {
    keys: ['Alt', 'I'], label: () => t().prefs.shortcuts.inboxes, matches: alt('KeyI'),
    run: (host) => host.go('/inbox/mine'),
  },
  {
    keys: ['Alt', 'G'], label: () => t().prefs.shortcuts.guidance, matches: alt('KeyG'),
    run: async (host) => {
      const button = document.querySelector<HTMLButtonElement>('main [data-testid="guidance"]');
      if (button && !button.disabled) { button.click(); return; }
      await host.go('/console');
      focusPhone();
    },
  },
  {
    keys: ['Alt', 'C'], label: () => t().prefs.shortcuts.takeCall, matches: alt('KeyC'),
    run: () => {
      // The call banner's own button: the console with the caller filled in and the call linked.
      document.querySelector<HTMLButtonElement>('[data-testid="call-take"]')?.click();
    },
  },
  {
    keys: ['/'], label: () => t().prefs.shortcuts.focusSearch,
    matches: (e) => !e.altKey && !e.ctrlKey && !e.metaKey && (e.key === '/' || (e.code === 'Slash' && !e.shiftKey)),
    run: () => {
      if (focusPhone()) return;
      document.querySelector<HTMLElement>('main input[type="search"]')?.focus();
    },
  },
  {
    keys: ['?'], label: () => t().prefs.shortcuts.help,
    // '?' on Latin layouts, '؟' on Arabic and Persian ones: the same key.
    matches: (e) => !e.altKey && !e.ctrlKey && !e.metaKey && (e.key === '?' || e.key === '\u061F' || (e.code === 'Slash' && e.shiftKey)),
    run: () => showHelp(),
  },
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

let helpDialog: HTMLDialogElement | null = null;

/** The list of shortcuts in the user's language, as a modal dialog (Escape closes it). */
export function showHelp(): void {
  helpDialog?.remove();
  const d = t().prefs.shortcuts;
  const titleId = uid('shortcuts');
  const kbd = (keys: string[]) => h('span', { dir: 'ltr', class: 'keys' }, ...keys.flatMap((k, i) => [i ? ' + ' : '', h('kbd', {}, k)]));
  const rows = [
    ...SHORTCUTS.map((s) => [kbd(s.keys), s.label()] as const),
    [kbd(['Esc']), d.escape] as const,
  ];
  const dialog = h('dialog', { class: 'shortcuts', 'aria-labelledby': titleId, 'data-testid': 'shortcuts-help' },
    h('h2', { id: titleId }, d.title),
    h('p', {}, d.intro),
    h('dl', {}, ...rows.flatMap(([k, label]) => [h('dt', {}, k), h('dd', {}, label)])),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'primary', autofocus: true }, d.close)));
  dialog.addEventListener('close', () => { dialog.remove(); if (helpDialog === dialog) helpDialog = null; });
  document.body.append(dialog);
  helpDialog = dialog;
  dialog.showModal();
}

let registered = false;

/** Installs the shortcuts once for the app's lifetime; they act only for a signed-in user on a
 *  staff screen (never on the portal or the login screen). */
export function registerShortcuts(host: ShortcutHost): void {
  if (registered) return;
  registered = true;
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.repeat) return;
    if (!session.user || location.pathname.startsWith('/portal') || location.pathname === '/login') return;
    if (e.key === 'Escape') {
      // A modal <dialog> closes itself; this closes whatever else is open (the help, if any).
      if (helpDialog?.open) { helpDialog.close(); e.preventDefault(); }
      return;
    }
    if (helpDialog?.open) return;
    const s = SHORTCUTS.find((x) => x.matches(e));
    if (!s) return;
    if (!e.altKey && typing(e.target)) return;
    e.preventDefault();
    void s.run(host);
  });
}
