/** Shapes shared by the kustomize subset: a resource in flight and the kustomization file. */
import type { JsonObject, KubeObject } from '../../../cluster/types.js';

/** One object being built, with the name it had when first loaded (references name it that way). */
export interface Resource {
  obj: KubeObject;
  origName: string;
  /** ConfigMap/Secret from a generator that still wants its content-hash suffix. */
  needsHash?: boolean;
}

export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export type Kustomization = JsonObject;

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const objList = (v: unknown): JsonObject[] =>
  Array.isArray(v) ? v.filter((x): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
export const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = String(x);
  }
  return out;
};

export function groupOfObj(obj: KubeObject): string {
  const i = obj.apiVersion.indexOf('/');
  return i < 0 ? '' : obj.apiVersion.slice(0, i);
}

export function versionOfObj(obj: KubeObject): string {
  return obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
}

/** kustomize's resource id, as its errors print it: `Deployment.v1.apps/web.[noNs]`. */
export function resId(kind: string, apiVersion: string, name: string, namespace: string | undefined): string {
  const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `${kind}.${v}${g ? `.${g}` : ''}/${name}.${namespace ? namespace : '[noNs]'}`;
}
