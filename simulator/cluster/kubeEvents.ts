/** Writes the event log into the store as core/v1 Events, aggregating repeats like the kubelet does. */
import type { VirtualClock } from '../core/clock.js';
import type { SimEvent } from '../core/eventLog.js';
import type { ObjectStore } from './store/index.js';
import type { KubeObject, StoredObject } from './types.js';
import { clearPreAdmitted, preAdmit, validEventName, validNamespaceName } from './preAdmitted.js';

/** A recorded Event: what it aggregates (reason, message) and where it is stored. */
interface Ref {
  readonly reason: string;
  readonly message: string;
  readonly namespace: string | undefined;
  readonly name: string;
}
type InvolvedObject = Record<string, string>;

/** An involved object as last seen: the reference compared, the Event field built from it, and its id in SeenEvents. */
interface Involved {
  readonly io: SimEvent['involvedObject'];
  readonly obj: InvolvedObject;
  readonly id: string;
}

/** Past this many Events for one object, its Events are found through a map instead of a scan. */
const LIST_MAX = 16;

/** The map key of an Event that aggregates (reason, message). */
const aggregateKey = (reason: string, message: string): string => reason + '\u0000' + message;

/**
 * involvedObject → its Events, so a repeat (same reason and message) bumps `count`. Most objects have a
 * few Events (a pod's ~10), kept in a short list: no key text built, hashed and kept per Event; an
 * object with many (a Workflow's node events) gets a map keyed by reason and message.
 */
class SeenEvents {
  private byObject = new Map<string, Ref[] | Map<string, Ref>>();
  /** The last object asked about and its Events (an object's Events come in runs: a pod's container starts). */
  private lastObject: string | undefined;
  private lastEvents: Ref[] | Map<string, Ref> | undefined;

  clear(): void {
    this.byObject.clear();
    this.lastObject = undefined;
    this.lastEvents = undefined;
  }

  private eventsOf(object: string): Ref[] | Map<string, Ref> | undefined {
    if (object !== this.lastObject) {
      this.lastObject = object;
      this.lastEvents = this.byObject.get(object);
    }
    return this.lastEvents;
  }

  find(object: string, reason: string, message: string): Ref | undefined {
    const v = this.eventsOf(object);
    if (v === undefined) return undefined;
    if (v instanceof Map) return v.get(aggregateKey(reason, message));
    for (let i = 0; i < v.length; i++) {
      const r = v[i]!;
      if (r.reason === reason && r.message === message) return r;
    }
    return undefined;
  }

  /** Remember `ref` for `object` (replacing an Event with the same reason and message). */
  remember(object: string, ref: Ref): void {
    const v = this.eventsOf(object);
    if (v === undefined) {
      const list = [ref];
      this.byObject.set(object, list);
      this.lastEvents = list;
      return;
    }
    if (v instanceof Map) {
      v.set(aggregateKey(ref.reason, ref.message), ref);
      return;
    }
    for (let i = 0; i < v.length; i++) {
      if (v[i]!.reason === ref.reason && v[i]!.message === ref.message) {
        v[i] = ref;
        return;
      }
    }
    if (v.length < LIST_MAX) {
      v.push(ref);
      return;
    }
    const m = new Map<string, Ref>();
    for (const r of [...v, ref]) m.set(aggregateKey(r.reason, r.message), r);
    this.byObject.set(object, m);
    this.lastEvents = m;
  }
}

export class KubeEventRecorder {
  private seen = new SeenEvents();
  /**
   * Stored Events are frozen, so equal sub-objects can be shared between them: the last involvedObject
   * (a pod's Events come in runs) and one `source` per component. Fewer objects kept, less to collect.
   */
  private lastInvolved: Involved | undefined;
  private sources = new Map<string, { component: string }>();
  private seq = 0;
  /** Event timestamps have second precision: reuse the text within a virtual second. */
  private isoSecond = NaN;
  private isoText = '';
  /**
   * Namespace name → its stored object (null: none), so an Event does not look its namespace up in
   * the store each time; forgotten on every Namespace write (a watch) and on reset.
   */
  private namespaces = new Map<string, StoredObject | null>();
  private checkedName = '';
  private checkedNamespace = '';
  private checkedValid = false;
  private unwatch: () => void;

  constructor(
    private store: ObjectStore,
    private clock: VirtualClock,
  ) {
    this.unwatch = this.watchNamespaces();
  }

  private watchNamespaces(): () => void {
    return this.store.watch(() => this.namespaces.clear(), { group: '', kind: 'Namespace' });
  }

  private namespace(name: string): StoredObject | null {
    let ns = this.namespaces.get(name);
    if (ns === undefined) {
      ns = this.store.get({ apiVersion: 'v1', kind: 'Namespace', name }) ?? null;
      this.namespaces.set(name, ns);
    }
    return ns;
  }

  reset(store: ObjectStore): void {
    if (store !== this.store) {
      this.unwatch();
      this.store = store;
      this.unwatch = this.watchNamespaces();
    }
    this.namespaces.clear();
    this.seen.clear();
    this.lastInvolved = undefined;
    // Count from zero again, so a restored world names its next Events exactly as the original did.
    this.seq = 0;
    for (const e of store.list({ apiVersion: 'v1', kind: 'Event' })) {
      const ev = e as StoredObject & { involvedObject?: { uid?: string; name?: string; kind?: string }; reason?: string; message?: string };
      this.seen.remember(String(objectId(ev.involvedObject ?? {})), {
        reason: String(ev.reason ?? ''),
        message: String(ev.message ?? ''),
        namespace: e.metadata.namespace ?? 'default',
        name: e.metadata.name,
      });
      this.seq++;
    }
  }

  /**
   * `io` as an Event's involvedObject (fields in the API's order) and its id, shared with the previous
   * Event when equal: no new object, and no id text built again for an object without a uid.
   */
  private involved(io: SimEvent['involvedObject']): Involved {
    const last = this.lastInvolved;
    if (last) {
      const p = last.io;
      if (p === io || (p.kind === io.kind && p.name === io.name && p.apiVersion === io.apiVersion && p.namespace === io.namespace && p.uid === io.uid)) {
        return last;
      }
    }
    const obj: InvolvedObject = { kind: io.kind, name: io.name };
    if (io.apiVersion) obj.apiVersion = io.apiVersion;
    if (io.namespace) obj.namespace = io.namespace;
    if (io.uid) obj.uid = io.uid;
    const copy = { kind: io.kind, name: io.name, apiVersion: io.apiVersion, namespace: io.namespace, uid: io.uid };
    return (this.lastInvolved = { io: copy, obj, id: objectId(copy) });
  }

  private source(component: string): { component: string } {
    let s = this.sources.get(component);
    if (!s) this.sources.set(component, (s = { component }));
    return s;
  }

  /**
   * Whether Event names `<objectName>.<hex>` (a hex label appended) and the namespace pass validation,
   * remembered for the last pair: an object's Events come in runs.
   */
  private validNames(objectName: string, namespace: string): boolean {
    if (objectName !== this.checkedName || namespace !== this.checkedNamespace) {
      this.checkedName = objectName;
      this.checkedNamespace = namespace;
      this.checkedValid = typeof objectName === 'string' && validEventName(objectName) && validNamespaceName(namespace);
    }
    return this.checkedValid;
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
    const ns = this.namespace(namespace);
    // Like the API server: no new Events in a namespace that is gone or terminating.
    if (!ns || ns.metadata.deletionTimestamp) return;
    const time = this.iso(e.t);
    const involved = this.involved(io);
    const object = involved.id;
    const prior = this.seen.find(object, e.reason, e.message);
    if (prior) {
      const existing = this.store.get({ apiVersion: 'v1', kind: 'Event', namespace: prior.namespace, name: prior.name });
      if (existing) {
        const count = typeof existing.count === 'number' ? existing.count : 1;
        try {
          // One this recorder wrote (its shared `source`): still valid with a new count and time, and its
          // body (frozen, the recorder's own values) is shared rather than copied.
          if (existing.source === this.sources.get(source)) {
            preAdmit(this.store, prior.namespace ?? '', prior.name);
            this.store.updateFields(existing, { count: count + 1, lastTimestamp: time });
          } else this.store.update({ ...existing, count: count + 1, lastTimestamp: time } as KubeObject);
        } catch {
          // Dropped like a refused create (below).
        } finally {
          clearPreAdmitted();
        }
        return;
      }
    }
    const name = `${io.name}.${hex(e.t * 1000 + this.seq++)}`;
    const involvedObject = involved.obj;
    const admitted = this.validNames(io.name, namespace) && name.length <= 253;
    if (admitted) preAdmit(this.store, namespace, name);
    let stored: StoredObject;
    try {
      // A fresh object nobody else holds (its shared parts are frozen already): the store may keep it as is.
      stored = this.store.adopt({
        apiVersion: 'v1',
        kind: 'Event',
        // The store adds these three (in this order) after admission: made room for here, they sit in the
        // object itself, not in a second property array per Event. Only when admission is skipped, so
        // no validation sees the empty slots.
        metadata: admitted ? { name, namespace, uid: undefined, creationTimestamp: undefined, resourceVersion: undefined } : { name, namespace },
        involvedObject,
        reason: e.reason,
        message: e.message,
        type: e.type,
        source: this.source(source),
        reportingComponent: source,
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
      });
    } catch {
      // Like client-go's recorder: an Event the API server refuses is dropped, the caller goes on.
      return;
    } finally {
      clearPreAdmitted();
    }
    this.seen.remember(object, { reason: e.reason, message: e.message, namespace: stored.metadata.namespace, name: stored.metadata.name });
  }
}

/** The high part's text of the last `hex` call: it changes once per ~72 virtual minutes. */
let hiNumber = -1;
let hiText = '';

/** The character code of hex digit `d` (0-15), lower case. */
const digit = (d: number): number => (d < 10 ? 48 + d : 87 + d);

/** `x.toString(16)` for a non-negative integer below 2^53, without the slow double-to-radix path. */
export function hex(x: number): string {
  const hi = Math.floor(x / 4294967296);
  const lo = (x - hi * 4294967296) >>> 0;
  if (hi === 0) return lo.toString(16);
  if (hi !== hiNumber) {
    hiNumber = hi;
    hiText = hi.toString(16);
  }
  // The low 32 bits as exactly 8 digits, in one string (no radix conversion, no padding pass).
  return (
    hiText +
    String.fromCharCode(
      digit(lo >>> 28),
      digit((lo >>> 24) & 15),
      digit((lo >>> 20) & 15),
      digit((lo >>> 16) & 15),
      digit((lo >>> 12) & 15),
      digit((lo >>> 8) & 15),
      digit((lo >>> 4) & 15),
      digit(lo & 15),
    )
  );
}

function objectId(io: { uid?: string; name?: string; kind?: string }): string {
  return io.uid ?? `${io.kind}/${io.name}`;
}
