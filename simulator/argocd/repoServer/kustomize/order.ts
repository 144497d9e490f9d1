/** kustomize build's default (`--reorder legacy`) output order: kinds Namespace first … webhooks last, then id. */
import type { KubeObject } from '../../../cluster/types.js';

const FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string): number {
  const f = FIRST.indexOf(kind);
  if (f >= 0) return f - FIRST.length;
  const l = LAST.indexOf(kind);
  return l >= 0 ? 1 + l : 0;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function legacyOrder(objs: KubeObject[]): KubeObject[] {
  return objs
    .map((o, i) => ({ o, i }))
    .sort((x, y) => {
      const a = x.o;
      const b = y.o;
      return (
        rank(a.kind) - rank(b.kind) ||
        cmp(a.kind, b.kind) ||
        cmp(a.apiVersion, b.apiVersion) ||
        cmp(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
        cmp(a.metadata.name ?? '', b.metadata.name ?? '') ||
        x.i - y.i
      );
    })
    .map((e) => e.o);
}
