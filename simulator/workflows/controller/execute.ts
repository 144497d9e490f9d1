/**
 * executeTemplate (operator.go): resolve the template a step/task refers to, process its arguments,
 * honour deadlines, parallelism and retryStrategy, then hand it to the executor for its type
 * (steps and dag here; pod, suspend and the rest in executors/).
 */
import { parseDuration } from '../../core/clock.js';
import { processArgs, substituteParams } from '../params/args.js';
import type { Vars } from '../params/template.js';
import { executorFor, reexecutes } from '../executors/index.js';
import { acquireOrWait, runSynchronized } from '../sync/index.js';
import type { NodeFlagLike } from '../executors/flags.js';
import { fulfilled } from '../nodes/types.js';
import type { Arguments, NodeStatus, NodeType, Template, WorkflowStep } from '../nodes/types.js';
import { executeDag } from './dag.js';
import { processNodeRetries, retryChildren } from './retry.js';
import { executeSteps } from './steps.js';
import { resolveTemplate } from './tmplctx.js';
import type { TmplCtx } from './tmplctx.js';
import { MAX_STACK_DEPTH, MaxDepthExceeded, ParallelismReached } from './woc.js';
import type { Woc } from './woc.js';

export interface ExecOpts {
  boundaryID: string;
  onExitTemplate?: boolean;
  nodeFlag?: NodeFlagLike;
  /** What refers to the template: sets `{{steps.name}}` or `{{tasks.name}}`. */
  refKind?: 'step' | 'task';
}

function nodeTypeOf(t: Template): NodeType {
  if (t.container || t.script || t.resource || t.data || t.containerSet) return 'Pod';
  if (t.steps) return 'Steps';
  if (t.dag) return 'DAG';
  if (t.suspend) return 'Suspend';
  if (t.http) return 'HTTP';
  if (t.plugin) return 'Plugin';
  return 'Skipped';
}

const isPodType = (t: Template): boolean => nodeTypeOf(t) === 'Pod';

/** initializeNodeOrMarkError: an error on a node that may not exist yet. */
function errorNode(woc: Woc, existing: NodeStatus | undefined, nodeName: string, ctx: TmplCtx, org: WorkflowStep, o: ExecOpts, err: unknown): NodeStatus {
  const message = err instanceof Error ? err.message : String(err);
  if (existing) return woc.markNode(woc.byName(nodeName) as NodeStatus, 'Error', message);
  return woc.initNode(nodeName, 'Skipped', 'Error', {
    templateName: org.template,
    templateRef: org.templateRef,
    templateScope: ctx.scope,
    boundaryID: o.boundaryID,
    message,
    nodeFlag: o.nodeFlag,
  });
}

function retryStrategyOf(woc: Woc, t: Template) {
  return t.retryStrategy ?? woc.spec.retryStrategy;
}

/** Templates running under a boundary with `parallelism`, or the workflow's, wait their turn. */
function checkParallelism(woc: Woc, tmpl: Template, node: NodeStatus | undefined, boundaryID: string): void {
  if (node) return;
  if (woc.spec.parallelism !== undefined && isPodType(tmpl) && woc.activePods >= woc.spec.parallelism) throw new ParallelismReached('workflow parallelism reached');
  if (!boundaryID) return;
  const boundary = woc.peek(boundaryID);
  const bt = boundary ? templateOfNode(woc, boundary) : undefined;
  if (!boundary || bt?.parallelism === undefined) return;
  // Running children under the boundary (leaf nodes and nested groups alike).
  let running = 0;
  for (const n of woc.nodeList()) {
    if (n.boundaryID === boundaryID && !fulfilled(n.phase) && n.type !== 'StepGroup' && n.type !== 'TaskGroup' && !n.nodeFlag?.retried) running++;
  }
  if (running >= bt.parallelism) throw new ParallelismReached(`template parallelism reached`);
}

/** The template a node ran (by name in the workflow or its stored copy). */
export function templateOfNode(woc: Woc, node: NodeStatus): Template | undefined {
  return woc.nodeTemplates.get(node.id) ?? (node.templateName ? woc.template(node.templateName) : undefined);
}

function timeoutMs(v: string | number | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'number') return v * 1000;
  return /^\d+$/.test(v) ? Number(v) * 1000 : parseDuration(v);
}

/** Processed templates by (template, arguments) identity: big steps/DAG templates are not re-substituted every reconcile. */
const PROCESSED = new WeakMap<Template, WeakMap<object, { globals: string; locals: string; tmpl: Template }>>();
const NO_ARGS = {};

/** JSON of the globals last seen for a spec, with the entries it was made from (compared, not re-serialized). */
const GLOBALS_JSON = new WeakMap<object, { keys: string[]; values: unknown[]; json: string }>();

/** `JSON.stringify(woc.globals)`, reused while the globals hold the same entries in the same order. */
function globalsJson(woc: Woc): string {
  const g = woc.globals;
  const last = GLOBALS_JSON.get(woc.spec);
  if (last) {
    let i = 0;
    let same = true;
    for (const k in g) {
      if (last.keys[i] !== k || last.values[i] !== g[k]) {
        same = false;
        break;
      }
      i++;
    }
    if (same && i === last.keys.length) return last.json;
  }
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const k in g) {
    keys.push(k);
    values.push(g[k]);
  }
  const json = JSON.stringify(g);
  GLOBALS_JSON.set(woc.spec, { keys, values, json });
  return json;
}

export function processArgsCached(woc: Woc, base: Template, args: Arguments | undefined, locals: Vars): Template {
  const frozen = Object.isFrozen(base) && (args === undefined || Object.isFrozen(args));
  if (!frozen || base.inputs?.parameters?.some((p) => p.valueFrom?.configMapKeyRef)) {
    return processArgs(base, args, woc.globals, locals, { store: woc.ctx.store, namespace: woc.namespace });
  }
  // Compared apart, not concatenated: the globals' JSON is usually the very string of the last call.
  const globals = globalsJson(woc);
  const localsJson = JSON.stringify(locals);
  let byArgs = PROCESSED.get(base);
  if (!byArgs) PROCESSED.set(base, (byArgs = new WeakMap()));
  const hit = byArgs.get(args ?? NO_ARGS);
  if (hit && hit.globals === globals && hit.locals === localsJson) return hit.tmpl;
  const tmpl = processArgs(base, args, woc.globals, locals, { store: woc.ctx.store, namespace: woc.namespace });
  byArgs.set(args ?? NO_ARGS, { globals, locals: localsJson, tmpl });
  return tmpl;
}

/**
 * The node returned is for reading (it may be the stored, frozen one): the node is copied only where
 * this reconcile changes it.
 */
export function executeTemplate(woc: Woc, nodeName: string, org: WorkflowStep, ctx: TmplCtx, args: Arguments | undefined, o: ExecOpts): NodeStatus {
  let node = woc.peekByName(nodeName);
  // Fast path: a finished node (and a running leaf node) is what it is.
  if (node && fulfilled(node.phase) && (node.type === 'Pod' || node.type === 'Skipped' || woc.childrenFulfilled(node))) return node;
  woc.stackDepth++;
  try {
    if (woc.stackDepth >= MAX_STACK_DEPTH) return errorNode(woc, node, nodeName, ctx, org, o, new MaxDepthExceeded());
    let resolved: { tmpl: Template; ctx: TmplCtx };
    try {
      resolved = resolveTemplate(woc, ctx, org);
    } catch (e) {
      return errorNode(woc, node, nodeName, ctx, org, o, e);
    }
    const base: Template = woc.spec.templateDefaults ? { ...woc.spec.templateDefaults, ...resolved.tmpl } : resolved.tmpl;
    // A running pod is left to pod reconciliation (unless its executor polls, or a timeout must be watched).
    if (node && node.type === 'Pod' && !fulfilled(node.phase) && base.timeout === undefined && !reexecutes(executorFor(base), woc, node)) return node;
    const locals: Vars = { 'node.name': nodeName };
    if (isPodType(base) && !retryStrategyOf(woc, base)) locals['pod.name'] = woc.podName(nodeName, org.templateRef?.template ?? base.name ?? '');
    // Upstream wraps the entrypoint and hooks in a WorkflowStep too: `{{steps.name}}` is '' there.
    if (o.refKind === 'task') locals['tasks.name'] = org.name ?? '';
    else locals['steps.name'] = org.name ?? '';
    let tmpl: Template;
    try {
      tmpl = processArgsCached(woc, base, args, locals);
    } catch (e) {
      return errorNode(woc, node, nodeName, ctx, org, o, e);
    }
    if (!node && woc.shutdown && !(woc.shutdown === 'Stop' && o.onExitTemplate)) {
      // Shut down: what has not started yet will not start.
      return woc.initNode(nodeName, nodeTypeOf(tmpl), 'Failed', {
        templateName: org.template,
        templateRef: org.templateRef,
        templateScope: resolved.ctx.scope,
        boundaryID: o.boundaryID,
        message: woc.shutdownMessage,
        nodeFlag: o.nodeFlag,
      });
    }
    // Template `timeout`: the node fails once it has run that long.
    const timeout = timeoutMs(tmpl.timeout);
    if (node && timeout !== undefined && node.startedAt && !fulfilled(node.phase)) {
      const due = Date.parse(node.startedAt) + timeout;
      if (woc.now() >= due) {
        // The template's timeout stops its pod too.
        const pod = woc.pods.get(node.id);
        if (pod && !pod.metadata.deletionTimestamp) {
          try {
            woc.ctx.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: woc.namespace, name: pod.metadata.name });
          } catch {
            // already gone
          }
        }
        return woc.markNode(woc.byName(nodeName) as NodeStatus, 'Failed', `${nodeName} exceeded its deadline`);
      }
      woc.requeue(due - woc.now());
    }
    if (node && node.type === 'Pod' && !fulfilled(node.phase) && !reexecutes(executorFor(base), woc, node)) return node;
    checkParallelism(woc, tmpl, node, o.boundaryID);

    const rs = retryStrategyOf(woc, tmpl);
    let retryNode: NodeStatus | undefined;
    let runName = nodeName;
    let flag = o.nodeFlag;
    if (rs && nodeTypeOf(tmpl) !== 'Skipped') {
      if (tmpl.synchronization) {
        // Upstream takes the locks for the Retry node (held across attempts); its attempts take none of their own.
        const waiting = acquireOrWait(woc, { nodeName, templateScope: resolved.ctx.scope, tmpl, orgTmpl: org, boundaryID: o.boundaryID, nodeFlag: o.nodeFlag }, 'Retry');
        if (waiting) return waiting;
        node = woc.byName(nodeName);
        tmpl = { ...tmpl, synchronization: undefined };
      }
      retryNode =
        (node && woc.byName(nodeName)) ??
        woc.initNode(nodeName, 'Retry', 'Running', {
          templateName: org.template,
          templateRef: org.templateRef,
          templateScope: resolved.ctx.scope,
          boundaryID: o.boundaryID,
          nodeFlag: o.nodeFlag,
        });
      if (tmpl.inputs && (tmpl.inputs.parameters?.length || tmpl.inputs.artifacts?.length)) retryNode.inputs = tmpl.inputs;
      woc.nodeTemplates.set(retryNode.id, tmpl);
      flag = { ...(o.nodeFlag ?? {}), retried: true };
      if (!processNodeRetries(woc, retryNode, rs)) {
        if (fulfilled(retryNode.phase)) {
          const last = retryChildren(woc, retryNode).pop();
          if (last?.outputs) retryNode.outputs = last.outputs;
        }
        return retryNode;
      }
      const children = retryChildren(woc, retryNode);
      const last = children[children.length - 1];
      let n: number;
      if (last && !fulfilled(last.phase)) {
        runName = last.name;
        n = children.length - 1;
      } else {
        n = children.length;
        runName = `${nodeName}(${n})`;
        woc.addChild(nodeName, runName);
      }
      const rlocals: Vars = { retries: String(n) };
      if (isPodType(tmpl)) rlocals['pod.name'] = woc.podName(runName, org.templateRef?.template ?? tmpl.name ?? '');
      rlocals['lastRetry.exitCode'] = last?.outputs?.exitCode ?? '0';
      rlocals['lastRetry.status'] = last?.phase ?? '';
      rlocals['lastRetry.message'] = last?.message ?? '';
      try {
        tmpl = substituteParams(tmpl, woc.globals, rlocals);
      } catch (e) {
        return errorNode(woc, woc.byName(runName), runName, ctx, org, o, e);
      }
      node = woc.byName(runName);
      if (node && fulfilled(node.phase) && (node.type === 'Pod' || woc.childrenFulfilled(node))) return retryNode;
    }

    const type = nodeTypeOf(tmpl);
    let result: NodeStatus;
    const sub = { ...o, nodeFlag: flag };
    // Steps/DAG take their template's locks here and hold them while any child runs (leaf executors take their own).
    const req = { nodeName: runName, templateScope: resolved.ctx.scope, tmpl, orgTmpl: org, boundaryID: o.boundaryID, nodeFlag: flag };
    if (type === 'Steps') result = runSynchronized(woc, req, type, () => executeSteps(woc, runName, resolved.ctx, tmpl, org, sub));
    else if (type === 'DAG') result = runSynchronized(woc, req, type, () => executeDag(woc, runName, resolved.ctx, tmpl, org, sub));
    else {
      const ex = executorFor(tmpl);
      if (!ex) {
        const msg = `Template '${tmpl.name ?? ''}' missing specification`;
        return errorNode(woc, node, runName, ctx, org, o, new Error(msg));
      }
      result = ex.execute(woc, { nodeName: runName, templateScope: resolved.ctx.scope, tmpl, orgTmpl: org, boundaryID: o.boundaryID, nodeFlag: flag });
    }
    woc.nodeTemplates.set(result.id, tmpl);
    if (retryNode) {
      if (fulfilled(result.phase) && !fulfilled(retryNode.phase)) {
        processNodeRetries(woc, retryNode, rs as NonNullable<typeof rs>);
        if (fulfilled(retryNode.phase) && result.outputs) retryNode.outputs = result.outputs;
        // Backoff over: the next attempt starts now.
        if (!fulfilled(retryNode.phase) && !retryNode.message?.startsWith('Backoff')) woc.requeue(0);
      }
      if (result.daemoned && !retryNode.daemoned) retryNode.daemoned = true;
      return retryNode;
    }
    return result;
  } finally {
    woc.stackDepth--;
  }
}

