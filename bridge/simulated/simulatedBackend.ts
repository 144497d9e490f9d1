/**
 * `SimulatedBackend`: the `ClusterBackend` contract over a `Sandbox`'s store, answering exactly as
 * `argo-sandbox serve` does over HTTP (same ordering, same `Status` on failure), so a view can switch
 * between the simulation and a real cluster without noticing.
 */
import { presentObject } from '../../simulator/api/present.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../../simulator/cluster/selectors.js';
import type { DeleteOptions as StoreDeleteOptions } from '../../simulator/cluster/store/index.js';
import { clone } from '../../simulator/cluster/types.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../simulator/cluster/types.js';
import { ApiError, isApiError } from '../../simulator/core/errors.js';
import type { Sandbox } from '../../simulator/sandbox.js';
import { BackendError, groupOf } from '../backend.js';
import type {
  ApplyOptions,
  BackendWatchEvent,
  ClusterBackend,
  DeleteOptions,
  EventQuery,
  ListQuery,
  LogQuery,
  ObjectList,
  ObjectRef,
  WatchHandle,
  WatchQuery,
} from '../backend.js';

export interface SimulatedBackendOptions {
  /**
   * Runs the work a write made due (controllers react before the call returns), as the API server's
   * `kick` does. Default: `sandbox.advance(0)`.
   */
  kick?: () => void;
}

export const DEFAULT_FIELD_MANAGER = 'argo-sandbox';

/** An engine failure as the `BackendError` a real API server would have produced. */
export function toBackendError(err: unknown): BackendError {
  if (err instanceof BackendError) return err;
  if (isApiError(err)) return new BackendError({ code: err.code, reason: err.reason, message: err.message });
  return new BackendError({ code: 500, reason: 'InternalError', message: err instanceof Error ? err.message : String(err) });
}

function guard<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(toBackendError(err));
  }
}

/** etcd key order (`namespace/name`), the order the API server lists in. */
function byKey(a: KubeObject, b: KubeObject): number {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function out(obj: StoredObject): KubeObject {
  return clone(presentObject(obj));
}

export class SimulatedBackend implements ClusterBackend {
  readonly mode = 'simulated' as const;
  private readonly kick: () => void;
  private readonly watches = new Set<() => void>();

  constructor(
    readonly sandbox: Sandbox,
    opts: SimulatedBackendOptions = {},
  ) {
    this.kick = opts.kick ?? (() => void sandbox.advance(0));
  }

  apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<KubeObject> {
    return guard(() => {
      const input = clone(obj);
      input.metadata = input.metadata ?? {};
      if (!input.metadata.namespace && this.namespaced(input.apiVersion, input.kind)) input.metadata.namespace = 'default';
      const stored = this.sandbox.store.apply(input, { fieldManager: opts.fieldManager ?? DEFAULT_FIELD_MANAGER, force: opts.force });
      this.kick();
      return out(this.sandbox.store.get(keyOf(stored)) ?? stored);
    });
  }

  get(ref: ObjectRef): Promise<KubeObject | undefined> {
    return guard(() => {
      const found = this.sandbox.store.get(keyOf(ref));
      return found ? out(found) : undefined;
    });
  }

  list(query: ListQuery): Promise<ObjectList> {
    return guard(() => ({ items: this.current(query).map(out), resourceVersion: String(this.sandbox.store.resourceVersion) }));
  }

  watch(query: WatchQuery, onEvent: (e: BackendWatchEvent) => void, onError?: (err: BackendError) => void): Promise<WatchHandle> {
    return guard(() => {
      const labels = parseLabelSelector(query.labelSelector ?? '');
      const fields = query.fieldSelector ? parseFieldSelector(query.fieldSelector) : undefined;
      const matches = (o: StoredObject | undefined): boolean =>
        !!o && (labels.length === 0 || matchesLabels(labels, o.metadata.labels)) && (!fields || matchesFields(fields, o));
      let lastRv = query.resourceVersion ?? String(this.sandbox.store.resourceVersion);
      let stopped = false;
      // Delivered after the write that caused them, like a real watch: never inside the store's write path.
      const deliver = (type: BackendWatchEvent['type'], obj: StoredObject): void => {
        const object = out(obj);
        queueMicrotask(() => {
          if (stopped) return;
          lastRv = object.metadata.resourceVersion ?? lastRv;
          try {
            onEvent({ type, object });
          } catch (err) {
            onError?.(toBackendError(err));
          }
        });
      };
      const fromNow = query.resourceVersion === undefined || query.resourceVersion === '' || query.resourceVersion === '0';
      if (fromNow) for (const o of this.current(query)) deliver('ADDED', o);
      const onStoreEvent = (event: WatchEvent): void => {
        const now = matches(event.object);
        if (event.type === 'MODIFIED') {
          const before = matches(event.old);
          if (now && !before) deliver('ADDED', event.object);
          else if (!now && before) deliver('DELETED', event.object);
          else if (now) deliver('MODIFIED', event.object);
        } else if (now) deliver(event.type, event.object);
      };
      const unsubscribe = this.sandbox.store.watch(onStoreEvent, {
        group: groupOf(query.apiVersion),
        kind: query.kind,
        namespace: query.namespace,
        resourceVersion: fromNow ? undefined : query.resourceVersion,
      });
      const stop = (): void => {
        stopped = true;
        unsubscribe();
        this.watches.delete(stop);
      };
      this.watches.add(stop);
      return {
        get resourceVersion() {
          return lastRv;
        },
        stop,
      };
    });
  }

  delete(ref: ObjectRef, opts: DeleteOptions = {}): Promise<KubeObject> {
    return guard(() => {
      const o: StoreDeleteOptions = {};
      if (opts.propagationPolicy) o.propagationPolicy = opts.propagationPolicy;
      if (opts.gracePeriodSeconds !== undefined) o.gracePeriodSeconds = opts.gracePeriodSeconds;
      const result = this.sandbox.store.delete(keyOf(ref), o);
      this.kick();
      return out(result);
    });
  }

  logs(query: LogQuery): Promise<string> {
    return guard(() => {
      const pod = this.sandbox.store.mustGet({ apiVersion: 'v1', kind: 'Pod', namespace: query.namespace, name: query.name });
      const containers = specContainers(pod, 'containers');
      const all = [...containers, ...specContainers(pod, 'initContainers'), ...specContainers(pod, 'ephemeralContainers')];
      let container = query.container;
      if (container !== undefined && !all.includes(container)) throw new ApiError('BadRequest', `container ${container} is not valid for pod ${query.name}`);
      if (container === undefined) {
        if (containers.length !== 1) {
          throw new ApiError('BadRequest', `a container name must be specified for pod ${query.name}, choose one of: [${containers.join(' ')}]`);
        }
        container = containers[0]!;
      }
      const lines = this.sandbox.podLogs.read(query.namespace, query.name, container, { previous: query.previous, tailLines: query.tailLines });
      return lines.map((l) => `${l.text}\n`).join('');
    });
  }

  events(query: EventQuery): Promise<KubeObject[]> {
    return guard(() => {
      const sel: string[] = [];
      if (query.involvedObject?.name) sel.push(`involvedObject.name=${query.involvedObject.name}`);
      if (query.involvedObject?.kind) sel.push(`involvedObject.kind=${query.involvedObject.kind}`);
      const events = this.sandbox.store.list({ apiVersion: 'v1', kind: 'Event' }, { namespace: query.namespace, fieldSelector: sel.join(',') || undefined });
      return events.map(out).sort(byTime);
    });
  }

  async close(): Promise<void> {
    for (const stop of [...this.watches]) stop();
  }

  private current(query: ListQuery): StoredObject[] {
    return this.sandbox.store
      .list({ apiVersion: query.apiVersion, kind: query.kind }, { namespace: query.namespace, labelSelector: query.labelSelector, fieldSelector: query.fieldSelector })
      .sort(byKey);
  }

  private namespaced(apiVersion: string, kind: string): boolean {
    const info = this.sandbox.store.kinds.find(apiVersion, kind);
    return info ? info.namespaced : true;
  }
}

function keyOf(ref: { apiVersion: string; kind: string; namespace?: string; name?: string; metadata?: { namespace?: string; name?: string } }) {
  const meta = ref.metadata;
  return { apiVersion: ref.apiVersion, kind: ref.kind, namespace: meta ? meta.namespace : ref.namespace, name: (meta ? meta.name : ref.name) ?? '' };
}

function specContainers(pod: StoredObject, field: 'containers' | 'initContainers' | 'ephemeralContainers'): string[] {
  const spec = pod.spec as Record<string, { name?: string }[] | undefined> | undefined;
  return (spec?.[field] ?? []).map((c) => c.name ?? '');
}

/** Oldest first: by lastTimestamp / eventTime, then creation. */
function byTime(a: KubeObject, b: KubeObject): number {
  const t = (e: KubeObject): string => String(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
  const ta = t(a);
  const tb = t(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

