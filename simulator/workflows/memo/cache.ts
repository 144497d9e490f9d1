/**
 * The memoization cache (workflow/controller/cache/configmap_cache.go): one ConfigMap per cache name in
 * the workflow's namespace, labelled `workflows.argoproj.io/configmap-type: Cache`, one data key per
 * memoize key holding JSON `{nodeID, outputs, creationTimestamp, lastHitTimestamp}`. A load that hits
 * refreshes `lastHitTimestamp`; `maxAge` makes older entries misses.
 */
import { parseDuration } from '../../core/clock.js';
import { ApiError } from '../../core/errors.js';
import type { ObjectStore } from '../../cluster/store/index.js';
import type { Outputs } from '../nodes/types.js';

export const LABEL_CONFIGMAP_TYPE = 'workflows.argoproj.io/configmap-type';
export const CONFIGMAP_TYPE_CACHE = 'Cache';
const CACHE_KEY = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;

export interface Memoize {
  key?: string;
  maxAge?: string;
  cache?: { configMap?: { name?: string; key?: string } };
}

export interface CacheEntry {
  nodeID: string;
  outputs?: Outputs;
  creationTimestamp: string;
  lastHitTimestamp: string;
}

export interface MemoizationStatus {
  hit: boolean;
  key: string;
  cacheName: string;
}

export interface CacheContext {
  store: ObjectStore;
  namespace: string;
  /** Virtual now (ms) and its RFC 3339 form. */
  now: number;
  iso: (ms?: number) => string;
}

function configMap(c: CacheContext, name: string) {
  return c.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: c.namespace, name });
}

function validate(labels: Record<string, string> | undefined): void {
  const v = labels?.[LABEL_CONFIGMAP_TYPE];
  if (v === undefined) throw new Error(`memoization configmap doesn't have ${LABEL_CONFIGMAP_TYPE} label, refusing to use it`);
  if (v !== CONFIGMAP_TYPE_CACHE) throw new Error(`memoization configmap doesn't have label ${LABEL_CONFIGMAP_TYPE} = ${CONFIGMAP_TYPE_CACHE}, refusing to use it`);
}

/** Load: the entry (lastHitTimestamp refreshed) or undefined on a miss. */
export function loadEntry(c: CacheContext, cacheName: string, key: string): CacheEntry | undefined {
  if (!CACHE_KEY.test(key)) throw new Error(`invalid cache key: ${key}`);
  const cm = configMap(c, cacheName);
  if (!cm) return undefined;
  validate(cm.metadata.labels);
  const raw = (cm.data as Record<string, string> | undefined)?.[key];
  if (!raw) return undefined;
  let entry: CacheEntry;
  try {
    entry = JSON.parse(raw) as CacheEntry;
  } catch (e) {
    throw new Error(`malformed cache entry: could not unmarshal JSON; unable to parse: ${e instanceof Error ? e.message : String(e)}`);
  }
  entry.lastHitTimestamp = c.iso(c.now);
  c.store.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: c.namespace, name: cacheName }, 'merge', { data: { [key]: JSON.stringify(entry) } }, { fieldManager: 'workflow-controller' });
  return entry;
}

/** Whether an entry is still fresh under `maxAge` (creationTimestamp + maxAge after now). */
export function fresh(entry: CacheEntry, maxAge: string | undefined, now: number): boolean {
  if (!maxAge) return true;
  return Date.parse(entry.creationTimestamp) + parseDuration(maxAge) > now;
}

/** Save: creates the ConfigMap if needed, labels it, writes the entry. */
export function saveEntry(c: CacheContext, cacheName: string, key: string, nodeID: string, outputs: Outputs | undefined): void {
  if (!CACHE_KEY.test(key)) throw new Error(`invalid cache key: ${key}`);
  const ts = c.iso(c.now);
  const entry: CacheEntry = { nodeID, ...(outputs ? { outputs } : {}), creationTimestamp: ts, lastHitTimestamp: ts };
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: c.namespace, name: cacheName };
  const fm = { fieldManager: 'workflow-controller' };
  const cm = configMap(c, cacheName);
  if (!cm) {
    c.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cacheName, namespace: c.namespace, labels: { [LABEL_CONFIGMAP_TYPE]: CONFIGMAP_TYPE_CACHE } }, data: { [key]: JSON.stringify(entry) } }, fm);
    return;
  }
  validate(cm.metadata.labels);
  try {
    c.store.patch(ref, 'merge', { metadata: { labels: { [LABEL_CONFIGMAP_TYPE]: CONFIGMAP_TYPE_CACHE } }, data: { [key]: JSON.stringify(entry) } }, fm);
  } catch (e) {
    const msg = e instanceof ApiError || e instanceof Error ? e.message : String(e);
    throw new Error(`error creating cache entry: ${msg}. Please check out this page for help: https://argo-workflows.readthedocs.io/en/latest/memoization/#faqs`);
  }
}
