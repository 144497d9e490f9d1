/**
 * What a process leaves behind when it exits, applied at that virtual instant: files in the pod's
 * filesystem, artifacts in the repository, objects created through the API (argoexec's
 * WorkflowTaskResult). And the deferred exits: argoexec `wait` finishing after `main`.
 */
import { ApiError } from '../../core/errors.js';
import { completeArgoexecWait } from '../../runtime/index.js';
import type { DeferredExit, DeferredOutcome, ExitEffects, PodInfo, ProcessPlan } from '../../runtime/index.js';
import type { Sandbox } from '../../sandbox.js';
import type { KubeObject, StoredObject } from '../types.js';
import { filesView, routeWrite } from './volumes.js';
import type { Mount } from './volumes.js';

export function applyEffects(sandbox: Sandbox, pod: PodInfo, effects: ExitEffects | undefined, warn: (reason: string, message: string) => void, mounts: readonly Mount[] = []): void {
  if (!effects) return;
  const files = sandbox.podFiles;
  for (const f of effects.files ?? []) {
    const to = routeWrite(f.path, mounts);
    if (to === undefined) files.write(pod.namespace, pod.name, f.path, f.content);
    else if ('claim' in to) files.writeVolume(pod.namespace, to.claim, to.rel, f.content);
  }
  for (const p of effects.removed ?? []) {
    const to = routeWrite(p, mounts);
    if (to === undefined) files.remove(pod.namespace, pod.name, p);
    else if ('claim' in to) files.removeVolume(pod.namespace, to.claim, to.rel);
  }
  for (const a of effects.artifacts ?? []) sandbox.artifacts.put(a);
  for (const o of effects.objects ?? []) {
    const obj = o as unknown as KubeObject;
    try {
      sandbox.store.create(obj, { fieldManager: 'argoexec' });
    } catch (err) {
      if (err instanceof ApiError && err.status.reason === 'AlreadyExists') {
        // Like argoexec's upsert: an existing result (a retried pod of the same node) is patched.
        const m = obj.metadata;
        try {
          sandbox.store.patch({ apiVersion: obj.apiVersion, kind: obj.kind, namespace: m.namespace, name: m.name ?? '' }, 'merge', o as never, { fieldManager: 'argoexec' });
        } catch (e) {
          warn('FailedCreate', `${obj.kind} ${m.name ?? ''}: ${e instanceof Error ? e.message : String(e)}`);
        }
      } else {
        warn('FailedCreate', `${obj.kind} ${obj.metadata.name ?? ''}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

interface Waitable {
  spec: { name: string };
  init: boolean;
  b: { s: string; fin: number };
  cs: { state: { terminated?: unknown } };
}

/** The containers a deferred process waits for: the one named, else (a container set) all its siblings. */
export function awaited<E extends Waitable>(entries: readonly E[], x: E, after: string): E[] {
  const named = entries.filter((y) => y.spec.name === after);
  return named.length > 0 ? named : entries.filter((y) => y !== x && !y.init);
}

function exited(y: Waitable): boolean {
  return y.b.s === 'done' && y.cs.state.terminated !== undefined;
}

/** Whether every container `awaited` lists has exited (loops, not lists: asked at every start and exit). */
export function deferredTriggered<E extends Waitable>(entries: readonly E[], x: E, after: string): boolean {
  let named = false;
  for (let i = 0; i < entries.length; i++) {
    const y = entries[i]!;
    if (y.spec.name !== after) continue;
    if (!exited(y)) return false;
    named = true;
  }
  if (named) return true;
  for (let i = 0; i < entries.length; i++) {
    const y = entries[i]!;
    if (y !== x && !y.init && !exited(y)) return false;
  }
  return true;
}

export function killSidecarsLine(now: number, names: string[]): string {
  return `time="${new Date(now).toISOString()}" level=info msg="Killing sidecars [${names.map((n) => `\\"${n}\\"`).join(' ')}]"`;
}

export interface DeferredInput {
  now: number;
  pod: PodInfo;
  stored: StoredObject;
  /** The mounts of the container waited for (argoexec wait mirrors main's volume mounts). */
  mounts: readonly Mount[];
  /** The plan and exit code of the container the deferred one waited for. */
  afterPlan?: ProcessPlan;
  afterExitCode: number;
}

export function completeDeferred(sandbox: Sandbox, d: DeferredExit, input: DeferredInput): DeferredOutcome {
  const plan = input.afterPlan;
  // Runtimes that separate stdout say so; for the tiny shell every line is stdout except the sandbox's notes.
  const mainStdout = plan ? (plan.stdout ?? plan.lines.filter((l) => !l.text.startsWith('[argo-sandbox]')).map((l) => l.text + '\n').join('')) : '';
  return completeArgoexecWait(d.env, { now: input.now, files: filesView(sandbox, input.stored, input.mounts), mainStdout, mainExitCode: input.afterExitCode, pod: input.pod });
}
