/**
 * Exit handlers and lifecycle hooks (operator.go runOnExitNode, hooks.go): `onExit` / `hooks.exit` run
 * once the node is done; other hooks run when their `expression` becomes true.
 */
import { evaluateExpression } from '../params/expr.js';
import type { Scope } from '../params/scope.js';
import { fulfilled } from '../nodes/types.js';
import type { LifecycleHook, NodeStatus, WorkflowStep } from '../nodes/types.js';
import { executeTemplate } from './execute.js';
import type { TmplCtx } from './tmplctx.js';
import type { Woc } from './woc.js';

function exitHook(step: WorkflowStep): LifecycleHook | undefined {
  if (step.hooks?.exit) return step.hooks.exit;
  if (step.onExit) return { template: step.onExit };
  return undefined;
}

/** Returns false while the exit handler of a finished node still runs. */
export function runOnExit(woc: Woc, step: WorkflowStep, node: NodeStatus, ctx: TmplCtx, boundaryID: string, scope: Scope, prefix: string): boolean {
  const hook = exitHook(step);
  if (!hook || !fulfilled(node.phase)) return true;
  const name = `${node.name}.onExit`;
  scope.vars[`${prefix}.status`] = node.phase;
  const exitNode = executeTemplate(woc, name, { template: hook.template, templateRef: hook.templateRef }, ctx, hook.arguments, {
    boundaryID,
    onExitTemplate: true,
    nodeFlag: { hooked: true },
  });
  woc.addChild(node.name, name);
  return fulfilled(exitNode.phase);
}

/** Evaluate a hook expression; a broken or unknown expression does not fire. */
export function hookFires(expression: string | undefined, vars: Record<string, string | null>): boolean {
  if (!expression) return false;
  try {
    return evaluateExpression(expression, vars) === true;
  } catch {
    return false;
  }
}

/** executeTmplLifeCycleHook for one step/task: returns false while a fired hook is still running. */
export function runHooks(woc: Woc, step: WorkflowStep, node: NodeStatus, scope: Scope, prefix: string, ctx: TmplCtx, boundaryID: string): boolean {
  let done = true;
  // Flattened: the scope's variables sit in layers over the globals (the scope's win).
  const vars: Record<string, string | null> = { ...woc.globals };
  for (const k in scope.vars) vars[k] = scope.vars[k] as string | null;
  vars[`${prefix}.status`] = node.phase;
  for (const [hookName, hook] of Object.entries(step.hooks ?? {})) {
    if (hookName === 'exit') continue;
    const name = `${node.name}.hooks.${hookName}`;
    if (!woc.peekByName(name) && !hookFires(hook.expression, vars)) continue;
    const hookNode = executeTemplate(woc, name, { template: hook.template, templateRef: hook.templateRef }, ctx, hook.arguments, {
      boundaryID,
      nodeFlag: { hooked: true },
    });
    woc.addChild(node.name, name);
    if (!fulfilled(hookNode.phase)) done = false;
  }
  return done;
}
