/** Label and field selectors with the API server's syntax: `app=web,tier!=db,env in (a,b),!legacy`. */
import { ApiError } from '../core/errors.js';
import { getPath } from './types.js';
import type { KubeObject } from './types.js';

export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export type LabelSelector = Requirement[];

/** Split on commas that are not inside parentheses (also used by Argo Workflows resource conditions, which are label selectors). */
export function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export function parseLabelSelector(text: string): LabelSelector {
  const reqs: Requirement[] = [];
  for (const part of splitTop(text)) {
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const values = m[3]!.split(',').map((v) => v.trim()).filter((v) => v);
      reqs.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values });
    } else if ((m = part.match(/^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/))) {
      reqs.push({ key: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! });
    } else if ((m = part.match(/^!\s*([\w./-]+)$/))) {
      reqs.push({ key: m[1]!, op: '!' });
    } else if ((m = part.match(/^([\w./-]+)$/))) {
      reqs.push({ key: m[1]!, op: 'exists' });
    } else {
      throw new ApiError('BadRequest', `unable to parse requirement: found '${part}', expected: key, key=value, key!=value, key in (v1,v2), !key`);
    }
  }
  return reqs;
}

/** A `metav1.LabelSelector` (matchLabels + matchExpressions) as requirements. */
export function fromLabelSelectorObject(sel: unknown): LabelSelector {
  const reqs: Requirement[] = [];
  if (!sel || typeof sel !== 'object') return reqs;
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  for (const [key, value] of Object.entries(s.matchLabels ?? {})) reqs.push({ key, op: '=', value: String(value) });
  for (const e of s.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') reqs.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (op === 'NotIn') reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (op === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else if (op === 'DoesNotExist') reqs.push({ key: e.key, op: '!' });
  }
  return reqs;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = has ? l[r.key] : undefined;
    switch (r.op) {
      case '=':
        if (v !== r.value) return false;
        break;
      case '!=':
        if (v === r.value) return false;
        break;
      case 'in':
        if (v === undefined || !r.values.includes(v)) return false;
        break;
      case 'notin':
        if (v !== undefined && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

export interface FieldRequirement {
  path: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(text: string): FieldRequirement[] {
  return splitTop(text).map((part) => {
    const m = part.match(/^([\w.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${part}'; can't understand '${part}'`);
    return { path: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]!.trim() };
  });
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const raw = getPath(obj, r.path.split('.'));
    const v = raw === undefined || raw === null ? '' : String(raw);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
