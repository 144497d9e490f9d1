/**
 * What a container's process does, from the runtime, per container spec and start time. Plain plans
 * are pure functions of (spec, env, start time) and only cached; plans that read the pod's files or
 * come from async work (real bash, CPython) are kept in the pod's runtime state (`sandbox.podFiles`),
 * so a restored snapshot plays exactly what ran.
 */
import { fnv1a, localServers, planContainer, preparePlan } from '../../runtime/index.js';
import type { LocalServer, PodInfo, PodNetwork, ProcessPlan } from '../../runtime/index.js';
import type { Sandbox } from '../../sandbox.js';
import type { StoredObject } from '../types.js';
import { resolveEnv } from './env.js';
import { filesView, mountsFor } from './volumes.js';
import type { ContainerSpec, PodSpec, PodStatus } from './types.js';

/**
 * A container spec's plans by start time. Most containers start once: the last plan cached is a slot of
 * its own (always also in `byStart` once that exists), and the Map is made only at a second start time.
 */
interface SpecPlans {
  at: number;
  plan: ProcessPlan;
  byStart: Map<number, ProcessPlan> | undefined;
}
const planCache = new WeakMap<ContainerSpec, SpecPlans>();
/** Async runs in flight per world (not state: a restored world starts them again). */
const inFlight = new WeakMap<Sandbox, Set<string>>();

function cached(spec: ContainerSpec, startedAt: number): ProcessPlan | undefined {
  const p = planCache.get(spec);
  if (p === undefined) return undefined;
  return p.at === startedAt ? p.plan : p.byStart?.get(startedAt);
}

function cache(spec: ContainerSpec, startedAt: number, plan: ProcessPlan): ProcessPlan {
  const p = planCache.get(spec);
  if (p === undefined) {
    planCache.set(spec, { at: startedAt, plan, byStart: undefined });
    return plan;
  }
  if (p.byStart === undefined && p.at !== startedAt) p.byStart = new Map([[p.at, p.plan]]);
  if (p.byStart !== undefined) {
    if (p.byStart.size > 64) p.byStart.clear();
    p.byStart.set(startedAt, plan);
  }
  p.at = startedAt;
  p.plan = plan;
  return plan;
}

function podContainers(pod: StoredObject): ContainerSpec[] {
  const spec = pod.spec as PodSpec | undefined;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
}

/** The servers of the running pod with this IP (looked up only when a process connects to one). */
function serversAt(sandbox: Sandbox, ip: string): LocalServer[] | undefined {
  for (const p of sandbox.store.list({ apiVersion: 'v1', kind: 'Pod' })) {
    const st = p.status as PodStatus | undefined;
    if (st?.podIP === ip && st.phase === 'Running') return localServers(podContainers(p), '');
  }
  return undefined;
}

/** One lookup function per world (it reads the store when called): not a new closure per plan. */
const networks = new WeakMap<Sandbox, PodNetwork>();

function networkOf(sandbox: Sandbox): PodNetwork {
  let n = networks.get(sandbox);
  if (n === undefined) networks.set(sandbox, (n = (host) => serversAt(sandbox, host)));
  return n;
}

/** The servers of the pod's other containers (containers, then init containers). */
function podServers(pod: StoredObject, self: string): LocalServer[] {
  const spec = pod.spec as PodSpec | undefined;
  const main = localServers(spec?.containers ?? [], self);
  const init = localServers(spec?.initContainers ?? [], self);
  return init.length === 0 ? main : main.concat(init);
}

/** The container's absolute volume mount paths (directories that exist when it starts). */
function mountDirs(spec: ContainerSpec): string[] {
  const mounts = (spec as { volumeMounts?: { mountPath?: string }[] }).volumeMounts;
  const out: string[] = [];
  for (let i = 0; mounts !== undefined && i < mounts.length; i++) {
    const p = mounts[i]!.mountPath ?? '';
    if (p.startsWith('/')) out.push(p);
  }
  return out;
}

export function podInfo(pod: StoredObject): PodInfo {
  const m = pod.metadata;
  return { namespace: m.namespace ?? 'default', name: m.name, uid: m.uid, labels: m.labels ?? {}, ownerReferences: (m.ownerReferences ?? []) as unknown as Record<string, unknown>[] };
}

/**
 * The plan of a container started at `startedAt`, or undefined while async work computes it (the
 * work is started here; the kubelet looks again once the sandbox's driver has applied it).
 */
export function tryPlan(sandbox: Sandbox, pod: StoredObject, st: PodStatus, spec: ContainerSpec, startedAt: number): ProcessPlan | undefined {
  const hit = cached(spec, startedAt);
  if (hit) return hit;
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name;
  const key = `${spec.name}@${startedAt}`;
  const kept = sandbox.podFiles.plan(ns, name, key);
  if (kept) return cache(spec, startedAt, kept);
  const env = resolveEnv(sandbox.store, pod, st, spec).env;
  const info = podInfo(pod);
  info.servers = podServers(pod, spec.name);
  info.network = networkOf(sandbox);
  const r = preparePlan({
    image: spec.image ?? '',
    command: spec.command,
    args: spec.args,
    env,
    workingDir: spec.workingDir,
    startTime: startedAt,
    files: filesView(sandbox, pod, mountsFor(sandbox, pod, spec)),
    dirs: mountDirs(spec),
    artifacts: sandbox.artifacts,
    seed: fnv1a(`${sandbox.seed}/${pod.metadata.uid}/${key}`),
    pod: info,
    name: spec.name,
  });
  if ('plan' in r) {
    // Plans that read the pod's files or the repository depend on more than the spec: keep them.
    if (r.plan.effects || r.plan.deferred || r.plan.stdout !== undefined) sandbox.podFiles.setPlan(ns, name, key, r.plan);
    return cache(spec, startedAt, r.plan);
  }
  let running = inFlight.get(sandbox);
  if (!running) inFlight.set(sandbox, (running = new Set()));
  const job = `${pod.metadata.uid}/${key}`;
  if (running.has(job)) return undefined;
  running.add(job);
  sandbox.jobs.start(r.async.label, r.async.run, (res) => {
    running.delete(job);
    const plan = res.ok ? res.value : runtimeErrorPlan(res.error);
    sandbox.podFiles.setPlan(ns, name, key, plan);
  });
  return undefined;
}

/** The plan of a started container (always known once it runs). */
export function planFor(sandbox: Sandbox, pod: StoredObject, st: PodStatus, spec: ContainerSpec, startedAt: number): ProcessPlan {
  const plan = tryPlan(sandbox, pod, st, spec, startedAt);
  if (plan) return plan;
  // Only reachable if a snapshot lost an async result: fall back to the tiny runtime, never hang.
  const env = resolveEnv(sandbox.store, pod, st, spec).env;
  return cache(spec, startedAt, planContainer({ image: spec.image ?? '', command: spec.command, args: spec.args, env, workingDir: spec.workingDir, startTime: startedAt }));
}

function runtimeErrorPlan(error: unknown): ProcessPlan {
  const text = `[argo-sandbox] the simulated runtime failed: ${error instanceof Error ? error.message : String(error)}`;
  return { lines: [{ offsetMs: 0, text }], forever: false, durationMs: 0, exitCode: 128, handlesSigterm: false, sigtermExitCode: 143, argv: [] };
}
