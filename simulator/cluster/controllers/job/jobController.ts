/**
 * The Job controller (pkg/controller/job): runs pods to `completions` with `parallelism`, counts finished pods
 * through the `batch.kubernetes.io/job-tracking` finalizer, backs off after failures, and ends with
 * SuccessCriteriaMet → Complete or FailureTarget → Failed (BackoffLimitExceeded / DeadlineExceeded).
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import { objectForKey } from '../shared/workload.js';
import type { StoredObject, WatchEvent } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import type { Condition } from '../shared/conditions.js';
import { NO_KEYS } from '../shared/keys.js';
import { omitEmpty, refOf, writeStatus } from '../shared/objects.js';
import { controllerOf, isPodActive, isPodReady, podPhase } from '../shared/pods.js';
import { podStateChanged } from '../shared/podEvents.js';
import { formatIndexes, parseIndexes } from './indexes.js';
import { deletePods, manageJob, releasePod } from './jobPods.js';
import { TRACKING_FINALIZER, finishedCondition, jspec, jstatus, podIndex, restartCount } from './jobUtil.js';
import type { JobStatus } from './jobUtil.js';

const POD_KEY = 'pod:';

/** Pod events wake their Job; a tracked pod being deleted is also looked at on its own (its Job may be gone). */
function podKeys(e: WatchEvent): string[] {
  const p = e.object;
  // The owner reference first: most pod events concern no Job at all.
  const ref = controllerOf(p, 'Job');
  if (!ref) return NO_KEYS;
  if (e.type === 'MODIFIED' && e.old && !podStateChanged(e.old, p)) return NO_KEYS;
  const keys = [`${p.metadata.namespace ?? ''}/${ref.name}`];
  if (p.metadata.deletionTimestamp && p.metadata.finalizers?.includes(TRACKING_FINALIZER)) keys.push(`${POD_KEY}${p.metadata.namespace ?? ''}/${p.metadata.name}`);
  return keys;
}

function cond(type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

function upsert(conds: Condition[], c: Condition): Condition[] {
  const cur = conds.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return conds;
  return [...conds.filter((x) => x.type !== c.type), c];
}

const COMPLETE_MSG = 'Reached expected number of succeeded pods';
const BACKOFF_MSG = 'Job has reached the specified backoff limit';
const DEADLINE_MSG = 'Job was active longer than specified deadline';

function finishedJob(ctx: ClusterContext, job: StoredObject, key: string, pods: StoredObject[]): void {
  for (const p of pods) if (p.metadata.finalizers?.includes(TRACKING_FINALIZER)) releasePod(ctx, p);
  const ttl = jspec(job).ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null) return;
  const fin = finishedCondition(job)!;
  const at = Date.parse(jstatus(job).completionTime ?? fin.lastTransitionTime ?? job.metadata.creationTimestamp) + ttl * 1000;
  if (ctx.now() < at) return ctx.enqueue(key, at - ctx.now(), { background: true });
  // The TTL-after-finished controller deletes with Foreground propagation.
  if (!job.metadata.deletionTimestamp) ctx.store.delete({ apiVersion: 'batch/v1', kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name }, { propagationPolicy: 'Foreground' });
}

function syncJob(ctx: ClusterContext, job: StoredObject, key: string): void {
  const idx = objectIndex(ctx.store);
  const pods = idx.controlledBy(job.metadata.uid, '', 'Pod');
  if (finishedCondition(job)) return finishedJob(ctx, job, key, pods);
  const spec = jspec(job);
  const old = jstatus(job);
  const now = ctx.now();
  const nowIso = ctx.iso();
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions !== undefined ? spec.completions : spec.parallelism === undefined ? 1 : null;
  const parallelism = spec.parallelism ?? 1;
  const backoffLimit = spec.backoffLimit ?? 6;
  const completed = parseIndexes(old.completedIndexes, completions ?? 0);

  // Count pods that finished since the last sync (they still carry the tracking finalizer).
  let succeeded = old.succeeded ?? 0;
  let failed = old.failed ?? 0;
  let newFailure = false;
  const counted: StoredObject[] = [];
  for (const p of pods) {
    if (!p.metadata.finalizers?.includes(TRACKING_FINALIZER)) continue;
    const phase = podPhase(p);
    if (phase === 'Succeeded') {
      const i = podIndex(p);
      if (indexed && i !== undefined && i < (completions ?? 0)) completed.add(i);
      else if (!indexed) succeeded++;
      counted.push(p);
    } else if (phase === 'Failed' || p.metadata.deletionTimestamp) {
      failed++;
      newFailure = true;
      counted.push(p);
    }
  }
  if (indexed) succeeded = completed.size;
  let active = pods.filter(isPodActive);
  let conditions = [...(old.conditions ?? [])];
  const status: JobStatus = { ...old };

  let target = conditions.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
  const restartPolicy = (spec.template?.spec as { restartPolicy?: string } | undefined)?.restartPolicy;
  if (!target && !spec.suspend) {
    const start = old.startTime ? Date.parse(old.startTime) : undefined;
    const onFailureRestarts = restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + restartCount(p), 0) : 0;
    // pastBackoffLimitOnFailure: with OnFailure the kubelet restarts in place, so restarts count as failures.
    const pastOnFailure = restartPolicy === 'OnFailure' && (backoffLimit === 0 ? onFailureRestarts > 0 : onFailureRestarts >= backoffLimit);
    if ((newFailure && failed > backoffLimit) || pastOnFailure) {
      target = cond('FailureTarget', 'True', 'BackoffLimitExceeded', BACKOFF_MSG, nowIso);
    } else if (spec.activeDeadlineSeconds !== undefined && start !== undefined && now - start >= spec.activeDeadlineSeconds * 1000) {
      target = cond('FailureTarget', 'True', 'DeadlineExceeded', DEADLINE_MSG, nowIso);
    } else if (completions !== null ? succeeded >= completions : succeeded > 0 && active.length === 0) {
      target = cond('SuccessCriteriaMet', 'True', 'CompletionsReached', COMPLETE_MSG, nowIso);
    }
    if (target) conditions = upsert(conditions, target);
  }

  if (target) {
    // Terminal: remove what still runs, then record the final condition once no pod is left running.
    if (active.length) deletePods(ctx, job, active, `Job ${job.metadata.name} is finishing (${target.reason}); its remaining pods are removed.`);
    active = [];
    const stillRunning = idx.controlledBy(job.metadata.uid, '', 'Pod').some((p) => !['Succeeded', 'Failed'].includes(podPhase(p)));
    if (!stillRunning) {
      if (target.type === 'SuccessCriteriaMet') {
        conditions = upsert(conditions, cond('Complete', 'True', 'CompletionsReached', COMPLETE_MSG, nowIso));
        status.completionTime = nowIso;
        ctx.record({ involvedObject: refOf(job), reason: 'Completed', message: 'Job completed', why: `Job ${job.metadata.name} reached ${succeeded} succeeded pods.` });
      } else {
        conditions = upsert(conditions, cond('Failed', 'True', target.reason!, target.message!, nowIso));
        ctx.record({
          involvedObject: refOf(job),
          reason: target.reason!,
          message: target.message!,
          type: 'Warning',
          why: target.reason === 'BackoffLimitExceeded'
            ? `Job ${job.metadata.name} had ${failed} failed pods; backoffLimit is ${backoffLimit}.`
            : `Job ${job.metadata.name} ran longer than activeDeadlineSeconds (${spec.activeDeadlineSeconds}s).`,
        });
      }
    }
  } else if (spec.suspend) {
    if (active.length) deletePods(ctx, job, active, `Job ${job.metadata.name} is suspended: its active pods are removed.`);
    active = [];
    const s = conditions.find((c) => c.type === 'Suspended');
    if (s?.status !== 'True') {
      conditions = upsert(conditions, cond('Suspended', 'True', 'JobSuspended', 'Job suspended', nowIso));
      ctx.record({ involvedObject: refOf(job), reason: 'Suspended', message: 'Job suspended', why: `spec.suspend is true for Job ${job.metadata.name}.` });
    }
  } else {
    const s = conditions.find((c) => c.type === 'Suspended');
    if (s?.status === 'True') {
      conditions = upsert(conditions, cond('Suspended', 'False', 'JobResumed', 'Job resumed', nowIso));
      ctx.record({ involvedObject: refOf(job), reason: 'Resumed', message: 'Job resumed', why: `spec.suspend became false for Job ${job.metadata.name}.` });
      status.startTime = nowIso;
    }
    if (!status.startTime) status.startTime = nowIso;
    manageJob(ctx, job, key, pods, active, { completions, parallelism, indexed, succeeded, completed });
    active = idx.controlledBy(job.metadata.uid, '', 'Pod').filter(isPodActive);
    if (spec.activeDeadlineSeconds !== undefined) {
      const left = Date.parse(status.startTime) + spec.activeDeadlineSeconds * 1000 - now;
      ctx.enqueue(key, Math.max(0, left), { background: true });
    }
  }

  const all = idx.controlledBy(job.metadata.uid, '', 'Pod');
  // Field order as the API server prints a JobStatus.
  const ordered: JobStatus = {
    conditions,
    startTime: status.startTime,
    completionTime: status.completionTime,
    active: active.length,
    succeeded,
    failed,
    terminating: all.filter((p) => p.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(podPhase(p))).length,
    completedIndexes: indexed ? formatIndexes(completed) : undefined,
    uncountedTerminatedPods: {},
    ready: active.filter(isPodReady).length,
  };
  const cur = ctx.store.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name });
  if (!cur) return;
  const next = omitEmpty(ordered as Record<string, unknown>, ['active', 'succeeded', 'failed', 'conditions', 'startTime', 'completionTime', 'completedIndexes']);
  writeStatus(ctx.store, cur, next);
  for (const p of counted) releasePod(ctx, p);
}

export const jobController: ClusterController = {
  name: 'job',
  component: 'job-controller',
  watches: [
    { group: 'batch', kind: 'Job' },
    { group: '', kind: 'Pod', map: podKeys },
  ],
  reconcile(ctx: ClusterContext, key: string): void {
    if (key.startsWith(POD_KEY)) {
      const pod = objectForKey(ctx, 'v1', 'Pod', key.slice(POD_KEY.length));
      const ref = controllerOf(pod, 'Job');
      const job = ref ? objectIndex(ctx.store).get(ref.uid) : undefined;
      if (pod && (!job || job.metadata.deletionTimestamp || finishedCondition(job))) releasePod(ctx, pod);
      return;
    }
    const job = objectForKey(ctx, 'batch/v1', 'Job', key);
    if (!job || job.metadata.deletionTimestamp) return;
    syncJob(ctx, job, key);
  },
};
