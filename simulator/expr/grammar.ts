/** The expr-lang grammar's operator table and a cursor over tokens, shared by the parser's productions. */
import { ExprError } from './errors.js';
import type { Token } from './lexer.js';

export const BINARY: Record<string, { prec: number; right?: boolean }> = {
  or: { prec: 10 }, '||': { prec: 10 },
  and: { prec: 15 }, '&&': { prec: 15 },
  '==': { prec: 20 }, '!=': { prec: 20 }, '<': { prec: 20 }, '>': { prec: 20 }, '<=': { prec: 20 }, '>=': { prec: 20 },
  in: { prec: 20 }, matches: { prec: 20 }, contains: { prec: 20 }, startsWith: { prec: 20 }, endsWith: { prec: 20 },
  '..': { prec: 25 },
  '+': { prec: 30 }, '-': { prec: 30 },
  '*': { prec: 60 }, '/': { prec: 60 }, '%': { prec: 60 },
  '**': { prec: 100, right: true }, '^': { prec: 100, right: true },
  '??': { prec: 500 },
};
export const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);
export const COMPARISONS = new Set(['<', '>', '<=', '>=']);

/** Builtins whose second argument is a closure over `#`. */
export const PREDICATE_BUILTINS = new Set([
  'all', 'any', 'none', 'one', 'filter', 'map', 'count', 'sum', 'find', 'findIndex', 'findLast', 'findLastIndex',
  'groupBy', 'sortBy', 'reduce',
]);

/** A token as expr-lang names it in "unexpected token …" errors. */
export function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'EOF';
    case 'number':
      return `Number("${t.value}")`;
    case 'string':
      return `String(${JSON.stringify(t.str ?? '')})`;
    case 'ident':
      return `Identifier("${t.value}")`;
    case 'bracket':
      return `Bracket("${t.value}")`;
    default:
      return `Operator("${t.value}")`;
  }
}

export class TokenCursor {
  protected i = 0;

  constructor(
    protected readonly src: string,
    protected readonly tokens: Token[],
  ) {}

  protected peek(n = 0): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)];
  }
  protected next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  protected is(t: Token, kind: Token['kind'], value?: string): boolean {
    return t.kind === kind && (value === undefined || t.value === value);
  }
  protected expect(kind: Token['kind'], value: string): Token {
    const t = this.peek();
    if (!this.is(t, kind, value)) throw this.error(`unexpected token ${describe(t)}`, t.pos);
    return this.next();
  }
  protected error(msg: string, pos: number): ExprError {
    return new ExprError(msg, this.src, pos);
  }
}
