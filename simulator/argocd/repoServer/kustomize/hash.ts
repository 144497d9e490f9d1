/**
 * kustomize's generated-name hash (api/hasher): SHA-256 of Go's `json.Marshal` of
 * `{data, kind, name}` (ConfigMap, plus `binaryData` when set) or `{data, kind, name, type}` (Secret),
 * keys sorted, then the first 10 hex digits with 0→g, 1→h, 3→k, a→m, e→t (no vowels, no look-alikes).
 */
import { sha256Hex } from '../sha256.js';
import type { KubeObject } from '../../../cluster/types.js';

/** Go's encoding/json string escaping (HTML-safe: <, >, & and U+2028/9 become \u escapes). */
function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** Go `json.Marshal` of a map[string]interface{} holding strings and string maps: sorted keys, no spaces. */
export function goJson(v: unknown): string {
  if (typeof v === 'string') return goString(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${goString(k)}:${goJson(x)}`).join(',')}}`;
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
