/**
 * Sync options: `argocd.argoproj.io/sync-options` on a resource (comma list) or `spec.syncPolicy.syncOptions`
 * on an Application (list). Argo CD compares whole `Key=value` strings, case-sensitively
 * (`SyncOptionDisablePrune = "Prune=false"` etc. in pkg/sync/common), so "prune=false" means nothing.
 */
import type { KubeObject } from '../../../cluster/types.js';
import { getAnnotationCSVs } from './annotations.js';
import { ANNOTATION_SYNC_OPTIONS } from './types.js';

export interface SyncOptions {
  /** Prune=false: never pruned (PruneSkipped "ignored (no prune)"); Prune=confirm: waits for confirmation. */
  prune?: false | 'confirm';
  /** Delete=false: kept when the Application is deleted; Delete=confirm: waits for confirmation. */
  delete?: false | 'confirm';
  replace?: boolean;
  serverSideApply?: boolean;
  pruneLast?: true;
  validate?: false;
  skipDryRunOnMissingResource?: true;
  force?: true;
  applyOutOfSyncOnly?: boolean;
  clientSideApplyMigration?: boolean;
  createNamespace?: true;
  respectIgnoreDifferences?: true;
  failOnSharedResource?: true;
  /** Options we do not interpret (kept so the UI can show them). */
  unknown?: string[];
}

type Setter = (o: SyncOptions) => void;
const KNOWN: Readonly<Record<string, Setter>> = {
  'Prune=false': (o) => { o.prune = false; },
  'Prune=confirm': (o) => { o.prune = 'confirm'; },
  'Delete=false': (o) => { o.delete = false; },
  'Delete=confirm': (o) => { o.delete = 'confirm'; },
  'Replace=true': (o) => { o.replace = true; },
  'Replace=false': (o) => { o.replace = false; },
  'ServerSideApply=true': (o) => { o.serverSideApply = true; },
  'ServerSideApply=false': (o) => { o.serverSideApply = false; },
  'PruneLast=true': (o) => { o.pruneLast = true; },
  'Validate=false': (o) => { o.validate = false; },
  'SkipDryRunOnMissingResource=true': (o) => { o.skipDryRunOnMissingResource = true; },
  'Force=true': (o) => { o.force = true; },
  'ApplyOutOfSyncOnly=true': (o) => { o.applyOutOfSyncOnly = true; },
  'ApplyOutOfSyncOnly=false': (o) => { o.applyOutOfSyncOnly = false; },
  'ClientSideApplyMigration=true': (o) => { o.clientSideApplyMigration = true; },
  'ClientSideApplyMigration=false': (o) => { o.clientSideApplyMigration = false; },
  'CreateNamespace=true': (o) => { o.createNamespace = true; },
  'RespectIgnoreDifferences=true': (o) => { o.respectIgnoreDifferences = true; },
  'FailOnSharedResource=true': (o) => { o.failOnSharedResource = true; },
};

/** Parse a list of `Key=value` options; later entries win over earlier ones. */
export function parseSyncOptionList(list: readonly string[]): SyncOptions {
  const out: SyncOptions = {};
  for (const raw of list) {
    const item = raw.trim();
    if (item === '') continue;
    const set = Object.hasOwn(KNOWN, item) ? KNOWN[item] : undefined;
    if (set) set(out);
    else (out.unknown ??= []).push(item);
  }
  return out;
}

/** The resource's `argocd.argoproj.io/sync-options` annotation, parsed. */
export function resourceSyncOptions(obj: KubeObject | undefined): SyncOptions {
  return obj === undefined ? {} : parseSyncOptionList(getAnnotationCSVs(obj, ANNOTATION_SYNC_OPTIONS));
}
