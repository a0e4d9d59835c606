import { api, get, q, type Case, type Category, type Requester, type Site, type Unit } from '../api';
import { normalizeDigits } from '../digits';
import { field, h, message, select } from '../dom';
import { localized, t } from '../i18n';
import { picker } from '../picker';
import { attributeFields } from '../components/attributes';
import { can } from '../session';
import { session } from '../state';
import { fmt } from '../state';
import { callerOf, elapsed, popOf, type ScreenPop } from './calls';
import { problemMessage } from '../problems';
import { missingRequired } from '../validate';

export const TYPES = ['complaint', 'suggestion', 'criticism', 'report', 'violation_report', 'service_request', 'inquiry', 'meeting_request'] as const;
const CHANNELS = ['phone', 'walk_in', 'email', 'chat', 'sms', 'fax', 'social', 'portal'] as const;
const PRIORITIES = ['normal', 'low', 'high', 'urgent'] as const;

/** Categories as "parent › child" labels, searchable in every language. */
export function categoryItems(cats: Category[]) {
  const byId = new Map(cats.map((c) => [c.id, c]));
  return cats.filter((c) => c.active !== false).map((c) => {
    const parent = c.parent_id ? byId.get(c.parent_id) : undefined;
    const label = parent ? `${localized(parent.name)} › ${localized(c.name)}` : localized(c.name);
    return { value: String(c.id), label, search: [label, c.code, ...Object.values(c.name)].join(' ') };
  });
}

/** A tag of the registry (GET /api/v1/tags). */
interface RegistryTag {
  id: number; name: string; names: { ar: string; fa: string; en: string }; colour: string;
  open_to_agents: boolean; active: boolean; usable: boolean;
}

/** The agent console: register a request while on the call. */
export async function consoleView(): Promise<HTMLElement> {
  const d = t().console;
  const [cats, sites, registry, units] = await Promise.all([
    get<{ items: Category[] }>('/api/v1/categories'),
    get<{ items: Site[] }>('/api/v1/sites'),
    get<{ items: RegistryTag[] }>('/api/v1/tags').catch(() => ({ items: [] as RegistryTag[] })),
    get<{ items: Unit[] }>('/api/v1/units').catch(() => ({ items: [] as Unit[] })),
  ]);

  // Inside a call or visit taken from the banner (/console?contact=ID): the caller is filled in
  // and what is registered or logged here is linked to that contact.
  const contactParam = Number(new URLSearchParams(location.search).get('contact') ?? '');
  let call: ScreenPop | null = null;
  if (contactParam > 0) call = await popOf(contactParam).catch(() => null);
  const callBox = call ? onCallBox(call) : null;

  // Requester
  const phone = h('input', { name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'off', autofocus: true, 'data-testid': 'phone' });
  const name = h('input', { name: 'name', autocomplete: 'off', 'data-testid': 'requester-name' });
  const anonymous = h('input', { type: 'checkbox', name: 'anonymous', id: 'anon' });
  // The profile's requester attributes (8940: the caller's role), filled from the record on lookup.
  const attributes = attributeFields(session.installation?.requester_attributes ?? [], { staff: true });
  const found = h('div', { role: 'status', 'aria-live': 'polite', class: 'lookup', 'data-testid': 'lookup-result' });
  let lookups = 0;
  let looked = '';
  const lookup = async () => {
    const digits = normalizeDigits(phone.value).replace(/[^\d+]/g, '');
    if (digits === looked) return;  // the change event and the button: one lookup per number
    looked = digits;
    const mine = ++lookups;  // only the latest lookup renders
    found.replaceChildren();
    if (digits.replace('+', '').length < 4) return;
    const { items } = await get<{ items: Requester[] }>(`/api/v1/requesters${q({ phone: digits })}`);
    if (mine !== lookups) return;
    if (!items.length) { found.replaceChildren(h('p', {}, d.lookupNone)); return; }
    const r = items[0];
    if (!name.value) name.value = r.name;
    attributes.fill(r.attributes);
    const hist = await get<{ items: Case[] }>(`/api/v1/cases${q({ requester_id: r.id, limit: 5 })}`);
    if (mine !== lookups) return;
    found.replaceChildren(
      h('p', {}, h('strong', {}, `${d.lookupFound}: `), r.name, ' ', h('bdi', { dir: 'ltr' }, r.phone)),
      h('h3', {}, d.history),
      // Open requests first and marked, each with its category and the start of its text: the
      // caller is often calling about one of them.
      hist.items.length
        ? h('ul', { class: 'history' }, ...[...hist.items.filter((c) => c.status !== 'closed'), ...hist.items.filter((c) => c.status === 'closed')].map((c) => {
          const open = c.status !== 'closed';
          const catName = cats.items.find((x) => x.id === c.category_id);
          return h('li', { class: open ? 'open' : 'closed', 'data-testid': open ? 'history-open' : 'history-closed' },
            open ? h('span', { class: 'chip' }, t().desk.openMark) : null, open ? ' ' : null,
            h('a', { href: `/cases/${c.id}`, 'data-nav': '' }, h('bdi', {}, c.tracking_code)), ' · ',
            catName ? localized(catName.name) : '', ' · ', localized(c.state_label), ' · ', fmt(c.created_at),
            h('div', { class: 'hint excerpt' }, c.description.length > 70 ? `${c.description.slice(0, 68)}…` : c.description));
        }))
        : h('p', {}, d.noHistory));
  };
  if (call && call.contact.from && call.contact.from !== 'anonymous') {
    phone.value = call.contact.from;
    if (call.requesters[0]) name.value = call.requesters[0].name;
  }
  const lookupBtn = h('button', { type: 'button', onclick: () => void lookup().catch(() => undefined), 'data-testid': 'lookup' }, d.lookup);
  phone.addEventListener('change', () => void lookup().catch(() => undefined));
  // Enter on the number looks the caller up and moves on: to the name for a new caller, to the
  // category for one on record (their name is filled in).
  phone.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    void lookup().catch(() => undefined).then(() => (name.value ? cat.search : name).focus());
  });

  // Request
  const cat = picker(d.category, d.categorySearch, categoryItems(cats.items), { name: 'category', required: true });
  const site = picker(d.site, d.siteSearch, sites.items.filter((s) => s.active).map((s) => {
    const label = [localized(s.name), s.district].filter(Boolean).join(' — ');
    return { value: String(s.id), label, search: [label, s.code, s.region ?? '', ...Object.values(s.name)].join(' ') };
  }), { name: 'site', noneLabel: t().none });
  const type = select(TYPES.map((x) => [x, t().types[x]]), 'complaint', { name: 'type', 'data-testid': 'type' });
  const channel = select(CHANNELS.map((x) => [x, t().channels[x]]), 'phone', { name: 'channel', 'data-testid': 'channel' });
  const priority = select(PRIORITIES.map((x) => [x, t().priorities[x]]), 'normal', { name: 'priority', 'data-testid': 'priority' });
  const description = h('textarea', { name: 'description', rows: 3, required: true, 'data-testid': 'description' });
  // The branch a walk-in is taken at (Dubai's customer happiness centers); left empty, the
  // server records the agent's own branch when they work at one.
  const branches = units.items.filter((u) => u.kind === 'branch' && u.active);
  const branch = select([['', t().none], ...branches.map((u) => [String(u.id), localized(u.name)] as [string, string])], '',
    { name: 'branch', 'data-testid': 'branch' });
  const branchField = branches.length ? field(d.branch, branch) : null;
  // Topic tags the agent may put on the request now (a crisis tag opened by the admins).
  const offered = registry.items.filter((x) => x.usable && x.active && (x.open_to_agents || can('cases.tag')));
  const tagBoxes = offered.map((x) => {
    const box = h('input', { type: 'checkbox', value: x.name, id: `tag-${x.id}`, 'data-testid': `tag-${x.name}` });
    const label = localized(x.names) || x.name;
    return { box, el: h('span', { class: 'tag-chip', style: x.colour ? `border-inline-start-color: ${x.colour}` : '' },
      box, h('label', { for: `tag-${x.id}` }, label)) };
  });
  const tagSet = tagBoxes.length
    ? h('fieldset', { class: 'tag-chips', 'data-testid': 'register-tags' }, h('legend', {}, d.tags), ...tagBoxes.map((x) => x.el))
    : null;
  const msg = message('alert');
  const result = h('div', { role: 'status', 'aria-live': 'polite' });

  const form = h('form', { class: 'console', 'data-testid': 'register-form', novalidate: true },
    h('h1', {}, d.title),
    callBox,
    h('div', { class: 'cols' },
      h('fieldset', {},
        h('legend', {}, d.requester),
        h('div', { class: 'inline' }, field(d.phone, phone), lookupBtn),
        found,
        field(d.name, name),
        attributes.el,
        h('div', { class: 'check' }, anonymous, h('label', { for: 'anon' }, d.anonymous))),
      h('fieldset', {},
        h('legend', {}, d.request),
        h('div', { class: branchField ? 'row4' : 'row3' }, field(d.type, type), field(d.channel, channel), field(d.priority, priority), branchField),
        h('div', { class: 'row2' }, cat.el, site.el),
        field(d.description, description),
        tagSet)),
    msg,
    h('div', { class: 'inline' },
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'register', 'aria-keyshortcuts': 'Control+Enter', title: 'Ctrl+Enter' }, d.submit),
      h('button', { type: 'button', 'data-testid': 'guidance', onclick: () => void guidance() }, d.guidance)),
    result);

  // A guidance-only call: one contact with outcome "guidance", no request.
  async function guidance() {
    msg.textContent = '';
    const tel = normalizeDigits(phone.value.trim());
    if ((!tel && !call) || !description.value.trim()) { msg.textContent = d.guidanceNeeds; return; }
    try {
      if (call) {
        // The call itself is closed as guidance, with its topic when one was picked.
        await api('PATCH', `/api/v1/contacts/${call.contact.id}`, {
          outcome: 'guidance', note: description.value.trim(),
          ...(cat.list.value ? { category_id: Number(cat.list.value) } : {}),
          ...(call.contact.call_id ? {} : { end: true }),
        });
      } else {
        await api('POST', '/api/v1/contacts', {
          channel: channel.value, direction: 'inbound', phone: tel, name: name.value.trim(),
          outcome: 'guidance', note: description.value.trim(),
          ...(cat.list.value ? { category_id: Number(cat.list.value) } : {}),
        });
      }
      form.querySelectorAll('input, select, textarea, button').forEach((el) => ((el as HTMLInputElement).disabled = true));
      result.replaceChildren(h('p', { class: 'code-box', 'data-testid': 'guidance-logged' }, d.guidanceLogged),
        h('p', {}, h('a', { href: '/console', 'data-nav': '' }, d.another)));
      (result.querySelector('a') as HTMLElement).focus();
    } catch (err) {
      msg.textContent = problemMessage(err);
    }
  }

  // Ctrl+Enter (or ⌘+Enter) registers from anywhere in the form, the description included.
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) { e.preventDefault(); form.requestSubmit(); }
  });
  const registerButton = form.querySelector<HTMLButtonElement>('[data-testid=register]')!;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (form.dataset.busy) return;  // a double press registers once
    msg.textContent = '';
    if (!cat.list.value || !description.value.trim()) { msg.textContent = d.required; return; }
    if (missingRequired(form, msg)) return;  // e.g. a required requester attribute
    const body: Record<string, unknown> = {
      type: type.value, channel: channel.value, priority: priority.value,
      category_id: Number(cat.list.value), description: description.value.trim(),
      site_id: site.list.value ? Number(site.list.value) : null,
      requester: anonymous.checked ? null : { name: name.value.trim(), phone: normalizeDigits(phone.value.trim()), attributes: attributes.get() },
    };
    if (call) body.contact_id = call.contact.id;
    if (branch.value) body.branch_id = Number(branch.value);
    const chosen = tagBoxes.filter((x) => x.box.checked).map((x) => x.box.value);
    if (chosen.length) body.tags = chosen;
    form.dataset.busy = '1';
    registerButton.disabled = true;
    try {
      const { data } = await api<Case>('POST', '/api/v1/cases', body);
      form.querySelectorAll('input, select, textarea, button[type=submit]').forEach((el) => ((el as HTMLInputElement).disabled = true));
      result.replaceChildren(
        h('p', { class: 'code-box' }, d.registered, ' ', h('bdi', { class: 'code', 'data-testid': 'tracking-code' }, data.tracking_code)),
        h('p', { class: 'inline' },
          h('a', { href: `/cases/${data.id}`, 'data-nav': '' }, d.open), ' ',
          h('a', { href: call && !call.contact.ended_at ? `/console?contact=${call.contact.id}` : '/console', 'data-nav': '', 'data-testid': 'another' }, d.another)));
      (result.querySelector('a') as HTMLElement).focus();
    } catch (err) {
      msg.textContent = problemMessage(err);
      registerButton.disabled = false;
    } finally {
      delete form.dataset.busy;
    }
  });
  return form;
}

/** "On call with …" and the call's running time, above the console's form. */
function onCallBox(call: ScreenPop): HTMLElement {
  const d = t().calls;
  const c = call.contact;
  const clock = h('span', { class: 'call-timer', dir: 'ltr', 'data-testid': 'console-call-timer' }, elapsed(c.started_at, c.ended_at));
  const box = h('p', { class: 'on-call', 'data-testid': 'on-call', 'data-contact': String(c.id) },
    h('strong', {}, `${d.onCall} `), callerOf(call), ' ',
    c.from && c.from !== 'anonymous' ? h('bdi', { dir: 'ltr' }, c.from) : null, ' ', clock, ' · ', d.contactLinked);
  if (!c.ended_at) {
    const timer = setInterval(() => { if (!box.isConnected) clearInterval(timer); else clock.textContent = elapsed(c.started_at); }, 1000);
  }
  return box;
}
