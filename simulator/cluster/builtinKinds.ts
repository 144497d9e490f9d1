/** The built-in kinds this cluster serves, with the API server's plurals, scopes and short names. */
import type { KindInfo } from './kinds.js';

type Spec = [group: string, version: string, kind: string, plural: string, namespaced: boolean, shortNames: string[], opts?: Partial<KindInfo>];

const SPECS: Spec[] = [
  ['', 'v1', 'Namespace', 'namespaces', false, ['ns'], { nameRule: 'label', generation: false }],
  ['', 'v1', 'Node', 'nodes', false, ['no'], { generation: false }],
  ['', 'v1', 'ConfigMap', 'configmaps', true, ['cm'], { generation: false, statusSubresource: false }],
  ['', 'v1', 'Secret', 'secrets', true, [], { generation: false, statusSubresource: false }],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa'], { generation: false, statusSubresource: false }],
  ['', 'v1', 'Service', 'services', true, ['svc'], { nameRule: 'label', generation: false }],
  ['', 'v1', 'Endpoints', 'endpoints', true, ['ep'], { generation: false, statusSubresource: false }],
  ['', 'v1', 'Pod', 'pods', true, ['po'], { generation: false }],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], { generation: false }],
  ['', 'v1', 'PersistentVolume', 'persistentvolumes', false, ['pv'], { generation: false }],
  ['', 'v1', 'Event', 'events', true, ['ev'], { generation: false, statusSubresource: false }],
  ['apps', 'v1', 'Deployment', 'deployments', true, ['deploy']],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs']],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts']],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds']],
  ['apps', 'v1', 'ControllerRevision', 'controllerrevisions', true, [], { statusSubresource: false }],
  ['batch', 'v1', 'Job', 'jobs', true, []],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, ['cj']],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, ['sc'], { generation: false, statusSubresource: false }],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing']],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true, [], { nameRule: 'path-segment', generation: false, statusSubresource: false }],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true, [], { nameRule: 'path-segment', generation: false, statusSubresource: false }],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false, [], { nameRule: 'path-segment', generation: false, statusSubresource: false }],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, [], { nameRule: 'path-segment', generation: false, statusSubresource: false }],
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, ['crd', 'crds']],
  ['events.k8s.io', 'v1', 'Event', 'events', true, ['ev'], { generation: false, statusSubresource: false }],
  ['coordination.k8s.io', 'v1', 'Lease', 'leases', true, [], { generation: false, statusSubresource: false }],
];

export const BUILTIN_KINDS: readonly KindInfo[] = SPECS.map(([group, version, kind, plural, namespaced, shortNames, opts]) => ({
  group,
  version,
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  shortNames,
  generation: true,
  statusSubresource: true,
  nameRule: 'subdomain',
  ...opts,
}));
