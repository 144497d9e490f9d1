/** What a container's process does, from the runtime, cached per container spec and start time. */
import { planContainer } from '../../runtime/index.js';
import type { ProcessPlan } from '../../runtime/index.js';
import type { ObjectStore } from '../store/index.js';
import type { StoredObject } from '../types.js';
import { resolveEnv } from './env.js';
import type { ContainerSpec, PodStatus } from './types.js';

/**
 * Plans are pure functions of (container spec, start time): cached per spec object (stored objects
 * are immutable and status writes keep the same spec), never authoritative.
 */
const planCache = new WeakMap<ContainerSpec, Map<number, ProcessPlan>>();

export function planFor(store: ObjectStore, pod: StoredObject, st: PodStatus, spec: ContainerSpec, startedAt: number): ProcessPlan {
  let byStart = planCache.get(spec);
  if (!byStart) planCache.set(spec, (byStart = new Map()));
  let plan = byStart.get(startedAt);
  if (!plan) {
    if (byStart.size > 64) byStart.clear();
    const env = resolveEnv(store, pod, st, spec).env;
    plan = planContainer({ image: spec.image ?? '', command: spec.command, args: spec.args, env, workingDir: spec.workingDir, startTime: startedAt });
    byStart.set(startedAt, plan);
  }
  return plan;
}
