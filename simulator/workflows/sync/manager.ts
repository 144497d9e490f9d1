/**
 * The sync manager's TryAcquire / Release for one workflow operation: the claim's holding and waiting
 * entries are written to the workflow's `status.synchronization`, and a release wakes the workflows
 * waiting for that lock.
 */
import type { Woc } from '../controller/woc.js';
import { checkAcquire, lockTable, shortHolder } from './locks.js';
import type { AcquireResult, LockRef, SyncStatus } from './locks.js';

/** Waiting workflows are also re-checked this often (a holder may vanish without a release). */
export const SYNC_RECHECK_MS = 10_000;

function syncStatus(woc: Woc): SyncStatus {
  return ((woc.status as { synchronization?: SyncStatus }).synchronization ??= {});
}

function tidy(woc: Woc): void {
  const s = (woc.status as { synchronization?: SyncStatus }).synchronization;
  if (!s) return;
  for (const k of ['mutex', 'semaphore'] as const) {
    const part = s[k] as { holding?: unknown[]; waiting?: unknown[] } | undefined;
    if (!part) continue;
    if (part.holding && part.holding.length === 0) delete part.holding;
    if (part.waiting && part.waiting.length === 0) delete part.waiting;
    if (!part.holding && !part.waiting) delete s[k];
  }
  if (!s.mutex && !s.semaphore) delete (woc.status as { synchronization?: SyncStatus }).synchronization;
}

function setWaiting(woc: Woc, lock: LockRef, key: string, waiting: boolean): void {
  const s = syncStatus(woc);
  if (lock.kind === 'Mutex') {
    const list = ((s.mutex ??= {}).waiting ??= []);
    const i = list.findIndex((w) => w.mutex === lock.name && w.holder === key);
    if (waiting && i < 0) list.push({ mutex: lock.name, holder: key });
    if (!waiting && i >= 0) list.splice(i, 1);
  } else {
    const list = ((s.semaphore ??= {}).waiting ??= []);
    let e = list.find((w) => w.semaphore === lock.name);
    if (waiting && !e) list.push((e = { semaphore: lock.name, holders: [] }));
    if (e) {
      const has = e.holders.includes(key);
      if (waiting && !has) e.holders.push(key);
      if (!waiting && has) e.holders = e.holders.filter((h) => h !== key);
      if (e.holders.length === 0) list.splice(list.indexOf(e), 1);
    }
  }
  woc.updated = true;
}

function setHolding(woc: Woc, lock: LockRef, key: string, holding: boolean): void {
  const s = syncStatus(woc);
  const short = shortHolder(key);
  if (lock.kind === 'Mutex') {
    const list = ((s.mutex ??= {}).holding ??= []);
    const i = list.findIndex((h) => h.mutex === lock.name && h.holder === short);
    if (holding && i < 0) list.push({ mutex: lock.name, holder: short });
    if (!holding && i >= 0) list.splice(i, 1);
  } else {
    const list = ((s.semaphore ??= {}).holding ??= []);
    let e = list.find((h) => h.semaphore === lock.name);
    if (holding && !e) list.push((e = { semaphore: lock.name, holders: [] }));
    if (e) {
      if (holding && !e.holders.includes(short)) e.holders.push(short);
      if (!holding) e.holders = e.holders.filter((h) => h !== short);
      if (e.holders.length === 0) list.splice(list.indexOf(e), 1);
    }
  }
  woc.updated = true;
}

/** TryAcquire: on success the claim holds every lock; otherwise it waits in the queue of each. */
export function tryAcquire(woc: Woc, key: string, locks: LockRef[]): AcquireResult {
  const table = lockTable(woc.ctx.store, { wf: woc.wf, status: (woc.status as { synchronization?: SyncStatus }).synchronization });
  const spec = woc.wf.spec as { priority?: number } | undefined;
  const claim = { key, priority: Number(spec?.priority ?? 0), creation: woc.wf.metadata.creationTimestamp ?? '' };
  const r = checkAcquire(woc.ctx.store, table, claim, locks);
  for (const lock of locks) {
    if (r.acquired) {
      setWaiting(woc, lock, key, false);
      setHolding(woc, lock, key, true);
    } else setWaiting(woc, lock, key, true);
  }
  tidy(woc);
  if (!r.acquired) woc.requeue(SYNC_RECHECK_MS);
  return r;
}

/** Release: the claim stops holding and waiting; workflows waiting on those locks are woken. */
export function release(woc: Woc, key: string, locks: LockRef[]): void {
  for (const lock of locks) {
    setHolding(woc, lock, key, false);
    setWaiting(woc, lock, key, false);
  }
  tidy(woc);
  const table = lockTable(woc.ctx.store);
  const woken = new Set<string>();
  for (const lock of locks) {
    for (const w of table.get(lock.name)?.waiting ?? []) {
      const [ns, name] = w.key.split('/');
      const wfKey = `${ns}/${name}`;
      if (wfKey !== `${woc.namespace}/${woc.name}` && !woken.has(wfKey)) {
        woken.add(wfKey);
        woc.ctx.enqueue(wfKey);
      }
    }
  }
}

/** Whether a claim currently waits for any lock. */
export function isWaiting(woc: Woc, key: string): boolean {
  const s = (woc.status as { synchronization?: SyncStatus }).synchronization;
  return (s?.mutex?.waiting ?? []).some((w) => w.holder === key) || (s?.semaphore?.waiting ?? []).some((w) => w.holders.includes(key));
}

/** Lock names a claim holds (to release them without the template at hand). */
export function heldBy(woc: Woc, key: string): LockRef[] {
  const s = (woc.status as { synchronization?: SyncStatus }).synchronization;
  const short = shortHolder(key);
  const out: LockRef[] = [];
  for (const h of s?.mutex?.holding ?? []) if (h.holder === short) out.push({ kind: 'Mutex', name: h.mutex, namespace: h.mutex.split('/')[0] ?? '' });
  for (const h of s?.semaphore?.holding ?? []) if (h.holders.includes(short)) out.push({ kind: 'Semaphore', name: h.semaphore, namespace: h.semaphore.split('/')[0] ?? '' });
  return out;
}
