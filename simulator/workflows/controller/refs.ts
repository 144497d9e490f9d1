/** resolveReferences for a step or task: variables from the scope, artifacts by `from`. */
import { Scope } from '../params/scope.js';
import { replaceInJson, TemplateError } from '../params/template.js';
import type { Vars } from '../params/template.js';
import type { Artifact, WorkflowStep } from '../nodes/types.js';
import { appendToKey } from '../executors/artifactKey.js';

export class RefError extends Error {}

export function resolveRefs<S extends WorkflowStep>(step: S, vars: Vars, scope: Scope): S {
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
