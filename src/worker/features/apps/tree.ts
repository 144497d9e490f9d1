/**
 * The resource tree like Argo CD's: the Application's managed resources (status.resources, hooks included),
 * then what they own in the cluster by ownerReferences (Deployment → ReplicaSet → Pod, Job → Pod), each with
 * health from Argo CD's own health checks.
 */
import { asApp, getResourceHealthSafe } from './health.js';
import type { Sandbox } from '../../../../simulator/sandbox.js';
import type { StoredObject } from '../../../../simulator/cluster/index.js';
import { groupOf } from '../../../../simulator/cluster/types.js';
import type { HealthView, TreeNode } from './types.js';

/** Plumbing a learner does not need in the tree (Argo CD hides Events too). */
const SKIP = new Set(['Event', 'EndpointSlice', 'Endpoints', 'ControllerRevision', 'Lease']);
const MAX_DEPTH = 6;

export function liveObject(world: Sandbox, group: string, kind: string, namespace: string, name: string): StoredObject | undefined {
  try {
    return world.store.get({ group, kind, ...(namespace ? { namespace } : {}), name });
  } catch {
    // A kind the cluster does not know (its CRD is missing): nothing live.
    return undefined;
  }
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** Short node info like Argo CD's tree (`Running 1/1`, `rev:2`, `2/3`). */
function infoOf(o: StoredObject): string | undefined {
  const status = (o.status ?? {}) as Record<string, unknown>;
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  switch (o.kind) {
    case 'Pod': {
      const cs = Array.isArray(status.containerStatuses) ? (status.containerStatuses as { ready?: boolean }[]) : [];
      const phase = typeof status.phase === 'string' ? status.phase : 'Pending';
      return `${o.metadata.deletionTimestamp ? 'Terminating' : phase} ${cs.filter((c) => c.ready).length}/${cs.length}`;
    }
    case 'ReplicaSet': {
      const rev = o.metadata.annotations?.['deployment.kubernetes.io/revision'];
      return `${rev ? `rev:${rev} ` : ''}${num(status.readyReplicas)}/${num(spec.replicas)}`;
    }
    case 'Deployment':
    case 'StatefulSet':
      return `${num(status.readyReplicas)}/${num(spec.replicas)}`;
    case 'Job':
      return `${num(status.succeeded)} succeeded${num(status.failed) ? `, ${num(status.failed)} failed` : ''}`;
    default:
      return undefined;
  }
}

function refOf(o: StoredObject): TreeNode['ref'] {
  return { apiVersion: o.apiVersion, kind: o.kind, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name };
}

export function buildTree(world: Sandbox, obj: StoredObject): TreeNode[] {
  const app = asApp(obj);
  const resources = app.status?.resources ?? [];
  const namespaces = new Set<string>(resources.map((r) => r.namespace).filter((n) => n !== ''));
  // Owned objects by owner uid, in the namespaces the app deploys to (one pass over the store).
  const owned = new Map<string, StoredObject[]>();
  if (namespaces.size > 0) {
    for (const o of world.store.allObjects()) {
      const refs = o.metadata.ownerReferences;
      if (!refs || refs.length === 0 || SKIP.has(o.kind) || !namespaces.has(o.metadata.namespace ?? '')) continue;
      for (const r of refs) {
        let list = owned.get(r.uid);
        if (!list) owned.set(r.uid, (list = []));
        list.push(o);
      }
    }
  }
  const out: TreeNode[] = [];
  const seen = new Set<string>();
  const addChildren = (parent: StoredObject, parentId: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const kids = (owned.get(parent.metadata.uid) ?? []).slice().sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name));
    for (const k of kids) {
      if (seen.has(k.metadata.uid)) continue;
      seen.add(k.metadata.uid);
      const node: TreeNode = { id: k.metadata.uid, parent: parentId, depth, ref: refOf(k), group: groupOf(k.apiVersion), live: true };
      const h = getResourceHealthSafe(k);
      if (h) node.health = h;
      const info = infoOf(k);
      if (info) node.info = info;
      out.push(node);
      addChildren(k, node.id, depth + 1);
    }
  };
  const sorted = resources.slice().sort((a, b) => Number(!!a.hook) - Number(!!b.hook) || (a.syncWave ?? 0) - (b.syncWave ?? 0) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  for (const r of sorted) {
    const key = `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
    const live = liveObject(world, r.group, r.kind, r.namespace, r.name);
    const node: TreeNode = {
      id: live?.metadata.uid ?? key,
      parent: '',
      depth: 1,
      ref: live ? refOf(live) : { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name },
      group: r.group,
      key,
      live: !!live,
    };
    if (r.status) node.sync = r.status;
    const health: HealthView | undefined = r.health ? { status: r.health.status, ...(r.health.message ? { message: r.health.message } : {}) } : live ? getResourceHealthSafe(live) : undefined;
    if (health) node.health = health;
    if (r.hook) node.hook = live?.metadata.annotations?.['argocd.argoproj.io/hook'] ?? live?.metadata.annotations?.['helm.sh/hook'] ?? 'hook';
    if (r.syncWave !== undefined) node.syncWave = r.syncWave;
    else if (live?.metadata.annotations?.['argocd.argoproj.io/sync-wave']) node.syncWave = Number(live.metadata.annotations['argocd.argoproj.io/sync-wave']) || 0;
    if (r.requiresPruning && !r.hook) node.requiresPruning = true;
    if (live) {
      const info = infoOf(live);
      if (info) node.info = info;
      seen.add(live.metadata.uid);
    }
    out.push(node);
    if (live) addChildren(live, node.id, 2);
  }
  return out;
}
