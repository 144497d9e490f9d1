/** resolveReferences for a step or task: variables from the scope, artifacts by `from`. */
import { Scope } from '../params/scope.js';
import { replaceInJson, TemplateError } from '../params/template.js';
import type { Vars } from '../params/template.js';
import type { Artifact, Template, WorkflowStep } from '../nodes/types.js';
import { appendToKey } from '../executors/artifactKey.js';
import { resolveTemplate } from './tmplctx.js';
import type { TmplCtx } from './tmplctx.js';
import type { Woc } from './woc.js';

export class RefError extends Error {}

/** The template a skipped/omitted step or task would have run: its declared outputs' defaults stand in for outputs. */
export function skippedTemplate(woc: Woc, ctx: TmplCtx, step: WorkflowStep | undefined): Template | undefined {
  if (!step) return undefined;
  try {
    return resolveTemplate(woc, ctx, step).tmpl;
  } catch {
    return undefined;
  }
}

/** An argument that is exactly one tag naming an absent optional (skipped output, no default) is dropped so the input's own default applies. */
function dropAbsentArguments<S extends WorkflowStep>(step: S, vars: Vars): S {
  const params = step.arguments?.parameters;
  if (!params || !params.some((p) => absentTag(p.value, vars))) return step;
  const kept = params.map((p) => {
    if (!absentTag(p.value, vars)) return p;
    const { value: _v, ...rest } = p;
    return rest;
  });
  return { ...step, arguments: { ...step.arguments, parameters: kept } };
}

function absentTag(value: unknown, vars: Vars): boolean {
  if (typeof value !== 'string') return false;
  const m = /^\{\{\s*([^=}][^}]*?)\s*\}\}$/.exec(value);
  return m !== null && vars[m[1] as string] === null;
}

export function resolveRefs<S extends WorkflowStep>(input: S, vars: Vars, scope: Scope): S {
  const step = dropAbsentArguments(input, vars);
  const { hooks, ...rest } = step;
  const json = JSON.stringify(rest);
  let out: S;
  try {
    out = JSON.parse(replaceInJson(json, vars, { allowUnresolved: true, strictPrefixes: ['steps.', 'tasks.'] })) as S;
  } catch (e) {
    if (e instanceof TemplateError) throw new RefError(e.message);
    throw e;
  }
  if (hooks) out.hooks = hooks;
  const arts = out.arguments?.artifacts;
  if (arts && out.arguments) {
    const resolved: Artifact[] = [];
    for (const a of arts) {
      if (!a.from && !a.fromExpression) {
        resolved.push(a);
        continue;
      }
      let found: Artifact | undefined;
      try {
        found = a.from ? scope.resolveArtifact(a.from) : scope.resolveArtifactExpression(a.fromExpression as string);
      } catch {
        found = undefined;
      }
      if (!found) {
        if (a.optional) continue;
        throw new RefError(`unable to resolve references: Unable to resolve: ${a.from ?? a.fromExpression}`);
      }
      resolved.push(typeof a.subPath === 'string' && a.subPath !== '' ? appendToKey({ ...found, name: a.name }, a.subPath) : { ...found, name: a.name });
    }
    out.arguments = { ...out.arguments, artifacts: resolved };
  }
  return out;
}

/** The globals and the scope's variables (scope wins): the scope's own map, layered over the globals. */
export function mergedVars(globals: Vars, scope: Scope): Vars {
  // Layers (finished groups' variables) may sit between the scope's own map and the globals.
  for (let p: unknown = Object.getPrototypeOf(scope.vars); p !== null; p = Object.getPrototypeOf(p)) if (p === globals) return scope.vars;
  return Object.assign(Object.create(null) as Vars, globals, scope.vars);
}
