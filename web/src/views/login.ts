import { api, ApiError, get, type Installation, type LoginResult } from '../api';
import { field, h, message } from '../dom';
import { publicCenter } from '../center';
import { localized, t } from '../i18n';
import { signedIn } from '../session';
import { missingRequired } from '../validate';

export function loginView(): HTMLElement {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true, 'data-testid': 'username' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'password' });
  const msg = message('alert');
  // The center's name, once the server says it (the page does not wait for it).
  const centerName = h('p', { class: 'center-name', 'data-testid': 'center-name' });
  void publicCenter().then((c) => { if (c) centerName.textContent = localized(c.center_name); });
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', {}, t().login.title), centerName,
    field(t().login.username, user), field(t().login.password, pass), msg,
    h('button', { type: 'submit', class: 'primary' }, t().login.submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.textContent = '';
    if (missingRequired(form, msg)) return;
    try {
      const { data } = await api<LoginResult>('POST', '/api/v1/auth/login', { username: user.value.trim(), password: pass.value });
      signedIn(data.user, await get<Installation>('/api/v1/installation'));
    } catch (err) {
      msg.textContent = err instanceof ApiError && (err.status === 401 || err.status === 422 || err.status === 400) ? t().login.failed : t().errorNetwork;
    }
  });
  return form;
}
