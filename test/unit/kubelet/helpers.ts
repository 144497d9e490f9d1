/** Small helpers for kubelet tests: a world, pods from YAML, and readable views of events and status. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, Sandbox, StoredObject } from '../../../simulator/index.js';
import type { ContainerStatus, PodCondition, PodStatus } from '../../../simulator/cluster/kubelet/index.js';

export function world(seed = 1): Sandbox {
  return createSandbox({ seed });
}

export function fixture(name: string): KubeObject[] {
  const text = readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
  return (loadAll(text) as KubeObject[]).filter(Boolean);
}

export function apply(sb: Sandbox, objects: KubeObject[]): void {
  for (const o of objects) sb.store.create(o);
}

export function pod(name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) }, spec: spec as never };
}

export function getPod(sb: Sandbox, name: string): StoredObject | undefined {
  return sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name });
}

export function status(sb: Sandbox, name: string): PodStatus {
  const p = getPod(sb, name);
  if (!p) throw new Error(`pod ${name} not found`);
  return (p.status ?? {}) as PodStatus;
}

export function container(sb: Sandbox, podName: string, c: string): ContainerStatus {
  const st = status(sb, podName);
  const cs = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])].find((x) => x.name === c);
  if (!cs) throw new Error(`container ${c} not in pod ${podName}`);
  return cs;
}

/** The container's status, or undefined before the kubelet has written one. */
export function maybeContainer(sb: Sandbox, podName: string, c: string): ContainerStatus | undefined {
  const st = (getPod(sb, podName)?.status ?? {}) as PodStatus;
  return [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])].find((x) => x.name === c);
}

export function condition(sb: Sandbox, podName: string, type: string): PodCondition | undefined {
  return status(sb, podName).conditions?.find((c) => c.type === type);
}

/** `Reason: message` lines for one pod, in order. */
export function events(sb: Sandbox, podName: string): string[] {
  return sb.log
    .all()
    .filter((e) => e.involvedObject.kind === 'Pod' && e.involvedObject.name === podName)
    .map((e) => `${e.reason}: ${e.message}`);
}

/** Virtual ms (from `since`) of each event with this reason (and message match) for one pod. */
export function eventTimes(sb: Sandbox, podName: string, reason: string, since: number, message?: RegExp): number[] {
  return sb.log
    .all()
    .filter((e) => e.involvedObject.name === podName && e.reason === reason && (!message || message.test(e.message)))
    .map((e) => e.t - since);
}

/** Advance in small steps until `check` holds (or fail after `maxMs`); returns the virtual ms it took. */
export function until(sb: Sandbox, check: () => boolean, maxMs = 600_000, stepMs = 100): number {
  const start = sb.now();
  while (!check()) {
    if (sb.now() - start > maxMs) throw new Error(`condition not reached within ${maxMs} ms`);
    sb.advance(stepMs);
  }
  return sb.now() - start;
}

/** Annotations that make container starts instant, for timing tests. */
export const INSTANT = { 'sandbox.argoproj.io/start-duration': '0s', 'sandbox.argoproj.io/image-pull-duration': '0s' };
