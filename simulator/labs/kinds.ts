/** Find a kind from what a lab writes (`kind`, maybe `apiVersion`), and the object it names. */
import type { KindInfo } from '../cluster/kinds.js';
import type { StoredObject } from '../cluster/types.js';
import type { Sandbox } from '../sandbox.js';

/** By apiVersion + kind, or by kind alone (the core group first, then any group, like `kubectl get`). */
export function findKind(sandbox: Sandbox, kind: string, apiVersion?: string): KindInfo | undefined {
  if (apiVersion) return sandbox.store.kinds.find(apiVersion, kind);
  const all = sandbox.store.kinds.all().filter((k) => k.kind === kind);
  return all.find((k) => k.group === '') ?? all[0];
}

export function apiVersionOf(info: KindInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

export interface Found {
  info?: KindInfo;
  namespace?: string;
  object?: StoredObject;
  /** `Deployment default/web` for messages. */
  label: string;
}

/** The object a lab names; `namespace` defaults to `default` for namespaced kinds. */
export function findObject(sandbox: Sandbox, ref: { kind: string; apiVersion?: string; namespace?: string; name: string }): Found {
  const info = findKind(sandbox, ref.kind, ref.apiVersion);
  if (!info) return { label: `${ref.kind} ${ref.name}` };
  const namespace = info.namespaced ? (ref.namespace ?? 'default') : undefined;
  const label = `${ref.kind} ${namespace ? `${namespace}/` : ''}${ref.name}`;
  const object = sandbox.store.get({ apiVersion: apiVersionOf(info), kind: info.kind, namespace, name: ref.name });
  return { info, label, ...(namespace ? { namespace } : {}), ...(object ? { object } : {}) };
}

export function noKind(kind: string, apiVersion?: string): string {
  return apiVersion ? `no matches for kind "${kind}" in version "${apiVersion}"` : `no matches for kind "${kind}"`;
}
