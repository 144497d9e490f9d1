/**
 * gitops-engine setResourceResult: one ResourceResult per (resource, sync phase), kept in the order it was
 * first recorded (upstream `Order`). The map is rebuilt from the previous OperationState on every call.
 */
import type { OperationPhase, ResultCode } from '../common/types.js';
import type { ResourceResult } from './types.js';
import { imagesOf, taskObj } from './task.js';
import type { RuntimeTask } from './task.js';

export const resultKeyOf = (r: { group: string; kind: string; namespace: string; name: string; syncPhase: string }): string =>
  `${r.group}/${r.kind}/${r.namespace}/${r.name}:${r.syncPhase}`;

/** Unchanged results keep their identity from step to step (copy-on-write): so can their keys. */
const KEYS = new WeakMap<ResourceResult, string>();
function cachedKey(r: ResourceResult): string {
  let key = KEYS.get(r);
  if (key === undefined) KEYS.set(r, (key = resultKeyOf(r)));
  return key;
}

export class Results {
  private readonly byKey = new Map<string, ResourceResult>();
  /** Entries copied from the previous state before a change (the previous state is never written to). */
  private readonly owned = new Set<string>();

  constructor(prev: readonly ResourceResult[] | undefined) {
    for (const r of prev ?? []) this.byKey.set(cachedKey(r), r);
  }

  get size(): number {
    return this.byKey.size;
  }

  get(task: RuntimeTask): ResourceResult | undefined {
    return this.byKey.get(task.resultKey);
  }

  /** Enrich a task with its recorded status, phase and message (end of getSyncTasks). */
  enrich(task: RuntimeTask): void {
    const r = this.byKey.get(task.resultKey);
    if (!r) return;
    task.syncStatus = r.status;
    task.operationState = r.hookPhase;
    task.message = r.message;
  }

  /** The latest message always wins; an empty message keeps the previous one. */
  set(task: RuntimeTask, status: ResultCode | undefined, phase: OperationPhase | undefined, message: string): void {
    task.syncStatus = status;
    task.operationState = phase;
    if (message !== '') task.message = message;
    let existing = this.byKey.get(task.resultKey);
    if (existing && !this.owned.has(task.resultKey)) {
      existing = { ...existing };
      KEYS.set(existing, task.resultKey);
      this.byKey.set(task.resultKey, existing);
      this.owned.add(task.resultKey);
    }
    if (existing) {
      setOrDrop(existing, 'status', status);
      setOrDrop(existing, 'hookPhase', phase);
      existing.message = task.message;
      return;
    }
    const res: ResourceResult = {
      group: task.group, version: task.version, kind: task.kind, namespace: task.namespace, name: task.name,
      message: task.message, syncPhase: task.phase,
    };
    if (status) res.status = status;
    if (task.isHook) res.hookType = task.hookType;
    if (phase) res.hookPhase = phase;
    const images = imagesOf(taskObj(task));
    if (images.length > 0) res.images = images;
    KEYS.set(res, task.resultKey);
    this.byKey.set(task.resultKey, res);
    this.owned.add(task.resultKey);
  }

  list(): ResourceResult[] {
    return [...this.byKey.values()];
  }
}

function setOrDrop<K extends 'status' | 'hookPhase'>(r: ResourceResult, key: K, value: ResourceResult[K]): void {
  if (value) r[key] = value;
  else delete r[key];
}
