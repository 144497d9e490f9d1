/** Reading Argo CD's configuration objects from the store without failing when a kind is not installed. */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { ObjectKey, StoredObject } from '../../cluster/types.js';
import { isObj } from '../../cluster/types.js';

/** Argo CD's control-plane namespace in the sandbox. */
export const ARGOCD_NAMESPACE = 'argocd';
export const ARGOCD_CM = 'argocd-cm';
export const ARGOCD_RBAC_CM = 'argocd-rbac-cm';
export const SECRET_TYPE_LABEL = 'argocd.argoproj.io/secret-type';

export function getObject(store: ObjectStore, key: ObjectKey): StoredObject | undefined {
  try {
    return store.get(key);
  } catch {
    return undefined; // kind not served (its CRD is not installed)
  }
}

export function listObjects(store: ObjectStore, kind: { group: string; kind: string }, namespace?: string, labelSelector?: string): StoredObject[] {
  try {
    return store.list(kind, { ...(namespace ? { namespace } : {}), ...(labelSelector ? { labelSelector } : {}) });
  } catch {
    return [];
  }
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** A ConfigMap's `data` (empty when the ConfigMap does not exist). */
export function configMapData(store: ObjectStore, name: string, namespace = ARGOCD_NAMESPACE): Record<string, string> {
  return stringMap(getObject(store, { group: '', kind: 'ConfigMap', namespace, name })?.data);
}

function decodeBase64(text: string): string {
  try {
    const bin = atob(text);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return text;
  }
}

/** A Secret's values as text: `data` decoded from base64, `stringData` over it (as the API server merges them). */
export function secretData(secret: StoredObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(stringMap(secret.data))) out[k] = decodeBase64(v);
  Object.assign(out, stringMap(secret.stringData));
  return out;
}

/** Secrets in the Argo CD namespace labelled `argocd.argoproj.io/secret-type: <type>`, sorted by name. */
export function secretsOfType(store: ObjectStore, type: string, namespace = ARGOCD_NAMESPACE): StoredObject[] {
  return listObjects(store, { group: '', kind: 'Secret' }, namespace, `${SECRET_TYPE_LABEL}=${type}`).sort((a, b) =>
    a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0,
  );
}
