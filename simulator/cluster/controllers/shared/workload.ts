/** What every workload controller shares: watching its own kind and the children it controls, and reading its object by key. */
import { splitKey } from '../../../sandbox.js';
import type { ClusterContext, WatchSpec } from '../../../sandbox.js';
import type { StoredObject } from '../../types.js';
import { podToOwnerKeys } from './podEvents.js';

/**
 * Watch the workload kind (keyed `namespace/name`) and its children, each child event mapped to the
 * workload that controls it (before and after the change), like upstream's informer handlers.
 */
export function ownedWatches(owner: { group: string; kind: string }, child: { group: string; kind: string }): WatchSpec[] {
  return [
    { group: owner.group, kind: owner.kind },
    { group: child.group, kind: child.kind, map: podToOwnerKeys(owner.kind) },
  ];
}

/** The object a `namespace/name` workqueue key names (undefined once it is gone). */
export function objectForKey(ctx: ClusterContext, apiVersion: string, kind: string, key: string): StoredObject | undefined {
  return ctx.store.get({ apiVersion, kind, ...splitKey(key) });
}
