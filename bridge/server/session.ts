/**
 * One WebSocket connection: requests in, answers out, and the watches it opened (stopped when it
 * closes). Calls go straight to the `ClusterBackend`; failures go back as the API server's Status.
 */
import { BackendError } from '../backend.js';
import type { BackendStatus, ClusterBackend, WatchHandle } from '../backend.js';
import type { BridgeMethod, BridgeMethods, ServerMessage } from './protocol.js';

export interface SessionDeps {
  backend: ClusterBackend;
  send(msg: ServerMessage): void;
  /** The bridge-level calls (status, git). */
  bridgeCall(method: BridgeMethod, args: unknown[]): Promise<unknown> | undefined;
}

/** A result with work to do once it has been sent (a watch's first events must follow its id). */
class Reply {
  constructor(
    readonly value: unknown,
    readonly afterSend: () => void,
  ) {}
}

function statusOf(err: unknown): BackendStatus {
  if (err instanceof BackendError) return err.status;
  return { code: 500, reason: 'InternalError', message: err instanceof Error ? err.message : String(err) };
}

function bad(message: string): BackendError {
  return new BackendError({ code: 400, reason: 'BadRequest', message });
}

export class BridgeSession {
  private readonly watches = new Map<string, WatchHandle>();
  private nextWatch = 1;
  private closed = false;

  constructor(private readonly deps: SessionDeps) {}

  /** Handle one raw message; never throws (a malformed one is answered with a BadRequest). */
  async receive(raw: string): Promise<void> {
    let id = 0;
    try {
      const msg = JSON.parse(raw) as { id?: unknown; feature?: unknown; method?: unknown; args?: unknown };
      if (typeof msg.id !== 'number') throw bad('every message needs a numeric "id"');
      id = msg.id;
      if (typeof msg.feature !== 'string' || typeof msg.method !== 'string') throw bad('every message needs "feature" and "method"');
      const args = Array.isArray(msg.args) ? (msg.args as unknown[]) : [];
      const result = await this.call(`${msg.feature}.${msg.method}` as BridgeMethod, args);
      const value = result instanceof Reply ? result.value : result;
      this.deps.send({ id, ok: true, result: value === undefined ? null : value });
      if (result instanceof Reply) result.afterSend();
    } catch (err) {
      const status = err instanceof SyntaxError ? { code: 400, reason: 'BadRequest', message: `the message is not JSON: ${err.message}` } : statusOf(err);
      this.deps.send({ id, ok: false, error: status });
    }
  }

  private async call(method: BridgeMethod, args: unknown[]): Promise<unknown> {
    const b = this.deps.backend;
    type A<M extends BridgeMethod> = BridgeMethods[M][0];
    switch (method) {
      case 'cluster.apply': {
        const [obj, opts] = args as A<'cluster.apply'>;
        return b.apply(obj, opts);
      }
      case 'cluster.get':
        return (await b.get((args as A<'cluster.get'>)[0])) ?? null;
      case 'cluster.list':
        return b.list((args as A<'cluster.list'>)[0]);
      case 'cluster.delete': {
        const [ref, opts] = args as A<'cluster.delete'>;
        return b.delete(ref, opts);
      }
      case 'cluster.logs':
        return b.logs((args as A<'cluster.logs'>)[0]);
      case 'cluster.events':
        return b.events((args as A<'cluster.events'>)[0]);
      case 'cluster.watch': {
        const watch = `w${this.nextWatch++}`;
        // The backend may deliver the current objects before `watch` returns: hold them until the
        // client has the watch id, or it would drop them as events of a watch it does not know.
        let held: ServerMessage[] | undefined = [];
        const emit = (m: ServerMessage): void => (held ? void held.push(m) : this.deps.send(m));
        const handle = await b.watch(
          (args as A<'cluster.watch'>)[0],
          (event) => emit({ watch, event }),
          (err) => emit({ watch, error: err.status }),
        );
        if (this.closed) handle.stop();
        else this.watches.set(watch, handle);
        return new Reply({ watch }, () => {
          const early = held ?? [];
          held = undefined;
          for (const m of early) this.deps.send(m);
        });
      }
      case 'cluster.unwatch': {
        const watch = (args as A<'cluster.unwatch'>)[0];
        this.watches.get(watch)?.stop();
        this.watches.delete(watch);
        return null;
      }
      default: {
        const answer = this.deps.bridgeCall(method, args);
        if (answer === undefined) throw new BackendError({ code: 404, reason: 'NotFound', message: `unknown method "${method}"` });
        return answer;
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
  }
}
