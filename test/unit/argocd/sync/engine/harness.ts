/** A stand-in for the Application controller: calls syncStep until the operation ends, advancing virtual time. */
import { createSandbox } from '../../../../../simulator/index.js';
import type { KubeObject, Sandbox } from '../../../../../simulator/index.js';
import { compareApp, TRACKING_ID_ANNOTATION } from '../../../../../simulator/argocd/diff/index.js';
import { syncStep } from '../../../../../simulator/argocd/sync/engine/index.js';
import type { Operation, OperationState, SyncEnv, SyncRequest } from '../../../../../simulator/argocd/sync/engine/index.js';

export const T0 = Date.UTC(2025, 0, 1);
export const REV = '4f2c9a1b7d3e5f60718293a4b5c6d7e8f9a0b1c2';

export function sandbox(seed = 7): Sandbox {
  return createSandbox({ seed, startTime: T0 });
}

export function envOf(sb: Sandbox, extra: Partial<SyncEnv> = {}): SyncEnv {
  return {
    store: sb.store, now: () => sb.now(), iso: (ms?: number) => sb.clock.iso(ms), rng: sb.rng,
    record: (e) => sb.record('argocd-application-controller', e), ...extra,
  };
}

export function app(namespace = 'default', syncOptions?: string[]): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'demo', namespace: 'argocd', uid: 'app-uid' },
    spec: { destination: { server: 'https://kubernetes.default.svc', namespace }, ...(syncOptions ? { syncPolicy: { syncOptions } } : {}) },
  };
}

/** Annotation tracking as the controller adds it: `<app>:<group>/<kind>:<namespace>/<name>`. */
const idOf = (o: KubeObject, ns = 'default') =>
  `demo:${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}:${o.metadata.namespace ?? ns}/${o.metadata.name ?? ''}`;

export function track(o: KubeObject, ns = 'default'): KubeObject {
  const id = idOf(o, ns);
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [TRACKING_ID_ANNOTATION]: id } } };
}

export function liveOf(sb: Sandbox): KubeObject[] {
  const out: KubeObject[] = [];
  for (const o of sb.store.allObjects()) {
    // Like Argo's isSelfReferencedObj: a ReplicaSet copies its Deployment's annotation but is not that object.
    const id = o.metadata.annotations?.[TRACKING_ID_ANNOTATION];
    if (id !== undefined && id === idOf(o, '')) out.push(o);
  }
  return out;
}

export interface DriveOptions {
  operation?: Operation;
  app?: KubeObject;
  maxSteps?: number;
  env?: Partial<SyncEnv>;
  /** Called before each step with the state so far; return true to terminate the operation. */
  terminateWhen?: (state: OperationState | undefined, sb: Sandbox) => boolean;
  ignoreDifferences?: SyncRequest['ignoreDifferences'];
  /** Compute compareApp each step (ApplyOutOfSyncOnly needs it; costly for huge apps). */
  compare?: boolean;
}

export interface Trace {
  state: OperationState;
  steps: { t: number; phase: string; message: string; requeueAfterMs?: number }[];
}

/** Async: container runtimes may finish their work asynchronously (the sandbox's async driver awaits them). */
export async function drive(sb: Sandbox, targets: KubeObject[], opts: DriveOptions = {}): Promise<Trace> {
  const env = envOf(sb, opts.env);
  const tracked = targets.map((t) => track(t));
  let state: OperationState | undefined;
  const steps: Trace['steps'] = [];
  const a = opts.app ?? app();
  const ns = (a.spec as { destination: { namespace: string } }).destination.namespace;
  for (let i = 0; i < (opts.maxSteps ?? 500); i++) {
    const live = liveOf(sb);
    const req: SyncRequest = {
      app: a, operation: opts.operation ?? { sync: { revision: REV } }, revision: REV, targets: tracked, live,
      compare: opts.compare === false ? undefined : compareApp(tracked, live, { appName: 'demo', namespace: ns }),
      terminate: opts.terminateWhen?.(state, sb) === true, ignoreDifferences: opts.ignoreDifferences,
    };
    const r = syncStep(env, req, state);
    state = r.state;
    steps.push({ t: sb.now() - T0, phase: state.phase, message: state.message, requeueAfterMs: r.requeueAfterMs });
    if (r.requeueAfterMs === undefined) break;
    await sb.advanceAsync(r.requeueAfterMs);
  }
  if (!state) throw new Error('no state');
  return { state, steps };
}

export function deployment(name: string, extra: { wave?: number; annotations?: Record<string, string>; replicas?: number; image?: string } = {}): KubeObject {
  const annotations: Record<string, string> = { ...extra.annotations };
  if (extra.wave !== undefined) annotations['argocd.argoproj.io/sync-wave'] = String(extra.wave);
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'default', ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      replicas: extra.replicas ?? 1, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: extra.image ?? 'nginx:1.27' }] } },
    },
  };
}

export function configMap(name: string, extra: { wave?: number; annotations?: Record<string, string>; data?: Record<string, string> } = {}): KubeObject {
  const annotations: Record<string, string> = { ...extra.annotations };
  if (extra.wave !== undefined) annotations['argocd.argoproj.io/sync-wave'] = String(extra.wave);
  return {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name, namespace: 'default', ...(Object.keys(annotations).length ? { annotations } : {}) },
    data: extra.data ?? { key: name },
  };
}

export function job(name: string, hook: string, extra: { policy?: string; exit?: number; sleep?: number; generateName?: boolean; wave?: number } = {}): KubeObject {
  const annotations: Record<string, string> = { 'argocd.argoproj.io/hook': hook };
  if (extra.policy) annotations['argocd.argoproj.io/hook-delete-policy'] = extra.policy;
  if (extra.wave !== undefined) annotations['argocd.argoproj.io/sync-wave'] = String(extra.wave);
  const script = `${extra.sleep ? `sleep ${extra.sleep}; ` : ''}echo ${name}; exit ${extra.exit ?? 0}`;
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { ...(extra.generateName ? { generateName: `${name}-` } : { name }), namespace: 'default', annotations },
    spec: {
      backoffLimit: 0,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', script] }] } },
    },
  };
}

/** The sandbox's own events from the sync engine, as `t reason message` lines (t in virtual ms since T0). */
export function engineEvents(sb: Sandbox): string[] {
  return sb.log.all().filter((e) => e.source === 'argocd-application-controller').map((e) => `${e.t - T0} ${e.reason} ${e.message}`);
}

export const brief = (s: OperationState) =>
  s.syncResult.resources.map((r) => `${r.syncPhase} ${r.kind}/${r.name} ${r.status ?? '-'} ${r.hookPhase ?? '-'} ${r.message}`);
