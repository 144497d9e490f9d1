/** A container's environment as the kubelet builds it: image defaults, env / envFrom, service links. */
import type { ObjectStore } from '../store/index.js';
import type { StoredObject } from '../types.js';
import type { ContainerSpec, PodStatus } from './types.js';

export interface ResolvedEnv {
  env: { name: string; value: string }[];
  /** CreateContainerConfigError message, e.g. `configmap "app" not found`. */
  error?: string;
}

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
}

function fieldValue(pod: StoredObject, st: PodStatus, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return pod.metadata[m[1] as 'labels' | 'annotations']?.[m[2]!] ?? '';
  const spec = pod.spec as { nodeName?: string; serviceAccountName?: string } | undefined;
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? 'default';
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return spec?.serviceAccountName ?? 'default';
    case 'status.podIP':
      return st.podIP ?? '';
    case 'status.hostIP':
      return st.hostIP ?? '';
    default:
      return '';
  }
}

/** Whether the environment reads ConfigMaps or Secrets, i.e. whether building it can fail. */
export function readsObjects(c: ContainerSpec): boolean {
  if ((c.envFrom ?? []).length > 0) return true;
  for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef) return true;
  return false;
}

/**
 * The variables in order, a later set of a name replacing its value in place (like an insertion-ordered
 * map). Built as the result list itself, with a name index only for long lists: a Map plus the copy out
 * of it was most of what an environment cost.
 */
class EnvList {
  readonly list: { name: string; value: string }[] = [];
  private index: Map<string, { name: string; value: string }> | undefined;

  set(name: string, value: string): void {
    const list = this.list;
    if (this.index === undefined) {
      for (let i = 0; i < list.length; i++) {
        if (list[i]!.name === name) {
          list[i]!.value = value;
          return;
        }
      }
      list.push({ name, value });
      if (list.length > 32) this.index = new Map(list.map((e) => [e.name, e]));
      return;
    }
    const e = this.index.get(name);
    if (e !== undefined) e.value = value;
    else {
      const added = { name, value };
      list.push(added);
      this.index.set(name, added);
    }
  }
}

function source(store: ObjectStore, ns: string, kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined {
  const obj = store.get({ apiVersion: 'v1', kind, namespace: ns, name });
  if (!obj) return undefined;
  const data = (obj.data ?? {}) as Record<string, string>;
  if (kind === 'ConfigMap') return data;
  const decoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) decoded[k] = decode(v);
  return { ...decoded, ...((obj.stringData ?? {}) as Record<string, string>) };
}

export function resolveEnv(store: ObjectStore, pod: StoredObject, st: PodStatus, c: ContainerSpec): ResolvedEnv {
  const ns = pod.metadata.namespace ?? 'default';
  const out = new EnvList();
  out.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  out.set('HOSTNAME', pod.metadata.name);
  let error: string | undefined;
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
    const data = source(store, ns, kind, ref.name);
    if (!data) {
      if (!ref.optional) error ??= `${kind.toLowerCase()} "${ref.name}" not found`;
      continue;
    }
    for (const [k, v] of Object.entries(data)) out.set((from.prefix ?? '') + k, v);
  }
  const env = c.env;
  for (let i = 0; env !== undefined && i < env.length; i++) {
    const e = env[i]!;
    const vf = e.valueFrom;
    if (!vf) {
      out.set(e.name, e.value ?? '');
    } else if (vf.fieldRef) {
      out.set(e.name, fieldValue(pod, st, vf.fieldRef.fieldPath));
    } else {
      const ref = vf.configMapKeyRef ?? vf.secretKeyRef;
      if (!ref) continue;
      const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const data = source(store, ns, kind, ref.name);
      const value = data?.[ref.key];
      if (value === undefined) {
        if (!ref.optional) error ??= data ? `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}` : `${kind.toLowerCase()} "${ref.name}" not found`;
        continue;
      }
      out.set(e.name, value);
    }
  }
  // Service links for the API server, as every pod in the default namespace gets them.
  out.set('KUBERNETES_SERVICE_HOST', '10.96.0.1');
  out.set('KUBERNETES_SERVICE_PORT', '443');
  out.set('KUBERNETES_PORT', 'tcp://10.96.0.1:443');
  out.set('HOME', '/root');
  const res: ResolvedEnv = { env: out.list };
  if (error !== undefined) res.error = error;
  return res;
}
