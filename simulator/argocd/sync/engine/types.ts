/**
 * The sync engine's contract with the Application controller: Argo CD's Operation / OperationState
 * shapes (pkg/apis/application/v1alpha1) and the re-entrant `syncStep` call (gitops-engine syncContext.Sync).
 *
 * The controller calls `syncStep(env, req, prev)` with the previous `status.operationState` (undefined the
 * first time); each call recomputes the tasks from the targets, the live objects in the store and the
 * previous results, does the next thing (dry run, apply one wave, create or delete hooks, prune, wait) and
 * returns the new state. Call again after `requeueAfterMs` (or sooner, on a watched change: an early call
 * only re-checks) until `state.phase` is terminal (Succeeded / Failed / Error).
 */
import type { ObjectStore } from '../../../cluster/store/index.js';
import type { JsonObject, KubeObject } from '../../../cluster/types.js';
import type { RecordInput } from '../../../core/controller.js';
import type { Rng } from '../../../core/rng.js';
import type { CompareResult, ResourceIgnoreDifferences } from '../../diff/index.js';
import type { HealthOverrides } from '../../health/index.js';
import type { HookType, OperationPhase, ResultCode, SyncPhase } from '../common/types.js';

/** Argo CD SyncOperationResource (`argocd app sync --resource group:kind:name`). */
export interface SyncOperationResource {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface SyncStrategy {
  /** `apply`: plain kubectl apply, hooks are skipped. */
  apply?: { force?: boolean };
  /** `hook` (the default): hooks run. */
  hook?: { force?: boolean };
}

/** Argo CD SyncOperation (`app.operation.sync`). */
export interface SyncOperation {
  revision?: string;
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  resources?: SyncOperationResource[];
  /** `Key=value` options; when absent the Application's `spec.syncPolicy.syncOptions` apply. */
  syncOptions?: string[];
  syncStrategy?: SyncStrategy;
  source?: JsonObject;
  sources?: JsonObject[];
  manifests?: string[];
}

export interface RetryStrategy {
  limit?: number;
  backoff?: { duration?: string; factor?: number; maxDuration?: string };
  refresh?: boolean;
}

/** Argo CD Operation (`app.operation`). */
export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: { username?: string; automated?: boolean };
  info?: { name: string; value: string }[];
  retry?: RetryStrategy;
}

/** Argo CD ResourceResult: one entry per (resource, sync phase), in the order the engine first touched it. */
export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  /** Empty ('') for a hook that has not been applied yet or was only re-checked (upstream leaves it unset). */
  status?: ResultCode;
  message: string;
  hookType?: HookType;
  /** The task's operation state: Running / Succeeded / Failed / Error / Terminating (also set for plain resources). */
  hookPhase?: OperationPhase;
  syncPhase: SyncPhase;
  images?: string[];
}

export interface SyncOperationResult {
  revision: string;
  revisions?: string[];
  source?: JsonObject;
  sources?: JsonObject[];
  resources: ResourceResult[];
}

/** Argo CD OperationState (`app.status.operationState`). */
export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message: string;
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
  syncResult: SyncOperationResult;
  /**
   * Sandbox bookkeeping (not an Argo CD field): virtual ms until which the engine is in the 2 s pause
   * after a wave (ARGOCD_SYNC_WAVE_DELAY, a time.Sleep upstream). Kept here so snapshots and restores
   * resume the pause exactly; the controller stores it with the rest of the state.
   */
  waveDelayUntil?: number;
}

export interface SyncEnv {
  store: ObjectStore;
  now(): number;
  iso(ms?: number): string;
  rng: Rng;
  record(e: RecordInput): void;
  /**
   * AppProject check for one task (argo-cd validateSyncPermissions): the denial message, e.g.
   * `resource apps:Deployment is not permitted in project demo` / `namespace x is not permitted in project 'demo'`.
   */
  permitted?(group: string, kind: string, namespace: string): string | undefined;
  healthOverrides?: HealthOverrides;
  /** Server-side apply field manager (Argo CD: `argocd-controller`). */
  manager?: string;
  /** ARGOCD_SYNC_WAVE_DELAY in ms (default 2000). */
  waveDelayMs?: number;
}

export interface SyncRequest {
  /** The Application (spec.destination.namespace, spec.syncPolicy.syncOptions are read from it). */
  app: KubeObject;
  operation: Operation;
  /** The concrete revision (commit SHA) being synced; names generateName hooks. */
  revision: string;
  /** Rendered manifests: resources and hooks, namespaced and tracking-annotated by the controller. */
  targets: KubeObject[];
  /** The Application's live objects (tracked); the engine re-reads each from the store as it goes. */
  live: KubeObject[];
  /** compareApp's result for these targets: ApplyOutOfSyncOnly uses its per-resource status. */
  compare?: CompareResult;
  /** spec.ignoreDifferences, for RespectIgnoreDifferences=true. */
  ignoreDifferences?: ResourceIgnoreDifferences[];
  /** Terminate the running operation (status.operationState.phase set to Terminating by the API). */
  terminate?: boolean;
}

export interface SyncStepResult {
  state: OperationState;
  /** Call `syncStep` again after this many virtual ms (absent when the phase is terminal). */
  requeueAfterMs?: number;
}
