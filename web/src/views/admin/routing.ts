// Administration, routing (/admin/routing): the rules that suggest where a request goes, from
// its category (and the categories below it), its site or the site's region, the branch that
// took it and its channel. The most specific rule wins (docs/architecture.md); without one, the
// category's default unit. Admins add, edit, switch off and delete rules here.
import { api, get, type Localized } from '../../api';
import { activeBox, buttons, formShell, named, submit } from '../../components/form';
import { treeOptions } from '../../components/tree';
import { field, h, select } from '../../dom';
import { localized, t } from '../../i18n';
import type { AdminCategory, AdminUnit } from './shared';

interface Rule {
  id: number; category_id: number | null; site_id: number | null; region: string | null; branch_id: number | null;
  channel: string | null; unit_id: number; active: boolean; note: string; conditions: number;
}
interface Site { id: number; code: string; name: Localized; region: string }

const CHANNELS = ['phone', 'walk_in', 'portal', 'email', 'chat', 'sms', 'fax', 'social'] as const;
const D = () => t().admin;

export async function routingSection(): Promise<HTMLElement> {
  const d = D();
  const [rules, cats, units, sites] = await Promise.all([
    get<{ items: Rule[] }>('/api/v1/admin/routing-rules'),
    get<{ items: AdminCategory[] }>('/api/v1/categories'),
    get<{ items: AdminUnit[] }>('/api/v1/units'),
    get<{ items: Site[] }>('/api/v1/sites'),
  ]);
  const any: [string, string] = ['', d.routing.any];
  const nameOf = <T extends { id: number; name: Localized }>(list: T[], id: number | null) => {
    const x = id == null ? undefined : list.find((v) => v.id === id);
    return x ? localized(x.name) : d.routing.any;
  };
  const regions = [...new Set(sites.items.map((s) => s.region).filter((r) => r))].sort();
  const channelName = (c: string) => t().channels[c as keyof ReturnType<typeof t>['channels']] ?? c;
  const formSlot = h('div', {});
  const edit = (r?: Rule) => {
    const category = named(select([any, ...treeOptions(cats.items)], r?.category_id ? String(r.category_id) : '', { 'data-testid': 'rule-category' }), 'category_id');
    const site = named(select([any, ...sites.items.map((s) => [String(s.id), `${localized(s.name)} (${s.code})`] as [string, string])], r?.site_id ? String(r.site_id) : '', { 'data-testid': 'rule-site' }), 'site_id');
    const region = named(select([any, ...regions.map((x) => [x, x] as [string, string])], r?.region ?? '', { 'data-testid': 'rule-region' }), 'region');
    const branch = named(select([any, ...units.items.filter((u) => u.kind === 'branch').map((u) => [String(u.id), localized(u.name)] as [string, string])], r?.branch_id ? String(r.branch_id) : '', { 'data-testid': 'rule-branch' }), 'branch_id');
    const channel = named(select([any, ...CHANNELS.map((c) => [c, channelName(c)] as [string, string])], r?.channel ?? '', { 'data-testid': 'rule-channel' }), 'channel');
    const unit = named(select([['', d.routing.pickUnit], ...treeOptions(units.items)], r ? String(r.unit_id) : '', { 'data-testid': 'rule-unit', required: true }), 'unit_id');
    const note = named(h('input', { value: r?.note ?? '', 'data-testid': 'rule-note' }), 'note');
    const active = activeBox(r?.active ?? true);
    const { form, alert } = formShell(r ? d.routing.edit : d.routing.add, 'rule-form',
      h('p', { class: 'hint' }, d.routing.hint),
      h('div', { class: 'row3' }, field(d.routing.category, category), field(d.routing.site, site), field(d.routing.region, region)),
      h('div', { class: 'row3' }, field(d.routing.branch, branch), field(d.routing.channel, channel), field(d.routing.unit, unit)),
      field(d.routing.note, note), active.el,
      buttons(r ? d.save : d.add, r ? () => edit() : undefined));
    const id = (s: HTMLSelectElement) => (s.value ? Number(s.value) : null);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {
        category_id: id(category), site_id: id(site), region: region.value || null, branch_id: id(branch),
        channel: channel.value || null, unit_id: unit.value ? Number(unit.value) : null, note: note.value.trim(), active: active.box.checked,
      };
      void submit(form, alert, () => (r ? api('PATCH', `/api/v1/admin/routing-rules/${r.id}`, body) : api('POST', '/api/v1/admin/routing-rules', body)), d.saved);
    });
    formSlot.replaceChildren(form);
  };
  edit();
  const remove = (r: Rule) => {
    if (!confirm(d.routing.confirmDelete)) return;
    void submit(formSlot, formSlot.querySelector('[role=alert]') ?? formSlot, () => api('DELETE', `/api/v1/admin/routing-rules/${r.id}`), d.saved);
  };
  const cell = (x: string) => h('td', {}, x);
  const table = h('table', { 'data-testid': 'rule-list' },
    h('caption', { class: 'sr-only' }, d.routing.list),
    h('thead', {}, h('tr', {}, ...[d.routing.category, d.routing.site, d.routing.region, d.routing.branch, d.routing.channel, d.routing.unit, d.active, ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rules.items.map((r) => h('tr', { 'data-rule': String(r.id) },
      cell(nameOf(cats.items, r.category_id)), cell(nameOf(sites.items, r.site_id)), cell(r.region ?? d.routing.any),
      cell(nameOf(units.items, r.branch_id)), cell(r.channel ? channelName(r.channel) : d.routing.any),
      h('td', {}, h('strong', {}, nameOf(units.items, r.unit_id)), r.note ? h('div', { class: 'hint' }, r.note) : null),
      cell(r.active ? t().yes : t().no),
      h('td', {}, h('button', { type: 'button', class: 'linklike', onclick: () => edit(r) }, d.edit), ' ',
        h('button', { type: 'button', class: 'linklike', 'data-testid': 'rule-delete', onclick: () => remove(r) }, d.routing.remove))))));
  return h('div', { class: 'admin-split' },
    h('section', { 'aria-label': d.routing.list }, h('h2', {}, d.routing.list),
      rules.items.length ? h('div', { class: 'scroll' }, table) : h('p', {}, d.routing.empty)),
    formSlot);
}
