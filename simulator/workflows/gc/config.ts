/**
 * The bits of `workflow-controller-configmap` the GC reads: `podGCDeleteDelayDuration` (default 5s) and
 * `workflowDefaults.spec.{podGC, ttlStrategy}`. Looked up in the controller's namespace `argo`, like a
 * default install.
 */
import { load } from 'js-yaml';
import { parseDuration } from '../../core/clock.js';
import type { ObjectStore } from '../../cluster/store/index.js';
import { isObj } from '../../cluster/types.js';

export const CONTROLLER_NAMESPACE = 'argo';
export const CONFIGMAP_NAME = 'workflow-controller-configmap';
export const DEFAULT_POD_GC_DELAY_MS = 5_000;

export interface GcConfig {
  podGCDeleteDelayMs: number;
  defaultPodGC?: Record<string, unknown>;
  defaultTTLStrategy?: Record<string, unknown>;
}

const CACHE = new WeakMap<object, GcConfig>();

export function gcConfig(store: ObjectStore): GcConfig {
  const cm = store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: CONTROLLER_NAMESPACE, name: CONFIGMAP_NAME });
  if (!cm) return { podGCDeleteDelayMs: DEFAULT_POD_GC_DELAY_MS };
  const hit = CACHE.get(cm);
  if (hit) return hit;
  const data = isObj(cm.data) ? (cm.data as Record<string, unknown>) : {};
  const cfg: GcConfig = { podGCDeleteDelayMs: DEFAULT_POD_GC_DELAY_MS };
  try {
    if (typeof data.podGCDeleteDelayDuration === 'string') cfg.podGCDeleteDelayMs = parseDuration(data.podGCDeleteDelayDuration);
  } catch {
    // An unparsable value keeps the default, as the controller logs and carries on.
  }
  try {
    const defaults = typeof data.workflowDefaults === 'string' ? load(data.workflowDefaults) : undefined;
    const spec = isObj(defaults) && isObj(defaults.spec) ? defaults.spec : undefined;
    if (spec && isObj(spec.podGC)) cfg.defaultPodGC = spec.podGC;
    if (spec && isObj(spec.ttlStrategy)) cfg.defaultTTLStrategy = spec.ttlStrategy;
  } catch {
    // Invalid YAML: no defaults.
  }
  CACHE.set(cm, cfg);
  return cfg;
}
