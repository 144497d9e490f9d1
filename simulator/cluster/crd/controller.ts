/**
 * The CRD controller (apiextensions-apiserver's establishing and finalizing controllers): marks a
 * CRD NamesAccepted and Established, and on deletion removes every custom object of its kind
 * before the kind stops being served.
 */
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import type { KubeObject, StoredObject } from '../types.js';
import { writeStatus } from '../controllers/shared/objects.js';
import { CLEANUP_FINALIZER } from './admission.js';
import { crdSpecOf, registerCrd, unregisterCrd } from './registry.js';

const CRD = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

function condition(ctx: ClusterContext, prev: Condition[], type: string, status: 'True' | 'False', reason: string, message: string): Condition {
  const old = prev.find((c) => c.type === type);
  const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : ctx.iso();
  return { type, status, reason, message, lastTransitionTime };
}

function establish(ctx: ClusterContext, crd: StoredObject): void {
  const spec = crdSpecOf(crd);
  const prev = ((crd.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
  const storage = spec.versions.find((v) => v.storage)?.name;
  const stored = ((crd.status as { storedVersions?: string[] } | undefined)?.storedVersions ?? []).slice();
  if (storage && !stored.includes(storage)) stored.push(storage);
  const status = {
    conditions: [
      condition(ctx, prev, 'NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'),
      condition(ctx, prev, 'Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: spec.names,
    storedVersions: stored,
  };
  const first = !prev.some((c) => c.type === 'Established' && c.status === 'True');
  writeStatus(ctx.store, crd, status);
  if (first) {
    ctx.record({
      involvedObject: { apiVersion: CRD.apiVersion, kind: CRD.kind, name: crd.metadata.name },
      reason: 'Established',
      message: `serving ${spec.names.plural}.${spec.group} (${spec.versions.filter((v) => v.served).map((v) => v.name).join(', ')})`,
      why: `The API server now accepts ${spec.names.kind} objects: kubectl get ${spec.names.plural} works.`,
    });
  }
}

function finalize(ctx: ClusterContext, crd: StoredObject, key: string): void {
  const spec = crdSpecOf(crd);
  const kind = ctx.store.kinds.findByGroupKind(spec.group, spec.names.kind);
  const remaining = kind ? ctx.store.list({ group: spec.group, kind: spec.names.kind }) : [];
  const prev = ((crd.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
  const others = prev.filter((c) => c.type !== 'Terminating');
  const terminating = condition(ctx, prev, 'Terminating', 'True', 'InstanceDeletionInProgress', 'CustomResource deletion is in progress');
  if (remaining.length > 0) {
    writeStatus(ctx.store, crd, { ...((crd.status as object) ?? {}), conditions: [...others, terminating] });
    for (const o of remaining) {
      if (o.metadata.deletionTimestamp) continue;
      ctx.store.delete({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });
    }
    ctx.enqueue(key, 1000);
    return;
  }
  unregisterCrd(ctx.store, crd.metadata.name);
  const latest = ctx.store.get({ ...CRD, name: crd.metadata.name });
  if (!latest) return;
  const finalizers = (latest.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
  ctx.store.update({ ...(latest as KubeObject), metadata: { ...latest.metadata, finalizers } });
}

export const crdController: ClusterController = {
  name: 'crd-controller',
  component: 'apiextensions-apiserver',
  watches: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }],
  reconcile(ctx, key) {
    const name = key.slice(key.indexOf('/') + 1); // cluster-scoped: `/name`
    const crd = ctx.store.get({ ...CRD, name });
    if (!crd) return;
    if (crd.metadata.deletionTimestamp) finalize(ctx, crd, key);
    else {
      registerCrd(ctx.store, crd);
      establish(ctx, crd);
    }
  },
};
