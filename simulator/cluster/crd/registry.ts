/**
 * CustomResourceDefinitions as served kinds: each served version becomes a KindInfo in the store's
 * KindRegistry, with its schema kept beside it for validation. Reusable by every engine (Argo CD and
 * Argo Workflows register their CRDs through `registerCrd`).
 */
import { ApiError } from '../../core/errors.js';
import type { KindInfo } from '../kinds.js';
import type { ObjectStore } from '../store/index.js';
import type { KubeObject } from '../types.js';
import type { JSONSchemaProps } from './structural.js';

export interface CrdNames {
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: { status?: object; scale?: object };
}

export interface CrdSpec {
  group: string;
  names: CrdNames;
  scope: 'Namespaced' | 'Cluster';
  versions: CrdVersion[];
}

interface Served {
  info: KindInfo;
  schema?: JSONSchemaProps;
  crd: string;
}

export const CRD_GROUP = 'apiextensions.k8s.io';
export const CRD_KIND = 'CustomResourceDefinition';

const REGISTRIES = new WeakMap<ObjectStore, Map<string, Served>>();

function registry(store: ObjectStore): Map<string, Served> {
  let r = REGISTRIES.get(store);
  if (!r) REGISTRIES.set(store, (r = new Map()));
  return r;
}

const gvk = (group: string, version: string, kind: string): string => `${group}/${version}/${kind}`;

/** Read a CRD object's spec, with the API server's defaults for the optional names. */
export function crdSpecOf(crd: KubeObject): CrdSpec {
  const spec = (crd.spec ?? {}) as Partial<CrdSpec>;
  const names = (spec.names ?? {}) as Partial<CrdNames>;
  const kind = names.kind ?? '';
  return {
    group: spec.group ?? '',
    scope: spec.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    versions: Array.isArray(spec.versions) ? spec.versions : [],
    names: {
      plural: names.plural ?? '',
      singular: names.singular || kind.toLowerCase(),
      kind,
      listKind: names.listKind || `${kind}List`,
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      ...(names.categories ? { categories: names.categories } : {}),
    },
  };
}

/**
 * Serve the kinds a CRD defines (idempotent: re-registering replaces versions and schemas, and
 * versions no longer served are removed). Returns the served kinds.
 */
export function registerCrd(store: ObjectStore, crd: KubeObject): KindInfo[] {
  const spec = crdSpecOf(crd);
  const name = crd.metadata?.name || `${spec.names.plural}.${spec.group}`;
  if (!spec.group || !spec.names.kind || !spec.names.plural) {
    throw new ApiError('BadRequest', `CustomResourceDefinition "${name}" needs spec.group, spec.names.kind and spec.names.plural`);
  }
  const reg = registry(store);
  const served: KindInfo[] = [];
  const keep = new Set<string>();
  for (const v of spec.versions) {
    if (!v.served) continue;
    const info: KindInfo = {
      group: spec.group,
      version: v.name,
      kind: spec.names.kind,
      plural: spec.names.plural,
      singular: spec.names.singular,
      namespaced: spec.scope === 'Namespaced',
      shortNames: spec.names.shortNames ?? [],
      categories: spec.names.categories ?? [],
      generation: true,
      statusSubresource: v.subresources?.status !== undefined,
      nameRule: 'subdomain',
      fromCrd: true,
    };
    const id = gvk(info.group, info.version, info.kind);
    keep.add(id);
    reg.set(id, { info, schema: v.schema?.openAPIV3Schema, crd: name });
    store.kinds.register(info);
    served.push(info);
  }
  for (const [id, s] of [...reg]) {
    if (s.crd === name && !keep.has(id)) {
      reg.delete(id);
      store.kinds.unregister(s.info);
    }
  }
  return served;
}

/** Stop serving a CRD's kinds (its objects should be gone first: see the CRD controller). */
export function unregisterCrd(store: ObjectStore, crdName: string): void {
  const reg = registry(store);
  for (const [id, s] of [...reg]) {
    if (s.crd !== crdName) continue;
    reg.delete(id);
    store.kinds.unregister(s.info);
  }
}

/** The served kind and schema for a custom object's apiVersion/kind. */
export function servedCustomKind(store: ObjectStore, group: string, version: string, kind: string): { info: KindInfo; schema?: JSONSchemaProps; crd: string } | undefined {
  return registry(store).get(gvk(group, version, kind));
}

/** Kinds served from one CRD. */
export function crdKinds(store: ObjectStore, crdName: string): KindInfo[] {
  return [...registry(store).values()].filter((s) => s.crd === crdName).map((s) => s.info);
}

/** Before loading stored objects (snapshot restore): serve the kinds of the CRDs among them, so their objects load too. */
export function registerCrdsFrom(store: ObjectStore, objects: readonly KubeObject[]): void {
  for (const o of objects) {
    if (o.kind !== CRD_KIND || !o.apiVersion.startsWith(`${CRD_GROUP}/`)) continue;
    try {
      registerCrd(store, o);
    } catch {
      // A CRD the API server would not serve: its objects stay out, as before.
    }
  }
}
