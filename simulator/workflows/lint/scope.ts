/** What a step or task makes referable once it ran (addOutputsToScope, addItemsToScope). */
import { isObj } from '../../cluster/types.js';
import { dict, hasOutput, list, str, typeOf } from './context.js';
import type { Dict, LintCtx } from './context.js';
import { isParameter } from './names.js';
import { ANY_ITEM, ANY_WF_OUTPUT_ARTIFACT, ANY_WF_OUTPUT_PARAM, NODE_FIELDS, RESULT_FIELDS } from './variables.js';
import type { Scope } from './variables.js';

export function addOutputsToScope(ctx: LintCtx, tmpl: Dict | undefined, prefix: 'steps' | 'tasks', name: string, scope: Scope, aggregate: boolean, isAncestor: boolean): void {
  const p = `${prefix}.${name}`;
  // One marker each for the node's fixed fields (id, startedAt, finishedAt, hostNodeName) and for
  // outputs.result + exitCode: `unresolved` expands them, so big DAGs add two entries per task, not six.
  scope.add(p + NODE_FIELDS);
  if (!tmpl) return;
  if (tmpl.daemon === true) scope.add(`${p}.ip`);
  if (hasOutput(tmpl)) scope.add(p + RESULT_FIELDS);
  const outputs = dict(tmpl.outputs);
  for (const param of list(outputs.parameters).filter(isObj)) {
    scope.add(`${p}.outputs.parameters.${str(param.name)}`);
    const g = str(param.globalName);
    if (!g) continue;
    if (isParameter(g)) scope.add(ANY_WF_OUTPUT_PARAM);
    else {
      scope.add(`workflow.outputs.parameters.${g}`);
      ctx.globals.add(`workflow.outputs.parameters.${g}`);
    }
  }
  for (const art of list(outputs.artifacts).filter(isObj)) {
    scope.add(`${p}.outputs.artifacts.${str(art.name)}`);
    const g = str(art.globalName);
    if (!g) continue;
    if (isParameter(g)) scope.add(ANY_WF_OUTPUT_ARTIFACT);
    else {
      scope.add(`workflow.outputs.artifacts.${g}`);
      ctx.globals.add(`workflow.outputs.artifacts.${g}`);
    }
  }
  if (aggregate) {
    const t = typeOf(tmpl);
    if (t === 'script' || t === 'containerSet') scope.add(p + RESULT_FIELDS);
    scope.add(`${p}.outputs.parameters`);
  }
  if (isAncestor) scope.add(`${p}.status`);
}

/** addItemsToScope: one loop kind only; which `{{item…}}` forms become referable. */
export function addItemsToScope(holder: Dict, scope: Scope): string | undefined {
  const items = list(holder.withItems);
  const param = str(holder.withParam);
  const seq = holder.withSequence;
  const defined = (items.length > 0 ? 1 : 0) + (param ? 1 : 0) + (seq !== undefined && seq !== null ? 1 : 0);
  if (defined > 1) return 'only one of withItems, withParam, withSequence can be specified';
  if (items.length > 0) {
    for (const v of items) {
      if (Array.isArray(v)) v.forEach((_, i) => scope.add(`item.[${i}]`));
      else if (isObj(v)) for (const k of Object.keys(v)) scope.add(`item.${k}`);
      else scope.add('item');
    }
  } else if (param) {
    scope.add('item');
    scope.add(ANY_ITEM);
  } else if (isObj(seq)) {
    if (seq.count !== undefined && seq.end !== undefined) return 'only one of count or end can be defined in withSequence';
    scope.add('item');
  }
  return undefined;
}
