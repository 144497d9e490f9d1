/** The learner-facing `why` of the kubelet's start and stop events. */
import type { ProcessPlan } from '../../runtime/index.js';
import { goDuration } from './timings.js';
import type { PodSpec } from './types.js';

/** Why this container starts now: init order, sidecars, or a restart under restartPolicy. */
export function startWhy(spec: PodSpec, e: { init: boolean; sidecar: boolean; order: number }, restarts: number): string {
  const inits = spec.initContainers?.length ?? 0;
  const again = restarts > 0 ? ` This is restart ${restarts} (restartPolicy ${spec.restartPolicy ?? 'Always'}).` : '';
  if (e.sidecar) return `Init container ${e.order + 1} of ${inits} has restartPolicy Always: a sidecar, so it keeps running while the next containers start.${again}`;
  if (e.init) return `Init containers run one at a time, in order: this is ${e.order + 1} of ${inits}; the main containers wait until every init container exits 0.${again}`;
  if (inits > 0) return `All ${inits} init container${inits > 1 ? 's' : ''} finished, so the main containers start together.${again}`;
  return `The pod has no init containers, so its main containers start as soon as their images are ready.${again}`;
}

/** What SIGTERM will do to this process, for the learner. */
export function stopWhy(plan: ProcessPlan, graceMs: number): string {
  const g = goDuration(graceMs);
  if (plan.handlesSigterm) return `SIGTERM now; the process handles it and exits (grace period ${g}).`;
  const prog = plan.argv[0] ?? 'the process';
  return `SIGTERM now; ${prog} runs as PID 1 without a SIGTERM handler and ignores it, so it is SIGKILLed (exit 137) when the ${g} grace period ends.`;
}
