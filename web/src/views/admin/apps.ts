// Administration, apps (/admin/apps): the client applications that file and follow reports over
// Open311 (decision 0029). An admin gives an app a key, shown once (only its hash is kept), and
// revokes it; a revoked key stops working at once.
import { api, get } from '../../api';
import { buttons, formShell, named, showProblem, submit } from '../../components/form';
import { field, h } from '../../dom';
import { t } from '../../i18n';
import { fmt } from '../../state';

interface App { id: number; name: string; created_at: string; revoked_at: string | null; api_key?: string }

const D = () => t().admin;

export async function appsSection(): Promise<HTMLElement> {
  const d = D();
  const apps = await get<{ items: App[] }>('/api/v1/admin/open311-clients');
  const formSlot = h('div', {});
  const name = named(h('input', { autocomplete: 'off', 'data-testid': 'app-name', required: true }), 'name');
  const { form, alert } = formShell(d.apps.add, 'app-form', h('p', { class: 'hint' }, d.apps.hint),
    field(d.apps.name, name), buttons(d.add));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) button.disabled = true;
    try {
      const made = await api<App>('POST', '/api/v1/admin/open311-clients', { name: name.value.trim() });
      // The key is shown here once, not after a reload: the server keeps only its hash.
      formSlot.replaceChildren(h('div', { class: 'msg ok', role: 'status', 'data-testid': 'app-key' },
        h('p', {}, d.apps.keyOnce), h('p', {}, h('code', { dir: 'ltr' }, made.data.api_key ?? '')),
        h('p', {}, h('a', { href: '/admin/apps', 'data-nav': '' }, d.apps.list))));
    } catch (err) {
      showProblem(form, alert, err);
    } finally {
      if (button) button.disabled = false;
    }
  });
  formSlot.replaceChildren(form);
  const table = h('table', { 'data-testid': 'app-list' },
    h('caption', { class: 'sr-only' }, d.apps.list),
    h('thead', {}, h('tr', {}, ...[d.apps.name, d.apps.created, d.apps.revoked, ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...apps.items.map((a) => h('tr', { 'data-app': String(a.id) },
      h('td', {}, h('bdi', {}, a.name)), h('td', {}, fmt(a.created_at)), h('td', {}, a.revoked_at ? fmt(a.revoked_at) : '—'),
      h('td', {}, a.revoked_at ? '' : h('button', {
        type: 'button', class: 'linklike', 'data-testid': 'app-revoke',
        onclick: () => { if (confirm(d.apps.confirmRevoke)) void submit(form, alert, () => api('DELETE', `/api/v1/admin/open311-clients/${a.id}`), d.saved); },
      }, d.apps.revoke))))));
  return h('div', { class: 'admin-split' },
    h('section', { 'aria-label': d.apps.list }, h('h2', {}, d.apps.list),
      apps.items.length ? h('div', { class: 'scroll' }, table) : h('p', {}, d.apps.empty)),
    formSlot);
}
