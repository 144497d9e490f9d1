/**
 * Argo Workflows evaluates `when:` with govaluate, not expr (workflow/controller/operator.go
 * `shouldExecute`): after `{{…}}` substitution every bare word (govaluate VARIABLE) is turned into a
 * string, so `heads == heads` and `{{item}} > 5` work without quotes. Numbers are float64; `==` is
 * deep equality (so `"5" == 5` is false); `+` concatenates when either side is a string; `=~`/`!~` are
 * regex matches; `in (a, b)` tests membership. Messages follow govaluate and Argo's wrapping.
 */
import { goRegexp } from './ops.js';

export class GovaluateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GovaluateError';
  }
}

type Kind = 'VARIABLE' | 'STRING' | 'NUMERIC' | 'BOOLEAN' | 'COMPARATOR' | 'LOGICALOP' | 'MODIFIER' | 'PREFIX' | 'CLAUSE' | 'CLAUSE_CLOSE' | 'SEPARATOR';

interface Tok {
  kind: Kind;
  value: string | number | boolean;
}

const COMPARATORS = ['==', '!=', '>=', '<=', '=~', '!~', '>', '<'];
const MODIFIERS = ['**', '+', '-', '*', '/', '%'];
const VALUE_KINDS = new Set<Kind>(['VARIABLE', 'STRING', 'NUMERIC', 'BOOLEAN']);

function isVarChar(c: string): boolean {
  return /[\p{L}\p{N}_.]/u.test(c);
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const prev = out[out.length - 1];
    const afterValue = prev !== undefined && (VALUE_KINDS.has(prev.kind) || prev.kind === 'CLAUSE_CLOSE');
    if (/[0-9]/.test(c)) {
      const m = /^(0x[0-9a-fA-F]+|[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(src.slice(i));
      const text = m ? m[0] : c;
      // govaluate reads a word starting with a digit like `1st` as a variable-ish token; keep it a string.
      if (isVarChar(src[i + text.length] ?? '') && !/[.]/.test(src[i + text.length] ?? '')) {
        let j = i;
        while (j < src.length && isVarChar(src[j])) j++;
        out.push({ kind: 'VARIABLE', value: src.slice(i, j) });
        i = j;
        continue;
      }
      out.push({ kind: 'NUMERIC', value: text.startsWith('0x') ? parseInt(text, 16) : Number(text) });
      i += text.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1];
          j += 2;
          continue;
        }
        s += src[j++];
      }
      if (j >= src.length) throw new GovaluateError('Unclosed string literal');
      out.push({ kind: 'STRING', value: s });
      i = j + 1;
      continue;
    }
    if (c === '[') {
      const end = src.indexOf(']', i);
      if (end < 0) throw new GovaluateError('Unclosed parameter bracket');
      out.push({ kind: 'VARIABLE', value: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (isVarChar(c)) {
      let j = i;
      while (j < src.length && isVarChar(src[j])) j++;
      const word = src.slice(i, j);
      i = j;
      if (word === 'true' || word === 'false') out.push({ kind: 'BOOLEAN', value: word === 'true' });
      else if (word === 'in' || word === 'IN') out.push({ kind: 'COMPARATOR', value: 'in' });
      else out.push({ kind: 'VARIABLE', value: word });
      continue;
    }
    if (c === '(') {
      out.push({ kind: 'CLAUSE', value: '(' });
      i++;
      continue;
    }
    if (c === ')') {
      out.push({ kind: 'CLAUSE_CLOSE', value: ')' });
      i++;
      continue;
    }
    if (c === ',') {
      out.push({ kind: 'SEPARATOR', value: ',' });
      i++;
      continue;
    }
    if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ kind: 'LOGICALOP', value: src.slice(i, i + 2) });
      i += 2;
      continue;
    }
    const cmp = COMPARATORS.find((o) => src.startsWith(o, i));
    if (cmp) {
      out.push({ kind: 'COMPARATOR', value: cmp });
      i += cmp.length;
      continue;
    }
    if (c === '!' || (c === '-' && !afterValue)) {
      out.push({ kind: 'PREFIX', value: c });
      i++;
      continue;
    }
    const mod = MODIFIERS.find((o) => src.startsWith(o, i));
    if (mod) {
      out.push({ kind: 'MODIFIER', value: mod });
      i += mod.length;
      continue;
    }
    let j = i;
    while (j < src.length && !/[\s\w()'"]/.test(src[j])) j++;
    throw new GovaluateError(`Invalid token: '${src.slice(i, Math.max(j, i + 1))}'`);
  }
  checkTransitions(out);
  return out;
}

/** govaluate's lexer state check: two values (or two operators) in a row are rejected. */
function checkTransitions(tokens: Tok[]): void {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'CLAUSE') depth++;
    if (t.kind === 'CLAUSE_CLOSE' && --depth < 0) throw new GovaluateError('Unbalanced parenthesis');
    const next = tokens[i + 1];
    if (!next) {
      if (!VALUE_KINDS.has(t.kind) && t.kind !== 'CLAUSE_CLOSE') throw new GovaluateError('Unexpected end of expression');
      continue;
    }
    const valueLike = VALUE_KINDS.has(t.kind) || t.kind === 'CLAUSE_CLOSE';
    const nextValueLike = VALUE_KINDS.has(next.kind) || next.kind === 'CLAUSE' || next.kind === 'PREFIX';
    if (valueLike === nextValueLike) {
      throw new GovaluateError(`Cannot transition token types from ${t.kind} [${String(t.value)}] to ${next.kind} [${String(next.value)}]`);
    }
  }
  if (depth !== 0) throw new GovaluateError('Unbalanced parenthesis');
}

type Val = string | number | boolean | Val[];

class Evaluator {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  run(): Val {
    const v = this.or();
    if (this.i < this.toks.length) throw new GovaluateError(`Unexpected token ${String(this.toks[this.i].value)}`);
    return v;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private or(): Val {
    let left = this.and();
    while (this.peek()?.value === '||') {
      this.i++;
      const right = this.and();
      // govaluate short-circuits on the left value before any type check.
      left = left === true ? true : logical('||', left, right);
    }
    return left;
  }

  private and(): Val {
    let left = this.comparison();
    while (this.peek()?.value === '&&') {
      this.i++;
      const right = this.comparison();
      left = left === false ? false : logical('&&', left, right);
    }
    return left;
  }

  private comparison(): Val {
    let left = this.additive();
    while (this.peek()?.kind === 'COMPARATOR') {
      const op = String(this.next().value);
      const right = this.additive();
      left = comparator(op, left, right);
    }
    return left;
  }

  private additive(): Val {
    let left = this.multiplicative();
    while (this.peek()?.value === '+' || this.peek()?.value === '-') {
      const op = String(this.next().value);
      left = modifier(op, left, this.multiplicative());
    }
    return left;
  }

  private multiplicative(): Val {
    let left = this.exponent();
    while (this.peek()?.kind === 'MODIFIER' && ['*', '/', '%'].includes(String(this.peek()?.value))) {
      const op = String(this.next().value);
      left = modifier(op, left, this.exponent());
    }
    return left;
  }

  private exponent(): Val {
    const left = this.prefix();
    if (this.peek()?.value === '**') {
      this.i++;
      return modifier('**', left, this.exponent());
    }
    return left;
  }

  private prefix(): Val {
    const t = this.peek();
    if (t?.kind === 'PREFIX') {
      this.i++;
      const v = this.prefix();
      if (t.value === '!') {
        if (typeof v !== 'boolean') throw new GovaluateError(`Value '${show(v)}' cannot be used with the prefix '!'`);
        return !v;
      }
      if (typeof v !== 'number') throw new GovaluateError(`Value '${show(v)}' cannot be used with the prefix '-'`);
      return -v;
    }
    return this.value();
  }

  private next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new GovaluateError('Unexpected end of expression');
    return t;
  }

  private value(): Val {
    const t = this.next();
    if (t.kind === 'CLAUSE') {
      const items: Val[] = [this.or()];
      while (this.peek()?.kind === 'SEPARATOR') {
        this.i++;
        items.push(this.or());
      }
      this.next();
      return items.length === 1 ? items[0] : items;
    }
    if (VALUE_KINDS.has(t.kind)) return t.value;
    throw new GovaluateError(`Unexpected token ${String(t.value)}`);
  }
}

function show(v: Val): string {
  return Array.isArray(v) ? `[${v.map(show).join(' ')}]` : String(v);
}

function logical(op: string, a: Val, b: Val): boolean {
  for (const v of [a, b]) {
    if (typeof v !== 'boolean') throw new GovaluateError(`Value '${show(v)}' cannot be used with the logical operator '${op}', it is not a bool`);
  }
  return op === '&&' ? a === true && b === true : a === true || b === true;
}

function deepEqual(a: Val, b: Val): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  return a === b;
}

function comparator(op: string, a: Val, b: Val): boolean {
  switch (op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    case '=~':
    case '!~': {
      if (typeof a !== 'string' || typeof b !== 'string') {
        throw new GovaluateError(`Value '${show(typeof a !== 'string' ? a : b)}' cannot be used with the comparator '${op}', it is not a string`);
      }
      const m = goRegexp(b).test(a);
      return op === '=~' ? m : !m;
    }
    case 'in': {
      const list = Array.isArray(b) ? b : [b];
      return list.some((x) => deepEqual(a, x));
    }
    default: {
      const bothNum = typeof a === 'number' && typeof b === 'number';
      const bothStr = typeof a === 'string' && typeof b === 'string';
      if (!bothNum && !bothStr) {
        // govaluate's combined type check reports the left value.
        throw new GovaluateError(`Value '${show(a)}' cannot be used with the comparator '${op}', it is not a number`);
      }
      const [x, y] = [a, b] as [number | string, number | string];
      return op === '>' ? x > y : op === '<' ? x < y : op === '>=' ? x >= y : x <= y;
    }
  }
}

function modifier(op: string, a: Val, b: Val): Val {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return show(a) + show(b);
  for (const v of [a, b]) {
    if (typeof v !== 'number') throw new GovaluateError(`Value '${show(v)}' cannot be used with the modifier '${op}', it is not a number`);
  }
  const x = a as number;
  const y = b as number;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y;
    default:
      return Math.pow(x, y);
  }
}

/**
 * Evaluate with govaluate semantics, bare words read as strings (Argo's token rewrite). Throws
 * GovaluateError with govaluate's message.
 */
export function evalGovaluate(expression: string): string | number | boolean | (string | number | boolean)[] {
  const tokens = tokenize(expression).map((t): Tok => (t.kind === 'VARIABLE' ? { kind: 'STRING', value: t.value } : t));
  let v: Val;
  try {
    v = new Evaluator(tokens).run();
  } catch (e) {
    if (e instanceof RangeError) throw new GovaluateError('Expression nested too deeply');
    throw e;
  }
  if (!Array.isArray(v)) return v;
  const flat: (string | number | boolean)[] = [];
  const walk = (xs: Val[]): void => xs.forEach((x) => (Array.isArray(x) ? walk(x) : flat.push(x)));
  walk(v);
  return flat;
}

/**
 * Argo's `shouldExecute(when)`: empty → true; otherwise govaluate must yield a bool. Error texts are
 * Argo's (`Invalid 'when' expression '…': …`, with the quoting hint for invalid tokens).
 */
export function shouldExecute(when: string): boolean {
  if (when === '') return true;
  let result: ReturnType<typeof evalGovaluate>;
  try {
    tokenize(when);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.includes('Invalid token')) {
      throw new GovaluateError(`Invalid 'when' expression '${when}': ${msg} (hint: try wrapping the affected expression in quotes ("))`);
    }
    throw new GovaluateError(`Invalid 'when' expression '${when}': ${msg}`);
  }
  try {
    result = evalGovaluate(when);
  } catch (e) {
    throw new GovaluateError(`Failed to evaluate 'when' expresion '${when}': ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof result !== 'boolean') throw new GovaluateError(`Expected boolean evaluation for '${when}'. Got ${Array.isArray(result) ? `[${result.join(' ')}]` : String(result)}`);
  return result;
}
