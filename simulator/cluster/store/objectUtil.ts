/**
 * Small helpers for stored objects. Stored objects are deeply frozen; a write copies its input once
 * (`clone`), lets admission change the copy, then `intern`s it against the previous version: equal
 * subtrees are replaced by the old (already frozen) ones and the rest is frozen in place. One pass
 * gives immutability, structural sharing between versions, and the equality the no-op check needs.
 */
import { isObj, setOwn } from '../types.js';

type Dict = Record<string, unknown>;

/**
 * Deep-freeze a value nobody else holds (a new object): no comparison needed. A frozen subtree in a
 * write is stored (deep-frozen) data the new object shares (an Event's involvedObject, a stored
 * template in a new workflow node): it is not walked again.
 */
function freezeNew(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  // (Leaves are skipped here rather than in a call each: most values are primitives.)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (typeof x === 'object' && x !== null) freezeNew(x);
    }
    return Object.freeze(value);
  }
  const v = value as Dict;
  for (const k in v) {
    const x = v[k];
    if (typeof x === 'object' && x !== null) freezeNew(x);
  }
  return Object.freeze(v);
}

/**
 * `{ ...o }` for a stored (frozen) object: V8's spread takes a slow path on frozen objects, a plain
 * copy loop is ~2.5x faster. Own keys in the same order; `__proto__` stays an own key, as in `clone`.
 */
export function copyFrozen<T extends object>(o: T): T {
  const out: Dict = {};
  const src = o as Dict;
  for (const k in src) {
    if (k === '__proto__') setOwn(out, k, src[k]);
    else out[k] = src[k];
  }
  return out as T;
}

/**
 * `o[k]` if it is an own property, else undefined: one keyed load instead of a hasOwnProperty call and
 * a load. Only what Object.prototype answers (its methods, `__proto__`) needs the own check (JSON
 * data holds no functions).
 */
function ownValue(o: Dict, k: string): unknown {
  const v = o[k];
  if (v === undefined || (typeof v !== 'function' && k !== '__proto__')) return v;
  return Object.prototype.hasOwnProperty.call(o, k) ? v : undefined;
}

/** Number of keys whose value is not undefined (JSON drops the others). */
function definedKeys(o: Dict): number {
  let n = 0;
  for (const k in o) if (o[k] !== undefined) n++;
  return n;
}

/**
 * Writers that build a big map as a copy of a stored (frozen) one and change a few entries (the
 * workflow controller's `status.nodes`) say so here; `intern` then looks at those entries only instead
 * of walking every key of the map (the writer promises that every other own key holds the stored value
 * itself and that no key was removed). One declaration at a time, the latest (declared just before its
 * write): an identity check per interned object is cheaper than a WeakMap lookup, and a declaration
 * that is lost only costs the full walk, which gives the same result.
 */
let derivedValue: object | undefined;
let derivedSource: object | undefined;
let derivedChanged: ReadonlySet<string> = new Set();

/** `value` is a shallow copy of the frozen `from` where only the keys in `changed` may differ or be new. */
export function derivedFrom(value: object, from: object, changed: ReadonlySet<string>): void {
  derivedValue = value;
  derivedSource = from;
  derivedChanged = changed;
}

/**
 * How a new frozen map differs from the one it was derived from (`derivedFrom`): its `keys` had
 * (`had`) the values `vals` in `from`, every other key holds the same value, nothing was removed. The
 * watch history keeps a superseded version as this delta against its successor (history.ts).
 */
export interface MapDelta {
  readonly map: object;
  readonly from: object;
  readonly keys: readonly string[];
  readonly had: readonly boolean[];
  readonly vals: readonly unknown[];
}

/** The delta of the last derived map `intern` froze since `takeMapDelta` last ran. */
let lastDelta: MapDelta | undefined;

/** The delta recorded since the last call (and forget it): the store asks after interning a write. */
export function takeMapDelta(): MapDelta | undefined {
  const d = lastDelta;
  lastDelta = undefined;
  return d;
}

/** `intern` of a map declared with `derivedFrom`: only the changed keys are compared. */
function internDerived(v: Dict, old: Dict, changed: ReadonlySet<string>): unknown {
  let same = true;
  for (const k of changed) {
    const x = v[k];
    const before = ownValue(old, k);
    if (x === undefined) {
      if (before !== undefined) same = false;
      continue;
    }
    const r = intern(x, before);
    if (r !== x) setOwn(v, k, r);
    if (r !== before) same = false;
  }
  if (same) return old;
  lastDelta = deltaOf(v, old, changed);
  return Object.freeze(v);
}

/** The delta of `v` (derived from `old` by `changed`), or undefined when a key of `old` was removed. */
function deltaOf(v: Dict, old: Dict, changed: ReadonlySet<string>): MapDelta | undefined {
  const keys: string[] = [];
  const had: boolean[] = [];
  const vals: unknown[] = [];
  const hasOwn = Object.prototype.hasOwnProperty;
  for (const k of changed) {
    const h = hasOwn.call(old, k);
    if (h && !hasOwn.call(v, k)) return undefined;
    keys.push(k);
    had.push(h);
    vals.push(h ? old[k] : undefined);
  }
  return { map: v, from: old, keys, had, vals };
}

/**
 * Freeze `value` (a private, mutable copy) deeply, reusing subtrees of `prev` (frozen) that are equal
 * as JSON. Returns `prev` itself when the whole value equals it, else the frozen `value`.
 * Key order does not matter and keys holding `undefined` count as absent, as in JSON.
 */
export function intern(value: unknown, prev: unknown): unknown {
  if (value === prev) return prev;
  if (typeof value !== 'object' || value === null) return value;
  if (prev === undefined) return freezeNew(value);
  if (Array.isArray(value)) {
    const old = Array.isArray(prev) ? (prev as unknown[]) : undefined;
    let same = old !== undefined && old.length === value.length;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      const before = old !== undefined ? old[i] : undefined;
      // (Leaves inline: no recursive call for a primitive, most of a status.)
      const r = typeof x !== 'object' || x === null || x === before ? x : intern(x, before);
      value[i] = r;
      if (same && r !== before) same = false;
    }
    return same ? old : Object.freeze(value);
  }
  const v = value as Dict;
  const old = isObj(prev) ? prev : undefined;
  if (v === derivedValue && old !== undefined && derivedSource === old) return internDerived(v, old, derivedChanged);
  let same = old !== undefined;
  let n = 0;
  for (const k in v) {
    const x = v[k];
    if (x === undefined) continue;
    n++;
    const before = old !== undefined ? ownValue(old, k) : undefined;
    const r = typeof x !== 'object' || x === null || x === before ? x : intern(x, before);
    if (r !== x) setOwn(v, k, r);
    if (same && r !== before) same = false;
  }
  if (same && definedKeys(old!) === n) return old;
  return Object.freeze(v);
}

/** `intern` for the children of a top-level object that is still being written (it stays unfrozen). */
export function internChildren(value: Dict, prev: Dict | undefined, skip?: (key: string) => boolean): boolean {
  let same = prev !== undefined;
  let n = 0;
  for (const k in value) {
    if (skip?.(k)) continue;
    const x = value[k];
    if (x === undefined) continue;
    n++;
    const before = prev !== undefined ? ownValue(prev, k) : undefined;
    const r = intern(x, before);
    if (r !== x) setOwn(value, k, r);
    if (same && r !== before) same = false;
  }
  if (!same || prev === undefined) return false;
  let m = 0;
  for (const k in prev) if (!skip?.(k) && prev[k] !== undefined) m++;
  return m === n;
}

/** Bits of `internBody`'s answer: a spec field changed (generation); status, apiVersion or kind changed. */
export const SPEC_CHANGED = 1;
export const REST_CHANGED = 2;

/**
 * `internChildren` of a top-level object being written for every key but `metadata`, in one pass over
 * its keys (not one per group): which groups differ from `prev`, as SPEC_CHANGED | REST_CHANGED.
 */
export function internBody(value: Dict, prev: Dict): number {
  let changed = 0;
  let nSpec = 0;
  let nRest = 0;
  for (const k in value) {
    if (k === 'metadata') continue;
    const x = value[k];
    if (x === undefined) continue;
    const spec = isSpecKey(k);
    if (spec) nSpec++;
    else nRest++;
    const before = ownValue(prev, k);
    const r = intern(x, before);
    if (r !== x) setOwn(value, k, r);
    if (r !== before) changed |= spec ? SPEC_CHANGED : REST_CHANGED;
  }
  for (const k in prev) {
    if (k === 'metadata' || prev[k] === undefined) continue;
    if (isSpecKey(k)) nSpec--;
    else nRest--;
  }
  if (nSpec !== 0) changed |= SPEC_CHANGED;
  if (nRest !== 0) changed |= REST_CHANGED;
  return changed;
}

/** Equality as JSON: key order does not matter, keys holding `undefined` count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Dict;
  const y = b as Dict;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    n++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !jsonEqual(x[k], y[k])) return false;
  }
  return definedKeys(y) === n;
}

/** Everything outside metadata and status: what bumps `metadata.generation`. */
export function isSpecKey(k: string): boolean {
  return k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind';
}
