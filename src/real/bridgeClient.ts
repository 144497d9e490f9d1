/**
 * The browser's side of the bridge (`argo-sandbox real up`): one WebSocket to 127.0.0.1 carrying the
 * session token as a subprotocol, feature-RPC calls with typed results, and watches as callbacks.
 */
import type { BackendStatus, BackendWatchEvent, BridgeMethod, BridgeMethods, ServerMessage, WatchQuery } from '../../bridge/server/protocol';

/** Kept in step with bridge/server/protocol.ts (a value import would pull Node code into the bundle). */
export const TOKEN_PROTOCOL_PREFIX = 'argo-sandbox.token.';

export class BridgeCallError extends Error {
  constructor(readonly status: BackendStatus) {
    super(status.message);
    this.name = 'BridgeCallError';
  }
}

export interface BridgeTarget {
  url: string;
  token: string;
}

/** `#/real/?bridge=ws%3A…&token=…` (what `real up` prints) → where to connect. */
export function bridgeFromHash(hash: string): BridgeTarget | undefined {
  const q = hash.indexOf('?');
  if (q < 0) return undefined;
  const params = new URLSearchParams(hash.slice(q + 1));
  const url = params.get('bridge');
  const token = params.get('token');
  return url && token ? { url, token } : undefined;
}

/** Only a loopback address: the token must never be sent anywhere else. */
export function isLoopbackBridge(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

export class BridgeClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly watchers = new Map<string, { onEvent(e: BackendWatchEvent): void; onError?(s: BackendStatus): void }>();
  private closeListeners = new Set<(reason: string) => void>();
  /** Events of a watch whose id has not come back yet (kept until `watch` registers it). */
  private readonly early = new Map<string, ServerMessage[]>();
  private readonly stopped = new Set<string>();

  private constructor(private readonly ws: WebSocket) {
    ws.addEventListener('message', (ev) => this.receive(String(ev.data)));
    ws.addEventListener('close', (ev) => {
      const reason = ev.reason || (ev.code === 1006 ? 'the bridge went away' : `closed (${ev.code})`);
      for (const p of this.pending.values()) p.reject(new Error(reason));
      this.pending.clear();
      for (const fn of this.closeListeners) fn(reason);
    });
  }

  /** Opens the socket; rejects when the bridge refuses it (wrong token: the upgrade gets a 401). */
  static connect(target: BridgeTarget, WS: typeof WebSocket = WebSocket): Promise<BridgeClient> {
    if (!isLoopbackBridge(target.url)) return Promise.reject(new Error(`the bridge runs on this machine: expected ws://127.0.0.1:PORT/ws, got ${target.url}`));
    return new Promise((resolve, reject) => {
      const ws = new WS(target.url, [TOKEN_PROTOCOL_PREFIX + target.token]);
      const fail = () => reject(new Error(`could not connect to the bridge at ${target.url} (is \`argo-sandbox real up\` running, and is the token right?)`));
      ws.addEventListener('error', fail, { once: true });
      ws.addEventListener('open', () => {
        ws.removeEventListener('error', fail);
        resolve(new BridgeClient(ws));
      }, { once: true });
    });
  }

  call<M extends BridgeMethod>(method: M, ...args: BridgeMethods[M][0]): Promise<BridgeMethods[M][1]> {
    const id = this.nextId++;
    const [feature, name] = method.split('.') as [string, string];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as BridgeMethods[M][1]), reject });
      this.ws.send(JSON.stringify({ id, feature, method: name, args }));
    });
  }

  /** Starts a watch; the returned function stops it. */
  async watch(query: WatchQuery, onEvent: (e: BackendWatchEvent) => void, onError?: (s: BackendStatus) => void): Promise<() => void> {
    const { watch } = await this.call('cluster.watch', query);
    this.watchers.set(watch, { onEvent, onError });
    for (const m of this.early.get(watch) ?? []) this.receiveWatch(m);
    this.early.delete(watch);
    return () => {
      this.watchers.delete(watch);
      this.stopped.add(watch);
      if (this.ws.readyState === this.ws.OPEN) void this.call('cluster.unwatch', watch).catch(() => undefined);
    };
  }

  onClose(fn: (reason: string) => void): () => void {
    this.closeListeners.add(fn);
    return () => this.closeListeners.delete(fn);
  }

  close(): void {
    this.ws.close();
  }

  private receive(text: string): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if ('id' in msg) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new BridgeCallError(msg.error));
      return;
    }
    this.receiveWatch(msg);
  }

  private receiveWatch(msg: ServerMessage): void {
    if ('id' in msg) return;
    const w = this.watchers.get(msg.watch);
    if (!w) {
      if (this.stopped.has(msg.watch)) return; // in flight when it was stopped
      this.early.set(msg.watch, [...(this.early.get(msg.watch) ?? []), msg]);
      return;
    }
    if ('event' in msg) w.onEvent(msg.event);
    else w.onError?.(msg.error);
  }
}
