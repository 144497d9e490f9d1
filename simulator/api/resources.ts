/** Resource verbs: get, list, create, update, patch (incl. server-side apply), delete, deletecollection. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiVersionOf, qualifiedResource } from '../cluster/kinds.js';
import type { KindInfo } from '../cluster/kinds.js';
import { PATCH_CONTENT_TYPES } from '../cluster/patch.js';
import type { DeleteOptions, PropagationPolicy } from '../cluster/store/index.js';
import { clone, isJsonObject } from '../cluster/types.js';
import type { JsonValue, KubeObject, StoredObject } from '../cluster/types.js';
import { ApiError } from '../core/errors.js';
import { queryFlag, queryInt, wantsTable } from './context.js';
import type { ApiContext } from './context.js';
import { HttpStatusError, parseBody, readBody, sendJson } from './http.js';
import { presentObject } from './present.js';
import { serveLogs } from './logs.js';
import type { ResourceRoute } from './route.js';
import { hasScale, serveScale } from './scale.js';
import { tableFor } from './tablesFor.js';
import { serveWatch } from './watch.js';

function listKind(info: KindInfo): string {
  return `${info.kind}List`;
}

/** etcd key order (`namespace/name`), which is the order the API server lists in. */
function sortKey(o: StoredObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function sortObjects(objs: StoredObject[]): StoredObject[] {
  return objs.map((o) => ({ o, k: sortKey(o) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((x) => x.o);
}

export function listObjects(ctx: ApiContext, route: ResourceRoute, q: URLSearchParams): StoredObject[] {
  const { info } = route;
  return sortObjects(
    ctx.sandbox.store.list(
      { apiVersion: apiVersionOf(info), kind: info.kind },
      { namespace: route.namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined },
    ),
  );
}

interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

/**
 * `limit` / `continue` chunking. The token carries the key of the last item returned, so the next
 * chunk starts after it (over the live store, not a snapshot at the first chunk's resourceVersion).
 */
function paginate(all: StoredObject[], q: URLSearchParams, rv: string): { items: StoredObject[]; meta: ListMeta } {
  let items = all;
  const token = q.get('continue');
  if (token) {
    let after: unknown;
    try {
      after = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { start?: unknown }).start;
    } catch {
      after = undefined;
    }
    if (typeof after !== 'string') throw new ApiError('BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
    items = items.filter((o) => sortKey(o) > after);
  }
  const limit = queryInt(q, 'limit');
  if (limit === undefined || limit <= 0 || items.length <= limit) return { items, meta: { resourceVersion: rv } };
  const page = items.slice(0, limit);
  const next = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(rv), start: sortKey(page[page.length - 1]!) })).toString('base64url');
  return { items: page, meta: { resourceVersion: rv, continue: next, remainingItemCount: items.length - limit } };
}

function keyOf(route: ResourceRoute): { apiVersion: string; kind: string; namespace?: string; name: string } {
  return { apiVersion: apiVersionOf(route.info), kind: route.info.kind, namespace: route.namespace, name: route.name ?? '' };
}

async function bodyObject(req: IncomingMessage): Promise<unknown> {
  return parseBody(await readBody(req), String(req.headers['content-type'] ?? 'application/json'));
}

function asKubeObject(body: unknown, route: ResourceRoute): KubeObject {
  if (!isJsonObject(body)) throw new ApiError('BadRequest', 'the body of the request must be an object');
  const obj = body as unknown as KubeObject;
  const info = route.info;
  obj.apiVersion = typeof obj.apiVersion === 'string' && obj.apiVersion ? obj.apiVersion : apiVersionOf(info);
  obj.kind = typeof obj.kind === 'string' && obj.kind ? obj.kind : info.kind;
  if (obj.apiVersion !== apiVersionOf(info)) {
    throw new ApiError('BadRequest', `the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(info)})`);
  }
  if (obj.kind !== info.kind) {
    throw new ApiError('BadRequest', `the kind in the data (${obj.kind}) does not match the expected kind (${info.kind})`);
  }
  obj.metadata = isJsonObject(obj.metadata) ? obj.metadata : {};
  if (info.namespaced && route.namespace) {
    if (obj.metadata.namespace && obj.metadata.namespace !== route.namespace) {
      throw new ApiError('BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = route.namespace;
  }
  if (route.name) {
    if (obj.metadata.name && obj.metadata.name !== route.name) {
      throw new ApiError('BadRequest', 'the name of the object (' + obj.metadata.name + ') does not match the name on the URL (' + route.name + ')');
    }
    obj.metadata.name = route.name;
  }
  return obj;
}

function dryRunOf(q: URLSearchParams): boolean {
  return q.getAll('dryRun').includes('All');
}

/** Nothing is persisted on a dry run, so no new resourceVersion: the current one (none for a create). */
function dryRunView(result: StoredObject, before: StoredObject | undefined, q: URLSearchParams): StoredObject {
  if (!dryRunOf(q)) return result;
  const view = clone(result);
  if (before) view.metadata.resourceVersion = before.metadata.resourceVersion;
  else delete (view.metadata as { resourceVersion?: string }).resourceVersion;
  return view;
}

function respondObject(ctx: ApiContext, res: ServerResponse, code: number, route: ResourceRoute, obj: KubeObject, req: IncomingMessage, q: URLSearchParams): void {
  if (wantsTable(req.headers.accept)) {
    const table = tableFor(ctx.sandbox.store, route.info, [obj], ctx.sandbox.now(), q);
    table.metadata.resourceVersion = obj.metadata.resourceVersion;
    sendJson(res, code, table);
  } else sendJson(res, code, presentObject(obj));
}

export async function serveResource(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, q: URLSearchParams): Promise<void> {
  const store = ctx.sandbox.store;
  const { info } = route;
  const method = req.method ?? 'GET';
  const sub = route.subresource;
  if (sub === 'scale' && hasScale(info) && route.name) return serveScale(ctx, req, res, route, q);
  if (info.kind === 'Pod' && info.group === '' && sub && ['exec', 'attach', 'portforward', 'proxy'].includes(sub)) {
    throw new ApiError('BadRequest', `${sub} is not available in the simulated cluster: its containers are simulated, not real processes (use kubectl logs and kubectl describe to see what they did)`);
  }
  if (sub && sub !== 'status' && !(sub === 'log' && info.kind === 'Pod' && info.group === '')) {
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  }
  if (sub === 'log') {
    if (method !== 'GET') throw methodNotAllowed(method);
    return serveLogs(ctx, req, res, route, q);
  }
  if (!route.name) {
    if (method === 'GET') {
      if (queryFlag(q, 'watch')) return serveWatch(ctx, req, res, route, q);
      const { items, meta } = paginate(listObjects(ctx, route, q), q, String(store.resourceVersion));
      if (wantsTable(req.headers.accept)) {
        const table = tableFor(store, info, items, ctx.sandbox.now(), q);
        Object.assign(table.metadata, meta);
        return sendJson(res, 200, table);
      }
      return sendJson(res, 200, { kind: listKind(info), apiVersion: apiVersionOf(info), metadata: meta, items: items.map(presentObject) });
    }
    if (method === 'POST') {
      const obj = asKubeObject(await bodyObject(req), route);
      const created = dryRunView(store.create(obj, { dryRun: dryRunOf(q), fieldManager: q.get('fieldManager') ?? undefined }), undefined, q);
      ctx.kick();
      return respondObject(ctx, res, 201, route, created, req, q);
    }
    if (method === 'DELETE') {
      const opts = await deleteOptions(req, q);
      const deleted: StoredObject[] = [];
      for (const o of listObjects(ctx, route, q)) {
        deleted.push(store.delete({ ...keyOf(route), namespace: o.metadata.namespace, name: o.metadata.name }, opts));
      }
      ctx.kick();
      return sendJson(res, 200, { kind: listKind(info), apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(store.resourceVersion) }, items: deleted.map(presentObject) });
    }
    throw methodNotAllowed(method);
  }
  const key = keyOf(route);
  const subresource = sub === 'status' ? ('status' as const) : undefined;
  switch (method) {
    case 'GET':
      return respondObject(ctx, res, 200, route, store.mustGet(key), req, q);
    case 'PUT': {
      const obj = asKubeObject(await bodyObject(req), route);
      const before = store.get(key);
      const updated = dryRunView(store.update(obj, { dryRun: dryRunOf(q), subresource, fieldManager: q.get('fieldManager') ?? undefined }), before, q);
      ctx.kick();
      return respondObject(ctx, res, 200, route, updated, req, q);
    }
    case 'PATCH': {
      const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const body = await bodyObject(req);
      if (contentType === 'application/apply-patch+yaml') {
        const manager = q.get('fieldManager');
        if (!manager) throw new ApiError('BadRequest', 'fieldManager is required for apply requests');
        const obj = asKubeObject(body, route);
        const before = store.get(key);
        const existed = before !== undefined;
        const applied = dryRunView(store.apply(obj, { dryRun: dryRunOf(q), fieldManager: manager, force: queryFlag(q, 'force'), subresource }), before, q);
        ctx.kick();
        return respondObject(ctx, res, existed ? 200 : 201, route, applied, req, q);
      }
      const type = PATCH_CONTENT_TYPES[contentType];
      if (!type) {
        throw new HttpStatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`);
      }
      if (type === 'strategic' && info.fromCrd) {
        throw new HttpStatusError(415, 'UnsupportedMediaType', `strategic merge patch is not supported for ${qualifiedResource(info)}; use a merge or JSON patch`);
      }
      const before = store.get(key);
      const patched = dryRunView(store.patch(key, type, body as JsonValue, { dryRun: dryRunOf(q), subresource, fieldManager: q.get('fieldManager') ?? undefined }), before, q);
      ctx.kick();
      return respondObject(ctx, res, 200, route, patched, req, q);
    }
    case 'DELETE': {
      const result = store.delete(key, await deleteOptions(req, q));
      ctx.kick();
      return sendJson(res, 200, presentObject(result));
    }
    default:
      throw methodNotAllowed(method);
  }
}

function methodNotAllowed(method: string): ApiError {
  return new ApiError('MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`);
}

async function deleteOptions(req: IncomingMessage, q: URLSearchParams): Promise<DeleteOptions> {
  const raw = await readBody(req);
  const body = raw.length > 0 && raw.toString('utf8').trim() ? parseBody(raw, String(req.headers['content-type'] ?? 'application/json')) : {};
  const b = isJsonObject(body) ? body : {};
  const policy = (typeof b.propagationPolicy === 'string' ? b.propagationPolicy : q.get('propagationPolicy')) ?? undefined;
  if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw new ApiError('Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  const orphan = b.orphanDependents === true || q.get('orphanDependents') === 'true';
  const grace = typeof b.gracePeriodSeconds === 'number' ? b.gracePeriodSeconds : queryInt(q, 'gracePeriodSeconds');
  const dryRun = (Array.isArray(b.dryRun) && b.dryRun.includes('All')) || q.getAll('dryRun').includes('All');
  const opts: DeleteOptions = { dryRun };
  const p = (policy as PropagationPolicy | undefined) ?? (orphan ? 'Orphan' : undefined);
  if (p) opts.propagationPolicy = p;
  if (grace !== undefined) opts.gracePeriodSeconds = grace;
  return opts;
}
