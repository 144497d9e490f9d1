/** Job spec/status shapes, labels and the pod-failure back-off. */
import type { StoredObject } from '../../types.js';
import type { Condition } from '../shared/conditions.js';
import type { PodTemplate } from '../shared/pods.js';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';

export interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  completionMode?: 'NonIndexed' | 'Indexed';
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  ttlSecondsAfterFinished?: number;
  selector?: unknown;
  template?: PodTemplate;
}

export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: Record<string, string[]>;
}

export function jspec(j: StoredObject): JobSpec {
  return (j.spec ?? {}) as JobSpec;
}

export function jstatus(j: StoredObject): JobStatus {
  return (j.status ?? {}) as JobStatus;
}

/** The labels every pod of a Job carries (the API server puts them on the template; we do not rely on that). */
export function jobLabels(j: StoredObject): Record<string, string> {
  return {
    'batch.kubernetes.io/controller-uid': j.metadata.uid,
    'batch.kubernetes.io/job-name': j.metadata.name,
    'controller-uid': j.metadata.uid,
    'job-name': j.metadata.name,
  };
}

export function finishedCondition(j: StoredObject): Condition | undefined {
  return jstatus(j).conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** Pod-failure back-off: 10 s doubling per consecutive failure, capped at 6 minutes. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 360_000;

export function backoffDelay(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (consecutiveFailures - 1), MAX_POD_FAILURE_BACKOFF_MS);
}

/** When a finished pod finished: its latest container termination, else its Ready transition. */
export function podFinishedAt(pod: StoredObject): number {
  const st = (pod.status ?? {}) as { containerStatuses?: { state?: { terminated?: { finishedAt?: string } } }[]; conditions?: Condition[] };
  let t = NaN;
  for (const c of st.containerStatuses ?? []) {
    const f = c.state?.terminated?.finishedAt;
    if (f) t = Number.isNaN(t) ? Date.parse(f) : Math.max(t, Date.parse(f));
  }
  if (!Number.isNaN(t)) return t;
  const ready = st.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
  return ready ? Date.parse(ready) : Date.parse(pod.metadata.creationTimestamp);
}

export function restartCount(pod: StoredObject): number {
  const st = (pod.status ?? {}) as { containerStatuses?: { restartCount?: number }[]; initContainerStatuses?: { restartCount?: number }[] };
  let n = 0;
  for (const c of [...(st.containerStatuses ?? []), ...(st.initContainerStatuses ?? [])]) n += c.restartCount ?? 0;
  return n;
}

export function podIndex(pod: StoredObject): number | undefined {
  const v = pod.metadata.annotations?.[INDEX_ANNOTATION] ?? pod.metadata.labels?.[INDEX_LABEL];
  const n = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}
