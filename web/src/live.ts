// Live updates: one WebSocket to /api/v1/ws shared by every view of the tab. Messages only say
// that something changed ({type: 'case', id, status, ...}); views refetch through the REST API,
// which applies the user's permissions. The socket reconnects by itself with a growing delay and
// never reloads the page; after every (re)connection the server sends {type: 'ready'}, and views
// refetch then too, since changes made while the socket was down were not sent.

export type LiveMessage =
  | { type: 'ready' }
  | { type: 'case'; id: number; event: string; status: string; unit_id: number | null }
  | { type: 'contact'; channel: string }
  /** A call rang, was answered or ended (to the agents it rings for); read /contacts/{id}/pop. */
  | { type: 'call'; event: 'ringing' | 'answered' | 'ended'; contact_id: number }
  /** Many changes at once (a bulk change): refetch everything. */
  | { type: 'resync' }
  /** Sent by this module, not the server: the socket dropped; a reconnection is scheduled. */
  | { type: 'closed' };

type Listener = (m: LiveMessage) => void;
interface Subscription { fn: Listener; owner: Element | null; attached: boolean }

const subs = new Set<Subscription>();
let socket: WebSocket | null = null;
let attempts = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let ready = false;

const MAX_DELAY_MS = 30_000;

/** Whether the socket is open and the server reads changes for it. */
export function liveReady(): boolean {
  return ready;
}

/**
 * Calls `fn` with every message until the returned function is called or, with an `owner`,
 * until the owner element has left the document (views are replaced on navigation).
 */
export function subscribe(fn: Listener, owner: Element | null = null): () => void {
  const s: Subscription = { fn, owner, attached: false };
  subs.add(s);
  connect();
  return () => {
    subs.delete(s);
    if (subs.size === 0) disconnect();
  };
}

/** Closes the socket (signing out); the next subscribe() opens a new one. */
export function disconnect(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  const s = socket;
  socket = null;
  ready = false;
  attempts = 0;
  if (s) s.close(1000);
}

/** Drops the subscriptions whose owner was in the document and has left it. */
function prune(): void {
  for (const s of subs) {
    if (!s.owner) continue;
    if (s.owner.isConnected) s.attached = true;
    else if (s.attached) subs.delete(s);
  }
  if (subs.size === 0) disconnect();
}

function deliver(m: LiveMessage): void {
  prune();
  for (const s of [...subs]) {
    try {
      s.fn(m);
    } catch (e) {
      console.error('live listener failed', e);
    }
  }
}

function connect(): void {
  if (socket || retryTimer !== undefined) return;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`;
  const ws = new WebSocket(url);
  socket = ws;
  ws.onmessage = (e) => {
    let m: LiveMessage;
    try {
      m = JSON.parse(String(e.data)) as LiveMessage;
    } catch {
      return;
    }
    if (m.type === 'ready') {
      ready = true;
      attempts = 0;
    }
    deliver(m);
  };
  ws.onclose = () => {
    if (socket !== ws) return;  // closed on purpose
    socket = null;
    const was = ready;
    ready = false;
    if (was) deliver({ type: 'closed' });
    if (subs.size === 0) return;
    // 1 s, 2 s, 4 s ... up to 30 s, with jitter so a restarted server is not hit all at once.
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts) * (0.5 + Math.random() / 2);
    attempts++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (subs.size > 0) connect();
    }, delay);
  };
}
