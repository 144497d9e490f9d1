/**
 * Resource template `successCondition` / `failureCondition` (argoexec resource.go WaitResource): a
 * Kubernetes label selector (labels.Parse) whose keys are gjson paths into the live object, e.g.
 * `status.succeeded > 0`, `status.phase == Failed`, `status.phase in (Failed, Error)`.
 * Failure requirements are checked first (any one fails the step); all success requirements must match.
 */
import { splitTop } from '../../cluster/selectors.js';

export type ConditionOp = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

export interface ConditionRequirement {
  key: string;
  op: ConditionOp;
  values: string[];
}

export class ConditionParseError extends Error {}

const KEY = '([A-Za-z0-9_.#/\\-\\[\\]*?@|]+)';

/** labels.Parse for a condition; errors worded like the selector lexer's. */
export function parseConditions(text: string): ConditionRequirement[] {
  const reqs: ConditionRequirement[] = [];
  for (const part of splitTop(text)) {
    let m: RegExpMatchArray | null;
    if ((m = part.match(new RegExp(`^${KEY}\\s+(in|notin)\\s+\\(([^)]*)\\)$`)))) {
      const values = m[3]!.split(',').map((v) => v.trim()).filter((v) => v).sort();
      reqs.push({ key: m[1]!, op: m[2] as ConditionOp, values });
    } else if ((m = part.match(new RegExp(`^${KEY}\\s*(==|=|!=|>|<)\\s*([A-Za-z0-9_.\\-]*)$`)))) {
      const op = m[2] as ConditionOp;
      if ((op === '>' || op === '<') && !/^-?\d+$/.test(m[3]!)) {
        throw new ConditionParseError(`for 'gt', 'lt' operators, the value must be an integer`);
      }
      reqs.push({ key: m[1]!, op, values: [m[3]!] });
    } else if ((m = part.match(new RegExp(`^!\\s*${KEY}$`)))) {
      reqs.push({ key: m[1]!, op: '!', values: [] });
    } else if ((m = part.match(new RegExp(`^${KEY}$`)))) {
      reqs.push({ key: m[1]!, op: 'exists', values: [] });
    } else {
      throw new ConditionParseError(`unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
  return reqs;
}

/** Requirement.String() as the selector library prints it (used in Argo's messages). */
export function requirementString(r: ConditionRequirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${r.values.join(',')})`;
    default:
      return `${r.key}${r.op}${r.values[0] ?? ''}`;
  }
}

/** gjson.Get for the dotted paths conditions use: `a.b`, `a.0.b`, escaped dots `a\.b`. */
export function gjsonGet(obj: unknown, path: string): { exists: boolean; value: string } {
  const keys = path.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, '.'));
  let cur: unknown = obj;
  for (const k of keys) {
    if (Array.isArray(cur)) {
      if (k === '#') {
        cur = cur.length;
        continue;
      }
      if (!/^\d+$/.test(k)) return { exists: false, value: '' };
      cur = cur[Number(k)];
    } else if (cur !== null && typeof cur === 'object') {
      if (!Object.prototype.hasOwnProperty.call(cur, k)) return { exists: false, value: '' };
      cur = (cur as Record<string, unknown>)[k];
    } else return { exists: false, value: '' };
    if (cur === undefined) return { exists: false, value: '' };
  }
  if (cur === null) return { exists: true, value: '' };
  if (typeof cur === 'string') return { exists: true, value: cur };
  if (typeof cur === 'number' || typeof cur === 'boolean') return { exists: true, value: String(cur) };
  return { exists: true, value: JSON.stringify(cur) };
}

/** Requirement.Matches over gjson "labels". */
export function requirementMatches(r: ConditionRequirement, obj: unknown): boolean {
  const { exists, value } = gjsonGet(obj, r.key);
  switch (r.op) {
    case '=':
    case '==':
    case 'in':
      return exists && r.values.includes(value);
    case '!=':
    case 'notin':
      return !exists || !r.values.includes(value);
    case 'exists':
      return exists;
    case '!':
      return !exists;
    case '>':
    case '<': {
      if (!exists || !/^-?\d+$/.test(value)) return false;
      const have = Number(value);
      const want = Number(r.values[0]);
      return r.op === '>' ? have > want : have < want;
    }
  }
}

export type ConditionResult = { state: 'succeeded' } | { state: 'failed'; message: string } | { state: 'waiting'; message: string };

/** matchConditions: failure first, then every success requirement. */
export function matchConditions(obj: unknown, success: ConditionRequirement[], failure: ConditionRequirement[]): ConditionResult {
  for (const r of failure) {
    if (requirementMatches(r, obj)) return { state: 'failed', message: `failure condition '${requirementString(r)}' evaluated true` };
  }
  const matched = success.filter((r) => requirementMatches(r, obj)).length;
  if (matched >= success.length) return { state: 'succeeded' };
  return { state: 'waiting', message: 'Neither success condition nor the failure condition has been matched. Retrying...' };
}
