// The profile's requester attributes as form fields (the console and the portal): a choice is a
// select, a number a numeric box, a date the calendar date input, text a box. Values go to the
// API as { key: value }; empty ones are left out.
import type { RequesterAttribute } from '../api';
import { dateInput } from '../datepicker';
import { normalizeDigits } from '../digits';
import { field, h, select } from '../dom';
import { localized, t } from '../i18n';

type Control = HTMLInputElement | HTMLSelectElement;

export function attributeFields(defs: RequesterAttribute[], opts: { staff: boolean }) {
  const controls = new Map<string, Control>();
  const fields = defs.map((a) => {
    const attrs = { name: `attr-${a.key}`, 'data-testid': `attr-${a.key}`, required: opts.staff && a.required };
    let el: Control;
    if (a.type === 'choice') {
      el = select([['', t().none], ...a.choices.map((c) => [c.key, localized(c.name)] as [string, string])], '', attrs);
    } else if (a.type === 'date') {
      el = dateInput({ name: attrs.name, required: attrs.required, attrs: { 'data-testid': attrs['data-testid'] } });
    } else if (a.type === 'number') {
      el = h('input', { ...attrs, inputmode: 'numeric', autocomplete: 'off', dir: 'ltr' });
    } else {
      el = h('input', { ...attrs, autocomplete: 'off' });
    }
    controls.set(a.key, el);
    return field(localized(a.name), el);
  });
  return {
    el: fields.length ? h('div', { class: 'row3 attributes', 'data-testid': 'requester-attributes' }, ...fields) : null,
    /** The values typed, digits of any script as ASCII; empty ones left out. */
    get(): Record<string, string> {
      const out: Record<string, string> = {};
      for (const [key, el] of controls) {
        const v = normalizeDigits(el.value.trim());
        if (v) out[key] = v;
      }
      return out;
    },
    /** Fills the empty fields from a requester on record. */
    fill(values: Record<string, string> | undefined) {
      for (const [key, v] of Object.entries(values ?? {})) {
        const el = controls.get(key);
        if (el && !el.value) el.value = v;
      }
    },
  };
}
