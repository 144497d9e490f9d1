/** Pod-level status the kubelet derives from its containers: phase, conditions, QoS class. */
import { normalizeImage } from '../../runtime/index.js';
import { HOST_IP } from './node.js';
import type { ContainerSpec, ContainerStatus, KubeletBook, PodCondition, PodPhase, PodSpec, PodStatus } from './types.js';

const NO_SIDECARS: ReadonlySet<string> = new Set();
/** Per stored (frozen, so unchanging) spec: asked on every status write. */
const sidecarCache = new WeakMap<PodSpec, ReadonlySet<string>>();

/** Init containers with restartPolicy Always: sidecars. */
export function sidecarNames(spec: PodSpec): ReadonlySet<string> {
  const inits = spec.initContainers;
  if (!inits || inits.length === 0) return NO_SIDECARS;
  // Most pods have none: a look at their one or two init containers is cheaper than the cache.
  let any = false;
  for (let i = 0; i < inits.length && !any; i++) any = inits[i]!.restartPolicy === 'Always';
  if (!any) return NO_SIDECARS;
  const cached = sidecarCache.get(spec);
  if (cached !== undefined) return cached;
  let out: Set<string> | undefined;
  for (const c of inits) if (c.restartPolicy === 'Always') (out ??= new Set()).add(c.name);
  const names = out ?? NO_SIDECARS;
  if (Object.isFrozen(spec)) sidecarCache.set(spec, names);
  return names;
}

const NONE: readonly ContainerStatus[] = [];

/** kubelet getPhase (pkg/kubelet/kubelet_pods.go), for the container states the sim produces. */
export function getPhase(spec: PodSpec, st: PodStatus): PodPhase {
  const policy = spec.restartPolicy ?? 'Always';
  const inits = st.initContainerStatuses ?? NONE;
  const mains = st.containerStatuses ?? NONE;
  const sidecars = sidecarNames(spec);
  let regularStarted = false;
  for (let i = 0; i < mains.length && !regularStarted; i++) {
    const c = mains[i]!;
    regularStarted = !!(c.state.running || c.state.terminated || c.lastState.terminated);
  }
  let pendingInit = 0;
  let failedInit = 0;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    const t = c.state.terminated;
    if (t && t.exitCode === 0) continue;
    // A sidecar counts once it has started, and no longer holds the pod back once the main containers ran.
    if (sidecars.has(c.name) && (c.started || regularStarted)) continue;
    pendingInit++;
    if (t || c.lastState.terminated) failedInit++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (let i = 0; i < mains.length; i++) {
    const c = mains[i]!;
    if (c.state.running) running++;
    else if (c.state.terminated) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function priorCondition(conditions: readonly PodCondition[], type: string): PodCondition | undefined {
  // Index loops here and below: iterators over the frozen stored lists showed up as allocations.
  for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

/** Whether `old` is, as JSON, exactly the condition these fields make. */
function sameCondition(old: PodCondition, status: string, reason: string | undefined, message: string | undefined): boolean {
  if (old.status !== status || old.lastProbeTime !== null || old.reason !== reason || old.message !== message) return false;
  let n = 0;
  for (const k in old) if ((old as unknown as Record<string, unknown>)[k] !== undefined) n++;
  return n === 4 + (reason !== undefined ? 1 : 0) + (message !== undefined ? 1 : 0);
}

/**
 * One condition; its transition time kept while its status is unchanged. An unchanged condition is
 * the stored object itself: no copy to build, and the store's intern sees it as unchanged at once.
 */
function condition(conditions: PodCondition[], iso: string, type: string, ok: boolean, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = priorCondition(conditions, type);
  if (old && sameCondition(old, status, reason, message)) return old;
  const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : iso };
  if (reason !== undefined) c.reason = reason;
  if (message !== undefined) c.message = message;
  return c;
}

/** The five pod conditions in the order the kubelet writes them; transition times kept while unchanged. */
export function generatePodConditions(spec: PodSpec, st: PodStatus, phase: PodPhase, iso: string): PodCondition[] {
  // (Plain functions, not closures: this runs on every status write.)
  const conditions = st.conditions ?? [];
  const sidecars = sidecarNames(spec);
  // Initialized never goes back to False once the pod got there (a restarting sidecar does not undo it).
  const initializedBefore = priorCondition(conditions, 'Initialized')?.status === 'True';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const inits = st.initContainerStatuses ?? NONE;
  const mains = st.containerStatuses ?? NONE;
  // Names as the message text lists them (`[a b]`), built as they are found: no arrays to join.
  let incompleteInit = '';
  let incomplete = 0;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    if (!(c.state.terminated && c.state.terminated.exitCode === 0) && !(sidecars.has(c.name) && (c.started || initializedBefore))) {
      incompleteInit = incomplete++ === 0 ? c.name : `${incompleteInit} ${c.name}`;
    }
  }
  // Sidecars' readiness counts towards the pod's, like the main containers'.
  let unready = '';
  let unreadyCount = 0;
  for (let i = 0; i < inits.length; i++) {
    if (sidecars.has(inits[i]!.name) && !inits[i]!.ready) unready = unreadyCount++ === 0 ? inits[i]!.name : `${unready} ${inits[i]!.name}`;
  }
  for (let i = 0; i < mains.length; i++) if (!mains[i]!.ready) unready = unreadyCount++ === 0 ? mains[i]!.name : `${unready} ${mains[i]!.name}`;
  const initialized = incomplete === 0;
  const ready = unreadyCount === 0 && initialized;
  const incompleteMessage = initialized ? undefined : `containers with incomplete status: [${incompleteInit}]`;
  const readyReason = ready ? undefined : phase === 'Succeeded' ? 'PodCompleted' : !initialized ? 'ContainersNotInitialized' : 'ContainersNotReady';
  const readyMessage = ready || phase === 'Succeeded' ? undefined : (incompleteMessage ?? `containers with unready status: [${unready}]`);
  const out = [
    condition(conditions, iso, 'PodReadyToStartContainers', !terminal),
    initialized ? condition(conditions, iso, 'Initialized', true) : condition(conditions, iso, 'Initialized', false, 'ContainersNotInitialized', incompleteMessage),
    condition(conditions, iso, 'Ready', ready, readyReason, readyMessage),
    condition(conditions, iso, 'ContainersReady', ready, readyReason, readyMessage),
    condition(conditions, iso, 'PodScheduled', true),
  ];
  // Nothing changed: the stored list itself (what the store's intern would keep anyway).
  if (conditions.length !== out.length || !Object.isFrozen(conditions)) return out;
  for (let i = 0; i < out.length; i++) if (out[i] !== conditions[i]) return out;
  return conditions;
}

/** BestEffort / Burstable / Guaranteed, from requests and limits (pkg/apis/core/v1/helper/qos). */
export function qosClass(spec: PodSpec): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const all: ContainerSpec[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      if (l === undefined || (req[r] !== undefined && req[r] !== l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function initialContainerStatus(c: ContainerSpec, image: string, reason: string): ContainerStatus {
  return {
    name: c.name,
    state: { waiting: { reason } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image,
    imageID: '',
    started: false,
  };
}

/** The status a pod gets when the kubelet first admits it: addresses, start time, waiting containers. */
export function admitStatus(spec: PodSpec, old: PodStatus | undefined, now: string, ip: string, bk: KubeletBook): PodStatus {
  const hasInit = (spec.initContainers ?? []).length > 0;
  const reason = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const st: PodStatus = {
    phase: 'Pending',
    conditions: old?.conditions ? old.conditions.map((c) => ({ ...c })) : [],
    hostIP: HOST_IP,
    hostIPs: [{ ip: HOST_IP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: now,
  };
  if (hasInit) st.initContainerStatuses = spec.initContainers!.map((c) => initialContainerStatus(c, normalizeImage(c.image ?? ''), reason));
  st.containerStatuses = (spec.containers ?? []).map((c) => initialContainerStatus(c, normalizeImage(c.image ?? ''), reason));
  st.qosClass = qosClass(spec);
  st.sandbox = bk;
  return st;
}

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, m: 1e-3 };

/** A resource quantity (`128Mi`, `1G`, `500m`, `1e3`) in base units; undefined when absent or malformed. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return q;
  const m = /^([0-9.]+(?:e[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T|m)?$/.exec(q.trim());
  if (!m) return undefined;
  return parseFloat(m[1]!) * SUFFIX[m[2] ?? '']!;
}
