/**
 * The namespace controller (pkg/controller/namespace): a deleted Namespace is `Terminating` while everything
 * in it is deleted; once nothing is left it drops its `kubernetes` finalizer (spec.finalizers) and goes away.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import { setCondition } from '../shared/conditions.js';
import { NO_KEYS } from '../shared/keys.js';
import type { Condition } from '../shared/conditions.js';
import { deleteIfPresent, writeStatus } from '../shared/objects.js';

/** An object in a namespace went away: its namespace may be waiting for that. */
const CONTENT = 'content:';
function contentKeys(e: WatchEvent): string[] {
  const ns = e.object.metadata.namespace;
  return e.type === 'DELETED' && ns ? [`${CONTENT}/${ns}`] : NO_KEYS;
}

/** A big namespace is re-checked once a second while it drains, not after every single deletion. */
const COALESCE_ABOVE = 100;
const COALESCE_MS = 1000;

function remainingSummary(ctx: ClusterContext, objs: StoredObject[]): { resources: string; finalizers: string } {
  const byResource = new Map<string, number>();
  const finalizers = new Set<string>();
  for (const o of objs) {
    const info = ctx.store.kinds.find(o.apiVersion, o.kind);
    const r = `${info?.plural ?? o.kind.toLowerCase()}.${info?.group ?? ''}`;
    byResource.set(r, (byResource.get(r) ?? 0) + 1);
    for (const f of o.metadata.finalizers ?? []) finalizers.add(f);
  }
  const resources = [...byResource.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `${r} has ${n} resource instances`);
  return { resources: resources.join(', '), finalizers: [...finalizers].sort().map((f) => `${f} in ${objs.filter((o) => o.metadata.finalizers?.includes(f)).length} resource instances`).join(', ') };
}

function terminate(ctx: ClusterContext, ns: StoredObject): void {
  const name = ns.metadata.name;
  const idx = objectIndex(ctx.store);
  for (const o of idx.inNamespace(name)) if (!o.metadata.deletionTimestamp) deleteIfPresent(ctx.store, o, 'Background');
  const left = idx.inNamespace(name);
  const cur = ctx.store.get({ apiVersion: 'v1', kind: 'Namespace', name });
  if (!cur) return;
  if (left.length === 0) {
    const spec = { ...((cur.spec as object | undefined) ?? {}), finalizers: [] as string[] };
    ctx.store.update({ ...cur, spec } as KubeObject);
    return;
  }
  const now = ctx.iso();
  const { resources, finalizers } = remainingSummary(ctx, left);
  const status = (cur.status ?? {}) as { conditions?: Condition[] };
  let conditions = setCondition(status.conditions, { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${resources}` }, now);
  conditions = setCondition(
    conditions,
    finalizers
      ? { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${finalizers}` }
      : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    now,
  );
  writeStatus(ctx.store, cur, { ...status, phase: 'Terminating', conditions });
}

export const namespaceController: ClusterController = {
  name: 'namespace',
  component: 'namespace-controller',
  watches: [{ group: '', kind: 'Namespace' }, { group: '*', kind: '*', map: contentKeys }],
  reconcile(ctx: ClusterContext, key: string): void {
    if (key.startsWith(CONTENT)) {
      const nsKey = key.slice(CONTENT.length);
      const ns = ctx.store.get({ apiVersion: 'v1', kind: 'Namespace', name: nsKey.slice(1) });
      if (ns && !ns.metadata.deletionTimestamp) return;
      ctx.enqueue(nsKey, objectIndex(ctx.store).namespaceCount(nsKey.slice(1)) > COALESCE_ABOVE ? COALESCE_MS : 0);
      return;
    }
    const name = key.startsWith('/') ? key.slice(1) : key;
    const ns = ctx.store.get({ apiVersion: 'v1', kind: 'Namespace', name });
    if (!ns) {
      // Deleted without the `kubernetes` finalizer (no API defaulting): still clean up what it held.
      for (const o of objectIndex(ctx.store).inNamespace(name)) if (!o.metadata.deletionTimestamp) deleteIfPresent(ctx.store, o, 'Background');
      return;
    }
    if (ns.metadata.deletionTimestamp) return terminate(ctx, ns);
    if ((ns.status as { phase?: string } | undefined)?.phase === undefined) writeStatus(ctx.store, ns, { ...((ns.status as object | undefined) ?? {}), phase: 'Active' });
  },
};
