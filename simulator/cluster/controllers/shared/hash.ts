/** Template hashes like the controllers': FNV-32a over the object, encoded with `rand.SafeEncodeString`. */
import type { JsonValue } from '../../types.js';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Stable JSON: object keys sorted, so equal templates hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** FNV-1a, 32 bit, over the UTF-8 bytes of `text` followed by `extra` bytes. */
export function fnv32a(text: string, extra: number[] = []): number {
  let h = 0x811c9dc5;
  const bytes = [...new TextEncoder().encode(text), ...extra];
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** k8s.io/apimachinery/pkg/util/rand.SafeEncodeString: no vowels, no confusable characters. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.charCodeAt(0) % ALPHANUMS.length];
  return out;
}

/**
 * controller.ComputeHash: hash of a pod template plus the collision count (little-endian uint32, as upstream),
 * printed in decimal and safe-encoded, e.g. `6d4cf56db6`.
 */
export function computeHash(template: JsonValue | undefined, collisionCount?: number): string {
  const extra = collisionCount === undefined ? [] : [collisionCount & 0xff, (collisionCount >>> 8) & 0xff, (collisionCount >>> 16) & 0xff, (collisionCount >>> 24) & 0xff];
  return safeEncodeString(String(fnv32a(canonicalJson(template ?? {}), extra)));
}
