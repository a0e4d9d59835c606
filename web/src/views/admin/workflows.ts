// Administration, workflows (/admin/workflows): each workflow's states and actions, the categories
// that use it (named or inherited), and its TOML editor (views/admin/workflow-editor.ts).
import { get } from '../../api';
import { h } from '../../dom';
import { localized, t } from '../../i18n';
import { newWorkflowEditor, workflowEditor, type AdminWorkflow } from './workflow-editor';
import { sep, type AdminCategory, type Workflow } from './shared';

const D = () => t().admin;

export async function workflowsSection(): Promise<HTMLElement> {
  const d = D().workflow;
  const [wfs, cats, sources] = await Promise.all([
    get<{ items: Workflow[]; default_workflow: string; workflow_by_type: Record<string, string> }>('/api/v1/workflows'),
    get<{ items: AdminCategory[] }>('/api/v1/categories'),
    get<{ items: AdminWorkflow[] }>('/api/v1/admin/workflows'),
  ]);
  const byId = new Map(cats.items.map((c) => [c.id, c]));
  /** The workflow a category names, or inherits from the nearest ancestor that names one. */
  const effective = (c: AdminCategory): { name: string; inherited: boolean } | null => {
    for (let n: AdminCategory | undefined = c, first = true; n; n = n.parent_id ? byId.get(n.parent_id) : undefined, first = false) {
      if (n.workflow) return { name: n.workflow, inherited: !first };
    }
    return null;
  };
  const types = t().types as Record<string, string>;
  const wfLabel = (name: string) => localized(wfs.items.find((w) => w.name === name)?.label) || name;
  const wrap = h('div', { 'data-testid': 'workflows' },
    h('p', {}, h('strong', {}, `${d.defaultWorkflow}: `), h('bdi', {}, wfLabel(wfs.default_workflow))),
    Object.keys(wfs.workflow_by_type).length
      ? h('p', {}, h('strong', {}, `${d.byType}: `),
        ...Object.entries(wfs.workflow_by_type).map(([ty, w], i) => h('span', {}, i ? ' · ' : '', `${types[ty] ?? ty} → `, h('bdi', {}, wfLabel(w)))))
      : null,
    h('p', { class: 'hint' }, D().wfEdit.hint),
    newWorkflowEditor());
  for (const w of wfs.items) {
    const label = (name: string) => localized(w.states.find((s) => s.name === name)?.label) || name;
    const users = cats.items.map((c) => ({ c, e: effective(c) })).filter((x) => x.e?.name === w.name);
    wrap.append(h('section', { class: 'card', 'data-workflow': w.name, 'aria-label': localized(w.label) || w.name },
      h('h2', {}, localized(w.label) || w.name, ' ', h('bdi', { class: 'muted' }, `(${w.name})`)),
      h('p', {}, h('strong', {}, `${d.initial}: `), label(w.initial)),
      h('h3', {}, d.usedBy),
      users.length
        ? h('ul', { class: 'chips' }, ...users.map(({ c, e }) => h('li', {}, localized(c.name), ' ', h('bdi', { class: 'muted' }, c.code), e?.inherited ? ` (${d.inherited})` : '')))
        : h('p', {}, d.usedByNone),
      h('h3', {}, d.states),
      h('div', { class: 'scroll' }, h('table', {},
        h('caption', { class: 'sr-only' }, d.states),
        h('thead', {}, h('tr', {}, ...[d.state, d.label, d.status, d.inbox, d.final].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...w.states.map((s) => h('tr', {},
          h('td', {}, h('bdi', {}, s.name)), h('td', {}, localized(s.label)), h('td', {}, (t().statuses as Record<string, string>)[s.status] ?? s.status),
          h('td', {}, s.inbox ? ((t().inbox.names as Record<string, string>)[s.inbox] ?? s.inbox) : ''), h('td', {}, s.final ? t().yes : '')))))),
      h('h3', {}, d.actions),
      h('div', { class: 'scroll' }, h('table', {},
        h('caption', { class: 'sr-only' }, d.actions),
        h('thead', {}, h('tr', {}, ...[d.action, d.from, d.to, d.roles].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...w.actions.map((a) => h('tr', {},
          h('td', {}, localized(a.label) || a.name),
          h('td', {}, a.from.map((f) => (f === '*' ? d.anyState : label(f))).join(sep())),
          h('td', {}, a.to ? label(a.to) : '—'),
          h('td', {}, a.roles.map((r) => D().user.roles[r as keyof ReturnType<typeof D>['user']['roles']] ?? r).join(sep()))))))),
      workflowEditor(sources.items.find((x) => x.code === w.name))));
  }
  return wrap;
}
