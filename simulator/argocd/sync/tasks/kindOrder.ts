/**
 * gitops-engine sync_tasks.go `kindOrder` (Helm's kind_sorter.go install order). Known kinds get negative
 * numbers (i - len), so any other kind — custom resources included — sorts after all of them with 0.
 */
export const KIND_ORDER_LIST: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const ORDER = new Map(KIND_ORDER_LIST.map((kind, i) => [kind, i - KIND_ORDER_LIST.length]));

/** Keyed by kind only (not group), exactly like upstream. */
export function kindOrder(kind: string): number {
  return ORDER.get(kind) ?? 0;
}
