/**
 * Runtime values of the expression language and the Go-flavoured helpers around them. JSON-like data
 * (string, number, boolean, null, arrays, plain objects) plus time values and host functions. A number
 * with an integral value behaves as Go `int`, any other as `float64` (JSON data has no other marker).
 */
import { fault } from './errors.js';

/** A point in (virtual) time, as expr's `time.Time`. */
export class ExprTime {
  constructor(readonly ms: number) {}
}

/** A span of time, as Go's `time.Duration` (kept in milliseconds; Go counts nanoseconds). */
export class ExprDuration {
  constructor(readonly ms: number) {}
}

/** A function from the environment (builtins, `asInt`, `sprig.*`, notification helpers). */
export type HostFunction = (...args: unknown[]) => unknown;

export type ExprMap = Record<string, unknown>;

export function isMap(v: unknown): v is ExprMap {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isFunction(v: unknown): v is HostFunction {
  return typeof v === 'function';
}

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Go `%T`-style type name, used in expr-lang's error messages. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'function':
      return 'func(...interface {}) interface {}';
    default:
      break;
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof ExprTime) return 'time.Time';
  if (v instanceof ExprDuration) return 'time.Duration';
  return 'map[string]interface {}';
}

/** Type name as expr's checker prints it for literals (`nil` rather than `<nil>`). */
export function checkerTypeName(v: unknown): string {
  return v === null || v === undefined ? 'nil' : typeName(v);
}

/** expr-lang `runtime.Equal`: numbers compare by value across int/float, everything else deeply. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a instanceof ExprTime && b instanceof ExprTime) return a.ms === b.ms;
  if (a instanceof ExprDuration && b instanceof ExprDuration) return a.ms === b.ms;
  return deepEqual(a, b);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Go's `%v` formatting, which expr's `string()` and Sprint-based helpers use. */
export function goString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  if (v instanceof ExprTime) return goTime(v.ms);
  if (v instanceof ExprDuration) return goDuration(v.ms);
  if (typeof v === 'function') return '0x0';
  if (isMap(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goString(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** `strconv.FormatFloat(f, 'g', -1, 64)` as `%v` prints it: exponent form below 1e-4 or from 1e21 on. */
function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = n.toExponential().split('e');
    const en = Number(e);
    return `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

function goTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms % 1000 ? iso.slice(19, 23) : ''} +0000 UTC`;
}

/** Go `time.Duration.String()`: `1h2m3s`, `1.5s`, `0s`, `250ms`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  let out = '';
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  out += `${s}s`;
  return (neg ? '-' : '') + out;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go `time.ParseDuration`. */
export function parseGoDuration(s: string): ExprDuration {
  const re = /^([+-])?((?:\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;
  if (s === '0') return new ExprDuration(0);
  if (!re.test(s)) fault(`time: invalid duration "${s}"`);
  const sign = s.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * (DURATION_UNITS[m[2]] ?? 0);
  return new ExprDuration(sign * total);
}

/** Go's `encoding/json` for plain data: map keys sorted, `indent` for MarshalIndent. */
export function goJSON(v: unknown, indent = ''): string {
  const norm = (x: unknown): unknown => {
    if (x === undefined || x === null) return null;
    if (x instanceof ExprTime) return new Date(x.ms).toISOString().replace('.000Z', 'Z');
    if (x instanceof ExprDuration) return Math.round(x.ms * 1e6);
    if (typeof x === 'function') fault('json: unsupported type: func(...interface {}) interface {}');
    if (Array.isArray(x)) return x.map(norm);
    if (isMap(x)) {
      const out: ExprMap = {};
      for (const k of Object.keys(x).sort()) out[k] = norm(x[k]);
      return out;
    }
    return x;
  };
  // Go escapes <, > and & in JSON strings (HTML-safe by default).
  return JSON.stringify(norm(v), null, indent || undefined)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/** `fromJSON`: Go json.Unmarshal into interface{}; errors in Go's wording where it matters. */
export function parseJSON(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return fault(`invalid character in JSON input ${JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s)}`);
  }
}
