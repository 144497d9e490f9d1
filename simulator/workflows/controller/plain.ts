/** Steps and DAG tasks that need no resolving: they run as written (no scope, no JSON round trip). */
import type { WorkflowStep } from '../nodes/types.js';

/**
 * A step or task resolveRefs would only copy: frozen (a stored spec's), no `{{` outside its hooks, no
 * loop, no artifact taken `from` another node, and — with `readsValueFrom` (steps read a parameter's
 * `valueFrom` at run time) — no parameter `valueFrom`. Callers cache the answer per stored step.
 */
export function runsAsWritten(step: WorkflowStep, readsValueFrom: boolean): boolean {
  const { hooks: _hooks, ...rest } = step;
  return (
    Object.isFrozen(step) &&
    step.withItems === undefined &&
    step.withParam === undefined &&
    step.withSequence === undefined &&
    !(step.arguments?.artifacts ?? []).some((a) => a.from !== undefined || a.fromExpression !== undefined) &&
    !(readsValueFrom && (step.arguments?.parameters ?? []).some((p) => p.valueFrom !== undefined)) &&
    JSON.stringify(rest).indexOf('{{') < 0
  );
}
