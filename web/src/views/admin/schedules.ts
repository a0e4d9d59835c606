// Administration, monthly reports (/admin/schedules): each unit whose figures are mailed as a
// spreadsheet once a month of the center's calendar is over. Admins add and edit schedules,
// download last month's sheet as it would go, and send it now.
import { api, get } from '../../api';
import { activeBox, buttons, formShell, named, submit } from '../../components/form';
import { treeOptions } from '../../components/tree';
import { field, h, select } from '../../dom';
import { localized, t } from '../../i18n';
import type { AdminUnit } from './shared';

interface Schedule { id: number; unit_id: number; recipients: string[]; language: string; active: boolean; last_period: string | null }

const D = () => t().admin;

export async function schedulesSection(): Promise<HTMLElement> {
  const d = D();
  const [schedules, units] = await Promise.all([
    get<{ items: Schedule[] }>('/api/v1/admin/report-schedules'),
    get<{ items: AdminUnit[] }>('/api/v1/units'),
  ]);
  const unitName = (id: number) => { const u = units.items.find((x) => x.id === id); return u ? localized(u.name) : String(id); };
  const formSlot = h('div', {});
  const edit = (s?: Schedule) => {
    const unit = named(select([['', d.schedules.pickUnit], ...treeOptions(units.items)], s ? String(s.unit_id) : '', { 'data-testid': 'schedule-unit', required: true }), 'unit_id');
    const recipients = named(h('textarea', { rows: 3, dir: 'ltr', 'data-testid': 'schedule-recipients' }), 'recipients');
    recipients.value = (s?.recipients ?? []).join('\n');
    const language = named(select([['ar', 'العربية'], ['fa', 'فارسی'], ['en', 'English']], s?.language ?? 'ar', { 'data-testid': 'schedule-language' }), 'language');
    const active = activeBox(s?.active ?? true);
    const { form, alert } = formShell(s ? d.schedules.edit : d.schedules.add, 'schedule-form',
      h('p', { class: 'hint' }, d.schedules.hint),
      h('div', { class: 'row3' }, field(d.schedules.unit, unit), field(d.schedules.language, language)),
      field(d.schedules.recipients, recipients, d.schedules.recipientsHint), active.el,
      buttons(s ? d.save : d.add, s ? () => edit() : undefined));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {
        unit_id: unit.value ? Number(unit.value) : null, language: language.value, active: active.box.checked,
        recipients: recipients.value.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean),
      };
      void submit(form, alert, () => (s ? api('PATCH', `/api/v1/admin/report-schedules/${s.id}`, body) : api('POST', '/api/v1/admin/report-schedules', body)), d.saved);
    });
    formSlot.replaceChildren(form);
  };
  edit();
  const act = (s: Schedule, method: string, path: string) => {
    const shell = formSlot.querySelector('form') ?? formSlot;
    void submit(shell, shell.querySelector('[role=alert]') ?? shell, () => api(method, path), d.saved);
    void s;
  };
  const table = h('table', { 'data-testid': 'schedule-list' },
    h('caption', { class: 'sr-only' }, d.schedules.list),
    h('thead', {}, h('tr', {}, ...[d.schedules.unit, d.schedules.recipients, d.schedules.language, d.schedules.last, d.active, ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...schedules.items.map((s) => h('tr', { 'data-schedule': String(s.id) },
      h('td', {}, unitName(s.unit_id)), h('td', {}, h('bdi', { dir: 'ltr' }, s.recipients.join(', '))), h('td', {}, s.language),
      h('td', {}, s.last_period ? h('bdi', {}, s.last_period) : d.schedules.never), h('td', {}, s.active ? t().yes : t().no),
      h('td', {},
        h('button', { type: 'button', class: 'linklike', onclick: () => edit(s) }, d.edit), ' ',
        h('a', { href: `/api/v1/admin/report-schedules/${s.id}/preview?format=xlsx`, download: '', 'data-testid': 'schedule-preview' }, d.schedules.preview), ' ',
        h('button', { type: 'button', class: 'linklike', 'data-testid': 'schedule-send', onclick: () => act(s, 'POST', `/api/v1/admin/report-schedules/${s.id}/send`) }, d.schedules.send), ' ',
        h('button', { type: 'button', class: 'linklike', onclick: () => { if (confirm(d.schedules.confirmDelete)) act(s, 'DELETE', `/api/v1/admin/report-schedules/${s.id}`); } }, d.routing.remove))))));
  return h('div', { class: 'admin-split' },
    h('section', { 'aria-label': d.schedules.list }, h('h2', {}, d.schedules.list),
      schedules.items.length ? h('div', { class: 'scroll' }, table) : h('p', {}, d.schedules.empty)),
    formSlot);
}
