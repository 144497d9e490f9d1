/** The `scale` subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets and StatefulSets: `kubectl scale`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiVersionOf } from '../cluster/kinds.js';
import type { KindInfo } from '../cluster/kinds.js';
import { applyPatch, PATCH_CONTENT_TYPES } from '../cluster/patch.js';
import { clone, isJsonObject } from '../cluster/types.js';
import type { JsonValue, KubeObject, StoredObject } from '../cluster/types.js';
import { ApiError } from '../core/errors.js';
import type { ApiContext } from './context.js';
import { HttpStatusError, parseBody, readBody, sendJson } from './http.js';
import type { ResourceRoute } from './route.js';
import { formatSelector } from './tables/index.js';
import { rec } from './tables/types.js';

export function hasScale(info: Pick<KindInfo, 'group' | 'kind'>): boolean {
  return info.group === 'apps' && (info.kind === 'Deployment' || info.kind === 'ReplicaSet' || info.kind === 'StatefulSet');
}

function toScale(obj: StoredObject): Record<string, unknown> {
  const spec = rec(obj.spec);
  const status = rec(obj.status);
  const m = obj.metadata;
  const selector = formatSelector(spec.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 1 },
    status: { replicas: typeof status.replicas === 'number' ? status.replicas : 0, selector: selector === '<none>' ? '' : selector.replace(/ /g, '') },
  };
}

export async function serveScale(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): Promise<void> {
  const store = ctx.sandbox.store;
  const key = { apiVersion: apiVersionOf(route.info), kind: route.info.kind, namespace: route.namespace, name: route.name ?? '' };
  const current = store.mustGet(key);
  const method = req.method ?? 'GET';
  if (method === 'GET') return sendJson(res, 200, toScale(current));
  if (method !== 'PUT' && method !== 'PATCH') throw new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`);
  const contentType = String(req.headers['content-type'] ?? 'application/json').split(';')[0]!.trim();
  const body = parseBody(await readBody(req), contentType);
  let desired: JsonValue;
  if (method === 'PUT') desired = body as JsonValue;
  else {
    const type = PATCH_CONTENT_TYPES[contentType];
    if (!type) throw new HttpStatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
    desired = applyPatch(type, toScale(current) as JsonValue, body as JsonValue);
  }
  const replicas = isJsonObject(desired) ? rec(desired.spec).replicas : undefined;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new ApiError('Invalid', `Scale.autoscaling "${current.metadata.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`);
  }
  const rv = isJsonObject(desired) ? rec(desired.metadata).resourceVersion : undefined;
  const next = clone(current) as KubeObject;
  next.spec = { ...rec(current.spec), replicas } as KubeObject['spec'];
  if (typeof rv === 'string' && rv) next.metadata.resourceVersion = rv;
  const updated = store.update(next, { dryRun: q.getAll('dryRun').includes('All') });
  ctx.kick();
  sendJson(res, 200, toScale(updated));
}
