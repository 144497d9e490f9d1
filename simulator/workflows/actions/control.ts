/**
 * `argo suspend | resume | stop | terminate | node set` (workflow/util): they only write the Workflow —
 * `spec.suspend`, `spec.shutdown`, or suspend nodes' phase/outputs — and the operator honours the change.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import { clone, isObj } from '../../cluster/types.js';
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { completed, isActiveSuspendNode, parseFieldSelector, selectorMatchesNode, specOf, statusOf } from './nodes.js';
import type { Node, NodeParam, WfStatus } from './nodes.js';

/** What an action needs from the world: the store and the virtual clock (a Sandbox fits). */
export interface ActionWorld {
  store: ObjectStore;
  now(): number;
}

export const WF_API = 'argoproj.io/v1alpha1';

export function getWorkflow(world: ActionWorld, namespace: string, name: string): StoredObject {
  return world.store.mustGet({ apiVersion: WF_API, kind: 'Workflow', namespace, name });
}

const iso = (world: ActionWorld): string => new Date(world.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

function write(world: ActionWorld, wf: StoredObject, spec: Record<string, unknown>, status: WfStatus): StoredObject {
  return world.store.update({ ...wf, spec, status } as KubeObject);
}

/** SuspendWorkflow: `spec.suspend: true` (completed workflows refuse). */
export function suspend(world: ActionWorld, namespace: string, name: string): StoredObject {
  const wf = getWorkflow(world, namespace, name);
  if (completed(statusOf(wf).phase)) throw new Error('cannot suspend completed workflows');
  const spec = specOf(wf);
  if (spec.suspend === true) return wf;
  return write(world, wf, { ...spec, suspend: true }, statusOf(wf));
}

/** OverrideOutputParametersWithDefault: supplied-but-unset outputs take their default, or resuming fails. */
function outputsWithDefaults(params: NodeParam[] | undefined): NodeParam[] | undefined {
  if (!params) return params;
  return params.map((p) => {
    const vf = p.valueFrom;
    if (!vf || vf.supplied === undefined) return p;
    if (vf.default === undefined) throw new Error(`raw output parameter '${p.name}' has not been set and does not have a default value`);
    const { valueFrom: _drop, ...rest } = p;
    return { ...rest, value: String(vf.default) };
  });
}

/** SetOperationValues of updateSuspendedNode. */
export interface NodeValues {
  /** What the API server's SetWorkflow accepts (workflow_server.go): Succeeded, Failed or Error. */
  phase?: 'Succeeded' | 'Failed' | 'Error';
  message?: string;
  outputParameters?: Record<string, string>;
}

/** AddParamToGlobalScope: an output with `globalName` becomes a workflow output too. */
function addGlobal(status: WfStatus, p: NodeParam): void {
  if (!p.globalName) return;
  const outputs = isObj(status.outputs) ? (status.outputs as { parameters?: NodeParam[] }) : {};
  const params = [...(outputs.parameters ?? [])];
  const i = params.findIndex((x) => x.name === p.globalName);
  const g: NodeParam = { name: p.globalName, value: p.value };
  if (i >= 0) params[i] = g;
  else params.push(g);
  status.outputs = { ...outputs, parameters: params };
}

/** updateSuspendedNode: set phase / message / supplied outputs on active suspend nodes matching the selector. */
export function updateSuspendedNodes(world: ActionWorld, namespace: string, name: string, nodeFieldSelector: string, values: NodeValues): StoredObject {
  const terms = parseFieldSelector(nodeFieldSelector);
  const wf = getWorkflow(world, namespace, name);
  const status = clone(statusOf(wf));
  const nodes = status.nodes ?? {};
  let updated = false;
  for (const [id, n] of Object.entries(nodes)) {
    if (!isActiveSuspendNode(n) || !selectorMatchesNode(terms, n)) continue;
    const node: Node = { ...n };
    if (values.phase) {
      node.phase = values.phase;
      node.finishedAt = iso(world);
      updated = true;
    }
    if (values.message) {
      node.message = values.message;
      updated = true;
    }
    const outs = Object.entries(values.outputParameters ?? {});
    if (outs.length) {
      if (!node.outputs) throw new Error('cannot set output parameters because node is not expecting any raw parameters');
      const params = [...(node.outputs.parameters ?? [])];
      for (const [pname, val] of outs) {
        const i = params.findIndex((p) => p.name === pname);
        if (i < 0) throw new Error(`node is not expecting output parameter '${pname}'`);
        if (!params[i].valueFrom || params[i].valueFrom?.supplied === undefined) {
          throw new Error(`cannot set output parameter '${pname}' because it does not use valueFrom.raw or it was already set`);
        }
        const { valueFrom: _drop, ...rest } = params[i];
        params[i] = { ...rest, value: val };
        addGlobal(status, params[i]);
        updated = true;
      }
      node.outputs = { ...node.outputs, parameters: params };
    }
    nodes[id] = node;
  }
  if (!updated) throw new Error(`currently, set only targets suspend nodes: no suspend nodes matching nodeFieldSelector: ${nodeFieldSelector}`);
  return write(world, wf, specOf(wf), { ...status, nodes });
}

/** ResumeWorkflow: clear `spec.suspend` and mark running suspend nodes Succeeded (or only those selected). */
export function resume(world: ActionWorld, namespace: string, name: string, nodeFieldSelector?: string): StoredObject {
  if (nodeFieldSelector) return updateSuspendedNodes(world, namespace, name, nodeFieldSelector, { phase: 'Succeeded' });
  const wf = getWorkflow(world, namespace, name);
  const spec = { ...specOf(wf) };
  const status = clone(statusOf(wf));
  let updated = false;
  if (spec.suspend === true) {
    delete spec.suspend;
    updated = true;
  }
  for (const [id, n] of Object.entries(status.nodes ?? {})) {
    if (!isActiveSuspendNode(n)) continue;
    const node: Node = { ...n, phase: 'Succeeded', finishedAt: iso(world) };
    const params = outputsWithDefaults(n.outputs?.parameters);
    if (params) node.outputs = { ...n.outputs, parameters: params };
    status.nodes![id] = node;
    updated = true;
  }
  return updated ? write(world, wf, spec, status) : wf;
}

function shutdown(world: ActionWorld, namespace: string, name: string, strategy: 'Stop' | 'Terminate'): StoredObject {
  const wf = getWorkflow(world, namespace, name);
  if (completed(statusOf(wf).phase)) throw new Error(`cannot shutdown a completed workflow: workflow: "${name}", namespace: "${namespace}"`);
  return write(world, wf, { ...specOf(wf), shutdown: strategy }, statusOf(wf));
}

/** StopWorkflow: `spec.shutdown: Stop` (exit handlers still run); with a selector, fail those suspend nodes. */
export function stop(world: ActionWorld, namespace: string, name: string, opts: { nodeFieldSelector?: string; message?: string } = {}): StoredObject {
  if (opts.nodeFieldSelector) return updateSuspendedNodes(world, namespace, name, opts.nodeFieldSelector, { phase: 'Failed', message: opts.message });
  return shutdown(world, namespace, name, 'Stop');
}

/** TerminateWorkflow: `spec.shutdown: Terminate` (no exit handlers). */
export function terminate(world: ActionWorld, namespace: string, name: string): StoredObject {
  return shutdown(world, namespace, name, 'Terminate');
}

/** `argo node set`: supply output parameters (and optionally phase/message) of a suspend node. */
export function setOutputs(world: ActionWorld, namespace: string, name: string, nodeFieldSelector: string, values: NodeValues): StoredObject {
  if (!nodeFieldSelector) throw new Error("'set' currently only targets suspend nodes, use a node field selector to target them");
  return updateSuspendedNodes(world, namespace, name, nodeFieldSelector, values);
}
