/** DAG `depends` / `dependencies` (dag.go resolveDependencies, evaluateDependsLogic). */
import { govaluate } from '../params/govaluate.js';
import type { DagTask, NodeStatus } from '../nodes/types.js';

const PROPS = ['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed'];
const TOKEN = /([A-Za-z0-9_-]+)(\.([A-Za-z]+))?/g;

/** The depends logic of a task: `depends` as written, or `dependencies` as `(a.Succeeded || a.Skipped || a.Daemoned) && …`. */
export function dependsLogic(task: DagTask): string {
  if (task.depends) return task.depends;
  return (task.dependencies ?? []).map((d) => `(${d}.Succeeded || ${d}.Skipped || ${d}.Daemoned)`).join(' && ');
}

const namesCache = new Map<string, string[]>();

/** Task names the logic refers to, in first-seen order (memoised by the depends text: big fan-ins re-read it every reconcile). */
export function dependencyNames(task: DagTask): string[] {
  if (!task.depends) return [...(task.dependencies ?? [])];
  const cached = namesCache.get(task.depends);
  if (cached) return cached;
  const seen = new Set<string>();
  for (const m of task.depends.matchAll(TOKEN)) seen.add(m[1] as string);
  const out = [...seen];
  if (namesCache.size > 10_000) namesCache.clear();
  namesCache.set(task.depends, out);
  return out;
}

export interface DepResult {
  phase: NodeStatus['phase'];
  daemoned: boolean;
  children?: NodeStatus['phase'][];
}

/** One `task.Property` of a finished dependency. */
function property(r: DepResult, p: string): boolean {
  switch (p) {
    case 'Succeeded':
      return r.phase === 'Succeeded';
    case 'Failed':
      return r.phase === 'Failed';
    case 'Errored':
      return r.phase === 'Error';
    case 'Skipped':
      return r.phase === 'Skipped';
    case 'Omitted':
      return r.phase === 'Omitted';
    case 'Daemoned':
      return r.daemoned && r.phase !== 'Pending';
    case 'AnySucceeded':
      return (r.children ?? []).some((c) => c === 'Succeeded');
    case 'AllFailed':
      return (r.children ?? []).length > 0 && (r.children ?? []).every((c) => c === 'Failed');
    default:
      throw new Error(`unknown property ${p}`);
  }
}

/** Evaluate once every dependency is fulfilled: `a.Succeeded` etc. become booleans; bare `a` means Succeeded || Skipped || Daemoned. */
export function evaluateDepends(logic: string, deps: Record<string, DepResult>): boolean {
  const fast = conjunctionValue(logic, deps);
  if (fast !== undefined) return fast;
  const expr = logic.replace(TOKEN, (whole, name: string, _dot: string | undefined, prop: string | undefined) => {
    const r = deps[name];
    if (!r) return whole;
    if (prop === undefined) return String(property(r, 'Succeeded') || property(r, 'Skipped') || property(r, 'Daemoned'));
    if (!PROPS.includes(prop)) throw new Error(`cannot fetch ${prop} from ${name}`);
    return String(property(r, prop));
  });
  // The same substituted logic (`true` for each task after a common parent) is parsed once.
  let result = evaluated.get(expr);
  if (result === undefined) {
    result = govaluateResult(expr);
    if (evaluated.size > 10_000) evaluated.clear();
    evaluated.set(expr, result);
  }
  if (result instanceof Error) throw result;
  if (typeof result !== 'boolean') throw new Error(`expected bool, but got ${typeof result}`);
  return result;
}

type Term = [name: string, prop: string | undefined];
const TERM = /^\s*([A-Za-z0-9_-]+)(?:\.([A-Za-z]+))?\s*$/;
/** Logic text → its terms when it is only terms joined by `&&` (null: anything else). */
const conjunctions = new Map<string, Term[] | null>();

function conjunctionTerms(logic: string): Term[] | null {
  let terms = conjunctions.get(logic);
  if (terms !== undefined) return terms;
  terms = [];
  for (const part of logic.split('&&')) {
    const m = TERM.exec(part);
    if (!m) {
      terms = null;
      break;
    }
    terms.push([m[1] as string, m[2]]);
  }
  if (conjunctions.size > 10_000) conjunctions.clear();
  conjunctions.set(logic, terms);
  return terms;
}

/**
 * `a && b.Succeeded && …` whose every task has a result: each term's value, ANDed — what substituting
 * and evaluating the text gives, without building and parsing it (a 10,000-task fan-in's text). The same
 * error for the first bad property. Undefined: evaluate the text.
 */
function conjunctionValue(logic: string, deps: Record<string, DepResult>): boolean | undefined {
  const terms = conjunctionTerms(logic);
  if (!terms) return undefined;
  for (const [name] of terms) if (!Object.prototype.hasOwnProperty.call(deps, name) || !deps[name]) return undefined;
  let all = true;
  for (const [name, prop] of terms) {
    const r = deps[name] as DepResult;
    let v: boolean;
    if (prop === undefined) v = property(r, 'Succeeded') || property(r, 'Skipped') || property(r, 'Daemoned');
    else {
      if (!PROPS.includes(prop)) throw new Error(`cannot fetch ${prop} from ${name}`);
      v = property(r, prop);
    }
    all = all && v;
  }
  return all;
}

/** Substituted depends logic → its value, or the error evaluating it threw. */
const evaluated = new Map<string, unknown>();

function govaluateResult(expr: string): unknown {
  try {
    return govaluate(expr);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
