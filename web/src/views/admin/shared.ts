// What several administration sections share: the shapes of categories, units, workflows and
// business calendars as the API returns them, and how lists and numbers are written.
import type { Localized } from '../../api';
import type { TreeNode } from '../../components/tree';
import { lang, t } from '../../i18n';
import { locale } from '../../state';

export interface AdminCategory extends TreeNode { default_unit_id: number | null; workflow: string }
export interface AdminUnit extends TreeNode { kind: string }
interface WfState { name: string; label: Localized; status: string; inbox: string | null; final: boolean }
interface WfAction { name: string; label: Localized; from: string[]; to: string | null; roles: string[] }
export interface Workflow { name: string; label: Localized; initial: string; states: WfState[]; actions: WfAction[] }
export interface DateRule { name: string; calendar: string; year: number | null; from: string; to: string }
export interface BusinessCalendar {
  name: string; declared: boolean; time_zone: string; always_open: boolean; week: Record<string, string[]>;
  holidays: DateRule[]; periods: (DateRule & { week: Record<string, string[]> })[];
}

/** A list separator in the current language. */
export const sep = () => (lang() === 'en' ? ', ' : '، ');

/** The user's digits (state.ts locale()), without grouping (years). */
export function numbers(): Intl.NumberFormat {
  return new Intl.NumberFormat(locale(), { useGrouping: false });
}

/** A count in the user's digits (state.ts locale()). */
export function count(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** A calendar's or holiday's name as people say it: known names in the reader's language, a
 *  trailing year kept ("eid_al_fitr_1404"), others with spaces for underscores. */
export function knownLabel(id: string): string {
  const known = t().admin.known;
  if (known[id]) return known[id];
  const dated = id.match(/^(.*)_(\d{4})$/);
  if (dated && known[dated[1]]) return `${known[dated[1]]} ${numbers().format(Number(dated[2]))}`;
  return id.replace(/_/g, ' ');
}
