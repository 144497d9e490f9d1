/**
 * A process held before it runs its command: Argo's emissary in a containerSet member waits until every
 * container in its `dependencies` has exited (it polls their exit-code files), then runs the user's command —
 * or, if one exited non-zero, exits 64 with `dependency "a" exited with non-zero code: 1`. The container is
 * Running meanwhile (the emissary is), so the kubelet starts it and holds the process (`book.g`).
 */
import { emissaryDependencies } from '../../runtime/index.js';
import type { ProcessPlan } from '../../runtime/index.js';
import type { Entry } from './podState.js';
import type { ContainerSpec } from './types.js';

/** What a held process "does" until it is released: nothing, until signalled. */
export const HELD_PLAN: ProcessPlan = { lines: [], forever: true, durationMs: 0, exitCode: 0, handlesSigterm: true, sigtermExitCode: 143, argv: [] };

const depsCache = new WeakMap<ContainerSpec, string[]>();

/** The containers this one's process waits for (empty for every container but a containerSet member with dependencies). */
export function dependenciesOf(spec: ContainerSpec): string[] {
  let deps = depsCache.get(spec);
  if (deps === undefined) {
    const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
    deps = emissaryDependencies(argv, spec.env as { name: string; value?: string }[] | undefined);
    depsCache.set(spec, deps);
  }
  return deps;
}

export type Gate = { open: false } | { open: true; failed?: { name: string; code: number } };

/** Whether every dependency has exited, and the first that failed (in `dependencies` order). */
export function gate(entries: readonly Entry[], deps: readonly string[]): Gate {
  let failed: { name: string; code: number } | undefined;
  for (const name of deps) {
    const dep = entries.find((x) => x.spec.name === name);
    const t = dep?.b.s === 'done' ? dep.cs.state.terminated : undefined;
    // A dependency that is not in the pod never writes its exit code: the emissary waits forever, like upstream.
    if (!t) return { open: false };
    if (t.exitCode !== 0 && !failed) failed = { name, code: t.exitCode };
  }
  return failed ? { open: true, failed } : { open: true };
}

export function dependencyFailedMessage(failed: { name: string; code: number }): string {
  return `dependency "${failed.name}" exited with non-zero code: ${failed.code}`;
}

/** The kernel OOM-kills a process that allocates past its memory limit, ~100 ms after it does. */
export function oomAfter(limit: number | undefined, plan: ProcessPlan): number | undefined {
  if (plan.memoryBytes === undefined || limit === undefined || plan.memoryBytes <= limit) return undefined;
  return (plan.memoryAtMs ?? 0) + 100;
}
