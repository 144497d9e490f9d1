/**
 * The controllers' shared cache: uid → object, owner uid → dependents, namespace → objects, and the objects of a
 * kind that no controller owns (candidates for adoption). Fed by one store watch, so a reconcile reads only what
 * it needs; rebuilt from the store when the store was loaded behind its back (snapshot restore).
 */
import type { ObjectStore } from '../../store/index.js';
import { groupOf } from '../../types.js';
import type { StoredObject, WatchEvent } from '../../types.js';

/**
 * Events are most of the writes and no controller adopts them: they are not tracked as orphans (two
 * fewer map updates per Event, and no orphan set as large as the event history).
 */
const NEVER_ADOPTED = new Set(['/Event', 'events.k8s.io/Event']);

function addTo(map: Map<string, Set<string>>, key: string, uid: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(uid);
}

function removeFrom(map: Map<string, Set<string>>, key: string, uid: string): void {
  const s = map.get(key);
  if (!s) return;
  s.delete(uid);
  if (s.size === 0) map.delete(key);
}

export class ObjectIndex {
  private byUid = new Map<string, StoredObject>();
  private dependents = new Map<string, Set<string>>();
  /** owner uid → objects whose controller reference is that owner (what claim loops walk). */
  private controlled = new Map<string, Set<string>>();
  private byNamespace = new Map<string, Set<string>>();
  /** `group/kind` → namespace → orphan uids (nested: no key text built per write). */
  private orphans = new Map<string, Map<string, Set<string>>>();
  /** apiVersion → kind → `group/kind`, or '' for kinds never adopted. */
  private kindIds = new Map<string, Map<string, string>>();
  private lastRv = -1;

  constructor(private readonly store: ObjectStore) {
    store.watch((event, rv) => this.onEvent(event, rv));
    this.rebuild();
  }

  /** The store was loaded without events (restore): the index no longer matches it. */
  private sync(): void {
    if (this.store.resourceVersion !== this.lastRv) this.rebuild();
  }

  rebuild(): void {
    this.byUid.clear();
    this.dependents.clear();
    this.controlled.clear();
    this.byNamespace.clear();
    this.orphans.clear();
    for (const o of this.store.allObjects()) this.link(o);
    this.lastRv = this.store.resourceVersion;
  }

  private onEvent(event: WatchEvent, rv: number): void {
    if (this.lastRv !== rv - 1 && this.lastRv !== rv) {
      // Missed history (we were created late or the store was reloaded): start over from the store.
      this.rebuild();
      return;
    }
    if (event.type === 'ADDED') {
      // A new object (or one a rebuild mid-emit already linked: linking is idempotent).
      this.link(event.object);
      this.lastRv = rv;
      return;
    }
    const old = event.old;
    if (event.type === 'MODIFIED' && old !== undefined && old.metadata.ownerReferences === event.object.metadata.ownerReferences) {
      // The index holds `old` (it saw every write): no lookup needed to know the links stay.
      this.byUid.set(event.object.metadata.uid, event.object);
      this.lastRv = rv;
      return;
    }
    const prev = this.byUid.get(event.object.metadata.uid);
    if (prev && event.type !== 'DELETED' && prev.metadata.ownerReferences === event.object.metadata.ownerReferences) {
      // Most updates (status writes) keep the owner references (the same interned array): only the
      // object itself changes; its links stay as they are (kind and namespace never change).
      this.byUid.set(event.object.metadata.uid, event.object);
      this.lastRv = rv;
      return;
    }
    if (prev) this.unlink(prev);
    if (event.type !== 'DELETED') this.link(event.object);
    this.lastRv = rv;
  }

  private link(o: StoredObject): void {
    const uid = o.metadata.uid;
    this.byUid.set(uid, o);
    let controlled = false;
    const refs = o.metadata.ownerReferences;
    if (refs !== undefined) {
      for (let i = 0; i < refs.length; i++) {
        const r = refs[i]!;
        addTo(this.dependents, r.uid, uid);
        if (r.controller) {
          controlled = true;
          addTo(this.controlled, r.uid, uid);
        }
      }
    }
    if (o.metadata.namespace) addTo(this.byNamespace, o.metadata.namespace, uid);
    if (!controlled) {
      const byNs = this.orphanSets(o, true);
      if (byNs) addTo(byNs, o.metadata.namespace ?? '', uid);
    }
  }

  /** The orphan sets (by namespace) of `o`'s kind; undefined for kinds never adopted. */
  private orphanSets(o: StoredObject, create: boolean): Map<string, Set<string>> | undefined {
    let byKind = this.kindIds.get(o.apiVersion);
    if (!byKind) this.kindIds.set(o.apiVersion, (byKind = new Map()));
    let id = byKind.get(o.kind);
    if (id === undefined) {
      const text = `${groupOf(o.apiVersion)}/${o.kind}`;
      id = NEVER_ADOPTED.has(text) ? '' : text;
      byKind.set(o.kind, id);
    }
    if (id === '') return undefined;
    let byNs = this.orphans.get(id);
    if (!byNs && create) this.orphans.set(id, (byNs = new Map()));
    return byNs;
  }

  private unlink(o: StoredObject): void {
    const uid = o.metadata.uid;
    this.byUid.delete(uid);
    for (const r of o.metadata.ownerReferences ?? []) {
      removeFrom(this.dependents, r.uid, uid);
      if (r.controller) removeFrom(this.controlled, r.uid, uid);
    }
    if (o.metadata.namespace) removeFrom(this.byNamespace, o.metadata.namespace, uid);
    const byNs = this.orphanSets(o, false);
    if (byNs) removeFrom(byNs, o.metadata.namespace ?? '', uid);
  }

  get(uid: string): StoredObject | undefined {
    this.sync();
    return this.byUid.get(uid);
  }

  /** Everything with an ownerReference to `ownerUid` (the owner may already be gone). */
  dependentsOf(ownerUid: string): StoredObject[] {
    this.sync();
    const out: StoredObject[] = [];
    for (const uid of this.dependents.get(ownerUid) ?? []) {
      const o = this.byUid.get(uid);
      if (o) out.push(o);
    }
    return out;
  }

  /** Objects of `kind` whose controller reference points at `ownerUid`. */
  controlledBy(ownerUid: string, group: string, kind: string): StoredObject[] {
    this.sync();
    const out: StoredObject[] = [];
    const apiPrefix = group ? `${group}/` : '';
    for (const uid of this.controlled.get(ownerUid) ?? []) {
      const o = this.byUid.get(uid);
      if (!o || o.kind !== kind) continue;
      if (group ? !o.apiVersion.startsWith(apiPrefix) : o.apiVersion.includes('/')) continue;
      out.push(o);
    }
    return out;
  }

  /** How many objects name `ownerUid` as their controller (O(1)). */
  controlledCount(ownerUid: string): number {
    this.sync();
    return this.controlled.get(ownerUid)?.size ?? 0;
  }

  /** Objects of a kind in a namespace that no controller owns (never Events: nothing adopts them). */
  orphansOf(group: string, kind: string, namespace: string): StoredObject[] {
    this.sync();
    const out: StoredObject[] = [];
    for (const uid of this.orphans.get(`${group}/${kind}`)?.get(namespace) ?? []) {
      const o = this.byUid.get(uid);
      if (o) out.push(o);
    }
    return out;
  }

  /** How many objects a namespace holds (O(1)). */
  namespaceCount(namespace: string): number {
    this.sync();
    return this.byNamespace.get(namespace)?.size ?? 0;
  }

  inNamespace(namespace: string): StoredObject[] {
    this.sync();
    const out: StoredObject[] = [];
    for (const uid of this.byNamespace.get(namespace) ?? []) {
      const o = this.byUid.get(uid);
      if (o) out.push(o);
    }
    return out;
  }
}

const INDEXES = new WeakMap<ObjectStore, ObjectIndex>();

/** The index for a store, created (from a full scan) on first use. */
export function objectIndex(store: ObjectStore): ObjectIndex {
  let idx = INDEXES.get(store);
  if (!idx) INDEXES.set(store, (idx = new ObjectIndex(store)));
  return idx;
}
