// Administration: a workflow's TOML edited in place (PUT /api/v1/admin/workflows/{code}), inside
// its card on /admin/workflows (views/admin/workflows.ts), and a new workflow started from a
// skeleton. The server parses a workflow with the profile loader's own parser; a 422 carries the
// line, shown and selected in the editor, and a 409 lists the states that still hold open requests.
import { api, ApiError, type Localized } from '../../api';
import { buttons, formShell, named, setFlash, showProblem } from '../../components/form';
import { field, h, message } from '../../dom';
import { lang, localized, t } from '../../i18n';
import { navigate } from '../../router';
import { count } from './shared';

export interface AdminWorkflow {
  code: string; label: Localized; source: string; categories: number;
  states: { name: string; label: Localized; open: number }[]; open_by_state: Record<string, number>;
}

const D = () => t().admin;

/** Selects line `line` (1-based) of `area` and scrolls it into view. */
function markLine(area: HTMLTextAreaElement, line: number) {
  const lines = area.value.split('\n');
  const n = Math.min(Math.max(line, 1), lines.length);
  let start = 0;
  for (let i = 0; i < n - 1; i += 1) start += lines[i].length + 1;
  area.focus();
  area.setSelectionRange(start, start + lines[n - 1].length);
  const height = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (n - 3) * height);
  area.setAttribute('data-error-line', String(n));
}

/** The starting point of a new workflow: two states and one action, all three languages. */
function skeleton(code: string): string {
  return `name = "${code}"
label = { ar = "مسار عمل جديد", fa = "گردش کار تازه", en = "New workflow" }
initial = "new"

[states.new]
status = "new"
label = { ar = "جديد", fa = "جدید", en = "New" }
inbox = "triage"

[states.closed]
status = "closed"
label = { ar = "مغلق", fa = "بسته", en = "Closed" }
final = true

[[actions]]
name = "close"
label = { ar = "إغلاق", fa = "بستن", en = "Close" }
from = ["new"]
to = "closed"
roles = ["dispatcher", "supervisor"]
`;
}

/** An editor for workflow `w`, or (w undefined) for a new one with its own code field. */
function editor(w: AdminWorkflow | undefined): HTMLElement {
  const d = D().wfEdit;
  const code = w ? null : named(h('input', { dir: 'ltr', autocomplete: 'off', spellcheck: 'false', value: 'new_workflow', 'data-testid': 'workflow-code' }), 'code');
  const area = named(h('textarea', {
    dir: 'ltr', lang: 'en', spellcheck: 'false', autocomplete: 'off', rows: 18, class: 'toml-editor', 'data-testid': 'workflow-source',
  }), 'source');
  area.value = w ? w.source : skeleton('new_workflow');
  // A new workflow's name follows its code while the name line is untouched.
  code?.addEventListener('input', () => {
    area.value = area.value.replace(/^name = "[^"\n]*"$/m, `name = "${code.value.trim()}"`);
  });
  const file = h('input', { type: 'file', accept: '.toml,text/plain', 'data-testid': 'workflow-upload' });
  const status = message('status');
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    void f.text().then((text) => {
      area.value = text;
      area.removeAttribute('data-error-line');
      status.textContent = d.loaded;
    });
  });
  const { form, alert } = formShell(w ? `${d.edit}: ${localized(w.label) || w.code}` : d.newWorkflow, w ? 'workflow-editor' : 'new-workflow',
    code ? field(d.code, code, d.codeHint) : null,
    field(d.editor, area), field(d.upload, file), status,
    buttons(w ? d.save : d.create));
  if (w) form.setAttribute('data-code', w.code);
  const occupied = h('div', { 'data-testid': 'workflow-occupied' });
  form.insertBefore(occupied, alert);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const target = w ? w.code : (code?.value ?? '').trim();
    occupied.replaceChildren();
    area.removeAttribute('data-error-line');
    void api('PUT', `/api/v1/admin/workflows/${encodeURIComponent(target)}`, { source: area.value }).then(() => {
      setFlash(d.saved);
      navigate(location.pathname);
    }, (err: unknown) => {
      const p = (err instanceof ApiError ? err.problem ?? {} : {}) as { detail?: string; field?: string; line?: number; states?: { state: string; open: number }[] };
      if (!(err instanceof ApiError && err.status === 409)) showProblem(form, alert, err);
      if (!(err instanceof ApiError)) return;
      if (err.status === 422 && p.field === 'source') {
        // The server's own words (they quote the TOML), after the line in the user's language.
        const note = form.querySelector<HTMLElement>('[data-testid="error-source"]');
        const line = p.line ?? 0;
        const where = line > 0 ? `${d.errorAt.replace('{line}', count(line))}: ` : '';
        if (note) {
          note.replaceChildren(where, h('bdi', { dir: 'ltr' }, p.detail ?? ''));
          note.setAttribute('data-line', String(line));
        }
        if (line > 0) markLine(area, line);
      } else if (err.status === 409) {
        alert.textContent = '';
        for (const n of form.querySelectorAll('.field-error')) n.remove();
        area.removeAttribute('aria-invalid');
        const label = (name: string) => localized(w?.states.find((s) => s.name === name)?.label) || name;
        occupied.replaceChildren(h('div', { class: 'msg error', role: 'alert' },
          h('p', {}, d.occupied),
          h('ul', {}, ...(p.states ?? []).map((s) => h('li', { 'data-state': s.state },
            label(s.state), ' ', h('bdi', { class: 'muted', dir: 'ltr' }, `(${s.state})`), ' — ', d.openCount.replace('{n}', count(s.open)))))));
      }
    });
  });
  return form;
}

/** The editor inside a workflow's card, behind a disclosure (a definition runs long). */
export function workflowEditor(w: AdminWorkflow | undefined): HTMLElement | null {
  if (!w) return null;
  const d = D().wfEdit;
  // By state, states the definition no longer has included (requests an edit raced with).
  const open = Object.entries(w.open_by_state).filter(([, n]) => n > 0);
  const label = (name: string) => localized(w.states.find((s) => s.name === name)?.label) || name;
  return h('div', {},
    open.length
      ? h('p', { 'data-testid': 'open-by-state' }, h('strong', {}, `${d.openRequests}: `),
        open.map(([name, n]) => `${label(name)} ${count(n)}`).join(lang() === 'en' ? ', ' : '، '))
      : null,
    h('details', { class: 'wf-edit', 'data-testid': `edit-${w.code}` }, h('summary', {}, d.edit), editor(w)));
}

export function newWorkflowEditor(): HTMLElement {
  return h('details', { class: 'card wf-edit', 'data-testid': 'new-workflow-toggle' }, h('summary', {}, D().wfEdit.newWorkflow), editor(undefined));
}
