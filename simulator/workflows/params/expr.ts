/**
 * The bridge to the expr-lang evaluator (simulator/expr) for `{{= … }}` tags, retry `expression`,
 * hook `expression` and output `valueFrom.expression`.
 */
export class ExpressionUnavailable extends Error {}

type Evaluator = (src: string, env: Record<string, unknown>) => unknown;
let evaluator: Evaluator | undefined;
let identifiers: ((src: string) => string[]) | undefined;

/** Wired by the expr module's adapter (see params/index.ts). */
export function setExpressionEvaluator(e: Evaluator, ids?: (src: string) => string[]): void {
  evaluator = e;
  identifiers = ids;
}

export function evaluateExpression(src: string, env: Record<string, unknown>): unknown {
  if (!evaluator) throw new ExpressionUnavailable('expression evaluation is not available');
  return evaluator(src, env);
}

function has(env: Record<string, unknown>, path: string): boolean {
  let cur: unknown = env;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || !Object.prototype.hasOwnProperty.call(cur, p)) return false;
    cur = (cur as Record<string, unknown>)[p];
  }
  return true;
}

/** Identifiers (dotted member paths) an expression reads that the environment lacks. */
export function missingIdentifiers(src: string, env: Record<string, unknown>): string[] {
  if (!identifiers) return [];
  try {
    return identifiers(src).filter((id) => !has(env, id));
  } catch {
    return [];
  }
}
