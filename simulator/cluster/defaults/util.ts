/** Small helpers: set a field only when it is absent. */
import { isObj } from '../types.js';

export type Obj = Record<string, unknown>;

export function setDefault(o: Obj, k: string, v: unknown): void {
  if (o[k] === undefined || o[k] === null) o[k] = v;
}

/** The object at `o[k]`, created empty when absent. */
export function ensureObj(o: Obj, k: string): Obj {
  if (!isObj(o[k])) o[k] = {};
  return o[k] as Obj;
}

export function objList(o: Obj | undefined, k: string): Obj[] {
  const l = o?.[k];
  return Array.isArray(l) ? (l.filter(isObj) as Obj[]) : [];
}
