/**
 * `{{= … }}` tags, retry `expression`, hook `expression` and output `valueFrom.expression` run on the
 * expr-lang evaluator (simulator/expr) over Argo's environment: the flat variables expanded by their
 * dots, plus asInt/asFloat/jsonpath/toJson/sprig.
 */
import { argoEnv, compile, evaluate } from '../../expr/index.js';

type Flat = Record<string, unknown>;

/** Own and inherited variables (scopes are layered over the globals) as one flat record. */
function flatten(vars: Flat): Flat {
  const out: Flat = {};
  for (const k in vars) out[k] = vars[k];
  return out;
}

export function evaluateExpression(src: string, vars: Flat, now?: number): unknown {
  return evaluate(src, argoEnv(flatten(vars)), now === undefined ? {} : { now });
}

/** Top-level names an expression reads that the variables do not provide (`failed to evaluate expression: x is missing`). */
export function missingIdentifiers(src: string, vars: Flat): string[] {
  let names: readonly { name: string }[];
  try {
    names = compile(src).names;
  } catch {
    return [];
  }
  const env = argoEnv(flatten(vars));
  return names.map((n) => n.name).filter((n) => n !== '$env' && !Object.prototype.hasOwnProperty.call(env, n));
}
