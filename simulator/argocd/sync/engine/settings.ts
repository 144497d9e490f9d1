/** What argo-cd's SyncAppState hands gitops-engine (sync.WithXXX options), read from the operation and the app. */
import { getPath } from '../../../cluster/types.js';
import { parseSyncOptionList } from '../common/syncOptions.js';
import type { SelectedResource } from '../tasks/types.js';
import type { SyncRequest } from './types.js';
import type { PropagationPolicy } from '../../../cluster/store/index.js';

export interface SyncSettings {
  dryRun: boolean;
  prune: boolean;
  force: boolean;
  /** Apply strategy or selective sync: no hooks. */
  skipHooks: boolean;
  selected: SelectedResource[];
  validate: boolean;
  pruneLast: boolean;
  replace: boolean;
  serverSideApply: boolean;
  applyOutOfSyncOnly: boolean;
  createNamespace: boolean;
  respectIgnoreDifferences: boolean;
  skipDryRunOnMissingResource: boolean;
  prunePropagationPolicy: PropagationPolicy;
  /** spec.destination.namespace */
  namespace: string;
}

/** Operation sync options; the Application's spec.syncPolicy.syncOptions when the operation names none. */
export function syncOptionList(req: SyncRequest): string[] {
  const own = req.operation.sync?.syncOptions;
  if (own !== undefined) return own;
  const fromApp = getPath(req.app, ['spec', 'syncPolicy', 'syncOptions']);
  return Array.isArray(fromApp) ? fromApp.filter((s): s is string => typeof s === 'string') : [];
}

export function settingsFor(req: SyncRequest): SyncSettings {
  const op = req.operation.sync ?? {};
  const list = syncOptionList(req);
  const o = parseSyncOptionList(list);
  const has = (s: string) => list.includes(s);
  const strategy = op.syncStrategy;
  const selected = (op.resources ?? []).map((r) => ({ group: r.group ?? '', kind: r.kind, name: r.name, namespace: r.namespace }));
  const ns = getPath(req.app, ['spec', 'destination', 'namespace']);
  let prunePropagationPolicy: PropagationPolicy = 'Foreground';
  if (has('PrunePropagationPolicy=background')) prunePropagationPolicy = 'Background';
  if (has('PrunePropagationPolicy=orphan')) prunePropagationPolicy = 'Orphan';
  return {
    dryRun: op.dryRun === true,
    prune: op.prune === true,
    force: strategy?.apply?.force === true || strategy?.hook?.force === true,
    skipHooks: strategy?.apply !== undefined || selected.length > 0,
    selected,
    validate: o.validate !== false,
    pruneLast: o.pruneLast === true,
    replace: o.replace === true,
    serverSideApply: o.serverSideApply === true,
    applyOutOfSyncOnly: o.applyOutOfSyncOnly === true,
    createNamespace: o.createNamespace === true,
    respectIgnoreDifferences: o.respectIgnoreDifferences === true,
    skipDryRunOnMissingResource: o.skipDryRunOnMissingResource === true,
    prunePropagationPolicy,
    namespace: typeof ns === 'string' ? ns : '',
  };
}
