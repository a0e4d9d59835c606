// The request's attachments: each file with its download link and, for the staff who may
// release them, whether the unit can see it. Files reach unit staff only once released (decision
// 0018): a picture or a PDF may show who the citizen is, so the dispatcher is warned to look
// first. The server decides again (POST /api/v1/cases/{id}/attachments/{aid}/release).
import { api, get } from '../api';
import { h, message } from '../dom';
import { t } from '../i18n';
import { fmt } from '../state';
import { can } from '../session';
import { problemMessage } from '../problems';

interface Attachment {
  id: number; filename: string; media_type: string; size: number; created_at: string;
  released_at: string | null;
}

const VISUAL = /^(image\/|application\/pdf)/;

/** The attachments section of request `id` (hidden when it has none to show). */
export function caseFiles(id: number): HTMLElement {
  const d = t().files;
  const list = h('ul', { class: 'case-files', 'data-testid': 'attachments' });
  const status = message('status');
  status.classList.add('ok');
  const alert = message('alert');
  const section = h('section', { class: 'case-files-section' }, h('h2', {}, d.title), list, status, alert);
  const mayRelease = can('attachments.release');

  const load = async () => {
    const r = await get<{ items: Attachment[] }>(`/api/v1/cases/${id}/attachments`).catch(() => ({ items: [] as Attachment[] }));
    list.replaceChildren(...(r.items.length ? r.items.map(row) : [h('li', {}, d.none)]));
  };

  const row = (a: Attachment) => {
    const href = `/api/v1/cases/${id}/attachments/${a.id}`;
    // Pictures show as thumbnails that open full size; every file has its download link.
    const thumb = a.media_type.startsWith('image/')
      ? h('a', { href, target: '_blank', rel: 'noopener', class: 'thumb-link' },
        h('img', { src: href, alt: t().desk.preview.replace('{name}', a.filename), loading: 'lazy', class: 'thumb', 'data-testid': `thumb-${a.id}` }))
      : null;
    const item = h('li', { 'data-testid': `attachment-${a.id}` }, thumb,
      h('a', { href, download: a.filename }, h('bdi', {}, a.filename)), ' · ',
      h('bdi', { dir: 'ltr' }, a.media_type), ' · ',
      d.bytes.replace('{n}', String(Math.max(1, Math.round(a.size / 1024)))), ' · ',
      fmt(a.created_at));
    if (!mayRelease) return item;
    if (a.released_at) {
      item.append(' · ', h('span', { 'data-testid': `released-${a.id}` }, d.released.replace('{when}', fmt(a.released_at))));
      return item;
    }
    const button = h('button', {
      type: 'button', 'data-testid': `release-${a.id}`, 'aria-label': d.releaseLabel.replace('{name}', a.filename),
      onclick: async () => {
        if (VISUAL.test(a.media_type) && !window.confirm(d.warnVisual)) return;
        button.disabled = true;
        alert.textContent = '';
        try {
          await api('POST', `/api/v1/cases/${id}/attachments/${a.id}/release`);
          status.textContent = d.done;
          await load();
        } catch (e) {
          alert.textContent = problemMessage(e);
          button.disabled = false;
        }
      },
    }, d.release);
    item.append(' · ', h('span', { class: 'hint' }, d.withheld), ' ', button);
    return item;
  };

  void load();
  return section;
}
