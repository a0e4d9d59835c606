// Writing to the citizen through the channel they used (POST /cases/{id}/replies): an SMS to
// their number or an email to their address, for staff who may see who they are. The words go
// out through the outbox and onto the timeline; the email's subject carries the tracking code,
// so the citizen's answer comes back to the request.
import { api, type Case } from '../api';
import { h, message, select, uid } from '../dom';
import { t } from '../i18n';
import { problemMessage } from '../problems';
import { render } from '../router';
import { can } from '../session';

/** The reply form of request `c`, or null when this role may not write to citizens or there is
 *  no one to write to. */
export function replyForm(c: Case): HTMLElement | null {
  if (!can('cases.write') || !can('requesters.identity') || !c.requester) return null;
  const channels: [string, string][] = [];
  if (c.requester.phone) channels.push(['sms', t().audit.channel.sms]);
  if (c.requester.email) channels.push(['email', t().audit.channel.email]);
  if (!channels.length) return null;
  const d = t().desk;
  const preferred = c.channel === 'email' && c.requester.email ? 'email' : channels[0][0];
  const through = select(channels, preferred, { 'aria-label': d.replyThrough, 'data-testid': 'reply-channel', class: 'small' });
  const textId = uid('reply');
  const hintId = uid('hint');
  const text = h('textarea', { id: textId, rows: 2, 'aria-describedby': hintId, 'data-testid': 'reply-text' });
  const alert = message('alert');
  const button = h('button', { type: 'submit', 'data-testid': 'reply-send' }, d.replySend);
  const form = h('form', { class: 'note-form reply-form', 'data-testid': 'reply-form', novalidate: true },
    h('label', { for: textId }, d.replyText), text, h('p', { class: 'hint', id: hintId }, d.replyHint),
    h('div', { class: 'inline' }, h('span', {}, d.replyThrough), through, button), alert);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (form.dataset.busy || !text.value.trim()) { if (!text.value.trim()) text.focus(); return; }
    form.dataset.busy = '1';
    button.disabled = true;
    alert.textContent = '';
    try {
      await api('POST', `/api/v1/cases/${c.id}/replies`, { channel: through.value, text: text.value.trim() });
      await render();
      document.querySelector('main [role=status]')?.append(d.replySent);
    } catch (err) {
      alert.textContent = problemMessage(err);
    } finally {
      delete form.dataset.busy;
      button.disabled = false;
    }
  });
  return h('details', { class: 'reply', 'data-testid': 'reply' }, h('summary', {}, d.reply), form);
}
