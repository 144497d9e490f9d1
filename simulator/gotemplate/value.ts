/**
 * Go values as the template engine and Sprig see them. JS has one number type, Go has several, and
 * templates behave differently for them (`eq 1 1.0` fails, `%d` of a float64 prints `%!d(float64=1)`):
 * a `bigint` is a Go integer (int / int64), a `number` is a float64 (what YAML/JSON values become in
 * Helm). `undefined` is a missing value ("<no value>"), `null` is nil.
 */

export type GoValue = null | undefined | boolean | number | bigint | string | GoTime | GoFunc | GoValue[] | GoMap;
export interface GoMap {
  [key: string]: GoValue;
}
/** A function a template can call; throwing is Go's non-nil error result. */
export type GoFunc = (...args: GoValue[]) => GoValue;

/** A `time.Time`: epoch milliseconds and a zone offset in minutes east of UTC (the sandbox uses UTC). */
export class GoTime {
  constructor(
    readonly ms: number,
    readonly offsetMinutes = 0,
    readonly zone = 'UTC',
  ) {}
}

export function isMap(v: GoValue): v is GoMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoTime);
}

export function isNil(v: GoValue): v is null | undefined {
  return v === null || v === undefined;
}

/** Go's type name, as `%T` and error messages print it. */
export function typeName(v: GoValue): string {
  if (isNil(v)) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'function') return 'func';
  if (v instanceof GoTime) return 'time.Time';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** reflect.Kind names, for sprig's `kindOf` / `kindIs`. */
export function kindName(v: GoValue): string {
  if (isNil(v)) return 'invalid';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'function') return 'func';
  if (v instanceof GoTime) return 'struct';
  if (Array.isArray(v)) return 'slice';
  if (isMap(v)) return 'map';
  return typeName(v);
}

/** text/template's truth: false, 0, nil, and empty strings, slices and maps are false. */
export function truth(v: GoValue): boolean {
  if (isNil(v)) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GoTime || typeof v === 'function') return true;
  return Object.keys(v).length > 0;
}

/** Sorted map keys: Go's fmt, range and json all visit maps in key order. */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * JSON/YAML data → Go values. Kubernetes objects (unstructured) carry integers as int64; Helm values
 * (sigs.k8s.io/yaml → encoding/json) carry every number as float64: `ints` picks.
 */
export function fromJsonData(v: unknown, ints: 'int64' | 'float64' = 'float64'): GoValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return ints === 'int64' && Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (Array.isArray(v)) return v.map((x) => fromJsonData(x, ints));
  if (typeof v === 'object') {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = fromJsonData(x, ints);
    return out;
  }
  return null;
}

export type JsonData = null | boolean | number | string | JsonData[] | { [k: string]: JsonData };

/** Go values → plain JSON data (integers become numbers, times RFC 3339 strings, funcs dropped). */
export function toJsonData(v: GoValue): JsonData {
  if (isNil(v) || typeof v === 'function') return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoTime) return new Date(v.ms).toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(toJsonData);
  if (isMap(v)) {
    const out: { [k: string]: JsonData } = {};
    for (const k of Object.keys(v)) if (typeof v[k] !== 'function') out[k] = toJsonData(v[k]);
    return out;
  }
  return v;
}

/** Structural equality (`reflect.DeepEqual`), with int and float64 different types as in Go. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== typeof b) return false;
  if (a instanceof GoTime || b instanceof GoTime) return a instanceof GoTime && b instanceof GoTime && a.ms === b.ms;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return a === b;
}

export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out;
  }
  return v;
}

/**
 * Attaches Go methods to a value: hidden (non-enumerable) function properties, which field access calls
 * (`.Files.Get "x"`, `.Capabilities.APIVersions.Has "v1"`) and fmt uses (`String`), but `range`, `keys`
 * and JSON never see.
 */
export function defineMethods<T extends object>(value: T, methods: Record<string, GoFunc>): T {
  for (const [name, fn] of Object.entries(methods)) Object.defineProperty(value, name, { value: fn, enumerable: false, configurable: true });
  return value;
}
