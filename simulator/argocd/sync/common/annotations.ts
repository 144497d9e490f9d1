/** gitops-engine pkg/sync/resource/annotations.go: comma-separated annotation values. */
import type { KubeObject } from '../../../cluster/types.js';

/**
 * Trimmed, non-empty, de-duplicated values. Go collects them through a map (random order); we keep first
 * occurrence so the simulation stays deterministic.
 */
export function getAnnotationCSVs(obj: KubeObject, key: string): string[] {
  const raw = obj.metadata.annotations?.[key] ?? '';
  // Most objects carry none of these annotations; the sync engine asks for every task on every step.
  if (raw === '') return [];
  const out: string[] = [];
  for (const item of raw.split(',')) {
    const v = item.trim();
    if (v !== '' && !out.includes(v)) out.push(v);
  }
  return out;
}

export function hasAnnotationOption(obj: KubeObject | undefined, key: string, value: string): boolean {
  return obj !== undefined && getAnnotationCSVs(obj, key).includes(value);
}

/** Go strconv.Atoi: optional sign and decimal digits only, within int64 (we stay within safe integers). */
export function atoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
