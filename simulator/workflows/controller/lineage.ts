/**
 * Lineage of stored node maps (derived data, never persisted). Every reconcile starts from the stored,
 * frozen `status.nodes` and writes a new map that differs from it only in the nodes it copied or added.
 * Remembering, per written map, which map it came from and which ids changed lets per-reconcile
 * bookkeeping (finished step groups, progress) look at those ids instead of walking every node — a
 * 1,000-step workflow is reconciled thousands of times. Maps written by anyone else (user actions,
 * a restore) have no lineage, and callers fall back to a full walk.
 */

export interface MapInfo {
  /** A number naming this map (maps are compared by generation so no old map is kept alive). */
  readonly gen: number;
  /** Generation of the map this one was written from, when known. */
  readonly fromGen?: number;
  /** Ids whose node may differ from the `fromGen` map (copied, replaced or added); no deletions. */
  readonly changed?: ReadonlySet<string>;
}

const INFO = new WeakMap<object, MapInfo>();
let nextGen = 1;

/** The info of a stored node map (a map seen for the first time gets a generation and no lineage). */
export function mapInfo(nodes: object): MapInfo {
  let info = INFO.get(nodes);
  if (!info) INFO.set(nodes, (info = { gen: nextGen++ }));
  return info;
}

/** `written` was stored from `from` by changing only `changed` (nothing deleted). */
export function recordLineage(written: object, from: object | undefined, changed: ReadonlySet<string>): void {
  if (written === from || INFO.has(written)) return;
  INFO.set(written, from ? { gen: nextGen++, fromGen: mapInfo(from).gen, changed } : { gen: nextGen++ });
}

/** Ids that may differ between the map of generation `earlier` and `nodes` (its direct successor), or undefined when unknown. */
export function changedSince(nodes: object, earlier: number): ReadonlySet<string> | undefined {
  const info = mapInfo(nodes);
  if (info.gen === earlier) return EMPTY;
  return info.fromGen === earlier ? info.changed : undefined;
}

const EMPTY: ReadonlySet<string> = new Set();
