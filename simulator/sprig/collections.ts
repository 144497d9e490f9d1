/** Sprig's list and dict functions (list.go, dict.go). Dicts are `map[string]interface{}`; key order is sorted where Go's would be random. */
import { deepCopy, deepEqual, isMap, isNil, sortedKeys, typeName, type GoFunc, type GoMap, type GoValue } from '../gotemplate/value.js';
import { dict, empty, FuncError, int, list, str, strslice, strval } from './convert.js';

/** mergo.Merge (keep dst values that are set) or with override (src values that are set win). */
function mergeInto(dst: GoMap, src: GoMap, override: boolean): void {
  for (const k of Object.keys(src)) {
    const d = dst[k];
    const s = src[k];
    if (isMap(d) && isMap(s)) mergeInto(d, s, override);
    else if (!(k in dst) || empty(d)) {
      if (!(k in dst) || !empty(s) || !override) dst[k] = deepCopy(s);
    } else if (override && !empty(s)) dst[k] = deepCopy(s);
  }
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (isNil(haystack)) return false;
  if (!Array.isArray(haystack)) throw new FuncError(`Cannot find has on type ${typeName(haystack)}`);
  return haystack.some((x) => deepEqual(x, needle));
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new FuncError('dig needs at least three arguments');
  const d = dict(args[args.length - 1]);
  const def = args[args.length - 2];
  const keys = args.slice(0, -2).map(str);
  let cur: GoValue = d;
  for (const k of keys) {
    if (!isMap(cur) || !(k in cur)) return def;
    cur = cur[k];
  }
  return cur;
}

export const collectionFuncs: Record<string, GoFunc> = {
  list: (...items) => [...items],
  tuple: (...items) => [...items],
  first: (l) => list(l, 'find first').at(0) ?? null,
  last: (l) => list(l, 'find last').at(-1) ?? null,
  rest: (l) => list(l, 'find rest').slice(1),
  initial: (l) => list(l, 'find initial').slice(0, -1),
  append: (l, v) => [...list(l, 'push'), v],
  push: (l, v) => [...list(l, 'push'), v],
  prepend: (l, v) => [v, ...list(l, 'prepend')],
  concat: (...lists) => lists.flatMap((l) => list(l, 'concat')),
  reverse: (l) => [...list(l, 'find reverse')].reverse(),
  uniq: (l) => list(l, 'find uniq').filter((x, i, all) => all.findIndex((y) => deepEqual(x, y)) === i),
  compact: (l) => list(l, 'compact').filter((x) => !empty(x)),
  without: (l, ...omit) => list(l, 'find without').filter((x) => !omit.some((o) => deepEqual(o, x))),
  has: (needle, haystack) => has(needle, haystack),
  sortAlpha: (l) => strslice(l).sort(),
  slice: (l, ...idx) => {
    const items = list(l, 'slice');
    const a = idx.length > 0 ? int(idx[0]) : 0;
    const b = idx.length > 1 ? int(idx[1]) : items.length;
    return items.slice(a, b);
  },
  chunk: (size, l) => {
    const n = int(size);
    const items = list(l, 'chunk');
    const out: GoValue[] = [];
    for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
    return out;
  },
  dict: (...kv) => {
    const out: GoMap = {};
    for (let i = 0; i < kv.length; i += 2) out[strval(kv[i])] = i + 1 < kv.length ? kv[i + 1] : '';
    return out;
  },
  get: (d, key) => {
    const m = dict(d);
    const k = str(key);
    return k in m ? m[k] : '';
  },
  set: (d, key, value) => {
    const m = dict(d);
    m[str(key)] = value;
    return m;
  },
  unset: (d, key) => {
    const m = dict(d);
    delete m[str(key)];
    return m;
  },
  hasKey: (d, key) => str(key) in dict(d),
  keys: (...dicts) => dicts.flatMap((d) => sortedKeys(dict(d))),
  values: (d) => {
    const m = dict(d);
    return sortedKeys(m).map((k) => m[k]);
  },
  pluck: (key, ...dicts) => {
    const k = str(key);
    return dicts.map(dict).filter((m) => k in m).map((m) => m[k]);
  },
  pick: (d, ...keys) => {
    const m = dict(d);
    const out: GoMap = {};
    for (const k of keys.map(str)) if (k in m) out[k] = m[k];
    return out;
  },
  omit: (d, ...keys) => {
    const m = dict(d);
    const drop = new Set(keys.map(str));
    const out: GoMap = {};
    for (const k of Object.keys(m)) if (!drop.has(k)) out[k] = m[k];
    return out;
  },
  merge: (dst, ...srcs) => {
    const d = dict(dst);
    for (const s of srcs) mergeInto(d, dict(s), false);
    return d;
  },
  mergeOverwrite: (dst, ...srcs) => {
    const d = dict(dst);
    for (const s of srcs) mergeInto(d, dict(s), true);
    return d;
  },
  deepCopy: (v) => deepCopy(v),
  dig: (...args) => dig(args),
};
