/** Reading a dotted field path out of an object and comparing it with what a check expects. */
import { isObj } from '../../cluster/types.js';
import type { JsonValue } from '../../cluster/types.js';
import { parsePath } from '../../manifest/index.js';
import type { FieldExpectation } from '../types.js';

/**
 * The value at `path` (`spec.replicas`, `spec.containers[0].image`, `metadata.labels[app]`). A key with dots
 * may be written unbracketed (`metadata.annotations.argocd.argoproj.io/sync-wave`): segments are joined back.
 */
export function readField(obj: unknown, path: string): unknown {
  const segs = parsePath(path);
  let cur: unknown = obj;
  let i = 0;
  while (i < segs.length) {
    const seg = segs[i]!;
    if (Array.isArray(cur)) {
      cur = typeof seg === 'number' || /^\d+$/.test(seg) ? cur[Number(seg)] : undefined;
      i++;
      continue;
    }
    if (!isObj(cur)) return undefined;
    const rec: Record<string, unknown> = cur;
    if (Object.hasOwn(rec, String(seg))) {
      cur = rec[String(seg)];
      i++;
      continue;
    }
    let found = false;
    for (let j = segs.length; j > i + 1 && !found; j--) {
      const joined = segs.slice(i, j).join('.');
      if (Object.hasOwn(rec, joined)) {
        cur = rec[joined];
        i = j;
        found = true;
      }
    }
    if (!found) return undefined;
  }
  return cur;
}

/** How a value reads in a reason: strings bare, the rest as JSON, absence as `not set`. */
export function show(v: unknown): string {
  if (v === undefined) return 'not set';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Equal as JSON; two scalars also when they print the same (YAML `3` vs a status string `"3"`). */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (isScalar(actual) && isScalar(expected) && actual !== null && expected !== null) return String(actual) === String(expected);
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** `undefined` when `actual` meets the expectation, else why not. */
export function mismatch(path: string, actual: unknown, want: FieldExpectation): string | undefined {
  if (isObj(want) && Object.keys(want).length === 1) {
    const w = want as Record<string, JsonValue>;
    if ('exists' in w) {
      const exists = actual !== undefined && actual !== null;
      return exists === w.exists ? undefined : exists ? `${path} is set (${show(actual)}), expected it not to be` : `${path} is not set`;
    }
    if ('matches' in w) {
      const text = actual === undefined ? undefined : typeof actual === 'string' ? actual : JSON.stringify(actual);
      return text !== undefined && new RegExp(String(w.matches)).test(text) ? undefined : `${path} is ${show(actual)}, expected to match /${String(w.matches)}/`;
    }
    if ('in' in w && Array.isArray(w.in)) {
      return w.in.some((x) => sameValue(actual, x)) ? undefined : `${path} is ${show(actual)}, expected one of ${w.in.map(show).join(', ')}`;
    }
    if ('gte' in w || 'lte' in w) {
      const n = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
      if ('gte' in w) return n >= Number(w.gte) ? undefined : `${path} is ${show(actual)}, expected at least ${String(w.gte)}`;
      return n <= Number(w.lte) ? undefined : `${path} is ${show(actual)}, expected at most ${String(w.lte)}`;
    }
  }
  return sameValue(actual, want) ? undefined : `${path} is ${show(actual)}, expected ${show(want)}`;
}
