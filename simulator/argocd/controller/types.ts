/** The Application object as the controller reads and writes it (pkg/apis/application/v1alpha1 names). */
import type { JsonObject, KubeObject, ObjectMeta } from '../../cluster/types.js';
import type { HealthStatusCode } from '../health/index.js';
import type { Operation, OperationState, RetryStrategy } from '../sync/engine/index.js';

export type { Operation, OperationState, RetryStrategy };

export interface AppSource extends JsonObject {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  ref?: string;
}

export interface SyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean; enabled?: boolean };
  syncOptions?: string[];
  retry?: RetryStrategy;
}

export interface ApplicationSpec {
  project?: string;
  source?: AppSource;
  sources?: AppSource[];
  destination?: { server?: string; name?: string; namespace?: string };
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: JsonObject[];
  revisionHistoryLimit?: number;
}

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';

export interface AppResourceStatus {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status?: SyncStatusCode;
  health?: { status: HealthStatusCode; message?: string };
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
}

export interface AppCondition {
  type: string;
  message: string;
  lastTransitionTime?: string;
}

export interface RevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  deployedAt: string;
  deployStartedAt?: string;
  source?: JsonObject;
  sources?: JsonObject[];
  initiatedBy?: { username?: string; automated?: boolean };
}

export interface SyncStatus {
  status: SyncStatusCode;
  revision?: string;
  revisions?: string[];
  comparedTo?: { source?: JsonObject; sources?: JsonObject[]; destination: JsonObject; ignoreDifferences?: JsonObject[] };
}

export interface ApplicationStatus {
  resources?: AppResourceStatus[];
  sync?: SyncStatus;
  health?: { status: HealthStatusCode; message?: string; lastTransitionTime?: string };
  history?: RevisionHistory[];
  conditions?: AppCondition[];
  reconciledAt?: string;
  operationState?: OperationState;
  sourceType?: string;
  sourceTypes?: string[];
  summary?: { images?: string[]; externalURLs?: string[] };
  controllerNamespace?: string;
}

export interface Application {
  apiVersion: string;
  kind: 'Application';
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}

export const asApp = (o: KubeObject): Application => o as unknown as Application;
export const asObject = (a: Application): KubeObject => a as unknown as KubeObject;

export const APP_KIND = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' } as const;

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
export const RESOURCES_FINALIZER_BACKGROUND = 'resources-finalizer.argocd.argoproj.io/background';
export const RESOURCES_FINALIZER_FOREGROUND = 'resources-finalizer.argocd.argoproj.io/foreground';
export const POST_DELETE_FINALIZER = 'post-delete-finalizer.argocd.argoproj.io';
export const POST_DELETE_CLEANUP_FINALIZER = 'post-delete-finalizer.argocd.argoproj.io/cleanup';

/** Multi-source apps use spec.sources; `source` is ignored when both are set (HasMultipleSources). */
export function appSources(app: Application): AppSource[] {
  if (app.spec.sources && app.spec.sources.length > 0) return app.spec.sources;
  return app.spec.source ? [app.spec.source] : [];
}

export function isMultiSource(app: Application): boolean {
  return (app.spec.sources?.length ?? 0) > 0;
}
