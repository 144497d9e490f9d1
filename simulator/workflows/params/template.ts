/**
 * `{{…}}` substitution the way Argo does it (util/template): a template is marshalled to JSON, each tag
 * is replaced in the JSON text with its value escaped for a JSON string, and the result is parsed back.
 * `{{=expr}}` tags are expr-lang expressions evaluated over the same variables, nested by their dots.
 */
import { evaluateExpression, missingIdentifiers } from './expr.js';

/** Variable name → value; `null` marks an absent optional (a skipped node's output with no default). */
export type Vars = Record<string, string | null>;

export class TemplateError extends Error {}

/** JSON string-escape like Go's strconv.Quote without the surrounding quotes. */
export function escapeJson(s: string): string {
  const q = JSON.stringify(s);
  return q.slice(1, -1);
}

export interface ReplaceOptions {
  /** Leave unknown simple tags as they are (global pass) instead of failing. */
  allowUnresolved: boolean;
  /** When allowUnresolved: tags with these prefixes must still resolve. */
  strictPrefixes?: string[];
}

/** Replace every tag in a string that is itself JSON text. */
export function replaceInJson(json: string, vars: Vars, opts: ReplaceOptions): string {
  if (json.indexOf('{{') < 0) return json;
  let out = '';
  let i = 0;
  for (;;) {
    const start = json.indexOf('{{', i);
    if (start < 0) break;
    const end = json.indexOf('}}', start + 2);
    if (end < 0) break;
    out += json.slice(i, start);
    const tag = json.slice(start + 2, end);
    out += replaceTag(tag, vars, opts);
    i = end + 2;
  }
  return out + json.slice(i);
}

function isStrict(tag: string, opts: ReplaceOptions): boolean {
  if (!opts.allowUnresolved) return true;
  return (opts.strictPrefixes ?? []).some((p) => tag.startsWith(p));
}

function replaceTag(rawTag: string, vars: Vars, opts: ReplaceOptions): string {
  if (rawTag.startsWith('=')) return replaceExpression(rawTag.slice(1), vars, opts);
  const tag = rawTag.trim();
  const v = vars[tag];
  if (typeof v !== 'string' && v !== null) {
    if (isStrict(tag, opts) && !(opts.allowUnresolved && tag.includes('.outputs.artifacts.'))) {
      throw new TemplateError(`failed to resolve {{${rawTag}}}`);
    }
    return `{{${rawTag}}}`;
  }
  if (v === null) {
    throw new TemplateError(`unable to substitute {{${rawTag}}}: output is an absent optional (skipped/omitted node with no default)`);
  }
  return escapeJson(v);
}

function replaceExpression(escaped: string, vars: Vars, opts: ReplaceOptions): string {
  let expression: string;
  try {
    expression = JSON.parse(`"${escaped}"`) as string;
  } catch {
    expression = escaped;
  }
  const missing = missingIdentifiers(expression, vars);
  if (missing.length > 0) {
    const strict = missing.find((id) => isStrict(id, opts));
    if (strict !== undefined && !opts.allowUnresolved) throw new TemplateError(`failed to evaluate expression: ${strict} is missing`);
    if (opts.allowUnresolved) return `{{=${escaped}}}`;
  }
  let result: unknown;
  try {
    result = evaluateExpression(expression, vars);
  } catch (e) {
    if (opts.allowUnresolved) return `{{=${escaped}}}`;
    throw new TemplateError(`failed to evaluate expression: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (result === null || result === undefined) {
    if (opts.allowUnresolved) return `{{=${escaped}}}`;
    throw new TemplateError(`failed to evaluate expression ${JSON.stringify(expression)}`);
  }
  const marshalled = JSON.stringify(result);
  if (marshalled.length > 1 && marshalled.startsWith('"') && marshalled.endsWith('"')) return marshalled.slice(1, -1);
  return escapeJson(marshalled);
}

/** Substitute tags throughout a JSON-able value (template, step, arguments). */
export function substitute<T>(value: T, vars: Vars, opts: ReplaceOptions): T {
  const json = JSON.stringify(value);
  if (json === undefined || json.indexOf('{{') < 0) return value;
  const replaced = replaceInJson(json, vars, opts);
  try {
    return JSON.parse(replaced) as T;
  } catch {
    throw new TemplateError('cannot finish template replacement because the result was invalid JSON');
  }
}

/** Substitute tags in a plain string (not JSON-escaped): `when`, `withParam`, expressions. */
export function substituteString(s: string, vars: Vars, opts: ReplaceOptions): string {
  return substitute(s, vars, opts);
}
