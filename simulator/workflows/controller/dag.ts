/** DAG templates (dag.go): tasks run when their dependencies allow; phase from the target tasks' branches. */
import { shouldExecute } from '../params/govaluate.js';
import { expandLoop, loopItems } from '../params/items.js';
import { Scope } from '../params/scope.js';
import { completed, failedOrError, fulfilled, nodeDone } from '../nodes/types.js';
import type { DagTask, NodePhase, NodeStatus, Template, WorkflowStep } from '../nodes/types.js';
import { evaluateDepends } from './depends.js';
import type { DepResult } from './depends.js';
import { dagShape } from './dagShape.js';
import type { DagShape, TaskNodes } from './dagShape.js';
import { executeTemplate } from './execute.js';
import type { ExecOpts } from './execute.js';
import { runHooks, runOnExit } from './hooks.js';
import { outboundNodes, outputsFromScope } from './outputs.js';
import { mergedVars, resolveRefs, skippedTemplate } from './refs.js';
import type { TmplCtx } from './tmplctx.js';
import { killDaemons } from './shutdown.js';
import { ParallelismReached } from './woc.js';
import type { Woc } from './woc.js';

interface DagCtx {
  woc: Woc;
  name: string;
  id: string;
  shape: DagShape;
  tasks: Map<string, DagTask>;
  deps: Map<string, string[]>;
  /** Node names and ids of the tasks (computed once per DAG node, not hashed on every lookup). */
  nodes: TaskNodes;
  /** By task number. */
  visited: Uint8Array;
  ctx: TmplCtx;
  tmpl: Template;
  o: ExecOpts;
}

const taskNodeName = (d: DagCtx, task: string): string => d.nodes.name(task);
/** A task's node, read-only (not copied: see Woc). */
const taskNode = (d: DagCtx, task: string): NodeStatus | undefined => d.woc.peek(d.nodes.id(task));

export function executeDag(woc: Woc, nodeName: string, ctx: TmplCtx, tmpl: Template, org: WorkflowStep, o: ExecOpts): NodeStatus {
  let node = woc.byName(nodeName);
  if (!node) {
    node = woc.initNode(nodeName, 'DAG', 'Running', { templateName: org.template, templateRef: org.templateRef, templateScope: ctx.scope, boundaryID: o.boundaryID, nodeFlag: o.nodeFlag });
    if (tmpl.inputs && (tmpl.inputs.parameters?.length || tmpl.inputs.artifacts?.length)) node.inputs = tmpl.inputs;
  }
  const shape = dagShape(tmpl.dag?.tasks ?? []);
  const d: DagCtx = { woc, name: nodeName, id: node.id, shape, tasks: shape.tasks, deps: shape.deps, nodes: shape.nodesOf(woc.name, nodeName), visited: new Uint8Array(shape.order.length), ctx, tmpl, o };
  const failFast = tmpl.dag?.failFast !== false && tmpl.failFast !== false;
  const targets = tmpl.dag?.target ? tmpl.dag.target.split(' ').filter(Boolean) : shape.leaves();
  for (const t of targets) executeTask(d, shape.index.get(t) ?? -1);
  const phase = assessPhase(d, targets, failFast);
  if (phase === 'Running') return node;
  node.outboundNodes = targetOutbound(d, targets);
  killDaemons(woc, node.id);
  if (phase !== 'Succeeded') return woc.markNode(node, phase);
  try {
    // Without declared outputs there is nothing to read from the scope (a big DAG's is costly to build).
    const outputs = tmpl.outputs ? outputsFromScope(woc, tmpl, dagScope(d)) : undefined;
    if (outputs) node.outputs = outputs;
  } catch (e) {
    return woc.markNode(node, 'Error', e instanceof Error ? e.message : String(e));
  }
  return woc.markNode(node, 'Succeeded');
}

function continuesOn(t: DagTask, phase: NodePhase): boolean {
  return (phase === 'Failed' && t.continueOn?.failed === true) || (phase === 'Error' && t.continueOn?.error === true);
}

/** `tasks.<name>.*` of every task that has a node (or, with `only`, of those tasks), aggregated for loops. */
function dagScope(d: DagCtx, only?: Iterable<string>): Scope {
  const scope = Scope.forTemplate(d.tmpl, d.woc.globals);
  for (const p of d.woc.status.outputs?.parameters ?? []) if (p.value !== undefined) scope.vars[`workflow.outputs.parameters.${p.name}`] = String(p.value);
  for (const name of only ?? d.tasks.keys()) {
    const n = taskNode(d, name);
    if (!n) continue;
    if (n.type === 'TaskGroup') {
      const kids = (n.children ?? []).map((id) => d.woc.peek(id)).filter((c): c is NodeStatus => !!c);
      scope.addAggregate(`tasks.${name}`, kids);
    }
    if (n.phase === 'Skipped' || n.phase === 'Omitted') scope.addSkipped(`tasks.${name}`, n, skippedTemplate(d.woc, d.ctx, d.tasks.get(name)));
    scope.addNode(`tasks.${name}`, n, (id) => d.woc.peek(id));
  }
  return scope;
}

function depResult(d: DagCtx, n: NodeStatus): DepResult {
  const r: DepResult = { phase: n.phase, daemoned: n.daemoned === true };
  if (n.type === 'TaskGroup') r.children = (n.children ?? []).map((id) => d.woc.peek(id)?.phase ?? 'Pending');
  return r;
}

function connect(d: DagCtx, taskName: string, nodeName: string, group?: NodeStatus): void {
  const deps = d.deps.get(taskName) ?? [];
  if (group) return d.woc.addChild(group.name, nodeName);
  if (deps.length === 0) return d.woc.addChild(d.name, nodeName);
  for (const dep of deps) {
    const dn = taskNode(d, dep);
    if (!dn) continue;
    // A pod is its own outbound node (outboundNodes' answer, without its walk for a fan-in's every parent).
    if (dn.type === 'Pod') {
      d.woc.addChild(dn.name, nodeName);
      continue;
    }
    for (const out of outboundNodes(d.woc, dn.id)) {
      const on = d.woc.peek(out);
      if (on) d.woc.addChild(on.name, nodeName);
    }
  }
}

/** buildLocalScopeFromTask: the task's ancestors' `tasks.*` variables, as they are now. */
function taskScope(d: DagCtx, taskName: string): Scope {
  return dagScope(d, [...d.shape.ancestors(taskName), taskName]);
}

/** A dependency's node: by number, or by name for one that is no task. */
function depNode(d: DagCtx, i: number, name: string): NodeStatus | undefined {
  return i >= 0 ? d.woc.peek(d.nodes.idAt(i)) : taskNode(d, name);
}

/** Task number `i` (-1: none), after its dependencies. */
function executeTask(d: DagCtx, i: number): void {
  if (i < 0 || d.visited[i] === 1) return;
  d.visited[i] = 1;
  const woc = d.woc;
  const taskName = d.shape.order[i] as string;
  const task = d.shape.byIndex[i] as DagTask;
  // (No closure here: this runs for every task on every reconcile.)
  let cached: Scope | undefined;
  // Without hooks, a finished task and a pod task are only read (their nodes are not copied).
  const seen = woc.peek(d.nodes.idAt(i));
  if (seen && !task.hooks && !task.onExit && (seen.type === 'Pod' || (fulfilled(seen.phase) && seen.type !== 'TaskGroup'))) return;
  const nodeName = taskNodeName(d, taskName);
  let node = seen ? woc.get(d.nodes.idAt(i)) : undefined;
  if (node && (fulfilled(node.phase) || node.phase === 'Running')) {
    if (task.hooks && !runHooks(woc, task, node, (cached ??= taskScope(d, taskName)), `tasks.${taskName}`, d.ctx, d.id)) return;
  }
  if (node && fulfilled(node.phase) && node.type !== 'TaskGroup') {
    if (completed(node.phase)) runOnExit(woc, task, node, d.ctx, d.id, (cached ??= taskScope(d, taskName)), `tasks.${taskName}`);
    return;
  }
  // A running pod is the pod reconciliation's business until it finishes.
  if (node && node.type === 'Pod') return;
  const deps = d.deps.get(taskName) ?? [];
  const depIdx = d.shape.depIdx[i] as number[];
  const group = node && node.type === 'TaskGroup' ? node : undefined;
  if (!node) {
    for (const j of depIdx) executeTask(d, j);
    // Every dependency done first (a big fan-in waits many reconciles), then their results.
    for (let k = 0; k < deps.length; k++) {
      const dn = depNode(d, depIdx[k] as number, deps[k] as string);
      if (!dn || !nodeDone(dn)) return;
    }
    const results: Record<string, DepResult> = {};
    for (let k = 0; k < deps.length; k++) results[deps[k] as string] = depResult(d, depNode(d, depIdx[k] as number, deps[k] as string) as NodeStatus);
    const logic = d.shape.logic(task);
    if (logic) {
      let execute: boolean;
      try {
        execute = evaluateDepends(logic, results);
      } catch (e) {
        woc.initNode(nodeName, 'Skipped', 'Error', { templateName: task.template, templateScope: d.ctx.scope, boundaryID: d.id, message: `unable to evaluate expression '${logic}': ${e instanceof Error ? e.message : String(e)}` });
        connect(d, taskName, nodeName);
        return;
      }
      if (!execute) {
        woc.initNode(nodeName, 'Skipped', 'Omitted', { templateName: task.template, templateRef: task.templateRef, templateScope: d.ctx.scope, boundaryID: d.id, message: 'omitted: depends condition not met' });
        connect(d, taskName, nodeName);
        return;
      }
    }
  }
  let expanded: DagTask[];
  let looping = false;
  try {
    if (d.shape.plain(task)) expanded = [task];
    else {
      const scope = (cached ??= taskScope(d, taskName));
      const vars = mergedVars(woc.globals, scope);
      const t = resolveRefs(task, vars, scope);
      const items = loopItems(t, task);
      looping = items !== undefined;
      expanded = items === undefined ? [t] : expandLoop(t, items, vars);
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (node) woc.markNode(node, 'Error', msg);
    else {
      woc.initNode(nodeName, 'Skipped', 'Error', { templateName: task.template, templateScope: d.ctx.scope, boundaryID: d.id, message: msg });
      connect(d, taskName, nodeName);
    }
    return;
  }
  let groupNode = group;
  if (looping && !groupNode) {
    if (expanded.length === 0) {
      woc.initNode(nodeName, 'Skipped', 'Skipped', { templateName: task.template, templateScope: d.ctx.scope, boundaryID: d.id, message: 'Skipped, empty params' });
      connect(d, taskName, nodeName);
      return;
    }
    connect(d, taskName, nodeName);
    groupNode = woc.initNode(nodeName, 'TaskGroup', 'Running', { templateName: task.template, templateRef: task.templateRef, templateScope: d.ctx.scope, boundaryID: d.id, nodeFlag: {} });
  }
  for (const t of expanded) {
    // (Loop children's names depend on their items: not kept.)
    const childName = looping ? `${d.name}.${t.name}` : taskNodeName(d, t.name);
    node = looping ? woc.byName(childName) : woc.get(d.nodes.id(t.name));
    if (!node) {
      connect(d, taskName, childName, groupNode);
      let proceed: boolean;
      try {
        proceed = shouldExecute(t.when);
      } catch (e) {
        woc.initNode(childName, 'Skipped', 'Error', { templateName: t.template, templateScope: d.ctx.scope, boundaryID: d.id, message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      if (!proceed) {
        woc.initNode(childName, 'Skipped', 'Skipped', { templateName: t.template, templateRef: t.templateRef, templateScope: d.ctx.scope, boundaryID: d.id, message: `when '${t.when}' evaluated false` });
        continue;
      }
    } else if (fulfilled(node.phase) && (node.type === 'Pod' || node.type === 'Skipped')) continue;
    try {
      node = executeTemplate(woc, childName, t, d.ctx, t.arguments, { boundaryID: d.id, onExitTemplate: d.o.onExitTemplate, refKind: 'task' });
    } catch (e) {
      if (e instanceof ParallelismReached) continue;
      throw e;
    }
    if (completed(node.phase) && !runOnExit(woc, task, node, d.ctx, d.id, (cached ??= taskScope(d, taskName)), `tasks.${taskName}`)) return;
  }
  if (groupNode) {
    let phase: NodePhase = 'Succeeded';
    for (const t of expanded) {
      const n = woc.peekByName(taskNodeName(d, t.name));
      if (!n || !fulfilled(n.phase)) return;
      if (failedOrError(n.phase)) phase = n.phase;
    }
    woc.markNode(groupNode, phase);
  }
}

/** assessDAGPhase: walk branches from the DAG's children; the targets' branch phases decide. */
function assessPhase(d: DagCtx, targets: string[], failFast: boolean): NodePhase {
  const woc = d.woc;
  if (woc.spec.shutdown && !d.o.onExitTemplate) {
    for (const t of targets) {
      const n = taskNode(d, t);
      if (!n || !fulfilled(n.phase)) return 'Running';
    }
    return 'Failed';
  }
  const targetIds = new Map<string, NodePhase | ''>();
  for (const t of targets) targetIds.set(d.nodes.id(t), '');
  // Read-only walk (nodes are copied only when marked), depth first from the last child: a stack of
  // [id, phase] pairs, kept as one frame per parent (its children, how many are left, their phase) instead of
  // a pair per child (a fan-out's thousands, on every reconcile, that the walk usually leaves at the first).
  const boundary = woc.peek(d.id);
  const frameIds: (readonly string[])[] = [];
  const frameLeft: number[] = [];
  const framePhase: NodePhase[] = [];
  if (boundary?.children?.length) {
    frameIds.push(boundary.children);
    frameLeft.push(boundary.children.length);
    framePhase.push('Succeeded');
  }
  const seen = new Map<string, NodePhase>();
  while (frameIds.length > 0) {
    const top = frameIds.length - 1;
    const left = frameLeft[top] as number;
    if (left === 0) {
      frameIds.pop();
      frameLeft.pop();
      framePhase.pop();
      continue;
    }
    frameLeft[top] = left - 1;
    const id = (frameIds[top] as readonly string[])[left - 1] as string;
    const incoming = framePhase[top] as NodePhase;
    const node = woc.peek(id);
    if (!node) return 'Running';
    let branch = incoming;
    if (!nodeDone(node)) {
      if (node.type !== 'TaskGroup' || !node.children?.length) return 'Running';
      let gp: NodePhase = 'Succeeded';
      for (const c of node.children) {
        const cn = woc.peek(c);
        if (!cn || !fulfilled(cn.phase)) return 'Running';
        if (failedOrError(cn.phase)) gp = cn.phase;
      }
      woc.markNode(woc.get(id) as NodeStatus, gp);
      branch = gp;
    } else if (completed(node.phase)) branch = node.phase;
    // A node reached again with the same phase adds nothing new.
    if (seen.get(id) === branch) continue;
    seen.set(id, branch);
    const prev = targetIds.get(id);
    if (prev !== undefined && !failedOrError(prev || undefined)) targetIds.set(id, branch);
    const kids = node.type === 'Retry' ? (node.children ?? []).filter((c) => !woc.peek(c)?.nodeFlag?.hooked) : node.children;
    if (kids === undefined || kids.length === 0) continue;
    frameIds.push(kids);
    frameLeft.push(kids.length);
    framePhase.push(branch);
  }
  let result: NodePhase = 'Succeeded';
  for (const t of targets) {
    const branch = targetIds.get(d.nodes.id(t));
    if (!branch) {
      result = 'Running';
      if (!failFast) break;
    } else if (failedOrError(branch)) {
      const task = d.tasks.get(t);
      if (task && continuesOn(task, branch)) continue;
      result = branch;
      if (failFast) break;
    }
  }
  return result;
}

function targetOutbound(d: DagCtx, targets: string[]): string[] {
  const out: string[] = [];
  for (const t of targets) {
    const n = taskNode(d, t);
    if (n) out.push(...outboundNodes(d.woc, n.id));
  }
  return out;
}
