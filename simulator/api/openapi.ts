/**
 * OpenAPI, just enough for kubectl. kubectl 1.32 refuses `apply` when neither /openapi/v3 nor
 * /openapi/v2 answers ("failed to download openapi … turn validation off with --validate=false").
 * - v3: every group/version lists each resource's PATCH operation with the `fieldValidation` query
 *   parameter, so kubectl leaves validation to the server instead of validating against schemas.
 *   Strategic merge is deliberately not advertised there, so client-side apply computes patches from
 *   its built-in types (and JSON merge patches for custom kinds) rather than from v3 schemas.
 * - v2: an empty protobuf Document (kubectl only reads v2 as protobuf): no models, so nothing to check.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KindInfo, KindRegistry } from '../cluster/kinds.js';
import { ApiError } from '../core/errors.js';
import type { ApiContext } from './context.js';
import { sendJson } from './http.js';

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function groupVersions(kinds: KindRegistry): Map<string, KindInfo[]> {
  const out = new Map<string, KindInfo[]>();
  for (const k of kinds.all()) {
    const p = gvPath(k.group, k.version);
    out.set(p, [...(out.get(p) ?? []), k]);
  }
  return out;
}

function hashOf(infos: KindInfo[]): string {
  const h = createHash('sha512');
  for (const i of infos) h.update(`${i.kind}/${i.plural}/${String(i.namespaced)};`);
  return h.digest('hex').slice(0, 128).toUpperCase();
}

function patchOperation(info: KindInfo): Record<string, unknown> {
  return {
    operationId: `patch${info.namespaced ? 'Namespaced' : ''}${info.kind}`,
    description: `partially update the specified ${info.kind}`,
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: info.group, version: info.version, kind: info.kind },
    parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } })),
    requestBody: {
      content: { 'application/json-patch+json': { schema: { type: 'object' } }, 'application/merge-patch+json': { schema: { type: 'object' } }, 'application/apply-patch+yaml': { schema: { type: 'object' } } },
      required: true,
    },
    responses: { '200': { description: 'OK' }, '201': { description: 'Created' }, '401': { description: 'Unauthorized' } },
  };
}

function gvDocument(path: string, infos: KindInfo[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const info of infos) {
    const base = `/${path}${info.namespaced ? '/namespaces/{namespace}' : ''}/${info.plural}/{name}`;
    paths[base] = { patch: patchOperation(info) };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0-argo-sandbox' }, paths, components: { schemas: {} } };
}

export function serveOpenApi(ctx: ApiContext, _req: IncomingMessage, res: ServerResponse, path: string): void {
  const kinds = ctx.sandbox.store.kinds;
  if (path === '/openapi/v2') {
    res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': 0 });
    res.end();
    return;
  }
  const gvs = groupVersions(kinds);
  if (path === '/openapi/v3') {
    const paths: Record<string, unknown> = {};
    for (const [p, infos] of gvs) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(infos)}` };
    return sendJson(res, 200, { paths });
  }
  const rel = path.slice('/openapi/v3/'.length);
  const infos = gvs.get(rel);
  if (!path.startsWith('/openapi/v3/') || !infos) throw new ApiError('NotFound', 'the server could not find the requested resource');
  sendJson(res, 200, gvDocument(rel, infos));
}
