// Administration, notification templates (/admin/templates): each template's SMS and e-mail texts
// in the three languages, folded, with the placeholders the server fills in.
import { api, get, type Localized } from '../../api';
import { buttons, formShell, named, submit } from '../../components/form';
import { field, h, uid } from '../../dom';
import { LANGS, lang, t, type Lang } from '../../i18n';

const TEMPLATE_KINDS = ['sms', 'email_subject', 'email_body'] as const;

interface Template { name: string; sms: Localized; email_subject: Localized; email_body: Localized }

const D = () => t().admin;

export async function templatesSection(): Promise<HTMLElement> {
  const d = D().templates;
  const list = await get<{ items: Template[]; placeholders: string[]; languages: Lang[] }>('/api/v1/admin/templates');
  const hint = h('p', { class: 'hint', id: uid('placeholders') }, d.hint, ' ', ...list.placeholders.flatMap((p) => [h('code', { dir: 'ltr' }, `{${p}}`), ' ']));
  const forms = list.items.map((tpl) => {
    const areas: { kind: string; l: Lang; el: HTMLTextAreaElement; before: string }[] = [];
    const sets = TEMPLATE_KINDS.map((kind) => h('fieldset', {},
      h('legend', {}, d.kinds[kind]),
      h('div', { class: 'row3' }, ...LANGS.map((l) => {
        const before = tpl[kind]?.[l] ?? '';
        const el = named(h('textarea', { rows: kind === 'email_subject' ? 1 : 3, lang: l, dir: l === 'en' ? 'ltr' : 'rtl', 'aria-describedby': hint.id, 'data-testid': `tpl-${tpl.name}-${kind}-${l}` }), `${kind}.${l}`);
        el.value = before;
        areas.push({ kind, l, el, before });
        return field(d.textIn[l], el);
      }))));
    const { form, alert } = formShell(tpl.name, `template-${tpl.name}`, ...sets, buttons(D().save));
    form.setAttribute('data-template', tpl.name);
    form.classList.remove('card');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body: Record<string, Record<string, string>> = {};
      for (const a of areas) if (a.el.value !== a.before) (body[a.kind] ??= {})[a.l] = a.el.value;
      if (!Object.keys(body).length) return;  // nothing changed
      void submit(form, alert, () => api('PUT', `/api/v1/admin/templates/${encodeURIComponent(tpl.name)}`, body), D().saved);
    });
    // Folded, so the list stays short; the summary shows the SMS in the reader's language.
    const preview = tpl.sms[lang()] || tpl.sms.ar || tpl.sms.fa || tpl.sms.en || '';
    return h('details', { class: 'card template', 'data-testid': `template-box-${tpl.name}` },
      h('summary', {}, h('strong', {}, h('bdi', {}, tpl.name)), ' ', h('span', { class: 'muted' }, preview)), form);
  });
  return h('div', { 'data-testid': 'templates' }, hint, ...(forms.length ? forms : [h('p', {}, d.empty)]));
}
