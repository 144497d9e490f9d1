/**
 * Install Argo CD into a sandbox, like `kubectl apply -n argocd -f install.yaml`: the CRDs, namespace
 * `argocd`, the `default` AppProject the API server creates at start-up, empty argocd-cm / argocd-rbac-cm /
 * argocd-notifications-cm, the sandbox's git server and the controllers. Other Argo CD parts (notifications,
 * ApplicationSet) add their controllers to ARGOCD_CONTROLLERS; `argoCD(sandbox)` gives them the git host.
 */
import type { ClusterController, Sandbox } from '../sandbox.js';
import { installCrd } from '../cluster/crd/index.js';
import type { KubeObject } from '../cluster/types.js';
import { Rng } from '../core/rng.js';
import { GitHost } from '../git/index.js';
import type { GitHostState } from '../git/index.js';
import { ARGOCD_CRDS, ARGO_API_VERSION } from './crds/index.js';
import { applicationController } from './controller/controller.js';
import { AppControllerState } from './controller/state.js';
import { argoCD, hasArgoCD, setArgoCD } from './controller/registry.js';
import { installNotifications } from './notifications/index.js';
import { installApplicationSet } from './applicationset/index.js';
import type { ArgoCD } from './controller/registry.js';

export { argoCD, hasArgoCD };
export type { ArgoCD };

export const ARGOCD_NAMESPACE = 'argocd';

/** Argo CD controllers, in registration order (the application controller first). */
export const ARGOCD_CONTROLLERS: ClusterController[] = [applicationController];

export interface ArgoCDOptions {
  /** Extra controllers registered after ARGOCD_CONTROLLERS (e.g. a test's own). */
  controllers?: ClusterController[];
}

const part = { 'app.kubernetes.io/part-of': 'argocd' };

function configMap(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { 'app.kubernetes.io/name': name, ...part } }, data: {} };
}

/** The project Argo CD's API server creates when none named `default` exists: everything allowed. */
export function defaultProject(): KubeObject {
  return {
    apiVersion: ARGO_API_VERSION,
    kind: 'AppProject',
    metadata: { name: 'default', namespace: ARGOCD_NAMESPACE },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
    status: {},
  };
}

function installObjects(sandbox: Sandbox): void {
  const store = sandbox.store;
  for (const crd of ARGOCD_CRDS) installCrd(store, crd);
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ARGOCD_NAMESPACE, labels: { 'kubernetes.io/metadata.name': ARGOCD_NAMESPACE } } });
  for (const name of ['argocd-cm', 'argocd-rbac-cm', 'argocd-notifications-cm']) store.create(configMap(name));
  store.create(defaultProject());
}

export function installArgoCD(sandbox: Sandbox, opts: ArgoCDOptions = {}): ArgoCD {
  if (hasArgoCD(sandbox)) return argoCD(sandbox);
  // uids from a side stream: installing Argo CD does not shift the seed's random stream for the rest.
  const rng = sandbox.rng;
  const saved = rng.getState();
  rng.setState(new Rng((saved.a ^ saved.c ^ 0x0a7c0cd) >>> 0).getState());
  try {
    installObjects(sandbox);
  } finally {
    rng.setState(saved);
  }
  const argo: ArgoCD = { namespace: ARGOCD_NAMESPACE, git: new GitHost(), controller: new AppControllerState() };
  setArgoCD(sandbox, argo);
  sandbox.registerState('git', {
    getState: () => argo.git.exportState(),
    setState: (s) => argo.git.importStateSync(s as GitHostState),
  });
  sandbox.registerState('argocd-application-controller', {
    getState: () => argo.controller.getState(),
    setState: (s) => argo.controller.setState(s),
  });
  for (const c of [...ARGOCD_CONTROLLERS, ...(opts.controllers ?? [])]) sandbox.addController(c);
  installNotifications(sandbox);
  installApplicationSet(sandbox, argo.git);
  return argo;
}
