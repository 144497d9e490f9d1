/**
 * Operators with expr-lang's runtime semantics (expr-lang/expr vm/runtime): int op int stays int except
 * `/` and `**` (always float64), mixed numbers become float64, `+` concatenates strings, time ± duration.
 * Type errors use expr's runtime wording: `invalid operation: string + int` (literal operands are caught
 * earlier by check.ts with the checker's wording).
 */
import { fault } from './errors.js';
import { ExprDuration, ExprTime, equal, isInt, isMap, typeName } from './values.js';

function bad(op: string, a: unknown, b: unknown): never {
  return fault(`invalid operation: ${typeName(a)} ${op} ${typeName(b)}`);
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof ExprTime && b instanceof ExprDuration) return new ExprTime(a.ms + b.ms);
  if (a instanceof ExprDuration && b instanceof ExprTime) return new ExprTime(a.ms + b.ms);
  if (a instanceof ExprDuration && b instanceof ExprDuration) return new ExprDuration(a.ms + b.ms);
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  return bad('+', a, b);
}

export function subtract(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof ExprTime && b instanceof ExprTime) return new ExprDuration(a.ms - b.ms);
  if (a instanceof ExprTime && b instanceof ExprDuration) return new ExprTime(a.ms - b.ms);
  if (a instanceof ExprDuration && b instanceof ExprDuration) return new ExprDuration(a.ms - b.ms);
  return bad('-', a, b);
}

export function multiply(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (a instanceof ExprDuration && isInt(b)) return new ExprDuration(a.ms * b);
  if (isInt(a) && b instanceof ExprDuration) return new ExprDuration(a * b.ms);
  return bad('*', a, b);
}

export function divide(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  return bad('/', a, b);
}

export function modulo(a: unknown, b: unknown): unknown {
  if (isInt(a) && isInt(b)) {
    if (b === 0) fault('integer divide by zero');
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  return bad('%', a, b);
}

export function exponent(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return Math.pow(a, b);
  return bad('**', a, b);
}

function comparable(a: unknown, b: unknown, op: string): [number | string, number | string] {
  if (typeof a === 'number' && typeof b === 'number') return [a, b];
  if (typeof a === 'string' && typeof b === 'string') return [a, b];
  if (a instanceof ExprTime && b instanceof ExprTime) return [a.ms, b.ms];
  if (a instanceof ExprDuration && b instanceof ExprDuration) return [a.ms, b.ms];
  return bad(op, a, b);
}

export function compare(op: string, a: unknown, b: unknown): boolean {
  const [x, y] = comparable(a, b, op);
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    default:
      return x >= y;
  }
}

/** `in`: element of an array, key of a map. */
export function inOp(needle: unknown, haystack: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((x) => equal(x, needle));
  if (isMap(haystack)) {
    if (typeof needle !== 'string') fault(`cannot use ${typeName(needle)} as type string in map key`);
    return Object.prototype.hasOwnProperty.call(haystack, needle);
  }
  return fault(`operator "in" not defined on ${typeName(haystack)}`);
}

export function stringOp(op: string, a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') {
    return fault(`invalid operation: ${typeName(a)} ${op} ${typeName(b)}`);
  }
  switch (op) {
    case 'contains':
      return a.includes(b);
    case 'startsWith':
      return a.startsWith(b);
    case 'endsWith':
      return a.endsWith(b);
    default:
      return goRegexp(b).test(a);
  }
}

const regexCache = new Map<string, RegExp>();

/** Go RE2 pattern → JS RegExp (leading `(?flags)` become JS flags). */
export function goRegexp(pattern: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  let flags = 'u';
  let body = pattern;
  const m = /^\(\?([imsU]+)\)/.exec(body);
  if (m) {
    body = body.slice(m[0].length);
    for (const f of m[1]) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  // Go's RE2 runs in linear time; JS backtracks. A repeated group that itself repeats ((a+)+) can take
  // exponential time, which would freeze the sandbox, so it is refused with a clear message.
  if (/\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]/.test(body)) {
    fault(`regexp ${JSON.stringify(pattern)}: nested repetition is refused in the sandbox (it can backtrack exponentially in JavaScript; Go's RE2 would not)`);
  }
  let re: RegExp;
  try {
    re = new RegExp(body, flags);
  } catch (e) {
    return fault(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}: \`${pattern}\``);
  }
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

export function range(a: unknown, b: unknown): number[] {
  if (!isInt(a) || !isInt(b)) return bad('..', a, b);
  if (b - a > 1_000_000) fault(`range ${a}..${b} is too large`);
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

export function negate(v: unknown): unknown {
  if (typeof v === 'number') return -v;
  if (v instanceof ExprDuration) return new ExprDuration(-v.ms);
  return fault(`invalid operation: - ${typeName(v)}`);
}
