import { normalizeDigits } from './digits';
import type { Lang } from './i18n';

export type Localized = Partial<Record<Lang, string>>;
export interface User {
  id: number; username: string; display_name: string; role: string; language: string; unit_id: number | null; calendar?: '' | Installation['calendar']; digits?: '' | 'latn' | 'native';
  /** What the role may do: the server's permissions table (GET /api/v1/auth/me). */
  permissions?: string[];
}
export interface Installation { calendar: 'gregorian' | 'islamic-umalqura' | 'persian'; languages: Lang[]; center_name: Localized; time_zone: string; country: string; requester_attributes?: RequesterAttribute[]; map_tiles?: string }
/** What the center records about requesters beyond name and phone (the profile's definitions). */
export interface RequesterAttribute { key: string; type: 'text' | 'choice' | 'number' | 'date'; name: Localized; required: boolean; choices: { key: string; name: Localized }[] }
export interface Category { id: number; parent_id: number | null; code: string; name: Localized; active?: boolean }
export interface Site { id: number; code: string; name: Localized; district?: string; region?: string; active: boolean; latitude?: number | null; longitude?: number | null }
export interface Unit { id: number; code: string; name: Localized; active: boolean; parent_id?: number | null; kind?: string }
export interface Requester { id: number; name: string; phone: string; email?: string; attributes?: Record<string, string> }
export interface SlaClock { due: string; state: string; run?: string }
export interface Colleague { id: number; name: string; username?: string; role: string; unit_id: number | null }
export interface Case {
  id: number; tracking_code: string; type: string; category_id: number; channel: string; status: string;
  state: string; state_label: Localized; priority: string; description: string; created_at: string;
  updated_at: string; site_id: number | null; requester: Requester | null; public_answer: string;
  unit_id?: number | null; suggested_unit_id?: number | null; owner_id?: number | null; version?: number;
  requester_hidden?: boolean;
  sla?: { first_response?: SlaClock | null; resolution?: SlaClock | null } | null;
}
export interface ActionInput { name: string; type: 'text' | 'unit' | 'case' | 'date' | 'time' | 'choice' | 'bool'; required: boolean; options: string[] }
export interface Action { name: string; label: Localized; to: string | null; inputs: ActionInput[] }
export interface LoginResult { token: string; user: User }
export interface PublicTrack { tracking_code: string; status: string; type: string; public_answer: string; created_at: string; updated_at: string }

export class ApiError extends Error {
  constructor(public status: number, public problem: { title?: string; detail?: string; type?: string; field?: string } | null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
  }
}

/** Requests in flight; main.ts shows a loading bar when some take more than 150 ms. */
let inflight = 0;
function inFlight(delta: number) {
  inflight += delta;
  window.dispatchEvent(new CustomEvent('tawasul:busy', { detail: inflight }));
}

/** Calls the JSON API. The session is the HttpOnly cookie the login sets (same origin). */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ data: T; etag: string | null }> {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  inFlight(1);
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, init);
    text = await res.text();
  } finally {
    inFlight(-1);
  }
  let json: unknown = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) throw new ApiError(res.status, json as ApiError['problem']);
  return { data: json as T, etag: res.headers.get('ETag') };
}

export const get = async <T>(path: string) => (await api<T>('GET', path)).data;

export function q(params: Record<string, string | number | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, normalizeDigits(String(v)));
  const s = u.toString();
  return s ? `?${s}` : '';
}
