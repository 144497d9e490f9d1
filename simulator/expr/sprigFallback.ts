/**
 * A handful of Sprig functions bound as `sprig.*` until a full Sprig table is passed in
 * (`ArgoEnvOptions.sprig`). Argument order is Sprig's (the subject last, for pipelines).
 */
import { fault } from './errors.js';
import { goString } from './values.js';
import type { HostFunction } from './values.js';

function str(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : goString(v);
}

function empty(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

export const FALLBACK_SPRIG: Record<string, HostFunction> = {
  trim: (s) => str(s).trim(),
  upper: (s) => str(s).toUpperCase(),
  lower: (s) => str(s).toLowerCase(),
  replace: (oldS, newS, s) => str(s).split(str(oldS)).join(str(newS)),
  default: (d, v) => (empty(v) ? d : v),
  empty: (v: unknown) => empty(v),
  toString: (v: unknown) => str(v),
  quote: (...xs) => xs.filter((x) => x !== null && x !== undefined).map((x) => JSON.stringify(str(x))).join(' '),
  contains: (sub, s) => str(s).includes(str(sub)),
  hasPrefix: (p, s) => str(s).startsWith(str(p)),
  hasSuffix: (p, s) => str(s).endsWith(str(p)),
  atoi: (s) => {
    const n = parseInt(str(s), 10);
    return Number.isNaN(n) ? 0 : n;
  },
  int: (v) => {
    const n = typeof v === 'number' ? Math.trunc(v) : parseInt(str(v), 10);
    return Number.isNaN(n) ? 0 : n;
  },
  add: (...xs) => xs.reduce((a: number, x) => a + (typeof x === 'number' ? x : Number(str(x)) || 0), 0),
  split: (sep, s) => {
    const out: Record<string, string> = {};
    str(s).split(str(sep)).forEach((p, i) => (out[`_${i}`] = p));
    return out;
  },
  fail: (msg) => fault(str(msg)),
};
