/**
 * The node side of the simulated cluster, in the spirit of kwok but with the kubelet's own rules:
 * `default-scheduler` binds pods to the node, `kubelet` runs them (image pull, init containers in
 * order (native sidecars: init containers with restartPolicy Always), main containers, probes,
 * restartPolicy with CrashLoopBackOff 10s→5m, image pull back-off, graceful deletion,
 * spec.activeDeadlineSeconds → Failed / DeadlineExceeded (deadline.ts)),
 * and what each container's process does comes from `simulator/runtime`.
 *
 * All of a pod's lifecycle state is in the store: its status plus the kubelet's bookkeeping in
 * `status.sandbox` (stages and due times in virtual ms), so snapshot/restore replays exactly.
 *
 * Per-pod annotations (durations like `5s`, `1m30s`, `250ms`):
 * - `sandbox.argoproj.io/image-pull-duration`  image pull time (default 1–3 s by image size)
 * - `sandbox.argoproj.io/start-duration`       container create + start (default 0.3–1 s)
 * - `sandbox.argoproj.io/stop-duration`        exit after SIGTERM for processes that handle it (default 0.1–0.3 s)
 * - `sandbox.argoproj.io/readiness-fail-for`   readiness probes fail for the first D of each container run
 * - `sandbox.argoproj.io/readiness-fail-after` readiness probes fail from D after each start on
 * - `sandbox.argoproj.io/liveness-fail-for`, `liveness-fail-after`, `startup-fail-for`, `startup-fail-after`: likewise
 * - `sandbox.argoproj.io/image-pull-error`      images the registry does not have (comma-separated, as written, or `*`):
 *                                              ErrImagePull, then ImagePullBackOff with back-off
 * Without these, httpGet / tcpSocket / grpc probes pass while the container runs, and exec probes
 * pass when their command exits 0 in the runtime within timeoutSeconds.
 *
 * Runtime hooks (plans.ts, effects.ts, volumes.ts): a container's plan may need async work (a real
 * shell, CPython); its start then waits at the same virtual instant for the sandbox's async driver
 * (`runUntilSettledAsync`). A process's exit applies its effects at that instant: files in the pod's
 * filesystem (`sandbox.podFiles`; PVC mounts write the claim's files), artifacts in `sandbox.artifacts`,
 * objects through the API (argoexec wait's WorkflowTaskResult). argoexec `wait` exits a short delay
 * after `main` terminates and kills the sidecars still running.
 */
import { isJsonObject } from '../types.js';
import type { KubeObject } from '../types.js';
import { kubeletController } from './kubelet.js';
import { schedulerController } from './scheduler.js';

export { kubeletController, reconcilePod } from './kubelet.js';
export { schedulerController, schedulePod } from './scheduler.js';
export { PodSim, pullPolicy } from './sim.js';
export { HOST_IP } from './node.js';
export { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, goDuration } from './timings.js';
export type { PodStatus, ContainerStatus, ContainerState, PodCondition, PodPhase, KubeletBook } from './types.js';

/**
 * A pod as a real API server would show it: without the simulated kubelet's bookkeeping in
 * `status.sandbox`. For views that print pods (API responses, CLI output) when they want that.
 */
export function withoutKubeletBookkeeping<T extends KubeObject>(pod: T): T {
  const st = pod.status;
  if (!isJsonObject(st) || st.sandbox === undefined) return pod;
  const { sandbox: _bookkeeping, ...status } = st;
  return { ...pod, status };
}

/** Registered in controllers/index.ts: the scheduler first, so binding happens before the kubelet looks. */
export const NODE_CONTROLLERS = [schedulerController, kubeletController];
