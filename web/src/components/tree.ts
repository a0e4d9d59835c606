// Trees of the administration screens (categories, organization units): a parent picker's
// options in tree order and the tree drawn as nested lists, each node with an Edit button.
import type { Localized } from '../api';
import { h } from '../dom';
import { localized, t } from '../i18n';

export interface TreeNode { id: number; parent_id: number | null; code: string; name: Localized; active: boolean }

const D = () => t().admin;

/** "path › to › node" labels for a parent picker, in tree order. */
export function treeOptions<T extends TreeNode>(nodes: T[], exclude?: number): [string, string][] {
  const byParent = new Map<number | null, T[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parent_id) ?? [];
    list.push(n);
    byParent.set(n.parent_id, list);
  }
  const out: [string, string][] = [];
  const walk = (parent: number | null, path: string) => {
    for (const n of byParent.get(parent) ?? []) {
      if (n.id === exclude) continue;  // a node cannot move under itself
      const label = path ? `${path} › ${localized(n.name)}` : localized(n.name);
      out.push([String(n.id), `${label} (${n.code})`]);
      walk(n.id, label);
    }
  };
  walk(null, '');
  return out;
}

/** The tree as nested lists, each node with an Edit button. */
export function treeList<T extends TreeNode>(nodes: T[], caption: string, extra: (n: T) => (Node | string)[], onEdit: (n: T) => void, testid: string) {
  const byParent = new Map<number | null, T[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parent_id) ?? [];
    list.push(n);
    byParent.set(n.parent_id, list);
  }
  const level = (parent: number | null): HTMLElement | null => {
    const kids = byParent.get(parent);
    if (!kids?.length) return null;
    return h('ul', { class: 'tree' }, ...kids.map((n) => h('li', { 'data-code': n.code },
      h('span', { class: 'node' },
        h('bdi', { class: 'muted' }, n.code), ' ', h('strong', {}, localized(n.name)),
        n.active ? null : h('span', { class: 'badge' }, D().inactive), ...extra(n),
        h('button', { type: 'button', class: 'linklike', 'aria-label': `${D().edit}: ${localized(n.name)}`, onclick: () => onEdit(n) }, D().edit)),
      level(n.id))));
  };
  return h('section', { 'aria-label': caption, 'data-testid': testid }, h('h2', {}, caption), level(null) ?? h('p', {}, '—'));
}
