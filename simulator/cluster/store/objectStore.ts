/**
 * The API-server-like object store: create / update / patch / apply / delete with resourceVersion,
 * generation, uid, finalizers and deletionTimestamp; list with selectors; watch with resume.
 */
import { ApiError } from '../../core/errors.js';
import { checkEnvelope } from '../validation/envelope.js';
import type { VirtualClock } from '../../core/clock.js';
import type { Rng } from '../../core/rng.js';
import { KindRegistry, apiVersionOf, qualifiedResource } from '../kinds.js';
import type { KindInfo } from '../kinds.js';
import { applyPatch } from '../patch.js';
import type { PatchType } from '../patch.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../selectors.js';
import type { LabelSelector } from '../selectors.js';
import { clone, groupOf } from '../types.js';
import type { JsonValue, KubeObject, ObjectKey, StoredObject, WatchEvent } from '../types.js';
import { serverSideApply } from './apply.js';
import { SPEC_CHANGED, intern, internBody, internChildren, takeMapDelta } from './objectUtil.js';
import { conflict, notFound, specFinalizers } from './writeRules.js';
import { bindingWrite, deletion, fieldsWrite, fullUpdate, statusWrite } from './writeObjects.js';
import { Buckets, nsOf } from './buckets.js';
import type { Bucket } from './buckets.js';
import { WatchHub } from './watchHub.js';
import type { WatchOptions, WatchHandler } from './watchHub.js';

type Dict = Record<string, unknown>;

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * Admission: defaulting and validation run on every write, before it is stored. Throw ApiError to reject.
 * `obj` is the store's private copy; on a status-subresource write everything but `status` and the top
 * level of `metadata` is the stored, frozen values (the API server ignores changes there anyway).
 */
export type Admission = (op: Operation, obj: KubeObject, old: StoredObject | undefined, info: KindInfo, store: ObjectStore) => void;

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  /** Write only `status` (the status subresource). */
  subresource?: 'status';
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | LabelSelector;
  fieldSelector?: string;
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

export class ObjectStore {
  readonly kinds = new KindRegistry();
  private rv = 0;
  private admissions: Admission[] = [];
  readonly watches = new WatchHub();
  private readonly buckets = new Buckets(this.kinds);
  /** `creationTimestamp` text for the current virtual second (second precision, so cacheable). */
  private isoSecond = NaN;
  private isoText = '';

  constructor(
    private readonly clock: VirtualClock,
    private readonly rng: Rng,
  ) {}

  private nowIso(): string {
    const second = Math.floor(this.clock.now() / 1000);
    if (second !== this.isoSecond) {
      this.isoSecond = second;
      this.isoText = this.clock.iso();
    }
    return this.isoText;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  addAdmission(fn: Admission): void {
    this.admissions.push(fn);
  }

  private resolveKind(apiVersion: string, kind: string): KindInfo {
    return this.buckets.resolveKind(apiVersion, kind);
  }

  private infoFor(key: ObjectKey): KindInfo {
    return this.buckets.infoFor(key);
  }

  private bucket(info: KindInfo): Bucket {
    return this.buckets.bucket(info);
  }

  get(key: ObjectKey): StoredObject | undefined {
    return this.lookup(this.infoFor(key), key.namespace, key.name);
  }

  /** `get` for a resolved kind (no key object to build). */
  private lookup(info: KindInfo, namespace: string | undefined, name: string): StoredObject | undefined {
    // (String: a missing name was the key "…/undefined" when keys were built as text; kept so.)
    return this.bucket(info).get(nsOf(info, namespace), typeof name === 'string' ? name : String(name));
  }

  /** Like `get`, but throws the API server's NotFound. */
  mustGet(key: ObjectKey): StoredObject {
    const obj = this.get(key);
    if (!obj) throw notFound(this.infoFor(key), key.name);
    return obj;
  }

  list(kind: { apiVersion?: string; group?: string; kind: string }, opts: ListOptions = {}): StoredObject[] {
    const info = this.infoFor({ ...kind, name: '' });
    const bucket = this.bucket(info);
    if (bucket.size === 0) return [];
    const labels = typeof opts.labelSelector === 'string' ? parseLabelSelector(opts.labelSelector) : opts.labelSelector;
    const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    const ns = info.namespaced ? opts.namespace : undefined;
    const out: StoredObject[] = [];
    bucket.forEach((obj) => {
      if (ns && obj.metadata.namespace !== ns) return;
      if (labels && labels.length > 0 && !matchesLabels(labels, obj.metadata.labels)) return;
      if (fields && !matchesFields(fields, obj)) return;
      out.push(obj);
    });
    return out;
  }

  /** Every stored object of every kind (snapshots, GC, the UI's cluster view). */
  *allObjects(): Iterable<StoredObject> {
    for (const bucket of this.buckets.all()) yield* bucket.values();
  }

  get size(): number {
    let n = 0;
    for (const b of this.buckets.all()) n += b.size;
    return n;
  }

  create(input: KubeObject, opts: WriteOptions = {}): StoredObject {
    checkEnvelope(input);
    return this.createFrom(clone(input), opts);
  }

  /**
   * `create`, taking ownership of `obj` instead of copying it: for objects the engine has just built
   * and never touches again (Events from the recorder). The store may change and freeze it.
   */
  adopt(obj: KubeObject, opts: WriteOptions = {}): StoredObject {
    return this.createFrom(obj, opts);
  }

  private createFrom(obj: KubeObject, opts: WriteOptions): StoredObject {
    const info = this.resolveKind(obj.apiVersion, obj.kind);
    obj.apiVersion = this.buckets.apiVersion(info);
    obj.metadata = obj.metadata ?? {};
    const meta = obj.metadata;
    if (info.namespaced) meta.namespace = meta.namespace || 'default';
    else if (meta.namespace !== undefined) delete meta.namespace;
    // names.SimpleNameGenerator: the base is cut to 58 characters so base + 5 random ones fit in 63.
    if (!meta.name && meta.generateName) meta.name = meta.generateName.slice(0, 58) + this.rng.suffix();
    this.requireNamespace(info, meta.namespace);
    // (Indexed: for..of allocated an array iterator per write where this is not optimised.)
    const admissions = this.admissions;
    for (let i = 0; i < admissions.length; i++) admissions[i]!('CREATE', obj, undefined, info, this);
    const bucket = this.bucket(info);
    if (bucket.has(meta.namespace ?? '', String(meta.name))) {
      throw new ApiError('AlreadyExists', `${qualifiedResource(info)} "${meta.name}" already exists`, {
        name: meta.name,
        group: info.group,
        kind: info.plural,
      });
    }
    meta.uid = this.rng.uuid();
    meta.creationTimestamp = this.nowIso();
    // (`delete` only when present: deleting can move an object to slow dictionary mode.)
    if (info.generation) meta.generation = 1;
    else if (meta.generation !== undefined) delete meta.generation;
    if (meta.deletionTimestamp !== undefined) delete meta.deletionTimestamp;
    meta.resourceVersion = String(this.rv + 1);
    if (opts.dryRun) return obj as StoredObject;
    this.rv++;
    const stored = intern(obj, undefined) as StoredObject;
    bucket.add(meta.namespace ?? '', String(meta.name), stored);
    this.watches.emit(info, { type: 'ADDED', object: stored }, this.rv);
    return stored;
  }

  /** Replace an object (PUT). With `subresource: 'status'` only the status is taken from `input`. */
  update(input: KubeObject, opts: WriteOptions = {}): StoredObject {
    checkEnvelope(input);
    const info = this.resolveKind(input.apiVersion, input.kind);
    const name = input.metadata?.name ?? '';
    const old = this.lookup(info, input.metadata?.namespace, name);
    if (!old) throw notFound(info, name);
    const sentRv = input.metadata.resourceVersion;
    if (sentRv && sentRv !== old.metadata.resourceVersion) throw conflict(info, name);
    const obj = opts.subresource === 'status' ? statusWrite(old, clone(input.status)) : fullUpdate(input, old, info, this.buckets.apiVersion(info));
    return this.commit(info, obj, old, opts);
  }

  /**
   * A status-subresource write of `status` to the stored `current` version (its resourceVersion must
   * still be the stored one), taking ownership of `status` instead of copying it: for the engine's own
   * writers (the kubelet), which built it fresh and never touch it again. The store may change and freeze it.
   */
  adoptStatus(current: StoredObject, status: unknown, opts: WriteOptions = {}): StoredObject {
    const { info, old } = this.storedVersion(current);
    return this.commit(info, statusWrite(old, status), old, opts);
  }

  /**
   * `update` of the stored `current` version (its resourceVersion must still be the stored one) with
   * the top-level plain `fields` set: the Event recorder's count bumps, its body shared with the stored
   * version instead of deep-copied. Admission sees stored, frozen values below the top level and metadata.
   */
  updateFields(current: StoredObject, fields: Readonly<Record<string, string | number | boolean>>, opts: WriteOptions = {}): StoredObject {
    const { info, old } = this.storedVersion(current);
    return this.commit(info, fieldsWrite(old, fields), old, opts);
  }

  /** The stored version `current` names, which must still be the stored one (404 gone, 409 superseded). */
  private storedVersion(current: StoredObject): { info: KindInfo; old: StoredObject } {
    const info = this.resolveKind(current.apiVersion, current.kind);
    const name = current.metadata.name;
    const old = this.lookup(info, current.metadata.namespace, name);
    if (!old) throw notFound(info, name);
    if (current.metadata.resourceVersion !== old.metadata.resourceVersion) throw conflict(info, name);
    return { info, old };
  }

  /** The pods/binding subresource (what the scheduler posts): set `spec.nodeName` of an unbound pod. */
  bind(key: { namespace?: string; name: string }, nodeName: string, opts: WriteOptions = {}): StoredObject {
    const info = this.resolveKind('v1', 'Pod');
    const old = this.lookup(info, key.namespace, key.name);
    if (!old) throw notFound(info, key.name);
    return this.commit(info, bindingWrite(old, nodeName), old, opts);
  }

  patch(key: ObjectKey, type: PatchType, patch: JsonValue, opts: WriteOptions = {}): StoredObject {
    const info = this.infoFor(key);
    const old = this.get(key);
    if (!old) throw notFound(info, key.name);
    // Patches build new objects along the paths they change and never write into their target (the
    // JSON patch copies first), so the frozen stored object can be the target.
    const patched = applyPatch(type, old as unknown as JsonValue, patch) as unknown as KubeObject;
    if (!patched || typeof patched !== 'object' || Array.isArray(patched)) {
      throw new ApiError('BadRequest', 'the patch did not produce an object');
    }
    const rv = patched.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(info, key.name);
    patched.metadata = { ...(patched.metadata ?? {}), resourceVersion: old.metadata.resourceVersion };
    patched.apiVersion = old.apiVersion;
    patched.kind = old.kind;
    return this.update(patched, opts);
  }

  /** Server-side apply: create, or merge the fields this manager applies (removing ones it no longer does). */
  apply(input: KubeObject, opts: WriteOptions & { force?: boolean } = {}): StoredObject {
    checkEnvelope(input);
    const info = this.resolveKind(input.apiVersion, input.kind);
    const manager = opts.fieldManager ?? 'argo-sandbox';
    const key = { apiVersion: input.apiVersion, kind: input.kind, namespace: input.metadata?.namespace, name: input.metadata?.name ?? '' };
    const old = input.metadata?.name ? this.get(key) : undefined;
    const merged = serverSideApply(old, input, manager, apiVersionOf(info), this.nowIso(), opts.force ?? false);
    if (!old) return this.create(merged, opts);
    merged.metadata.resourceVersion = old.metadata.resourceVersion;
    const statusOnly = opts.subresource === 'status';
    return this.update(merged, statusOnly ? opts : { ...opts, subresource: undefined });
  }

  delete(key: ObjectKey, opts: DeleteOptions = {}): StoredObject {
    const info = this.infoFor(key);
    const old = this.get(key);
    if (!old) throw notFound(info, key.name);
    if (opts.dryRun) return old;
    const next = deletion(info, old, opts, this.nowIso());
    if (next === 'remove') return this.remove(info, old);
    if (next === 'pending') return old;
    const obj = next;
    return this.commit(info, obj, old, {});
  }

  private commit(info: KindInfo, obj: KubeObject, old: StoredObject, opts: WriteOptions): StoredObject {
    const meta = obj.metadata;
    const admissions = this.admissions;
    for (let i = 0; i < admissions.length; i++) admissions[i]!('UPDATE', obj, old, info, this);
    takeMapDelta(); // (one left by an earlier write that stored nothing)
    // Freeze the new version, sharing every subtree equal to the old one; equality falls out of it.
    const changed = internBody(obj as Dict, old as Dict);
    const delta = takeMapDelta();
    const specSame = (changed & SPEC_CHANGED) === 0;
    if (info.generation) meta.generation = (old.metadata.generation ?? 1) + (specSame ? 0 : 1);
    if (meta.finalizers && meta.finalizers.length === 0) delete meta.finalizers;
    // Deleting, and nothing left to wait for: the object goes away now.
    if (meta.deletionTimestamp && !meta.finalizers?.length && !(meta.deletionGracePeriodSeconds ?? 0) && !specFinalizers(obj)) {
      if (opts.dryRun) return old;
      return this.remove(info, old);
    }
    // The resourceVersion is not content (etcd does not store it): an identical write is a no-op,
    // keeping the resourceVersion, like the real API server.
    meta.resourceVersion = old.metadata.resourceVersion;
    const metaSame = internChildren(meta as Dict, old.metadata as unknown as Dict);
    if (changed === 0 && metaSame) return old;
    meta.resourceVersion = String(this.rv + 1);
    Object.freeze(meta);
    Object.freeze(obj);
    if (opts.dryRun) return obj as StoredObject;
    this.rv++;
    const stored = obj as StoredObject;
    this.bucket(info).set(meta.namespace ?? '', String(meta.name), stored);
    this.watches.emit(info, { type: 'MODIFIED', object: stored, old }, this.rv, delta);
    return stored;
  }

  /** Remove immediately (finalizers done, grace elapsed). */
  private remove(info: KindInfo, old: StoredObject): StoredObject {
    this.rv++;
    // Only the top level and metadata are new; everything below is the old version's frozen data.
    const metadata = Object.freeze({ ...old.metadata, resourceVersion: String(this.rv) });
    const gone = Object.freeze({ ...old, metadata }) as StoredObject;
    this.bucket(info).delete(old.metadata.namespace ?? '', String(old.metadata.name));
    this.watches.emit(info, { type: 'DELETED', object: gone, old }, this.rv);
    return gone;
  }

  /** The kubelet (or a test) finishes a graceful deletion. */
  finalizeDeletion(key: ObjectKey): void {
    const info = this.infoFor(key);
    const old = this.get(key);
    if (!old || !old.metadata.deletionTimestamp) return;
    if (old.metadata.finalizers?.length) {
      const obj = clone(old) as KubeObject;
      delete obj.metadata.deletionGracePeriodSeconds;
      this.commit(info, obj, old, {});
      return;
    }
    this.remove(info, old);
  }

  private requireNamespace(info: KindInfo, ns: string | undefined): void {
    if (!info.namespaced || !ns) return;
    const nsInfo = this.buckets.namespaceInfo();
    if (!nsInfo) return;
    const existing = this.bucket(nsInfo).get('', ns);
    if (!existing) throw new ApiError('NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' });
    if (existing.metadata.deletionTimestamp) {
      throw new ApiError('Forbidden', `${qualifiedResource(info)} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  watch(handler: WatchHandler, opts: WatchOptions = {}): () => void {
    return this.watches.subscribe(handler, opts, this.rv);
  }

  /** Every object, sorted, for snapshots. */
  dump(): { rv: number; objects: StoredObject[] } {
    const objects = [...this.allObjects()].map((o) => clone(o));
    return { rv: this.rv, objects };
  }

  /** Load a dump without emitting watch events (controllers re-list after a restore). */
  load(state: { rv: number; objects: StoredObject[] }): void {
    this.buckets.clear();
    this.watches.reset();
    for (const o of state.objects) {
      const info = this.kinds.find(o.apiVersion, o.kind);
      if (!info) continue;
      this.bucket(info).set(o.metadata.namespace ?? '', String(o.metadata.name), intern(clone(o), undefined) as StoredObject);
    }
    this.rv = state.rv;
  }
}

export type { WatchEvent };
export { notFound };

export { groupOf };
