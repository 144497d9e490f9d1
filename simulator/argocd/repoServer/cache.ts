/**
 * The repo server's manifest cache: like Argo CD's (keyed by the resolved commit, the source and the render
 * inputs), so a refresh of an unchanged revision does not render again; a hard refresh passes `noCache`.
 * Entries are handed out as copies, so a caller may edit what it gets.
 */
import type { GitHost } from '../../git/index.js';
import type { ManifestResponse } from './generate.js';

const MAX_ENTRIES = 256;
const caches = new WeakMap<GitHost, Map<string, ManifestResponse>>();

export function cacheGet(host: GitHost, key: string): ManifestResponse | undefined {
  const map = caches.get(host);
  const hit = map?.get(key);
  if (!map || !hit) return undefined;
  // Most recently used last.
  map.delete(key);
  map.set(key, hit);
  return structuredClone(hit);
}

export function cachePut(host: GitHost, key: string, value: ManifestResponse): void {
  let map = caches.get(host);
  if (!map) caches.set(host, (map = new Map()));
  map.set(key, structuredClone(value));
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
}
