/**
 * The kinds the views show from the real cluster, in the Cluster tab's order (workloads, config, Argo,
 * cluster-scoped last). A real cluster has hundreds of kinds; the bridge has no discovery, so the list is fixed.
 */
export interface RealKind {
  apiVersion: string;
  group: string;
  kind: string;
  /** `kubectl get`'s resource name. */
  plural: string;
  namespaced: boolean;
}

const k = (apiVersion: string, kind: string, plural: string, namespaced = true): RealKind => ({
  apiVersion,
  group: apiVersion.includes('/') ? apiVersion.split('/')[0]! : '',
  kind,
  plural,
  namespaced,
});

export const REAL_KINDS: RealKind[] = [
  k('v1', 'Pod', 'pods'),
  k('apps/v1', 'Deployment', 'deployments'),
  k('apps/v1', 'ReplicaSet', 'replicasets'),
  k('apps/v1', 'StatefulSet', 'statefulsets'),
  k('apps/v1', 'DaemonSet', 'daemonsets'),
  k('batch/v1', 'Job', 'jobs'),
  k('batch/v1', 'CronJob', 'cronjobs'),
  k('v1', 'Service', 'services'),
  k('v1', 'ConfigMap', 'configmaps'),
  k('v1', 'Secret', 'secrets'),
  k('v1', 'ServiceAccount', 'serviceaccounts'),
  k('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  k('argoproj.io/v1alpha1', 'Application', 'applications'),
  k('argoproj.io/v1alpha1', 'AppProject', 'appprojects'),
  k('argoproj.io/v1alpha1', 'Workflow', 'workflows'),
  k('argoproj.io/v1alpha1', 'WorkflowTemplate', 'workflowtemplates'),
  k('argoproj.io/v1alpha1', 'CronWorkflow', 'cronworkflows'),
  k('v1', 'Namespace', 'namespaces', false),
  k('v1', 'Node', 'nodes', false),
];

export const CRD_KIND: Pick<RealKind, 'apiVersion' | 'kind'> = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

export const realKind = (group: string, kind: string): RealKind | undefined => REAL_KINDS.find((r) => r.group === group && r.kind === kind);
