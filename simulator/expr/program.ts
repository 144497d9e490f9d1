/** compile → Program (cacheable), run(program, env) → value, evaluate(src, env). */
import type { Node } from './ast.js';
import { BUILTINS, BUILTIN_NAMES } from './builtins.js';
import { ExprError } from './errors.js';
import { checkLiterals } from './check.js';
import { Interpreter } from './interpreter.js';
import { parse } from './parser.js';
import type { ExprMap } from './values.js';

export const DEFAULT_MAX_LENGTH = 10_000;
export const DEFAULT_MAX_STEPS = 100_000;

export interface Program {
  readonly source: string;
  readonly ast: Node;
  /** Free names in source order; each must exist in the environment (expr's checker with `expr.Env`). */
  readonly names: readonly { name: string; pos: number }[];
}

export interface CompileOptions {
  maxLength?: number;
}

export interface ExprRunOptions {
  /** Virtual time in ms for `now()`. */
  now?: number;
  maxSteps?: number;
  /** No unknown-name check: a missing name reads as nil, as when expr compiles without an env (notifications). */
  allowUndefined?: boolean;
}

export function compile(source: string, opts: CompileOptions = {}): Program {
  const { ast, names } = parse(source, { builtins: BUILTIN_NAMES, maxLength: opts.maxLength ?? DEFAULT_MAX_LENGTH });
  try {
    checkLiterals(ast, source);
  } catch (e) {
    if (e instanceof RangeError) throw new ExprError('expression nested too deeply', source, 0);
    throw e;
  }
  return { source, ast, names };
}

export function run(program: Program, env: ExprMap = {}, opts: ExprRunOptions = {}): unknown {
  if (!opts.allowUndefined) {
    for (const n of program.names) {
      if (n.name !== '$env' && !Object.prototype.hasOwnProperty.call(env, n.name)) {
        throw new ExprError(`unknown name ${n.name}`, program.source, n.pos);
      }
    }
  }
  const interp = new Interpreter(program.source, env, BUILTINS, { now: opts.now, maxSteps: opts.maxSteps ?? DEFAULT_MAX_STEPS, allowUndefined: opts.allowUndefined });
  return interp.run(program.ast);
}

const cache = new Map<string, Program>();
const CACHE_LIMIT = 1000;

/** Compile (memoised by source) and run. */
export function evaluate(source: string, env: ExprMap = {}, opts: ExprRunOptions & CompileOptions = {}): unknown {
  const key = `${opts.maxLength ?? DEFAULT_MAX_LENGTH}\0${source}`;
  let program = cache.get(key);
  if (!program) {
    program = compile(source, opts);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, program);
  }
  return run(program, env, opts);
}
