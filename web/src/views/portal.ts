import { api, ApiError, get, q, type Category, type PublicTrack, type RequesterAttribute, type Site } from '../api';
import { formatDateTime, defaultCalendar } from '../dates';
import { normalizeDigits } from '../digits';
import { field, h, message, select } from '../dom';
import { lang, localized, t } from '../i18n';
import { publicCenter } from '../center';
import { attributeFields } from '../components/attributes';
import { picker } from '../picker';
import { categoryItems } from './console';
import { rateForm, uploadAttachment } from './portal-extra';
import { problemMessage } from '../problems';
import { missingRequired } from '../validate';

const PORTAL_TYPES = ['complaint', 'suggestion', 'inquiry', 'report', 'service_request', 'criticism'] as const;
type Dict = ReturnType<typeof t>;

/** The citizen portal: mobile first, no login. Submit a request; track one by code and phone. */
export async function portalView(): Promise<HTMLElement> {
  const d = t().portal;
  const tracking = location.pathname.startsWith('/portal/track');
  // Dates in the center's calendar and time zone (what staff and the SMS say), in the visitor's
  // language; the visitor's own calendar only when the center cannot be read.
  const center = await publicCenter();
  const when = (iso: string) => formatDateTime(iso, lang(), center?.calendar ?? defaultCalendar(lang()), center?.time_zone);
  const tabs = h('nav', { class: 'tabs', 'aria-label': d.title },
    h('a', { href: '/portal', 'data-nav': '', 'aria-current': tracking ? null : 'page' }, d.submitTab),
    h('a', { href: '/portal/track', 'data-nav': '', 'aria-current': tracking ? 'page' : null, 'data-testid': 'track-tab' }, d.trackTab));
  const page = h('section', { class: 'portal' }, h('h1', {}, d.title),
    center ? h('p', { class: 'center-name', 'data-testid': 'center-name' }, localized(center.center_name)) : null,
    h('p', {}, d.intro), tabs);
  const msg = message('alert');
  const result = h('div', { role: 'status', 'aria-live': 'polite' });

  if (tracking) {
    const params = new URLSearchParams(location.search);
    const code = h('input', { name: 'code', autocomplete: 'off', inputmode: 'numeric', required: true, value: params.get('code') ?? '', 'data-testid': 'track-code' });
    const phone = h('input', { name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', required: true, 'data-testid': 'track-phone' });
    const form = h('form', { class: 'card', novalidate: true }, field(d.trackCode, code), field(d.trackPhone, phone), msg,
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'track' }, d.track), result);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      msg.textContent = '';
      result.replaceChildren();
      if (missingRequired(form, msg)) return;
      try {
        const r = await get<PublicTrack>(`/api/v1/public/track${q({ code: code.value.trim(), phone: phone.value.trim() })}`);
        result.append(h('dl', { class: 'facts', 'data-testid': 'track-result' },
          h('dt', {}, d.trackCode), h('dd', {}, h('bdi', { class: 'code' }, r.tracking_code)),
          h('dt', {}, d.status), h('dd', { 'data-testid': 'track-status' }, t().statuses[r.status as keyof Dict['statuses']] ?? r.status),
          h('dt', {}, t().console.type), h('dd', {}, t().types[r.type as keyof Dict['types']] ?? r.type),
          h('dt', {}, d.received), h('dd', { 'data-testid': 'track-created' }, when(r.created_at)),
          h('dt', {}, d.updated), h('dd', {}, when(r.updated_at)),
          ...(r.public_answer ? [h('dt', {}, d.answer), h('dd', {}, r.public_answer)] : [])));
        // A closed request whose closing sent a survey: rate it here (code and phone again).
        const rating = (r as PublicTrack & { rating?: { open: boolean; value: number | null } | null }).rating;
        if (rating) result.append(rateForm(code.value.trim(), phone.value.trim(), rating));
      } catch (err) {
        msg.textContent = err instanceof ApiError ? (err.status === 404 ? d.notFound : err.status === 429 ? d.tooMany : t().errorGeneric) : t().errorNetwork;
      }
    });
    page.append(form);
    return page;
  }

  const [cats, sites, defs] = await Promise.all([
    get<{ items: Category[] }>('/api/v1/public/categories'),
    get<{ items: Site[] }>('/api/v1/public/sites').catch(() => ({ items: [] as Site[] })),
    get<{ items: RequesterAttribute[] }>('/api/v1/public/requester-attributes').catch(() => ({ items: [] as RequesterAttribute[] })),
  ]);
  const attributes = attributeFields(defs.items, { staff: false });
  const f = t().flow.portal;
  const site = picker(f.site, f.siteSearch, sites.items.map((s) => {
    const label = [localized(s.name), s.district].filter(Boolean).join(' — ');
    return { value: String(s.id), label, search: [label, s.code, s.region ?? '', ...Object.values(s.name)].join(' ') };
  }), { name: 'p-site', noneLabel: t().none });
  const file = h('input', { type: 'file', name: 'attachment', 'data-testid': 'p-file',
    accept: 'image/*,application/pdf,audio/*,video/mp4,video/quicktime,video/3gpp' });
  const type = select(PORTAL_TYPES.map((x) => [x, t().types[x]]), 'complaint', { name: 'type', 'data-testid': 'p-type' });
  const cat = picker(d.category, d.categorySearch, categoryItems(cats.items), { name: 'p-category', required: true });
  const description = h('textarea', { name: 'description', rows: 5, required: true, 'data-testid': 'p-description' });
  const name = h('input', { name: 'name', autocomplete: 'name', 'data-testid': 'p-name' });
  const phone = h('input', { name: 'phone', type: 'tel', inputmode: 'tel', autocomplete: 'tel', required: true, 'data-testid': 'p-phone' });
  const form = h('form', { class: 'card', novalidate: true },
    field(d.type, type), cat.el, field(d.description, description),
    sites.items.length ? site.el : null, field(f.attachment, file, f.attachmentHint),
    field(d.name, name), field(d.phone, phone, d.phoneHint), attributes.el,
    msg, h('button', { type: 'submit', class: 'primary', 'data-testid': 'p-submit' }, d.submit), result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    if (missingRequired(form, msg)) return;
    if (!cat.list.value) { msg.textContent = t().console.required; return; }
    try {
      const { data } = await api<{ tracking_code: string }>('POST', '/api/v1/public/requests', {
        type: type.value, category_id: Number(cat.list.value), description: description.value.trim(),
        requester: { name: name.value.trim(), phone: normalizeDigits(phone.value.trim()), language: lang(), attributes: attributes.get() },
        ...(site.list.value ? { site_id: Number(site.list.value) } : {}),
      });
      form.querySelectorAll('input, select, textarea, button[type=submit]').forEach((el) => ((el as HTMLInputElement).disabled = true));
      result.replaceChildren(h('p', { class: 'code-box' }, d.submitted, ' ', h('bdi', { class: 'code', 'data-testid': 'p-code' }, data.tracking_code)),
        h('p', {}, h('a', { href: `/portal/track?code=${encodeURIComponent(data.tracking_code)}`, 'data-nav': '' }, d.trackTab)));
      const chosen = file.files?.[0];
      if (chosen) result.append(await uploadAttachment(data.tracking_code, normalizeDigits(phone.value.trim()), chosen));
    } catch (err) {
      msg.textContent = err instanceof ApiError && err.status === 429 ? d.tooMany : problemMessage(err);
    }
  });
  page.append(form);
  return page;
}
