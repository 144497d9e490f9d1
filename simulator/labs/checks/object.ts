/** `object` (one object's fields, an expr-lang condition, or its absence) and `count` (how many live objects). */
import { evaluate } from '../../expr/index.js';
import type { Sandbox } from '../../sandbox.js';
import { apiVersionOf, findKind, findObject, noKind } from '../kinds.js';
import type { CountCheck, ObjectCheck } from '../types.js';
import { mismatch, readField, show } from './values.js';

export type Verdict = { ok: boolean; reason: string };

export function checkObject(sandbox: Sandbox, c: ObjectCheck): Verdict {
  const found = findObject(sandbox, c);
  if (!found.info) return { ok: c.absent === true, reason: noKind(c.kind, c.apiVersion) };
  const obj = found.object;
  if (c.absent) return obj ? { ok: false, reason: `${found.label} exists, expected it to be gone` } : { ok: true, reason: `${found.label} does not exist` };
  if (!obj) return { ok: false, reason: `${found.label} not found` };
  const held: string[] = [];
  for (const [path, want] of Object.entries(c.fields ?? {})) {
    const actual = readField(obj, path);
    const why = mismatch(path, actual, want);
    if (why) return { ok: false, reason: `${found.label}: ${why}` };
    held.push(`${path} is ${show(actual)}`);
  }
  if (c.expr !== undefined) {
    let v: unknown;
    try {
      v = evaluate(c.expr, { object: obj }, { now: sandbox.now() });
    } catch (err) {
      return { ok: false, reason: `${found.label}: ${c.expr}: ${(err as Error).message.split('\n')[0]}` };
    }
    if (v !== true) return { ok: false, reason: `${found.label}: ${c.expr} is ${show(v)}, expected true` };
    held.push(`${c.expr} holds`);
  }
  return { ok: true, reason: held.length > 0 ? `${found.label}: ${held.join(', ')}` : `${found.label} exists` };
}

export function checkCount(sandbox: Sandbox, c: CountCheck): Verdict {
  const info = findKind(sandbox, c.kind, c.apiVersion);
  const where = `${c.kind}${c.namespace ? ` in ${c.namespace}` : ''}${c.selector ? ` matching ${c.selector}` : ''}`;
  let n = 0;
  if (info) {
    try {
      const list = sandbox.store.list(
        { apiVersion: apiVersionOf(info), kind: info.kind },
        { ...(c.namespace ? { namespace: c.namespace } : {}), ...(c.selector ? { labelSelector: c.selector } : {}) },
      );
      // Live: an object already being deleted no longer counts.
      n = list.filter((o) => !o.metadata.deletionTimestamp).length;
    } catch (err) {
      return { ok: false, reason: `${where}: ${(err as Error).message}` };
    }
  }
  const fails: string[] = [];
  if (c.equals !== undefined && n !== c.equals) fails.push(`expected exactly ${c.equals}`);
  if (c.min !== undefined && n < c.min) fails.push(`expected at least ${c.min}`);
  if (c.max !== undefined && n > c.max) fails.push(`expected at most ${c.max}`);
  return { ok: fails.length === 0, reason: `${n} ${where}${fails.length ? `, ${fails.join(' and ')}` : ''}` };
}
