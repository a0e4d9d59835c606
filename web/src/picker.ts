import { h, uid } from './dom';
import { foldText } from './digits';

export interface PickerItem { value: string; label: string; search: string }

/** A searchable picker: a search box filtering a listbox-like <select size>. Native controls,
 *  so it is keyboard operable (type, then Down arrow or Enter into the list) and labelled; the
 *  typed text and the names are folded alike (digits.ts foldText: ي/ی, ك/ک, alef forms,
 *  diacritics), and one heading (the legend) names both controls, so it stays short. */
export function picker(label: string, searchLabel: string, items: PickerItem[], opts: { required?: boolean; noneLabel?: string; name: string }) {
  const searchId = uid('search');
  const search = h('input', { type: 'search', id: searchId, autocomplete: 'off', placeholder: searchLabel, 'data-testid': `${opts.name}-search` });
  const listId = uid('list');
  const list = h('select', { size: 4, id: listId, name: opts.name, required: opts.required ?? false, 'data-testid': opts.name });
  const fold = foldText;
  const render = () => {
    const qv = fold(search.value.trim());
    const prev = list.value;
    list.replaceChildren();
    if (opts.noneLabel) list.append(h('option', { value: '' }, opts.noneLabel));
    for (const it of items) if (!qv || fold(it.search).includes(qv)) list.append(h('option', { value: it.value }, it.label));
    list.value = prev;
  };
  search.addEventListener('input', render);
  search.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'ArrowDown' || (e as KeyboardEvent).key === 'Enter') {
      e.preventDefault();
      list.focus();
      if (!list.value && list.options.length) list.selectedIndex = opts.noneLabel && list.options.length > 1 ? 1 : 0;
    }
  });
  render();
  const el = h('fieldset', { class: 'picker' },
    h('legend', {}, label),
    h('label', { for: searchId, class: 'sr-only' }, searchLabel), search,
    h('label', { for: listId, class: 'sr-only' }, label), list);
  return { el, list, search };
}
