import ar from './ar';
import en, { type Dict } from './en';
import fa from './fa';

export type Lang = 'ar' | 'fa' | 'en';
export const LANGS: Lang[] = ['ar', 'fa', 'en'];
const dicts: Record<Lang, Dict> = { ar, fa, en };

let current: Lang = 'ar';

export function isLang(x: unknown): x is Lang {
  return x === 'ar' || x === 'fa' || x === 'en';
}

export function lang(): Lang {
  return current;
}

/** The current dictionary. Every user-visible string comes from here. */
export function t(): Dict {
  return dicts[current];
}

/** Switches the language and the document's direction (rtl for Arabic and Persian). */
export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l;
  document.documentElement.dir = l === 'en' ? 'ltr' : 'rtl';
}

/** A server-side localized name ({ar, fa, en}), falling back to any non-empty one. */
export function localized(name: Partial<Record<Lang, string>> | undefined | null): string {
  if (!name) return '';
  return name[current] || name.en || name.ar || name.fa || '';
}
