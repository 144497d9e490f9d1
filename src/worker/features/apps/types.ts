/** What the Applications view receives from the worker: plain data, ready to render. */

export interface HealthView {
  status: string;
  message?: string;
}

/** One row of the Applications list. */
export interface AppSummary {
  name: string;
  namespace: string;
  project: string;
  repoURL: string;
  path: string;
  /** `HEAD`, a branch, a tag or a SHA as written in the spec (first source for multi-source apps). */
  targetRevision: string;
  chart?: string;
  destination: string;
  sync: string;
  /** The revision the app was last compared with (full SHA, '' when unknown). */
  revision: string;
  health: HealthView;
  automated: boolean;
  /** The current or last operation. */
  operationPhase?: string;
  operationMessage?: string;
  /** Virtual ms of the last operation's finish (or start while running). */
  operationAt?: number;
  resourceCount: number;
  conditionCount: number;
  deleting: boolean;
}

export interface ConditionView {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface HistoryView {
  id: number;
  revision: string;
  deployedAt: string;
  deployStartedAt?: string;
  initiatedBy: string;
  source: string;
}

/** A reference that `objectDetail` and the Pod view understand. */
export interface ObjectRefView {
  /** Either apiVersion or group (the Cluster tab's rows know the group). */
  apiVersion?: string;
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** One node of the resource tree. `parent` is '' for the Application's own resources. */
export interface TreeNode {
  id: string;
  parent: string;
  depth: number;
  ref: ObjectRefView;
  group: string;
  /** The resource key `group/kind/namespace/name` (diffable resources only). */
  key?: string;
  /** Sync status of a managed resource (children owned by ownerReferences have none). */
  sync?: string;
  health?: HealthView;
  hook?: string;
  syncWave?: number;
  requiresPruning?: boolean;
  /** The object exists in the cluster (a managed resource may be Missing). */
  live: boolean;
  /** Short extra text like Argo's node info (`Running`, `rev:2`, `2/2`). */
  info?: string;
}

export interface SyncOptionsView {
  /** The app's `spec.syncPolicy.syncOptions` (the dialog starts from them). */
  syncOptions: string[];
}

export interface AppDetail extends AppSummary {
  conditions: ConditionView[];
  history: HistoryView[];
  tree: TreeNode[];
  syncOptions: string[];
  images: string[];
  reconciledAt?: string;
  /** A refresh annotation is set and the controller has not handled it yet. */
  refreshing?: string;
  /** What the selected user may do (RBAC), so the view greys out what would be denied. */
  can: { sync: boolean; delete: boolean; update: boolean; override: boolean };
}

/** One sync task as the timeline shows it. */
export interface TimelineTask {
  kind: string;
  group: string;
  namespace: string;
  name: string;
  status?: string;
  hookType?: string;
  hookPhase?: string;
  message: string;
  /** Not run yet: the engine will reach it later in this operation. */
  planned?: boolean;
}

/** One (phase, wave) of the operation, in execution order. */
export interface TimelineWave {
  phase: string;
  wave: number;
  /** Virtual ms the engine started this wave (from the SyncWave event); absent when it has not started. */
  startedAt?: number;
  why?: string;
  message?: string;
  tasks: TimelineTask[];
  /** Virtual ms between this wave's start and the next one's (wave delay + health waits). */
  untilNext?: number;
  /** What happened while this wave ran: hooks created/deleted, prunes, and what the sync waited for (SyncWaiting). */
  during: TimelineEvent[];
}

export interface TimelineEvent {
  t: number;
  reason: string;
  message: string;
  why?: string;
  type: string;
}

export interface TimelineView {
  operation?: {
    phase: string;
    message: string;
    startedAt: number;
    finishedAt?: number;
    initiatedBy: string;
    revision: string;
    dryRun: boolean;
    prune: boolean;
    retryCount: number;
    /** `rollback`/`partial`/`sync` from the operation's shape. */
    kind: string;
  };
  waves: TimelineWave[];
  /** Every event the Application got during the operation, oldest first. */
  events: TimelineEvent[];
}

export interface ResourceDiff {
  key: string;
  kind: string;
  name: string;
  namespace: string;
  group: string;
  modified: boolean;
  /** Normalised live → live as it would be after the sync, as YAML (Secret values masked). */
  liveYaml: string;
  targetYaml: string;
  diffText: string;
}

export interface ObjectEvent {
  t: number;
  type: string;
  reason: string;
  source: string;
  message: string;
  why?: string;
}

export interface ObjectDetail {
  exists: boolean;
  yaml: string;
  events: ObjectEvent[];
}

/** The Sync dialog's choices (JSON-safe: the action is journaled). */
export interface SyncChoices {
  prune?: boolean;
  dryRun?: boolean;
  force?: boolean;
  /** Apply only (syncStrategy apply: hooks are skipped). */
  applyOnly?: boolean;
  revision?: string;
  syncOptions?: string[];
  /** Selective sync: resource keys `group/kind/namespace/name`. */
  resources?: string[];
}

export interface UserView {
  name: string;
  enabled: boolean;
  capabilities: string[];
}
