/**
 * A pod's READY / STATUS / RESTARTS exactly as `kubectl get pods` computes them (kubectl's printPod),
 * plus one badge per container.
 */
import type { ContainerView } from '../protocol.js';
import { humanDuration } from './age.js';

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodLike {
  metadata: { deletionTimestamp?: string };
  spec?: { containers?: { name: string }[]; initContainers?: { name: string; restartPolicy?: string }[] };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: { type: string; status: string; reason?: string }[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
  containers: ContainerView[];
}

function lastRestart(c: ContainerStatus): number | undefined {
  const f = c.lastState?.terminated?.finishedAt;
  return f ? Date.parse(f) : undefined;
}

export function summarizePod(pod: PodLike, now: number): PodSummary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initSpecs = spec.initContainers ?? [];
  const total = (spec.containers ?? []).length + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let lastRestartAt: number | undefined;
  const noteRestart = (c: ContainerStatus) => {
    restarts += c.restartCount ?? 0;
    const at = lastRestart(c);
    if (at !== undefined && (lastRestartAt === undefined || at > lastRestartAt)) lastRestartAt = at;
  };
  let reason = status.reason || status.phase || 'Pending';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const inits = status.initContainerStatuses ?? [];
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    noteRestart(c);
    const sidecar = initSpecs.find((s) => s.name === c.name)?.restartPolicy === 'Always';
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    let hasRunning = false;
    const mains = status.containerStatuses ?? [];
    for (let i = mains.length - 1; i >= 0; i--) {
      const c = mains[i]!;
      noteRestart(c);
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode ?? 0}`;
      else if (c.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  const restartsText = lastRestartAt !== undefined && restarts > 0 ? `${restarts} (${humanDuration(now - lastRestartAt)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText, containers: containerViews(pod) };
}

function view(name: string, init: boolean, c: ContainerStatus | undefined): ContainerView {
  const st = c?.state;
  const base = { name, init, ready: c?.ready ?? false, restartCount: c?.restartCount ?? 0 };
  if (st?.running) return { ...base, state: 'running' };
  if (st?.terminated) {
    const v: ContainerView = { ...base, state: 'terminated', exitCode: st.terminated.exitCode ?? 0 };
    if (st.terminated.reason) v.reason = st.terminated.reason;
    return v;
  }
  if (st?.waiting) return st.waiting.reason ? { ...base, state: 'waiting', reason: st.waiting.reason } : { ...base, state: 'waiting' };
  return { ...base, state: 'unknown' };
}

function containerViews(pod: PodLike): ContainerView[] {
  const status = pod.status ?? {};
  const byName = (list: ContainerStatus[] | undefined, name: string) => list?.find((c) => c.name === name);
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => view(c.name, true, byName(status.initContainerStatuses, c.name))),
    ...(pod.spec?.containers ?? []).map((c) => view(c.name, false, byName(status.containerStatuses, c.name))),
  ];
}
