import { api, ApiError, get, type Action, type ActionInput, type Case, type Category, type Unit } from '../api';
import { normalizeDigits } from '../digits';
import { field, h, message, select, uid } from '../dom';
import { localized, t } from '../i18n';
import { render } from '../main';
import { fmt } from '../state';

type Dict = ReturnType<typeof t>;

function inputLabel(i: ActionInput): string {
  return (t().inputs as Record<string, string>)[i.name] ?? i.name.replace(/_/g, ' ');
}

function control(i: ActionInput, units: Unit[]): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const base = { name: i.name, required: i.required, 'data-input': i.name };
  switch (i.type) {
    case 'unit':
      return select([['', t().none], ...units.filter((u) => u.active).map((u) => [String(u.id), localized(u.name)] as [string, string])], '', base);
    case 'choice':
      return select([['', t().none], ...i.options.map((o) => [o, (t().inputs as Record<string, string>)[o] ?? o] as [string, string])], '', base);
    case 'bool': return h('input', { ...base, type: 'checkbox', required: false });
    case 'date': return h('input', { ...base, type: 'date' });
    case 'time': return h('input', { ...base, type: 'time' });
    case 'case': return h('input', { ...base, inputmode: 'numeric', autocomplete: 'off' });
    default: return h('textarea', { ...base, rows: 2 });
  }
}

/** One request and exactly the actions the server says this user may take now. */
export async function caseView(id: number): Promise<HTMLElement> {
  const d = t().case;
  let loaded: { data: Case; etag: string | null };
  try {
    loaded = await api<Case>('GET', `/api/v1/cases/${id}`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return h('p', { role: 'alert', class: 'msg error' }, d.notFound);
    throw e;
  }
  const c = loaded.data;
  const etag = loaded.etag ?? '*';
  const [actions, cats, units] = await Promise.all([
    get<{ items: Action[] }>(`/api/v1/cases/${id}/actions`),
    get<{ items: Category[] }>('/api/v1/categories'),
    get<{ items: Unit[] }>('/api/v1/units').catch(() => ({ items: [] as Unit[] })),
  ]);
  const cat = cats.items.find((x) => x.id === c.category_id);
  const row = (k: string, v: Node | string) => [h('dt', {}, k), h('dd', {}, v)];
  const msg = message('alert');
  const status = message('status');

  const view = h('article', { class: 'case', 'data-testid': 'case-view' },
    h('h1', {}, `${d.title} `, h('bdi', { class: 'code' }, c.tracking_code)),
    h('dl', { class: 'facts' },
      ...row(d.state, h('span', { 'data-testid': 'case-state' }, localized(c.state_label))),
      ...row(t().console.type, t().types[c.type as keyof Dict['types']] ?? c.type),
      ...row(t().console.category, cat ? localized(cat.name) : String(c.category_id)),
      ...row(t().console.priority, t().priorities[c.priority as keyof Dict['priorities']] ?? c.priority),
      ...row(t().console.channel, t().channels[c.channel as keyof Dict['channels']] ?? c.channel),
      ...row(t().console.requester, c.requester ? h('span', {}, c.requester.name, ' ', h('bdi', { dir: 'ltr' }, c.requester.phone)) : '—'),
      ...row(d.created, h('span', { 'data-testid': 'case-created' }, fmt(c.created_at))),
      ...row(d.updated, fmt(c.updated_at)),
      ...(c.sla?.resolution?.due ? row(d.due, fmt(c.sla.resolution.due)) : []),
      ...row(t().console.description, c.description)),
    h('h2', {}, d.actions),
    status, msg);

  if (!actions.items.length) view.append(h('p', { 'data-testid': 'no-actions' }, d.noActions));
  const list = h('div', { class: 'actions' });
  for (const a of actions.items) {
    const controls = a.inputs.map((i) => ({ i, el: control(i, units.items) }));
    const headId = uid('act');
    const form = h('form', { class: 'action card', 'aria-labelledby': headId, 'data-action': a.name },
      h('h3', { id: headId }, localized(a.label)),
      ...controls.map(({ i, el }) => i.type === 'bool'
        ? h('div', { class: 'check' }, el, h('label', { for: el.id || (el.id = uid()) }, inputLabel(i)))
        : field(inputLabel(i), el)),
      h('button', { type: 'submit', class: 'primary' }, localized(a.label)));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      msg.textContent = '';
      const inputs: Record<string, string | boolean> = {};
      for (const { i, el } of controls) {
        if (i.type === 'bool') inputs[i.name] = (el as HTMLInputElement).checked;
        else if (el.value.trim() !== '') inputs[i.name] = normalizeDigits(el.value.trim());
      }
      try {
        await api('POST', `/api/v1/cases/${id}/actions/${encodeURIComponent(a.name)}`, { inputs }, { 'If-Match': etag });
        await render();
        document.querySelector('[role=status]')?.append(d.done);
      } catch (err) {
        if (err instanceof ApiError && (err.status === 412 || err.status === 409)) {
            await render();
          const alert = document.querySelector('main [role=alert]');
          if (alert) alert.textContent = d.conflict;
          return;
        }
        msg.textContent = err instanceof ApiError ? `${t().errorGeneric} ${err.message}` : t().errorNetwork;
      }
    });
    list.append(form);
  }
  view.append(list);
  return view;
}
