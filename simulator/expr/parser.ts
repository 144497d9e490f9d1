/**
 * Pratt parser for the expr-lang grammar (precedences as expr-lang parser/operator): `or`/`||` 10,
 * `and`/`&&` 15, comparisons and `in`/`matches`/`contains`/`startsWith`/`endsWith` 20, `..` 25, `+ -` 30,
 * `* / %` 60, `**`/`^` 100 (right-assoc), `??` 500; unary `not`/`!` 50, `-`/`+` 90; `|` pipes at 0;
 * then the `?:` ternary. Chained comparisons (`1 < x < 3`), `let x = …; …` and `if … {…} else {…}`.
 */
import type { Node } from './ast.js';
import { ExprError } from './errors.js';
import { tokenize } from './lexer.js';
import type { Token } from './lexer.js';
import { BINARY, COMPARISONS, NEGATABLE, PREDICATE_BUILTINS, TokenCursor, describe } from './grammar.js';

export interface ParseOptions {
  /** Names parsed as builtin calls. */
  builtins: ReadonlySet<string>;
  maxLength: number;
}

export interface Parsed {
  ast: Node;
  /** Free identifiers in source order (checked against the environment before running). */
  names: { name: string; pos: number }[];
}

export function parse(src: string, opts: ParseOptions): Parsed {
  if (src.length > opts.maxLength) {
    throw new ExprError(`expression too long: ${src.length} characters (limit ${opts.maxLength})`, src, opts.maxLength);
  }
  const p = new Parser(src, tokenize(src), opts);
  try {
    const ast = p.program();
    return { ast, names: p.names };
  } catch (e) {
    // A JS stack overflow on pathological nesting (`((((…` thousands deep) is a parse error, not a crash.
    if (e instanceof RangeError) throw new ExprError('expression nested too deeply', src, 0);
    throw e;
  }
}

class Parser extends TokenCursor {
  private closureDepth = 0;
  private readonly scopes: string[] = [];
  readonly names: { name: string; pos: number }[] = [];

  constructor(
    src: string,
    tokens: Token[],
    private readonly opts: ParseOptions,
  ) {
    super(src, tokens);
  }

  program(): Node {
    if (this.peek().kind === 'eof') throw this.error('unexpected token EOF', this.peek().pos);
    const node = this.expression(0);
    const t = this.peek();
    if (t.kind !== 'eof') throw this.error(`unexpected token ${describe(t)}`, t.pos);
    return node;
  }

  private expression(minPrec: number): Node {
    if (minPrec === 0 && this.is(this.peek(), 'operator', 'let')) return this.letExpression();
    if (minPrec === 0 && this.is(this.peek(), 'ident', 'if') && this.startsOperand(this.peek(1))) return this.ifExpression();
    let left = this.unary();
    let prevOp = '';
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'operator') break;
      if (t.value === '|') {
        // Pipes bind loosest (precedence 0): `x | f(a)` is `f(x, a)`.
        if (minPrec > 0) break;
        left = this.pipe(left);
        prevOp = '|';
        continue;
      }
      let op = t.value;
      let negate = false;
      if (op === 'not' && NEGATABLE.has(this.peek(1).value) && this.peek(1).kind === 'operator') {
        negate = true;
        op = this.peek(1).value;
      }
      const info = BINARY[op];
      if (!info || info.prec < minPrec) break;
      if (prevOp === '??' && op !== '??') {
        throw this.error(`Operator (${op}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`, t.pos);
      }
      this.next();
      if (negate) this.next();
      let node: Node;
      if (COMPARISONS.has(op)) {
        node = this.comparison(left, op, t.pos, info.prec);
      } else {
        const right = this.expression(info.right ? info.prec : info.prec + 1);
        node = { kind: 'binary', pos: t.pos, op, left, right };
      }
      left = negate ? { kind: 'unary', pos: t.pos, op: 'not', operand: node } : node;
      prevOp = op;
    }
    if (minPrec === 0) left = this.conditional(left);
    return left;
  }

  private startsOperand(t: Token): boolean {
    if (t.kind === 'eof') return false;
    if (t.kind === 'operator') return ['not', '!', '-', '+', '#', '.'].includes(t.value);
    return t.kind !== 'bracket' || t.value !== ')';
  }

  /** `a < b < c` is `a < b && b < c` (expr's parseComparison). */
  private comparison(left: Node, op: string, pos: number, prec: number): Node {
    let root: Node | undefined;
    let lhs = left;
    let cur = { op, pos };
    for (;;) {
      const right = this.expression(prec + 1);
      const cmp: Node = { kind: 'binary', pos: cur.pos, op: cur.op, left: lhs, right };
      root = root ? { kind: 'binary', pos: cur.pos, op: '&&', left: root, right: cmp } : cmp;
      lhs = right;
      const t = this.peek();
      if (!(t.kind === 'operator' && COMPARISONS.has(t.value))) break;
      this.next();
      cur = { op: t.value, pos: t.pos };
    }
    return root;
  }

  /** `if cond { a } else { b }` (else if chains allowed). */
  private ifExpression(): Node {
    const start = this.next();
    const test = this.expression(0);
    this.expect('bracket', '{');
    const consequent = this.expression(0);
    this.expect('bracket', '}');
    const e = this.peek();
    if (!this.is(e, 'ident', 'else')) throw this.error(`unexpected token ${describe(e)}`, e.pos);
    this.next();
    let alternate: Node;
    if (this.is(this.peek(), 'ident', 'if')) alternate = this.ifExpression();
    else {
      this.expect('bracket', '{');
      alternate = this.expression(0);
      this.expect('bracket', '}');
    }
    return { kind: 'conditional', pos: start.pos, test, consequent, alternate };
  }

  private letExpression(): Node {
    const start = this.next();
    const name = this.peek();
    if (name.kind !== 'ident') throw this.error(`unexpected token ${describe(name)}`, name.pos);
    this.next();
    this.expect('operator', '=');
    const value = this.expression(0);
    this.expect('operator', ';');
    this.scopes.push(name.value);
    const body = this.expression(0);
    this.scopes.pop();
    return { kind: 'let', pos: start.pos, name: name.value, value, body };
  }

  /** `c ? a : b`; `c ?: b` is `c ? c : b` (the condition must still be a bool). */
  private conditional(test: Node): Node {
    let node = test;
    while (this.is(this.peek(), 'operator', '?')) {
      const t = this.next();
      let consequent: Node;
      if (this.is(this.peek(), 'operator', ':')) {
        this.next();
        consequent = node;
      } else {
        consequent = this.expression(0);
        this.expect('operator', ':');
      }
      const alternate = this.expression(0);
      node = { kind: 'conditional', pos: t.pos, test: node, consequent, alternate };
    }
    return node;
  }

  /** `x | f(a)` is `f(x, a)`. */
  private pipe(left: Node): Node {
    this.next();
    const t = this.peek();
    if (t.kind !== 'ident') throw this.error(`unexpected token ${describe(t)}`, t.pos);
    this.next();
    this.expect('bracket', '(');
    const args = this.callArgs(t.value, [left]);
    return this.callNode(t, args);
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind === 'operator' && (t.value === 'not' || t.value === '!')) {
      this.next();
      return { kind: 'unary', pos: t.pos, op: 'not', operand: this.expression(50) };
    }
    if (t.kind === 'operator' && (t.value === '-' || t.value === '+')) {
      this.next();
      return { kind: 'unary', pos: t.pos, op: t.value, operand: this.expression(90) };
    }
    return this.postfix(this.primary());
  }

  private primary(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return this.number(t);
      case 'string':
        return { kind: 'string', pos: t.pos, value: t.str ?? '' };
      case 'ident':
        return this.identifier(t);
      case 'bracket':
        if (t.value === '(') {
          const inner = this.expression(0);
          this.expect('bracket', ')');
          return inner;
        }
        if (t.value === '[') return this.arrayLiteral(t);
        if (t.value === '{') return this.mapLiteral(t);
        break;
      case 'operator':
        if (t.value === '#' && this.closureDepth > 0) {
          const n = this.peek();
          if (n.kind === 'ident' && n.pos === t.pos + 1 && (n.value === 'index' || n.value === 'acc')) {
            this.next();
            return { kind: 'pointer', pos: t.pos, name: n.value };
          }
          return { kind: 'pointer', pos: t.pos, name: '' };
        }
        if (t.value === '.' && this.closureDepth > 0) {
          const n = this.next();
          if (n.kind !== 'ident' && n.kind !== 'operator') throw this.error(`unexpected token ${describe(n)}`, n.pos);
          return { kind: 'member', pos: t.pos, object: { kind: 'pointer', pos: t.pos, name: '' }, property: { kind: 'string', pos: n.pos, value: n.value }, optional: false };
        }
        break;
      default:
        break;
    }
    throw this.error(`unexpected token ${describe(t)}`, t.pos);
  }

  private number(t: Token): Node {
    const text = t.value.replace(/_/g, '');
    const float = /[.eE]/.test(text) && !/^0[xX]/.test(text);
    let value: number;
    if (/^0[xX]/.test(text)) value = parseInt(text.slice(2), 16);
    else if (/^0[oO]/.test(text)) value = parseInt(text.slice(2), 8);
    else if (/^0[bB]/.test(text)) value = parseInt(text.slice(2), 2);
    else value = Number(text);
    if (Number.isNaN(value)) throw this.error(`invalid number literal: ${t.value}`, t.pos);
    return { kind: 'number', pos: t.pos, value, float };
  }

  private identifier(t: Token): Node {
    switch (t.value) {
      case 'true':
        return { kind: 'bool', pos: t.pos, value: true };
      case 'false':
        return { kind: 'bool', pos: t.pos, value: false };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      default:
        break;
    }
    if (this.is(this.peek(), 'bracket', '(')) {
      this.next();
      return this.callNode(t, this.callArgs(t.value, []));
    }
    if (this.scopes.includes(t.value)) return { kind: 'var', pos: t.pos, name: t.value };
    this.names.push({ name: t.value, pos: t.pos });
    return { kind: 'ident', pos: t.pos, name: t.value };
  }

  private callNode(t: Token, args: Node[]): Node {
    if (this.opts.builtins.has(t.value) && !this.scopes.includes(t.value)) return { kind: 'builtin', pos: t.pos, name: t.value, args };
    this.names.push({ name: t.value, pos: t.pos });
    return { kind: 'call', pos: t.pos, callee: { kind: 'ident', pos: t.pos, name: t.value }, args };
  }

  /** Arguments after `(`; for predicate builtins the second argument is a closure. */
  private callArgs(name: string, leading: Node[]): Node[] {
    const args = [...leading];
    const predicate = PREDICATE_BUILTINS.has(name) && this.opts.builtins.has(name);
    while (!this.is(this.peek(), 'bracket', ')')) {
      if (args.length > leading.length) this.expect('operator', ',');
      if (this.is(this.peek(), 'bracket', ')')) break;
      if (predicate && args.length === 1) {
        const pos = this.peek().pos;
        // `all(xs, {# > 0})` is the older brace form of the same closure.
        const braced = this.is(this.peek(), 'bracket', '{');
        if (braced) this.next();
        this.closureDepth++;
        const body = this.expression(0);
        this.closureDepth--;
        if (braced) this.expect('bracket', '}');
        args.push({ kind: 'closure', pos, body });
      } else {
        args.push(this.expression(0));
      }
    }
    this.expect('bracket', ')');
    return args;
  }

  private arrayLiteral(t: Token): Node {
    const elements: Node[] = [];
    while (!this.is(this.peek(), 'bracket', ']')) {
      if (elements.length) {
        this.expect('operator', ',');
        if (this.is(this.peek(), 'bracket', ']')) break;
      }
      elements.push(this.expression(0));
    }
    this.expect('bracket', ']');
    return { kind: 'array', pos: t.pos, elements };
  }

  private mapLiteral(t: Token): Node {
    const entries: { key: Node; value: Node }[] = [];
    while (!this.is(this.peek(), 'bracket', '}')) {
      if (entries.length) {
        this.expect('operator', ',');
        if (this.is(this.peek(), 'bracket', '}')) break;
      }
      const k = this.peek();
      let key: Node;
      if (k.kind === 'ident' || k.kind === 'number' || k.kind === 'string') {
        this.next();
        key = { kind: 'string', pos: k.pos, value: k.kind === 'string' ? (k.str ?? '') : k.value };
      } else if (this.is(k, 'bracket', '(')) {
        this.next();
        key = this.expression(0);
        this.expect('bracket', ')');
      } else {
        throw this.error(`a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${describe(k)})`, k.pos);
      }
      this.expect('operator', ':');
      entries.push({ key, value: this.expression(0) });
    }
    this.expect('bracket', '}');
    return { kind: 'map', pos: t.pos, entries };
  }

  private postfix(node: Node): Node {
    let optional = false;
    for (;;) {
      const t = this.peek();
      if (this.is(t, 'operator', '.') || this.is(t, 'operator', '?.')) {
        this.next();
        const isOpt = t.value === '?.';
        optional ||= isOpt;
        if (isOpt && this.is(this.peek(), 'bracket', '[')) {
          this.next();
          node = this.index(node, t, true);
          continue;
        }
        const name = this.next();
        if (name.kind !== 'ident' && !(name.kind === 'operator' && /^[a-zA-Z]/.test(name.value))) {
          throw this.error(`expected name`, name.pos);
        }
        const member: Node = { kind: 'member', pos: name.pos, object: node, property: { kind: 'string', pos: name.pos, value: name.value }, optional: isOpt };
        if (this.is(this.peek(), 'bracket', '(')) {
          this.next();
          node = { kind: 'call', pos: name.pos, callee: member, args: this.callArgs('', []) };
        } else {
          node = member;
        }
        continue;
      }
      if (this.is(t, 'bracket', '[')) {
        this.next();
        node = this.index(node, t, false);
        continue;
      }
      break;
    }
    return optional ? { kind: 'chain', pos: node.pos, node } : node;
  }

  private index(object: Node, t: Token, optional: boolean): Node {
    if (this.is(this.peek(), 'operator', ':')) {
      this.next();
      const to = this.is(this.peek(), 'bracket', ']') ? undefined : this.expression(0);
      this.expect('bracket', ']');
      return { kind: 'slice', pos: t.pos, object, to };
    }
    const from = this.expression(0);
    if (this.is(this.peek(), 'operator', ':')) {
      this.next();
      const to = this.is(this.peek(), 'bracket', ']') ? undefined : this.expression(0);
      this.expect('bracket', ']');
      return { kind: 'slice', pos: t.pos, object, from, to };
    }
    this.expect('bracket', ']');
    return { kind: 'member', pos: t.pos, object, property: from, optional };
  }
}
