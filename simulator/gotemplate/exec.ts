/**
 * text/template's executor over Go values. Missing map keys follow the `missingkey` option; errors carry
 * Go's `template: FILE:LINE:COL: executing "NAME" at <NODE>: MESSAGE` shape.
 */
import { argString, commandString, type ArgNode, type CommandNode, type ListNode, type Node, type PipeNode } from './ast.js';
import { BUILTINS } from './builtins.js';
import { formatValue } from './fmt.js';
import type { ParsedTree } from './parser.js';
import { isMap, sortedKeys, truth, typeName, type GoFunc, type GoValue } from './value.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

/** Go allows 100000 nested template calls; a JS stack holds fewer, so the sandbox stops earlier. */
export const MAX_EXEC_DEPTH = 1000;

export class TemplateExecError extends Error {
  constructor(
    /** The file the failing node is in, and its position (line 1-based, column 0-based like Go). */
    readonly parseName: string,
    readonly line: number,
    readonly column: number,
    /** The template executing (a file or a `define`). */
    readonly templateName: string,
    readonly context: string,
    readonly detail: string,
  ) {
    super(`template: ${parseName}:${line}:${column}: executing "${templateName}" at <${context}>: ${detail}`);
    this.name = 'TemplateExecError';
  }
}

/** Signals that are not errors: `{{break}}` and `{{continue}}` inside range. */
class BreakSignal {}
class ContinueSignal {}

/** An argument error thrown by a function (a Go reflect conversion error: no "error calling" prefix). */
export interface ArgErrorLike {
  name: string;
  message: string;
}

export interface ExecEnv {
  lookup(name: string): ParsedTree | undefined;
  funcs: Readonly<Record<string, GoFunc>>;
  missingKey: MissingKey;
}

interface Variable {
  name: string;
  value: GoValue;
}

export class Executor {
  private vars: Variable[] = [];
  private out: string[] = [];

  constructor(
    private readonly env: ExecEnv,
    private tree: ParsedTree,
    private readonly depth = 0,
  ) {}

  run(data: GoValue): string {
    this.vars = [{ name: '$', value: data }];
    this.walkList(data, this.tree.root);
    return this.out.join('');
  }

  /** `context` is the node's source text (lazy: only built for an error). */
  private fail(pos: number, context: string | (() => string), detail: string): never {
    if (typeof context === 'function') context = context();
    const before = this.tree.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const column = nl < 0 ? pos : pos - (nl + 1);
    throw new TemplateExecError(this.tree.parseName, line, column, this.tree.name, context, detail);
  }

  private walkList(dot: GoValue, list: ListNode): void {
    for (const node of list.nodes) this.walk(dot, node);
  }

  private walk(dot: GoValue, node: Node): void {
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out.push(val === undefined || val === null ? '<no value>' : formatValue(val));
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        if (truth(val)) this.walkList(node.kind === 'with' ? val : dot, node.list);
        else if (node.elseList) this.walkList(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(dot, node.pipe, node.list, node.elseList);
      case 'template':
        return this.walkTemplate(dot, node.pos, node.name, node.pipe);
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkRange(dot: GoValue, pipe: PipeNode, list: ListNode, elseList: ListNode | undefined): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, pipe);
    const iterate = (index: GoValue, elem: GoValue): boolean => {
      const inner = this.vars.length;
      if (pipe.decl.length === 1) this.setVar(pipe, pipe.decl[0]!, elem);
      if (pipe.decl.length === 2) {
        this.setVar(pipe, pipe.decl[0]!, index);
        this.setVar(pipe, pipe.decl[1]!, elem);
      }
      try {
        this.walkList(elem, list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = inner;
      }
      return true;
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (!iterate(BigInt(i), val[i] ?? null)) break;
      }
    } else if (isMap(val)) {
      for (const k of sortedKeys(val)) {
        ran = true;
        if (!iterate(k, val[k] ?? null)) break;
      }
    } else if (typeof val === 'bigint') {
      if (pipe.decl.length > 1) this.fail(pipe.pos, argStringOfPipe(pipe), `can't use ${val} to iterate over more than one variable`);
      for (let i = 0n; i < val; i++) {
        ran = true;
        if (!iterate(i, i)) break;
      }
    } else if (val !== null && val !== undefined) {
      this.fail(pipe.pos, argStringOfPipe(pipe), `range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && elseList) this.walkList(dot, elseList);
    this.vars.length = mark;
  }

  /** Range variables: `:=` declares in the iteration scope, `=` assigns the outer variable. */
  private setVar(pipe: PipeNode, name: string, value: GoValue): void {
    if (pipe.isAssign) this.assign(pipe.pos, name, value);
    else {
      for (let i = this.vars.length - 1; i >= 0; i--) {
        if (this.vars[i]!.name === name) {
          this.vars[i] = { name, value };
          return;
        }
      }
      this.vars.push({ name, value });
    }
  }

  private walkTemplate(dot: GoValue, pos: number, name: string, pipe: PipeNode | undefined): void {
    const tree = this.env.lookup(name);
    if (!tree) this.fail(pos, `{{template "${name}"}}`, `template "${name}" not defined`);
    if (this.depth + 1 >= MAX_EXEC_DEPTH) this.fail(pos, `{{template "${name}"}}`, `exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = pipe ? this.evalPipeline(dot, pipe) : null;
    this.out.push(new Executor(this.env, tree, this.depth + 1).run(newDot));
  }

  /** Runs a named template from a function (Helm's `include`), one level deeper. */
  static nested(env: ExecEnv, tree: ParsedTree, data: GoValue, depth: number): string {
    return new Executor(env, tree, depth).run(data);
  }

  private evalPipeline(dot: GoValue, pipe: PipeNode): GoValue {
    let value: GoValue = undefined;
    let hasFinal = false;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, hasFinal, value);
      hasFinal = true;
    }
    if (pipe.decl.length > 0) {
      if (pipe.isAssign) this.assign(pipe.pos, pipe.decl[0]!, value);
      else for (const name of pipe.decl) this.vars.push({ name, value });
    }
    return value;
  }

  private assign(pos: number, name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i] = { name, value };
        return;
      }
    }
    this.fail(pos, name, `undefined variable: ${name}`);
  }

  private variable(pos: number, name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.fail(pos, name, `undefined variable: ${name}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, hasFinal: boolean, final: GoValue): GoValue {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        return this.walkFields(dot, first.pos, () => argString(first), first.ident, this.methodArgs(dot, cmd, hasFinal, final));
      case 'chain': {
        const base = this.evalArg(dot, first.node);
        return this.walkFields(base, first.pos, () => argString(first), first.field, this.methodArgs(dot, cmd, hasFinal, final));
      }
      case 'variable': {
        const base = this.variable(first.pos, first.ident[0]!);
        if (first.ident.length === 1) {
          this.notAFunction(cmd, hasFinal);
          return base;
        }
        return this.walkFields(base, first.pos, () => argString(first), first.ident.slice(1), this.methodArgs(dot, cmd, hasFinal, final));
      }
      case 'identifier':
        return this.evalFunction(dot, first.name, cmd, hasFinal, final);
      case 'pipe':
        this.notAFunction(cmd, hasFinal);
        return this.evalPipeline(dot, first.pipe);
      default:
        this.notAFunction(cmd, hasFinal);
        if (first.kind === 'nil') this.fail(first.pos, 'nil', 'nil is not a command');
        return this.evalArg(dot, first);
    }
  }

  private notAFunction(cmd: CommandNode, hasFinal: boolean): void {
    if (cmd.args.length > 1 || hasFinal) this.fail(cmd.pos, commandString(cmd), `can't give argument to non-function ${argString(cmd.args[0]!)}`);
  }

  /** Arguments for a method-like field (`.Capabilities.APIVersions.Has "apps/v1"`), evaluated only when called. */
  private methodArgs(dot: GoValue, cmd: CommandNode, hasFinal: boolean, final: GoValue): (() => GoValue[]) | undefined {
    if (cmd.args.length === 1 && !hasFinal) return undefined;
    return () => {
      const args = cmd.args.slice(1).map((a) => this.evalArg(dot, a));
      if (hasFinal) args.push(final);
      return args;
    };
  }

  /**
   * Field chain. A method (a hidden, non-enumerable function property, e.g. Helm's `.Files.Get`) is called:
   * with no arguments inside the chain, with the command's arguments at its end. A function stored as a
   * plain map value is a Go func value: returned as is, for `call`.
   */
  private walkFields(receiver: GoValue, pos: number, context: string | (() => string), ident: string[], args?: () => GoValue[]): GoValue {
    let cur = receiver;
    ident.forEach((name, i) => {
      const last = i === ident.length - 1;
      const owner = cur;
      cur = this.field(cur, name, pos, context);
      if (typeof cur === 'function' && isMethod(owner, name)) cur = this.callMethod(cur, name, pos, context, last && args ? args() : []);
      else if (last && args) this.fail(pos, context, `${name} is not a method but has arguments`);
    });
    return cur;
  }

  private callMethod(fn: GoFunc, name: string, pos: number, context: string | (() => string), args: GoValue[]): GoValue {
    try {
      return fn(...args.map((a) => (a === undefined ? null : a)));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      this.fail(pos, context, `error calling ${name}: ${err.message}`);
    }
  }

  private field(receiver: GoValue, name: string, pos: number, context: string | (() => string)): GoValue {
    if (receiver === undefined) {
      if (this.env.missingKey === 'error') this.fail(pos, context, `nil data; no entry for key "${name}"`);
      return undefined;
    }
    if (receiver === null) this.fail(pos, context, `nil pointer evaluating interface {}.${name}`);
    // A method of a Go slice type (Helm's VersionSet.Has): a hidden, non-enumerable function property.
    if (Array.isArray(receiver) && Object.prototype.hasOwnProperty.call(receiver, name) && !/^\d+$/.test(name)) {
      const m = (receiver as unknown as Record<string, GoValue>)[name];
      if (typeof m === 'function') return m;
    }
    if (isMap(receiver)) {
      if (Object.prototype.hasOwnProperty.call(receiver, name)) return receiver[name] ?? null;
      switch (this.env.missingKey) {
        case 'zero':
          return null;
        case 'error':
          this.fail(pos, context, `map has no entry for key "${name}"`);
        default:
          return undefined;
      }
    }
    this.fail(pos, context, `can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  private evalArg(dot: GoValue, n: ArgNode): GoValue {
    switch (n.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'bool':
        return n.value;
      case 'number':
        return n.value;
      case 'string':
        return n.value;
      case 'field':
        return this.walkFields(dot, n.pos, () => argString(n), n.ident);
      case 'variable': {
        const base = this.variable(n.pos, n.ident[0]!);
        return n.ident.length === 1 ? base : this.walkFields(base, n.pos, () => argString(n), n.ident.slice(1));
      }
      case 'chain':
        return this.walkFields(this.evalArg(dot, n.node), n.pos, () => argString(n), n.field);
      case 'pipe':
        return this.evalPipeline(dot, n.pipe);
      case 'identifier':
        return this.evalFunction(dot, n.name, { kind: 'command', pos: n.pos, args: [n] }, false, undefined);
    }
  }

  private evalFunction(dot: GoValue, name: string, cmd: CommandNode, hasFinal: boolean, final: GoValue): GoValue {
    const argNodes = cmd.args.slice(1);
    const context = (): string => commandString(cmd);
    if (name === 'and' || name === 'or') {
      // Lazy since Go 1.18: stop at the first falsy (and) / truthy (or) argument, return it.
      const thunks: (() => GoValue)[] = argNodes.map((a) => () => this.evalArg(dot, a));
      if (hasFinal) thunks.push(() => final);
      if (thunks.length === 0) this.fail(cmd.pos, context, `wrong number of args for ${name}: want at least 1 got 0`);
      let v: GoValue = null;
      for (const t of thunks) {
        v = t();
        if (name === 'and' ? !truth(v) : truth(v)) return v;
      }
      return v;
    }
    const fn = this.env.funcs[name] ?? BUILTINS[name];
    if (!fn) this.fail(cmd.pos, context, `"${name}" is not a defined function`);
    const args = argNodes.map((a) => this.evalArg(dot, a));
    if (hasFinal) args.push(final);
    if (args.length < fn.length) this.fail(cmd.pos, context, `wrong number of args for ${name}: want ${fn.length} got ${args.length}`);
    try {
      // Go hands functions an untyped nil for a missing value; builtins see "invalid" the same way.
      return fn(...args.map((a) => (a === undefined ? null : a)));
    } catch (e) {
      if (e instanceof BreakSignal || e instanceof ContinueSignal) throw e;
      const err = e instanceof Error ? e : new Error(String(e));
      // A reflect-level argument mismatch reads without the "error calling" prefix, as in Go.
      if (err.name === 'ArgTypeError') this.fail(cmd.pos, context, err.message);
      this.fail(cmd.pos, context, `error calling ${name}: ${err.message}`);
    }
  }
}

function isMethod(owner: GoValue, name: string): boolean {
  if (owner === null || typeof owner !== 'object') return false;
  return Object.getOwnPropertyDescriptor(owner, name)?.enumerable === false;
}

function argStringOfPipe(pipe: PipeNode): string {
  return pipe.cmds.map(commandString).join(' | ');
}
