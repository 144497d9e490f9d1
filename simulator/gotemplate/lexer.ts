/**
 * text/template's lexer: text and `{{ }}` actions, trim markers (`{{- `, ` -}}`), comments, and the
 * tokens inside actions. Positions are byte offsets into the source, lines 1-based, as Go reports them.
 */

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'number'
  | 'char'
  | 'string'
  | 'rawString'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'comma'
  | 'declare'
  | 'assign'
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  value: string;
  pos: number;
  line: number;
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Tokenises a whole template. A lexing error ends the stream with an `error` token. */
export function lex(input: string, leftDelim = '{{', rightDelim = '}}'): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let line = 1;
  const lineAt = (p: number): number => {
    // Lines are counted incrementally: tokens are emitted in order.
    return line + countNewlines(input, lastCounted, p);
  };
  let lastCounted = 0;
  const emit = (type: TokenType, start: number, end: number, value = input.slice(start, end)): void => {
    line = lineAt(start);
    lastCounted = start;
    out.push({ type, value, pos: start, line });
  };
  const fail = (at: number, message: string): Token[] => {
    line = lineAt(at);
    out.push({ type: 'error', value: message, pos: at, line });
    return out;
  };

  while (pos <= input.length) {
    // Text up to the next action.
    const open = input.indexOf(leftDelim, pos);
    const textEnd = open < 0 ? input.length : open;
    let text = input.slice(pos, textEnd);
    const trimLeft = open >= 0 && input[open + leftDelim.length] === '-' && isSpace(input[open + leftDelim.length + 1]);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text.length > 0) emit('text', pos, pos + text.length, text);
    if (open < 0) break;
    emit('leftDelim', open, open + leftDelim.length);
    let p = open + leftDelim.length + (trimLeft ? 2 : 0);

    // A comment fills the whole action.
    if (input.startsWith('/*', p)) {
      const close = input.indexOf('*/', p + 2);
      if (close < 0) return fail(open, 'unclosed comment');
      let q = close + 2;
      let trimRight = false;
      if (input[q] === ' ' && input[q + 1] === '-' && input.startsWith(rightDelim, q + 2)) {
        trimRight = true;
        q += 2;
      }
      if (!input.startsWith(rightDelim, q)) return fail(close, 'comment ends before closing delimiter');
      pos = q + rightDelim.length;
      out.pop(); // comments produce no tokens
      if (trimRight) pos = skipSpace(input, pos);
      continue;
    }

    let parenDepth = 0;
    for (;;) {
      // Right delimiter, with or without trim marker.
      if (isSpace(input[p]) && input[p + 1] === '-' && input.startsWith(rightDelim, p + 2)) {
        if (parenDepth > 0) return fail(p, 'unclosed left paren');
        emit('rightDelim', p + 2, p + 2 + rightDelim.length);
        pos = skipSpace(input, p + 2 + rightDelim.length);
        break;
      }
      if (input.startsWith(rightDelim, p)) {
        if (parenDepth > 0) return fail(p, 'unclosed left paren');
        emit('rightDelim', p, p + rightDelim.length);
        pos = p + rightDelim.length;
        break;
      }
      const c = input[p];
      if (c === undefined) return fail(open, 'unclosed action');
      if (isSpace(c)) {
        const start = p;
        while (isSpace(input[p]) && !(input[p + 1] === '-' && input.startsWith(rightDelim, p + 2) && isSpace(input[p]))) p++;
        if (p === start) p++;
        emit('space', start, p);
        continue;
      }
      if (c === '=') {
        emit('assign', p, p + 1);
        p++;
        continue;
      }
      if (c === ':') {
        if (input[p + 1] !== '=') return fail(p, 'expected :=');
        emit('declare', p, p + 2);
        p += 2;
        continue;
      }
      if (c === '|') {
        emit('pipe', p, p + 1);
        p++;
        continue;
      }
      if (c === ',') {
        emit('comma', p, p + 1);
        p++;
        continue;
      }
      if (c === '(') {
        emit('leftParen', p, p + 1);
        parenDepth++;
        p++;
        continue;
      }
      if (c === ')') {
        if (parenDepth === 0) return fail(p, 'unexpected right paren');
        emit('rightParen', p, p + 1);
        parenDepth--;
        p++;
        continue;
      }
      if (c === '"') {
        let q = p + 1;
        while (q < input.length && input[q] !== '"') {
          if (input[q] === '\\') q++;
          if (input[q] === '\n') return fail(p, 'unterminated quoted string');
          q++;
        }
        if (q >= input.length) return fail(p, 'unterminated quoted string');
        emit('string', p, q + 1);
        p = q + 1;
        continue;
      }
      if (c === '`') {
        const q = input.indexOf('`', p + 1);
        if (q < 0) return fail(p, 'unterminated raw quoted string');
        emit('rawString', p, q + 1);
        p = q + 1;
        continue;
      }
      if (c === "'") {
        let q = p + 1;
        while (q < input.length && input[q] !== "'") {
          if (input[q] === '\\') q++;
          if (input[q] === '\n') return fail(p, 'unterminated character constant');
          q++;
        }
        if (q >= input.length) return fail(p, 'unterminated character constant');
        emit('char', p, q + 1);
        p = q + 1;
        continue;
      }
      if (c === '$') {
        let q = p + 1;
        while (isAlnum(input[q])) q++;
        emit('variable', p, q);
        p = q;
        continue;
      }
      if (c === '.') {
        if (/[0-9]/.test(input[p + 1] ?? '')) {
          const m = NUMBER.exec(input.slice(p));
          emit('number', p, p + m![0].length);
          p += m![0].length;
          continue;
        }
        if (!isAlnum(input[p + 1])) {
          emit('dot', p, p + 1);
          p++;
          continue;
        }
        let q = p + 1;
        while (isAlnum(input[q])) q++;
        emit('field', p, q);
        p = q;
        continue;
      }
      if (/[0-9+-]/.test(c)) {
        const m = NUMBER.exec(input.slice(p));
        if (!m || (m[0] === '+' || m[0] === '-')) return fail(p, `bad number syntax: "${input.slice(p, p + 1)}"`);
        if (isAlnum(input[p + m[0].length])) return fail(p, `bad number syntax: "${input.slice(p, p + m[0].length + 1)}"`);
        emit('number', p, p + m[0].length);
        p += m[0].length;
        continue;
      }
      if (isAlnum(c)) {
        let q = p;
        while (isAlnum(input[q])) q++;
        const word = input.slice(p, q);
        const type: TokenType = word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : KEYWORDS.has(word) ? 'keyword' : 'identifier';
        emit(type, p, q);
        p = q;
        continue;
      }
      return fail(p, `unrecognized character in action: U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
    }
  }
  emit('eof', input.length, input.length, '');
  return out;
}

const NUMBER = /^[+-]?(0[xX][0-9a-fA-F_]+(\.[0-9a-fA-F_]*)?([pP][+-]?\d+)?|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?i?)/;

function skipSpace(input: string, p: number): number {
  while (isSpace(input[p])) p++;
  return p;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
