/** text/template's predefined functions (funcs.go) other than the lazy `and`/`or`, which the executor owns. */
import { formatValue, sprint, sprintf, sprintln } from './fmt.js';
import { GoTime, isMap, isNil, truth, typeName, type GoFunc, type GoValue } from './value.js';

/** An error a builtin returns: reported as `error calling NAME: MESSAGE`. */
export class BuiltinError extends Error {}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';

function basicKind(v: GoValue): BasicKind {
  if (isNil(v)) return 'invalid';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  return 'other';
}

function eq(a: GoValue, ...rest: GoValue[]): boolean {
  if (rest.length === 0) throw new BuiltinError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let same = false;
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid') throw new BuiltinError('incompatible types for comparison');
    } else if (k1 === 'other') {
      if (Array.isArray(a) || isMap(a) || typeof a === 'function') throw new BuiltinError(`non-comparable type ${formatValue(a)}: ${typeName(a)}`);
      same = a instanceof GoTime && b instanceof GoTime && a.ms === b.ms;
    } else same = k1 === 'invalid' || a === b;
    if (same) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k1 === 'bool' || k2 === 'invalid' || k2 === 'other' || k2 === 'bool') {
    throw new BuiltinError(k1 === k2 || k1 === 'bool' || k1 === 'invalid' || k1 === 'other' ? 'invalid type for comparison' : 'incompatible types for comparison');
  }
  if (k1 !== k2) throw new BuiltinError('incompatible types for comparison');
  return (a as string | number | bigint) < (b as string | number | bigint);
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function index(item: GoValue, ...indices: GoValue[]): GoValue {
  if (isNil(item)) throw new BuiltinError('index of untyped nil');
  let cur: GoValue = item;
  for (const ix of indices) {
    if (isNil(cur)) throw new BuiltinError('index of nil pointer');
    if (Array.isArray(cur) || typeof cur === 'string') {
      if (typeof ix !== 'bigint') throw new BuiltinError(`cannot index slice/array with type ${typeName(ix)}`);
      const n = Number(ix);
      const len = typeof cur === 'string' ? utf8Length(cur) : cur.length;
      if (n < 0 || n >= len) throw new BuiltinError(`index out of range: ${n}`);
      cur = typeof cur === 'string' ? BigInt(new TextEncoder().encode(cur)[n]!) : (cur[n] ?? null);
    } else if (isMap(cur)) {
      if (typeof ix !== 'string') throw new BuiltinError(`value has type ${typeName(ix)}; should be string`);
      cur = ix in cur ? (cur[ix] ?? null) : null;
    } else throw new BuiltinError(`can't index item of type ${typeName(cur)}`);
  }
  return cur;
}

function slice(item: GoValue, ...indices: GoValue[]): GoValue {
  if (isNil(item)) throw new BuiltinError('slice of untyped nil');
  if (indices.length > 3) throw new BuiltinError(`too many slice indexes: ${indices.length}`);
  if (typeof item !== 'string' && !Array.isArray(item)) throw new BuiltinError(`can't slice item of type ${typeName(item)}`);
  if (typeof item === 'string' && indices.length > 2) throw new BuiltinError('cannot 3-index slice a string');
  const len = item.length;
  const idx = indices.map((i) => {
    if (typeof i !== 'bigint') throw new BuiltinError(`cannot index slice/array with type ${typeName(i)}`);
    return Number(i);
  });
  const a = idx[0] ?? 0;
  const b = idx[1] ?? len;
  if (a < 0 || a > len) throw new BuiltinError(`index out of range: ${a}`);
  if (b < a || b > len) throw new BuiltinError(`invalid slice index: ${a} > ${b}`);
  return item.slice(a, b);
}

function len(v: GoValue): bigint {
  if (isNil(v)) throw new BuiltinError('len of nil pointer');
  if (typeof v === 'string') return BigInt(utf8Length(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  throw new BuiltinError(`len of type ${typeName(v)}`);
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

/** template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if ('<>&=`'.includes(ch) || c < 0x20) out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Argument list → the string html/js/urlquery escape (Go's evalArgs: one string argument as is, else Sprint). */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

export const BUILTINS: Record<string, GoFunc> = {
  not: (v) => !truth(v),
  eq,
  ne: (a, b) => !eq(a, b),
  lt: (a, b) => lt(a, b),
  le: (a, b) => lt(a, b) || eq(a, b),
  gt: (a, b) => !(lt(a, b) || eq(a, b)),
  ge: (a, b) => !lt(a, b),
  len,
  index,
  slice,
  print: (...args) => sprint(args),
  printf: (format, ...args) => {
    if (typeof format !== 'string') throw new BuiltinError(`wrong type for value; expected string; got ${typeName(format)}`);
    return sprintf(format, args);
  },
  println: (...args) => sprintln(args),
  html: (...args) => htmlEscape(evalArgs(args)),
  js: (...args) => jsEscape(evalArgs(args)),
  urlquery: (...args) => queryEscape(evalArgs(args)),
  call: (fn, ...args) => {
    if (typeof fn !== 'function') throw new BuiltinError(`non-function of type ${typeName(fn)}`);
    return fn(...args);
  },
};

/** Names the parser accepts without a FuncMap entry (`and`/`or` are evaluated lazily by the executor). */
export const BUILTIN_NAMES = new Set([...Object.keys(BUILTINS), 'and', 'or']);
