/**
 * The CronJob controller (pkg/controller/cronjob, v2): creates `<name>-<minutes since epoch>` Jobs on schedule,
 * honours concurrencyPolicy, suspend and startingDeadlineSeconds, keeps status.active, and prunes history.
 * Its wake-ups are background timers, so a world with only crons left counts as settled.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import { clone } from '../../types.js';
import type { JsonValue, StoredObject } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import { deleteIfPresent, refOf, writeStatus } from '../shared/objects.js';
import { controllerRef } from '../shared/pods.js';
import { objectForKey, ownedWatches } from '../shared/workload.js';
import { mostRecentScheduleTime, parseSchedule, rfc1123z } from './schedule.js';
import type { Schedule } from './schedule.js';

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: JsonValue };
}

interface ObjectReference {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
}

interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

function jobFinished(job: StoredObject): 'Complete' | 'Failed' | undefined {
  const conds = (job.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  const c = conds.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.type as 'Complete' | 'Failed' | undefined;
}

function jobRef(job: StoredObject): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace, uid: job.metadata.uid, resourceVersion: job.metadata.resourceVersion };
}

const finishTime = (j: StoredObject): string =>
  (j.status as { completionTime?: string } | undefined)?.completionTime ??
  ((j.status as { conditions?: { type: string; lastTransitionTime?: string }[] } | undefined)?.conditions ?? []).find((c) => c.type === 'Failed')?.lastTransitionTime ??
  j.metadata.creationTimestamp;

/** cleanupFinishedJobs: keep the newest N successful and M failed Jobs. */
function cleanupHistory(ctx: ClusterContext, cj: StoredObject, jobs: StoredObject[], spec: CronJobSpec): void {
  const prune = (kind: 'Complete' | 'Failed', limit: number) => {
    const done = jobs.filter((j) => jobFinished(j) === kind && !j.metadata.deletionTimestamp);
    if (done.length <= limit) return;
    const at = new Map(done.map((j) => [j, finishTime(j)]));
    done.sort((a, b) => (at.get(a)! < at.get(b)! ? -1 : at.get(a)! > at.get(b)! ? 1 : a.metadata.name.localeCompare(b.metadata.name)));
    for (const j of done.slice(0, done.length - limit)) {
      if (!deleteIfPresent(ctx.store, j, 'Background')) continue;
      ctx.record({ involvedObject: refOf(cj), reason: 'SuccessfulDelete', message: `Deleted job ${j.metadata.name}`, why: `CronJob ${cj.metadata.name} keeps ${limit} ${kind === 'Complete' ? 'successful' : 'failed'} Jobs (${kind === 'Complete' ? 'successfulJobsHistoryLimit' : 'failedJobsHistoryLimit'}).` });
    }
  };
  prune('Complete', spec.successfulJobsHistoryLimit ?? 3);
  prune('Failed', spec.failedJobsHistoryLimit ?? 1);
}

function requeueNext(ctx: ClusterContext, key: string, sched: Schedule): void {
  const next = sched.nextAfter(ctx.now());
  if (next !== undefined) ctx.enqueue(key, next - ctx.now(), { background: true });
}

function syncCronJob(ctx: ClusterContext, cj: StoredObject, key: string): void {
  const spec = (cj.spec ?? {}) as CronJobSpec;
  const status: CronJobStatus = { ...((cj.status ?? {}) as CronJobStatus) };
  const jobs = objectIndex(ctx.store).controlledBy(cj.metadata.uid, 'batch', 'Job');
  const byUid = new Map(jobs.map((j) => [j.metadata.uid, j]));
  const active: ObjectReference[] = [];
  for (const ref of status.active ?? []) {
    const j = byUid.get(ref.uid);
    if (!j) {
      ctx.record({ involvedObject: refOf(cj), reason: 'MissingJob', message: `Active job went missing: ${ref.name}`, type: 'Warning' });
      continue;
    }
    const done = jobFinished(j);
    if (done) {
      ctx.record({ involvedObject: refOf(cj), reason: 'SawCompletedJob', message: `Saw completed job: ${j.metadata.name}, condition: ${done}` });
      if (done === 'Complete') {
        const t = finishTime(j);
        if (!status.lastSuccessfulTime || status.lastSuccessfulTime < t) status.lastSuccessfulTime = t;
      }
      continue;
    }
    active.push(jobRef(j));
  }
  // Jobs we own that are running but not listed (e.g. after a restart) are active too.
  const listed = new Set((status.active ?? []).map((r) => r.uid));
  for (const j of jobs) if (!listed.has(j.metadata.uid) && !jobFinished(j)) active.push(jobRef(j));
  status.active = active;
  const write = () => {
    const cur = ctx.store.get({ apiVersion: 'batch/v1', kind: 'CronJob', namespace: cj.metadata.namespace, name: cj.metadata.name });
    if (!cur) return;
    const next: Record<string, unknown> = { ...status };
    if (!status.active?.length) delete next.active;
    writeStatus(ctx.store, cur, next);
  };
  if (cj.metadata.deletionTimestamp) return write();
  cleanupHistory(ctx, cj, jobs, spec);
  if (spec.suspend) return write();

  let sched: Schedule;
  try {
    sched = parseSchedule(spec.schedule ?? '', spec.timeZone);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (spec.timeZone && /timestamp|zone/i.test(msg)) ctx.record({ involvedObject: refOf(cj), reason: 'UnknownTimeZone', message: `invalid timeZone: "${spec.timeZone}": unknown time zone ${spec.timeZone}`, type: 'Warning' });
    else ctx.record({ involvedObject: refOf(cj), reason: 'InvalidSchedule', message: `invalid schedule: ${spec.schedule ?? ''} : ${msg}`, type: 'Warning' });
    return write();
  }

  const now = ctx.now();
  let earliest = Date.parse(status.lastScheduleTime ?? cj.metadata.creationTimestamp);
  if (spec.startingDeadlineSeconds !== undefined) earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
  const { time: scheduled, missed } = mostRecentScheduleTime(sched, earliest, now);
  if (missed > 100) {
    ctx.record({
      involvedObject: refOf(cj),
      reason: 'TooManyMissedTimes',
      message: `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
      type: 'Warning',
    });
  }
  if (scheduled === undefined) {
    write();
    return requeueNext(ctx, key, sched);
  }
  if (spec.startingDeadlineSeconds !== undefined && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
    ctx.record({ involvedObject: refOf(cj), reason: 'MissSchedule', type: 'Warning', message: `Missed scheduled time to start a job: ${rfc1123z(scheduled)}` });
    write();
    return requeueNext(ctx, key, sched);
  }
  const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
  const scheduledIso = ctx.iso(scheduled);
  if (active.some((r) => r.name === jobName) || status.lastScheduleTime === scheduledIso) {
    write();
    return requeueNext(ctx, key, sched);
  }
  const policy = spec.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length > 0) {
    ctx.record({
      involvedObject: refOf(cj),
      reason: 'JobAlreadyActive',
      message: 'Not starting job because prior execution is running and concurrency policy is Forbid',
      why: `CronJob ${cj.metadata.name} skips the ${scheduledIso} run: ${active.map((r) => r.name).join(', ')} is still running.`,
    });
    write();
    return requeueNext(ctx, key, sched);
  }
  if (policy === 'Replace') {
    for (const r of active) {
      const j = byUid.get(r.uid);
      if (!j || !deleteIfPresent(ctx.store, j, 'Background')) continue;
      ctx.record({ involvedObject: refOf(cj), reason: 'SuccessfulDelete', message: `Deleted job ${r.name}`, why: `concurrencyPolicy Replace: the ${scheduledIso} run replaces ${r.name}.` });
    }
    status.active = [];
  }
  const tmpl = spec.jobTemplate ?? {};
  const job = ctx.store.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName,
      namespace: cj.metadata.namespace,
      labels: { ...(tmpl.metadata?.labels ?? {}) },
      annotations: { ...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: scheduledIso },
      ownerReferences: [controllerRef(cj)],
    },
    spec: clone(tmpl.spec ?? {}),
  });
  ctx.record({
    involvedObject: refOf(cj),
    reason: 'SuccessfulCreate',
    message: `Created job ${job.metadata.name}`,
    why: `Schedule "${spec.schedule}"${spec.timeZone ? ` (${spec.timeZone})` : ''} fired at ${scheduledIso}.`,
  });
  status.active = [...(status.active ?? []), jobRef(job)];
  status.lastScheduleTime = scheduledIso;
  write();
  requeueNext(ctx, key, sched);
}

export const cronJobController: ClusterController = {
  name: 'cronjob',
  component: 'cronjob-controller',
  watches: ownedWatches({ group: 'batch', kind: 'CronJob' }, { group: 'batch', kind: 'Job' }),
  reconcile(ctx: ClusterContext, key: string): void {
    const cj = objectForKey(ctx, 'batch/v1', 'CronJob', key);
    if (cj) syncCronJob(ctx, cj, key);
  },
};
