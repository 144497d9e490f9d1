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

export interface GroupsLayer {
  /** Variables and artifacts of groups [0, groups), layered over the globals. */
  readonly scope: Scope;
  groups: number;
  /** The stored nodes the layer was built from (group nodes and their children). */
  readonly refs: NodeStatus[];
}

const LAYERS = new Map<string, GroupsLayer>();
const MAX_LAYERS = 512;

/** The layer of steps node `nodeId`, valid for this reconcile, its variables over `woc.globals`. */
export function groupsLayer(woc: Woc, nodeId: string): GroupsLayer {
  const key = `${woc.wf.metadata.uid ?? ''}/${woc.name}/${nodeId}`;
  let layer = LAYERS.get(key);
  if (layer && !layer.refs.every((r) => woc.peek(r.id) === r)) layer = undefined;
  if (!layer) {
    if (LAYERS.size >= MAX_LAYERS) LAYERS.clear();
    layer = { scope: new Scope(), groups: 0, refs: [] };
    LAYERS.set(key, layer);
  }
  Object.setPrototypeOf(layer.scope.vars, woc.globals);
  return layer;
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
