/** The pod printer: READY, STATUS and RESTARTS computed exactly like kubectl's `printPod`. */
import { since } from './duration.js';
import { AGE, field, printer, spec, status } from './fields.js';
import { arr, col, num, rec, str } from './types.js';

function isRestartableInit(c: Record<string, unknown> | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function laterOf(a: string, b: unknown): string {
  const t = str(b);
  return t && (!a || Date.parse(t) > Date.parse(a)) ? t : a;
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: number;
  lastRestart: string;
}

/** kubectl's pod STATUS column (Init:0/1, PodInitializing, CrashLoopBackOff, Completed, Terminating…). */
export function podSummary(pod: Record<string, unknown>): PodSummary {
  const spec = rec(pod.spec);
  const status = rec(pod.status);
  const meta = rec(pod.metadata);
  const initSpecs = arr(spec.initContainers);
  const byName = new Map(initSpecs.map((c) => [str(c.name), c]));
  let totalContainers = arr(spec.containers).length + initSpecs.filter(isRestartableInit).length;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestart = '';
  let sidecarRestarts = 0;
  let sidecarLastRestart = '';
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  for (const c of arr(status.conditions)) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const state = rec(c.state);
    const terminated = state.terminated === undefined ? undefined : rec(state.terminated);
    const waiting = state.waiting === undefined ? undefined : rec(state.waiting);
    restarts += num(c.restartCount);
    const lastTerm = rec(rec(c.lastState).terminated);
    lastRestart = laterOf(lastRestart, lastTerm.finishedAt);
    const sidecar = isRestartableInit(byName.get(str(c.name)));
    if (sidecar) {
      sidecarRestarts += num(c.restartCount);
      sidecarLastRestart = laterOf(sidecarLastRestart, lastTerm.finishedAt);
    }
    if (terminated && num(terminated.exitCode) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready === true) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!str(terminated.reason)) {
        reason = num(terminated.signal) !== 0 ? `Init:Signal:${num(terminated.signal)}` : `Init:ExitCode:${num(terminated.exitCode)}`;
      } else reason = `Init:${str(terminated.reason)}`;
    } else if (waiting && str(waiting.reason) && waiting.reason !== 'PodInitializing') {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = arr(status.conditions).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      const state = rec(c.state);
      restarts += num(c.restartCount);
      lastRestart = laterOf(lastRestart, rec(rec(c.lastState).terminated).finishedAt);
      const waiting = state.waiting === undefined ? undefined : rec(state.waiting);
      const terminated = state.terminated === undefined ? undefined : rec(state.terminated);
      if (waiting && str(waiting.reason)) reason = str(waiting.reason);
      else if (terminated && str(terminated.reason)) reason = str(terminated.reason);
      else if (terminated) {
        reason = num(terminated.signal) !== 0 ? `Signal:${num(terminated.signal)}` : `ExitCode:${num(terminated.exitCode)}`;
      } else if (c.ready === true && state.running !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = arr(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (meta.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (meta.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  totalContainers = Math.max(totalContainers, 0);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts, lastRestart };
}

function readinessGates(pod: Record<string, unknown>): string {
  const gates = arr(spec(pod).readinessGates);
  if (gates.length === 0) return '<none>';
  const conds = arr(status(pod).conditions);
  const ready = gates.filter((g) => conds.some((c) => c.type === g.conditionType && c.status === 'True')).length;
  return `${ready}/${gates.length}`;
}

export const podPrinter = printer(
  [
    field<PodSummary>(col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'), (_, __, s) => s.ready),
    field<PodSummary>(col('Status', 'string', 'The aggregate status of the containers in this pod.'), (_, __, s) => s.status),
    field<PodSummary>(
      col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      (_, now, s) => (s.lastRestart ? `${s.restarts} (${since(s.lastRestart, now)} ago)` : String(s.restarts)),
    ),
    AGE,
    field(col('IP', 'string', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1), (o) => str(status(o).podIP) || '<none>'),
    field(col('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1), (o) => str(spec(o).nodeName) || '<none>'),
    field(col('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1), (o) => str(status(o).nominatedNodeName) || '<none>'),
    field(col('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1), readinessGates),
  ],
  { derive: podSummary },
);
