/** A sync task as plain, printable data (gitops-engine sync_task.go `syncTask`). */
import type { KubeObject } from '../../../cluster/types.js';
import type { HookDeletePolicy, HookType, SyncPhase } from '../common/types.js';
import type { SyncOptions } from '../common/syncOptions.js';

/** Why a task runs in a wave other than its annotation says. */
export type WaveReason = 'prune-reversed' | 'prune-last' | 'namespace-dependency' | 'crd-dependency';

export interface SyncTask {
  phase: SyncPhase;
  /** Effective wave (after prune reversal, PruneLast and dependency adjustment). */
  wave: number;
  /** The object's own wave (sync-wave annotation, Helm hook weight, or 0). */
  annotatedWave: number;
  waveReason?: WaveReason;
  group: string;
  version: string;
  kind: string;
  namespace: string;
  /** Empty for `generateName` hooks: the sync engine names them `<generateName><rev7>-<phase>-<unix>`. */
  name: string;
  generateName?: string;
  targetObj?: KubeObject;
  liveObj?: KubeObject;
  isHook: boolean;
  /** The phase, for hooks (upstream `hookType()`); undefined for plain resources. */
  hookType?: HookType;
  /** No target: the live object is deleted (or skipped, see `pruneSkipped`). */
  isPrune: boolean;
  /** gitops-engine pruneObject's PruneSkipped message when this prune will not delete anything. */
  pruneSkipped?: 'ignored (requires pruning)' | 'ignored (no prune)';
  /** Hooks only; BeforeHookCreation by default. */
  deletePolicies: HookDeletePolicy[];
  syncOptions: SyncOptions;
  /** Skipped in the initial `kubectl apply --dry-run` (CR whose CRD is part of this sync, or the option). */
  skipDryRun: boolean;
}

/** One step the sync engine executes; the next starts only after this one is done and healthy. */
export interface SyncStep {
  phase: SyncPhase;
  wave: number;
  tasks: SyncTask[];
}

/** A resource picked for selective sync (Argo CD SyncOperationResource; empty namespace matches any). */
export interface SelectedResource {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}
