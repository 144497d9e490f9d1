/** The compact view model the UI renders: objects grouped by kind (kubectl-like rows) and recent events. */
import type { Sandbox } from '../../../simulator/sandbox.js';
import type { StoredObject } from '../../../simulator/cluster/index.js';
import type { EventView, KindGroupView, ViewModel } from '../protocol.js';
import { printerColumnsFor } from '../../../simulator/api/tablesFor.js';
import { clockOf } from './clock.js';
import { kindRows } from './rows.js';

export { clockOf } from './clock.js';
export { kindRows } from './rows.js';
export { containerViews } from './containers.js';
export { registerViewModelWire, toWire, fromWire } from './wire.js';
export type { WireViewModel } from './wire.js';

/** Kinds shown first, in this order (workloads, then config, then cluster-scoped); the rest follow by name. */
const ORDER = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'ConfigMap', 'Secret'];
const LAST = ['Namespace', 'Node'];
/** Noise in a learner's view: Events have their own panel; the rest is plumbing. */
const HIDDEN = new Set(['Event', 'Lease', 'ControllerRevision', 'Endpoints', 'EndpointSlice']);
const MAX_EVENTS = 200;

function rank(kind: string): number {
  const i = ORDER.indexOf(kind);
  if (i >= 0) return i;
  const j = LAST.indexOf(kind);
  return j >= 0 ? 1000 + j : 500;
}

export interface HostState {
  version: number;
  startTime: number;
  playing: boolean;
  speed: number;
}

export function buildViewModel(sandbox: Sandbox, host: HostState): ViewModel {
  const now = sandbox.now();
  const byKind = new Map<string, StoredObject[]>();
  for (const o of sandbox.store.allObjects()) {
    if (HIDDEN.has(o.kind)) continue;
    const id = `${o.apiVersion}\u0000${o.kind}`;
    let list = byKind.get(id);
    if (!list) byKind.set(id, (list = []));
    list.push(o);
  }
  const kinds: KindGroupView[] = [];
  for (const list of byKind.values()) {
    const first = list[0]!;
    const info = sandbox.store.kinds.find(first.apiVersion, first.kind);
    const group = info?.group ?? '';
    list.sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
    const { columns, rows } = kindRows(list, { group, kind: first.kind }, now, info ? printerColumnsFor(sandbox.store, info) : undefined);
    kinds.push({
      kind: first.kind,
      group,
      resource: info ? (group ? `${info.plural}.${group}` : info.plural) : first.kind.toLowerCase(),
      namespaced: info?.namespaced ?? first.metadata.namespace !== undefined,
      columns,
      rows,
    });
  }
  kinds.sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group));

  const all = sandbox.log.all();
  const events: EventView[] = [];
  for (let i = all.length - 1; i >= 0 && events.length < MAX_EVENTS; i--) {
    const e = all[i]!;
    const o = e.involvedObject;
    const v: EventView = {
      seq: i,
      t: e.t,
      at: clockOf(e.t - host.startTime),
      type: e.type,
      source: e.source,
      reason: e.reason,
      object: `${o.kind}/${o.name}`,
      message: e.message,
    };
    if (o.namespace) v.object = `${o.namespace}/${v.object}`;
    if (e.why) v.why = e.why;
    events.push(v);
  }

  const namespaces = sandbox.store
    .list({ apiVersion: 'v1', kind: 'Namespace' })
    .map((n) => n.metadata.name)
    .sort();

  return {
    version: host.version,
    now,
    startTime: host.startTime,
    nowIso: sandbox.clock.iso(now),
    elapsed: clockOf(now - host.startTime),
    playing: host.playing,
    speed: host.speed,
    pending: sandbox.scheduler.size,
    namespaces,
    kinds,
    events,
    totalEvents: all.length,
  };
}
