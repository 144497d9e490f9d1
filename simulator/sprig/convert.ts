/** spf13/cast-style conversions Sprig applies to its arguments, and Go's typed-parameter checks. */
import { formatValue } from '../gotemplate/fmt.js';
import { GoTime, isMap, isNil, typeName, type GoMap, type GoValue } from '../gotemplate/value.js';

/** A Go function error: the template engine reports it as `error calling NAME: message`. */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuncError';
  }
}

/** Go's reflect-level argument error, reported by the template engine without "error calling". */
export class ArgTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgTypeError';
  }
}

/** sprig `strval`: strings as they are, anything else `fmt.Sprintf("%v")`. */
export function strval(v: GoValue): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** A `string` parameter: only a string is accepted (reflect would refuse anything else). */
export function str(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (isNil(v)) throw new ArgTypeError('invalid value; expected string');
  throw new ArgTypeError(`wrong type for value; expected string; got ${typeName(v)}`);
}

/** An `int` parameter: Go integers only (a float64 from values.yaml is refused, as in Helm). */
export function int(v: GoValue): number {
  if (typeof v === 'bigint') return Number(v);
  if (isNil(v)) throw new ArgTypeError('invalid value; expected int');
  throw new ArgTypeError(`wrong type for value; expected int; got ${typeName(v)}`);
}

function parseIntBase0(s: string): bigint | undefined {
  const t = s.trim().replace(/_/g, '');
  const m = /^([+-]?)(0x[0-9a-f]+|0o[0-7]+|0b[01]+|0[0-7]*|[1-9][0-9]*)$/i.exec(t);
  if (!m) return undefined;
  let body = m[2]!;
  if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
  const n = BigInt(body);
  return m[1] === '-' ? -n : n;
}

/** cast.ToInt64: numbers truncated, numeric strings (base prefixes, a `.0` tail) parsed, else 0. */
export function toInt64(v: GoValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') return parseIntBase0(v.replace(/\.0*$/, '')) ?? 0n;
  return 0n;
}

/** cast.ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    return t !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(t) ? Number(t.replace(/inf(inity)?/i, 'Infinity')) : 0;
  }
  return 0;
}

/** A list argument (`[]interface{}` or any slice); nil is an empty list. */
export function list(v: GoValue, fn: string): GoValue[] {
  if (Array.isArray(v)) return v;
  if (isNil(v)) return [];
  throw new FuncError(`Cannot ${fn} on type ${typeName(v)}`);
}

/** A `map[string]interface{}` parameter. */
export function dict(v: GoValue): GoMap {
  if (isMap(v)) return v;
  throw new ArgTypeError(`wrong type for value; expected map[string]interface {}; got ${typeName(v)}`);
}

/** sprig `empty`: the zero value of its type, nil, or a zero-length string/slice/map. */
export function empty(v: GoValue): boolean {
  if (isNil(v)) return true;
  if (typeof v === 'string') return v === '';
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'bigint') return v === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoTime) return false;
  if (typeof v === 'function') return false;
  return Object.keys(v).length === 0;
}

/** sprig `toStrings`. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => !isNil(x)).map(strval);
  if (isNil(v)) return [];
  return [strval(v)];
}
