// Administration, organization units (/admin/units): the unit tree and a form that adds a unit or
// edits the one picked.
import { api, get } from '../../api';
import { activeBox, buttons, codeInput, formShell, named, namesInputs, submit } from '../../components/form';
import { treeList, treeOptions } from '../../components/tree';
import { field, h, select } from '../../dom';
import { localized, t } from '../../i18n';
import type { AdminUnit } from './shared';

const UNIT_KINDS = ['center', 'directorate', 'department', 'deputy', 'branch', 'affiliate'] as const;

const D = () => t().admin;

export async function unitsSection(): Promise<HTMLElement> {
  const d = D();
  const units = await get<{ items: AdminUnit[] }>('/api/v1/units');
  const formSlot = h('div', {});
  const edit = (u?: AdminUnit) => {
    const names = namesInputs(u?.name);
    const code = codeInput(u?.code);
    const kind = named(select(UNIT_KINDS.map((k) => [k, d.unit.kinds[k]]), u?.kind ?? 'department', { 'data-testid': 'kind' }), 'kind');
    const parent = named(select([['', d.topLevel], ...treeOptions(units.items, u?.id)], u?.parent_id ? String(u.parent_id) : '', { 'data-testid': 'parent' }), 'parent_id');
    const active = activeBox(u?.active ?? true);
    const { form, alert } = formShell(u ? `${d.unit.edit}: ${localized(u.name)}` : d.unit.add, 'unit-form',
      field(d.code, code, d.codeHint), names.el, field(d.unit.kind, kind), field(d.parent, parent), active.el,
      buttons(u ? d.save : d.add, u ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { code: code.value.trim(), name: names.get(), kind: kind.value, parent_id: parent.value ? Number(parent.value) : null, active: active.box.checked };
      void submit(form, alert, () => (u ? api('PATCH', `/api/v1/units/${u.id}`, body) : api('POST', '/api/v1/units', body)), d.saved);
    });
    formSlot.replaceChildren(form);
    if (u) code.focus();
  };
  edit();
  return h('div', { class: 'admin-split' },
    treeList(units.items, d.unit.tree, (u) => [' · ', h('span', { class: 'muted' }, d.unit.kinds[u.kind as keyof typeof d.unit.kinds] ?? u.kind)], edit, 'unit-tree'),
    formSlot);
}
