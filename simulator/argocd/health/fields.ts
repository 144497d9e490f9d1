/** Narrow readers over unstructured objects: a missing or mistyped field reads as Go's zero value would. */
import { getPath, isObj } from '../../cluster/types.js';

export type Path = readonly (string | number)[];

export function str(obj: unknown, path: Path): string {
  const v = getPath(obj, path);
  return typeof v === 'string' ? v : '';
}

export function num(obj: unknown, path: Path): number {
  const v = getPath(obj, path);
  return typeof v === 'number' ? v : 0;
}

/** A number that may be absent (Go *int32), e.g. spec.replicas. */
export function optNum(obj: unknown, path: Path): number | undefined {
  const v = getPath(obj, path);
  return typeof v === 'number' ? v : undefined;
}

export function list(obj: unknown, path: Path): Record<string, unknown>[] {
  const v = getPath(obj, path);
  return Array.isArray(v) ? v.filter(isObj) : [];
}

export function rec(obj: unknown, path: Path): Record<string, unknown> | undefined {
  const v = getPath(obj, path);
  return isObj(v) ? v : undefined;
}

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export function conditions(obj: unknown): Condition[] {
  return list(obj, ['status', 'conditions']).map((c) => ({ type: str(c, ['type']), status: str(c, ['status']), reason: str(c, ['reason']), message: str(c, ['message']) }));
}

export function condition(obj: unknown, type: string): Condition | undefined {
  return conditions(obj).find((c) => c.type === type);
}

export function generation(obj: unknown): number {
  return num(obj, ['metadata', 'generation']);
}

export function observedGeneration(obj: unknown): number {
  return num(obj, ['status', 'observedGeneration']);
}

/**
 * "status.health.status" or "status.conditions.0.type" → path segments (numeric parts index arrays);
 * `\.` keeps a dot inside a key, e.g. "metadata.annotations.example\.com/health".
 */
export function parsePath(dotted: string): Path {
  const parts = dotted.split(/(?<!\\)\./).map((p) => p.replace(/\\\./g, '.'));
  return parts.filter((p) => p !== '').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
