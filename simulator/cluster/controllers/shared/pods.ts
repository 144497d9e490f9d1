/** Pod helpers shared by the workload controllers (podutil / controller_utils in upstream). */
import { clone } from '../../types.js';
import type { KubeObject, ObjectMeta, OwnerReference, StoredObject } from '../../types.js';
import { getCondition } from './conditions.js';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export function podPhase(pod: KubeObject): PodPhase {
  const p = (pod.status as { phase?: PodPhase } | undefined)?.phase;
  return p ?? 'Pending';
}

export function podConditions(pod: KubeObject): unknown {
  return (pod.status as { conditions?: unknown } | undefined)?.conditions;
}

/** Readiness facts derived once per (immutable) pod object: big ReplicaSets re-read the same pods often. */
interface ReadyFacts {
  ready: boolean;
  readySince: number;
}

const FACTS = new WeakMap<object, ReadyFacts>();

function readyFacts(pod: KubeObject): ReadyFacts {
  let f = FACTS.get(pod);
  if (!f) {
    const c = getCondition(podConditions(pod), 'Ready');
    const t = c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
    f = { ready: c?.status === 'True', readySince: t };
    if (Object.isFrozen(pod)) FACTS.set(pod, f);
  }
  return f;
}

export function isPodReady(pod: KubeObject): boolean {
  return readyFacts(pod).ready;
}

/** When the Ready condition last turned (ms), from the facts cached per pod object; undefined when unknown. */
export function readySince(pod: KubeObject): number | undefined {
  const t = readyFacts(pod).readySince;
  return Number.isFinite(t) ? t : undefined;
}

/** Time (ms) from which a ready pod counts as available, given minReadySeconds; undefined when not ready. */
export function availableSince(pod: KubeObject, minReadySeconds: number): number | undefined {
  const f = readyFacts(pod);
  if (!f.ready) return undefined;
  if (minReadySeconds <= 0) return 0;
  return Number.isFinite(f.readySince) ? f.readySince + minReadySeconds * 1000 : undefined;
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds (strictly before now, like upstream). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  const since = availableSince(pod, minReadySeconds);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since < now;
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function nodeNameOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName;
}

/** The owner reference a controller sets on what it creates. */
export function controllerRef(owner: StoredObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

/** The controller owner reference of `kind` (metav1.GetControllerOf plus a kind check); a loop: pod watch mappers call it per pod write. */
export function controllerOf(obj: KubeObject | undefined, kind: string): OwnerReference | undefined {
  const refs = obj?.metadata.ownerReferences;
  if (!refs) return undefined;
  // (Indexed: every workload mapper asks this of every pod write.)
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    if (r.controller && r.kind === kind) return r;
  }
  return undefined;
}

export interface PodTemplate {
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
}

/** controller.GetPodFromTemplate: labels, annotations and finalizers from the template, owned by `owner`. */
export function podFromTemplate(
  template: PodTemplate | undefined,
  owner: StoredObject,
  opts: { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] },
): KubeObject {
  const tm = template?.metadata ?? {};
  const metadata: ObjectMeta = { namespace: owner.metadata.namespace, ownerReferences: [controllerRef(owner)] };
  if (opts.name) metadata.name = opts.name;
  else metadata.generateName = opts.generateName ?? `${owner.metadata.name}-`;
  const labels = { ...(tm.labels ?? {}), ...(opts.labels ?? {}) };
  if (Object.keys(labels).length) metadata.labels = labels;
  const annotations = { ...(tm.annotations ?? {}), ...(opts.annotations ?? {}) };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const finalizers = [...(tm.finalizers ?? []), ...(opts.finalizers ?? [])];
  if (finalizers.length) metadata.finalizers = finalizers;
  const spec = clone(template?.spec ?? {}) as KubeObject['spec'];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}
