/** A sandbox with what Argo CD's settings live in: namespace `argocd`, the Argo CRDs, argocd-cm / argocd-rbac-cm. */
import { createSandbox, installCrd } from '../../../../simulator/index.js';
import type { KubeObject, Sandbox } from '../../../../simulator/index.js';

export const START = Date.UTC(2026, 0, 5, 8, 0, 0); // a Monday, 08:00 UTC

function crd(kind: string, plural: string): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.argoproj.io` },
    spec: {
      group: 'argoproj.io',
      scope: 'Namespaced',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [{ name: 'v1alpha1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}

/** Installs only what is missing, so it works with or without a full Argo CD install. */
export function argoWorld(opts: { cm?: Record<string, string>; rbac?: Record<string, string> } = {}): Sandbox {
  const sb = createSandbox({ seed: 7, startTime: START });
  const store = sb.store;
  if (!store.kinds.findByGroupKind('argoproj.io', 'AppProject')) {
    installCrd(store, crd('AppProject', 'appprojects'));
    installCrd(store, crd('Application', 'applications'));
  }
  if (!store.get({ apiVersion: 'v1', kind: 'Namespace', name: 'argocd' })) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  }
  setConfigMap(sb, 'argocd-cm', opts.cm ?? {});
  setConfigMap(sb, 'argocd-rbac-cm', opts.rbac ?? {});
  if (!store.get({ group: 'argoproj.io', kind: 'AppProject', namespace: 'argocd', name: 'default' })) {
    store.create(project('default', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] }));
  }
  return sb;
}

export function setConfigMap(sb: Sandbox, name: string, data: Record<string, string>): void {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'argocd' }, data };
  const old = sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name });
  if (old) sb.store.update({ ...obj, metadata: { ...obj.metadata, resourceVersion: old.metadata.resourceVersion } });
  else sb.store.create(obj);
}

export function project(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name, namespace: 'argocd' }, spec: spec as KubeObject['spec'] };
}

export function app(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/org/guestbook.git', path: 'guestbook', targetRevision: 'HEAD' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' },
      ...spec,
    } as KubeObject['spec'],
  };
}

/** A Secret with `argocd.argoproj.io/secret-type` and string data (stored base64 like the API server does). */
export function typedSecret(name: string, type: string, data: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': type } },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
}
