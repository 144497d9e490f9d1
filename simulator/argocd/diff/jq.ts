/**
 * The small subset of jq that `ignoreDifferences.jqPathExpressions` use in practice, evaluated as
 * "delete these paths" (Argo CD runs `del(<expr>)`). Supported: `.a.b`, `.a["k"]`, `.a[]`, `.a[]?`,
 * `.a[0]`, and `<path> | select(.f == "v") | <path>` chains. Anything else is reported unsupported.
 */
import { isObj } from '../../cluster/types.js';

type Step = { kind: 'key'; key: string } | { kind: 'each' } | { kind: 'index'; index: number } | { kind: 'select'; path: string[]; value: unknown };

export class UnsupportedJqError extends Error {
  constructor(expr: string, why: string) {
    super(`unsupported jqPathExpression "${expr}": ${why} (the sandbox supports .a.b, .a[]?, .a[0], .a["k"] and | select(.f == "v"))`);
  }
}

function parsePath(expr: string, src: string): Step[] {
  const steps: Step[] = [];
  let s = src.trim();
  if (!s.startsWith('.')) throw new UnsupportedJqError(expr, `"${s}" is not a path`);
  if (s === '.') return steps;
  while (s.length > 0) {
    let m: RegExpMatchArray | null;
    if ((m = s.match(/^\.?\[\]\??/))) steps.push({ kind: 'each' });
    else if ((m = s.match(/^\.?\[(\d+)\]\??/))) steps.push({ kind: 'index', index: Number(m[1]) });
    else if ((m = s.match(/^\.?\["((?:[^"\\]|\\.)*)"\]\??/))) steps.push({ kind: 'key', key: JSON.parse(`"${m[1] ?? ''}"`) as string });
    else if ((m = s.match(/^\.([A-Za-z_][A-Za-z0-9_]*)\??/))) steps.push({ kind: 'key', key: m[1] ?? '' });
    else if ((m = s.match(/^\."((?:[^"\\]|\\.)*)"\??/))) steps.push({ kind: 'key', key: JSON.parse(`"${m[1] ?? ''}"`) as string });
    else throw new UnsupportedJqError(expr, `cannot parse "${s}"`);
    s = s.slice(m[0].length);
  }
  return steps;
}

function parseSelect(expr: string, src: string): Step {
  const m = src.trim().match(/^select\(\s*(\.[^=!<>]*?)\s*==\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)\s*\)$/);
  if (!m) throw new UnsupportedJqError(expr, `only select(.field == literal) is supported, got "${src.trim()}"`);
  const path = parsePath(expr, m[1] ?? '.').map((st) => {
    if (st.kind !== 'key') throw new UnsupportedJqError(expr, 'select() compares a plain field path');
    return st.key;
  });
  return { kind: 'select', path, value: JSON.parse(m[2] ?? 'null') as unknown };
}

/** Parse once; throws UnsupportedJqError with the reason. */
export function parseJq(expr: string): Step[] {
  const parts = expr.split('|');
  const steps: Step[] = [];
  for (const part of parts) {
    if (part.trim().startsWith('select')) steps.push(parseSelect(expr, part));
    else steps.push(...parsePath(expr, part));
  }
  return steps;
}

/** Location of one matched value: its container and key/index. */
interface Hit {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

function walk(value: unknown, steps: Step[], at: Hit | undefined, out: Hit[]): void {
  const [step, ...rest] = steps;
  if (!step) {
    if (at) out.push(at);
    return;
  }
  if (step.kind === 'key') {
    if (isObj(value) && Object.prototype.hasOwnProperty.call(value, step.key)) walk(value[step.key], rest, { parent: value, key: step.key }, out);
  } else if (step.kind === 'index') {
    if (Array.isArray(value) && step.index < value.length) walk(value[step.index], rest, { parent: value, key: step.index }, out);
  } else if (step.kind === 'each') {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, rest, { parent: value, key: i }, out));
    else if (isObj(value)) for (const k of Object.keys(value)) walk(value[k], rest, { parent: value, key: k }, out);
  } else {
    let cur: unknown = value;
    for (const k of step.path) cur = isObj(cur) ? cur[k] : undefined;
    if (JSON.stringify(cur) === JSON.stringify(step.value)) walk(value, rest, at, out);
  }
}

/** `del(expr)` on obj in place. Returns how many values were removed. */
export function jqDelete(obj: unknown, expr: string): number {
  const hits: Hit[] = [];
  walk(obj, parseJq(expr), undefined, hits);
  // Delete array items from the back so earlier indexes stay valid.
  const ordered = hits.slice().sort((a, b) => (typeof a.key === 'number' && typeof b.key === 'number' ? b.key - a.key : 0));
  for (const h of ordered) {
    if (Array.isArray(h.parent) && typeof h.key === 'number') h.parent.splice(h.key, 1);
    else if (!Array.isArray(h.parent)) delete h.parent[String(h.key)];
  }
  return hits.length;
}
