/**
 * Pinned versions for `argo-sandbox real up`: the same cluster and the same Argo releases every time,
 * so a comparison with the simulation means the same thing on every machine.
 */

/** kind v0.25.0's default node image (Kubernetes v1.31.2), by digest as kind's release notes ask. */
export const KIND_NODE_IMAGE = 'kindest/node:v1.31.2@sha256:18fbefc20a7113353c7b75b5c869d7145a6abd6269154825872dc59c1329912e';
export const KUBERNETES_VERSION = 'v1.31.2';

/** The fallback when a kind node cannot boot (e.g. no privileged containers): the same Kubernetes minor. */
export const K3S_IMAGE = 'rancher/k3s:v1.31.2-k3s1';

export const ARGOCD_VERSION = 'v2.13.3';
export const ARGO_WORKFLOWS_VERSION = 'v3.6.2';

export interface Component {
  name: string;
  version: string;
  /** The namespace the release manifest is written for (`kubectl apply -n NS -f URL`). */
  namespace: string;
  url: string;
  /** Deployments that must be Available before the component counts as ready. */
  deployments: string[];
}

export const COMPONENTS: Component[] = [
  {
    name: 'Argo CD',
    version: ARGOCD_VERSION,
    namespace: 'argocd',
    url: `https://raw.githubusercontent.com/argoproj/argo-cd/${ARGOCD_VERSION}/manifests/install.yaml`,
    deployments: ['argocd-server', 'argocd-repo-server', 'argocd-redis', 'argocd-applicationset-controller', 'argocd-notifications-controller', 'argocd-dex-server'],
  },
  {
    name: 'Argo Workflows',
    version: ARGO_WORKFLOWS_VERSION,
    namespace: 'argo',
    url: `https://github.com/argoproj/argo-workflows/releases/download/${ARGO_WORKFLOWS_VERSION}/install.yaml`,
    deployments: ['workflow-controller', 'argo-server'],
  },
];

/**
 * What a workflow pod's executor needs in the namespaces learners run workflows in (Argo's
 * "Workflow RBAC" docs): report its outputs as WorkflowTaskResults with the default service account.
 */
export function executorRbac(namespace: string): object[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'argo-sandbox-executor', namespace },
      rules: [{ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'argo-sandbox-executor', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'argo-sandbox-executor' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace }],
    },
  ];
}
