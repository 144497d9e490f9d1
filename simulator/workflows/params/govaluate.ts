/**
 * The govaluate subset Argo uses for `when` and for `depends` (after it rewrites `a.Succeeded` into
 * booleans): comparisons, `&&`, `||`, `!`, `=~`, `!~`, parentheses, numbers, quoted strings, booleans.
 * Like steps.go shouldExecute, bare words are strings, so `heads == heads` needs no quotes.
 */
type Tok = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'bool'; v: boolean } | { k: 'op'; v: string };

export class GovaluateError extends Error {}

const OPS = ['&&', '||', '==', '!=', '>=', '<=', '=~', '!~', '>', '<', '!', '(', ')', '+', '-', '*', '/', '%'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1];
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new GovaluateError(`Unclosed string literal`);
      out.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    // A leading minus before a digit right after an operator (or at the start) is a negative number.
    if (op && !(op === '-' && /[0-9]/.test(src[i + 1] ?? '') && (out.length === 0 || out[out.length - 1]?.k === 'op'))) {
      out.push({ k: 'op', v: op });
      i += op.length;
      continue;
    }
    let j = i + (c === '-' ? 1 : 0);
    while (j < src.length && !/[\s()!=<>&|~"'`+*/%]/.test(src[j] as string) && !(src[j] === '-' && j > i && !/[0-9.eE]/.test(src[j - 1] as string))) j++;
    if (j === i) throw new GovaluateError(`Invalid token: '${c}'`);
    const word = src.slice(i, j);
    i = j;
    if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word)) out.push({ k: 'num', v: Number(word) });
    else if (word === 'true' || word === 'false') out.push({ k: 'bool', v: word === 'true' });
    else out.push({ k: 'str', v: word });
  }
  return out;
}

type Val = number | string | boolean;

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  parse(): Val {
    const v = this.or();
    if (this.i < this.toks.length) throw new GovaluateError(`Unexpected token`);
    return v;
  }
  private peek(v: string): boolean {
    const t = this.toks[this.i];
    return t !== undefined && t.k === 'op' && t.v === v;
  }
  private or(): Val {
    let l = this.and();
    while (this.peek('||')) {
      this.i++;
      const r = this.and();
      l = bool(l, '||') || bool(r, '||');
    }
    return l;
  }
  private and(): Val {
    let l = this.cmp();
    while (this.peek('&&')) {
      this.i++;
      const r = this.cmp();
      l = bool(l, '&&') && bool(r, '&&');
    }
    return l;
  }
  private cmp(): Val {
    const l = this.add();
    for (const op of ['==', '!=', '>=', '<=', '>', '<', '=~', '!~']) {
      if (this.peek(op)) {
        this.i++;
        return compare(op, l, this.add());
      }
    }
    return l;
  }
  private add(): Val {
    let l = this.unary();
    while (this.peek('+') || this.peek('-') || this.peek('*') || this.peek('/') || this.peek('%')) {
      const op = (this.toks[this.i++] as { v: string }).v;
      const r = this.unary();
      if (op === '+' && (typeof l === 'string' || typeof r === 'string')) l = `${l}${r}`;
      else if (typeof l === 'number' && typeof r === 'number') {
        l = op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
      } else throw new GovaluateError(`Value '${l}' cannot be used with the modifier '${op}', it is not a number`);
    }
    return l;
  }
  private unary(): Val {
    if (this.peek('!')) {
      this.i++;
      return !bool(this.unary(), '!');
    }
    const t = this.toks[this.i++];
    if (t === undefined) throw new GovaluateError('Unexpected end of expression');
    if (t.k === 'op') {
      if (t.v !== '(') throw new GovaluateError(`Unexpected token '${t.v}'`);
      const v = this.or();
      if (!this.peek(')')) throw new GovaluateError('Unbalanced parenthesis');
      this.i++;
      return v;
    }
    return t.v;
  }
}

function bool(v: Val, op: string): boolean {
  if (typeof v !== 'boolean') throw new GovaluateError(`Value '${v}' cannot be used with the logical operator '${op}', it is not a bool`);
  return v;
}

function compare(op: string, a: Val, b: Val): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '=~':
    case '!~': {
      const m = new RegExp(String(b)).test(String(a));
      return op === '=~' ? m : !m;
    }
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return op === '>' ? a > b : op === '<' ? a < b : op === '>=' ? a >= b : a <= b;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return op === '>' ? a > b : op === '<' ? a < b : op === '>=' ? a >= b : a <= b;
  }
  throw new GovaluateError(`Value '${typeof a === 'number' ? b : a}' cannot be used with the comparator '${op}', it is not a number`);
}

/** Evaluate to a value (bool for conditions). */
export function govaluate(src: string): Val {
  return new Parser(tokenize(src)).parse();
}

/** steps.go shouldExecute: an empty `when` runs; anything else must evaluate to a bool. */
export function shouldExecute(when: string | undefined): boolean {
  if (!when) return true;
  let result: Val;
  try {
    result = govaluate(when);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.startsWith('Invalid token')) {
      throw new GovaluateError(`Invalid 'when' expression '${when}': ${msg} (hint: try wrapping the affected expression in quotes ("))`);
    }
    throw new GovaluateError(`Invalid 'when' expression '${when}': ${msg}`);
  }
  if (typeof result !== 'boolean') throw new GovaluateError(`Expected boolean evaluation for '${when}'. Got ${result}`);
  return result;
}
