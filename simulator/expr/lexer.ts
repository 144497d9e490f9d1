/** Tokenizer for expr-lang source (expr-lang/expr parser/lexer). */
import { ExprError } from './errors.js';

export type TokenKind = 'number' | 'string' | 'ident' | 'operator' | 'bracket' | 'eof';

export interface Token {
  kind: TokenKind;
  value: string;
  pos: number;
  /** Decoded value for string literals; numbers keep their text. */
  str?: string;
}

const OPERATORS = [
  '?.', '??', '..', '**', '==', '!=', '<=', '>=', '&&', '||',
  '+', '-', '*', '/', '%', '^', '<', '>', '!', '?', ':', '.', ',', '|', '#', ';', '=',
];

const WORD_OPERATORS = new Set(['and', 'or', 'not', 'in', 'matches', 'contains', 'startsWith', 'endsWith', 'let']);

function isIdentStart(c: string): boolean {
  return /[A-Za-z_$]/.test(c) || c > '\x7f';
}
function isIdentPart(c: string): boolean {
  return /[A-Za-z0-9_$]/.test(c) || c > '\x7f';
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new ExprError('unclosed comment', src, i);
      i = end + 2;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? '') && src[i - 1] !== '.')) {
      i = scanNumber(src, i);
      out.push({ kind: 'number', value: src.slice(start, i), pos: start });
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const { value, end } = scanString(src, i);
      out.push({ kind: 'string', value: src.slice(start, end), pos: start, str: value });
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      while (i < src.length && isIdentPart(src[i])) i++;
      const word = src.slice(start, i);
      out.push({ kind: WORD_OPERATORS.has(word) ? 'operator' : 'ident', value: word, pos: start });
      continue;
    }
    if ('()[]{}'.includes(c)) {
      out.push({ kind: 'bracket', value: c, pos: start });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprError(`unrecognized character: U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, src, i);
    out.push({ kind: 'operator', value: op, pos: start });
    i += op.length;
  }
  out.push({ kind: 'eof', value: '', pos: src.length });
  return out;
}

function scanNumber(src: string, i: number): number {
  if (src[i] === '0' && /[xXoObB]/.test(src[i + 1] ?? '')) {
    i += 2;
    while (i < src.length && /[0-9a-fA-F_]/.test(src[i])) i++;
    return i;
  }
  while (i < src.length && /[0-9_]/.test(src[i])) i++;
  // `1..3` is a range, not the float `1.`
  if (src[i] === '.' && src[i + 1] !== '.') {
    i++;
    while (i < src.length && /[0-9_]/.test(src[i])) i++;
  }
  if (/[eE]/.test(src[i] ?? '') && /[0-9+-]/.test(src[i + 1] ?? '')) {
    i += 2;
    while (i < src.length && /[0-9]/.test(src[i])) i++;
  }
  return i;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', "'": "'", '"': '"', '`': '`' };

function scanString(src: string, i: number): { value: string; end: number } {
  const quote = src[i];
  let j = i + 1;
  let value = '';
  while (j < src.length && src[j] !== quote) {
    if (src[j] === '\\' && quote !== '`') {
      const e = src[j + 1] ?? '';
      if (e === 'u' || e === 'x' || e === 'U') {
        const len = e === 'u' ? 4 : e === 'x' ? 2 : 8;
        const hex = src.slice(j + 2, j + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new ExprError('invalid char escape', src, j);
        value += String.fromCodePoint(parseInt(hex, 16));
        j += 2 + len;
        continue;
      }
      const mapped = ESCAPES[e];
      if (mapped === undefined) throw new ExprError('invalid char escape', src, j);
      value += mapped;
      j += 2;
      continue;
    }
    if (src[j] === '\n' && quote !== '`') throw new ExprError('literal not terminated', src, i);
    value += src[j];
    j++;
  }
  if (j >= src.length) throw new ExprError('literal not terminated', src, i);
  return { value, end: j + 1 };
}
