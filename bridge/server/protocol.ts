/**
 * The bridge's WebSocket messages, shaped like the engine's feature RPC (`feature`, `method`, `args`):
 * the UI calls the real cluster the way it calls the worker. Types only (the browser client imports them).
 */
import type {
  ApplyOptions,
  BackendStatus,
  BackendWatchEvent,
  DeleteOptions,
  EventQuery,
  KubeObject,
  ListQuery,
  LogQuery,
  ObjectList,
  ObjectRef,
  WatchQuery,
} from '../backend.js';
import type { GitHostState } from '../../simulator/git/index.js';

export type { BackendStatus, BackendWatchEvent, KubeObject, ObjectList, ObjectRef, ListQuery, WatchQuery, LogQuery, EventQuery, ApplyOptions, DeleteOptions };

/** What `bridge.status` reports. */
export interface BridgeStatus {
  mode: 'simulated' | 'real';
  /** The Kubernetes API server the bridge talks to. */
  server: string;
  /** `kind` or `k3s` when `argo-sandbox real up` started the cluster. */
  provider?: string;
  kubeconfigPath?: string;
  /** Where the bridge serves git smart-HTTP (for `git clone` on this machine). */
  gitBase: string;
  /** The same, as the real cluster's pods reach it (what an Application's repoURL should use). */
  clusterGitBase?: string;
  /** repoURLs served. */
  repos: string[];
}

export interface ServedRepo {
  repoURL: string;
  /** Clone URL on this machine. */
  cloneURL: string;
  /** Clone URL from inside the cluster, when known. */
  clusterURL?: string;
}

/** A repository as files at its head: what the browser sends when it cannot send git objects. */
export interface RepoFiles {
  repoURL: string;
  files: Record<string, string>;
  branch?: string;
  message?: string;
}

/** Every call: method name → [arguments, result]. */
export interface BridgeMethods {
  'cluster.apply': [[obj: KubeObject, opts?: ApplyOptions], KubeObject];
  'cluster.get': [[ref: ObjectRef], KubeObject | null];
  'cluster.list': [[query: ListQuery], ObjectList];
  'cluster.delete': [[ref: ObjectRef, opts?: DeleteOptions], KubeObject];
  'cluster.logs': [[query: LogQuery], string];
  'cluster.events': [[query: EventQuery], KubeObject[]];
  /** Starts a watch; events arrive as `WatchMessage`s carrying the returned id. */
  'cluster.watch': [[query: WatchQuery], { watch: string }];
  'cluster.unwatch': [[watch: string], null];
  'bridge.status': [[], BridgeStatus];
  /** Replaces the served repositories with the sandbox's (its `git` snapshot extension). */
  'git.load': [[state: GitHostState], ServedRepo[]];
  /** Replaces the served repositories with ones made of these files. */
  'git.loadFiles': [[repos: RepoFiles[]], ServedRepo[]];
  'git.repos': [[], ServedRepo[]];
}

export type BridgeMethod = keyof BridgeMethods;

export interface RequestMessage<M extends BridgeMethod = BridgeMethod> {
  id: number;
  feature: M extends `${infer F}.${string}` ? F : never;
  method: M extends `${string}.${infer N}` ? N : never;
  args: BridgeMethods[M][0];
}

export type ResponseMessage = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: BackendStatus };

export type WatchMessage = { watch: string; event: BackendWatchEvent } | { watch: string; error: BackendStatus };

export type ServerMessage = ResponseMessage | WatchMessage;

/** The subprotocol a browser may send the token in (`new WebSocket(url, [TOKEN_PROTOCOL_PREFIX + token])`). */
export const TOKEN_PROTOCOL_PREFIX = 'argo-sandbox.token.';
