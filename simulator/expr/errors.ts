/**
 * Errors shaped like expr-lang's `file.Error`: `message (line:column)` then a snippet of the source line
 * with a caret under the offending character (`\n | src\n | ...^`).
 */
export class ExprError extends Error {
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column (as expr prints it). */
  readonly column: number;
  /** The bare message without location, e.g. `unknown name foo`. */
  readonly reason: string;

  constructor(reason: string, source: string, offset: number) {
    const { line, column, snippet } = locate(source, offset);
    super(`${reason} (${line}:${column})${snippet}`);
    this.name = 'ExprError';
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/** Raised by runtime helpers without a position; the interpreter binds it to the node being evaluated. */
export class RuntimeFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeFault';
  }
}

export function fault(message: string): never {
  throw new RuntimeFault(message);
}

function locate(source: string, offset: number): { line: number; column: number; snippet: string } {
  let line = 1;
  let lineStart = 0;
  const at = Math.max(0, Math.min(offset, source.length));
  for (let i = 0; i < at; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  const end = source.indexOf('\n', lineStart);
  const text = source.slice(lineStart, end < 0 ? source.length : end).replace(/\t/g, ' ');
  const col0 = at - lineStart;
  // expr-lang omits the caret line when a multi-byte rune precedes the column.
  const before = text.slice(0, col0);
  const plain = /^[\x00-\x7f]*$/.test(before) && /^[\x00-\x7f]?$/.test(text.slice(col0, col0 + 1));
  const snippet = `\n | ${text}` + (plain ? `\n | ${'.'.repeat(col0)}^` : '');
  return { line, column: col0 + 1, snippet };
}
