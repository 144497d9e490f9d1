/** CronWorkflow status bookkeeping: active references, counters, conditions, history limits, stop strategy. */
import { evaluate, ExprTime, shouldExecute } from '../../expr/index.js';
import type { StoredObject } from '../../cluster/types.js';

export const LABEL_CRON_WORKFLOW = 'workflows.argoproj.io/cron-workflow';
export const ANNOTATION_SCHEDULED_TIME = 'workflows.argoproj.io/scheduled-time';
export const ANNOTATION_LAST_USED_SCHEDULE = 'cronworkflows.argoproj.io/last-used-schedule';
export const LABEL_CRON_COMPLETED = 'cronworkflows.argoproj.io/completed';
/** Creator labels a CronWorkflow passes on to its workflows (labelsToPropagate). */
export const PROPAGATED_LABELS = ['workflows.argoproj.io/creator', 'workflows.argoproj.io/creator-email', 'workflows.argoproj.io/creator-preferred-username'];

export interface ObjectReference {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
}

export interface CronCondition {
  type: 'SpecError' | 'SubmissionError';
  status: 'True' | 'False';
  message?: string;
}

export interface CronStatus {
  active?: ObjectReference[];
  lastScheduledTime?: string;
  conditions?: CronCondition[];
  succeeded?: number;
  failed?: number;
  phase?: '' | 'Active' | 'Stopped';
}

export function upsertCondition(st: CronStatus, c: CronCondition): void {
  const list = (st.conditions ?? []).filter((x) => x.type !== c.type);
  st.conditions = [...list, c];
}

export function removeCondition(st: CronStatus, type: CronCondition['type']): void {
  if (!st.conditions) return;
  st.conditions = st.conditions.filter((x) => x.type !== type);
  if (st.conditions.length === 0) delete st.conditions;
}

export const wfPhase = (wf: StoredObject): string => ((wf.status as { phase?: string } | undefined)?.phase ?? '');
export const wfFinishedAt = (wf: StoredObject): string => ((wf.status as { finishedAt?: string } | undefined)?.finishedAt ?? '');
export const fulfilled = (phase: string): boolean => phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';

export function refOfWorkflow(wf: StoredObject): ObjectReference {
  return { kind: 'Workflow', apiVersion: wf.apiVersion, name: wf.metadata.name, namespace: wf.metadata.namespace, uid: wf.metadata.uid, resourceVersion: wf.metadata.resourceVersion };
}

/** expressionEnv: `cronworkflow.{name, namespace, labels, annotations, failed, succeeded, lastScheduledTime, …}`. */
export function cronEnv(cwf: StoredObject, st: CronStatus): Record<string, unknown> {
  const labels = cwf.metadata.labels ?? {};
  const annotations = cwf.metadata.annotations ?? {};
  return {
    name: cwf.metadata.name,
    namespace: cwf.metadata.namespace ?? '',
    labels,
    annotations,
    failed: st.failed ?? 0,
    succeeded: st.succeeded ?? 0,
    'labels.json': JSON.stringify(labels),
    'annotations.json': JSON.stringify(annotations),
    lastScheduledTime: st.lastScheduledTime ? new ExprTime(Date.parse(st.lastScheduledTime)) : null,
  };
}

/** checkStopingCondition: `stopStrategy.expression` over `{cronworkflow: …}`; must yield a boolean. */
export function stopConditionMet(cwf: StoredObject, st: CronStatus, expression: string | undefined, now?: number): boolean {
  if (!expression) return false;
  let r: unknown;
  try {
    r = evaluate(expression, { cronworkflow: cronEnv(cwf, st) }, { now });
  } catch (e) {
    throw new Error(`failed to evaluate stop expression: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof r !== 'boolean') throw new Error(`failed to evaluate stop expression: expected bool, but got ${typeof r}`);
  return r;
}

/**
 * evalWhen: `{{cronworkflow.X}}` tags and `{{= expr }}` expressions (over `cronworkflow.*`, `now()` in virtual time)
 * substituted into `when`, then evaluated like a step's `when` (govaluate).
 */
export function whenAllows(cwf: StoredObject, st: CronStatus, when: string | undefined, now?: number): boolean {
  if (!when) return true;
  const env = cronEnv(cwf, st);
  const text = when.replace(/{{(.*?)}}/g, (all, inner: string) => {
    const tag = inner.trim();
    if (tag.startsWith('=')) {
      const v = evaluate(tag.slice(1), { cronworkflow: env }, { now });
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
    const m = /^cronworkflow\.([A-Za-z.]+)$/.exec(tag);
    const v = m ? env[m[1]] : undefined;
    if (v === undefined) return all;
    if (v instanceof ExprTime) return new Date(v.ms).toISOString();
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
  return shouldExecute(text);
}
