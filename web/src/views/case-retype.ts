// Review types the request: its type and category, corrected here (PATCH /api/v1/cases/{id}
// with If-Match). When the new type or category belongs to another workflow, the server moves
// the request into it (a "complaint" that is really a request to meet the head) and the timeline
// says so; a move that would strand a meeting is refused (409) and the reason is shown.
import { api, ApiError, type Case, type Category } from '../api';
import { field, h, message, select } from '../dom';
import { localized, t } from '../i18n';
import { render } from '../router';
import { can } from '../session';
import { problemMessage } from '../problems';

/** A category as a path of names ("Services › Delays"), so leaves with one name stay apart. */
function pathOf(c: Category, byId: Map<number, Category>): string {
  const names: string[] = [];
  for (let x: Category | undefined = c; x && names.length < 8; x = x.parent_id ? byId.get(x.parent_id) : undefined) {
    names.unshift(localized(x.name));
  }
  return names.join(' › ');
}

/** The typing form of request `c`, or null for those who may not change it. */
export function caseRetype(c: Case, etag: string, cats: Category[]): HTMLElement | null {
  if (!can('cases.retype')) return null;
  const d = t().retype;
  const byId = new Map(cats.map((x) => [x.id, x]));
  const type = select(Object.entries(t().types) as [string, string][], c.type,
    { name: 'type', 'data-testid': 'retype-type' });
  const category = select(
    cats.filter((x) => x.active !== false || x.id === c.category_id)
      .map((x) => [String(x.id), pathOf(x, byId)] as [string, string])
      .sort((a, b) => a[1].localeCompare(b[1])),
    String(c.category_id), { name: 'category_id', 'data-testid': 'retype-category' });
  const alert = message('alert');
  const form = h('form', { class: 'card retype', 'data-testid': 'retype' },
    h('h3', {}, d.title), h('p', { class: 'hint' }, d.hint),
    field(t().console.type, type), field(t().console.category, category), alert,
    h('button', { type: 'submit', 'data-testid': 'retype-save' }, d.save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    alert.textContent = '';
    const body: Record<string, string | number> = {};
    if (type.value !== c.type) body.type = type.value;
    if (Number(category.value) !== c.category_id) body.category_id = Number(category.value);
    if (!Object.keys(body).length) { alert.textContent = d.unchanged; return; }
    try {
      await api('PATCH', `/api/v1/cases/${c.id}`, body, { 'If-Match': etag });
      await render();
      document.querySelector('main [role=status]')?.append(d.done);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) alert.textContent = d.refusedMeeting;
      else if (err instanceof ApiError && err.status === 412) alert.textContent = t().case.conflict;
      else alert.textContent = problemMessage(err);
    }
  });
  return form;
}
