// The portal's additions (issue 4): a file sent with a new request, and rating a closed request
// from the tracking screen. Both prove the request with its tracking code and phone, as tracking
// does; the server applies the same rate limit.
import { api, ApiError } from '../api';
import { normalizeDigits } from '../digits';
import { field, h, message, uid } from '../dom';
import { t } from '../i18n';
import { problemMessage } from '../problems';

/** Uploads the chosen file to the request just submitted; says how it went. */
export async function uploadAttachment(code: string, phone: string, file: File): Promise<HTMLElement> {
  const f = t().flow.portal;
  const out = h('p', { 'data-testid': 'p-file-result' });
  try {
    const res = await fetch(`/api/v1/public/requests/${encodeURIComponent(code)}/attachments?phone=${encodeURIComponent(phone)}&filename=${encodeURIComponent(file.name)}`, {
      method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' }, credentials: 'same-origin',
    });
    if (res.ok) { out.textContent = f.attachmentSent; return out; }
    const why = res.status === 413 ? f.tooLarge : res.status === 415 ? f.badType : res.status === 429 ? t().portal.tooMany : t().errorGeneric;
    out.className = 'msg error';
    out.textContent = `${f.attachmentFailed} ${why}`;
  } catch {
    out.className = 'msg error';
    out.textContent = `${f.attachmentFailed} ${t().errorNetwork}`;
  }
  return out;
}

/** 1 to 5 as radio buttons in a fieldset, an optional comment, one button; or the rating given. */
export function rateForm(code: string, phone: string, rating: { open: boolean; value: number | null }): HTMLElement {
  const f = t().flow.portal;
  const box = h('section', { class: 'card rate', 'data-testid': 'rate' });
  const done = (v: number) => box.replaceChildren(h('p', { class: 'code-box', 'data-testid': 'rated' }, f.rated, ' ', f.stars(v)));
  if (rating.value !== null) { done(rating.value); return box; }
  if (!rating.open) { box.append(h('p', {}, f.rateUnavailable)); return box; }
  const name = uid('rating');
  const stars = [1, 2, 3, 4, 5].map((n) => {
    const id = uid('star');
    return h('span', { class: 'star' },
      h('input', { type: 'radio', name, id, value: String(n), required: true, 'data-testid': `rate-${n}` }),
      h('label', { for: id }, f.stars(n)));
  });
  const comment = h('textarea', { rows: 3, maxlength: 2000, 'data-testid': 'rate-comment' });
  const msg = message('alert');
  const form = h('form', { novalidate: true },
    h('fieldset', { class: 'stars' }, h('legend', {}, f.rating), ...stars),
    field(f.comment, comment), msg,
    h('button', { type: 'submit', class: 'primary', 'data-testid': 'rate-submit' }, f.rate));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    const picked = form.querySelector<HTMLInputElement>('input[type=radio]:checked');
    if (!picked) { msg.textContent = `${f.rating}: ${t().problems.required}`; return; }
    try {
      const { data } = await api<{ rating: number }>('POST', '/api/v1/public/rating', {
        code: normalizeDigits(code), phone: normalizeDigits(phone), rating: Number(picked.value), comment: comment.value.trim(),
      });
      done(data.rating);
    } catch (err) {
      msg.textContent = err instanceof ApiError
        ? (err.status === 409 ? f.alreadyRated : err.status === 404 ? f.rateUnavailable : err.status === 429 ? t().portal.tooMany : problemMessage(err))
        : t().errorNetwork;
    }
  });
  box.append(h('h2', {}, f.rateTitle), form);
  return box;
}
