/** Writes the event log into the store as core/v1 Events, aggregating repeats like the kubelet does. */
import type { VirtualClock } from '../core/clock.js';
import type { SimEvent } from '../core/eventLog.js';
import type { ObjectStore } from './store/index.js';
import type { KubeObject, StoredObject } from './types.js';

export class KubeEventRecorder {
  /** involvedObject → reason + message → Event name, so repeats bump `count` (nested: small maps, short keys). */
  private seen = new Map<string, Map<string, { namespace: string; name: string }>>();
  private seq = 0;
  /** Event timestamps have second precision: reuse the text within a virtual second. */
  private isoSecond = NaN;
  private isoText = '';

  constructor(
    private store: ObjectStore,
    private clock: VirtualClock,
  ) {}

  reset(store: ObjectStore): void {
    this.store = store;
    this.seen.clear();
    // Count from zero again, so a restored world names its next Events exactly as the original did.
    this.seq = 0;
    for (const e of store.list({ apiVersion: 'v1', kind: 'Event' })) {
      const ev = e as StoredObject & { involvedObject?: { uid?: string; name?: string; kind?: string }; reason?: string; message?: string };
      this.remember(objectId(ev.involvedObject ?? {}), `${ev.reason ?? ''}\u0000${ev.message ?? ''}`, { namespace: e.metadata.namespace ?? 'default', name: e.metadata.name });
      this.seq++;
    }
  }

  /** `id`: the involved object; `text`: reason and message. */
  private remember(id: string, text: string, ref: { namespace: string; name: string }): void {
    let byText = this.seen.get(id);
    if (!byText) this.seen.set(id, (byText = new Map()));
    byText.set(text, ref);
  }

  private iso(t: number): string {
    const second = Math.floor(t / 1000);
    if (second !== this.isoSecond) {
      this.isoSecond = second;
      this.isoText = this.clock.iso(t);
    }
    return this.isoText;
  }

  write(source: string, e: SimEvent): void {
    const io = e.involvedObject;
    const namespace = io.namespace || 'default';
    const ns = this.store.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    // Like the API server: no new Events in a namespace that is gone or terminating.
    if (!ns || ns.metadata.deletionTimestamp) return;
    const time = this.iso(e.t);
    // One key per event, hashed once for the lookup and the insert below.
    const id = objectId(io);
    const text = e.reason + '\u0000' + e.message;
    const prior = this.seen.get(id)?.get(text);
    if (prior) {
      const existing = this.store.get({ apiVersion: 'v1', kind: 'Event', ...prior });
      if (existing) {
        const count = typeof existing.count === 'number' ? existing.count : 1;
        try {
          this.store.update({ ...existing, count: count + 1, lastTimestamp: time } as KubeObject);
        } catch {
          // Dropped like a refused create (below).
        }
        return;
      }
    }
    const name = `${io.name}.${hex(e.t * 1000 + this.seq++)}`;
    const involvedObject: Record<string, string> = { kind: io.kind, name: io.name };
    if (io.apiVersion) involvedObject.apiVersion = io.apiVersion;
    if (io.namespace) involvedObject.namespace = io.namespace;
    if (io.uid) involvedObject.uid = io.uid;
    try {
      // A fresh object nobody else holds: the store may keep it as is.
      this.store.adopt({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject,
        reason: e.reason,
        message: e.message,
        type: e.type,
        source: { component: source },
        reportingComponent: source,
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
      });
    } catch {
      // Like client-go's recorder: an Event the API server refuses is dropped, the caller goes on.
      return;
    }
    this.remember(id, text, { namespace, name });
  }
}

/** `x.toString(16)` for a non-negative integer below 2^53, without the slow double-to-radix path. */
function hex(x: number): string {
  const hi = Math.floor(x / 4294967296);
  const lo = (x - hi * 4294967296) >>> 0;
  return hi > 0 ? hi.toString(16) + lo.toString(16).padStart(8, '0') : lo.toString(16);
}

function objectId(io: { uid?: string; name?: string; kind?: string }): string {
  return io.uid ?? `${io.kind}/${io.name}`;
}
