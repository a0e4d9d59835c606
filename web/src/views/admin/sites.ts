// Administration, sites (/admin/sites): the list of sites (mosques, facilities, areas) and a form
// that adds a site or edits the one picked.
import { api, get, type Localized } from '../../api';
import { activeBox, buttons, codeInput, formShell, named, namesInputs, submit } from '../../components/form';
import { field, h, select } from '../../dom';
import { localized, t } from '../../i18n';

const SITE_KINDS = ['mosque', 'facility', 'area', 'branch', 'other'] as const;

interface AdminSite { id: number; code: string; kind: string; name: Localized; region: string; district: string; active: boolean }

const D = () => t().admin;

export async function sitesSection(): Promise<HTMLElement> {
  const d = D();
  const sites = await get<{ items: AdminSite[] }>('/api/v1/sites');
  const formSlot = h('div', {});
  const edit = (s?: AdminSite) => {
    const names = namesInputs(s?.name);
    const code = codeInput(s?.code);
    const kind = named(select(SITE_KINDS.map((k) => [k, d.site.kinds[k]]), s?.kind ?? 'mosque', { 'data-testid': 'kind' }), 'kind');
    const region = named(h('input', { value: s?.region ?? '', 'data-testid': 'region' }), 'region');
    const district = named(h('input', { value: s?.district ?? '', 'data-testid': 'district' }), 'district');
    const active = activeBox(s?.active ?? true);
    const { form, alert } = formShell(s ? `${d.site.edit}: ${localized(s.name)}` : d.site.add, 'site-form',
      field(d.code, code, d.codeHint), names.el, field(d.site.kind, kind),
      h('div', { class: 'row3' }, field(d.site.region, region), field(d.site.district, district)), active.el,
      buttons(s ? d.save : d.add, s ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { code: code.value.trim(), name: names.get(), kind: kind.value, region: region.value.trim(), district: district.value.trim(), active: active.box.checked };
      void submit(form, alert, () => (s ? api('PATCH', `/api/v1/sites/${s.id}`, body) : api('POST', '/api/v1/sites', body)), d.saved);
    });
    formSlot.replaceChildren(form);
    if (s) code.focus();
  };
  edit();
  const table = h('table', { 'data-testid': 'site-list' },
    h('caption', { class: 'sr-only' }, d.site.list),
    h('thead', {}, h('tr', {}, ...[d.code, d.names, d.site.kind, d.site.region, d.site.district, d.active, ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...sites.items.map((s) => h('tr', { 'data-code': s.code },
      h('td', {}, h('bdi', {}, s.code)), h('td', {}, localized(s.name)), h('td', {}, d.site.kinds[s.kind as keyof typeof d.site.kinds] ?? s.kind),
      h('td', {}, s.region), h('td', {}, s.district), h('td', {}, s.active ? t().yes : t().no),
      h('td', {}, h('button', { type: 'button', class: 'linklike', 'aria-label': `${d.edit}: ${localized(s.name)}`, onclick: () => edit(s) }, d.edit))))));
  return h('div', { class: 'admin-split' }, h('section', { 'aria-label': d.site.list }, h('h2', {}, d.site.list), h('div', { class: 'scroll' }, table)), formSlot);
}
