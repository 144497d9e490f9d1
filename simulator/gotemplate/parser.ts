/**
 * text/template's parser: actions, pipelines, variables, if/else if/range/with/else with, define/block/template,
 * break/continue. Errors read like Go's: `template: NAME:LINE: MESSAGE`.
 */
import { commandString, type ArgNode, type CommandNode, type ListNode, type Node, type PipeNode } from './ast.js';
import { lex, type Token } from './lexer.js';

export class TemplateParseError extends Error {
  constructor(
    readonly templateName: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`template: ${templateName}:${line}: ${detail}`);
    this.name = 'TemplateParseError';
  }
}

export interface ParsedTree {
  /** The template's name (a file, or a `define`). */
  name: string;
  /** The file it was parsed from (Go's ParseName), for error locations. */
  parseName: string;
  text: string;
  root: ListNode;
}

type End = { kind: 'end' | 'else'; tok: Token };

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** strconv.Unquote for "…" and '…' literals. */
function unquote(text: string): string {
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i]!;
    if (e in ESCAPES) out += ESCAPES[e];
    else if (e === 'x') (out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16))), (i += 2);
    else if (e === 'u') (out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16))), (i += 4);
    else if (e === 'U') (out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16))), (i += 8);
    else if (/[0-7]/.test(e)) (out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8))), (i += 2);
    else throw new Error('invalid syntax');
  }
  return out;
}

function parseNumber(text: string): number | bigint | undefined {
  const t = text.replace(/_/g, '');
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9]\d*)$/.test(t)) {
    const neg = t.startsWith('-');
    let body = t.replace(/^[+-]/, '');
    if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
    const n = BigInt(body);
    return neg ? -n : n;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return undefined;
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  readonly trees: ParsedTree[] = [];

  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly toks: Token[],
    private readonly hasFunc: (name: string) => boolean,
  ) {}

  private error(tok: Token, message: string): never {
    throw new TemplateParseError(this.name, tok.line, message);
  }

  private nextRaw(): Token {
    const t = this.toks[this.i++] ?? this.toks[this.toks.length - 1]!;
    if (t.type === 'error') this.error(t, t.value);
    return t;
  }

  private peekRaw(): Token {
    const t = this.toks[this.i] ?? this.toks[this.toks.length - 1]!;
    if (t.type === 'error') this.error(t, t.value);
    return t;
  }

  private next(): Token {
    let t = this.nextRaw();
    while (t.type === 'space') t = this.nextRaw();
    return t;
  }

  private peek(): Token {
    const save = this.i;
    const t = this.next();
    this.i = save;
    return t;
  }

  private expect(type: Token['type'], context: string): Token {
    const t = this.next();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  private unexpected(t: Token, context: string): never {
    const shown = t.type === 'eof' ? 'EOF' : t.type === 'rightDelim' ? '"}}"' : t.type === 'rightParen' ? '")"' : `"${t.value}"`;
    if (t.type === 'eof') this.error(t, 'unexpected EOF');
    this.error(t, `unexpected ${shown} in ${context}`);
  }

  parseFile(): void {
    const root = this.itemList(true, []);
    this.trees.unshift({ name: this.name, parseName: this.name, text: this.text, root: root.list });
  }

  /** Items until EOF (top level) or one of `ends`. */
  private itemList(top: boolean, ends: ('end' | 'else')[]): { list: ListNode; end?: End } {
    const nodes: Node[] = [];
    for (;;) {
      const t = this.nextRaw();
      if (t.type === 'eof') {
        if (!top) this.error(t, 'unexpected EOF');
        return { list: { nodes } };
      }
      if (t.type === 'text') {
        nodes.push({ kind: 'text', text: t.value });
        continue;
      }
      // leftDelim
      const res = this.action(top);
      if (res === undefined) continue;
      if ('tok' in res) {
        if (!ends.includes(res.kind)) this.error(res.tok, `unexpected {{${res.kind}}}`);
        return { list: { nodes }, end: res };
      }
      nodes.push(res);
    }
  }

  private action(top: boolean): Node | End | undefined {
    const t = this.next();
    if (t.type === 'keyword') {
      switch (t.value) {
        case 'end':
          this.expect('rightDelim', 'end');
          return { kind: 'end', tok: t };
        case 'else':
          return { kind: 'else', tok: t };
        case 'if':
        case 'with':
        case 'range':
          return this.control(t.value, t);
        case 'template':
          return this.templateControl(t);
        case 'block':
          return this.blockControl(t);
        case 'define':
          if (!top) this.error(t, 'unexpected <define> in command');
          this.define(t);
          return undefined;
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) this.error(t, `{{${t.value}}} outside {{range}}`);
          this.expect('rightDelim', t.value);
          return { kind: t.value, pos: t.pos };
      }
    }
    this.i--;
    const pipe = this.pipeline('command', 'rightDelim');
    return { kind: 'action', pos: t.pos, line: t.line, pipe };
  }

  private define(t: Token): void {
    const nameTok = this.next();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') this.unexpected(nameTok, 'define clause');
    this.expect('rightDelim', 'define clause');
    const saved = this.vars;
    this.vars = ['$'];
    const { list } = this.itemList(false, ['end']);
    this.vars = saved;
    this.trees.push({ name: nameTok.type === 'string' ? unquote(nameTok.value) : nameTok.value.slice(1, -1), parseName: this.name, text: this.text, root: list });
    void t;
  }

  private templateName(context: string): string {
    const tok = this.next();
    if (tok.type === 'string') return unquote(tok.value);
    if (tok.type === 'rawString') return tok.value.slice(1, -1);
    this.unexpected(tok, context);
  }

  private templateControl(t: Token): Node {
    const name = this.templateName('template clause');
    let pipe: PipeNode | undefined;
    if (this.peek().type !== 'rightDelim') pipe = this.pipeline('template clause', 'rightDelim');
    else this.next();
    return { kind: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private blockControl(t: Token): Node {
    const name = this.templateName('block clause');
    const pipe = this.pipeline('block clause', 'rightDelim');
    const saved = this.vars;
    this.vars = ['$'];
    const { list } = this.itemList(false, ['end']);
    this.vars = saved;
    this.trees.push({ name, parseName: this.name, text: this.text, root: list });
    return { kind: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private control(kind: 'if' | 'with' | 'range', t: Token): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    const body = this.itemList(false, ['end', 'else']);
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (body.end?.kind === 'else') {
      const after = this.peek();
      if (kind !== 'range' && after.type === 'keyword' && after.value === kind) {
        // `{{else if …}}` / `{{else with …}}`: a nested control sharing this one's {{end}}.
        const tok = this.next();
        elseList = { nodes: [this.control(kind, tok)] };
      } else {
        this.expect('rightDelim', 'else');
        const rest = this.itemList(false, ['end']);
        elseList = rest.list;
      }
    }
    this.vars.length = mark;
    return { kind, pos: t.pos, line: t.line, pipe, list: body.list, elseList };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const start = this.peek();
    const decl: string[] = [];
    let isAssign = false;
    // Declarations: `$x :=`, `$x =`, and in range `$i, $v :=`.
    if (start.type === 'variable') {
      const save = this.i;
      const v = this.next();
      const op = this.next();
      if (op.type === 'declare' || op.type === 'assign') {
        decl.push(v.value);
        isAssign = op.type === 'assign';
      } else if (op.type === 'comma' && context === 'range') {
        const v2 = this.next();
        if (v2.type !== 'variable') this.unexpected(v2, 'range');
        const op2 = this.next();
        if (op2.type !== 'declare' && op2.type !== 'assign') this.unexpected(op2, 'range');
        decl.push(v.value, v2.value);
        isAssign = op2.type === 'assign';
      } else this.i = save;
      for (const name of decl) {
        if (isAssign) {
          if (!this.vars.includes(name)) this.error(v, `undefined variable "${name}"`);
        } else this.vars.push(name);
      }
    }
    const cmds: CommandNode[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === end) {
        this.next();
        if (cmds.length === 0) this.error(t, `missing value for ${context}`);
        return { pos: start.pos, decl, isAssign, cmds };
      }
      if (t.type === 'rightDelim' || t.type === 'rightParen' || t.type === 'eof') this.unexpected(t, context);
      cmds.push(this.command(end));
      const after = this.peek();
      if (after.type === 'pipe') {
        this.next();
        if (this.peek().type === end) this.error(after, 'missing command after |');
      }
    }
  }

  private command(end: 'rightDelim' | 'rightParen'): CommandNode {
    const args: ArgNode[] = [];
    const first = this.peek();
    for (;;) {
      const t = this.peek();
      if (t.type === end || t.type === 'pipe') break;
      if (t.type === 'rightDelim' || t.type === 'rightParen' || t.type === 'eof') this.unexpected(t, 'operand');
      const op = this.operand();
      if (!op) this.unexpected(this.next(), 'command');
      args.push(op);
    }
    if (args.length === 0) this.error(first, 'empty command');
    const cmd: CommandNode = { kind: 'command', pos: first.pos, args };
    const head = args[0]!;
    if (args.length > 1 && (head.kind === 'bool' || head.kind === 'number' || head.kind === 'string' || head.kind === 'nil' || head.kind === 'dot')) {
      this.error(first, `can't give argument to non-function ${commandString({ ...cmd, args: [head] })}`);
    }
    return cmd;
  }

  private operand(): ArgNode | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peekRaw().type !== 'field') return node;
    const fields: string[] = [];
    const pos = this.peekRaw().pos;
    while (this.peekRaw().type === 'field') fields.push(this.nextRaw().value.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.error(this.toks[this.i - 1]!, `unexpected . after term "${node.kind === 'string' ? node.quoted : node.kind === 'number' ? node.text : node.kind === 'bool' ? String(node.value) : node.kind === 'nil' ? 'nil' : '.'}"`);
      default:
        return { kind: 'chain', pos, node, field: fields };
    }
  }

  private term(): ArgNode | undefined {
    const t = this.next();
    switch (t.type) {
      case 'identifier':
        if (!this.hasFunc(t.value)) this.error(t, `function "${t.value}" not defined`);
        return { kind: 'identifier', pos: t.pos, name: t.value };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable': {
        if (!this.vars.includes(t.value)) this.error(t, `undefined variable "${t.value}"`);
        return { kind: 'variable', pos: t.pos, ident: [t.value] };
      }
      case 'field':
        return { kind: 'field', pos: t.pos, ident: [t.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.value === 'true' };
      case 'char':
        return { kind: 'number', pos: t.pos, text: t.value, value: BigInt(unquote(t.value).codePointAt(0) ?? 0) };
      case 'number': {
        const value = parseNumber(t.value);
        if (value === undefined) this.error(t, `illegal number syntax: "${t.value}"`);
        return { kind: 'number', pos: t.pos, text: t.value, value };
      }
      case 'string':
        try {
          return { kind: 'string', pos: t.pos, quoted: t.value, value: unquote(t.value) };
        } catch {
          this.error(t, `invalid syntax`);
        }
      case 'rawString':
        return { kind: 'string', pos: t.pos, quoted: t.value, value: t.value.slice(1, -1) };
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { kind: 'pipe', pos: t.pos, pipe };
      }
      default:
        this.i--;
        return undefined;
    }
  }
}

/** Parses one file: its own tree (named `name`) first, then every `define`/`block` in it. */
export function parseTemplate(name: string, text: string, hasFunc: (fn: string) => boolean): ParsedTree[] {
  const p = new Parser(name, text, lex(text), hasFunc);
  p.parseFile();
  return p.trees;
}
