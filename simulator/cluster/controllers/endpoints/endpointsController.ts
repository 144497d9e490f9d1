/**
 * The endpoints controller (pkg/controller/endpoint): for every Service with a selector, an Endpoints
 * object of the same name listing the matching pods' IPs (ready ones in `addresses`, the others in
 * `notReadyAddresses`) with the Service's ports resolved against each pod. kube-proxy (and the
 * sandbox's traffic) routes only to `addresses`.
 */
import { splitKey } from '../../../sandbox.js';
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import type { Requirement } from '../../selectors.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../types.js';
import { deleteIfPresent } from '../shared/objects.js';
import { POD_EVENT, labelKeyNamespace, parseLabelKey, podToLabelKeys } from './podMapper.js';
import { buildSubsets } from './subsets.js';
import type { EndpointSubset, ServiceSpec } from './subsets.js';

const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/**
 * Pod changes reach a large Service's Endpoints batched (upstream's `--endpoint-updates-batch-period`):
 * a rollout's many readiness flips coalesce into a few syncs. The delay is a scheduler item, so
 * snapshots replay it exactly.
 */
const BATCH_ABOVE = 100;
const BATCH_MS = 250;

function addressCount(ep: StoredObject | undefined): number {
  let n = 0;
  for (const s of (ep as (StoredObject & { subsets?: EndpointSubset[] }) | undefined)?.subsets ?? []) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  return n;
}

function selectorOf(svc: StoredObject): Record<string, string> | undefined {
  const sel = (svc.spec as ServiceSpec | undefined)?.selector;
  return sel && Object.keys(sel).length > 0 ? sel : undefined;
}

function requirements(sel: Record<string, string>): Requirement[] {
  return Object.entries(sel).map(([key, value]) => ({ key, op: '=' as const, value }));
}

/** Some pods with these labels changed: wake the Services in their namespace that select them. */
function wakeServices(ctx: ClusterContext, key: string): void {
  const namespace = labelKeyNamespace(key);
  let labels: Record<string, string> | undefined;
  for (const svc of ctx.store.list({ apiVersion: 'v1', kind: 'Service' }, { namespace })) {
    const sel = selectorOf(svc);
    if (!sel) continue;
    // Parsed only when some Service could match (most namespaces of a workflow run have none).
    labels ??= parseLabelKey(key).labels;
    let match = true;
    for (const k in sel) if (labels[k] !== sel[k]) match = false;
    if (!match) continue;
    const ep = ctx.store.get({ apiVersion: 'v1', kind: 'Endpoints', namespace, name: svc.metadata.name });
    ctx.enqueue(`${namespace}/${svc.metadata.name}`, addressCount(ep) > BATCH_ABOVE ? BATCH_MS : 0);
  }
}

function desiredLabels(svc: StoredObject): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if ((svc.spec as ServiceSpec | undefined)?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return Object.keys(labels).length ? labels : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function syncService(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const ref = { apiVersion: 'v1', kind: 'Endpoints', namespace, name };
  const svc = ctx.store.get({ apiVersion: 'v1', kind: 'Service', namespace, name });
  const current = ctx.store.get(ref);
  if (!svc || svc.metadata.deletionTimestamp) {
    // The Service is gone: so are its Endpoints (a selector-less Service's too, as upstream does).
    if (current && !svc) deleteIfPresent(ctx.store, current);
    return;
  }
  const sel = selectorOf(svc);
  // Without a selector the Endpoints are the user's to write.
  if (!sel) return;
  const pods = ctx.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: requirements(sel) });
  const subsets: EndpointSubset[] = buildSubsets(svc, pods);
  const labels = desiredLabels(svc);
  if (current && sameJson(current.metadata.labels, labels) && sameJson(current.subsets, subsets.length ? subsets : undefined)) return;
  const metadata = { ...(current?.metadata ?? { name, namespace }), labels };
  if (!labels) delete metadata.labels;
  const body = { apiVersion: 'v1', kind: 'Endpoints', metadata } as KubeObject & { subsets?: EndpointSubset[] };
  if (subsets.length) body.subsets = subsets;
  // No event on success, like upstream: the Endpoints object itself is the record.
  if (current) ctx.store.update(body);
  else ctx.store.create(body);
}

/** Endpoints deleted by hand come back (upstream's onEndpointsDelete); other writes are left to the next sync. */
function endpointsKeys(e: WatchEvent): string[] {
  return e.type === 'DELETED' ? [`${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`] : [];
}

export const endpointsController: ClusterController = {
  name: 'endpoints',
  component: 'endpoint-controller',
  watches: [
    { group: '', kind: 'Service' },
    { group: '', kind: 'Pod', map: podToLabelKeys },
    { group: '', kind: 'Endpoints', map: endpointsKeys },
  ],
  reconcile(ctx: ClusterContext, key: string): void {
    if (key.startsWith(POD_EVENT)) wakeServices(ctx, key);
    else syncService(ctx, key);
  },
};
