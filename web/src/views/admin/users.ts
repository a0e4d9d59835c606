// Administration, users (/admin/users): the list of staff accounts and a form that adds a user or
// edits the one picked (role, unit, language, a new password, active).
import { api, get } from '../../api';
import { activeBox, buttons, formShell, named, submit } from '../../components/form';
import { treeOptions } from '../../components/tree';
import { field, h, select } from '../../dom';
import { LANGS, lang, localized, t, type Lang } from '../../i18n';
import type { AdminUnit } from './shared';

const ROLES = ['agent', 'dispatcher', 'unit_staff', 'head', 'supervisor', 'analyst', 'admin'] as const;

interface AdminUser { id: number; username: string; display_name: string; role: string; unit_id: number | null; language: string; active: boolean }

const D = () => t().admin;

export async function usersSection(): Promise<HTMLElement> {
  const d = D();
  const [users, units] = await Promise.all([get<{ items: AdminUser[] }>('/api/v1/users'), get<{ items: AdminUnit[] }>('/api/v1/units')]);
  const unitName = new Map(units.items.map((u) => [u.id, localized(u.name)]));
  const formSlot = h('div', {});
  const edit = (u?: AdminUser) => {
    const username = named(h('input', { dir: 'ltr', autocomplete: 'off', value: u?.username ?? '', disabled: !!u, 'data-testid': 'username' }), 'username');
    const display = named(h('input', { autocomplete: 'off', value: u?.display_name ?? '', 'data-testid': 'display-name' }), 'display_name');
    const password = named(h('input', { type: 'password', dir: 'ltr', autocomplete: 'new-password', 'data-testid': 'new-password' }), 'password');
    const role = named(select(ROLES.map((r) => [r, d.user.roles[r]]), u?.role ?? 'agent', { 'data-testid': 'role' }), 'role');
    const unit = named(select([['', d.user.noUnit], ...treeOptions(units.items)], u?.unit_id ? String(u.unit_id) : '', { 'data-testid': 'unit' }), 'unit_id');
    const language = named(select(LANGS.map((l) => [l, t().languages[l]]), u?.language ?? lang(), { 'data-testid': 'user-language' }), 'language');
    const active = activeBox(u?.active ?? true);
    const { form, alert } = formShell(u ? `${d.user.edit}: ${u.username}` : d.user.add, 'user-form',
      field(d.user.username, username, d.user.usernameHint), field(d.user.displayName, display),
      u ? field(d.password.newPassword, password, d.password.newPasswordHint) : field(d.user.password, password, d.user.passwordHint),
      h('div', { class: 'row3' }, field(d.user.role, role), field(d.user.unit, unit), field(d.user.language, language)),
      u ? active.el : null, buttons(u ? d.save : d.add, u ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const common = { display_name: display.value.trim(), role: role.value, unit_id: unit.value ? Number(unit.value) : null, language: language.value };
      void submit(form, alert, () => (u
        ? api('PATCH', `/api/v1/users/${u.id}`, { ...common, active: active.box.checked, ...(password.value ? { password: password.value } : {}) })
        : api('POST', '/api/v1/users', { ...common, username: username.value.trim(), password: password.value })), d.saved);
    });
    formSlot.replaceChildren(form);
    if (u) display.focus();
  };
  edit();
  const table = h('table', { 'data-testid': 'user-list' },
    h('caption', { class: 'sr-only' }, d.user.list),
    h('thead', {}, h('tr', {}, ...[d.user.username, d.user.displayName, d.user.role, d.user.unit, d.user.language, d.active, ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...users.items.map((u) => h('tr', { 'data-username': u.username },
      h('td', {}, h('bdi', {}, u.username)), h('td', {}, u.display_name), h('td', {}, d.user.roles[u.role as keyof typeof d.user.roles] ?? u.role),
      h('td', {}, u.unit_id ? unitName.get(u.unit_id) ?? '' : ''), h('td', {}, t().languages[u.language as Lang] ?? u.language),
      h('td', {}, u.active ? t().yes : t().no),
      h('td', {}, h('button', { type: 'button', class: 'linklike', 'aria-label': `${d.edit}: ${u.username}`, onclick: () => edit(u) }, d.edit))))));
  return h('div', { class: 'admin-split' }, h('section', { 'aria-label': d.user.list }, h('h2', {}, d.user.list), h('div', { class: 'scroll' }, table)), formSlot);
}
