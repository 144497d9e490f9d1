/** validateSteps: step names, loops, arguments, referenced templates, and what each step may reference. */
import { isObj } from '../../cluster/types.js';
import { dict, fail, list, str, wrap } from './context.js';
import type { Base, Dict, LintCtx } from './context.js';
import { stepNameProblems } from './names.js';
import { addItemsToScope, addOutputsToScope } from './scope.js';
import { validateArguments, validateHooks, validateNonLeaf, validateTemplateHolder } from './template.js';
import { jsonText, unresolved } from './variables.js';
import type { Scope } from './variables.js';

export function validateSteps(ctx: LintCtx, scope: Scope, base: Base, tmpl: Dict): void {
  validateNonLeaf(tmpl);
  const tn = str(tmpl.name);
  const names = new Set<string>();
  list(tmpl.steps).forEach((group, i) => {
    // A step group is a list of steps (or `{steps: [...]}` in the older object form).
    const steps = (Array.isArray(group) ? group : list(dict(group).steps)).filter(isObj);
    for (const step of steps) {
      const name = str(step.name);
      if (!name) fail(`templates.${tn}.steps[${i}].name is required`);
      if (names.has(name)) fail(`templates.${tn}.steps[${i}].name '${name}' is not unique`);
      const errs = stepNameProblems(name);
      if (errs.length) fail(`templates.${tn}.steps[${i}].name '${name}' is invalid: ${errs.join(';')}`);
      names.add(name);
      scope.add(`steps.${name}.status`);
      const prefix = (m: string) => `templates.${tn}.steps[${i}].${name} ${m}`;
      const itemsErr = addItemsToScope(step, scope);
      if (itemsErr) fail(prefix(itemsErr));
      validateArguments(`templates.${tn}.steps[${i}].${name}.arguments.`, dict(step.arguments), false);
      const resolved = wrap(prefix, () => validateTemplateHolder(ctx, step, base, 'fake'));
      if (dict(step.hooks).exit !== undefined || str(step.onExit)) addOutputsToScope(ctx, resolved?.tmpl, 'steps', name, scope, false, false);
      validateHooks(step.hooks, `templates.${tn}.steps[${i}].${name}`);
      // The step's own additions sit on top of the shared scope (no copy per step).
      const own: Scope = new Set();
      if (isObj(step.inline)) for (const p of list(dict(step.inline.inputs).parameters).filter(isObj)) own.add(`inputs.parameters.${str(p.name)}`);
      const bad = unresolved([scope, own], ctx.globals, jsonText(step), ctx.wftValidation);
      if (bad) fail(`templates.${tn}.steps ${bad}`);
      const aggregate = list(step.withItems).length > 0 || str(step.withParam) !== '';
      addOutputsToScope(ctx, resolved?.tmpl, 'steps', name, scope, aggregate, false);
      wrap(prefix, () => validateTemplateHolder(ctx, step, base, dict(step.arguments)));
    }
  });
}
