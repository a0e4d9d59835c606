// Administration, categories (/admin/taxonomy): the category tree and a form that adds a category
// or edits the one picked, with its parent, default unit and the workflow it names.
import { api, get } from '../../api';
import { activeBox, buttons, codeInput, formShell, named, namesInputs, submit } from '../../components/form';
import { treeList, treeOptions } from '../../components/tree';
import { field, h, select } from '../../dom';
import { localized, t } from '../../i18n';
import type { AdminCategory, AdminUnit, Workflow } from './shared';

const D = () => t().admin;

export async function taxonomySection(): Promise<HTMLElement> {
  const d = D();
  const [cats, units, wfs] = await Promise.all([
    get<{ items: AdminCategory[] }>('/api/v1/categories'),
    get<{ items: AdminUnit[] }>('/api/v1/units'),
    get<{ items: Workflow[] }>('/api/v1/workflows'),
  ]);
  const formSlot = h('div', {});
  const edit = (c?: AdminCategory) => {
    const names = namesInputs(c?.name);
    const code = codeInput(c?.code);
    const parent = named(select([['', d.topLevel], ...treeOptions(cats.items, c?.id)], c?.parent_id ? String(c.parent_id) : '', { 'data-testid': 'parent' }), 'parent_id');
    const unit = named(select([['', t().none], ...treeOptions(units.items)], c?.default_unit_id ? String(c.default_unit_id) : '', { 'data-testid': 'default-unit' }), 'default_unit_id');
    const workflow = named(select([['', d.category.workflowInherit], ...wfs.items.map((w): [string, string] => [w.name, `${localized(w.label)} (${w.name})`])], c?.workflow ?? '', { 'data-testid': 'workflow' }), 'workflow');
    const active = activeBox(c?.active ?? true);
    const { form, alert } = formShell(c ? `${d.category.edit}: ${localized(c.name)}` : d.category.add, 'category-form',
      field(d.code, code, d.codeHint), names.el, field(d.parent, parent), field(d.category.defaultUnit, unit),
      field(d.category.workflow, workflow), active.el, buttons(c ? d.save : d.add, c ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {
        code: code.value.trim(), name: names.get(), parent_id: parent.value ? Number(parent.value) : null,
        default_unit_id: unit.value ? Number(unit.value) : null, workflow: workflow.value, active: active.box.checked,
      };
      void submit(form, alert, () => (c ? api('PATCH', `/api/v1/categories/${c.id}`, body) : api('POST', '/api/v1/categories', body)), d.saved);
    });
    formSlot.replaceChildren(form);
    if (c) code.focus();
  };
  edit();
  const byId = new Map(wfs.items.map((w) => [w.name, w]));
  return h('div', { class: 'admin-split' },
    treeList(cats.items, d.category.tree, (c) => (c.workflow ? [' · ', h('span', { class: 'muted' }, localized(byId.get(c.workflow)?.label) || c.workflow)] : []), edit, 'category-tree'),
    formSlot);
}
