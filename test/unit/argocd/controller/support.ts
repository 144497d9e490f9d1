/** Fixtures for the application-controller tests: a sandbox with a git repo and Applications. */
import { createSandbox } from '../../../../simulator/index.js';
import type { KubeObject, Sandbox, StoredObject } from '../../../../simulator/index.js';
import { argoCD } from '../../../../simulator/argocd/index.js';
import type { Application } from '../../../../simulator/argocd/index.js';

export const REPO = 'https://git.example.com/org/apps.git';
export const author = { name: 'Learner', email: 'l@e.com', timestamp: 1_735_689_600 };

export function deployment(name: string, opts: { replicas?: number; image?: string; wave?: number; ns?: string } = {}): string {
  const ann = opts.wave === undefined ? '' : `\n  annotations:\n    argocd.argoproj.io/sync-wave: "${opts.wave}"`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${ann}
spec:
  replicas: ${opts.replicas ?? 1}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: main
          image: ${opts.image ?? 'nginx:1.27'}
`;
}

export function configMap(name: string, value = 'v1'): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: ${value}\n`;
}

export function application(name: string, extra: { path?: string; automated?: Record<string, boolean>; finalizer?: boolean; repoURL?: string; namespace?: string; syncOptions?: string[] } = {}): KubeObject {
  const spec: Record<string, unknown> = {
    project: 'default',
    source: { repoURL: extra.repoURL ?? REPO, path: extra.path ?? 'app', targetRevision: 'HEAD' },
    destination: { server: 'https://kubernetes.default.svc', namespace: extra.namespace ?? 'default' },
  };
  const syncPolicy: Record<string, unknown> = {};
  if (extra.automated) syncPolicy.automated = extra.automated;
  if (extra.syncOptions) syncPolicy.syncOptions = extra.syncOptions;
  if (Object.keys(syncPolicy).length > 0) spec.syncPolicy = syncPolicy;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', ...(extra.finalizer ? { finalizers: ['resources-finalizer.argocd.argoproj.io'] } : {}) },
    spec: spec as KubeObject['spec'],
  };
}

/** The store key of an Application in the argocd namespace. */
export function appKey(name: string): { apiVersion: string; kind: string; namespace: string; name: string } {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name };
}

/**
 * A resource hook manifest: a busybox Pod (or a Job around the same pod spec) running `command` (YAML flow
 * list, e.g. `[sleep, "3600"]`), annotated with the hook phase and, when given, a hook delete policy.
 */
export function hook(kind: 'Pod' | 'Job', name: string, phase: string, command: string, deletePolicy?: string): string {
  const pod = ['restartPolicy: Never', 'containers:', '  - name: main', '    image: busybox', `    command: ${command}`];
  const spec = kind === 'Pod' ? pod.map((l) => `  ${l}`) : ['  template:', '    spec:', ...pod.map((l) => `      ${l}`)];
  const annotations = [`    argocd.argoproj.io/hook: ${phase}`];
  if (deletePolicy) annotations.push(`    argocd.argoproj.io/hook-delete-policy: ${deletePolicy}`);
  const apiVersion = kind === 'Pod' ? 'v1' : 'batch/v1';
  return [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, '  annotations:', ...annotations, 'spec:', ...spec, ''].join('\n');
}

export async function world(files: Record<string, string>, seed = 1): Promise<Sandbox> {
  const sb = createSandbox({ seed });
  await argoCD(sb).git.createRepo(REPO, files, { author });
  return sb;
}

export function getApp(sb: Sandbox, name: string): Application {
  const o = sb.store.mustGet(appKey(name));
  return o as unknown as Application;
}

/** Ask for a sync the way the API server does: write app.operation. */
export function requestSync(sb: Sandbox, name: string, sync: Record<string, unknown> = {}): void {
  const app = sb.store.mustGet(appKey(name));
  sb.store.update({ ...app, operation: { sync, initiatedBy: { username: 'admin' } } } as KubeObject);
}

export function live(sb: Sandbox, kind: string, name: string, ns = 'default'): StoredObject | undefined {
  const apiVersion = kind === 'Deployment' ? 'apps/v1' : 'v1';
  return sb.store.get({ apiVersion, kind, namespace: ns, name });
}

export function settle(sb: Sandbox, ms = 600_000): void {
  const r = sb.runUntilSettled({ maxVirtualMs: ms });
  if (!r.settled) throw new Error(`not settled: ${r.reason}`);
}
