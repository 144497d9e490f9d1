/**
 * Helm's `--set` / `--set-string` (pkg/strvals): `a.b[1].c=value`, `\.` and `\,` escapes, `{x,y}` lists.
 * `--set` types values like strvals' typedVal: true/false, null, integers without a leading zero → int64;
 * everything else (floats too) stays a string. `--set-string` keeps strings.
 */
import { isMap, type GoMap, type GoValue } from '../../../gotemplate/index.js';

export class StrvalsError extends Error {}

function typedVal(v: string, asString: boolean): GoValue {
  if (asString) return v;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (v === '0') return 0n;
  if (v.length > 0 && v[0] !== '0' && /^[+-]?\d+$/.test(v)) {
    const n = BigInt(v);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
  }
  return v;
}

/** Splits on unescaped `sep`, dropping the escape backslash. */
function splitEscaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[++i];
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}

type Segment = { key: string } | { index: number };

function parseKey(key: string): Segment[] {
  const segs: Segment[] = [];
  for (const part of splitEscapedKeepBrackets(key)) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) throw new StrvalsError(`key "${key}" has no value`);
    if (m[1] !== '') segs.push({ key: m[1]! });
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) {
      const n = Number(idx[1]);
      if (n > 65536) throw new StrvalsError(`index of ${n} is greater than maximum supported index of 65536`);
      segs.push({ index: n });
    }
  }
  if (segs.length === 0) throw new StrvalsError(`key "${key}" has no value`);
  return segs;
}

function splitEscapedKeepBrackets(key: string): string[] {
  return splitEscaped(key, '.');
}

function setPath(target: GoValue[] | GoMap, segs: Segment[], value: GoValue): void {
  let cur: GoValue[] | GoMap = target;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const next = segs[i + 1];
    const fresh = (): GoValue[] | GoMap => (next !== undefined && 'index' in next ? [] : {});
    if ('key' in seg) {
      if (Array.isArray(cur)) throw new StrvalsError(`cannot set key ${seg.key} on a list`);
      if (last) cur[seg.key] = value;
      else {
        const existing = cur[seg.key];
        const child = (next && 'index' in next ? Array.isArray(existing) : isMap(existing)) ? (existing as GoValue[] | GoMap) : fresh();
        cur[seg.key] = child;
        cur = child;
      }
    } else {
      if (!Array.isArray(cur)) throw new StrvalsError(`cannot index a map with [${seg.index}]`);
      while (cur.length <= seg.index) cur.push(null);
      if (last) cur[seg.index] = value;
      else {
        const existing = cur[seg.index];
        const child = (next && 'index' in next ? Array.isArray(existing) : isMap(existing)) ? (existing as GoValue[] | GoMap) : fresh();
        cur[seg.index] = child;
        cur = child;
      }
    }
  });
}

/** Applies one `name=value` (Argo passes each parameter as its own `--set`) into `values`. */
export function applySet(values: GoMap, name: string, raw: string, asString: boolean): void {
  const segs = parseKey(name);
  let value: GoValue;
  if (raw.startsWith('{') && raw.endsWith('}')) {
    const inner = raw.slice(1, -1);
    value = inner === '' ? [] : splitEscaped(inner, ',').map((v) => typedVal(v, asString));
  } else value = typedVal(splitEscaped(raw, ',').join(','), asString);
  setPath(values, segs, value);
}

/** `--set-file name=path`: the file's content as one string at `name` (no list or escape parsing). */
export function setFileValue(values: GoMap, name: string, content: string): void {
  setPath(values, parseKey(name), content);
}
