/** Loop expansion (operator.go expandStep / processItem / expandSequence): withItems, withParam, withSequence. */
import type { Sequence, WorkflowStep } from '../nodes/types.js';
import { shouldExecute } from './govaluate.js';
import { replaceInJson } from './template.js';
import type { Vars } from './template.js';

export class ItemsError extends Error {}

/** Items in a loop are capped so a runaway list fails the node instead of the engine. */
export const MAX_LOOP_ITEMS = 100_000;

function itemDesc(item: unknown): string {
  if (typeof item === 'string') return item;
  return JSON.stringify(item);
}

/** generateNodeName: `name(index:desc)` with parentheses dropped from the description. */
export function loopNodeName(name: string, index: number, desc: string): string {
  return `${name}(${index}:${desc.replace(/[()]/g, '')})`;
}

export function expandSequence(seq: Sequence): string[] {
  const num = (v: string | number | undefined, what: string): number => {
    const s = String(v).trim();
    if (!/^[-+]?\d+$/.test(s)) throw new ItemsError(`strconv.Atoi: parsing "${s}": invalid syntax`);
    void what;
    return Number(s);
  };
  const start = seq.start !== undefined ? num(seq.start, 'start') : 0;
  let end: number;
  if (seq.end !== undefined) end = num(seq.end, 'end');
  else if (seq.count !== undefined) {
    const count = num(seq.count, 'count');
    if (count === 0) return [];
    end = start + count - 1;
  } else throw new ItemsError('neither end nor count was specified in withSequence');
  if (Math.abs(end - start) + 1 > MAX_LOOP_ITEMS) throw new ItemsError(`withSequence expands to more than ${MAX_LOOP_ITEMS} items`);
  const fmt = (i: number): string => (seq.format ? goSprintfInt(seq.format, i) : String(i));
  const out: string[] = [];
  if (start <= end) for (let i = start; i <= end; i++) out.push(fmt(i));
  else for (let i = start; i >= end; i--) out.push(fmt(i));
  return out;
}

/** Enough of Go's Sprintf for one integer verb: %d, %02d, %x, %o, %s with literal text around it. */
function goSprintfInt(format: string, n: number): string {
  return format.replace(/%(0?)(\d*)([dxXos])/, (_m, zero: string, width: string, verb: string) => {
    let s = verb === 'x' ? n.toString(16) : verb === 'X' ? n.toString(16).toUpperCase() : verb === 'o' ? n.toString(8) : String(n);
    const w = Number(width || 0);
    while (s.length < w) s = (zero ? '0' : ' ') + s;
    return s;
  });
}

/**
 * The items a looping step or task iterates over (already substituted), or undefined when it does not loop.
 * `declared` is the step as written: a `withParam` that substituted to "" still loops (ExpandTask decides on the
 * written field), so it fails like any other value that is not a JSON list.
 */
export function loopItems(step: WorkflowStep, declared: WorkflowStep = step): unknown[] | undefined {
  if (Array.isArray(step.withItems) && step.withItems.length > 0) return step.withItems;
  const param = step.withParam !== undefined && step.withParam !== '' ? step.withParam : declared.withParam !== undefined && declared.withParam !== '' ? '' : undefined;
  if (param !== undefined) {
    let parsed: unknown;
    let err: string | undefined;
    try {
      parsed = JSON.parse(param);
      // Go unmarshals null into a nil slice (no items); any other non-list is a type error.
      if (parsed === null) parsed = [];
      else if (!Array.isArray(parsed)) err = `json: cannot unmarshal ${goJsonType(parsed)} into Go value of type []v1alpha1.Item`;
    } catch (e) {
      err = goSyntaxError(param, e);
    }
    if (err !== undefined) {
      if (shouldExecuteSafe(step.when)) throw new ItemsError(`withParam value could not be parsed as a JSON list: ${param.trim()}: ${err}`);
      return [];
    }
    return parsed as unknown[];
  }
  if (step.withSequence) return expandSequence(step.withSequence);
  return undefined;
}

function goJsonType(v: unknown): string {
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** encoding/json's wording for the common syntax errors (JSON.parse words them differently). */
function goSyntaxError(text: string, e: unknown): string {
  const first = text.trimStart()[0];
  if (first === undefined) return 'unexpected end of JSON input';
  if (!/[[{"\-0-9tfn]/.test(first)) return `invalid character '${first}' looking for beginning of value`;
  return e instanceof Error ? e.message : String(e);
}

function shouldExecuteSafe(when: string | undefined): boolean {
  try {
    return shouldExecute(when);
  } catch {
    return true;
  }
}

/** expandStep: one step per item, `{{item}}` / `{{item.key}}` substituted, named `name(i:desc)`. */
export function expandLoop<S extends WorkflowStep & { name?: string }>(step: S, items: unknown[], scope: Vars): S[] {
  if (items.length > MAX_LOOP_ITEMS) throw new ItemsError(`loop has ${items.length} items, more than the sandbox limit of ${MAX_LOOP_ITEMS}`);
  const base = { ...step } as S;
  delete base.withItems;
  delete base.withParam;
  delete base.withSequence;
  const json = JSON.stringify(base);
  const out: S[] = [];
  const hasTags = json.indexOf('{{') >= 0;
  items.forEach((item, i) => {
    const vars = Object.create(scope) as Vars;
    let desc: string;
    if (typeof item === 'string') {
      vars.item = item;
      desc = item;
    } else if (typeof item === 'number' || typeof item === 'boolean') {
      vars.item = String(item);
      desc = String(item);
    } else if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const vals: string[] = [];
      for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
        const s = typeof v === 'string' ? v : JSON.stringify(v);
        vars[`item.${k}`] = s;
        vals.push(`${k}:${s}`);
      }
      vars.item = JSON.stringify(item);
      vals.sort();
      desc = vals.join(',');
    } else if (Array.isArray(item)) {
      vars.item = JSON.stringify(item);
      desc = itemDesc(item);
    } else throw new ItemsError(`withItems[${i}] expected string, number, list, or map. received: ${String(item)}`);
    let proceed = true;
    try {
      proceed = shouldExecute(step.when);
    } catch {
      proceed = true;
    }
    const replaced = hasTags ? replaceInJson(json, vars, { allowUnresolved: !proceed }) : json;
    const s = JSON.parse(replaced) as S;
    s.name = loopNodeName(step.name ?? '', i, desc);
    if (step.template !== undefined) s.template = step.template;
    out.push(s);
  });
  return out;
}
