/**
 * Argo Workflows' expression environment (argo-workflows util/expr/env GetFuncMap): the flat parameter
 * map expanded into nested maps (`inputs.parameters.x` → `inputs: {parameters: {x}}`), plus `asInt` /
 * `asFloat` (aliases of expr's `int` / `float`), `jsonpath(json, path)`, `toJson` (compact json.Marshal)
 * and `sprig` (Sprig's generic function map, minus `env` / `expandenv`).
 */
import { GoTime } from '../gotemplate/index.js';
import type { GoFunc, GoValue } from '../gotemplate/index.js';
import { sprigFuncs } from '../sprig/index.js';
import type { SprigEnv } from '../sprig/index.js';
import { toFloat, toInt } from './builtins.js';
import { fault } from './errors.js';
import { jsonPathQuery } from './jsonpath.js';
import { ExprTime, goJSON, isMap, parseJSON } from './values.js';
import type { ExprMap, HostFunction } from './values.js';

export interface ArgoEnvOptions {
  /** A function table to bind as `sprig` instead of simulator/sprig's. */
  sprig?: Record<string, HostFunction>;
  /** Virtual clock and seeded RNG for Sprig's `now`, `uuidv4`, `randAlphaNum`… (default: epoch 0, seed 0). */
  sprigEnv?: SprigEnv;
}

/** expr value → Go value: expr's `int` is a Go integer (bigint in simulator/gotemplate). */
function toGo(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) && Number.isSafeInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof ExprTime) return new GoTime(v.ms);
  if (Array.isArray(v)) return v.map(toGo);
  if (typeof v === 'function') return (...args: GoValue[]) => toGo((v as HostFunction)(...args.map(fromGo)));
  if (isMap(v)) {
    const out: Record<string, GoValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toGo(x);
    return out;
  }
  return null;
}

function fromGo(v: GoValue): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoTime) return new ExprTime(v.ms);
  if (Array.isArray(v)) return v.map(fromGo);
  if (typeof v === 'function') return (...args: unknown[]) => fromGo(v(...args.map(toGo)));
  if (typeof v === 'object') {
    const out: ExprMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromGo(x);
    return out;
  }
  return v;
}

/** Sprig's Go functions callable from expr (`sprig.trim(x)`), values converted both ways. */
export function bindSprig(funcs: Record<string, GoFunc>): Record<string, HostFunction> {
  const out: Record<string, HostFunction> = {};
  for (const [name, fn] of Object.entries(funcs)) {
    if (name === 'env' || name === 'expandenv') continue;
    out[name] = (...args: unknown[]) => fromGo(fn(...args.map(toGo)));
  }
  return out;
}

let defaultSprig: Record<string, HostFunction> | undefined;

/**
 * bellows.Expand over removeConflicts: a key that is a prefix of a dotted key (`a` beside `a.b`) is
 * dropped, then dotted keys become nested maps.
 */
export function expandEnv(flat: Record<string, unknown>): ExprMap {
  const keys = Object.keys(flat).sort();
  // Every proper dotted prefix of some key: such a key is the "less specific" one and is dropped.
  const prefixes = new Set<string>();
  for (const key of keys) {
    for (let i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) prefixes.add(key.slice(0, i));
  }
  const out: ExprMap = {};
  for (const key of keys) {
    if (prefixes.has(key)) continue;
    const parts = key.split('.');
    let cur: ExprMap = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = cur[parts[i]];
      if (isMap(next)) cur = next;
      else {
        const m: ExprMap = {};
        cur[parts[i]] = m;
        cur = m;
      }
    }
    cur[parts[parts.length - 1]] = flat[key];
  }
  return out;
}

export function jsonpath(json: unknown, path: unknown): unknown {
  if (typeof json !== 'string' || typeof path !== 'string') fault('jsonpath(json string, path string)');
  return jsonPathQuery(path, parseJSON(json));
}

export function toJson(v: unknown): string {
  return goJSON(v);
}

/** The functions Argo adds on top of the expanded parameters. */
export function argoFunctions(opts: ArgoEnvOptions = {}): ExprMap {
  let sprig: Record<string, HostFunction>;
  if (opts.sprig) sprig = opts.sprig;
  else if (opts.sprigEnv) sprig = bindSprig(sprigFuncs(opts.sprigEnv));
  else sprig = defaultSprig ??= bindSprig(sprigFuncs({}));
  return {
    asInt: (v: unknown) => toInt(v),
    asFloat: (v: unknown) => toFloat(v),
    jsonpath,
    toJson,
    sprig,
  };
}

/** `GetFuncMap(flat)`: the full environment an Argo `{{= … }}` expression sees. */
export function argoEnv(flat: Record<string, unknown>, opts: ArgoEnvOptions = {}): ExprMap {
  return { ...expandEnv(flat), ...argoFunctions(opts) };
}
