/**
 * Resource template output parameters (SaveResourceParameters): `valueFrom.jsonPath` is kubectl's
 * `-o jsonpath=…` template over the live object, `valueFrom.jqFilter` a jq path (the subset
 * `.`, `.a.b`, `.a[0]`, `.["k"]`); strings print raw, anything else as JSON.
 */
import { jsonPathQuery } from '../../expr/index.js';
import type { Parameter } from '../nodes/types.js';

function printValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** kubectl jsonpath: `{…}` expressions in literal text; a list result prints space-separated. */
export function kubectlJsonPath(template: string, obj: unknown): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = template.indexOf('}', open);
    if (close < 0) throw new Error(`error: error parsing jsonpath ${template}, unclosed action`);
    let expr = template.slice(open + 1, close).trim();
    if (expr.startsWith('$')) expr = expr.slice(1);
    if (expr === '' || expr === '.') out += printValue(obj);
    else {
      const got = jsonPathQuery('$' + (expr.startsWith('.') || expr.startsWith('[') ? expr : `.${expr}`), obj);
      const wild = /\[\*\]|\.\*|\.\.|\[\?/.test(expr);
      out += wild && Array.isArray(got) ? got.map(printValue).join(' ') : printValue(got);
    }
    i = close + 1;
  }
  return out;
}

/** The jq paths resource outputs use in practice. */
export function jqPath(filter: string, obj: unknown): string {
  const f = filter.trim();
  if (f === '.') return printValue(obj);
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\.?\["([^"]+)"\]/y;
  let cur: unknown = obj;
  let i = 0;
  while (i < f.length) {
    re.lastIndex = i;
    const m = re.exec(f);
    if (!m) throw new Error(`jqFilter ${JSON.stringify(filter)}: only paths like .a.b, .a[0], .["k"] are supported in the sandbox`);
    const k = m[1] ?? m[3];
    if (k !== undefined) cur = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>)[k] : undefined;
    else cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
    i = re.lastIndex;
  }
  return cur === undefined ? 'null' : printValue(cur);
}

/** Output parameters valued from the live object (or their defaults when nothing was acted on). */
export function resourceOutputParameters(params: Parameter[] | undefined, obj: unknown | undefined): Parameter[] {
  const out: Parameter[] = [];
  for (const p of params ?? []) {
    const vf = p.valueFrom;
    if (!vf) continue;
    let value: string | undefined;
    if (obj === undefined) value = vf.default ?? '';
    else if (vf.jsonPath) value = kubectlJsonPath(vf.jsonPath, obj);
    else if (vf.jqFilter) value = jqPath(vf.jqFilter, obj);
    else continue;
    const { valueFrom: _vf, ...rest } = p;
    out.push({ ...rest, value, valueFrom: vf });
  }
  return out;
}
