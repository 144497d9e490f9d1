/**
 * The watch history: the recent events, so a watch can resume from a resourceVersion (410 Gone past it).
 *
 * Kept compact: a version superseded by a write whose big map was derived from it (`derivedFrom`: the
 * workflow controller's `status.nodes`, rewritten on every reconcile) is held as a delta against its
 * successor, not as itself. Otherwise each of a workflow's thousands of versions kept its own copy of a
 * thousand-node map alive (O(writes × nodes) memory, most of the GC time of a long workflow). A resume
 * rebuilds those versions (equal as JSON, same key order, frozen): new objects, the stored ones are gone.
 */
import type { StoredObject, WatchEvent, WatchEventType } from '../types.js';
import { setOwn } from '../types.js';
import type { MapDelta } from './objectUtil.js';
import { copyFrozen } from './objectUtil.js';

type Dict = Record<string, unknown>;

const HISTORY = 20_000;
/** How far back the event holding the superseded version is looked for (the writer's previous write). */
const LOOK_BACK = 256;

/**
 * A superseded version as a delta: `shell` is the version with its map (at `path`) left out; the map
 * is `next`'s map at `path` with `keys` restored (`had` false: the key was absent).
 */
class Ghost {
  constructor(
    readonly shell: Dict,
    readonly path: readonly string[],
    public next: StoredObject | Ghost,
    readonly keys: readonly string[],
    readonly had: readonly boolean[],
    readonly vals: readonly unknown[],
  ) {}
}

type Version = StoredObject | Ghost;

/** A history entry holding a ghost (the live events handed to watchers are never changed). */
class Entry {
  constructor(
    readonly type: WatchEventType,
    public object: Version,
    public old: Version | undefined,
  ) {}
}

export class WatchHistory {
  /** Parallel arrays (no wrapper object per write). */
  private rvs: number[] = [];
  private kinds: string[] = [];
  private events: (WatchEvent | Entry)[] = [];
  /** Resuming before this resourceVersion is too old (410). */
  oldestRv = 0;

  reset(): void {
    this.rvs = [];
    this.kinds = [];
    this.events = [];
  }

  /** Record `event`; `delta`: how `event.object`'s derived map differs from `event.old`'s (a MODIFIED write). */
  push(rv: number, kindId: string, event: WatchEvent, delta: MapDelta | undefined): void {
    const ghost = delta !== undefined && event.old !== undefined ? this.supersede(event.old, event.object, delta) : undefined;
    this.rvs.push(rv);
    this.kinds.push(kindId);
    this.events.push(ghost === undefined ? event : new Entry(event.type, event.object, ghost));
    if (this.rvs.length > HISTORY * 1.5) {
      const cut = this.rvs.length - HISTORY;
      this.oldestRv = this.rvs[cut - 1]!;
      this.rvs = this.rvs.slice(cut);
      this.kinds = this.kinds.slice(cut);
      this.events = this.events.slice(cut);
    }
  }

  /** Every recorded event after `from` (of kind `kindId`, all when undefined), in order. */
  replay(from: number, kindId: string | undefined, visit: (event: WatchEvent, rv: number, kindId: string) => void): void {
    const rvs = this.rvs;
    const ids = this.kinds;
    const events = this.events;
    // One rebuilt object per ghost, so an event's `old` is the previous event's `object`, as when live.
    const built = new Map<Ghost, StoredObject>();
    for (let i = 0; i < rvs.length; i++) {
      const rv = rvs[i]!;
      const id = ids[i]!;
      if (rv <= from || (kindId !== undefined && id !== kindId)) continue;
      const e = events[i]!;
      if (e instanceof Entry) {
        const event: WatchEvent = { type: e.type, object: materialize(e.object, built) };
        if (e.old !== undefined) event.old = materialize(e.old, built);
        visit(event, rv, id);
      } else visit(e, rv, id);
    }
  }

  /**
   * `old` is superseded by `next`, whose map `delta.map` was derived from `old`'s: the entry that holds
   * `old` (the writer's previous event) holds a ghost of it instead. Returns the ghost, or undefined
   * when that entry or the map's place is not found (the version is then kept as it is).
   */
  private supersede(old: StoredObject, next: StoredObject, delta: MapDelta): Ghost | undefined {
    const path = pathOf(next, delta.map);
    if (path === undefined || at(old, path) !== delta.from) return undefined;
    const events = this.events;
    const stop = Math.max(0, events.length - LOOK_BACK);
    for (let i = events.length - 1; i >= stop; i--) {
      const e = events[i]!;
      if (e.object !== old) continue;
      const ghost = new Ghost(shellOf(old, path), path, next, delta.keys, delta.had, delta.vals);
      if (e instanceof Entry) e.object = ghost;
      else events[i] = new Entry(e.type, ghost, e.old);
      // The ghost of the version before points at `old`: it now rebuilds from `old`'s ghost.
      const before = events[i]!.old;
      if (before instanceof Ghost && before.next === old) before.next = ghost;
      return ghost;
    }
    return undefined;
  }
}

/** Where `map` is in `obj`: a top-level value or one level below (`status.nodes`). */
function pathOf(obj: StoredObject, map: object): string[] | undefined {
  const o = obj as unknown as Dict;
  for (const a in o) {
    const v = o[a];
    if (v === map) return [a];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
    const child = v as Dict;
    for (const b in child) if (child[b] === map) return [a, b];
  }
  return undefined;
}

function at(obj: StoredObject, path: readonly string[]): unknown {
  let v: unknown = obj;
  for (let i = 0; i < path.length; i++) v = typeof v === 'object' && v !== null ? (v as Dict)[path[i]!] : undefined;
  return v;
}

/** `obj` without the value at `path` (null there, keeping its place among the keys). */
function shellOf(obj: StoredObject, path: readonly string[]): Dict {
  const top = copyFrozen(obj as unknown as Dict);
  if (path.length === 1) setOwn(top, path[0]!, null);
  else {
    const mid = copyFrozen(top[path[0]!] as Dict);
    setOwn(mid, path[1]!, null);
    setOwn(top, path[0]!, mid);
  }
  return top;
}

/** The version a history entry holds: itself, or a ghost rebuilt (newest first, then back along the chain). */
function materialize(v: Version, built: Map<Ghost, StoredObject>): StoredObject {
  if (!(v instanceof Ghost)) return v;
  const chain: Ghost[] = [];
  let cur: Version = v;
  while (cur instanceof Ghost && !built.has(cur)) {
    chain.push(cur);
    cur = cur.next;
  }
  let next: StoredObject = cur instanceof Ghost ? built.get(cur)! : cur;
  for (let i = chain.length - 1; i >= 0; i--) {
    const g = chain[i]!;
    next = rebuild(g, at(next, g.path) as Dict);
    built.set(g, next);
  }
  return next;
}

/** The ghost's version, its map being `nextMap` with the ghost's keys restored. */
function rebuild(g: Ghost, nextMap: Dict): StoredObject {
  const index = new Map<string, number>();
  for (let i = 0; i < g.keys.length; i++) index.set(g.keys[i]!, i);
  const map: Dict = {};
  for (const k in nextMap) {
    const i = index.get(k);
    if (i === undefined) setOwn(map, k, nextMap[k]);
    else if (g.had[i]) setOwn(map, k, g.vals[i]);
  }
  Object.freeze(map);
  const top = copyFrozen(g.shell);
  if (g.path.length === 1) setOwn(top, g.path[0]!, map);
  else {
    const mid = copyFrozen(top[g.path[0]!] as Dict);
    setOwn(mid, g.path[1]!, map);
    setOwn(top, g.path[0]!, Object.freeze(mid));
  }
  return Object.freeze(top) as unknown as StoredObject;
}
