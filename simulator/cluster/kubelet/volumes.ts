/**
 * What a container sees of its pod's volumes, over the per-pod filesystem: PersistentVolumeClaim
 * mounts read and write the claim's own files (shared between pods, outliving them), ConfigMap and
 * Secret volumes show their keys as files (read-only). Everything else (emptyDir, the container's
 * own paths) is the pod's filesystem.
 */
import type { Sandbox } from '../../sandbox.js';
import type { StoredObject } from '../types.js';
import type { ContainerSpec } from './types.js';

export interface Mount {
  mountPath: string;
  claim?: string;
  /** Read-only files of a ConfigMap or Secret volume: relative path → content. */
  files?: Record<string, string>;
  subPath?: string;
}

interface VolumeSpec {
  name: string;
  persistentVolumeClaim?: { claimName?: string };
  configMap?: { name?: string; items?: { key: string; path: string }[] };
  secret?: { secretName?: string; items?: { key: string; path: string }[] };
}

function keyFiles(data: Record<string, string>, items: { key: string; path: string }[] | undefined): Record<string, string> {
  if (!items) return { ...data };
  const out: Record<string, string> = {};
  for (const i of items) if (data[i.key] !== undefined) out[i.path] = data[i.key]!;
  return out;
}

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return b64;
  }
}

export function mountsFor(sandbox: Sandbox, pod: StoredObject, spec: ContainerSpec): readonly Mount[] {
  const ns = pod.metadata.namespace ?? 'default';
  const volumes = ((pod.spec as { volumes?: VolumeSpec[] } | undefined)?.volumes ?? []) as VolumeSpec[];
  const out: Mount[] = [];
  const mounts = (spec as { volumeMounts?: { name: string; mountPath: string; subPath?: string }[] }).volumeMounts;
  for (let i = 0; mounts !== undefined && i < mounts.length; i++) {
    const m = mounts[i]!;
    let v: VolumeSpec | undefined;
    for (let j = 0; j < volumes.length && v === undefined; j++) if (volumes[j]!.name === m.name) v = volumes[j];
    if (!v || !m.mountPath?.startsWith('/')) continue;
    // Other volumes (emptyDir: Argo's own mounts) are the pod's filesystem: skipped before any path is normalised.
    if (!v.persistentVolumeClaim?.claimName && !v.configMap?.name && !v.secret?.secretName) continue;
    const mountPath = m.mountPath.replace(/\/+$/, '') || '/';
    const subPath = m.subPath ? m.subPath.replace(/^\/+|\/+$/g, '') : undefined;
    if (v.persistentVolumeClaim?.claimName) {
      out.push({ mountPath, claim: v.persistentVolumeClaim.claimName, ...(subPath ? { subPath } : {}) });
    } else if (v.configMap?.name) {
      const cm = sandbox.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name: v.configMap.name });
      out.push({ mountPath, files: keyFiles((cm?.data ?? {}) as Record<string, string>, v.configMap.items), ...(subPath ? { subPath } : {}) });
    } else if (v.secret?.secretName) {
      const sec = sandbox.store.get({ apiVersion: 'v1', kind: 'Secret', namespace: ns, name: v.secret.secretName });
      const data = Object.fromEntries(Object.entries((sec?.data ?? {}) as Record<string, string>).map(([k, val]) => [k, decode(val)]));
      out.push({ mountPath, files: keyFiles(data, v.secret.items), ...(subPath ? { subPath } : {}) });
    }
  }
  // Longest mount path first: the most specific mount owns a path.
  return out.length < 2 ? out : out.sort((a, b) => b.mountPath.length - a.mountPath.length);
}

function under(path: string, mount: Mount): string | undefined {
  if (mount.mountPath === '/') return path.slice(1);
  if (path === mount.mountPath) return '';
  return path.startsWith(mount.mountPath + '/') ? path.slice(mount.mountPath.length + 1) : undefined;
}

/** The files a container sees: the pod's, with its volume mounts laid over them. */
export function filesView(sandbox: Sandbox, pod: StoredObject, mounts: readonly Mount[]): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const files = sandbox.podFiles.files(ns, pod.metadata.name);
  if (mounts.length === 0) return files;
  for (const p of Object.keys(files)) if (mounts.some((m) => under(p, m) !== undefined)) delete files[p];
  for (const m of [...mounts].reverse()) {
    const source = m.claim !== undefined ? sandbox.podFiles.volumeFiles(ns, m.claim) : (m.files ?? {});
    const prefix = m.subPath ? m.subPath + '/' : '';
    for (const [rel, content] of Object.entries(source)) {
      if (prefix && !rel.startsWith(prefix)) continue;
      const inner = rel.slice(prefix.length);
      files[m.mountPath === '/' ? `/${inner}` : `${m.mountPath}/${inner}`] = content;
    }
  }
  return files;
}

/** Where a written path lands: a claim's volume (relative path) or the pod's filesystem. ConfigMap/Secret mounts are read-only. */
export function routeWrite(path: string, mounts: readonly Mount[]): { claim: string; rel: string } | { readOnly: true } | undefined {
  for (const m of mounts) {
    const rel = under(path, m);
    if (rel === undefined) continue;
    if (m.claim === undefined) return { readOnly: true };
    return { claim: m.claim, rel: m.subPath ? `${m.subPath}/${rel}` : rel };
  }
  return undefined;
}
