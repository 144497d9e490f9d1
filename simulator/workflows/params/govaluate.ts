/** govaluate as Argo uses it (`when`, and `depends` after rewriting to booleans): the shared evaluator in simulator/expr. */
import { evalGovaluate, GovaluateError, shouldExecute as exprShouldExecute } from '../../expr/index.js';

export { GovaluateError };

export function govaluate(src: string): unknown {
  return evalGovaluate(src);
}

/** steps.go shouldExecute: an empty `when` runs; anything else must evaluate to a bool. */
export function shouldExecute(when: string | undefined): boolean {
  return exprShouldExecute(when ?? '');
}
