/**
 * The benchmark bodies, as plain functions of a size so the vitest smoke test can run them tiny and
 * `run.ts` can run them at full size. Each returns figures; only `run.ts` compares them with targets.
 */
import { performance } from 'node:perf_hooks';
import { createSandbox } from '../../simulator/index.js';
import type { KubeObject, Sandbox } from '../../simulator/index.js';
import { END, runScript } from '../unit/determinism/scenario.js';
import { argoCD } from '../../simulator/argocd/index.js';

export interface Figure {
  benchmark: string;
  figure: number;
  unit: string;
  /** Pass when `figure` is below this (absent: informational ratio). */
  target?: number;
  /** A precondition the figure needs to mean anything (e.g. every pod Succeeded); false fails the row. */
  valid?: boolean;
  /** The target is a floor (frames per second), not a ceiling. */
  higherIsBetter?: boolean;
}

export interface PodRunResult {
  pods: number;
  succeeded: number;
  wallMs: number;
  /** CPU time of this process (all threads, GC included) over the same span: steadier on a busy machine. */
  cpuMs: number;
  createMs: number;
  runMs: number;
  virtualMs: number;
  steps: number;
  writes: number;
  logEvents: number;
  kubeEvents: number;
  settled: boolean;
}

function podManifest(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `hi-${i}`, namespace: 'default', labels: { app: 'bench' } },
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'main', image: 'busybox', command: ['echo', 'hi'] }],
    },
  };
}

/** (a) N pods (busybox, `echo hi`, restartPolicy Never) created and run to Succeeded in virtual time. */
export function benchPods(n: number, seed = 1): PodRunResult {
  const sb: Sandbox = createSandbox({ seed });
  const rv0 = sb.store.resourceVersion;
  const log0 = sb.log.length;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sb.store.create(podManifest(i));
  const t1 = performance.now();
  const virtual0 = sb.now();
  const res = sb.runUntilSettled({ maxVirtualMs: 3_600_000 });
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  let succeeded = 0;
  for (const p of sb.store.list({ apiVersion: 'v1', kind: 'Pod' })) {
    if ((p.status as { phase?: string } | undefined)?.phase === 'Succeeded') succeeded++;
  }
  return {
    pods: n,
    succeeded,
    wallMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    createMs: t1 - t0,
    runMs: t2 - t1,
    virtualMs: sb.now() - virtual0,
    steps: res.steps,
    writes: sb.store.resourceVersion - rv0,
    logEvents: sb.log.length - log0,
    kubeEvents: sb.store.list({ apiVersion: 'v1', kind: 'Event' }).length,
    settled: res.settled,
  };
}

function smallObject(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `cm-${i}`,
      namespace: 'default',
      labels: { app: `app-${i % 100}`, tier: i % 2 === 0 ? 'frontend' : 'backend', shard: String(i % 10) },
    },
    data: { index: String(i) },
  };
}

export interface StoreListResult {
  objects: number;
  createMs: number;
  /** Median over `rounds` lists of one label selector (`app=app-7`). */
  listEqMs: number;
  listEqMatched: number;
  /** Median for a set-based selector (`app in (app-1,app-2),tier!=backend`). */
  listSetMs: number;
  listSetMatched: number;
  /** Median for an unfiltered list of the whole kind. */
  listAllMs: number;
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt<T>(rounds: number, fn: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result = fn(); // warm-up
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), result };
}

/** (b) A store holding N small objects: list with a label selector. */
export function benchStoreList(n: number, rounds = 9): StoreListResult {
  const sb = createSandbox({ seed: 2, kubeEvents: false });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sb.store.create(smallObject(i));
  const createMs = performance.now() - t0;
  const kind = { apiVersion: 'v1', kind: 'ConfigMap' };
  const eq = timeIt(rounds, () => sb.store.list(kind, { labelSelector: 'app=app-7' }));
  const set = timeIt(rounds, () => sb.store.list(kind, { labelSelector: 'app in (app-1,app-2),tier!=backend' }));
  const all = timeIt(rounds, () => sb.store.list(kind));
  return {
    objects: n,
    createMs,
    listEqMs: eq.ms,
    listEqMatched: eq.result.length,
    listSetMs: set.ms,
    listSetMatched: set.result.length,
    listAllMs: all.ms,
  };
}

export interface MemoryResult {
  objects: number;
  heapDeltaMB: number;
  bytesPerObject: number;
  /** False when run without --expose-gc: the figure then includes garbage. */
  gcExposed: boolean;
}

function gc(): boolean {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) return false;
  g();
  g();
  return true;
}

/** (c) Heap held by a store of N small objects (after GC, sandbox kept alive). */
export function benchMemory(n: number): MemoryResult {
  const gcExposed = gc();
  const before = process.memoryUsage().heapUsed;
  const sb = createSandbox({ seed: 3, kubeEvents: false });
  for (let i = 0; i < n; i++) sb.store.create(smallObject(i));
  gc();
  const after = process.memoryUsage().heapUsed;
  // Keep the store reachable until after the measurement.
  if (sb.store.size < n) throw new Error('store lost objects');
  const delta = after - before;
  return { objects: n, heapDeltaMB: delta / 1024 / 1024, bytesPerObject: delta / n, gcExposed };
}

export interface WriteResult {
  writes: number;
  createPerSec: number;
  updatePerSec: number;
  noopPerSec: number;
}

/** Raw write throughput: creates, status updates that change something, and no-op updates. */
export function benchWrites(n: number): WriteResult {
  const sb = createSandbox({ seed: 4, kubeEvents: false });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sb.store.create(podManifest(i));
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    const cur = sb.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: `hi-${i}` });
    sb.store.update({ ...cur, status: { phase: 'Running' } }, { subresource: 'status' });
  }
  const t2 = performance.now();
  for (let i = 0; i < n; i++) {
    const cur = sb.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: `hi-${i}` });
    sb.store.update({ ...cur, status: { phase: 'Running' } }, { subresource: 'status' });
  }
  const t3 = performance.now();
  return {
    writes: n,
    createPerSec: n / ((t1 - t0) / 1000),
    updatePerSec: n / ((t2 - t1) / 1000),
    noopPerSec: n / ((t3 - t2) / 1000),
  };
}

export interface EventResult {
  events: number;
  distinct: number;
  eventsPerSec: number;
  kubeEvents: number;
}

/** Event recording: N `record()` calls over `distinct` (object, reason, message) triples, aggregated into Events. */
export function benchEvents(n: number, distinct = Math.max(1, Math.floor(n / 10))): EventResult {
  const sb = createSandbox({ seed: 5 });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const k = i % distinct;
    sb.record('bench', {
      involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: `p-${k}`, uid: `uid-${k}` },
      reason: 'Pulled',
      message: `Container image "busybox" already present on machine`,
    });
  }
  const ms = performance.now() - t0;
  return { events: n, distinct, eventsPerSec: n / (ms / 1000), kubeEvents: sb.store.list({ apiVersion: 'v1', kind: 'Event' }).length };
}

export interface WorldResult {
  virtualMs: number;
  wallMs: number;
  events: number;
  writes: number;
}

/** The determinism tests' world (pods, rollout, Jobs, a CronJob) over two virtual hours. */
export function benchWorld(seed = 42): WorldResult {
  const sb = createSandbox({ seed });
  const rv0 = sb.store.resourceVersion;
  const t0 = performance.now();
  runScript(sb, sb.now(), 0, END);
  return { virtualMs: END, wallMs: performance.now() - t0, events: sb.log.length, writes: sb.store.resourceVersion - rv0 };
}

export interface WorkflowRunResult {
  tasks: number;
  phase: string;
  progress: string;
  wallMs: number;
  /** CPU time of this process over the same span (steadier than wall time on a shared machine). */
  cpuMs: number;
  virtualMs: number;
  /** Heap growth over the run without a GC first (includes garbage not yet collected). */
  heapMB: number;
  /** Heap the finished world keeps (GC before and after; equals heapMB when GC is not exposed). */
  retainedMB: number;
  settled: boolean;
  /** Store writes (every create/update/delete bumps the resourceVersion), Event objects among them, scheduler steps. */
  writes: number;
  kubeEvents: number;
  steps: number;
}

function runWorkflowBench(wf: KubeObject, tasks: number, seed: number): WorkflowRunResult {
  gc();
  const sb: Sandbox = createSandbox({ seed });
  const heap0 = process.memoryUsage().heapUsed;
  const rv0 = sb.store.resourceVersion;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  sb.store.create(wf);
  const v0 = sb.now();
  const res = sb.runUntilSettled({ maxVirtualMs: 36_000_000 });
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  const heapGrowth = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const got = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name: wf.metadata.name ?? '' });
  const st = (got?.status ?? {}) as { phase?: string; progress?: string };
  return {
    tasks,
    phase: st.phase ?? '',
    progress: st.progress ?? '',
    wallMs: t1 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    virtualMs: sb.now() - v0,
    heapMB: heapGrowth,
    retainedMB: (gc(), (process.memoryUsage().heapUsed - heap0) / 1e6),
    settled: res.settled,
    writes: sb.store.resourceVersion - rv0,
    kubeEvents: sb.store.list({ apiVersion: 'v1', kind: 'Event' }).length,
    steps: res.steps,
  };
}

/** (workflows) A DAG fan-out/fan-in: `start`, then N argosay tasks depending on it, then `end` on all of them. */
export function benchWorkflowDag(n: number, seed = 1): WorkflowRunResult {
  const tasks: unknown[] = [{ name: 'start', template: 'say' }];
  for (let i = 0; i < n; i++) tasks.push({ name: `t${i}`, template: 'say', depends: 'start' });
  tasks.push({ name: 'end', template: 'say', depends: Array.from({ length: n }, (_, i) => `t${i}`).join(' && ') });
  const wf = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'fan-out-fan-in', namespace: 'default' },
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', dag: { tasks } },
        { name: 'say', container: { image: 'argoproj/argosay:v2', args: ['echo', 'hello'] } },
      ],
    },
  } as unknown as KubeObject;
  return runWorkflowBench(wf, n + 2, seed);
}

/** (workflows) A steps workflow of N sequential argosay steps. */
export function benchWorkflowSteps(n: number, seed = 1): WorkflowRunResult {
  const steps = Array.from({ length: n }, (_, i) => [{ name: `s${i}`, template: 'say' }]);
  const wf = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: 'many-steps', namespace: 'default' },
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', steps },
        { name: 'say', container: { image: 'argoproj/argosay:v2', args: ['echo', 'hello'] } },
      ],
    },
  } as unknown as KubeObject;
  return runWorkflowBench(wf, n, seed);
}

export interface ArgoSyncResult {
  resources: number;
  waves: number;
  /** Wall time from creating the Application to its first comparison (repo server render + compare), settled. */
  createMs: number;
  /** Wall time from the sync request (app.operation, as the API server writes it) to Synced/Healthy and settled. */
  wallMs: number;
  /** CPU time of this process over the same span (steadier than wall time on a shared machine). */
  cpuMs: number;
  virtualMs: number;
  steps: number;
  sync: string;
  health: string;
  phase: string;
  results: number;
  settled: boolean;
  /** Wall time of one full refresh (render from cache + compare of every resource + status write). */
  refreshMs: number;
  refreshSync: string;
}

function argoResource(i: number, wave: number): string {
  const meta = `metadata:\n  name: r-${i}\n  annotations:\n    argocd.argoproj.io/sync-wave: "${wave}"\n`;
  switch (i % 3) {
    case 0:
      return `apiVersion: v1\nkind: ConfigMap\n${meta}data:\n  index: "${i}"\n`;
    case 1:
      return `apiVersion: v1\nkind: Service\n${meta}spec:\n  selector: {app: r-${i}}\n  ports: [{port: 80, targetPort: 8080}]\n`;
    default:
      return `apiVersion: v1\nkind: Secret\n${meta}stringData:\n  token: t-${i}\n`;
  }
}

function hookJob(name: string, hook: string): string {
  return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n  annotations:\n    argocd.argoproj.io/hook: ${hook}\n    argocd.argoproj.io/hook-delete-policy: HookSucceeded\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: main\n          image: busybox\n          command: [echo, ${name}]\n`;
}

type ArgoStatus = { sync?: { status?: string }; health?: { status?: string }; operationState?: { phase?: string; syncResult?: { resources?: unknown[] } } };

/**
 * (argocd) An Application of N resources (ConfigMaps, Services, Secrets) in `waves` sync waves with a
 * PreSync and a PostSync hook Job. Created (rendered and compared: OutOfSync), then synced the way the
 * API server asks (app.operation) to Synced/Healthy; then one full refresh of it.
 */
export async function benchArgoSync(n: number, waves = 5, seed = 1): Promise<ArgoSyncResult> {
  const sb: Sandbox = createSandbox({ seed });
  const files: Record<string, string> = { 'app/presync.yaml': hookJob('pre', 'PreSync'), 'app/postsync.yaml': hookJob('post', 'PostSync') };
  for (let i = 0; i < n; i++) files[`app/r-${i}.yaml`] = argoResource(i, Math.floor((i * waves) / n));
  const url = 'https://git.example.com/bench/app.git';
  await argoCD(sb).git.createRepo(url, files, { author: { name: 'bench', email: 'bench@example.com', timestamp: Math.floor(sb.now() / 1000) } });
  const key = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'bench' };
  const app = {
    apiVersion: key.apiVersion,
    kind: key.kind,
    metadata: { name: key.name, namespace: key.namespace },
    spec: {
      project: 'default',
      source: { repoURL: url, path: 'app', targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
    },
  } as unknown as KubeObject;
  const tc = performance.now();
  sb.store.create(app);
  sb.runUntilSettled({ maxVirtualMs: 60_000 });
  const createMs = performance.now() - tc;
  const v0 = sb.now();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const created = sb.store.mustGet(key);
  sb.store.update({ ...created, operation: { sync: { prune: true }, initiatedBy: { username: 'admin' } } });
  const r = sb.runUntilSettled({ maxVirtualMs: 3_600_000 });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const status = (sb.store.mustGet(key).status ?? {}) as ArgoStatus;
  // One full refresh: the refresh annotation, as `argocd app get --refresh` sets it.
  const current = sb.store.mustGet(key);
  sb.store.update({ ...current, metadata: { ...current.metadata, annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
  const t1 = performance.now();
  sb.runUntilSettled({ maxVirtualMs: 60_000 });
  const refreshMs = performance.now() - t1;
  const after = (sb.store.mustGet(key).status ?? {}) as ArgoStatus;
  return {
    resources: n,
    waves,
    createMs,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    virtualMs: sb.now() - v0,
    steps: r.steps,
    sync: status.sync?.status ?? '',
    health: status.health?.status ?? '',
    phase: status.operationState?.phase ?? '',
    results: status.operationState?.syncResult?.resources?.length ?? 0,
    settled: r.settled,
    refreshMs,
    refreshSync: after.sync?.status ?? '',
  };
}
