// Administration (admin role): categories, organization units, sites, users, workflows, SLA
// policies, business calendars, notification templates and the audit trail. This is the screen
// (/admin/{section}: side navigation and the section); each section is a module of its own in
// views/admin/, and their forms use the form kit (components/form.ts), which sends what the
// server takes and shows the server's problem next to the field it names (`field` of RFC 9457).
import { ApiError } from '../api';
import { takeFlash } from '../components/form';
import { h } from '../dom';
import { t } from '../i18n';
import { appsSection } from './admin/apps';
import { auditSection } from './admin/audit';
import { calendarsSection } from './admin/calendars';
import { routingSection } from './admin/routing';
import { schedulesSection } from './admin/schedules';
import { sitesSection } from './admin/sites';
import { slaSection } from './admin/sla';
import { taxonomySection } from './admin/taxonomy';
import { templatesSection } from './admin/templates';
import { unitsSection } from './admin/units';
import { usersSection } from './admin/users';
import { workflowsSection } from './admin/workflows';
import { can } from '../session';

export const SECTIONS = ['taxonomy', 'units', 'sites', 'routing', 'schedules', 'apps', 'users', 'workflows', 'sla', 'calendars', 'templates', 'audit'] as const;
type Section = (typeof SECTIONS)[number];

const D = () => t().admin;

const RENDER: Record<Section, () => Promise<HTMLElement>> = {
  taxonomy: taxonomySection, units: unitsSection, sites: sitesSection, routing: routingSection, schedules: schedulesSection, apps: appsSection, users: usersSection,
  workflows: workflowsSection, sla: slaSection, calendars: calendarsSection, templates: templatesSection,
  audit: auditSection,
};

/** /admin/{section}: side navigation and the section. */
export async function adminView(section: string): Promise<HTMLElement> {
  const d = D();
  if (!can('admin')) return h('section', {}, h('h1', {}, d.title), h('p', { role: 'alert', class: 'msg error' }, d.forbidden));
  const current: Section = (SECTIONS as readonly string[]).includes(section) ? (section as Section) : 'taxonomy';
  const nav = h('nav', { class: 'admin-nav', 'aria-label': d.title },
    h('ul', {}, ...SECTIONS.map((s) => h('li', {}, h('a', { href: `/admin/${s}`, 'data-nav': '', 'aria-current': s === current ? 'page' : null, 'data-testid': `admin-${s}` }, d.sections[s])))));
  const note = h('p', { role: 'status', class: 'msg ok', 'data-testid': 'flash' }, takeFlash());
  let body: HTMLElement;
  try {
    body = await RENDER[current]();
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) body = h('p', { role: 'alert', class: 'msg error' }, d.forbidden);
    else throw e;
  }
  return h('div', { class: 'admin', 'data-testid': `admin-${current}-screen` }, nav,
    h('section', { class: 'admin-main' }, h('h1', {}, `${d.title}: ${d.sections[current]}`), note, body));
}
