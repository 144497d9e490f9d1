/**
 * gitops-engine `ThreeWayDiff`: build the patch kubectl apply would send (CreateThreeWayMergePatch of
 * last-applied → target against live), apply it to live to get the predicted live object, and call the
 * resource modified when the prediction differs from live. Fields only the server set (defaults) are in
 * neither the patch's additions nor its deletions, so they never count. Built-in kinds use strategic
 * merge (keyed lists merge item by item); other kinds (CRDs) use JSON merge patch (lists replace).
 */
import { mergeKeyFor as mergeKey, mergePatch, strategicMerge } from '../../cluster/patch.js';
import { isJsonObject } from '../../cluster/types.js';
import type { JsonObject, JsonValue } from '../../cluster/types.js';

/** Groups whose types the Kubernetes scheme knows (strategic merge); anything else gets JSON merge. */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'node.k8s.io', 'certificates.k8s.io',
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
]);

export function usesStrategicMerge(group: string): boolean {
  return BUILTIN_GROUPS.has(group);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function objectPatch(orig: JsonValue | undefined, config: JsonObject, live: JsonObject, strategic: boolean): JsonObject | undefined {
  const patch: JsonObject = {};
  for (const [k, c] of Object.entries(config)) {
    if (c === undefined) continue;
    const l = live[k];
    if (l === undefined) patch[k] = c;
    else {
      const sub = valuePatch(isJsonObject(orig) ? orig[k] : undefined, c, l, k, strategic);
      if (sub !== undefined) patch[k] = sub;
    }
  }
  // Deletions: what the last apply set and the target no longer has.
  if (isJsonObject(orig)) for (const k of Object.keys(orig)) if (config[k] === undefined && live[k] !== undefined) patch[k] = null;
  return Object.keys(patch).length ? patch : undefined;
}

function listPatch(orig: JsonValue | undefined, config: JsonValue[], live: JsonValue[], field: string, strategic: boolean): JsonValue | undefined {
  const key = strategic ? mergeKey(field, config) : undefined;
  if (!key) return deepEqual(config, live) ? undefined : config;
  const find = (list: JsonValue[] | undefined, k: JsonValue | undefined): JsonValue | undefined => list?.find((i) => isJsonObject(i) && deepEqual(i[key], k));
  const origList = Array.isArray(orig) ? orig : undefined;
  const items: JsonValue[] = [];
  for (const c of config) {
    if (!isJsonObject(c)) return deepEqual(config, live) ? undefined : config;
    const l = find(live, c[key]);
    if (!isJsonObject(l)) items.push(c);
    else {
      const sub = objectPatch(find(origList, c[key]), c, l, strategic);
      if (sub) items.push({ ...sub, [key]: c[key] ?? null });
    }
  }
  for (const o of origList ?? []) {
    if (isJsonObject(o) && !find(config, o[key]) && find(live, o[key])) items.push({ [key]: o[key] ?? null, $patch: 'delete' });
  }
  return items.length ? items : undefined;
}

function valuePatch(orig: JsonValue | undefined, config: JsonValue, live: JsonValue, field: string, strategic: boolean): JsonValue | undefined {
  if (isJsonObject(config) && isJsonObject(live)) return objectPatch(orig, config, live, strategic);
  if (Array.isArray(config) && Array.isArray(live)) return listPatch(orig, config, live, field, strategic);
  return deepEqual(config, live) ? undefined : config;
}

/** The patch kubectl apply would send; undefined when there is nothing to change. */
export function threeWayPatch(orig: JsonObject | undefined, config: JsonObject, live: JsonObject, strategic: boolean): JsonObject | undefined {
  return objectPatch(orig, config, live, strategic);
}

/** Live after the apply: patch applied with the same merge the API server would use. */
export function predictLive(orig: JsonObject | undefined, config: JsonObject, live: JsonObject, strategic: boolean): JsonObject {
  const patch = threeWayPatch(orig, config, live, strategic);
  if (!patch) return live;
  const out = strategic ? strategicMerge(live, patch) : mergePatch(live, patch);
  return isJsonObject(out) ? out : live;
}

/** Leaf paths where two objects differ, `spec.template.spec.containers[0].image` style. */
export function diffPaths(a: unknown, b: unknown, prefix = '', out: string[] = []): string[] {
  if (deepEqual(a, b)) return out;
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) diffPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => diffPaths(v, b[i], `${prefix}[${i}]`, out));
  } else out.push(prefix);
  return out;
}
