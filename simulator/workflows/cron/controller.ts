/**
 * The CronWorkflow controller (workflow/cron): validates, creates `<name>-<unix seconds>` Workflows at each
 * fire time of its schedules in virtual time, honours suspend / when / concurrencyPolicy /
 * startingDeadlineSeconds / stopStrategy, keeps `status` (active, lastScheduledTime, succeeded, failed, phase,
 * conditions) and the successful/failed history limits. Wake-ups are background timers: a world with only
 * crons left counts as settled.
 */
import { ApiError } from '../../core/errors.js';
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import { splitKey } from '../../sandbox.js';
import { clone, isObj } from '../../cluster/types.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../cluster/types.js';
import { terminate } from '../actions/index.js';
import { lintCronWorkflow } from '../lint/index.js';
import { latestFireTime, nextFireTime, rfc3339In, scheduleWithTimezoneString } from './schedule.js';
import {
  ANNOTATION_LAST_USED_SCHEDULE,
  ANNOTATION_SCHEDULED_TIME,
  LABEL_CRON_COMPLETED,
  LABEL_CRON_WORKFLOW,
  PROPAGATED_LABELS,
  fulfilled,
  refOfWorkflow,
  removeCondition,
  stopConditionMet,
  upsertCondition,
  wfFinishedAt,
  wfPhase,
  whenAllows,
} from './status.js';
import type { CronStatus } from './status.js';

const WF_API = 'argoproj.io/v1alpha1';

interface CronSpec {
  schedules?: string[];
  schedule?: string;
  timezone?: string;
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  suspend?: boolean;
  when?: string;
  stopStrategy?: { expression?: string };
  workflowSpec?: Record<string, unknown>;
  workflowMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
}

type Ref = { kind: string; apiVersion: string; namespace?: string; name: string; uid: string };
const refOf = (o: StoredObject): Ref => ({ kind: o.kind, apiVersion: o.apiVersion, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid });

/** The cron's own workflows: labelled with its name and owned by it. */
function ownedWorkflows(ctx: ClusterContext, cwf: StoredObject): StoredObject[] {
  return ctx.store
    .list({ apiVersion: WF_API, kind: 'Workflow' }, { namespace: cwf.metadata.namespace, labelSelector: `${LABEL_CRON_WORKFLOW}=${cwf.metadata.name}` })
    .filter((w) => (w.metadata.ownerReferences ?? []).some((r) => r.uid === cwf.metadata.uid));
}

/** enforceHistoryLimit: keep the newest N successful (default 3) and M failed (default 1) finished workflows. */
function enforceHistory(ctx: ClusterContext, cwf: StoredObject, spec: CronSpec, wfs: StoredObject[]): void {
  const prune = (list: StoredObject[], keep: number, what: string) => {
    if (keep >= list.length) return;
    const sorted = [...list].sort((a, b) => (wfFinishedAt(a) > wfFinishedAt(b) ? -1 : wfFinishedAt(a) < wfFinishedAt(b) ? 1 : 0));
    for (const wf of sorted.slice(keep)) {
      try {
        ctx.store.delete({ apiVersion: WF_API, kind: 'Workflow', namespace: wf.metadata.namespace, name: wf.metadata.name });
      } catch (e) {
        if (e instanceof ApiError && e.status.reason === 'NotFound') continue;
        throw e;
      }
      ctx.record({
        involvedObject: refOf(cwf),
        reason: 'WorkflowDeleted',
        message: `Deleted Workflow ${wf.metadata.name} due to CronWorkflow history limit`,
        why: `CronWorkflow ${cwf.metadata.name} keeps ${keep} ${what} workflows (${what === 'successful' ? 'successfulJobsHistoryLimit' : 'failedJobsHistoryLimit'}).`,
      });
    }
  };
  const done = wfs.filter((w) => fulfilled(wfPhase(w)) && !w.metadata.deletionTimestamp);
  const limit = (v: number | undefined, d: number) => (typeof v === 'number' && v >= 0 ? v : d);
  prune(done.filter((w) => wfPhase(w) === 'Succeeded'), limit(spec.successfulJobsHistoryLimit, 3), 'successful');
  prune(done.filter((w) => wfPhase(w) !== 'Succeeded'), limit(spec.failedJobsHistoryLimit, 1), 'failed');
}

interface Op {
  ctx: ClusterContext;
  cwf: StoredObject;
  spec: CronSpec;
  status: CronStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function setCompleted(op: Op): void {
  op.status.phase = 'Stopped';
  op.labels[LABEL_CRON_COMPLETED] = 'true';
}

function checkStop(op: Op): boolean {
  try {
    if (stopConditionMet(op.cwf, op.status, op.spec.stopStrategy?.expression, op.ctx.now())) {
      if (op.status.phase !== 'Stopped') {
        op.ctx.record({
          involvedObject: refOf(op.cwf),
          reason: 'CronWorkflowStopped',
          message: `stopStrategy expression "${op.spec.stopStrategy?.expression}" is true`,
          why: `CronWorkflow ${op.cwf.metadata.name} stops scheduling: succeeded=${op.status.succeeded ?? 0}, failed=${op.status.failed ?? 0}.`,
        });
      }
      setCompleted(op);
      return true;
    }
  } catch (e) {
    upsertCondition(op.status, { type: 'SpecError', status: 'True', message: `failed to check CronWorkflow '${op.cwf.metadata.name}' stopping condition: ${e instanceof Error ? e.message.replace(/^failed to evaluate stop expression: /, 'failed to evaluate stop expression: ') : String(e)}` });
  }
  return false;
}

/** reconcileActiveWfs: running children join `active`, finished ones leave it and count as succeeded/failed. */
function reconcileActive(op: Op, wfs: StoredObject[]): void {
  const byUid = new Map(wfs.map((w) => [w.metadata.uid, w]));
  const active = [...(op.status.active ?? [])];
  for (const w of wfs) if (!fulfilled(wfPhase(w)) && !active.some((r) => r.uid === w.metadata.uid)) active.push(refOfWorkflow(w));
  const keep = [];
  for (const ref of active) {
    const w = byUid.get(ref.uid);
    if (w && !fulfilled(wfPhase(w))) {
      keep.push(ref);
      continue;
    }
    if (!w) continue;
    if (wfPhase(w) === 'Succeeded') op.status.succeeded = (op.status.succeeded ?? 0) + 1;
    else op.status.failed = (op.status.failed ?? 0) + 1;
    checkStop(op);
  }
  op.status.active = keep;
}

/** enforceRuntimePolicy + run: create the workflow for `scheduled` unless a policy says no. */
function runAt(op: Op, scheduled: number): void {
  const { ctx, cwf, spec } = op;
  const at = rfc3339In(scheduled, spec.timezone || undefined);
  const skip = (reason: string, why: string) => ctx.record({ involvedObject: refOf(cwf), reason, message: `skipped the run scheduled at ${at}`, why });
  if (checkStop(op) || op.status.phase === 'Stopped') return skip('CronWorkflowStopped', `CronWorkflow ${cwf.metadata.name} is Stopped: its stopStrategy expression held.`);
  if (spec.suspend) return skip('CronWorkflowSuspended', `CronWorkflow ${cwf.metadata.name} is suspended (spec.suspend).`);
  let allowed: boolean;
  try {
    allowed = whenAllows(cwf, op.status, spec.when, ctx.now());
  } catch (e) {
    upsertCondition(op.status, { type: 'SubmissionError', status: 'True', message: `run policy error: ${e instanceof Error ? e.message : String(e)}` });
    op.status.failed = (op.status.failed ?? 0) + 1;
    return;
  }
  if (!allowed) return skip('CronWorkflowWhenFalse', `when "${spec.when}" evaluated false.`);
  const active = op.status.active ?? [];
  const policy = spec.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length > 0) {
    return skip('ConcurrencyPolicyForbid', `'ConcurrencyPolicy: Forbid' and ${active.map((r) => r.name).join(', ')} is still running, so the ${at} run was not started.`);
  }
  if (policy === 'Replace' && active.length > 0) {
    for (const r of active) {
      try {
        terminate({ store: ctx.store, now: ctx.now }, r.namespace ?? cwf.metadata.namespace ?? '', r.name);
        ctx.record({ involvedObject: refOf(cwf), reason: 'WorkflowTerminated', message: `stopping ${r.name}`, why: `'ConcurrencyPolicy: Replace': the ${at} run replaces ${r.name} (spec.shutdown: Terminate).` });
      } catch {
        // Already finished or gone (AlreadyShutdownError / NotFound): nothing to replace.
      }
    }
  }
  const name = `${cwf.metadata.name}-${Math.floor(scheduled / 1000)}`;
  const labels: Record<string, string> = {};
  for (const k of PROPAGATED_LABELS) if (cwf.metadata.labels?.[k] !== undefined) labels[k] = cwf.metadata.labels[k];
  labels[LABEL_CRON_WORKFLOW] = cwf.metadata.name;
  Object.assign(labels, spec.workflowMetadata?.labels ?? {});
  const wf: KubeObject = {
    apiVersion: WF_API,
    kind: 'Workflow',
    metadata: {
      name,
      namespace: cwf.metadata.namespace,
      labels,
      annotations: { [ANNOTATION_SCHEDULED_TIME]: at, ...(spec.workflowMetadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: cwf.apiVersion, kind: 'CronWorkflow', name: cwf.metadata.name, uid: cwf.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: clone(spec.workflowSpec ?? {}) as KubeObject['spec'],
  };
  if (spec.workflowMetadata?.finalizers?.length) wf.metadata.finalizers = [...spec.workflowMetadata.finalizers];
  let created: StoredObject;
  try {
    created = ctx.store.create(wf);
  } catch (e) {
    if (e instanceof ApiError && e.status.reason === 'AlreadyExists') return;
    if (!(e instanceof ApiError)) throw e;
    upsertCondition(op.status, { type: 'SubmissionError', status: 'True', message: `Failed to submit Workflow: ${e.message}` });
    op.status.failed = (op.status.failed ?? 0) + 1;
    return;
  }
  ctx.record({
    involvedObject: refOf(cwf),
    reason: 'WorkflowCreated',
    message: `Created Workflow ${name}`,
    why: `Schedule "${scheduleWithTimezoneString(spec)}" fired at ${at}; workflow named <cron name>-<unix seconds of the scheduled time>.`,
  });
  op.status.active = [...(op.status.active ?? []), refOfWorkflow(created)];
  op.status.phase = 'Active';
  // metav1.Time always serialises in UTC; the scheduled-time annotation keeps the zone.
  op.status.lastScheduledTime = rfc3339In(scheduled);
  removeCondition(op.status, 'SubmissionError');
}

function persist(op: Op): void {
  const cur = op.ctx.store.get({ apiVersion: WF_API, kind: 'CronWorkflow', namespace: op.cwf.metadata.namespace, name: op.cwf.metadata.name });
  if (!cur) return;
  const status = { ...op.status };
  if (!status.active?.length) delete status.active;
  const next = { ...cur, metadata: { ...cur.metadata, labels: op.labels, annotations: op.annotations }, status } as KubeObject;
  if (Object.keys(op.labels).length === 0) delete next.metadata.labels;
  if (Object.keys(op.annotations).length === 0) delete next.metadata.annotations;
  if (JSON.stringify([cur.metadata.labels ?? {}, cur.metadata.annotations ?? {}, cur.status ?? {}]) === JSON.stringify([op.labels, op.annotations, status])) return;
  op.ctx.store.update(next);
}

/** Valid specs are remembered (validation is a pure function of the spec); invalid ones are checked again each time. */
const VALID = new Set<string>();

function validate(ctx: ClusterContext, cwf: StoredObject): { message: string } | undefined {
  const key = `${cwf.metadata.namespace ?? ''}\u0000${cwf.metadata.name}\u0000${JSON.stringify(cwf.spec ?? null)}`;
  if (VALID.has(key)) return undefined;
  const invalid = lintCronWorkflow(cwf, ctx.store)[0];
  if (!invalid) {
    if (VALID.size > 1000) VALID.clear();
    VALID.add(key);
  }
  return invalid;
}

function reconcileCron(ctx: ClusterContext, cwf: StoredObject, key: string, trigger: 'cron' | 'wf' | 'fire'): void {
  const spec = (isObj(cwf.spec) ? cwf.spec : {}) as CronSpec;
  const op: Op = {
    ctx,
    cwf,
    spec,
    status: clone((isObj(cwf.status) ? cwf.status : {}) as CronStatus),
    labels: { ...(cwf.metadata.labels ?? {}) },
    annotations: { ...(cwf.metadata.annotations ?? {}) },
  };
  const wfs = ownedWorkflows(ctx, cwf);
  enforceHistory(ctx, cwf, spec, wfs);
  reconcileActive(op, wfs.filter((w) => !w.metadata.deletionTimestamp));

  const invalid = validate(ctx, cwf);
  if (invalid) {
    if (op.status.conditions?.find((c) => c.type === 'SpecError')?.message !== invalid.message) {
      ctx.record({ involvedObject: refOf(cwf), reason: 'SpecError', type: 'Warning', message: invalid.message, why: `CronWorkflow ${cwf.metadata.name} is invalid, so nothing is scheduled until it is fixed.` });
    }
    upsertCondition(op.status, { type: 'SpecError', status: 'True', message: invalid.message });
    return persist(op);
  }
  removeCondition(op.status, 'SpecError');

  const now = ctx.now();
  const scheduleString = scheduleWithTimezoneString(spec);
  const newSchedule = op.annotations[ANNOTATION_LAST_USED_SCHEDULE] !== scheduleString;
  op.annotations[ANNOTATION_LAST_USED_SCHEDULE] = scheduleString;
  const last = op.status.lastScheduledTime ? Date.parse(op.status.lastScheduledTime) : Date.parse(cwf.metadata.creationTimestamp);
  const due = latestFireTime(spec, last, now);
  if (due !== undefined) {
    if (trigger === 'fire' && due === now) runAt(op, due); // the cron engine fires at `due`
    else if (trigger === 'cron' && due < now && !newSchedule && typeof spec.startingDeadlineSeconds === 'number' && now - due <= spec.startingDeadlineSeconds * 1000) {
      // runOutstandingWorkflows: a missed run (e.g. while suspended) still inside startingDeadlineSeconds.
      runAt(op, due);
    }
  }
  persist(op);
  const next = nextFireTime(spec, now);
  if (next !== undefined) ctx.enqueue(`${splitKey(key).namespace}/${cwf.metadata.name}${FIRE}`, next - now, { background: true });
}

/**
 * Keys say what woke the controller, like upstream's separate paths: `ns/name` a CronWorkflow event (validate,
 * catch up missed runs), `ns/name#wf` one of its workflows changed (history, active list), `ns/name#fire` a
 * schedule fired (the cron engine's job).
 */
const FIRE = '#fire';
const WF = '#wf';

function cronKeyOfWorkflow(e: WatchEvent): string[] {
  const cron = e.object.metadata.labels?.[LABEL_CRON_WORKFLOW];
  return cron ? [`${e.object.metadata.namespace ?? ''}/${cron}${WF}`] : [];
}

export const cronWorkflowController: ClusterController = {
  name: 'cron-workflow',
  component: 'workflow-controller',
  watches: [
    { group: 'argoproj.io', kind: 'CronWorkflow' },
    { group: 'argoproj.io', kind: 'Workflow', map: cronKeyOfWorkflow },
  ],
  reconcile(ctx, key) {
    const trigger = key.endsWith(FIRE) ? 'fire' : key.endsWith(WF) ? 'wf' : 'cron';
    const { namespace, name } = splitKey(trigger === 'cron' ? key : key.slice(0, key.lastIndexOf('#')));
    const cwf = ctx.store.get({ apiVersion: WF_API, kind: 'CronWorkflow', namespace, name });
    if (!cwf || cwf.metadata.deletionTimestamp) return;
    reconcileCron(ctx, cwf, key, trigger);
  },
};
