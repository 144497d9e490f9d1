/**
 * The sandbox's mock HTTP table: the sandbox has no network, so HTTP templates are answered from
 * ConfigMaps labelled `sandbox.argoproj.io/http-mocks: "true"` (in the workflow's namespace, then
 * `argo`), then from a few built-in answers for URLs Argo's own examples call. Each data key is one
 * mock, its value YAML or JSON:
 *
 *   url: https://api.example.com/items      # exact, or ending in * for a prefix
 *   method: GET                              # optional: every method when omitted
 *   status: 200                              # default 200
 *   headers: {Content-Type: application/json}
 *   body: '{"items": []}'
 *   latency: 250ms                           # virtual time the request takes (default 100ms)
 */
import { load } from 'js-yaml';
import { parseDuration } from '../../core/clock.js';
import type { ObjectStore } from '../../cluster/store/index.js';

export const HTTP_MOCKS_LABEL = 'sandbox.argoproj.io/http-mocks';
export const DEFAULT_LATENCY_MS = 100;

export interface HttpMock {
  url: string;
  method?: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
  /** Where the mock came from (`<ns>/<configmap>/<key>` or `built-in`). */
  source: string;
}

const SWAGGER = 'https://raw.githubusercontent.com/argoproj/argo-workflows/';

/** Built-in answers: raw.githubusercontent.com for Argo's repository (http-hello-world, lifecycle hooks). */
export function builtinMock(method: string, url: string): HttpMock | undefined {
  if (method !== 'GET' || !url.startsWith(SWAGGER)) return undefined;
  const rest = url.slice(SWAGGER.length);
  const ref = rest.split('/')[0] ?? '';
  // A commit hash or a branch answers; anything else is GitHub's 404.
  const ok = /^[0-9a-f]{40}$/.test(ref) || ref === 'main' || /^v\d+\.\d+\.\d+$/.test(ref);
  if (!ok) return { url, status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: '404: Not Found', latencyMs: DEFAULT_LATENCY_MS, source: 'built-in' };
  const body = rest.endsWith('.json') ? JSON.stringify({ swagger: '2.0', info: { title: 'pkg/apis/workflow/v1alpha1/generated.proto', version: 'version not set' } }, null, 2) : `# ${rest}\n`;
  return { url, status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body, latencyMs: DEFAULT_LATENCY_MS, source: 'built-in' };
}

function latencyOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim()) return /^\d+$/.test(v.trim()) ? Number(v.trim()) : parseDuration(v.trim());
  return DEFAULT_LATENCY_MS;
}

/** Parse one mock entry; undefined when it is not a mapping with a url. */
export function parseMock(text: string, source: string): HttpMock | undefined {
  let v: unknown;
  try {
    v = load(text);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.url !== 'string') return undefined;
  const headers: Record<string, string> = {};
  if (o.headers && typeof o.headers === 'object') for (const [k, h] of Object.entries(o.headers as Record<string, unknown>)) headers[k] = String(h);
  const body = typeof o.body === 'string' ? o.body : o.body === undefined ? '' : JSON.stringify(o.body);
  return {
    url: o.url,
    method: typeof o.method === 'string' ? o.method.toUpperCase() : undefined,
    status: typeof o.status === 'number' ? o.status : Number(o.status ?? 200),
    headers,
    body,
    latencyMs: latencyOf(o.latency),
    source,
  };
}

function matches(m: HttpMock, method: string, url: string): boolean {
  if (m.method && m.method !== method) return false;
  return m.url.endsWith('*') ? url.startsWith(m.url.slice(0, -1)) : m.url === url;
}

/** The mock answering `method url`: ConfigMaps of the namespace, then `argo`, then built-ins (first key order wins). */
export function findMock(store: ObjectStore, namespace: string, method: string, url: string): HttpMock | undefined {
  for (const ns of namespace === 'argo' ? ['argo'] : [namespace, 'argo']) {
    const cms = store.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: ns, labelSelector: `${HTTP_MOCKS_LABEL}=true` });
    for (const cm of [...cms].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
      const data = (cm.data ?? {}) as Record<string, unknown>;
      for (const key of Object.keys(data).sort()) {
        const m = parseMock(String(data[key]), `${ns}/${cm.metadata.name}/${key}`);
        if (m && matches(m, method, url)) return m;
      }
    }
  }
  return builtinMock(method, url);
}

/** Go's net/http error for a host the sandbox cannot reach, with the way out. */
export function noRouteMessage(method: string, url: string, namespace: string): string {
  let host = url;
  try {
    host = new URL(url).hostname;
  } catch {
    return `${goMethod(method)} "${url}": unsupported protocol scheme ""`;
  }
  return `${goMethod(method)} "${url}": dial tcp: lookup ${host}: no such host (the sandbox has no network: add a mock for ${method} ${url} to a ConfigMap labelled ${HTTP_MOCKS_LABEL}=true in namespace ${namespace} or argo)`;
}

/** Go's url.Error prints the method capitalised: `Get`, `Post`. */
export function goMethod(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}
