/**
 * Where stored objects live: one bucket per kind (namespace → name → object), and the cached lookups
 * every store call makes first (apiVersion + kind, or group + kind → KindInfo → its bucket).
 */
import { ApiError } from '../../core/errors.js';
import { apiVersionOf } from '../kinds.js';
import type { KindInfo, KindRegistry } from '../kinds.js';
import type { ObjectKey, StoredObject } from '../types.js';

interface Slot {
  obj: StoredObject;
}

/**
 * One kind's objects. Looked up by namespace, then name: two probes with the strings' cached hashes
 * instead of building and hashing a `namespace/name` string on every get. Iteration (list order) is
 * insertion order, as a flat map keyed by `namespace/name` would give: an update keeps its place
 * (it only changes the slot), a re-created object goes to the end.
 */
export class Bucket {
  private readonly index = new Map<string, Map<string, Slot>>();
  private readonly order = new Set<Slot>();

  get size(): number {
    return this.order.size;
  }

  get(namespace: string, name: string): StoredObject | undefined {
    return this.index.get(namespace)?.get(name)?.obj;
  }

  has(namespace: string, name: string): boolean {
    return this.index.get(namespace)?.has(name) ?? false;
  }

  set(namespace: string, name: string, obj: StoredObject): void {
    let byName = this.index.get(namespace);
    if (!byName) this.index.set(namespace, (byName = new Map()));
    const slot = byName.get(name);
    if (slot) {
      slot.obj = obj;
      return;
    }
    const added = { obj };
    byName.set(name, added);
    this.order.add(added);
  }

  /** `set` of a name known to be absent (the create path checked `has`): one probe less. */
  add(namespace: string, name: string, obj: StoredObject): void {
    let byName = this.index.get(namespace);
    if (!byName) this.index.set(namespace, (byName = new Map()));
    const added = { obj };
    byName.set(name, added);
    this.order.add(added);
  }

  delete(namespace: string, name: string): void {
    const byName = this.index.get(namespace);
    const slot = byName?.get(name);
    if (!slot) return;
    byName!.delete(name);
    this.order.delete(slot);
  }

  *values(): IterableIterator<StoredObject> {
    for (const slot of this.order) yield slot.obj;
  }

  /** `values` without a generator step (an iterator result object) per object: what `list` walks. */
  forEach(visit: (obj: StoredObject) => void): void {
    this.order.forEach((slot) => visit(slot.obj));
  }
}

export class Buckets {
  private objects = new Map<string, Bucket>();
  private infoCache = new Map<string, KindInfo>();
  private byVersion = new Map<string, Map<string, KindInfo>>();
  private bucketCache = new Map<KindInfo, Bucket>();
  private apiVersions = new Map<KindInfo, string>();

  constructor(private readonly kinds: KindRegistry) {
    kinds.onChange(() => {
      this.infoCache.clear();
      this.byVersion.clear();
      this.bucketCache.clear();
      this.apiVersions.clear();
    });
  }

  /** `apiVersionOf(info)`, one string per kind: no concatenation per write, one copy shared by every object. */
  apiVersion(info: KindInfo): string {
    let v = this.apiVersions.get(info);
    if (v === undefined) this.apiVersions.set(info, (v = apiVersionOf(info)));
    return v;
  }

  /** The kind, or the API server's "no matches for kind" error. */
  resolveKind(apiVersion: string, kind: string): KindInfo {
    // Two levels, so the hot path hashes the caller's (usually literal) strings instead of a new concatenation.
    let byKind = this.byVersion.get(apiVersion);
    if (!byKind) this.byVersion.set(apiVersion, (byKind = new Map()));
    let info = byKind.get(kind);
    if (!info) {
      info = this.kinds.resolve(apiVersion, kind);
      byKind.set(kind, info);
    }
    return info;
  }

  /** The Namespace kind (looked up on every namespaced create), cached like the others. */
  namespaceInfo(): KindInfo | undefined {
    const id = '\u0002Namespace';
    let info = this.infoCache.get(id);
    if (!info) {
      info = this.kinds.find('v1', 'Namespace');
      if (info) this.infoCache.set(id, info);
    }
    return info;
  }

  infoFor(key: ObjectKey): KindInfo {
    if (key.apiVersion) return this.resolveKind(key.apiVersion, key.kind);
    const id = '\u0001' + (key.group ?? '') + '\u0000' + key.kind;
    let info = this.infoCache.get(id);
    if (info) return info;
    info = this.kinds.findByGroupKind(key.group ?? '', key.kind);
    if (!info) throw new ApiError('NotFound', `no matches for kind "${key.kind}" in group "${key.group ?? ''}"`);
    this.infoCache.set(id, info);
    return info;
  }

  bucket(info: KindInfo): Bucket {
    let b = this.bucketCache.get(info);
    if (b) return b;
    const id = `${info.group}/${info.kind}`;
    b = this.objects.get(id);
    if (!b) this.objects.set(id, (b = new Bucket()));
    this.bucketCache.set(info, b);
    return b;
  }

  /** Every bucket (all kinds). */
  all(): Iterable<Bucket> {
    return this.objects.values();
  }

  clear(): void {
    this.objects.clear();
    this.bucketCache.clear();
  }
}

/** The namespace part of an object's id in its bucket (`namespace/name`): empty for cluster-scoped kinds. */
export function nsOf(info: KindInfo, namespace: string | undefined): string {
  return info.namespaced ? namespace || 'default' : '';
}
