import ar from './ar';
import en, { type Dict } from './en';
import fa from './fa';
import * as reports from './reports';
import * as prefs from './prefs';
import * as admin from './admin';
import * as flow from './flow';
import * as wallboard from './wallboard';
import * as audit from './audit';
import * as timeline from './timeline';
import * as files from './files';
import * as retype from './retype';
import * as calls from './calls';
import * as problems from './problems';
import * as desk from './desk';

// Feature dictionaries: web/src/i18n/<feature>.ts exports `en`, `ar` and `fa` (the last two typed
// `typeof en`, so a missing string fails the build) and is registered here with one import and
// one entry; its strings are then `t().<feature>.…`.
const parts = {
  flow,
  reports,
  prefs,
  admin,
  wallboard,
  audit,
  timeline,
  files,
  retype,
  calls,
  problems,
  desk,
};
type Parts = { [K in keyof typeof parts]: (typeof parts)[K]['en'] };
export type FullDict = Dict & Parts;

export type Lang = 'ar' | 'fa' | 'en';
export const LANGS: Lang[] = ['ar', 'fa', 'en'];
function compose(l: Lang, base: Dict): FullDict {
  const d: Record<string, unknown> = { ...base };
  for (const [k, p] of Object.entries(parts) as [string, Record<Lang, unknown>][]) d[k] = p[l];
  return d as FullDict;
}
const dicts: Record<Lang, FullDict> = { ar: compose('ar', ar), fa: compose('fa', fa), en: compose('en', en) };

let current: Lang = 'ar';

export function isLang(x: unknown): x is Lang {
  return x === 'ar' || x === 'fa' || x === 'en';
}

export function lang(): Lang {
  return current;
}

/** The current dictionary. Every user-visible string comes from here. */
export function t(): FullDict {
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

/** A string with {name} placeholders filled in. */
export function fill(s: string, values: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
