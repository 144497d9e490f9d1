/**
 * spec.activeDeadlineSeconds, as the kubelet's activeDeadlineHandler (pkg/kubelet/active_deadline.go):
 * once `status.startTime + activeDeadlineSeconds` has passed, the pod is evicted: a `DeadlineExceeded`
 * event, every container stopped (SIGTERM, SIGKILL after the grace period), nothing restarted, and,
 * once no container can still be running (the status manager holds terminal phases back until then),
 * `phase: Failed` with the handler's reason and message.
 */
import { goDuration } from './timings.js';
import type { PodSpec, PodStatus } from './types.js';

export const DEADLINE_REASON = 'DeadlineExceeded';
export const DEADLINE_MESSAGE = 'Pod was active on the node longer than the specified deadline';

/** When the pod's active deadline passes (virtual ms), or undefined when it has none. */
export function activeDeadlineAt(spec: PodSpec, st: PodStatus): number | undefined {
  const seconds = spec.activeDeadlineSeconds;
  if (typeof seconds !== 'number' || st.startTime === undefined) return undefined;
  const start = Date.parse(st.startTime);
  return Number.isNaN(start) ? undefined : start + seconds * 1000;
}

/** The learner-facing why of the DeadlineExceeded event. */
export function deadlineWhy(spec: PodSpec, graceMs: number): string {
  return (
    `The pod has activeDeadlineSeconds: ${spec.activeDeadlineSeconds}, counted from status.startTime (when the kubelet admitted it). ` +
    `That time has passed, so the kubelet stops every container (SIGTERM, SIGKILL after the ${goDuration(graceMs)} grace period), ` +
    `restarts none of them whatever the restartPolicy, and marks the pod Failed with reason DeadlineExceeded once they have stopped.`
  );
}
