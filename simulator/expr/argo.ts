/**
 * Argo Workflows' expression environment (argo-workflows util/expr/env GetFuncMap): the flat parameter
 * map expanded into nested maps (`inputs.parameters.x` → `inputs: {parameters: {x}}`), plus `asInt` /
 * `asFloat` (aliases of expr's `int` / `float`), `jsonpath(json, path)`, `toJson` (compact json.Marshal)
 * and `sprig` (Sprig's generic function map, minus `env` / `expandenv`).
 */
import { toFloat, toInt } from './builtins.js';
import { fault } from './errors.js';
import { jsonPathQuery } from './jsonpath.js';
import { FALLBACK_SPRIG } from './sprigFallback.js';
import { goJSON, isMap, parseJSON } from './values.js';
import type { ExprMap, HostFunction } from './values.js';

export interface ArgoEnvOptions {
  /** Sprig function table (from `simulator/sprig`); without it a small built-in subset is bound. */
  sprig?: Record<string, HostFunction>;
}

/**
 * bellows.Expand over removeConflicts: a key that is a prefix of a dotted key (`a` beside `a.b`) is
 * dropped, then dotted keys become nested maps.
 */
export function expandEnv(flat: Record<string, unknown>): ExprMap {
  const keys = Object.keys(flat);
  const out: ExprMap = {};
  for (const key of keys.sort()) {
    if (keys.some((k) => k !== key && k.startsWith(key + '.'))) continue;
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
  const sprig: ExprMap = { ...(opts.sprig ?? FALLBACK_SPRIG) };
  delete sprig.env;
  delete sprig.expandenv;
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
