/**
 * Walks over the few nodes a per-reconcile pass acts on (derived data, never persisted; see lineage.ts).
 * A pass such as pod reconciliation looks at every node of its kind that it has not dropped for good
 * (`settled`): on a 1,000-step workflow that is a couple of nodes among thousands, thousands of times.
 * For each node map this controller wrote, the ids that may still matter are kept with their map
 * positions; the next reconcile walks those plus the ids it has touched, in map order. A map written by
 * anyone else (user action, restore) has none, and the walk takes every node.
 */
import type { NodeStatus } from '../nodes/types.js';
import type { Woc } from './woc.js';

/** Ids in map order, each with its position in the map's key order. */
interface Candidates {
  ids: string[];
  pos: number[];
}

interface Walk {
  filter: (n: NodeStatus) => boolean;
  settled: WeakSet<NodeStatus>;
  seen: Candidates;
}

/** Written node map → walk name → ids whose node passes the filter and was not settled (a superset). */
const STORED = new WeakMap<object, Map<string, Candidates>>();
/** This reconcile's walks, to be carried to the map it writes. */
const WALKS = new WeakMap<Woc, Map<string, Walk>>();

/**
 * The nodes passing `filter` that are not in `settled`, in map order (what filtering `woc.nodeList()`
 * gives), reading only the candidates the stored map left plus the nodes this reconcile touched.
 */
export function walkNodes(woc: Woc, name: string, filter: (n: NodeStatus) => boolean, settled: WeakSet<NodeStatus>): NodeStatus[] {
  const origin = woc.origin;
  const base = origin && !woc.nodesDeleted ? STORED.get(origin)?.get(name) : undefined;
  const seen = base ? withTouched(woc, base) : everyNode(woc);
  let walks = WALKS.get(woc);
  if (!walks) WALKS.set(woc, (walks = new Map()));
  walks.set(name, { filter, settled, seen });
  const out: NodeStatus[] = [];
  for (const id of seen.ids) {
    const n = woc.peek(id);
    if (n && filter(n) && !settled.has(n)) out.push(n);
  }
  return out;
}

/** The map `nodes` was just written by this reconcile (nothing deleted): keep each walk's candidates for it. */
export function rememberWalks(woc: Woc, nodes: object): void {
  const walks = WALKS.get(woc);
  if (!walks || woc.nodesDeleted) return;
  const kept = new Map<string, Candidates>();
  for (const [name, w] of walks) {
    const all = withTouched(woc, w.seen);
    const c: Candidates = { ids: [], pos: [] };
    for (let i = 0; i < all.ids.length; i++) {
      const id = all.ids[i] as string;
      const n = woc.peek(id);
      if (!n || !w.filter(n) || w.settled.has(n)) continue;
      c.ids.push(id);
      c.pos.push(all.pos[i] as number);
    }
    kept.set(name, c);
  }
  STORED.set(nodes, kept);
}

function everyNode(woc: Woc): Candidates {
  const ids = woc.nodeKeys.slice();
  return { ids, pos: ids.map((_, i) => i) };
}

/** `base` (of the stored map) merged with every id this reconcile touched, in map order. */
function withTouched(woc: Woc, base: Candidates): Candidates {
  if (woc.touched.size === 0) return base;
  const keys = woc.nodeKeys;
  const stored = woc.storedKeyCount;
  const extra: { id: string; pos: number }[] = [];
  // Touched stored nodes (a few, usually): positions from both ends of the stored keys, or from an index when many.
  const old: string[] = [];
  for (const id of woc.touched) if (woc.origin && Object.prototype.hasOwnProperty.call(woc.origin, id)) old.push(id);
  if (old.length > 16) {
    // Many: one pass over the stored keys instead of a search per node.
    const touched = woc.touched;
    for (let i = 0; i < stored; i++) if (touched.has(keys[i] as string) && !hasPosition(base, i)) extra.push({ id: keys[i] as string, pos: i });
  } else {
    for (const id of old) {
      const pos = positionOf(keys, id, stored);
      if (pos >= 0 && !hasPosition(base, pos)) extra.push({ id, pos });
    }
  }
  // Added nodes follow the stored ones, in the order they were added.
  for (let i = stored; i < keys.length; i++) if (!hasPosition(base, i)) extra.push({ id: keys[i] as string, pos: i });
  if (extra.length === 0) return base;
  extra.sort((a, b) => a.pos - b.pos);
  const out: Candidates = { ids: [], pos: [] };
  let i = 0;
  for (const e of extra) {
    while (i < base.ids.length && (base.pos[i] as number) < e.pos) {
      out.ids.push(base.ids[i] as string);
      out.pos.push(base.pos[i] as number);
      i++;
    }
    out.ids.push(e.id);
    out.pos.push(e.pos);
  }
  for (; i < base.ids.length; i++) {
    out.ids.push(base.ids[i] as string);
    out.pos.push(base.pos[i] as number);
  }
  return out;
}

/** Whether `c` (in map order) holds the id at map position `pos` (binary search: positions are unique and sorted). */
function hasPosition(c: Candidates, pos: number): boolean {
  let lo = 0;
  let hi = c.pos.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = c.pos[mid] as number;
    if (p === pos) return true;
    if (p < pos) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Position of stored id `id` among the first `stored` keys, searched from both ends (touched nodes are mostly the root and the newest). */
function positionOf(keys: readonly string[], id: string, stored: number): number {
  for (let i = 0, j = stored - 1; i <= j; i++, j--) {
    if (keys[i] === id) return i;
    if (keys[j] === id) return j;
  }
  return -1;
}
