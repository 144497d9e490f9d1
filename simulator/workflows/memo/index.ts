/** Memoization: the ConfigMap cache and its place in the operator. */
export { loadEntry, saveEntry, fresh, LABEL_CONFIGMAP_TYPE, CONFIGMAP_TYPE_CACHE } from './cache.js';
export type { CacheEntry, MemoizationStatus, Memoize, CacheContext } from './cache.js';
export { withMemoization, memoPhases, saveMemoized } from './memoize.js';
export type { MemoNode } from './memoize.js';
