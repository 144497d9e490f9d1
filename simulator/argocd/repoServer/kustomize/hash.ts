/**
 * kustomize's generated-name hash (api/hasher): SHA-256 of Go's `json.Marshal` of
 * `{data, kind, name}` (ConfigMap, plus `binaryData` when set) or `{data, kind, name, type}` (Secret),
 * keys sorted, then the first 10 hex digits with 0→g, 1→h, 3→k, a→m, e→t (no vowels, no look-alikes).
 */
import { sha256Hex } from '../sha256.js';
import type { KubeObject } from '../../../cluster/types.js';
import { jsonString } from '../../../sprig/json.js';

/** Go `json.Marshal` of a map[string]interface{} holding strings and string maps: sorted keys, no spaces. */
export function goJson(v: unknown): string {
  if (typeof v === 'string') return jsonString(v, true);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${jsonString(k, true)}:${goJson(x)}`).join(',')}}`;
}

export function encodeHash(hex: string): string {
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

/** A map field as kustomize's getNodeValues sees it: the map, or "" when absent. */
const field = (obj: KubeObject, key: string): unknown => {
  const v = obj[key];
  return typeof v === 'object' && v !== null ? v : v === undefined ? '' : String(v);
};

export function hashOf(obj: KubeObject): string {
  const name = obj.metadata.name ?? '';
  let m: Record<string, unknown>;
  if (obj.kind === 'Secret') {
    m = { kind: 'Secret', type: obj.type === undefined ? '' : String(obj.type), name, data: field(obj, 'data') };
    if (typeof obj.stringData === 'object' && obj.stringData !== null) m.stringData = obj.stringData;
  } else {
    m = { kind: 'ConfigMap', name, data: field(obj, 'data') };
    if (typeof obj.binaryData === 'object' && obj.binaryData !== null) m.binaryData = obj.binaryData;
  }
  return encodeHash(sha256Hex(goJson(m)));
}
