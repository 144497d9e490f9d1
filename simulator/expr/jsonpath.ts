/**
 * The JSONPath subset Argo Workflows' `jsonpath(json, path)` is used with (evilmonkeyinc/jsonpath):
 * `$`, `.name`, `['name']`, `[n]` (negative from the end), `[*]`, `.*`, `..name`, `[a,b]`, `[start:end]`,
 * and filters `[?(@.field == 'x')]` with == != < <= > >= and bare `@.field` existence. A path that can
 * select several values returns an array; a definite path returns the value itself.
 */
import { fault } from './errors.js';
import { equal, isMap } from './values.js';

type Segment =
  | { t: 'key'; keys: string[] }
  | { t: 'index'; idx: number[] }
  | { t: 'wild' }
  | { t: 'deep'; key: string | null }
  | { t: 'slice'; from?: number; to?: number }
  | { t: 'filter'; path: string[]; op?: string; value?: unknown };

function parsePath(path: string): Segment[] {
  if (!path.startsWith('$')) fault(`invalid JSONPath ${JSON.stringify(path)}: must start with '$'`);
  const segs: Segment[] = [];
  let i = 1;
  const name = (): string => {
    const m = /^[A-Za-z0-9_\-$]+/.exec(path.slice(i));
    if (!m) fault(`invalid JSONPath ${JSON.stringify(path)} at ${i}`);
    i += m[0].length;
    return m[0];
  };
  while (i < path.length) {
    if (path.startsWith('..', i)) {
      i += 2;
      if (path[i] === '*') {
        i++;
        segs.push({ t: 'deep', key: null });
      } else segs.push({ t: 'deep', key: name() });
    } else if (path[i] === '.') {
      i++;
      if (path[i] === '*') {
        i++;
        segs.push({ t: 'wild' });
      } else segs.push({ t: 'key', keys: [name()] });
    } else if (path[i] === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) fault(`invalid JSONPath ${JSON.stringify(path)}: missing ']'`);
      segs.push(bracket(path.slice(i + 1, end).trim(), path));
      i = end + 1;
    } else {
      fault(`invalid JSONPath ${JSON.stringify(path)} at ${i}`);
    }
  }
  return segs;
}

function literal(s: string): unknown {
  const t = s.trim();
  if (/^'.*'$/.test(t)) return t.slice(1, -1);
  if (/^".*"$/.test(t)) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null') return null;
  const n = Number(t);
  if (t !== '' && !Number.isNaN(n)) return n;
  return fault(`invalid JSONPath filter value ${t}`);
}

function bracket(body: string, path: string): Segment {
  if (body === '*') return { t: 'wild' };
  const filter = /^\?\(@((?:\.[A-Za-z0-9_-]+)*)\s*(?:(==|!=|<=|>=|<|>)\s*(.+))?\)$/.exec(body);
  if (filter) {
    const fpath = filter[1].split('.').filter(Boolean);
    return filter[2] ? { t: 'filter', path: fpath, op: filter[2], value: literal(filter[3]) } : { t: 'filter', path: fpath };
  }
  const slice = /^(-?\d*):(-?\d*)$/.exec(body);
  if (slice) return { t: 'slice', from: slice[1] ? Number(slice[1]) : undefined, to: slice[2] ? Number(slice[2]) : undefined };
  const parts = body.split(',').map((p) => p.trim());
  if (parts.every((p) => /^-?\d+$/.test(p))) return { t: 'index', idx: parts.map(Number) };
  if (parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p))) return { t: 'key', keys: parts.map((p) => p.slice(1, -1)) };
  return fault(`invalid JSONPath ${JSON.stringify(path)}: unsupported selector [${body}]`);
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isMap(v)) return Object.keys(v).sort().map((k) => v[k]);
  return [];
}

function descend(v: unknown, key: string | null, out: unknown[]): void {
  if (isMap(v)) {
    if (key === null) out.push(...children(v));
    else if (Object.prototype.hasOwnProperty.call(v, key)) out.push(v[key]);
  } else if (Array.isArray(v) && key === null) out.push(...v);
  for (const c of children(v)) descend(c, key, out);
}

function cmp(op: string, a: unknown, b: unknown): boolean {
  if (op === '==') return equal(a, b);
  if (op === '!=') return !equal(a, b);
  if (typeof a === 'number' && typeof b === 'number') return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  if (typeof a === 'string' && typeof b === 'string') return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
  return false;
}

export function jsonPathQuery(path: string, data: unknown): unknown {
  const segs = parsePath(path.trim());
  let current: unknown[] = [data];
  let definite = true;
  for (const s of segs) {
    const next: unknown[] = [];
    for (const v of current) {
      switch (s.t) {
        case 'key':
          if (s.keys.length > 1) definite = false;
          for (const k of s.keys) {
            if (!isMap(v) || !Object.prototype.hasOwnProperty.call(v, k)) {
              if (definite) fault(`key: invalid token key '${k}' not found`);
              continue;
            }
            next.push(v[k]);
          }
          break;
        case 'index':
          if (s.idx.length > 1) definite = false;
          for (const n of s.idx) {
            if (!Array.isArray(v)) {
              if (definite) fault('index: invalid token target. expected [array slice] got [' + (isMap(v) ? 'map' : typeof v) + ']');
              continue;
            }
            const i = n < 0 ? n + v.length : n;
            if (i < 0 || i >= v.length) {
              if (definite) fault('index: invalid token out of range');
              continue;
            }
            next.push(v[i]);
          }
          break;
        case 'wild':
          definite = false;
          next.push(...children(v));
          break;
        case 'deep':
          definite = false;
          descend(v, s.key, next);
          break;
        case 'slice': {
          definite = false;
          if (!Array.isArray(v)) continue;
          const len = v.length;
          const norm = (x: number | undefined, d: number): number => (x === undefined ? d : Math.max(0, Math.min(len, x < 0 ? x + len : x)));
          next.push(...v.slice(norm(s.from, 0), norm(s.to, len)));
          break;
        }
        case 'filter':
          definite = false;
          for (const c of children(v)) {
            let field: unknown = c;
            let present = true;
            for (const p of s.path) {
              if (isMap(field) && Object.prototype.hasOwnProperty.call(field, p)) field = field[p];
              else present = false;
            }
            if (s.op ? present && cmp(s.op, field, s.value) : present) next.push(c);
          }
          break;
      }
    }
    current = next;
  }
  return definite ? (current[0] ?? null) : current;
}
