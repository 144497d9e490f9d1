/** kustomize build's default (`--reorder legacy`) output order: kinds Namespace first … webhooks last, then id. */
import type { KubeObject } from '../../../cluster/types.js';

const FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Service', 'LimitRange',
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

/** resid.Gvk.String(): `group_version_kind`, `~G` for the core group. */
function gvkString(o: KubeObject): string {
  const slash = o.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : o.apiVersion.slice(0, slash);
  return `${group || '~G'}_${o.apiVersion.slice(slash + 1) || '~V'}_${o.kind || '~K'}`;
}

export function legacyOrder(objs: KubeObject[]): KubeObject[] {
  return objs
    .map((o, i) => ({ o, i }))
    .sort((x, y) => {
      const a = x.o;
      const b = y.o;
      return (
        rank(a.kind) - rank(b.kind) ||
        cmp(gvkString(a), gvkString(b)) ||
        // LegacySortString: effective namespace (empty → "default"), then name.
        cmp(a.metadata.namespace || 'default', b.metadata.namespace || 'default') ||
        cmp(a.metadata.name ?? '', b.metadata.name ?? '') ||
        x.i - y.i
      );
    })
    .map((e) => e.o);
}
