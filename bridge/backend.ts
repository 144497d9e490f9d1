/**
 * `ClusterBackend`: what the learning views need from "a cluster", whether it is the simulator
 * (`SimulatedBackend`) or a real one over the Kubernetes API (`RealClusterBackend`). Both speak plain
 * Kubernetes objects and fail with the API server's own `Status` (reason, code, message).
 */
import type { KubeObject } from '../simulator/cluster/types.js';

export type { KubeObject };

/** One object: apiVersion + kind + (namespace) + name. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** A collection: all `kind` objects, in one namespace or across all, optionally filtered. */
export interface ListQuery {
  apiVersion: string;
  kind: string;
  /** All namespaces when absent. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ObjectList {
  items: KubeObject[];
  /** The collection's resourceVersion: a watch from here misses nothing. */
  resourceVersion: string;
}

export interface ApplyOptions {
  /** Server-side apply field manager (default `argo-sandbox`). */
  fieldManager?: string;
  /** Take over fields another manager owns (kubectl apply --server-side --force-conflicts). */
  force?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface BackendWatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface WatchQuery extends ListQuery {
  /** Resume after this resourceVersion; absent: the current objects arrive first as ADDED. */
  resourceVersion?: string;
}

export interface WatchHandle {
  /** The last resourceVersion delivered (where a later watch would resume). */
  readonly resourceVersion: string;
  stop(): void;
}

export interface LogQuery {
  namespace: string;
  name: string;
  /** Required when the pod has more than one container. */
  container?: string;
  tailLines?: number;
  previous?: boolean;
}

export interface EventQuery {
  namespace?: string;
  /** Events about this object only (`involvedObject.name` / `.kind`). */
  involvedObject?: { kind?: string; name: string };
}

export interface ClusterBackend {
  readonly mode: 'simulated' | 'real';
  /** Server-side apply: creates or updates `obj` and returns it as stored. */
  apply(obj: KubeObject, opts?: ApplyOptions): Promise<KubeObject>;
  /** The object, or `undefined` when it does not exist (other failures throw `BackendError`). */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  list(query: ListQuery): Promise<ObjectList>;
  /** Calls `onEvent` for every change until `stop()`; reconnects and resumes by itself. */
  watch(query: WatchQuery, onEvent: (e: BackendWatchEvent) => void, onError?: (err: BackendError) => void): Promise<WatchHandle>;
  /**
   * Starts deletion; returns what the server answered: the object (still there with finalizers or a
   * grace period, as the simulator always answers) or, from a real API server, a `Status` of kind Status.
   */
  delete(ref: ObjectRef, opts?: DeleteOptions): Promise<KubeObject>;
  /** A container's log text, lines ending in "\n", like `kubectl logs`. */
  logs(query: LogQuery): Promise<string>;
  /** core/v1 Events, oldest first. */
  events(query: EventQuery): Promise<KubeObject[]>;
  close(): Promise<void>;
}

/** The Kubernetes `Status` of a failed call, as both backends report it. */
export interface BackendStatus {
  code: number;
  reason: string;
  message: string;
}

export class BackendError extends Error {
  constructor(readonly status: BackendStatus) {
    super(status.message);
    this.name = 'BackendError';
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string {
    return this.status.reason;
  }
}

/** `group` of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** `namespace/name` (or `name` for a cluster-scoped object). */
export function refKey(ref: { namespace?: string; name?: string }): string {
  return ref.namespace ? `${ref.namespace}/${ref.name ?? ''}` : (ref.name ?? '');
}
