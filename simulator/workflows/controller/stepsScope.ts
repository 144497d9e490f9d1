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
  /** Variables and artifacts of groups [0, groups), layered over the globals (left empty without `withVars`). */
  readonly scope: Scope;
  /** Whether the layer holds the groups' variables (see `readsStepVars`). */
  readonly withVars: boolean;
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

/** The layer of steps node `nodeId`, valid for this reconcile, its variables (when `withVars`) over `woc.globals`. */
export function groupsLayer(woc: Woc, nodeId: string, withVars = true): GroupsLayer {
  const key = `${woc.wf.metadata.uid ?? ''}/${woc.name}/${nodeId}`;
  let layer = LAYERS.get(key);
  if (layer && (layer.withVars !== withVars || !stillValid(woc, layer))) layer = undefined;
  if (!layer) {
    if (LAYERS.size >= MAX_LAYERS) LAYERS.clear();
    layer = { scope: new Scope(), withVars, groups: 0, refs: [], indexed: 0 };
    LAYERS.set(key, layer);
  }
  layer.at = woc.origin ? mapInfo(woc.origin).gen : undefined;
  // Re-parenting a big variable map costs V8 a lot (it is a prototype): only layers with variables need it.
  if (withVars) Object.setPrototypeOf(layer.scope.vars, woc.globals);
  return layer;
}

const READS = new WeakMap<object, boolean>();

/**
 * Whether a (processed) steps template can read a `steps.*` variable: only through a string of its own
 * (a tag, an expression, a `when`, a `from`) naming `steps`, or `$env`. Without one, finished groups'
 * variables are never looked up, so they are not built (thousands of groups, every reconcile).
 */
export function readsStepVars(tmpl: object): boolean {
  let r = READS.get(tmpl);
  if (r === undefined) READS.set(tmpl, (r = anyString(tmpl, (s) => s.includes('steps') || s.includes('$env'))));
  return r;
}

function anyString(v: unknown, test: (s: string) => boolean): boolean {
  if (typeof v === 'string') return test(v);
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => anyString(x, test));
  for (const k in v) if (anyString((v as Record<string, unknown>)[k], test)) return true;
  return false;
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
