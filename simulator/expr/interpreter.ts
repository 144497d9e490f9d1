/**
 * Tree-walking evaluator. Deterministic: no clock or randomness of its own (`now()` reads the virtual
 * time the caller passes in). Every node costs one step; past `maxSteps` evaluation stops with an error.
 */
import type { Node } from './ast.js';
import { ExprError, RuntimeFault, fault } from './errors.js';
import { add, compare, divide, exponent, inOp, modulo, multiply, negate, range, stringOp, subtract } from './ops.js';
import { ExprDuration, ExprTime, equal, isFunction, isInt, isMap, typeName } from './values.js';
import type { ExprMap } from './values.js';

/** The function a closure argument (`# > 1`) evaluates to. */
export class Closure {
  constructor(readonly call: (item: unknown, index: number, acc?: unknown) => unknown) {}
}

export interface BuiltinContext {
  /** Virtual now in ms (for `now()`); undefined when the caller gave no clock. */
  now?: number;
  /** Charge extra steps for work done inside a builtin (iterations). */
  charge(n: number): void;
}

export type Builtin = (args: unknown[], ctx: BuiltinContext) => unknown;

export interface RunOptions {
  now?: number;
  maxSteps: number;
  /** A name missing from the environment reads as nil (expr compiled without `expr.Env`). */
  allowUndefined?: boolean;
}

/** Thrown by an optional link (`?.`) on nil; caught by the enclosing chain. */
class ShortCircuit {}
const SHORT = new ShortCircuit();

interface Frame {
  item: unknown;
  index: number;
  acc: unknown;
}

export class Interpreter implements BuiltinContext {
  private steps = 0;
  private readonly frames: Frame[] = [];
  private readonly vars: Map<string, unknown>[] = [];
  readonly now?: number;

  constructor(
    private readonly src: string,
    private readonly env: ExprMap,
    private readonly builtins: Record<string, Builtin>,
    private readonly opts: RunOptions,
  ) {
    this.now = opts.now;
  }

  charge(n: number): void {
    this.steps += n;
    if (this.steps > this.opts.maxSteps) fault(`evaluation exceeded the limit of ${this.opts.maxSteps} steps`);
  }

  run(node: Node): unknown {
    const v = this.visit(node);
    return v === undefined ? null : v;
  }

  private visit(node: Node): unknown {
    this.steps++;
    if (this.steps > this.opts.maxSteps) {
      throw new ExprError(`evaluation exceeded the limit of ${this.opts.maxSteps} steps`, this.src, node.pos);
    }
    try {
      return this.evalNode(node);
    } catch (e) {
      if (e instanceof ExprError || e instanceof ShortCircuit) throw e;
      if (e instanceof RuntimeFault) throw new ExprError(e.message, this.src, node.pos);
      if (e instanceof RangeError) throw new ExprError('expression nested too deeply', this.src, node.pos);
      throw new ExprError(e instanceof Error ? e.message : String(e), this.src, node.pos);
    }
  }

  private evalNode(node: Node): unknown {
    switch (node.kind) {
      case 'nil':
        return null;
      case 'bool':
      case 'number':
      case 'string':
        return node.value;
      case 'ident':
        return this.lookup(node.name);
      case 'var':
        return this.variable(node.name);
      case 'pointer':
        return this.pointer(node.name);
      case 'array':
        return node.elements.map((e) => this.visit(e));
      case 'map': {
        const out: ExprMap = {};
        for (const { key, value } of node.entries) {
          const k = this.visit(key);
          out[typeof k === 'string' ? k : String(k)] = this.visit(value);
        }
        return out;
      }
      case 'member':
        return this.member(this.visit(node.object), this.visit(node.property), node.optional);
      case 'chain':
        try {
          return this.visit(node.node);
        } catch (e) {
          if (e instanceof ShortCircuit) return null;
          throw e;
        }
      case 'slice':
        return this.slice(node);
      case 'unary':
        return this.unary(node.op, node.operand);
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'conditional': {
        const test = this.visit(node.test);
        if (typeof test !== 'boolean') fault(`interface conversion: interface {} is ${typeName(test)}, not bool`);
        return test ? this.visit(node.consequent) : this.visit(node.alternate);
      }
      case 'let': {
        const value = this.visit(node.value);
        this.vars.push(new Map([[node.name, value]]));
        try {
          return this.visit(node.body);
        } finally {
          this.vars.pop();
        }
      }
      case 'closure':
        return this.closure(node.body);
      case 'builtin': {
        const fn = this.builtins[node.name];
        if (!fn) return fault(`unknown func ${node.name}`);
        return fn(node.args.map((a) => this.visit(a)), this);
      }
      case 'call':
        return this.call(node.callee, node.args);
    }
  }

  private lookup(name: string): unknown {
    if (name === '$env') return this.env;
    if (!Object.prototype.hasOwnProperty.call(this.env, name)) return this.opts.allowUndefined ? null : fault(`unknown name ${name}`);
    const v = this.env[name];
    return v === undefined ? null : v;
  }

  private variable(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].has(name)) return this.vars[i].get(name);
    return fault(`unknown name ${name}`);
  }

  private pointer(name: '' | 'index' | 'acc'): unknown {
    const f = this.frames[this.frames.length - 1];
    if (!f) return fault('cannot use pointer accessor outside predicate');
    return name === 'index' ? f.index : name === 'acc' ? f.acc : f.item;
  }

  private closure(body: Node): Closure {
    return new Closure((item, index, acc) => {
      this.frames.push({ item, index, acc });
      try {
        return this.visit(body);
      } finally {
        this.frames.pop();
      }
    });
  }

  /** expr-lang `runtime.Fetch`. */
  member(obj: unknown, prop: unknown, optional: boolean): unknown {
    if (obj === null || obj === undefined) {
      if (optional) throw SHORT;
      return fault(`cannot fetch ${String(prop)} from <nil>`);
    }
    if (isMap(obj)) {
      if (typeof prop !== 'string') return fault(`cannot use ${typeName(prop)} as type string in map key`);
      const v = Object.prototype.hasOwnProperty.call(obj, prop) ? obj[prop] : undefined;
      return v === undefined ? null : v;
    }
    if (Array.isArray(obj) || typeof obj === 'string') {
      if (!isInt(prop)) return fault(`cannot fetch ${String(prop)} from ${typeName(obj)}`);
      const len = obj.length;
      const i = prop < 0 ? prop + len : prop;
      if (i < 0 || i >= len) return fault(`index out of range: ${prop} (array length is ${len})`);
      const v: unknown = obj[i];
      return v === undefined ? null : v;
    }
    return fault(`cannot fetch ${String(prop)} from ${typeName(obj)}`);
  }

  private slice(node: Extract<Node, { kind: 'slice' }>): unknown {
    const obj = this.visit(node.object);
    if (!Array.isArray(obj) && typeof obj !== 'string') return fault(`cannot slice ${typeName(obj)}`);
    const len = obj.length;
    const bound = (n: Node | undefined, dflt: number): number => {
      if (!n) return dflt;
      const v = this.visit(n);
      if (!isInt(v)) return fault(`invalid operation: non-integer slice index (type ${typeName(v)})`);
      const i = v < 0 ? v + len : v;
      return Math.max(0, Math.min(len, i));
    };
    const from = bound(node.from, 0);
    const to = Math.max(from, bound(node.to, len));
    return obj.slice(from, to);
  }

  private unary(op: string, operand: Node): unknown {
    const v = this.visit(operand);
    if (op === 'not') {
      if (typeof v !== 'boolean') return fault(`interface conversion: interface {} is ${typeName(v)}, not bool`);
      return !v;
    }
    if (op === '-') return negate(v);
    if (typeof v !== 'number') return fault(`invalid operation: + (mismatched type ${typeName(v)})`);
    return v;
  }

  /** A non-bool operand of and/or is Go's failed type assertion in the VM. */
  private bool(_op: string, v: unknown, _other: string): boolean {
    if (typeof v !== 'boolean') return fault(`interface conversion: interface {} is ${typeName(v)}, not bool`);
    return v;
  }

  private binary(op: string, leftNode: Node, rightNode: Node): unknown {
    if (op === 'and' || op === '&&') {
      if (!this.bool(op, this.visit(leftNode), 'bool')) return false;
      return this.bool(op, this.visit(rightNode), 'bool');
    }
    if (op === 'or' || op === '||') {
      if (this.bool(op, this.visit(leftNode), 'bool')) return true;
      return this.bool(op, this.visit(rightNode), 'bool');
    }
    if (op === '??') {
      const l = this.visit(leftNode);
      return l === null || l === undefined ? this.visit(rightNode) : l;
    }
    const a = this.visit(leftNode);
    const b = this.visit(rightNode);
    switch (op) {
      case '==':
        return equal(a, b);
      case '!=':
        return !equal(a, b);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(op, a, b);
      case '+':
        return add(a, b);
      case '-':
        return subtract(a, b);
      case '*':
        return multiply(a, b);
      case '/':
        return divide(a, b);
      case '%':
        return modulo(a, b);
      case '**':
      case '^':
        return exponent(a, b);
      case 'in':
        return inOp(a, b);
      case '..': {
        const r = range(a, b);
        this.charge(r.length);
        return r;
      }
      default:
        return stringOp(op, a, b);
    }
  }

  private call(callee: Node, argNodes: Node[]): unknown {
    if (callee.kind === 'member') {
      const obj = this.visit(callee.object);
      const name = this.visit(callee.property);
      if (typeof name === 'string' && (obj instanceof ExprTime || obj instanceof ExprDuration)) {
        return timeMethod(obj, name, argNodes.map((a) => this.visit(a)));
      }
      const fn = this.member(obj, name, callee.optional);
      if (!isFunction(fn)) return fault(`${String(name)} is not callable`);
      return fn(...argNodes.map((a) => this.visit(a)));
    }
    const fn = this.visit(callee);
    if (!isFunction(fn)) {
      return fault(`${callee.kind === 'ident' ? callee.name : 'value'} is not callable (type ${typeName(fn)})`);
    }
    const out: unknown = fn(...argNodes.map((a) => this.visit(a)));
    return out === undefined ? null : out;
  }
}

/** The `time.Time` / `time.Duration` methods Argo CD notification conditions use. */
function timeMethod(obj: ExprTime | ExprDuration, name: string, args: unknown[]): unknown {
  if (obj instanceof ExprDuration) {
    switch (name) {
      case 'Hours':
        return obj.ms / 3_600_000;
      case 'Minutes':
        return obj.ms / 60_000;
      case 'Seconds':
        return obj.ms / 1000;
      case 'Milliseconds':
        return Math.trunc(obj.ms);
      case 'String':
        return `${obj.ms}`;
      default:
        return fault(`type time.Duration has no method ${name}`);
    }
  }
  const other = args[0];
  switch (name) {
    case 'Sub':
      if (!(other instanceof ExprTime)) return fault(`cannot use ${typeName(other)} as time.Time in Sub`);
      return new ExprDuration(obj.ms - other.ms);
    case 'Add':
      if (!(other instanceof ExprDuration)) return fault(`cannot use ${typeName(other)} as time.Duration in Add`);
      return new ExprTime(obj.ms + other.ms);
    case 'Before':
    case 'After':
    case 'Equal':
      if (!(other instanceof ExprTime)) return fault(`cannot use ${typeName(other)} as time.Time in ${name}`);
      return name === 'Before' ? obj.ms < other.ms : name === 'After' ? obj.ms > other.ms : obj.ms === other.ms;
    case 'Unix':
      return Math.floor(obj.ms / 1000);
    case 'UnixMilli':
      return obj.ms;
    case 'Year':
      return new Date(obj.ms).getUTCFullYear();
    case 'Hour':
      return new Date(obj.ms).getUTCHours();
    case 'IsZero':
      return obj.ms === -62135596800000;
    default:
      return fault(`type time.Time has no method ${name}`);
  }
}
