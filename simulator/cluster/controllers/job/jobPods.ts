/** Creating and removing a Job's pods: NonIndexed / Indexed, with the tracking finalizer and back-off. */
import type { ClusterContext } from '../../../sandbox.js';
import type { KubeObject, StoredObject } from '../../types.js';
import { FAILED_CREATE_RETRY_MS, deleteIfPresent, refOf, tryCreate } from '../shared/objects.js';
import { podsToDelete } from '../shared/podRanking.js';
import { podFromTemplate, podPhase } from '../shared/pods.js';
import {
  INDEX_ANNOTATION, INDEX_LABEL, TRACKING_FINALIZER, backoffDelay, jobLabels, jspec, podFinishedAt, podIndex,
} from './jobUtil.js';

export function deletePods(ctx: ClusterContext, job: StoredObject, pods: StoredObject[], why: string): void {
  for (const p of pods) {
    if (!deleteIfPresent(ctx.store, p)) continue;
    ctx.record({ involvedObject: refOf(job), reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}`, why });
  }
}

function createPod(ctx: ClusterContext, job: StoredObject, index: number | undefined, why: string): boolean {
  const name = job.metadata.name;
  const labels = jobLabels(job);
  const annotations: Record<string, string> = {};
  if (index !== undefined) {
    labels[INDEX_LABEL] = String(index);
    annotations[INDEX_ANNOTATION] = String(index);
  }
  const pod = podFromTemplate(jspec(job).template, job, {
    generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
    labels,
    annotations,
    finalizers: [TRACKING_FINALIZER],
  });
  if (index !== undefined) {
    const spec = pod.spec as { hostname?: string; containers?: { env?: unknown[] }[] };
    spec.hostname = `${name}-${index}`;
    for (const c of spec.containers ?? []) {
      c.env = [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_ANNOTATION}']` } } }];
    }
  }
  const created = tryCreate(ctx, job, pod as KubeObject);
  if (typeof created === 'string') return false;
  ctx.record({ involvedObject: refOf(job), reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata.name}`, why });
  return true;
}

/** Milliseconds until the back-off after the latest failures allows a new pod (0 = now). */
export function backoffRemaining(ctx: ClusterContext, pods: StoredObject[]): number {
  let lastSuccess = -Infinity;
  for (const p of pods) if (podPhase(p) === 'Succeeded') lastSuccess = Math.max(lastSuccess, podFinishedAt(p));
  let failures = 0;
  let lastFailure = -Infinity;
  for (const p of pods) {
    if (podPhase(p) !== 'Failed' && !p.metadata.deletionTimestamp) continue;
    const t = podPhase(p) === 'Failed' ? podFinishedAt(p) : Date.parse(p.metadata.deletionTimestamp!);
    if (t < lastSuccess) continue;
    failures++;
    lastFailure = Math.max(lastFailure, t);
  }
  if (failures === 0) return 0;
  return Math.max(0, lastFailure + backoffDelay(failures) - ctx.now());
}

export interface Want {
  completions: number | null;
  parallelism: number;
  indexed: boolean;
  succeeded: number;
  completed: Set<number>;
}

/** manageJob: bring the number of active pods to what the Job wants now. */
export function manageJob(ctx: ClusterContext, job: StoredObject, key: string, pods: StoredObject[], active: StoredObject[], w: Want): void {
  let wantActive: number;
  if (w.completions === null) wantActive = w.succeeded > 0 ? active.length : w.parallelism;
  else wantActive = Math.max(0, Math.min(w.parallelism, w.completions - w.succeeded));
  if (w.indexed) {
    // Pods for completed, out-of-range or duplicate indexes go first.
    const seen = new Set<number>();
    const extra = active.filter((p) => {
      const i = podIndex(p);
      const bad = i === undefined || i >= (w.completions ?? 0) || w.completed.has(i) || seen.has(i);
      if (i !== undefined) seen.add(i);
      return bad;
    });
    if (extra.length) deletePods(ctx, job, extra, `Job ${job.metadata.name} removes pods whose index is already complete or duplicated.`);
    active = active.filter((p) => !extra.includes(p));
  }
  const diff = active.length - wantActive;
  if (diff > 0) {
    deletePods(ctx, job, podsToDelete(active, diff), `Job ${job.metadata.name} has ${active.length} active pods and wants ${wantActive} (parallelism ${w.parallelism}).`);
    return;
  }
  if (diff === 0) return;
  const wait = backoffRemaining(ctx, pods);
  if (wait > 0) {
    ctx.enqueue(key, wait);
    return;
  }
  const why = `Job ${job.metadata.name} wants ${wantActive} active pods (parallelism ${w.parallelism}, completions ${w.completions ?? 'unset'}, succeeded ${w.succeeded}).`;
  const retry = () => ctx.enqueue(key, FAILED_CREATE_RETRY_MS, { background: true });
  if (!w.indexed) {
    for (let i = 0; i < -diff; i++) if (!createPod(ctx, job, undefined, why)) return retry();
    return;
  }
  const busy = new Set(active.map(podIndex));
  let n = -diff;
  for (let i = 0; i < (w.completions ?? 0) && n > 0; i++) {
    if (w.completed.has(i) || busy.has(i)) continue;
    if (!createPod(ctx, job, i, why)) return retry();
    n--;
  }
}

/** Drop the tracking finalizer once a pod has been counted (or its Job is gone). */
export function releasePod(ctx: ClusterContext, pod: StoredObject): void {
  const cur = ctx.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name });
  if (!cur || !cur.metadata.finalizers?.includes(TRACKING_FINALIZER)) return;
  const finalizers = cur.metadata.finalizers.filter((f) => f !== TRACKING_FINALIZER);
  ctx.store.update({ ...cur, metadata: { ...cur.metadata, finalizers } } as KubeObject);
}
