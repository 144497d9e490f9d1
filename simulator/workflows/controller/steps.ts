/** Steps templates (steps.go): step groups run in order, steps in a group in parallel. */
import { shouldExecute } from '../params/govaluate.js';
import { expandLoop, loopItems } from '../params/items.js';
import { Scope } from '../params/scope.js';
import { failedOrError, fulfilled, nodeDone } from '../nodes/types.js';
import type { NodeStatus, Template, WorkflowStep } from '../nodes/types.js';
import { executeTemplate } from './execute.js';
import type { ExecOpts } from './execute.js';
import { runHooks, runOnExit } from './hooks.js';
import { groupsLayer, readsStepVars, storedGroupNodes } from './stepsScope.js';
import { mergedVars, resolveRefs, skippedTemplate } from './refs.js';
import { outboundNodes, outputsFromScope } from './outputs.js';
import { runsAsWritten } from './plain.js';
import type { TmplCtx } from './tmplctx.js';
import { killDaemons } from './shutdown.js';
import { DeadlineExceeded, ParallelismReached } from './woc.js';
import type { Woc } from './woc.js';

/**
 * Nodes are read without copying (`peek`) and copied (`byName`) only to be changed: a reconcile that
 * changes nothing of the steps node, its running group or the previous group leaves them shared with
 * the stored map.
 */
export function executeSteps(woc: Woc, nodeName: string, ctx: TmplCtx, tmpl: Template, org: WorkflowStep, o: ExecOpts): NodeStatus {
  let node = woc.peekByName(nodeName);
  if (!node) {
    node = woc.initNode(nodeName, 'Steps', 'Running', {
      templateName: org.template,
      templateRef: org.templateRef,
      templateScope: ctx.scope,
      boundaryID: o.boundaryID,
      nodeFlag: o.nodeFlag,
    });
    if (tmpl.inputs && (tmpl.inputs.parameters?.length || tmpl.inputs.artifacts?.length)) node.inputs = tmpl.inputs;
  }
  // Finished groups' variables come from a layer kept between reconciles (see stepsScope.ts), and only
  // when the template can read them.
  const withVars = readsStepVars(tmpl);
  const layer = groupsLayer(woc, node.id, withVars);
  const scope = Scope.forTemplate(tmpl, withVars ? layer.scope.vars : woc.globals);
  Object.assign(scope.artifacts, layer.scope.artifacts);
  addWorkflowOutputs(woc, scope);
  const groups = tmpl.steps ?? [];
  let extend = true;
  for (let i = layer.groups; i < groups.length; i++) {
    const sgName = `${nodeName}[${i}]`;
    // A finished group (linked when it started) only contributes its children's variables: read it
    // without copying its nodes.
    const done = woc.peekByName(sgName);
    if (done && fulfilled(done.phase) && !failedOrError(done.phase) && woc.childrenFulfilled(done)) {
      const stored = extend && i === layer.groups ? storedGroupNodes(woc, done) : undefined;
      if (stored) {
        if (withVars) addGroupScope(woc, ctx, layer.scope, groups[i] ?? [], sgName, done);
        layer.refs.push(...stored);
        layer.groups++;
        Object.assign(scope.artifacts, layer.scope.artifacts);
      } else {
        extend = false;
        if (withVars) addGroupScope(woc, ctx, scope, groups[i] ?? [], sgName, done);
      }
      continue;
    }
    const sg = woc.peekByName(sgName);
    if (!sg) woc.initNode(sgName, 'StepGroup', 'Running', { templateScope: ctx.scope, boundaryID: node.id, nodeFlag: {} });
    else if (!fulfilled(sg.phase) && sg.phase !== 'Running') woc.markNode(woc.byName(sgName) as NodeStatus, 'Running');
    if (i === 0) woc.addChild(nodeName, sgName);
    else {
      const prev = woc.peekByName(`${nodeName}[${i - 1}]`) as NodeStatus;
      if (!prev.children || prev.children.length === 0) woc.addChild(prev.name, sgName);
      else for (const cid of prev.children) for (const out of outboundNodes(woc, cid)) woc.addChild(woc.peek(out)?.name ?? '', sgName);
    }
    const sgNode = executeStepGroup(woc, groups[i] ?? [], sgName, ctx, scope, node.id, o);
    if (!fulfilled(sgNode.phase)) return woc.peekByName(nodeName) as NodeStatus;
    if (failedOrError(sgNode.phase)) {
      const own = woc.byName(nodeName) as NodeStatus;
      own.outboundNodes = stepsOutbound(woc, nodeName, groups.length);
      killDaemons(woc, own.id);
      return woc.markNode(own, 'Failed', sgNode.message ?? '');
    }
    if (withVars) addGroupScope(woc, ctx, scope, groups[i] ?? [], sgName, sgNode);
  }
  const own = woc.byName(nodeName) as NodeStatus;
  own.outboundNodes = stepsOutbound(woc, nodeName, groups.length);
  try {
    const outputs = outputsFromScope(woc, tmpl, scope);
    if (outputs) own.outputs = outputs;
  } catch (e) {
    return woc.markNode(own, 'Error', e instanceof Error ? e.message : String(e));
  }
  killDaemons(woc, own.id);
  return woc.markNode(own, 'Succeeded');
}

/** The finished group's children become `steps.<name>.*` for the next groups (read-only). */
function addGroupScope(woc: Woc, ctx: TmplCtx, scope: Scope, group: WorkflowStep[], sgName: string, sgNode: NodeStatus): void {
  for (const step of group) {
    const childName = `${sgName}.${step.name ?? ''}`;
    const child = woc.peekByName(childName);
    if (child) {
      if (child.phase === 'Skipped' || child.phase === 'Omitted') scope.addSkipped(`steps.${step.name}`, child, skippedTemplate(woc, ctx, step));
      scope.addNode(`steps.${step.name}`, child, (id) => woc.peek(id));
    } else {
      const loopChildren = (sgNode.children ?? [])
        .map((id) => woc.peek(id))
        .filter((c): c is NodeStatus => !!c && c.name.startsWith(`${childName}(`) && c.type !== 'Skipped');
      scope.addAggregate(`steps.${step.name}`, loopChildren);
      scope.addNode(`steps.${step.name}`, { ...sgNode, outputs: undefined });
    }
  }
}

function addWorkflowOutputs(woc: Woc, scope: Scope): void {
  for (const p of woc.status.outputs?.parameters ?? []) if (p.value !== undefined) scope.vars[`workflow.outputs.parameters.${p.name}`] = String(p.value);
  for (const a of woc.status.outputs?.artifacts ?? []) scope.artifacts[`workflow.outputs.artifacts.${a.name}`] = a;
}

function stepsOutbound(woc: Woc, nodeName: string, groups: number): string[] {
  for (let i = groups - 1; i >= 0; i--) {
    const sg = woc.peekByName(`${nodeName}[${i}]`);
    if (!sg) continue;
    const out: string[] = [];
    for (const cid of sg.children ?? []) out.push(...outboundNodes(woc, cid));
    return out;
  }
  return [];
}

function continuesOn(step: WorkflowStep, phase: string): boolean {
  return (phase === 'Failed' && step.continueOn?.failed === true) || (phase === 'Error' && step.continueOn?.error === true);
}

const PLAIN = new WeakMap<WorkflowStep, boolean>();

/** `runsAsWritten`, cached per stored step. */
export function plainStep(step: WorkflowStep): boolean {
  let p = PLAIN.get(step);
  if (p !== undefined) return p;
  p = runsAsWritten(step, true);
  PLAIN.set(step, p);
  return p;
}

function executeStepGroup(woc: Woc, group: WorkflowStep[], sgName: string, ctx: TmplCtx, scope: Scope, boundaryID: string, o: ExecOpts): NodeStatus {
  const sg = woc.peekByName(sgName) as NodeStatus;
  if (fulfilled(sg.phase) && woc.childrenFulfilled(sg)) return sg;
  let vars: ReturnType<typeof mergedVars> | undefined;
  let expanded: WorkflowStep[] = [];
  try {
    for (const raw of group) {
      if (plainStep(raw)) {
        expanded.push(raw);
        continue;
      }
      vars ??= mergedVars(woc.globals, scope);
      const step = resolveRefs(raw, vars, scope);
      const items = loopItems(step, raw);
      if (items === undefined) {
        expanded.push(step);
        continue;
      }
      const list = expandLoop(step, items, vars);
      if (list.length === 0) {
        const childName = `${sgName}.${step.name ?? ''}`;
        if (!woc.byName(childName)) {
          woc.initNode(childName, 'Skipped', 'Skipped', { templateName: step.template, templateScope: ctx.scope, boundaryID, message: 'Skipped, empty params' });
          woc.addChild(sgName, childName);
        }
      }
      expanded = expanded.concat(list);
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return woc.markNode(woc.byName(sgName) as NodeStatus, 'Error', msg.startsWith('failed to resolve {{') ? `failed to resolve references: ${msg}` : msg);
  }
  const stepsByChild = new Map<string, WorkflowStep>();
  for (const step of expanded) {
    const childName = `${sgName}.${step.name ?? ''}`;
    stepsByChild.set(childName, step);
    let proceed: boolean;
    try {
      proceed = shouldExecute(step.when);
    } catch (e) {
      if (!woc.byName(childName)) {
        woc.initNode(childName, 'Skipped', 'Error', { templateName: step.template, templateScope: ctx.scope, boundaryID, message: e instanceof Error ? e.message : String(e) });
        woc.addChild(sgName, childName);
      }
      return woc.markNode(woc.byName(sgName) as NodeStatus, 'Error', e instanceof Error ? e.message : String(e));
    }
    if (!proceed) {
      if (!woc.byName(childName)) {
        woc.initNode(childName, 'Skipped', 'Skipped', { templateName: step.template, templateRef: step.templateRef, templateScope: ctx.scope, boundaryID, message: `when '${step.when}' evaluated false` });
        woc.addChild(sgName, childName);
      }
      continue;
    }
    try {
      executeTemplate(woc, childName, step, ctx, step.arguments, { boundaryID, onExitTemplate: o.onExitTemplate, refKind: 'step' });
      woc.addChild(sgName, childName);
    } catch (e) {
      if (e instanceof ParallelismReached) continue;
      if (e instanceof DeadlineExceeded) throw e;
      throw e;
    }
  }
  let completed = true;
  // (Children were linked above: the group as it is now.)
  const children = (woc.peekByName(sgName) as NodeStatus).children ?? [];
  for (const cid of children) {
    const child = woc.peek(cid);
    if (!child) continue;
    const step = stepsByChild.get(child.name);
    if (step?.hooks && !runHooks(woc, step, child, scope, `steps.${step.name}`, ctx, boundaryID)) completed = false;
    if (!nodeDone(child)) completed = false;
    else if (step && !runOnExit(woc, step, child, ctx, boundaryID, scope, `steps.${step.name}`)) completed = false;
  }
  if (!completed) return woc.peekByName(sgName) as NodeStatus;
  for (const cid of children) {
    const child = woc.peek(cid);
    if (!child) continue;
    const step = stepsByChild.get(child.name) ?? {};
    if (failedOrError(child.phase) && !continuesOn(step, child.phase)) return woc.markNode(woc.byName(sgName) as NodeStatus, 'Failed', `child '${cid}' failed`);
  }
  return woc.markNode(woc.byName(sgName) as NodeStatus, 'Succeeded');
}
