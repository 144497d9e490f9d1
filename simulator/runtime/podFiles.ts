/**
 * One virtual filesystem per pod, shared by all its containers: a documented simplification of
 * volumes (Argo's init, main and wait containers share files through emptyDir volumes; here every
 * path of a pod is shared). Text files only, keyed by absolute path. Also keeps the results of a
 * pod's async container runs (real shell, CPython) so a snapshot restores without re-running them.
 */
import type { ProcessPlan } from './plan.js';

/** A pod's files and kept plans, as stored in snapshots. */
interface PodRecordState {
  files: Record<string, string>;
  /** Kept plans by `container@startedAt`. */
  plans: Record<string, ProcessPlan>;
}

interface PodRecord {
  files: Record<string, string>;
  /** A Map, not an object: every pod's keys are new names (`main@1234`), each a new hidden class for an object. */
  plans: Map<string, ProcessPlan>;
}

export interface PodFilesState {
  pods: Record<string, PodRecordState>;
  /** PersistentVolumeClaim contents by `namespace/claim`: they outlive pods and are shared between them. */
  volumes?: Record<string, Record<string, string>>;
}

function podKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function normalizePath(path: string, cwd = '/'): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export class PodFiles {
  private pods = new Map<string, PodRecord>();
  private volumes = new Map<string, Record<string, string>>();

  /** Files of a PersistentVolumeClaim's volume (paths relative to its root, without a leading slash). */
  volumeFiles(namespace: string, claim: string): Record<string, string> {
    return { ...(this.volumes.get(`${namespace}/${claim}`) ?? {}) };
  }

  writeVolume(namespace: string, claim: string, rel: string, content: string): void {
    const key = `${namespace}/${claim}`;
    let v = this.volumes.get(key);
    if (!v) this.volumes.set(key, (v = {}));
    v[rel] = content;
  }

  removeVolume(namespace: string, claim: string, rel: string): void {
    const v = this.volumes.get(`${namespace}/${claim}`);
    if (v) delete v[rel];
  }

  /*
   * The last pod looked up and its record (undefined: none yet): the kubelet plans a pod's containers in a
   * run (kept plan, files, set plan), so its key text is built and looked up once, not per call.
   * `cached` is false after the map changed behind it (drop, setState).
   */
  private cached = false;
  private lastNs = '';
  private lastName = '';
  private lastKey = '';
  private lastRecord: PodRecord | undefined;

  private find(namespace: string, name: string): PodRecord | undefined {
    if (!this.cached || name !== this.lastName || namespace !== this.lastNs) {
      this.cached = true;
      this.lastNs = namespace;
      this.lastName = name;
      this.lastKey = podKey(namespace, name);
      this.lastRecord = this.pods.get(this.lastKey);
    }
    return this.lastRecord;
  }

  private record(namespace: string, name: string): PodRecord {
    let r = this.find(namespace, name);
    if (!r) this.pods.set(this.lastKey, (r = this.lastRecord = { files: {}, plans: new Map() }));
    return r;
  }

  /** The pod's files, path → content, sorted by path (a copy). */
  files(namespace: string, name: string): Record<string, string> {
    const r = this.find(namespace, name);
    if (!r) return {};
    return Object.fromEntries(Object.keys(r.files).sort().map((p) => [p, r.files[p]!]));
  }

  read(namespace: string, name: string, path: string): string | undefined {
    return this.find(namespace, name)?.files[normalizePath(path)];
  }

  write(namespace: string, name: string, path: string, content: string): void {
    this.record(namespace, name).files[normalizePath(path)] = content;
  }

  remove(namespace: string, name: string, path: string): void {
    const r = this.find(namespace, name);
    if (r) delete r.files[normalizePath(path)];
  }

  /** Pods that have files or runtime results. */
  podKeys(): string[] {
    return [...this.pods.keys()].sort();
  }

  plan(namespace: string, name: string, key: string): ProcessPlan | undefined {
    return this.find(namespace, name)?.plans.get(key);
  }

  setPlan(namespace: string, name: string, key: string, plan: ProcessPlan): void {
    this.record(namespace, name).plans.set(key, plan);
  }

  /** The pod is gone: its filesystem goes with it. */
  drop(namespace: string, name: string): void {
    this.pods.delete(podKey(namespace, name));
    this.cached = false;
  }

  getState(): PodFilesState {
    const pods: Record<string, PodRecordState> = {};
    for (const [key, r] of this.pods) pods[key] = { files: r.files, plans: Object.fromEntries(r.plans) };
    return { pods, volumes: Object.fromEntries(this.volumes) };
  }

  setState(state: unknown): void {
    const s = state as PodFilesState | undefined;
    this.pods = new Map(Object.entries(s?.pods ?? {}).map(([key, r]) => [key, { files: r.files, plans: new Map(Object.entries(r.plans ?? {})) }]));
    this.volumes = new Map(Object.entries(s?.volumes ?? {}));
    this.cached = false;
  }
}
