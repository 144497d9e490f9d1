/**
 * `RealClusterBackend`: the `ClusterBackend` contract over a real Kubernetes API with
 * @kubernetes/client-node — kind or k3s from `argo-sandbox real up`, or `argo-sandbox serve` in tests
 * (the same requests either way).
 */
import { CoreV1Api, KubeConfig, PatchStrategy } from '@kubernetes/client-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import type {
  ApplyOptions,
  BackendError,
  BackendWatchEvent,
  ClusterBackend,
  DeleteOptions,
  EventQuery,
  KubeObject,
  ListQuery,
  LogQuery,
  ObjectList,
  ObjectRef,
  WatchHandle,
  WatchQuery,
} from '../backend.js';
import { RawObjectApi, toBackendErrorFrom } from './objectApi.js';
import { ResumingWatch } from './resumingWatch.js';

export interface RealClusterOptions {
  /** A loaded KubeConfig, or kubeconfig YAML text. */
  kubeconfig: KubeConfig | string;
  /**
   * `server-side` (default): PATCH with `application/apply-patch+yaml`, as `kubectl apply --server-side`.
   * `create-replace`: GET, then POST or PUT — for API servers without server-side apply.
   */
  applyMode?: 'server-side' | 'create-replace';
  fieldManager?: string;
  /** Passed to every watch stream; the server ends a stream after it and the watch resumes. */
  watchTimeoutSeconds?: number;
  watchRetryMs?: number;
}

/**
 * A KubeConfig for an API server URL (argo-sandbox serve), built in memory. client-node refuses plain
 * http unless TLS verification is off, so an http:// URL turns it off (there is no TLS to verify).
 */
export function kubeConfigForServer(server: string, opts: { token?: string; namespace?: string; skipTLSVerify?: boolean } = {}): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'argo-sandbox', server, skipTLSVerify: opts.skipTLSVerify ?? server.startsWith('http:') }],
    users: [{ name: 'argo-sandbox', ...(opts.token ? { token: opts.token } : {}) }],
    contexts: [{ name: 'argo-sandbox', cluster: 'argo-sandbox', user: 'argo-sandbox', namespace: opts.namespace ?? 'default' }],
    currentContext: 'argo-sandbox',
  });
  return kc;
}

function header(ref: { apiVersion: string; kind: string; namespace?: string; name?: string }): KubernetesObject & { metadata: { name: string; namespace?: string } } {
  const metadata: { name: string; namespace?: string } = { name: ref.name ?? '' };
  if (ref.namespace) metadata.namespace = ref.namespace;
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata };
}

export class RealClusterBackend implements ClusterBackend {
  readonly mode = 'real' as const;
  readonly kc: KubeConfig;
  private readonly api: RawObjectApi;
  private readonly core: CoreV1Api;
  private readonly watches = new Set<WatchHandle>();

  constructor(private readonly opts: RealClusterOptions) {
    if (typeof opts.kubeconfig === 'string') {
      this.kc = new KubeConfig();
      this.kc.loadFromString(opts.kubeconfig);
    } else this.kc = opts.kubeconfig;
    this.api = RawObjectApi.forConfig(this.kc);
    this.core = this.kc.makeApiClient(CoreV1Api);
  }

  /** The API server URL of the current context. */
  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? '';
  }

  /** Discovery: whether the server serves `kind` as a namespaced resource (false when cluster-scoped). */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    try {
      const namespaced = await this.api.namespaced(apiVersion, kind);
      if (namespaced === undefined) throw toBackendErrorFrom(new Error('Unrecognized API version and kind'), apiVersion, kind);
      return namespaced;
    } catch (err) {
      throw toBackendErrorFrom(err, apiVersion, kind);
    }
  }

  async apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<KubeObject> {
    const manager = opts.fieldManager ?? this.opts.fieldManager ?? 'argo-sandbox';
    const spec = structuredClone(obj) as KubernetesObject;
    // Never send what the server owns: a stale resourceVersion would turn the apply into a conflict.
    if (spec.metadata) delete spec.metadata.resourceVersion;
    try {
      if (this.opts.applyMode === 'create-replace') return await this.createOrReplace(spec, manager);
      return (await this.api.patch(spec, undefined, undefined, manager, opts.force, PatchStrategy.ServerSideApply)) as KubeObject;
    } catch (err) {
      throw toBackendErrorFrom(err, obj.apiVersion, obj.kind);
    }
  }

  private async createOrReplace(spec: KubernetesObject, manager: string): Promise<KubeObject> {
    let current: KubernetesObject | undefined;
    try {
      current = await this.api.read(header({ apiVersion: spec.apiVersion ?? 'v1', kind: spec.kind ?? '', namespace: spec.metadata?.namespace, name: spec.metadata?.name }));
    } catch (err) {
      if (toBackendErrorFrom(err).code !== 404) throw err;
    }
    if (!current) return (await this.api.create(spec, undefined, undefined, manager)) as KubeObject;
    spec.metadata = { ...spec.metadata, resourceVersion: current.metadata?.resourceVersion };
    return (await this.api.replace(spec, undefined, undefined, manager)) as KubeObject;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    try {
      return (await this.api.read(header(ref))) as KubeObject;
    } catch (err) {
      const e = toBackendErrorFrom(err, ref.apiVersion, ref.kind);
      // A missing object is an answer; a kind the server does not serve is an error.
      if (e.code === 404 && !/no matches for kind/.test(e.message)) return undefined;
      throw e;
    }
  }

  async list(query: ListQuery): Promise<ObjectList> {
    try {
      const list = (await this.api.list(query.apiVersion, query.kind, query.namespace, undefined, undefined, undefined, query.fieldSelector, query.labelSelector)) as unknown as {
        items?: KubeObject[];
        metadata?: { resourceVersion?: string };
      };
      // A List's items carry no apiVersion/kind on the wire; the caller asked for them, so put them back.
      const items = (list.items ?? []).map((o) => ({ ...o, apiVersion: o.apiVersion ?? query.apiVersion, kind: o.kind ?? query.kind }));
      return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    } catch (err) {
      throw toBackendErrorFrom(err, query.apiVersion, query.kind);
    }
  }

  async watch(query: WatchQuery, onEvent: (e: BackendWatchEvent) => void, onError?: (err: BackendError) => void): Promise<WatchHandle> {
    const path = await this.api.collectionPath(query.apiVersion, query.kind, query.namespace);
    const w: ResumingWatch = new ResumingWatch(
      {
        kc: this.kc,
        path,
        list: () => this.list(query),
        onEvent,
        onError,
        timeoutSeconds: this.opts.watchTimeoutSeconds,
        retryMs: this.opts.watchRetryMs,
      },
      query,
    );
    await w.start();
    const handle: WatchHandle & { connections(): number } = {
      get resourceVersion() {
        return w.resourceVersion;
      },
      stop: () => {
        w.stop();
        this.watches.delete(handle);
      },
      connections: () => w.connections,
    };
    this.watches.add(handle);
    return handle;
  }

  async delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<KubeObject> {
    try {
      return (await this.api.delete(header(ref), undefined, undefined, opts.gracePeriodSeconds, undefined, opts.propagationPolicy)) as KubeObject;
    } catch (err) {
      throw toBackendErrorFrom(err, ref.apiVersion, ref.kind);
    }
  }

  async logs(query: LogQuery): Promise<string> {
    try {
      const text = await this.core.readNamespacedPodLog({
        name: query.name,
        namespace: query.namespace,
        container: query.container,
        tailLines: query.tailLines,
        previous: query.previous,
      });
      return typeof text === 'string' ? text : String(text ?? '');
    } catch (err) {
      throw toBackendErrorFrom(err, 'v1', 'Pod');
    }
  }

  async events(query: EventQuery): Promise<KubeObject[]> {
    const sel: string[] = [];
    if (query.involvedObject?.name) sel.push(`involvedObject.name=${query.involvedObject.name}`);
    if (query.involvedObject?.kind) sel.push(`involvedObject.kind=${query.involvedObject.kind}`);
    const { items } = await this.list({ apiVersion: 'v1', kind: 'Event', namespace: query.namespace, fieldSelector: sel.join(',') || undefined });
    const t = (e: KubeObject): string => String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
    return items.sort((a, b) => (t(a) < t(b) ? -1 : t(a) > t(b) ? 1 : 0));
  }

  async close(): Promise<void> {
    for (const w of [...this.watches]) w.stop();
  }
}
