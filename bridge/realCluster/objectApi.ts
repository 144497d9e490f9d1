/**
 * `RawObjectApi`: client-node's generic `KubernetesObjectApi` (discovery cache, URL building, auth),
 * answering with the server's JSON as it was sent. The stock client turns known kinds into typed
 * classes (timestamps become `Date`s, unknown fields are dropped), which would make a real object look
 * different from the simulator's one for no reason of the cluster's.
 */
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { BackendError } from '../backend.js';

/** What `processResponse` receives (client-node's `ResponseContext`, structurally). */
interface RawResponse {
  httpStatusCode: number;
  body: { text(): Promise<string> };
}

export class RawObjectApi extends KubernetesObjectApi {
  static forConfig(kc: KubeConfig): RawObjectApi {
    const api = kc.makeApiClient(RawObjectApi);
    api.setDefaultNamespace(kc);
    return api;
  }

  /** `/api/v1/namespaces/NS/pods` for a collection (all namespaces without `namespace`). */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const spec: KubernetesObject = { apiVersion, kind, metadata: namespace ? { namespace } : {} };
    return this.specUriPath(spec, 'list').catch((err: unknown) => {
      throw toBackendErrorFrom(err, apiVersion, kind);
    });
  }

  /** Whether `kind` is namespaced (discovery), or undefined when the server does not serve it. */
  async namespaced(apiVersion: string, kind: string): Promise<boolean | undefined> {
    const r = await this.resource(apiVersion, kind);
    return r?.namespaced;
  }

  /** Discovery: a group/version the server does not serve (404) means "no such kind", not a failure. */
  protected override async resource(apiVersion: string, kind: string, options?: Parameters<KubernetesObjectApi['resource']>[2]) {
    try {
      return await super.resource(apiVersion, kind, options);
    } catch (err) {
      if ((err as { code?: unknown }).code === 404) return undefined;
      throw err;
    }
  }

  /**
   * client-node's own version lowercases the whole path, names included, so an invalid name such as
   * `Bad_Name` would reach the server as another object's URL instead of being rejected as invalid.
   */
  protected override async specUriPath(spec: KubernetesObject, action: 'create' | 'delete' | 'patch' | 'read' | 'list' | 'replace'): Promise<string> {
    const apiVersion = spec.apiVersion || 'v1';
    const kind = spec.kind ?? '';
    const resource = await this.resource(apiVersion, kind);
    if (!resource) throw new BackendError({ code: 404, reason: 'NotFound', message: `no matches for kind "${kind}" in version "${apiVersion}"` });
    const meta = (spec.metadata ??= {});
    if (resource.namespaced && !meta.namespace && action !== 'list') meta.namespace = this.defaultNamespace;
    const parts = [this.apiVersionPath(apiVersion)];
    if (resource.namespaced && meta.namespace) parts.push('namespaces', encodeURIComponent(meta.namespace));
    parts.push(resource.name);
    if (action !== 'create' && action !== 'list') {
      if (!meta.name) throw new BackendError({ code: 400, reason: 'BadRequest', message: 'resource name may not be empty' });
      parts.push(encodeURIComponent(meta.name));
    }
    return parts.join('/');
  }

  protected override async processResponse<T extends KubernetesObject>(response: unknown): Promise<T> {
    const r = response as RawResponse;
    const text = await r.body.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // not JSON (a proxy's HTML page, say): reported as text below
    }
    if (r.httpStatusCode >= 200 && r.httpStatusCode <= 299) return body as T;
    throw statusError(r.httpStatusCode, body);
  }
}

/** The `Status` in an error body as a `BackendError` (the HTTP status when the body is not one). */
export function statusError(code: number, body: unknown): BackendError {
  if (typeof body === 'object' && body !== null) {
    const s = body as { code?: unknown; reason?: unknown; message?: unknown };
    if (typeof s.message === 'string') {
      return new BackendError({ code: typeof s.code === 'number' ? s.code : code, reason: typeof s.reason === 'string' ? s.reason : reasonOf(code), message: s.message });
    }
  }
  const text = typeof body === 'string' && body.trim() ? body.trim() : `the server responded with HTTP ${code}`;
  return new BackendError({ code, reason: reasonOf(code), message: text });
}

function reasonOf(code: number): string {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    409: 'Conflict',
    410: 'Expired',
    415: 'UnsupportedMediaType',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  return reasons[code] ?? 'Unknown';
}

/**
 * Any failure of a call as a `BackendError`: the server's Status, client-node's "Unrecognized API
 * version and kind" as the API server's own "no matches for kind", and a refused connection as
 * ServiceUnavailable.
 */
export function toBackendErrorFrom(err: unknown, apiVersion?: string, kind?: string): BackendError {
  if (err instanceof BackendError) return err;
  const e = err as { code?: unknown; body?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'number' && e.body !== undefined) {
    let body = e.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // keep the text
      }
    }
    return statusError(e.code, body);
  }
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (/Unrecognized API version and kind/.test(message) && apiVersion && kind) {
    return new BackendError({ code: 404, reason: 'NotFound', message: `no matches for kind "${kind}" in version "${apiVersion}"` });
  }
  const system = [e, e.cause].map((x) => (x as { code?: unknown } | undefined)?.code).find((c) => typeof c === 'string');
  if (system === 'ECONNREFUSED' || system === 'ECONNRESET' || system === 'ENOTFOUND' || /ECONNREFUSED|fetch failed/.test(message)) {
    return new BackendError({ code: 503, reason: 'ServiceUnavailable', message: `cannot reach the cluster's API server: ${message}` });
  }
  return new BackendError({ code: 500, reason: 'InternalError', message });
}
