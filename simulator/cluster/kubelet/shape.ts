/**
 * What the kubelet derives from a pod's spec alone, once per spec: its containers in start order with
 * their roles and the facts each reconcile asks about. A stored spec is frozen and replaced (never
 * changed) on update, so the cache is keyed by the spec object and needs no invalidation; a restored
 * snapshot brings new spec objects, rebuilt on first use.
 */
import { dependenciesOf } from './gate.js';
import { readsObjects } from './env.js';
import type { ContainerSpec, PodSpec } from './types.js';

export interface ContainerShape {
  spec: ContainerSpec;
  init: boolean;
  /** Position in the start order: init containers, then containers. */
  order: number;
  /** An init container with restartPolicy Always. */
  sidecar: boolean;
  /** The containers its process waits for (gate.ts). */
  deps: readonly string[];
  /** Its environment reads ConfigMaps or Secrets (building it can fail). */
  reads: boolean;
}

const shapes = new WeakMap<PodSpec, readonly ContainerShape[]>();

function build(spec: PodSpec): ContainerShape[] {
  const out: ContainerShape[] = [];
  const add = (list: ContainerSpec[] | undefined, init: boolean): void => {
    for (const c of list ?? []) out.push({ spec: c, init, order: out.length, sidecar: init && c.restartPolicy === 'Always', deps: dependenciesOf(c), reads: readsObjects(c) });
  };
  add(spec.initContainers, true);
  add(spec.containers, false);
  return out;
}

/** The pod's containers in start order (cached for frozen, i.e. stored, specs). */
export function podShape(spec: PodSpec): readonly ContainerShape[] {
  let s = shapes.get(spec);
  if (s === undefined) {
    s = build(spec);
    if (Object.isFrozen(spec)) shapes.set(spec, s);
  }
  return s;
}
