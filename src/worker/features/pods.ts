/**
 * One pod's story for the Pod view: a per-container timeline (waiting / running / terminated spans on the
 * virtual-time axis) rebuilt from the kubelet's events (Pulling, Started, BackOff, Killing, Unhealthy) and the
 * container statuses, and each container's logs. Argo's pods get roles: `init` (argoexec init), `main`, `wait`.
 */
import type { Sandbox } from '../../../simulator/sandbox.js';
import type { StoredObject } from '../../../simulator/cluster/types.js';
import type { SimEvent } from '../../../simulator/core/eventLog.js';
import { defineFeature } from './types.js';
import type { FeatureHost } from './types.js';

export type SpanState = 'waiting' | 'running' | 'terminated';

export interface Span {
  from: number;
  to: number;
  state: SpanState;
  /** `PodInitializing`, `ContainerCreating`, `CrashLoopBackOff`, `Completed`, `Error`… */
  reason?: string;
  exitCode?: number;
}

export interface Marker {
  t: number;
  reason: string;
  message: string;
  warning: boolean;
  why?: string;
}

export type ContainerRole = 'init' | 'main' | 'wait' | 'sidecar';

export interface ContainerTimeline {
  name: string;
  role: ContainerRole;
  image: string;
  restartCount: number;
  /** Current state: `Running`, `Completed`, `CrashLoopBackOff`… */
  state: string;
  spans: Span[];
  markers: Marker[];
  probes: string[];
}

export interface PodTimeline {
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  node?: string;
  /** Axis: from the pod's creation to now (or a little after it finished). */
  from: number;
  to: number;
  containers: ContainerTimeline[];
  /** Pod-level events, oldest first. */
  events: Marker[];
  conditions: { type: string; status: string; reason?: string; message?: string; at?: number }[];
  /** The Argo workflow and node this pod runs, when it is a workflow pod. */
  workflow?: { name: string; nodeId?: string };
  owner?: { kind: string; name: string };
}

interface CState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; startedAt?: string; finishedAt?: string };
}
interface CStatus {
  name: string;
  state?: CState;
  lastState?: CState;
  restartCount?: number;
}
interface CSpec {
  name: string;
  image?: string;
  restartPolicy?: string;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
}

const ms = (iso: unknown): number | undefined => (typeof iso === 'string' && iso ? Date.parse(iso) : undefined);

/**
 * The events matching `match`, scanned incrementally: the log only grows (a restore swaps in a new array, which
 * starts a new cache), so each push reads only the events appended since the last one instead of the whole log.
 */
const SCANS = new WeakMap<readonly SimEvent[], Map<string, { seen: number; items: SimEvent[] }>>();
export function scanEvents(world: Sandbox, key: string, match: (e: SimEvent) => boolean): SimEvent[] {
  const all = world.log.all();
  let byKey = SCANS.get(all);
  if (!byKey) SCANS.set(all, (byKey = new Map()));
  let c = byKey.get(key);
  if (!c || c.seen > all.length) c = { seen: 0, items: [] };
  for (let i = c.seen; i < all.length; i++) if (match(all[i]!)) c.items.push(all[i]!);
  c.seen = all.length;
  if (byKey.size > 200) byKey.clear();
  byKey.set(key, c);
  return c.items;
}

function podEvents(world: Sandbox, pod: StoredObject): SimEvent[] {
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name;
  const uid = pod.metadata.uid;
  return scanEvents(world, `pod\u0000${ns}/${name}/${uid}`, (e) => {
    const o = e.involvedObject;
    return o.kind === 'Pod' && o.name === name && o.namespace === ns && (!o.uid || o.uid === uid);
  });
}

const CONTAINER_IN_MESSAGE = [/^(?:Created|Started) container (\S+)$/, /^Stopping container (\S+)$/, /^Back-off restarting failed container (\S+) in pod/];

/** The container an event is about: named in its message, or by its image (pulls), or by its probe (Unhealthy). */
function containerOf(e: SimEvent, specs: CSpec[], started: Set<string>): string | undefined {
  for (const re of CONTAINER_IN_MESSAGE) {
    const m = re.exec(e.message);
    if (m) return m[1];
  }
  const image = /image "([^"]+)"/.exec(e.message)?.[1];
  if (image) return (specs.find((c) => c.image === image && !started.has(c.name)) ?? specs.find((c) => c.image === image))?.name;
  const probe = /^(Liveness|Readiness|Startup) probe/.exec(e.message)?.[1];
  if (probe) return specs.find((c) => (c as unknown as Record<string, unknown>)[`${probe.toLowerCase()}Probe`] !== undefined)?.name;
  return undefined;
}

function marker(e: SimEvent): Marker {
  return { t: e.t, reason: e.reason, message: e.message, warning: e.type === 'Warning', ...(e.why ? { why: e.why } : {}) };
}

function stateLabel(s: CState | undefined): string {
  if (s?.running) return 'Running';
  if (s?.terminated) return s.terminated.reason ?? `ExitCode:${s.terminated.exitCode ?? 0}`;
  return s?.waiting?.reason ?? 'Waiting';
}

/**
 * Spans of one container: waiting until each start, running until the crash/stop, then the current state.
 * `lastLine` is the time of the current instance's last log line: statuses keep whole seconds, so an exit is
 * placed no earlier than the last thing the container printed.
 */
function spansOf(spec: CSpec, cs: CStatus | undefined, evs: { e: SimEvent; c?: string }[], from: number, now: number, firstWait: string, lastLine?: number): Span[] {
  const mine = evs.filter((x) => x.c === spec.name).map((x) => x.e);
  const starts = mine.filter((e) => e.reason === 'Started').map((e) => e.t);
  const spans: Span[] = [];
  const state = cs?.state;
  let cursor = from;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const prevEnd = cursor;
    if (start > prevEnd || i === 0) {
      const backoff = mine.find((e) => e.reason === 'BackOff' && e.t >= prevEnd && e.t <= start);
      spans.push({ from: prevEnd, to: start, state: 'waiting', reason: i === 0 ? firstWait : backoff ? 'CrashLoopBackOff' : 'Restarting' });
    }
    const last = i === starts.length - 1;
    if (!last) {
      const nextStart = starts[i + 1]!;
      const crash = mine.find((e) => (e.reason === 'BackOff' || e.reason === 'Killing') && e.t >= start && e.t <= nextStart);
      const end = crash?.t ?? nextStart;
      spans.push({ from: start, to: end, state: 'running' });
      spans.push({ from: end, to: end, state: 'terminated', reason: 'Error' });
      cursor = end;
      continue;
    }
    if (state?.running || (!state?.terminated && !state?.waiting)) {
      spans.push({ from: start, to: now, state: 'running' });
      return spans;
    }
    const term = state.terminated ?? cs?.lastState?.terminated;
    const stop = mine.find((e) => e.reason === 'Killing' && e.t >= start)?.t;
    const end = Math.min(now, Math.max(start, ms(term?.finishedAt) ?? stop ?? start, state.terminated ? (lastLine ?? start) : start));
    spans.push({ from: start, to: end, state: 'running' });
    if (state.terminated) {
      spans.push({ from: end, to: now, state: 'terminated', reason: state.terminated.reason ?? 'Completed', exitCode: state.terminated.exitCode ?? 0 });
      return spans;
    }
    const exit = cs?.lastState?.terminated;
    spans.push({ from: end, to: end, state: 'terminated', reason: exit?.reason ?? 'Error', ...(exit?.exitCode !== undefined ? { exitCode: exit.exitCode } : {}) });
    spans.push({ from: end, to: now, state: 'waiting', reason: state.waiting?.reason ?? 'Restarting' });
    return spans;
  }
  // Never started: waiting since the pod was admitted, with the kubelet's current reason.
  spans.push({ from, to: now, state: 'waiting', reason: state?.waiting?.reason ?? firstWait });
  return spans;
}

/** Restartable init containers are sidecars; in Argo's pods `wait` is the executor and other containers sidecars. */
function roleOf(name: string, init: boolean, spec: CSpec, argo: boolean): ContainerRole {
  if (init) return spec.restartPolicy === 'Always' ? 'sidecar' : 'init';
  if (argo) return name === 'wait' ? 'wait' : name === 'main' ? 'main' : 'sidecar';
  return 'main';
}

/**
 * When every container has terminated, the axis ends shortly after the last change (not at "now", which would
 * squeeze a 6-second pod into a corner an hour later); the trailing terminated spans are cut there.
 */
function settledEnd(containers: ContainerTimeline[], from: number): number | undefined {
  if (containers.length === 0 || containers.some((c) => c.spans.at(-1)?.state !== 'terminated')) return undefined;
  let last = from;
  for (const c of containers) {
    for (const sp of c.spans) last = Math.max(last, sp.state === 'terminated' ? sp.from : sp.to);
    for (const m of c.markers) last = Math.max(last, m.t);
  }
  const to = last + Math.max(1000, Math.round((last - from) * 0.15));
  for (const c of containers) for (const sp of c.spans) if (sp.to > to) sp.to = Math.max(sp.from, to);
  return to;
}

export function podTimeline(world: Sandbox, pod: StoredObject): PodTimeline {
  const now = world.now();
  const spec = (pod.spec ?? {}) as { initContainers?: CSpec[]; containers?: CSpec[]; nodeName?: string };
  const st = (pod.status ?? {}) as { phase?: string; startTime?: string; initContainerStatuses?: CStatus[]; containerStatuses?: CStatus[]; conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[] };
  const inits = spec.initContainers ?? [];
  const mains = spec.containers ?? [];
  const all = [...inits, ...mains];
  const created = ms(pod.metadata.creationTimestamp) ?? now;
  const from = Math.min(created, ms(st.startTime) ?? created);
  const events = podEvents(world, pod);
  const started = new Set<string>();
  const tagged = events.map((e) => {
    const c = containerOf(e, all, started);
    if (c && e.reason === 'Started') started.add(c);
    return { e, c };
  });
  const end = Math.max(now, from + 1000);
  const argo = pod.metadata.labels?.['workflows.argoproj.io/workflow'] !== undefined;
  const ns = pod.metadata.namespace ?? 'default';
  const firstWait = inits.length > 0 ? 'PodInitializing' : 'ContainerCreating';
  const statuses = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])];
  const containers = all.map((c, i): ContainerTimeline => {
    const init = i < inits.length;
    const cs = statuses.find((s) => s.name === c.name);
    const probes = (['liveness', 'readiness', 'startup'] as const).filter((p) => (c as unknown as Record<string, unknown>)[`${p}Probe`] !== undefined);
    return {
      name: c.name,
      role: roleOf(c.name, init, c, argo),
      image: c.image ?? '',
      restartCount: cs?.restartCount ?? 0,
      state: stateLabel(cs?.state),
      spans: spansOf(c, cs, tagged, from, end, firstWait, world.podLogs.read(ns, pod.metadata.name, c.name, { tailLines: 1 })[0]?.t),
      markers: tagged.filter((x) => x.c === c.name && x.e.reason !== 'Created').map((x) => marker(x.e)),
      probes,
    };
  });
  const to = settledEnd(containers, from) ?? end;
  const out: PodTimeline = {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    phase: st.phase ?? 'Pending',
    from,
    to,
    containers,
    events: tagged.filter((x) => !x.c).map((x) => marker(x.e)),
    conditions: (st.conditions ?? []).map((c) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}), ...(ms(c.lastTransitionTime) !== undefined ? { at: ms(c.lastTransitionTime) } : {}) })),
  };
  if (spec.nodeName) out.node = spec.nodeName;
  const wf = pod.metadata.labels?.['workflows.argoproj.io/workflow'];
  if (wf) {
    const nodeId = pod.metadata.annotations?.['workflows.argoproj.io/node-id'];
    out.workflow = nodeId ? { name: wf, nodeId } : { name: wf };
  }
  const owner = pod.metadata.ownerReferences?.[0];
  if (owner) out.owner = { kind: owner.kind, name: owner.name };
  return out;
}

export const podsFeature = defineFeature({
  queries: {
    /** Pods to pick from (namespace/name/phase), newest first. */
    list(host: FeatureHost, namespace?: string): { namespace: string; name: string; phase: string }[] {
      return host.world.store
        .list({ apiVersion: 'v1', kind: 'Pod' }, namespace ? { namespace } : {})
        .map((p) => ({ p, t: ms(p.metadata.creationTimestamp) ?? 0 }))
        .sort((a, b) => b.t - a.t || (a.p.metadata.name < b.p.metadata.name ? -1 : 1))
        .map(({ p }) => ({ namespace: p.metadata.namespace ?? 'default', name: p.metadata.name, phase: ((p.status ?? {}) as { phase?: string }).phase ?? 'Pending' }));
    },
    /** One pod's container timeline; null when the pod does not exist (any more). */
    timeline(host: FeatureHost, namespace: string, name: string): PodTimeline | null {
      const pod = host.world.store.get({ apiVersion: 'v1', kind: 'Pod', namespace, name });
      return pod ? podTimeline(host.world, pod) : null;
    },
    /** `kubectl logs [-p] pod -c container`, with each line's virtual time. */
    logs(host: FeatureHost, namespace: string, name: string, container: string, previous = false): { t: number; text: string }[] {
      return host.world.podLogs.read(namespace, name, container, previous ? { previous: true } : {}).map((l) => ({ t: l.t, text: l.text }));
    },
  },
});
