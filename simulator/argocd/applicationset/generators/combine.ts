/**
 * Matrix (exactly two child generators; the second may use the first's params) and Merge (the first
 * generator's sets, overridden by later generators' sets that agree on `mergeKeys`), with the
 * upstream error texts.
 */
import type { Params } from '../template.js';
import { renderTemplate } from '../template.js';
import { GeneratorError, obj } from './types.js';
import type { GeneratorContext, GeneratorSpec } from './types.js';

export type RunChild = (spec: GeneratorSpec, ctx: GeneratorContext) => Params[];

function deepMerge(a: Params, b: Params): Params {
  const out: Params = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = cur !== null && typeof cur === 'object' && !Array.isArray(cur) && v !== null && typeof v === 'object' && !Array.isArray(v) ? deepMerge(obj(cur), obj(v)) : v;
  }
  return out;
}

function combine(a: Params, b: Params, ctx: GeneratorContext): Params {
  if (ctx.goTemplate) return deepMerge(a, b);
  for (const [k, v] of Object.entries(b)) {
    if (Object.prototype.hasOwnProperty.call(a, k) && a[k] !== v) {
      throw new GeneratorError(`found duplicate key ${k} with different value, a: ${String(a[k])} ,b: ${String(v)}`);
    }
  }
  return { ...a, ...b };
}

export function matrix(spec: GeneratorSpec, ctx: GeneratorContext, runChild: RunChild): Params[] {
  const children = (Array.isArray(spec.generators) ? spec.generators : []).map(obj);
  if (children.length < 2) throw new GeneratorError('found less than two generators, Matrix support only two');
  if (children.length > 2) throw new GeneratorError('found more than two generators, Matrix support only two');
  const out: Params[] = [];
  for (const a of runChild(children[0], ctx)) {
    // The second generator may refer to the first one's params (e.g. a git path from a cluster label).
    const second = ctx.goTemplate ? children[1] : renderTemplate(children[1], a, { goTemplate: false });
    for (const b of runChild(second, ctx)) out.push(combine(a, b, ctx));
  }
  return out;
}

function keyOf(p: Params, keys: string[]): string {
  return JSON.stringify(keys.map((k) => (k in p ? p[k] : k.split('.').reduce<unknown>((o, part) => obj(o)[part], p))));
}

export function merge(spec: GeneratorSpec, ctx: GeneratorContext, runChild: RunChild): Params[] {
  const children = (Array.isArray(spec.generators) ? spec.generators : []).map(obj);
  const mergeKeys = Array.isArray(spec.mergeKeys) ? spec.mergeKeys.map(String) : [];
  if (children.length < 2) throw new GeneratorError('found less than two generators, Merge requires two or more');
  if (mergeKeys.length === 0) throw new GeneratorError('no merge keys were specified, Merge requires at least one');
  const sets = children.map((c) => runChild(c, ctx));
  const indexed = sets.map((list) => {
    const m = new Map<string, Params>();
    for (const p of list) {
      const k = keyOf(p, mergeKeys);
      if (m.has(k)) throw new GeneratorError('the parameters from a generator were not unique by the given mergeKeys, Merge requires all param sets to be unique');
      m.set(k, p);
    }
    return m;
  });
  return sets[0].map((base) => {
    let out = base;
    for (const m of indexed.slice(1)) {
      const other = m.get(keyOf(base, mergeKeys));
      if (other) out = ctx.goTemplate ? deepMerge(out, other) : { ...out, ...other };
    }
    return out;
  });
}
