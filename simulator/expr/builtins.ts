/**
 * expr-lang's builtin functions (expr-lang/expr builtin/builtin.go), with its argument checks and wording.
 * Closure builtins (`filter(xs, # > 1)`) receive a `Closure`.
 */
import { fault } from './errors.js';
import { Closure } from './interpreter.js';
import type { Builtin, BuiltinContext } from './interpreter.js';
import { ExprDuration, ExprTime, equal, goJSON, goString, isInt, isMap, parseGoDuration, parseJSON, typeName } from './values.js';
import type { ExprMap } from './values.js';
import { compare } from './ops.js';

function arity(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min) fault(`not enough arguments to call ${name}`);
  if (args.length > max) fault(`too many arguments to call ${name}`);
}

function arrayArg(name: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) return fault(`invalid argument for ${name} (type ${typeName(v)})`);
  return v;
}

function stringArg(name: string, v: unknown): string {
  if (typeof v !== 'string') return fault(`invalid argument for ${name} (type ${typeName(v)})`);
  return v;
}

function closureArg(name: string, v: unknown): Closure {
  if (!(v instanceof Closure)) return fault(`invalid argument for ${name}: expected a predicate`);
  return v;
}

function truth(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') return fault(`predicate should return boolean (got ${typeName(v)}) in ${name}`);
  return v;
}

/** One builtin taking (array, predicate) and iterating. */
function iterate(name: string, args: unknown[], ctx: BuiltinContext): { arr: unknown[]; fn: Closure } {
  arity(name, args, 2);
  const arr = args[0] === null ? [] : arrayArg(name, args[0]);
  ctx.charge(arr.length);
  return { arr, fn: closureArg(name, args[1]) };
}

/** expr `int()`: string via strconv.Atoi, floats truncate. */
export function toInt(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    if (!/^[+-]?\d+$/.test(v)) return fault(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    return parseInt(v, 10);
  }
  if (v instanceof ExprDuration) return Math.trunc(v.ms * 1e6);
  return fault(`invalid operation: int(${typeName(v)})`);
}

/** expr `float()`: string via strconv.ParseFloat. */
export function toFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim() === v ? v : '';
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) && !/^[+-]?(Inf|inf|NaN)$/.test(t)) {
      return fault(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
    }
    return /Inf|inf/.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  }
  return fault(`invalid operation: float(${typeName(v)})`);
}

function numberArg(name: string, v: unknown): number {
  if (typeof v !== 'number') return fault(`invalid argument for ${name} (type ${typeName(v)})`);
  return v;
}

function extreme(name: string, args: unknown[], pick: (a: number, b: number) => boolean): unknown {
  const flat = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (flat.length === 0) return fault(`not enough arguments to call ${name}`);
  let best = numberArg(name, flat[0]);
  for (const v of flat.slice(1)) {
    const n = numberArg(name, v);
    if (pick(n, best)) best = n;
  }
  return best;
}

export const BUILTINS: Record<string, Builtin> = {
  len: (args) => {
    arity('len', args, 1);
    const v = args[0];
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isMap(v)) return Object.keys(v).length;
    return fault(`invalid argument for len (type ${typeName(v)})`);
  },
  type: (args) => {
    arity('type', args, 1);
    const v = args[0];
    if (v === null) return 'nil';
    if (typeof v === 'boolean') return 'bool';
    if (typeof v === 'number') return isInt(v) ? 'int' : 'float';
    if (typeof v === 'string') return 'string';
    if (Array.isArray(v)) return 'array';
    if (isMap(v)) return 'map';
    return typeName(v);
  },
  all: (args, ctx) => {
    const { arr, fn } = iterate('all', args, ctx);
    return arr.every((x, i) => truth('all', fn.call(x, i)));
  },
  any: (args, ctx) => {
    const { arr, fn } = iterate('any', args, ctx);
    return arr.some((x, i) => truth('any', fn.call(x, i)));
  },
  none: (args, ctx) => {
    const { arr, fn } = iterate('none', args, ctx);
    return !arr.some((x, i) => truth('none', fn.call(x, i)));
  },
  one: (args, ctx) => {
    const { arr, fn } = iterate('one', args, ctx);
    return arr.filter((x, i) => truth('one', fn.call(x, i))).length === 1;
  },
  filter: (args, ctx) => {
    const { arr, fn } = iterate('filter', args, ctx);
    return arr.filter((x, i) => truth('filter', fn.call(x, i)));
  },
  map: (args, ctx) => {
    const { arr, fn } = iterate('map', args, ctx);
    return arr.map((x, i) => fn.call(x, i));
  },
  count: (args, ctx) => {
    if (args.length === 1) return arrayArg('count', args[0]).filter((x) => truth('count', x)).length;
    const { arr, fn } = iterate('count', args, ctx);
    return arr.filter((x, i) => truth('count', fn.call(x, i))).length;
  },
  sum: (args, ctx) => {
    arity('sum', args, 1, 2);
    const arr = arrayArg('sum', args[0]);
    ctx.charge(arr.length);
    const fn = args.length === 2 ? closureArg('sum', args[1]) : undefined;
    return arr.reduce((acc: number, x, i) => acc + numberArg('sum', fn ? fn.call(x, i) : x), 0);
  },
  find: (args, ctx) => {
    const { arr, fn } = iterate('find', args, ctx);
    const v = arr.find((x, i) => truth('find', fn.call(x, i)));
    return v === undefined ? null : v;
  },
  findIndex: (args, ctx) => {
    const { arr, fn } = iterate('findIndex', args, ctx);
    return arr.findIndex((x, i) => truth('findIndex', fn.call(x, i)));
  },
  findLast: (args, ctx) => {
    const { arr, fn } = iterate('findLast', args, ctx);
    for (let i = arr.length - 1; i >= 0; i--) if (truth('findLast', fn.call(arr[i], i))) return arr[i];
    return null;
  },
  findLastIndex: (args, ctx) => {
    const { arr, fn } = iterate('findLastIndex', args, ctx);
    for (let i = arr.length - 1; i >= 0; i--) if (truth('findLastIndex', fn.call(arr[i], i))) return i;
    return -1;
  },
  groupBy: (args, ctx) => {
    const { arr, fn } = iterate('groupBy', args, ctx);
    const out: ExprMap = {};
    arr.forEach((x, i) => {
      const k = goString(fn.call(x, i));
      const list = out[k];
      if (Array.isArray(list)) list.push(x);
      else out[k] = [x];
    });
    return out;
  },
  sortBy: (args, ctx) => {
    arity('sortBy', args, 2, 3);
    const { arr, fn } = iterate('sortBy', args.slice(0, 2), ctx);
    const desc = args[2] === 'desc';
    const keyed = arr.map((x, i) => ({ x, k: fn.call(x, i) }));
    keyed.sort((a, b) => (compare('<', a.k, b.k) ? -1 : compare('>', a.k, b.k) ? 1 : 0) * (desc ? -1 : 1));
    return keyed.map((e) => e.x);
  },
  reduce: (args, ctx) => {
    arity('reduce', args, 2, 3);
    const arr = arrayArg('reduce', args[0]);
    ctx.charge(arr.length);
    const fn = closureArg('reduce', args[1]);
    if (arr.length === 0 && args.length < 3) return null;
    let acc: unknown = args.length === 3 ? args[2] : arr[0];
    for (let i = args.length === 3 ? 0 : 1; i < arr.length; i++) acc = fn.call(arr[i], i, acc);
    return acc;
  },
  first: (args) => {
    arity('first', args, 1);
    const arr = args[0] === null ? [] : arrayArg('first', args[0]);
    return arr.length ? arr[0] : null;
  },
  last: (args) => {
    arity('last', args, 1);
    const arr = args[0] === null ? [] : arrayArg('last', args[0]);
    return arr.length ? arr[arr.length - 1] : null;
  },
  keys: (args) => {
    arity('keys', args, 1);
    const m = args[0];
    if (!isMap(m)) return fault(`cannot get keys from ${typeName(m)}`);
    return Object.keys(m);
  },
  values: (args) => {
    arity('values', args, 1);
    const m = args[0];
    if (!isMap(m)) return fault(`cannot get values from ${typeName(m)}`);
    return Object.values(m);
  },
  string: (args) => (arity('string', args, 1), goString(args[0])),
  int: (args) => (arity('int', args, 1), toInt(args[0])),
  float: (args) => (arity('float', args, 1), toFloat(args[0])),
  abs: (args) => {
    arity('abs', args, 1);
    return Math.abs(numberArg('abs', args[0]));
  },
  ceil: (args) => Math.ceil(numberArg('ceil', args[0])),
  floor: (args) => Math.floor(numberArg('floor', args[0])),
  round: (args) => Math.round(numberArg('round', args[0])),
  max: (args) => extreme('max', args, (a, b) => a > b),
  min: (args) => extreme('min', args, (a, b) => a < b),
  mean: (args) => {
    const arr = arrayArg('mean', args[0]);
    return arr.length ? arr.reduce((s: number, x) => s + numberArg('mean', x), 0) / arr.length : 0;
  },
  trim: (args) => {
    arity('trim', args, 1, 2);
    const s = stringArg('trim', args[0]);
    if (args.length === 1) return s.trim();
    const cut = stringArg('trim', args[1]);
    let a = 0;
    let b = s.length;
    while (a < b && cut.includes(s[a])) a++;
    while (b > a && cut.includes(s[b - 1])) b--;
    return s.slice(a, b);
  },
  trimPrefix: (args) => {
    const s = stringArg('trimPrefix', args[0]);
    const p = args.length > 1 ? stringArg('trimPrefix', args[1]) : ' ';
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimSuffix: (args) => {
    const s = stringArg('trimSuffix', args[0]);
    const p = args.length > 1 ? stringArg('trimSuffix', args[1]) : ' ';
    return p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  upper: (args) => (arity('upper', args, 1), stringArg('upper', args[0]).toUpperCase()),
  lower: (args) => (arity('lower', args, 1), stringArg('lower', args[0]).toLowerCase()),
  split: (args) => {
    arity('split', args, 2, 3);
    const s = stringArg('split', args[0]);
    const sep = stringArg('split', args[1]);
    const parts = sep === '' ? [...s] : s.split(sep);
    if (args.length === 3 && isInt(args[2]) && args[2] > 0 && parts.length > args[2]) {
      const n = args[2];
      return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
    }
    return parts;
  },
  join: (args) => {
    arity('join', args, 1, 2);
    const arr = arrayArg('join', args[0]);
    const sep = args.length > 1 ? stringArg('join', args[1]) : '';
    return arr.map((x) => stringArg('join', x)).join(sep);
  },
  replace: (args) => {
    arity('replace', args, 3);
    return stringArg('replace', args[0]).split(stringArg('replace', args[1])).join(stringArg('replace', args[2]));
  },
  repeat: (args) => {
    const s = stringArg('repeat', args[0]);
    const n = args[1];
    if (!isInt(n) || n < 0) return fault('invalid argument for repeat');
    if (s.length * n > 1_000_000) return fault('memory budget exceeded');
    return s.repeat(n);
  },
  indexOf: (args) => stringArg('indexOf', args[0]).indexOf(stringArg('indexOf', args[1])),
  lastIndexOf: (args) => stringArg('lastIndexOf', args[0]).lastIndexOf(stringArg('lastIndexOf', args[1])),
  hasPrefix: (args) => stringArg('hasPrefix', args[0]).startsWith(stringArg('hasPrefix', args[1])),
  hasSuffix: (args) => stringArg('hasSuffix', args[0]).endsWith(stringArg('hasSuffix', args[1])),
  // expr's toJSON is json.MarshalIndent(v, "", "  ").
  toJSON: (args) => (arity('toJSON', args, 1), goJSON(args[0], '  ')),
  fromJSON: (args) => (arity('fromJSON', args, 1), parseJSON(stringArg('fromJSON', args[0]))),
  toBase64: (args) => {
    let bin = '';
    for (const b of new TextEncoder().encode(stringArg('toBase64', args[0]))) bin += String.fromCharCode(b);
    return btoa(bin);
  },
  fromBase64: (args) => {
    const s = stringArg('fromBase64', args[0]);
    let bin: string;
    try {
      bin = atob(s);
    } catch {
      return fault('illegal base64 data at input byte 0');
    }
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  },
  now: (args, ctx) => {
    arity('now', args, 0);
    if (ctx.now === undefined) return fault('now() needs the virtual clock (pass `now` to run)');
    return new ExprTime(ctx.now);
  },
  duration: (args) => (arity('duration', args, 1), parseGoDuration(stringArg('duration', args[0]))),
  date: (args) => {
    arity('date', args, 1, 3);
    const s = stringArg('date', args[0]);
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) return fault(`parsing time ${JSON.stringify(s)}: cannot parse`);
    return new ExprTime(ms);
  },
  get: (args) => {
    arity('get', args, 2);
    const [obj, key] = args;
    if (Array.isArray(obj) && isInt(key)) {
      const i = key < 0 ? key + obj.length : key;
      return i >= 0 && i < obj.length ? obj[i] : null;
    }
    if (isMap(obj) && typeof key === 'string') return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : null;
    return null;
  },
  reverse: (args) => [...arrayArg('reverse', args[0])].reverse(),
  uniq: (args) => {
    const out: unknown[] = [];
    for (const x of arrayArg('uniq', args[0])) if (!out.some((y) => equal(x, y))) out.push(x);
    return out;
  },
  concat: (args) => args.flatMap((a) => arrayArg('concat', a)),
  flatten: (args) => {
    const flat = (xs: unknown[]): unknown[] => xs.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
    return flat(arrayArg('flatten', args[0]));
  },
  sort: (args) => {
    const arr = [...arrayArg('sort', args[0])];
    const desc = args[1] === 'desc';
    arr.sort((a, b) => (compare('<', a, b) ? -1 : compare('>', a, b) ? 1 : 0) * (desc ? -1 : 1));
    return arr;
  },
  toPairs: (args) => {
    const m = args[0];
    if (!isMap(m)) return fault(`invalid argument for toPairs (type ${typeName(m)})`);
    return Object.keys(m).map((k) => [k, m[k]]);
  },
  fromPairs: (args) => {
    const out: ExprMap = {};
    for (const p of arrayArg('fromPairs', args[0])) {
      const pair = arrayArg('fromPairs', p);
      out[goString(pair[0])] = pair[1] ?? null;
    }
    return out;
  },
};

export const BUILTIN_NAMES: ReadonlySet<string> = new Set(Object.keys(BUILTINS));
