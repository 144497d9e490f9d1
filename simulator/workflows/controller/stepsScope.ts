/**
 * The `steps.<name>.*` variables of a steps node's finished groups, kept between reconciles so a long
 * steps template does not rebuild them for every group on every reconcile. Derived data only: a layer
 * holds the stored (frozen) nodes it was built from and is dropped as soon as one of them differs
 * (user actions, restore, another sandbox), then rebuilt from status.
 */
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus } from '../nodes/types.js';
import { Scope } from '../params/scope.js';
import type { Woc } from './woc.js';
import { changedSince, mapInfo } from './lineage.js';

export interface GroupsLayer {
  /** Variables and artifacts of groups [0, groups), layered over the globals. */
  readonly scope: Scope;
  groups: number;
  /** The stored nodes the layer was built from (group nodes and their children). */
  readonly refs: NodeStatus[];
  /** Generation of the stored node map the refs were last checked against (lineage.ts). */
  at?: number;
  /** The refs by id (kept in step with `refs`, which only grows). */
  byId?: Map<string, NodeStatus>;
  /** How many of `refs` are in `byId`. */
  indexed: number;
}

const LAYERS = new Map<string, GroupsLayer>();
const MAX_LAYERS = 512;

/** The layer of steps node `nodeId`, valid for this reconcile, its variables over `woc.globals`. */
export function groupsLayer(woc: Woc, nodeId: string): GroupsLayer {
  const key = `${woc.wf.metadata.uid ?? ''}/${woc.name}/${nodeId}`;
  let layer = LAYERS.get(key);
  if (layer && !stillValid(woc, layer)) layer = undefined;
  if (!layer) {
    if (LAYERS.size >= MAX_LAYERS) LAYERS.clear();
    layer = { scope: new Scope(), groups: 0, refs: [], indexed: 0 };
    LAYERS.set(key, layer);
  }
  layer.at = woc.origin ? mapInfo(woc.origin).gen : undefined;
  Object.setPrototypeOf(layer.scope.vars, woc.globals);
  return layer;
}

/**
 * Every ref is still the node this reconcile sees. Since the last check only the ids the controller
 * changed in between (lineage) or copied in this reconcile can differ; without a known lineage, all refs.
 */
function stillValid(woc: Woc, layer: GroupsLayer): boolean {
  const changed = woc.origin && layer.at !== undefined ? changedSince(woc.origin, layer.at) : undefined;
  if (!changed) return layer.refs.every((r) => woc.peek(r.id) === r);
  if (changed.size === 0 && woc.touched.size === 0) return true;
  const byId = (layer.byId ??= new Map());
  for (; layer.indexed < layer.refs.length; layer.indexed++) {
    const r = layer.refs[layer.indexed] as NodeStatus;
    byId.set(r.id, r);
  }
  for (const ids of [changed, woc.touched]) {
    for (const id of ids) {
      const ref = byId.get(id);
      if (ref !== undefined && woc.peek(id) !== ref) return false;
    }
  }
  return true;
}

/** The stored nodes a finished group's variables come from, or undefined when one was changed in this reconcile. */
export function storedGroupNodes(woc: Woc, sg: NodeStatus): NodeStatus[] | undefined {
  if (!Object.isFrozen(sg) || !fulfilled(sg.phase)) return undefined;
  const out = [sg];
  for (const id of sg.children ?? []) {
    const c = woc.peek(id);
    if (!c || !Object.isFrozen(c)) return undefined;
    out.push(c);
  }
  return out;
}
