/**
 * `workflows.argoproj.io/verify.py`: Python assertions on the finished workflow's `status`. A small
 * interpreter for the forms these annotations use (assert, subscripts, .get, len/str/int, comparisons,
 * in/not in, and/or/not, literals, list comprehension-free), with a clear error for anything else.
 */

type Py = string | number | boolean | null | Py[] | { [k: string]: Py };

interface Tok {
  t: 'num' | 'str' | 'name' | 'op' | 'end';
  v: string;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break;
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const e = src[j + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new Error(`unterminated string in: ${src}`);
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const op = /^(==|!=|<=|>=|[<>()[\]{},.:+\-*%])/.exec(src.slice(i));
    if (op) {
      out.push({ t: 'op', v: op[0] });
      i += op[0].length;
      continue;
    }
    throw new Error(`unsupported character ${JSON.stringify(c)} in: ${src}`);
  }
  out.push({ t: 'end', v: '' });
  return out;
}

const truthy = (v: Py): boolean =>
  v !== null && v !== false && v !== 0 && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && v !== null && Object.keys(v).length === 0);

function eq(a: Py, b: Py): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function repr(v: Py): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v}'`;
  return JSON.stringify(v);
}

class Parser {
  private i = 0;
  constructor(
    private toks: Tok[],
    private env: Record<string, Py>,
  ) {}
  private peek(): Tok {
    return this.toks[this.i];
  }
  private next(): Tok {
    return this.toks[this.i++];
  }
  accept(v: string): boolean {
    const t = this.peek();
    if ((t.t === 'op' || t.t === 'name') && t.v === v) {
      this.i++;
      return true;
    }
    return false;
  }
  private expect(v: string): void {
    if (!this.accept(v)) throw new Error(`expected '${v}' but found '${this.peek().v}'`);
  }
  atEnd(): boolean {
    return this.peek().t === 'end';
  }
  expr(): Py {
    let v = this.and();
    while (this.accept('or')) {
      const r = this.and();
      v = truthy(v) ? v : r;
    }
    return v;
  }
  private and(): Py {
    let v = this.not();
    while (this.accept('and')) {
      const r = this.not();
      v = truthy(v) ? r : v;
    }
    return v;
  }
  private not(): Py {
    if (this.accept('not')) return !truthy(this.not());
    return this.comparison();
  }
  private comparison(): Py {
    let left = this.sum();
    let result: Py = true;
    let chained = false;
    for (;;) {
      const t = this.peek();
      let op = '';
      if (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) op = this.next().v;
      else if (t.t === 'name' && t.v === 'in') op = (this.next(), 'in');
      else if (t.t === 'name' && t.v === 'not' && this.toks[this.i + 1]?.v === 'in') op = (this.i += 2, 'not in');
      else if (t.t === 'name' && t.v === 'is') {
        this.next();
        op = this.accept('not') ? 'is not' : 'is';
      } else break;
      const right = this.sum();
      let r: boolean;
      switch (op) {
        case '==':
        case 'is':
          r = eq(left, right);
          break;
        case '!=':
        case 'is not':
          r = !eq(left, right);
          break;
        case '<':
          r = (left as number) < (right as number);
          break;
        case '<=':
          r = (left as number) <= (right as number);
          break;
        case '>':
          r = (left as number) > (right as number);
          break;
        case '>=':
          r = (left as number) >= (right as number);
          break;
        default: {
          const has = typeof right === 'string' ? typeof left === 'string' && right.includes(left) : Array.isArray(right) ? right.some((x) => eq(x, left)) : right !== null && typeof right === 'object' ? Object.prototype.hasOwnProperty.call(right, String(left)) : false;
          r = op === 'in' ? has : !has;
        }
      }
      result = chained ? (result as boolean) && r : r;
      chained = true;
      left = right;
    }
    return chained ? result : left;
  }
  private sum(): Py {
    let v = this.term();
    for (;;) {
      if (this.accept('+')) {
        const r = this.term();
        v = typeof v === 'string' || typeof r === 'string' ? String(v) + String(r) : Array.isArray(v) && Array.isArray(r) ? [...v, ...r] : (v as number) + (r as number);
      } else if (this.accept('-')) v = (v as number) - (this.term() as number);
      else return v;
    }
  }
  private term(): Py {
    let v = this.unary();
    for (;;) {
      if (this.accept('*')) v = (v as number) * (this.unary() as number);
      else if (this.accept('%')) v = (v as number) % (this.unary() as number);
      else return v;
    }
  }
  private unary(): Py {
    if (this.accept('-')) return -(this.unary() as number);
    return this.postfix(this.primary());
  }
  private args(): Py[] {
    const out: Py[] = [];
    if (this.accept(')')) return out;
    do out.push(this.expr());
    while (this.accept(','));
    this.expect(')');
    return out;
  }
  private postfix(v: Py): Py {
    for (;;) {
      if (this.accept('[')) {
        const k = this.expr();
        this.expect(']');
        if (Array.isArray(v)) {
          const n = k as number;
          const item = v[n < 0 ? v.length + n : n];
          if (item === undefined) throw new Error(`IndexError: list index out of range`);
          v = item;
        } else if (v !== null && typeof v === 'object') {
          if (!Object.prototype.hasOwnProperty.call(v, String(k))) throw new Error(`KeyError: ${repr(k)}`);
          v = v[String(k)];
        } else if (typeof v === 'string') v = v[k as number] ?? '';
        else throw new Error(`TypeError: ${repr(v)} is not subscriptable`);
      } else if (this.accept('.')) {
        const m = this.next().v;
        this.expect('(');
        const a = this.args();
        v = this.method(v, m, a);
      } else return v;
    }
  }
  private method(v: Py, m: string, a: Py[]): Py {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      if (m === 'get') return Object.prototype.hasOwnProperty.call(v, String(a[0])) ? v[String(a[0])] : (a[1] ?? null);
      if (m === 'keys') return Object.keys(v);
      if (m === 'values') return Object.values(v);
    }
    if (typeof v === 'string') {
      if (m === 'startswith') return v.startsWith(String(a[0]));
      if (m === 'endswith') return v.endsWith(String(a[0]));
      if (m === 'strip') return v.trim();
      if (m === 'split') return a.length ? v.split(String(a[0])) : v.trim().split(/\s+/);
      if (m === 'lower') return v.toLowerCase();
      if (m === 'upper') return v.toUpperCase();
    }
    throw new Error(`unsupported method .${m}() in verify.py`);
  }
  private primary(): Py {
    const t = this.next();
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'str') {
      let s = t.v;
      while (this.peek().t === 'str') s += this.next().v; // implicit concatenation
      return s;
    }
    if (t.t === 'op' && t.v === '(') {
      const v = this.expr();
      this.expect(')');
      return v;
    }
    if (t.t === 'op' && t.v === '[') {
      const out: Py[] = [];
      if (!this.accept(']')) {
        do out.push(this.expr());
        while (this.accept(','));
        this.expect(']');
      }
      return out;
    }
    if (t.t === 'name') {
      if (t.v === 'True') return true;
      if (t.v === 'False') return false;
      if (t.v === 'None') return null;
      if (['len', 'str', 'int', 'float', 'bool', 'sorted', 'list'].includes(t.v) && this.accept('(')) {
        const [a] = this.args();
        switch (t.v) {
          case 'len':
            return Array.isArray(a) || typeof a === 'string' ? a.length : a !== null && typeof a === 'object' ? Object.keys(a).length : 0;
          case 'str':
            return typeof a === 'string' ? a : repr(a);
          case 'int':
            return Math.trunc(Number(a));
          case 'float':
            return Number(a);
          case 'bool':
            return truthy(a);
          case 'sorted':
            return [...(Array.isArray(a) ? a : a !== null && typeof a === 'object' ? Object.keys(a) : [])].sort();
          default:
            return Array.isArray(a) ? [...a] : a !== null && typeof a === 'object' ? Object.keys(a) : [];
        }
      }
      if (Object.prototype.hasOwnProperty.call(this.env, t.v)) return this.env[t.v];
      throw new Error(`NameError: name '${t.v}' is not defined`);
    }
    throw new Error(`unexpected '${t.v}' in verify.py`);
  }
}

/** Run the script; returns the failed assertion (message or source) or undefined when all hold. */
export function runVerifyPy(script: string, status: unknown): string | undefined {
  const env: Record<string, Py> = { status: JSON.parse(JSON.stringify(status ?? {})) as Py };
  for (const raw of script.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^assert\s+(.*)$/.exec(line);
    if (!m) throw new Error(`unsupported verify.py statement: ${line}`);
    const p = new Parser(tokenize(m[1]), env);
    const ok = p.expr();
    let msg: Py = null;
    if (p.accept(',')) msg = p.expr();
    if (!p.atEnd()) throw new Error(`cannot parse verify.py line: ${line}`);
    if (!truthy(ok)) return msg !== null ? `AssertionError: ${typeof msg === 'string' ? msg : repr(msg)}` : `AssertionError: ${line}`;
  }
  return undefined;
}
