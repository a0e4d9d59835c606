// Internal notes on a request and mentions: a note for colleagues only (POST /cases/{id}/notes),
// with a picker that puts a colleague's @username into it; the mentions worklist lists notes
// that named this user, and opening a request marks its mentions seen.
import { api, get, type Colleague } from '../api';
import { h, message, select, uid } from '../dom';
import { fill, t } from '../i18n';
import { problemMessage } from '../problems';
import { render } from '../router';
import { can } from '../session';
import { fmt, session } from '../state';
import { colleagues, mayWork } from './case-head';

interface MentionRow { id: number; case_id: number; tracking_code: string; by_name: string; note: string; at: string; seen_at: string | null }

/** The note form of request `id` (null for roles that write nothing). */
export async function noteForm(id: number, unitId: number | null | undefined): Promise<HTMLElement | null> {
  if (!can('cases.write')) return null;
  const d = t().desk;
  const staff: Colleague[] = (await colleagues()).filter((p) => p.username && p.id !== session.user?.id && mayWork(p, unitId));
  const textId = uid('note');
  const hintId = uid('hint');
  const text = h('textarea', { id: textId, rows: 2, 'aria-describedby': hintId, 'data-testid': 'note-text' });
  const pick = select([['', d.mention], ...staff.map((p) => [p.username!, `${p.name} (@${p.username})`] as [string, string])], '',
    { 'aria-label': d.mention, 'data-testid': 'note-mention', class: 'small' });
  pick.addEventListener('change', () => {
    if (!pick.value) return;
    const at = text.selectionStart ?? text.value.length;
    const before = text.value.slice(0, at);
    const insert = `${before && !/\s$/.test(before) ? ' ' : ''}@${pick.value} `;
    text.value = before + insert + text.value.slice(at);
    pick.value = '';
    text.focus();
    text.selectionStart = text.selectionEnd = at + insert.length;
  });
  const alert = message('alert');
  const button = h('button', { type: 'submit', 'data-testid': 'note-add' }, d.addNote);
  const form = h('form', { class: 'note-form', 'data-testid': 'note-form', novalidate: true },
    h('label', { for: textId }, d.note), text, h('p', { class: 'hint', id: hintId }, d.noteHint),
    h('div', { class: 'inline' }, staff.length ? pick : null, button), alert);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (form.dataset.busy || !text.value.trim()) { if (!text.value.trim()) text.focus(); return; }
    form.dataset.busy = '1';
    button.disabled = true;
    alert.textContent = '';
    try {
      await api('POST', `/api/v1/cases/${id}/notes`, { text: text.value.trim() });
      await render();
      document.querySelector('main [role=status]')?.append(d.noteAdded);
    } catch (err) {
      alert.textContent = problemMessage(err);
    } finally {
      delete form.dataset.busy;
      button.disabled = false;
    }
  });
  return form;
}

/** Opening request `id`: the mentions of it this user had not seen are seen now. */
export async function seeMentions(id: number): Promise<void> {
  const unseen = await get<{ items: MentionRow[] }>('/api/v1/mentions?unseen=true&limit=200').catch(() => ({ items: [] as MentionRow[] }));
  if (unseen.items.some((m) => m.case_id === id)) await api('POST', `/api/v1/cases/${id}/mentions/seen`).catch(() => undefined);
}

/** The mentions worklist: notes that named this user, the unseen ones marked. */
export async function mentionsList(): Promise<HTMLElement> {
  const d = t().desk;
  const page = await get<{ items: MentionRow[] }>('/api/v1/mentions?limit=100');
  if (!page.items.length) return h('p', { 'data-testid': 'mentions-empty' }, d.mentionsEmpty);
  return h('ul', { class: 'mentions', 'data-testid': 'mentions' }, ...page.items.map((m) => h('li', { class: m.seen_at ? 'seen' : 'unseen', 'data-testid': `mention-${m.id}` },
    m.seen_at ? null : h('span', { class: 'chip' }, d.unseen), m.seen_at ? null : ' ',
    h('a', { href: `/cases/${m.case_id}`, 'data-nav': '' }, h('bdi', {}, m.tracking_code)), ' · ',
    m.by_name ? fill(d.mentionedBy, { name: m.by_name }) : d.citizenWrote, ' · ', fmt(m.at),
    h('p', { class: 'timeline-note' }, m.note))));
}
