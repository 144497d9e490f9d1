/**
 * Synchronization locks (workflow/sync): mutexes (`<ns>/Mutex/<name>`, limit 1) and semaphores
 * (`<ns>/ConfigMap/<configmap>/<key>`, limit from that ConfigMap key). The controller keeps no memory
 * of its own: holders and waiters are read from every Workflow's `status.synchronization` (what the
 * real controller rebuilds its state from on restart), so snapshots and determinism hold and a deleted
 * workflow frees its locks. Waiters acquire in priority order (higher `spec.priority` first), then
 * creation time.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { StoredObject } from '../../cluster/types.js';

export interface MutexRef {
  name: string;
  namespace?: string;
}
export interface SemaphoreRef {
  configMapKeyRef?: { name: string; key: string };
  namespace?: string;
}
export interface Synchronization {
  mutex?: MutexRef;
  mutexes?: MutexRef[];
  semaphore?: SemaphoreRef;
  semaphores?: SemaphoreRef[];
}

export interface MutexHolding {
  mutex: string;
  holder: string;
}
export interface SemaphoreHolding {
  semaphore: string;
  holders: string[];
}
export interface SyncStatus {
  mutex?: { holding?: MutexHolding[]; waiting?: MutexHolding[] };
  semaphore?: { holding?: SemaphoreHolding[]; waiting?: SemaphoreHolding[] };
}

export interface LockRef {
  kind: 'Mutex' | 'Semaphore';
  /** Lock name as Argo prints it. */
  name: string;
  namespace: string;
  configMap?: { name: string; key: string };
}

/** The locks a synchronization block asks for (legacy singular fields included). */
export function lockRefs(sync: Synchronization | undefined, wfNamespace: string): LockRef[] {
  if (!sync) return [];
  const out: LockRef[] = [];
  for (const m of [...(sync.mutex ? [sync.mutex] : []), ...(sync.mutexes ?? [])]) {
    const ns = m.namespace ?? wfNamespace;
    out.push({ kind: 'Mutex', name: `${ns}/Mutex/${m.name}`, namespace: ns });
  }
  for (const s of [...(sync.semaphore ? [sync.semaphore] : []), ...(sync.semaphores ?? [])]) {
    const ns = s.namespace ?? wfNamespace;
    const ref = s.configMapKeyRef ?? { name: '', key: '' };
    out.push({ kind: 'Semaphore', name: `${ns}/ConfigMap/${ref.name}/${ref.key}`, namespace: ns, configMap: ref });
  }
  return out;
}

/** A lock's limit: 1 for a mutex; the ConfigMap value for a semaphore (0 when it cannot be read). */
export function lockLimit(store: ObjectStore, lock: LockRef): number {
  if (lock.kind === 'Mutex') return 1;
  const cm = store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: lock.namespace, name: lock.configMap?.name ?? '' });
  const v = (cm?.data as Record<string, unknown> | undefined)?.[lock.configMap?.key ?? ''];
  const n = typeof v === 'string' ? Number.parseInt(v.trim(), 10) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export interface Claim {
  /** Global holder key: `<ns>/<wf>` (workflow level) or `<ns>/<wf>/<nodeId>` (template level). */
  key: string;
  priority: number;
  creation: string;
}

/** Short holder as status.synchronization.*.holding shows it: workflow name, or node id. */
export function shortHolder(key: string): string {
  const parts = key.split('/');
  return parts.length >= 3 ? parts.slice(2).join('/') : (parts[1] ?? key);
}

function holderKeyOf(wf: StoredObject, short: string): string {
  const ns = wf.metadata.namespace ?? 'default';
  return short === wf.metadata.name ? `${ns}/${short}` : `${ns}/${wf.metadata.name}/${short}`;
}

export interface LockView {
  holders: Set<string>;
  waiting: Claim[];
}

/** Holders and waiters of every lock, from the workflows' statuses (`self` replaces its stored copy). */
export function lockTable(store: ObjectStore, self?: { wf: StoredObject; status: SyncStatus | undefined }): Map<string, LockView> {
  const table = new Map<string, LockView>();
  const view = (name: string): LockView => {
    let v = table.get(name);
    if (!v) table.set(name, (v = { holders: new Set(), waiting: [] }));
    return v;
  };
  const selfKey = self ? `${self.wf.metadata.namespace}/${self.wf.metadata.name}` : '';
  for (const stored of store.list({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' })) {
    const isSelf = `${stored.metadata.namespace}/${stored.metadata.name}` === selfKey;
    const wf = isSelf && self ? self.wf : stored;
    const st = isSelf && self ? self.status : ((stored.status as { synchronization?: SyncStatus } | undefined)?.synchronization);
    if (!st) continue;
    const spec = (wf.spec ?? {}) as { priority?: number };
    const base = { priority: Number(spec.priority ?? 0), creation: wf.metadata.creationTimestamp ?? '' };
    for (const h of st.mutex?.holding ?? []) view(h.mutex).holders.add(holderKeyOf(wf, h.holder));
    for (const h of st.semaphore?.holding ?? []) for (const x of h.holders) view(h.semaphore).holders.add(holderKeyOf(wf, x));
    for (const w of st.mutex?.waiting ?? []) view(w.mutex).waiting.push({ key: w.holder, ...base });
    for (const w of st.semaphore?.waiting ?? []) for (const x of w.holders) view(w.semaphore).waiting.push({ key: x, ...base });
  }
  return table;
}

export function queueOrder(a: Claim, b: Claim): number {
  return b.priority - a.priority || (a.creation < b.creation ? -1 : a.creation > b.creation ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export type AcquireResult = { acquired: true } | { acquired: false; message: string; lock: string };

/**
 * checkAcquire for every lock of a claim: all or nothing. A claim gets a lock when a slot is free and
 * no waiter ahead of it in the queue needs that slot.
 */
export function checkAcquire(store: ObjectStore, table: Map<string, LockView>, claim: Claim, locks: LockRef[]): AcquireResult {
  for (const lock of locks) {
    const v = table.get(lock.name) ?? { holders: new Set<string>(), waiting: [] };
    if (v.holders.has(claim.key)) continue;
    const limit = lockLimit(store, lock);
    if (limit === 0) return { acquired: false, message: `Failed to get semaphore limit for ${lock.name}`, lock: lock.name };
    const free = limit - v.holders.size;
    const queue = [...v.waiting.filter((w) => w.key !== claim.key), claim].sort(queueOrder);
    if (free <= 0 || queue.indexOf(claim) >= free) {
      return { acquired: false, message: `Waiting for ${lock.name} lock. Lock status: ${Math.max(0, free)}/${limit}`, lock: lock.name };
    }
  }
  return { acquired: true };
}
